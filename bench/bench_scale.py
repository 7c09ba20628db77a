"""The content API's bursts and scale (issue 23, items 5 and 6), side by side in one run.

In-process, over the emulator (ASGI, no sockets), with the response memo off so that every
request is evaluated:

- bursts: requests that reach the wiki when 50 readers ask for one cold page at once, and
  for one cold listing with content, next to what one reader alone costs; 20 different
  cold pages at once;
- warm request costs (the listing and the pages already cached) at 100, 3,000 and 30,000
  pages, with a MemoryCache and (when `redis-server` is installed) a RedisCache on a
  private redis-server: a detail view of a different page each time, a small
  `child_of` listing, a `descendant_of` listing with an offset, a plain listing with an
  offset. The goal: the same cost (within 2x) whatever the size of the wiki.

The hot throughput with and without uvicorn's access log is in `bench_api`.

Run: `python -m bench scale` (BENCH_SCALE_SIZES=100,3000 to choose the sizes).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import httpx

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SCALE_SIZES", "100,3000,30000").split(","))
SECTIONS = 10
ROUNDS = 100
HOST = "http://api.bench"


@contextmanager
def _bulk_seeding(emulator: Any) -> Iterator[None]:
    """Seeding many pages without the emulator's per-write work over the whole wiki (tree
    rebuild, link reconnection, duplicate scan), which makes seeding quadratic; the tree is
    rebuilt once at the end. The bench's paths are distinct and link to nothing."""
    from wikijs_typed.testing._wiki import pages as emulated

    db = emulator.wiki.db
    saved = emulated.rebuild_tree_job, emulated.reconnect_links
    emulated.rebuild_tree_job = lambda wiki: None
    emulated.reconnect_links = lambda *args, **kwargs: None
    db.find_page = lambda locale, path: None
    try:
        yield
    finally:
        emulated.rebuild_tree_job, emulated.reconnect_links = saved
        del db.find_page
        emulated.rebuild_tree(db)


def seed(emulator: Any, count: int) -> tuple[list[int], list[int]]:
    """`count` pages in SECTIONS sections of small folders (10 pages each); returns the
    pages' ids and the folders' own pages' ids."""
    with _bulk_seeding(emulator):
        folders = [
            emulator.seed_page(f"docs/folder-{n}", f"Folder {n}")
            for n in range(max(1, count // 10))
        ]
        pages = [
            emulator.seed_page(f"docs/folder-{n // 10}/page-{n}", f"Page {n}", f"Body {n}")
            for n in range(count)
        ]
    return pages, folders


@contextmanager
def _redis_server() -> Iterator[str | None]:
    """The URL of a private redis-server for the run, or None when none is installed."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(500):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.02)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _cache(redis_url: str | None, prefix: str) -> Any:
    from wikijs_typed.cache import MemoryCache, RedisCache

    if redis_url is None:
        return MemoryCache(max_size=100_000)
    return RedisCache(redis_url, max_size=100_000, prefix=prefix)


@asynccontextmanager
async def _api(emulator: Any, cache: Any = None) -> AsyncIterator[httpx.AsyncClient]:
    """One API (its own client, a MemoryCache unless given a cache, memo off) on `emulator`."""
    from wikijs_typed import AsyncWikiJSClient
    from wikijs_typed.api import ApiSettings, create_app

    client = AsyncWikiJSClient(
        emulator.base_url,
        emulator.api_key,
        cache=cache if cache is not None else _cache(None, ""),
        transport=emulator.async_transport(),
    )
    app = create_app(client, settings=ApiSettings(memo_seconds=0))
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=HOST) as http:
            yield http
    finally:
        await client.close()


async def _burst(urls: list[str]) -> int:
    """Requests a fresh 200-page wiki serves while one fresh API answers `urls` at once."""
    from wikijs_typed.testing import WikiJSEmulator

    emulator = WikiJSEmulator()
    pages, _ = seed(emulator, 200)
    async with _api(emulator) as http:
        emulator.requests.clear()
        answers = await asyncio.gather(*(http.get(url.format(pages=pages)) for url in urls))
    if {answer.status_code for answer in answers} != {200}:
        raise RuntimeError(f"a burst request failed: {answers[0].status_code}")
    return len(emulator.requests)


async def bursts() -> None:
    page = "/api/v2/pages/{pages[0]}/"
    listing = "/api/v2/pages/?fields=content&limit=10"
    print("bursts: requests reaching the wiki (200 pages, guests audience, cold cache)")
    for name, url in (("one page", page), ("one listing with content", listing)):
        alone, burst = await _burst([url]), await _burst([url] * 50)
        print(f"  {name:26}: 1 reader {alone:3}   50 readers {burst:3}")
    different = [f"/api/v2/pages/{{pages[{n}]}}/" for n in range(20)]
    one = await _burst(different[:1])
    print(f"  {'20 different pages':26}: 1 reader {one:3}   20 readers {await _burst(different):3}")


async def _timed(http: httpx.AsyncClient, urls: list[str]) -> float:
    """The median milliseconds of one request, made one at a time (the median: the machine
    may be busy with something else now and then)."""
    times: list[float] = []
    for url in urls:
        started = time.perf_counter()
        answer = await http.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if answer.status_code != 200:
            raise RuntimeError(f"GET {url} answered {answer.status_code}: {answer.text}")
    return statistics.median(times)


async def warm_costs(count: int, redis_url: str | None) -> dict[str, dict[str, float]]:
    """{cache: {request shape: ms}} on one wiki of `count` pages."""
    from wikijs_typed.testing import WikiJSEmulator

    emulator = WikiJSEmulator()
    pages, folders = seed(emulator, count)
    details = [f"/api/v2/pages/{pages[n * count // ROUNDS]}/?fields=title" for n in range(ROUNDS)]
    shapes: dict[str, list[str]] = {
        "detail": details,
        "child_of": [
            f"/api/v2/pages/?child_of={folders[n % len(folders)]}&limit=5" for n in range(ROUNDS)
        ],
        "descendant_of+offset": [
            f"/api/v2/pages/?descendant_of={folders[n % len(folders)]}&offset=2&limit=5"
            for n in range(ROUNDS)
        ],
        "listing+offset": [
            f"/api/v2/pages/?offset={n * 7 % (count - 10)}&limit=10" for n in range(ROUNDS)
        ],
    }
    caches = {"MemoryCache": None, **({"RedisCache": redis_url} if redis_url else {})}
    costs: dict[str, dict[str, float]] = {}
    for cache_name, url in caches.items():
        async with _api(emulator, _cache(url, f"bench-scale-{count}:")) as http:
            for urls in shapes.values():  # warms the cache: the listing, the pages shown
                await _timed(http, urls)
            emulator.requests.clear()
            costs[cache_name] = {name: await _timed(http, urls) for name, urls in shapes.items()}
            if emulator.requests:
                raise RuntimeError(f"warm requests reached the wiki: {len(emulator.requests)}")
    return costs


async def scale() -> None:
    print(f"warm request cost, median ms (memo off, {ROUNDS} requests each, in-process)")
    with _redis_server() as redis_url:
        table = {count: await warm_costs(count, redis_url) for count in SIZES}
    for cache_name in table[SIZES[0]]:
        names = list(table[SIZES[0]][cache_name])
        print(f"  {cache_name}")
        print("  " + f"{'pages':>8}" + "".join(f"{name:>22}" for name in names))
        for count, costs in table.items():
            row = costs[cache_name]
            print("  " + f"{count:>8}" + "".join(f"{row[name]:>22.2f}" for name in names))
        smallest, largest = table[SIZES[0]][cache_name], table[SIZES[-1]][cache_name]
        ratios = {name: largest[name] / smallest[name] for name in names}
        shown = ", ".join(f"{name} {ratio:.1f}x" for name, ratio in ratios.items())
        verdict = "ok" if all(ratio <= 2 for ratio in ratios.values()) else "above the goal"
        print(f"  {SIZES[-1]} / {SIZES[0]} pages: {shown} (goal: within 2x) {verdict}")


def _run(step: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(step())


def main() -> None:
    _run(bursts)
    _run(scale)


if __name__ == "__main__":
    main()
