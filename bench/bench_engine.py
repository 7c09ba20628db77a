"""What the engine layer buys, measured over real HTTP, printed side by side.

Against the emulator (`wikijs_typed.testing`, served on loopback) with the real server's
latencies injected, and against a real Wiki.js too when WIKIJS_URL and WIKIJS_API_KEY are set:

1. fetching 500 pages with content: one `execute_many` (JSON-array POSTs, 50 a chunk, 4 at a
   time) against 500 sequential `get_page` calls, and the same through the facade,
   `pages.get_many` against `pages.get` in a loop (goal: at least 10x faster);
1b. 100 pages with content: `pages.get_many` and `try_get_many` (sync and async) against a
   hand-written httpx script POSTing the same document in the same chunks, as a per-round
   paired ratio (goal: at most 1.05x; BENCH_BATCH_ROUNDS changes the rounds);
2. 200 concurrent async `get_page` calls: how many HTTP requests they make (goal: at most 5);
3. a cache hit through the generated client: median microseconds (goal: under 20) and HTTP
   requests made (goal: none); and what a hit on `pages.get` and on `graphql.get_page` costs
   against one `model_validate` of the same data, sync and async, with a MemoryCache and (when
   a redis-server can be started) a RedisCache (goal: at most 1x; Redis adds its round trip);
   and what `pages.get_many` of 100 cached pages costs against 100 such validations (goal:
   at most 1x: a batched hit costs what a single read's hit costs);
4. the overhead of the whole stack per uncached call against a bare httpx POST of the same
   document, both over one keep-alive connection, latency off (goal: under 15% at the median).

Run: `python -m bench engine` (or `python3 dev.py bench engine`). BENCH_ENGINE_PAGES changes
the page count.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass

import httpx
from wikijs_graphql import AsyncGraphQLClient, GraphQLClient
from wikijs_graphql.get_page import GetPage
from wikijs_graphql.operations import OPERATIONS

from bench._env import env_number
from wikijs_typed import AsyncWikiJSClient, WikiJSClient
from wikijs_typed._pipeline._async.engine import AsyncEngine
from wikijs_typed._pipeline._sync.engine import SyncEngine
from wikijs_typed._pipeline.engine import DEFAULT_CHUNK_SIZE, DEFAULT_CONCURRENCY
from wikijs_typed._pipeline.operation import GraphQLRequest, GraphQLResult
from wikijs_typed.auth import APIKeyAuth
from wikijs_typed.cache import MemoryCache
from wikijs_typed.cache._base import BaseCache
from wikijs_typed.models import Page

PAGES = env_number("BENCH_ENGINE_PAGES", 500)
CONCURRENT = 200
CACHE_HITS = 20_000
OVERHEAD_ROUNDS = 2_000


@dataclass
class Target:
    name: str
    url: str
    api_key: str
    page_ids: list[int]


class RequestCounter:
    """Counts the HTTP requests an httpx client sends (an event hook)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, request: httpx.Request) -> None:
        self.count += 1

    async def acount(self, request: httpx.Request) -> None:
        self.count += 1


def sync_engine(target: Target, counter: RequestCounter, **options: object) -> SyncEngine:
    http = httpx.Client(
        base_url=target.url,
        auth=APIKeyAuth(target.api_key),
        timeout=60,
        event_hooks={"request": [counter]},
    )
    cache = options.get("cache")
    return SyncEngine(http, cache=cache if isinstance(cache, MemoryCache) else None)


def get_page_request(page_id: int) -> GraphQLRequest:
    info = OPERATIONS["GetPage"]
    return GraphQLRequest(info.document, info.name, {"id": page_id}, info)


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


# -- 1. many pages --------------------------------------------------------------------------


def many_pages(target: Target) -> None:
    ids = target.page_ids[:PAGES]
    counter = RequestCounter()
    engine = sync_engine(target, counter)
    client = GraphQLClient(engine)
    client.get_page(id=ids[0])  # connect and warm up

    def sequential() -> None:
        for page_id in ids:
            client.get_page(id=page_id)

    def batched() -> None:
        for outcome in engine.execute_many([get_page_request(i) for i in ids]):
            if not isinstance(outcome, GraphQLResult):
                raise outcome
            GetPage.model_validate(client.get_data(outcome))

    before = counter.count
    one_by_one = timed(sequential)
    sequential_requests = counter.count - before
    before = counter.count
    together = timed(batched)
    batched_requests = counter.count - before
    engine.close()
    print(
        f"  {len(ids)} pages with content: sequential {one_by_one:.3f} s "
        f"({sequential_requests} requests) | execute_many {together:.3f} s "
        f"({batched_requests} requests) | {one_by_one / together:.1f}x faster (goal >= 10x)"
    )


def many_pages_through_the_facade(target: Target) -> None:
    """The same, as users write it: `pages.get_many(ids)` against `pages.get(id)` in a loop
    (both return complete `Page` models)."""
    ids = target.page_ids[:PAGES]
    counter = RequestCounter()
    http = httpx.Client(timeout=60, event_hooks={"request": [counter]})
    with WikiJSClient(target.url, target.api_key, http_client=http) as client:
        client.pages.get(ids[0])  # connect and warm up
        before = counter.count
        one_by_one = timed(lambda: [client.pages.get(page_id) for page_id in ids])
        sequential_requests = counter.count - before
        before = counter.count
        together = timed(lambda: client.pages.get_many(ids))
        batched_requests = counter.count - before
    http.close()
    print(
        f"  {len(ids)} pages via the facade: pages.get x{len(ids)} {one_by_one:.3f} s "
        f"({sequential_requests} requests) | pages.get_many {together:.3f} s "
        f"({batched_requests} requests) | {one_by_one / together:.1f}x faster (goal >= 10x)"
    )


# -- 1b. batched reads against bare httpx -----------------------------------------------------

BATCH_PAGES = 100
BATCH_ROUNDS = env_number("BENCH_BATCH_ROUNDS", 40)
BATCH_GOAL = 1.05


def _paired_ratio(ours: Callable[[], object], bare: Callable[[], object], rounds: int) -> float:
    """The median over rounds of ours / bare, the two run back to back in each round (taking
    turns at going first): a ratio per round cancels the machine's slower and faster spells."""
    ratios = []
    for round_ in range(rounds):
        pair = (bare, ours) if round_ % 2 else (ours, bare)
        times = {f: timed(f) for f in pair}
        ratios.append(times[ours] / times[bare])
    return statistics.median(ratios)


async def _apaired_ratio(
    ours: Callable[[], Awaitable[object]], bare: Callable[[], Awaitable[object]], rounds: int
) -> float:
    ratios = []
    for round_ in range(rounds):
        pair = (bare, ours) if round_ % 2 else (ours, bare)
        times = {}
        for call in pair:
            started = time.perf_counter()
            await call()
            times[call] = time.perf_counter() - started
        ratios.append(times[ours] / times[bare])
    return statistics.median(ratios)


class BareBatches:
    """What a hand-written script does to read pages in batches: the document `get_page`
    sends, as JSON-array POSTs of `DEFAULT_CHUNK_SIZE` ids, `DEFAULT_CONCURRENCY` at a time,
    each answer decoded."""

    def __init__(self, target: Target, ids: list[int]) -> None:
        self.document = sent_by_generated_client(ids[0]).document
        self.chunks = [
            ids[i : i + DEFAULT_CHUNK_SIZE] for i in range(0, len(ids), DEFAULT_CHUNK_SIZE)
        ]
        self.headers = {"Authorization": f"Bearer {target.api_key}"}

    def body(self, chunk: list[int]) -> list[dict[str, object]]:
        return [
            {"query": self.document, "operationName": "GetPage", "variables": {"id": page_id}}
            for page_id in chunk
        ]

    def read(self, http: httpx.Client) -> list[object]:
        from concurrent.futures import ThreadPoolExecutor

        def post(chunk: list[int]) -> object:
            response = http.post("/graphql", json=self.body(chunk), headers=self.headers)
            response.raise_for_status()
            return response.json()

        with ThreadPoolExecutor(min(DEFAULT_CONCURRENCY, len(self.chunks))) as pool:
            return list(pool.map(post, self.chunks))

    async def aread(self, http: httpx.AsyncClient) -> list[object]:
        async def post(chunk: list[int]) -> object:
            response = await http.post("/graphql", json=self.body(chunk), headers=self.headers)
            response.raise_for_status()
            return response.json()

        return await asyncio.gather(*(post(chunk) for chunk in self.chunks))


def batched_reads(target: Target) -> None:
    """`pages.get_many` and `try_get_many` (which the query's detail reads use) against bare
    httpx POSTing the same document in the same batches and decoding the answers; sync
    (threads) and async (tasks), the two alternating round by round."""
    ids = target.page_ids[:BATCH_PAGES]
    bare = BareBatches(target, ids)
    with (
        httpx.Client(base_url=target.url, timeout=60) as http,
        WikiJSClient(target.url, target.api_key) as client,
    ):
        bare.read(http), client.pages.get_many(ids)  # connect and warm up
        sync_ratios = {
            "pages.get_many": _paired_ratio(
                lambda: client.pages.get_many(ids), lambda: bare.read(http), BATCH_ROUNDS
            ),
            "pages.try_get_many": _paired_ratio(
                lambda: client.pages.try_get_many(ids), lambda: bare.read(http), BATCH_ROUNDS
            ),
        }

    async def run_async() -> dict[str, float]:
        async with (
            httpx.AsyncClient(base_url=target.url, timeout=60) as http,
            AsyncWikiJSClient(target.url, target.api_key) as client,
        ):
            await bare.aread(http), await client.pages.get_many(ids)
            return {
                "pages.get_many": await _apaired_ratio(
                    lambda: client.pages.get_many(ids), lambda: bare.aread(http), BATCH_ROUNDS
                ),
                "pages.try_get_many": await _apaired_ratio(
                    lambda: client.pages.try_get_many(ids), lambda: bare.aread(http), BATCH_ROUNDS
                ),
            }

    async_ratios = asyncio.run(run_async())
    chunks = f"{len(bare.chunks)} POSTs of <= {DEFAULT_CHUNK_SIZE}"
    for flavour, ratios in (("sync", sync_ratios), ("async", async_ratios)):
        figures = " | ".join(
            f"{name} {ratio:.2f}x{'' if ratio <= BATCH_GOAL else ' OVER GOAL'}"
            for name, ratio in ratios.items()
        )
        print(
            f"  {len(ids)} pages with content, {chunks}, against bare httpx ({flavour}): "
            f"{figures} (goal <= {BATCH_GOAL}x)"
        )


# -- 2. concurrent async reads ----------------------------------------------------------------


async def _concurrent(target: Target) -> tuple[int, float]:
    counter = RequestCounter()
    http = httpx.AsyncClient(
        base_url=target.url,
        auth=APIKeyAuth(target.api_key),
        timeout=60,
        event_hooks={"request": [counter.acount]},
    )
    engine = AsyncEngine(http)
    client = AsyncGraphQLClient(engine)
    ids = [target.page_ids[i % len(target.page_ids)] for i in range(CONCURRENT)]
    await client.get_page(id=ids[0])
    before = counter.count
    started = time.perf_counter()
    await asyncio.gather(*(client.get_page(id=page_id) for page_id in ids))
    elapsed = time.perf_counter() - started
    await engine.aclose()
    return counter.count - before, elapsed


def concurrent_reads(target: Target) -> None:
    requests, elapsed = asyncio.run(_concurrent(target))
    print(
        f"  {CONCURRENT} concurrent async get_page: {requests} HTTP requests in "
        f"{elapsed * 1000:.1f} ms (goal <= 5)"
    )


# -- 3. cache hits ------------------------------------------------------------------------------


def cache_hits(target: Target) -> None:
    counter = RequestCounter()
    engine = sync_engine(target, counter, cache=MemoryCache())
    client = GraphQLClient(engine)
    page_id = target.page_ids[0]
    client.get_page(id=page_id)
    before = counter.count
    samples = []
    for _ in range(CACHE_HITS):
        started = time.perf_counter()
        client.get_page(id=page_id)
        samples.append(time.perf_counter() - started)
    requests = counter.count - before
    engine.close()
    print(
        f"  cache hit through GraphQLClient.get_page: median "
        f"{statistics.median(samples) * 1e6:.1f} us over {CACHE_HITS} calls, "
        f"{requests} HTTP requests (goal < 20 us, 0 requests)"
    )


# -- 3b. what a hit costs, against one validation of the same data ---------------------------

HIT_ROUNDS = 200
HIT_CALLS = 100


def _ratio(
    hit: Callable[[], object], validate: Callable[[], object], calls: int = HIT_CALLS
) -> float:
    """Median time of a hit over the median time of one validation, measured in alternating
    rounds of `calls` calls so that both see the same machine."""
    hits, validations = [], []
    for round_ in range(HIT_ROUNDS):
        pair = (hit, validate) if round_ % 2 else (validate, hit)
        times = {f: timed(lambda f=f: [f() for _ in range(calls)]) for f in pair}
        hits.append(times[hit])
        validations.append(times[validate])
    return statistics.median(hits) / statistics.median(validations)


async def _aratio(
    hit: Callable[[], Awaitable[object]],
    validate: Callable[[], object],
    round_trip: Callable[[], Awaitable[object]] | None = None,
    calls: int = HIT_CALLS,
    validations_per_hit: int = 1,
) -> float:
    """`_ratio` for an async hit; each validation after `round_trip`, awaited, if given."""
    hits, validations = [], []
    for round_ in range(HIT_ROUNDS):
        for first in (round_ % 2 == 0, round_ % 2 == 1):
            started = time.perf_counter()
            if first:
                for _ in range(calls):
                    await hit()
                hits.append(time.perf_counter() - started)
            else:
                for _ in range(calls * validations_per_hit):
                    if round_trip is not None:
                        await round_trip()
                    validate()
                validations.append(time.perf_counter() - started)
    return statistics.median(hits) / statistics.median(validations)


def _nothing() -> None:
    """No round trip: a MemoryCache has none."""


def _hit_line(cache_name: str, flavour: str, pages: float, graphql: float) -> str:
    against = "one model_validate" if cache_name == "MemoryCache" else "a get + one model_validate"
    return (
        f"  cache hit / {against} of its data ({cache_name}, {flavour}): "
        f"pages.get {pages:.2f}x | graphql.get_page {graphql:.2f}x (goal <= 1x)"
    )


def _batch_line(cache_name: str, sync: float, async_: float) -> str:
    against = "Page.model_validate"
    if cache_name != "MemoryCache":
        against = f"(get + {against})"
    return (
        f"  get_many of {BATCH_PAGES} cached pages / {BATCH_PAGES} {against} ({cache_name}): "
        f"sync {sync:.2f}x | async {async_:.2f}x (goal <= 1x)"
    )


def hit_ratios(
    target: Target,
    cache_name: str,
    make_cache: Callable[[], BaseCache],
    probe: BaseCache | None = None,
) -> None:
    """A cached `pages.get` against `Page.model_validate` of the page's data, and a cached
    `graphql.get_page` against `GetPage.model_validate` of the answer's data, sync and async.

    With a shared cache, each validation comes after the cache's own round trip: a `get`
    (`aget` for the async client) from `probe` of an entry holding the same data as the hit's.
    """
    page_id = target.page_ids[0]
    batch_ids = target.page_ids[:BATCH_PAGES]
    with WikiJSClient(target.url, target.api_key, cache=make_cache()) as client:
        page_data = client.pages.get(page_id).model_dump(mode="json", by_alias=True)
        answer = client.graphql.execute(OPERATIONS["GetPage"].document, "GetPage", {"id": page_id})
        data = client.graphql.get_data(answer)
        round_trip: Callable[[], object] = _nothing
        if probe is not None:
            probe.set("probe", data)
            round_trip = functools.partial(probe.get, "probe")
        pages = _ratio(
            lambda: client.pages.get(page_id),
            lambda: (round_trip(), Page.model_validate(page_data)),
        )
        graphql = _ratio(
            lambda: client.graphql.get_page(id=page_id),
            lambda: (round_trip(), GetPage.model_validate(data)),
        )
        client.pages.get_many(batch_ids)
        batch = _ratio(
            lambda: client.pages.get_many(batch_ids),
            lambda: [(round_trip(), Page.model_validate(page_data)) for _ in batch_ids],
            calls=1,
        )
    print(_hit_line(cache_name, "sync", pages, graphql))

    async def run_async() -> tuple[float, float, float]:
        async_trip = None if probe is None else functools.partial(probe.aget, "probe")
        async with AsyncWikiJSClient(target.url, target.api_key, cache=make_cache()) as client:
            await client.pages.get(page_id)
            await client.graphql.get_page(id=page_id)
            pages = await _aratio(
                lambda: client.pages.get(page_id),
                lambda: Page.model_validate(page_data),
                async_trip,
            )
            graphql = await _aratio(
                lambda: client.graphql.get_page(id=page_id),
                lambda: GetPage.model_validate(data),
                async_trip,
            )
            await client.pages.get_many(batch_ids)
            batch = await _aratio(
                lambda: client.pages.get_many(batch_ids),
                lambda: Page.model_validate(page_data),
                async_trip,
                calls=1,
                validations_per_hit=len(batch_ids),
            )
        return pages, graphql, batch

    async_pages, async_graphql, async_batch = asyncio.run(run_async())
    print(_hit_line(cache_name, "async", async_pages, async_graphql))
    print(_batch_line(cache_name, batch, async_batch))


def memory_hit_ratios(target: Target) -> None:
    hit_ratios(target, "MemoryCache", MemoryCache)


def redis_hit_ratios(target: Target) -> None:
    """The same with a RedisCache, when a redis-server can be started here (the figure then
    includes the Redis round trip)."""
    with redis_server() as url:
        if url is None:
            print("  RedisCache: no redis-server on PATH; skipped")
            return
        from wikijs_typed.cache import RedisCache

        prefix = f"bench-{os.getpid()}:"
        hit_ratios(
            target,
            "RedisCache",
            lambda: RedisCache(url, prefix=prefix),
            RedisCache(url, prefix=f"{prefix}probe:"),
        )


@contextlib.contextmanager
def redis_server() -> Iterator[str | None]:
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [binary, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


# -- 4. overhead --------------------------------------------------------------------------------


class _Recorder:
    def __init__(self) -> None:
        self.requests: list[GraphQLRequest] = []

    def execute(self, request: GraphQLRequest) -> GraphQLResult:
        self.requests.append(request)
        return GraphQLResult({"pages": {"single": None}})


def sent_by_generated_client(page_id: int) -> GraphQLRequest:
    """The request `get_page` sends: the bare POST must carry the very same document."""
    recorder = _Recorder()
    with contextlib.suppress(Exception):
        GraphQLClient(recorder).get_page(id=page_id)
    return recorder.requests[0]


def overhead(target: Target) -> None:
    counter = RequestCounter()
    engine = sync_engine(target, counter)
    client = GraphQLClient(engine)
    bare = httpx.Client(base_url=target.url, timeout=60)
    page_id = target.page_ids[0]
    payload = sent_by_generated_client(page_id).payload()
    headers = {"Authorization": f"Bearer {target.api_key}"}

    def bare_call() -> None:
        response = bare.post("/graphql", json=payload, headers=headers)
        response.raise_for_status()
        response.json()

    def our_call() -> None:
        client.get_page(id=page_id)

    for _ in range(50):
        bare_call()
        our_call()
    bare_samples, our_samples = [], []
    for round_ in range(OVERHEAD_ROUNDS):
        # Interleaved, alternating which goes first, so that both see the same conditions.
        pair = (bare_call, our_call) if round_ % 2 else (our_call, bare_call)
        times = {call: timed(call) for call in pair}
        bare_samples.append(times[bare_call])
        our_samples.append(times[our_call])
    bare.close()
    engine.close()
    bare_median = statistics.median(bare_samples)
    our_median = statistics.median(our_samples)
    extra = statistics.median(o - b for o, b in zip(our_samples, bare_samples, strict=True))
    print(
        f"  per uncached call: bare httpx POST {bare_median * 1e6:.0f} us | wikijs-typed "
        f"{our_median * 1e6:.0f} us | overhead {(our_median / bare_median - 1) * 100:+.1f}% "
        f"(median of paired differences {extra * 1e6:+.0f} us) (goal < 15%)"
    )


# -- targets ------------------------------------------------------------------------------------


# The emulator runs in a process of its own, as a real server would: it does not compete with
# the client for the GIL. It seeds the pages first, then turns the latencies on.
_SERVER = """
import json, sys
from wikijs_typed.testing import LatencyProfile, WikiJSEmulator

pages, latency = int(sys.argv[1]), sys.argv[2] == "on"
emu = WikiJSEmulator()
content = "\\n\\n".join(f"## Section {n}\\n\\n" + "Some words of content. " * 40 for n in range(4))
ids = [
    emu.seed_page(path=f"bench/page-{n}", title=f"Page {n}", content=content, tags=["bench"])
    for n in range(pages)
]
emu.latency = LatencyProfile() if latency else None
with emu.serve(port=0) as url:
    print(json.dumps({"url": url, "key": emu.api_key, "ids": ids}), flush=True)
    sys.stdin.read()  # serve until the benchmark closes our stdin
"""


@contextlib.contextmanager
def emulator(latency: bool) -> Iterator[Target]:
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER, str(PAGES), "on" if latency else "off"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        ready = json.loads(server.stdout.readline())
        name = f"emulator in another process ({'real latencies' if latency else 'latency off'})"
        yield Target(name, ready["url"], ready["key"], ready["ids"])
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=30)


def real_wiki() -> Target | None:
    url, key = os.environ.get("WIKIJS_URL"), os.environ.get("WIKIJS_API_KEY")
    if not url or not key:
        return None
    with httpx.Client(base_url=url, auth=APIKeyAuth(key), timeout=60) as http:
        listing = GraphQLClient(SyncEngine(http)).list_pages()
    ids = [page.id for page in (listing.pages.list_ if listing.pages else [])]
    if not ids:
        print(f"  {url} has no pages to read; skipping it")
        return None
    return Target(f"Wiki.js at {url} ({len(ids)} pages)", url.rstrip("/"), key, ids)


def run(target: Target, measures: list[Callable[[Target], None]]) -> None:
    print(f"- {target.name}")
    for measure in measures:
        measure(target)


def main() -> None:
    with emulator(latency=True) as target:
        run(
            target,
            [
                many_pages,
                many_pages_through_the_facade,
                batched_reads,
                concurrent_reads,
                cache_hits,
            ],
        )
    with emulator(latency=False) as target:
        run(target, [overhead, memory_hit_ratios, redis_hit_ratios])
    wiki = real_wiki()
    if wiki is not None:
        run(
            wiki,
            [
                many_pages,
                many_pages_through_the_facade,
                batched_reads,
                concurrent_reads,
                cache_hits,
                overhead,
            ],
        )


if __name__ == "__main__":
    main()
