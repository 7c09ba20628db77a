"""The content query against the naive loop, on the emulator with the real server's latencies.

2,000 pages, a tenth of them tagged `target`. Side by side in one run:
1. `query().filter(tags=["target"]).order_by("-updated_at").fields("content")[0:20]` against
   the naive loop (list the pages, read each match, sort, slice): time, HTTP requests, ratio
   (goals: at most 2 requests, at least 20x faster);
2. `count()` and a `descendant_of` listing: HTTP requests (goal: 1 each);
3. the same query again with a MemoryCache: HTTP requests (goal: 0).

Run: `python -m bench query` (or `python3 dev.py bench query`). BENCH_QUERY_PAGES changes the
page count.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bench._env import env_number
from wikijs_typed import WikiJSClient
from wikijs_typed.cache import MemoryCache
from wikijs_typed.testing import LatencyProfile, WikiJSEmulator

PAGES = env_number("BENCH_QUERY_PAGES", 2000)
TAG = "target"
# Each side runs this many times, alternating; the fastest run of each is compared (the
# machine is shared, and a slow run says more about the neighbours than about the code).
ROUNDS = 3


def seeded() -> WikiJSEmulator:
    emulator = WikiJSEmulator()
    for n in range(PAGES):
        tags = ["bench", TAG] if n % 10 == 0 else ["bench"]
        section = f"section-{n % 20}"
        emulator.seed_page(f"bench/{section}/page-{n}", f"Page {n}", f"Body {n}", tags=tags)
    emulator.latency = LatencyProfile()
    return emulator


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def requests_of(emulator: WikiJSEmulator, action: Callable[[], object]) -> tuple[float, int]:
    emulator.requests.clear()
    elapsed, _ = timed(action)
    return elapsed, len(emulator.requests)


def main() -> None:
    emulator = seeded()
    client = WikiJSClient(emulator.base_url, emulator.api_key, transport=emulator.transport())
    client.pages.list(limit=1)  # warm up

    def naive() -> list[str]:
        listed = client.pages.list()
        matches = [client.pages.get(page.id) for page in listed if TAG in page.tags]
        matches.sort(key=lambda page: page.updated_at, reverse=True)
        return [page.content or "" for page in matches[:20]]

    query = client.pages.query().filter(tags=[TAG]).order_by("-updated_at").fields("content")

    def queried() -> list[str]:
        return [item.content for item in query[0:20].items]

    runs = [(requests_of(emulator, naive), requests_of(emulator, queried)) for _ in range(ROUNDS)]
    slow, slow_requests = min(naive_run for naive_run, _ in runs)
    fast, fast_requests = min(query_run for _, query_run in runs)
    if naive() != queried():
        raise SystemExit("the query and the naive loop disagree")
    print(
        f"  {PAGES} pages, filter(tags).order_by('-updated_at').fields('content')[0:20], "
        f"best of {ROUNDS}: naive loop {slow:.3f} s ({slow_requests} requests) | "
        f"query {fast:.3f} s ({fast_requests} requests) | {slow / fast:.1f}x faster "
        "(goals: <= 2 requests, >= 20x)"
    )
    count_time, count_requests = requests_of(emulator, query.count)
    tree = client.pages.query().descendant_of("bench/section-3")
    tree_time, tree_requests = requests_of(emulator, tree.fetch)
    print(
        f"  count(): {count_requests} request in {count_time * 1000:.1f} ms | descendant_of "
        f"listing: {tree_requests} request in {tree_time * 1000:.1f} ms (goal: 1 each)"
    )
    cached = WikiJSClient(
        emulator.base_url, emulator.api_key, transport=emulator.transport(), cache=MemoryCache()
    )
    again = cached.pages.query().filter(tags=[TAG]).order_by("-updated_at").fields("content")
    first, first_requests = requests_of(emulator, lambda: again[0:20])
    repeat, repeat_requests = requests_of(emulator, lambda: again[0:20])
    print(
        f"  with a MemoryCache: first run {first * 1000:.1f} ms ({first_requests} requests), "
        f"repeated {repeat * 1000:.1f} ms ({repeat_requests} requests) (goal: 0)"
    )
    client.close()
    cached.close()


if __name__ == "__main__":
    main()
