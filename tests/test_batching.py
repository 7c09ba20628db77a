"""Explicit batching (execute_many) in both engines, and automatic batching in the async one."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from dataclasses import replace

import httpx
import pytest
from _fake_wiki import FakeWiki, op

from wikijs_typed._pipeline._async.engine import DEFAULT_BATCHING, AsyncEngine
from wikijs_typed._pipeline._sync.engine import SyncEngine
from wikijs_typed._pipeline.batching import AutoBatching
from wikijs_typed._pipeline.operation import CallOptions, GraphQLResult
from wikijs_typed._pipeline.retry import NO_RETRY
from wikijs_typed.exceptions import ServerError


@pytest.fixture
def wiki() -> FakeWiki:
    wiki = FakeWiki()
    wiki.titles = {i: "Page" for i in range(1, 501)}
    return wiki


def page_ids(outcomes: list[GraphQLResult | Exception]) -> list[int | None]:
    ids: list[int | None] = []
    for outcome in outcomes:
        assert isinstance(outcome, GraphQLResult)
        single = outcome.data["pages"]["single"] if outcome.data else None
        ids.append(single["id"] if single else None)
    return ids


def test_execute_many_chunks_keeps_order_and_reports_each_item(wiki: FakeWiki) -> None:
    engine = SyncEngine(httpx.Client(base_url="http://wiki", transport=wiki.transport()))
    wanted = [*range(1, 120), 9999]
    outcomes = engine.execute_many([op("GetPage", id=i) for i in wanted], chunk_size=50)
    assert page_ids(outcomes) == [*range(1, 120), None]
    # Chunks run concurrently: they may reach the server in any order.
    assert sorted(len(post) for post in wiki.posts) == [20, 50, 50]
    last = outcomes[-1]
    assert isinstance(last, GraphQLResult)
    assert last.errors[0]["message"] == "This page does not exist."


def test_a_failed_chunk_fails_only_its_own_items(wiki: FakeWiki) -> None:
    engine = SyncEngine(
        httpx.Client(base_url="http://wiki", transport=wiki.transport()), retry=NO_RETRY
    )
    wiki.failures.append(502)
    outcomes = engine.execute_many(
        [op("GetPage", id=i) for i in range(1, 7)], chunk_size=3, concurrency=1
    )
    assert all(isinstance(o, ServerError) for o in outcomes[:3])
    assert page_ids(outcomes[3:]) == [4, 5, 6]


def test_identical_reads_in_one_call_are_sent_once(wiki: FakeWiki) -> None:
    engine = SyncEngine(httpx.Client(base_url="http://wiki", transport=wiki.transport()))
    outcomes = engine.execute_many([op("GetPage", id=i) for i in (1, 2, 1, 1)])
    assert page_ids(outcomes) == [1, 2, 1, 1]
    assert wiki.posts == [["GetPage", "GetPage"]]


def test_sync_chunks_run_concurrently_up_to_the_limit(wiki: FakeWiki) -> None:
    active, peak, lock = 0, 0, threading.Lock()
    gate = threading.Barrier(3, timeout=5)

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        with contextlib.suppress(threading.BrokenBarrierError):
            gate.wait()  # three chunks must be in flight together to get through
        with lock:
            active -= 1
        return wiki(request)

    engine = SyncEngine(
        httpx.Client(base_url="http://wiki", transport=httpx.MockTransport(handler))
    )
    outcomes = engine.execute_many(
        [op("GetPage", id=i) for i in range(1, 10)], chunk_size=3, concurrency=3
    )
    assert page_ids(outcomes) == list(range(1, 10))
    assert peak == 3


async def test_async_execute_many_bounds_concurrency(wiki: FakeWiki) -> None:
    active = peak = 0

    class Counting(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            nonlocal active, peak
            active += 1
            peak = max(peak, active)
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            active -= 1
            return wiki(request)

    engine = AsyncEngine(httpx.AsyncClient(base_url="http://wiki", transport=Counting()))
    outcomes = await engine.execute_many(
        [op("GetPage", id=i) for i in range(1, 501)], chunk_size=25, concurrency=4
    )
    assert page_ids(outcomes) == list(range(1, 501))
    assert len(wiki.posts) == 20
    assert peak == 4


def async_engine(wiki: FakeWiki, batching: AutoBatching | None = DEFAULT_BATCHING) -> AsyncEngine:
    http = httpx.AsyncClient(base_url="http://wiki", transport=wiki.transport())
    return AsyncEngine(http, batching=batching)


async def test_concurrent_reads_coalesce_into_few_requests(wiki: FakeWiki) -> None:
    engine = async_engine(wiki)
    results = await asyncio.gather(*(engine.execute(op("GetPage", id=i)) for i in range(1, 201)))
    assert page_ids(list(results)) == list(range(1, 201))
    assert [len(post) for post in wiki.posts] == [50, 50, 50, 50]


async def test_identical_reads_in_flight_are_made_once(wiki: FakeWiki) -> None:
    engine = async_engine(wiki)
    results = await asyncio.gather(*(engine.execute(op("GetPage", id=7)) for _ in range(30)))
    assert {id(r) for r in results} == {id(results[0])}
    assert wiki.posts == [["GetPage"]]


async def test_window_zero_batches_what_is_ready_now(wiki: FakeWiki) -> None:
    engine = async_engine(wiki, AutoBatching(window=0, max_size=10))
    await asyncio.gather(*(engine.execute(op("GetPage", id=i)) for i in range(1, 26)))
    assert [len(post) for post in wiki.posts] == [10, 10, 5]


async def test_mutations_and_calls_with_their_own_options_go_alone(wiki: FakeWiki) -> None:
    engine = async_engine(wiki)
    custom = replace(op("GetPage", id=3), options=CallOptions(headers={"X-Trace": "1"}))
    await asyncio.gather(
        engine.execute(op("GetPage", id=1)),
        engine.execute(op("DeletePage", id=5)),
        engine.execute(op("GetPage", id=2)),
        engine.execute(custom),
    )
    assert sorted(wiki.posts) == [["DeletePage"], ["GetPage"], ["GetPage", "GetPage"]]
    assert any(headers.get("X-Trace") == "1" for headers in wiki.headers)


async def test_a_failed_batch_fails_each_waiting_read(wiki: FakeWiki) -> None:
    engine = AsyncEngine(
        httpx.AsyncClient(base_url="http://wiki", transport=wiki.transport()), retry=NO_RETRY
    )
    wiki.failures.append(503)
    outcomes = await asyncio.gather(
        *(engine.execute(op("GetPage", id=i)) for i in range(1, 4)), return_exceptions=True
    )
    assert all(isinstance(o, ServerError) for o in outcomes)
    assert len(wiki.posts) == 1


async def test_a_cancelled_caller_does_not_cancel_its_twins(wiki: FakeWiki) -> None:
    engine = async_engine(wiki)
    first = asyncio.create_task(engine.execute(op("GetPage", id=1)))
    second = asyncio.create_task(engine.execute(op("GetPage", id=1)))
    await asyncio.sleep(0)
    first.cancel()
    result = await second
    assert page_ids([result]) == [1]
    assert first.cancelled()


def test_auto_batching_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="window"):
        AutoBatching(window=-1)
    with pytest.raises(ValueError, match="max_size"):
        AutoBatching(max_size=0)


async def test_a_lone_read_does_not_wait_for_the_window(wiki: FakeWiki) -> None:
    engine = async_engine(wiki, AutoBatching(window=30.0))
    loop = asyncio.get_running_loop()
    started = loop.time()
    await engine.execute(op("GetPage", id=1))
    assert loop.time() - started < 5.0
    assert wiki.posts == [["GetPage"]]


async def test_reads_arriving_over_several_loop_turns_share_a_batch(wiki: FakeWiki) -> None:
    engine = async_engine(wiki, AutoBatching(window=30.0))

    async def late_read(page_id: int) -> GraphQLResult:
        for _ in range(page_id):  # read n starts n loop turns late
            await asyncio.sleep(0)
        return await engine.execute(op("GetPage", id=page_id))

    await asyncio.gather(*(late_read(i) for i in range(1, 11)))
    assert wiki.posts == [["GetPage"] * 10]
