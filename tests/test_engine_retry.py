"""Retries and timeouts in both engines, for GraphQL and REST calls; nothing really sleeps."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest
from _fake_wiki import FakeWiki, op

from wikijs_typed._pipeline._async.engine import AsyncEngine
from wikijs_typed._pipeline._sync.engine import SyncEngine
from wikijs_typed._pipeline.operation import CallOptions
from wikijs_typed._pipeline.retry import RetryPolicy
from wikijs_typed.exceptions import (
    RateLimitError,
    ServerError,
    WikiJSConnectionError,
    WikiJSTimeoutError,
)


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)

    async def asleep(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def wiki() -> FakeWiki:
    return FakeWiki()


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def policy(sleeps: Sleeps, **overrides: float) -> RetryPolicy:
    return RetryPolicy(
        sleep=sleeps, async_sleep=sleeps.asleep, jitter=lambda: 0.5, clock=lambda: 0.0, **overrides
    )


def sync_engine(wiki: FakeWiki, retry: RetryPolicy) -> SyncEngine:
    return SyncEngine(httpx.Client(base_url="http://wiki", transport=wiki.transport()), retry=retry)


def test_a_read_survives_a_bad_gateway_and_a_dropped_connection(
    wiki: FakeWiki, sleeps: Sleeps
) -> None:
    wiki.failures.extend([502, httpx.ReadError("reset")])
    result = sync_engine(wiki, policy(sleeps)).execute(op("GetPage", id=1))
    assert not result.errors
    assert wiki.operations_sent == ["GetPage"] * 3
    assert sleeps == [0.125, 0.25]


def test_retry_after_is_honoured(wiki: FakeWiki, sleeps: Sleeps) -> None:
    wiki.failures.append((503, {"Retry-After": "4"}))
    sync_engine(wiki, policy(sleeps)).execute(op("GetPage", id=1))
    assert sleeps == [4.0]


def test_retries_end_with_the_typed_error(wiki: FakeWiki, sleeps: Sleeps) -> None:
    wiki.failures.extend([503, 503, 503])
    with pytest.raises(ServerError) as caught:
        sync_engine(wiki, policy(sleeps)).execute(op("GetPage", id=1))
    assert caught.value.status_code == 503
    assert len(wiki.posts) == 3
    wiki.failures.extend([429, 429, 429])
    with pytest.raises(RateLimitError):
        sync_engine(wiki, policy(sleeps)).execute(op("GetPage", id=1))
    wiki.failures.extend([httpx.ReadTimeout("slow")] * 3)
    with pytest.raises(WikiJSTimeoutError):
        sync_engine(wiki, policy(sleeps)).execute(op("GetPage", id=1))


def test_a_mutation_is_not_resent_after_it_may_have_arrived(wiki: FakeWiki, sleeps: Sleeps) -> None:
    wiki.failures.append(httpx.ReadTimeout("no answer in time"))
    with pytest.raises(WikiJSTimeoutError):
        sync_engine(wiki, policy(sleeps)).execute(op("DeletePage", id=1))
    wiki.failures.append(502)
    with pytest.raises(ServerError):
        sync_engine(wiki, policy(sleeps)).execute(op("DeletePage", id=1))
    assert wiki.operations_sent == ["DeletePage", "DeletePage"]
    assert sleeps == []


def test_a_mutation_is_resent_when_the_connection_could_not_be_made(
    wiki: FakeWiki, sleeps: Sleeps
) -> None:
    wiki.failures.append(httpx.ConnectError("connection refused"))
    result = sync_engine(wiki, policy(sleeps)).execute(op("DeletePage", id=1))
    assert result.data is not None
    assert result.data["pages"]["delete"]["responseResult"]["succeeded"] is True
    assert 1 not in wiki.titles
    assert len(wiki.posts) == 2


def test_a_batch_holding_a_mutation_is_not_resent(wiki: FakeWiki, sleeps: Sleeps) -> None:
    wiki.failures.append(503)
    outcomes = sync_engine(wiki, policy(sleeps)).execute_many(
        [op("GetPage", id=1), op("DeletePage", id=2)]
    )
    assert all(isinstance(o, ServerError) for o in outcomes)
    assert len(wiki.posts) == 1


def test_the_per_call_timeout_reaches_the_transport(wiki: FakeWiki) -> None:
    seen: list[object] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return wiki(request)

    http = httpx.Client(base_url="http://wiki", transport=httpx.MockTransport(handler), timeout=30)
    engine = SyncEngine(http)
    request = op("GetPage", id=1)
    engine.execute(request)
    engine.execute(replace(request, options=CallOptions(timeout=2.5)))
    assert seen == [
        {"connect": 30, "read": 30, "write": 30, "pool": 30},
        {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5},
    ]


def test_rest_calls_retry_downloads_but_never_uploads(wiki: FakeWiki, sleeps: Sleeps) -> None:
    calls: list[str] = []
    answers = [503, 200, 503]

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        return httpx.Response(answers.pop(0), content=b"file")

    http = httpx.Client(base_url="http://wiki", transport=httpx.MockTransport(handler))
    engine = SyncEngine(http, retry=policy(sleeps))
    assert engine.send("GET", "/docs/file.png").content == b"file"
    upload = engine.send("POST", "/u", files={"mediaUpload": ("a.png", b"x", "image/png")})
    assert upload.status_code == 503
    assert calls == ["GET", "GET", "POST"]


async def test_async_engine_retries_reads_the_same_way(wiki: FakeWiki, sleeps: Sleeps) -> None:
    wiki.failures.extend([504, httpx.ConnectError("refused")])
    http = httpx.AsyncClient(base_url="http://wiki", transport=wiki.transport())
    engine = AsyncEngine(http, retry=policy(sleeps), batching=None)
    assert not (await engine.execute(op("GetPage", id=1))).errors
    assert sleeps == [0.125, 0.25]
    wiki.failures.extend([httpx.ReadError("reset")] * 3)
    with pytest.raises(WikiJSConnectionError):
        await engine.execute(op("GetPage", id=1))
    await engine.aclose()
