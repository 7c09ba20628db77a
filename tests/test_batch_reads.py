"""Batched reads cost what the server's batches cost: the work a batch adds, counted.

`pages.get_many` of N ids builds N requests, encodes one JSON body per POST and sends
ceil(N / chunk size) POSTs; the engine converts (parses) each chunk as soon as its answer
arrives, while the other chunks are still on their way, and a duplicate gets an object of its
own. Nothing here is timed: the figures are in `bench/bench_engine.py`.
"""

from __future__ import annotations

import asyncio
import gc
import json
import math
import threading
from typing import Any

import httpx
import pytest
from _fake_wiki import FakeWiki, op
from wikijs_graphql import requests as builders

from wikijs_typed import AsyncWikiJSClient, WikiJSClient
from wikijs_typed._pipeline import base_client, concurrency, transport
from wikijs_typed._pipeline._async.engine import AsyncEngine
from wikijs_typed._pipeline._sync.engine import SyncEngine
from wikijs_typed._pipeline.engine import DEFAULT_CHUNK_SIZE
from wikijs_typed._pipeline.operation import GraphQLRequest
from wikijs_typed._pipeline.retry import NO_RETRY
from wikijs_typed.cache import MemoryCache
from wikijs_typed.exceptions import WikiJSError
from wikijs_typed.testing import WikiJSEmulator

PAGES = 2 * DEFAULT_CHUNK_SIZE + 20
# How long a held answer waits for the conversion it is held for; reached only on failure.
HOLD = 5.0


class Counts:
    """What a batch did: request builds, body encodes, and the POSTs with their sizes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.builds = 0
        self.encodes = 0
        self.post_sizes: list[int] = []
        build, encode = builders._build_request, transport.encode

        def counted_build(*args: Any, **kwargs: Any) -> GraphQLRequest:
            self.builds += 1
            return build(*args, **kwargs)

        def counted_encode(requests: Any, *, batch: bool) -> bytes:
            self.encodes += 1
            return encode(requests, batch=batch)

        # The request builders, and the engine building the requests of batched `Reads`.
        monkeypatch.setattr(builders, "_build_request", counted_build)
        monkeypatch.setattr(base_client, "build_request", counted_build)
        monkeypatch.setattr(transport, "encode", counted_encode)

    def hook(self, request: httpx.Request) -> None:
        body = json.loads(request.read())
        self.post_sizes.append(len(body) if isinstance(body, list) else 1)

    async def ahook(self, request: httpx.Request) -> None:
        self.hook(request)


@pytest.fixture
def emulator() -> tuple[WikiJSEmulator, list[int]]:
    emulator = WikiJSEmulator()
    ids = [emulator.seed_page(f"batch/page-{n}", f"Page {n}", f"# {n}\n") for n in range(PAGES)]
    return emulator, ids


def expected_posts() -> list[int]:
    full, rest = divmod(PAGES, DEFAULT_CHUNK_SIZE)
    return sorted([DEFAULT_CHUNK_SIZE] * full + ([rest] if rest else []))


def test_get_many_builds_each_request_once_and_encodes_once_per_post(
    emulator: tuple[WikiJSEmulator, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    wiki, ids = emulator
    counts = Counts(monkeypatch)
    http = httpx.Client(transport=wiki.transport(), event_hooks={"request": [counts.hook]})
    with WikiJSClient("http://wiki.test", wiki.api_key, http_client=http) as client:
        pages = client.pages.get_many(ids)
    assert [page.id for page in pages] == ids
    assert counts.builds == PAGES
    assert len(counts.post_sizes) == math.ceil(PAGES / DEFAULT_CHUNK_SIZE)
    assert sorted(counts.post_sizes) == expected_posts()
    assert counts.encodes == len(counts.post_sizes)


@pytest.mark.asyncio
async def test_async_get_many_builds_each_request_once_and_encodes_once_per_post(
    emulator: tuple[WikiJSEmulator, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    wiki, ids = emulator
    counts = Counts(monkeypatch)
    http = httpx.AsyncClient(
        transport=wiki.async_transport(), event_hooks={"request": [counts.ahook]}
    )
    async with AsyncWikiJSClient("http://wiki.test", wiki.api_key, http_client=http) as client:
        pages = await client.pages.get_many(ids)
    assert [page.id for page in pages] == ids
    assert counts.builds == PAGES
    assert sorted(counts.post_sizes) == expected_posts()
    assert counts.encodes == len(counts.post_sizes)


def first_id(request: httpx.Request) -> int:
    return int(json.loads(request.content)[0]["variables"]["id"])


def page_id(outcome: object) -> int:
    data = getattr(outcome, "data", None) or {}
    return int(data["pages"]["single"]["id"])


def test_a_chunk_is_converted_while_the_next_one_is_still_on_its_way() -> None:
    wiki = FakeWiki()
    wiki.titles = {i: "Page" for i in range(1, 7)}
    events: list[str] = []
    first_chunk_done = threading.Event()

    def answer(request: httpx.Request) -> httpx.Response:
        if first_id(request) > 3:  # the second chunk is answered once the first is converted
            first_chunk_done.wait(HOLD)
            events.append("second chunk answered")
        return wiki(request)

    def convert(outcome: object) -> int:
        converted = page_id(outcome)
        events.append(f"converted {converted}")
        if converted == 3:
            first_chunk_done.set()
        return converted

    engine = SyncEngine(httpx.Client(base_url="http://wiki", transport=httpx.MockTransport(answer)))
    results = engine.execute_converted(
        [op("GetPage", id=i) for i in range(1, 7)], convert, chunk_size=3
    )
    assert results == [1, 2, 3, 4, 5, 6]
    assert events.index("converted 3") < events.index("second chunk answered")


@pytest.mark.asyncio
async def test_an_async_chunk_is_converted_while_the_next_one_is_still_on_its_way() -> None:
    wiki = FakeWiki()
    wiki.titles = {i: "Page" for i in range(1, 7)}
    events: list[str] = []
    first_chunk_done = asyncio.Event()

    async def answer(request: httpx.Request) -> httpx.Response:
        if first_id(request) > 3:
            await asyncio.wait_for(first_chunk_done.wait(), HOLD)
            events.append("second chunk answered")
        return wiki(request)

    def convert(outcome: object) -> int:
        converted = page_id(outcome)
        events.append(f"converted {converted}")
        if converted == 3:
            first_chunk_done.set()
        return converted

    http = httpx.AsyncClient(base_url="http://wiki", transport=httpx.MockTransport(answer))
    engine = AsyncEngine(http, batching=None)
    results = await engine.execute_converted(
        [op("GetPage", id=i) for i in range(1, 7)], convert, chunk_size=3
    )
    await engine.aclose()
    assert results == [1, 2, 3, 4, 5, 6]
    assert events.index("converted 3") < events.index("second chunk answered")


def test_duplicates_and_cache_hits_each_get_an_object_of_their_own() -> None:
    wiki = FakeWiki()
    engine = SyncEngine(
        httpx.Client(base_url="http://wiki", transport=wiki.transport()), cache=MemoryCache()
    )

    def convert(outcome: object) -> dict[str, Any]:
        return {"id": page_id(outcome)}

    same = [op("GetPage", id=1), op("GetPage", id=1)]
    sent = engine.execute_converted(same, convert)
    cached = engine.execute_converted(same, convert)
    assert sent == cached == [{"id": 1}, {"id": 1}]
    assert wiki.operations_sent == ["GetPage"]
    assert len({id(item) for item in [*sent, *cached]}) == 4


def test_a_conversion_that_fails_stands_for_its_item_only() -> None:
    wiki = FakeWiki()
    engine = SyncEngine(httpx.Client(base_url="http://wiki", transport=wiki.transport()))

    def convert(outcome: object) -> int:
        converted = page_id(outcome)
        if converted == 2:
            raise WikiJSError("page 2 cannot be read")
        return converted

    results = engine.execute_converted([op("GetPage", id=i) for i in (1, 2, 3)], convert)
    assert results[0] == 1
    assert results[2] == 3
    assert isinstance(results[1], WikiJSError)


@pytest.mark.parametrize(
    "body",
    [
        b'\xef\xbb\xbf[{"data": {"a": 1}}, {"data": {"a": 2}}]',  # a byte order mark
        '[{"data": {"a": 1}}, {"data": {"a": 2}}]'.encode("utf-16"),
        b'[{"data": {"a": "\\ud800"}}, {"data": {"a": 2}}]',  # a lone surrogate escape
        b'[{"data": {"a": 1e400, "b": NaN}}, {"data": {"a": 123456789012345678901234567890}}]',
    ],
)
def test_an_answer_decodes_as_the_standard_library_decodes_it(body: bytes) -> None:
    # The fast parser refuses some of these: the standard library's answer stands then.
    results = transport.decode(httpx.Response(200, content=body), expected=2)
    decoded = [item["data"] for item in json.loads(body)]
    assert repr([result.data for result in results]) == repr(decoded)  # NaN is not NaN


@pytest.mark.asyncio
async def test_an_answered_read_is_no_longer_in_flight() -> None:
    wiki = FakeWiki()
    engine = AsyncEngine(httpx.AsyncClient(base_url="http://wiki", transport=wiki.transport()))
    coalescer = engine._coalescer
    assert coalescer is not None
    await engine.execute_many([op("GetPage", id=i) for i in (1, 2, 3)])
    assert coalescer._in_flight == {}
    await engine.execute(op("GetPage", id=1))  # sent again: the first answer is not shared
    assert wiki.posts == [["GetPage"] * 3, ["GetPage"]]
    await engine.aclose()


@pytest.mark.asyncio
async def test_a_failed_read_whose_caller_went_away_is_not_reported_unretrieved(
    caplog: pytest.LogCaptureFixture,
) -> None:
    wiki = FakeWiki()
    wiki.failures.append(503)
    engine = AsyncEngine(
        httpx.AsyncClient(base_url="http://wiki", transport=wiki.transport()), retry=NO_RETRY
    )
    caller = asyncio.create_task(engine.execute(op("GetPage", id=1)))
    await asyncio.sleep(0)
    caller.cancel()
    await engine.aclose()  # the read is sent, and fails, with nobody waiting for it
    del caller
    gc.collect()
    assert "never retrieved" not in caplog.text
    assert engine._coalescer is not None
    assert engine._coalescer._in_flight == {}


@pytest.mark.parametrize(
    "value",
    [7, 2**70, 0.1, -0.0, float("nan"), float("inf"), "é\u2028\x00", None, [1, "a"], {"k": True}],
)
def test_a_body_is_the_json_the_standard_library_writes(value: object) -> None:
    requests = [GraphQLRequest("query Q { a }", "Q", {"v": value}) for _ in range(2)]
    expected = [request.payload() for request in requests]
    body = transport.encode(requests, batch=True)
    assert repr(json.loads(body)) == repr(expected)  # NaN is not NaN
    assert (
        transport.encode(requests[:1], batch=False)
        == json.dumps(expected[0], separators=(",", ":"), ensure_ascii=False).encode()
    )


@pytest.mark.parametrize(
    ("value", "error"), [("\ud800", UnicodeEncodeError), (object(), TypeError)]
)
def test_a_body_json_cannot_hold_fails_as_the_standard_library_fails(
    value: object, error: type[Exception]
) -> None:
    with pytest.raises(error):
        transport.encode([GraphQLRequest("query Q { a }", "Q", {"v": value})], batch=False)


def test_the_calling_thread_works_on_chunks_too(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[threading.Thread] = []
    start = threading.Thread.start

    def counted_start(thread: threading.Thread) -> None:
        started.append(thread)
        start(thread)

    monkeypatch.setattr(threading.Thread, "start", counted_start)
    workers: dict[int, threading.Thread] = {}

    def work(item: int) -> None:
        workers[item] = threading.current_thread()

    concurrency.run_all(work, [1, 2], at_once=4)
    assert sorted(workers) == [1, 2]
    assert len(started) == 1  # two chunks: one thread besides the caller
    concurrency.run_all(work, [3], at_once=4)
    assert workers[3] is threading.current_thread()
    assert len(started) == 1


def test_a_failing_chunk_fails_the_batch_once_every_thread_is_done() -> None:
    def work(item: int) -> None:
        if item == 2:
            raise RuntimeError("chunk 2")

    with pytest.raises(RuntimeError, match="chunk 2"):
        concurrency.run_all(work, [1, 2, 3, 4, 5], at_once=3)
    assert not [t for t in threading.enumerate() if t.name.startswith("wikijs-batch")]


def test_ctrl_c_in_the_calling_thread_starts_no_more_chunks() -> None:
    caller = threading.current_thread()
    helper_busy, release = threading.Event(), threading.Event()
    done: list[int] = []

    def work(item: int) -> None:
        if threading.current_thread() is caller:
            helper_busy.wait(5)
            raise KeyboardInterrupt
        helper_busy.set()
        release.wait(0.2)  # still working on its chunk when the caller is interrupted
        done.append(item)

    with pytest.raises(KeyboardInterrupt):
        concurrency.run_all(work, list(range(10)), at_once=2)
    assert len(done) == 1  # the helper finished the chunk in hand and took no other
    assert not [t for t in threading.enumerate() if t.name.startswith("wikijs-batch")]


@pytest.mark.asyncio
async def test_coalesced_reads_wait_on_one_future_per_post(monkeypatch: pytest.MonkeyPatch) -> None:
    wiki = FakeWiki()
    wiki.titles = {i: "Page" for i in range(1, 101)}
    engine = AsyncEngine(httpx.AsyncClient(base_url="http://wiki", transport=wiki.transport()))
    loop = asyncio.get_running_loop()
    made = 0
    create_future = loop.create_future

    def counted() -> asyncio.Future[Any]:
        nonlocal made
        made += 1
        return create_future()

    monkeypatch.setattr(loop, "create_future", counted)
    outcomes = await engine.execute_many([op("GetPage", id=i) for i in range(1, 101)])
    monkeypatch.undo()
    await engine.aclose()
    assert [page_id(outcome) for outcome in outcomes] == list(range(1, 101))
    assert [len(post) for post in wiki.posts] == [DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_SIZE]
    assert made <= 2 * len(wiki.posts)  # each POST's answers, and a caller's shield of them
