"""RedisCache on a real redis-server: MemoryCache's semantics, shared between processes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pydantic
import pytest
from _both_clients import make_client, wrap
from _fake_wiki import FakeWiki, op

from wikijs_typed._pipeline import base_client as seam
from wikijs_typed._pipeline._async.engine import AsyncEngine
from wikijs_typed._pipeline._sync.engine import SyncEngine
from wikijs_typed.auth import APIKeyAuth
from wikijs_typed.models import PageUpdate
from wikijs_typed.testing import WikiJSEmulator

pytestmark = pytest.mark.redis
redis = pytest.importorskip("redis")

from wikijs_typed.cache import RedisCache  # noqa: E402 - after the redis-py check

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _unavailable(reason: str) -> None:
    # On a developer's machine without Redis the tests step aside; CI installs redis-server
    # (.ci/run), so there a missing server is a failure, not a skip.
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the Redis cache tests)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        _unavailable("redis-server is not installed")
    port = _free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    _unavailable("redis-server did not start")
                time.sleep(0.02)
        client.close()
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def prefix() -> str:
    return f"test-{uuid.uuid4().hex[:8]}:"


@pytest.fixture
def cache(redis_url: str, prefix: str, clock: Clock) -> Iterator[RedisCache]:
    cache = RedisCache(redis_url, prefix=prefix, ttl=10, max_size=3, clock=clock)
    yield cache
    cache.clear()
    cache.close()


def test_values_round_trip_and_expire(cache: RedisCache, clock: Clock) -> None:
    cache.set("k", {"pages": {"single": {"id": 1, "title": "café"}}}, tags={"page:1"})
    assert cache.get("k") == {"pages": {"single": {"id": 1, "title": "café"}}}
    clock.now += 11
    assert cache.get("k") is None
    assert cache.get_stats()["current_size"] == 0


def test_least_recently_used_goes_first(cache: RedisCache, clock: Clock) -> None:
    for key in "abc":
        clock.now += 0.001
        cache.set(key, key)
    clock.now += 0.001
    assert cache.get("a") == "a"
    clock.now += 0.001
    cache.set("d", "d")
    assert cache.get("b") is None
    assert [cache.get(k) for k in "acd"] == ["a", "c", "d"]


def test_tags_resources_delete_clear_and_cleanup(cache: RedisCache, clock: Clock) -> None:
    cache.set("p1", 1, tags={"page", "page:1"})
    cache.set("p2", 2, tags={"page", "page:2"})
    cache.set("u1", 3, tags={"user", "user:1"})
    assert cache.invalidate_resource("page", "1") == 1
    assert cache.get("p2") == 2
    assert cache.invalidate_resource("page") == 1
    assert cache.get("u1") == 3
    cache.delete("u1")
    assert cache.get("u1") is None
    cache.set("old", 1, tags={"t"})
    clock.now += 6
    cache.set("new", 2, tags={"t"})
    clock.now += 6
    assert cache.cleanup_expired() == 1
    assert cache.invalidate_tags(["t"]) == 1
    cache.set("x", 1)
    cache.invalidate({"*"})
    assert cache.get_stats()["current_size"] == 0


def test_stats_count_this_objects_lookups(cache: RedisCache) -> None:
    cache.set("k", 1)
    cache.get("k")
    cache.get("k")
    cache.get("nope")
    stats = cache.get_stats()
    assert (stats["hits"], stats["misses"], stats["hit_rate"]) == (2, 1, "66.67%")
    assert stats["current_size"] == 1
    assert "redis://" not in repr(cache)


CHILD = """
import sys, httpx
sys.path[:0] = [{tests!r}, {generated!r}, {root!r}]
from _fake_wiki import FakeWiki, op
from wikijs_typed.auth import APIKeyAuth
from wikijs_typed.cache import RedisCache
from wikijs_typed._pipeline._sync.engine import SyncEngine

wiki = FakeWiki()
cache = RedisCache({url!r}, prefix={prefix!r})
http = httpx.Client(base_url="http://wiki", transport=wiki.transport(), auth=APIKeyAuth("k"))
engine = SyncEngine(http, cache=cache)
engine.execute(op("GetPage", id=2))          # the parent's entry: no request
engine.execute(op("DeletePage", id=1))       # invalidates page 1 and the listings
print(wiki.operations_sent)
engine.close()
cache.close()
"""


def test_two_processes_share_entries_and_invalidations(redis_url: str, prefix: str) -> None:
    wiki = FakeWiki()
    http = httpx.Client(base_url="http://wiki", transport=wiki.transport(), auth=APIKeyAuth("k"))
    cache = RedisCache(redis_url, prefix=prefix)
    engine = SyncEngine(http, cache=cache)
    reads = [op("GetPage", id=1), op("GetPage", id=2), op("ListPages")]
    for read in reads:
        engine.execute(read)
    script = CHILD.format(
        tests=str(ROOT / "tests"),
        generated=str(ROOT / "generated"),
        root=str(ROOT),
        url=redis_url,
        prefix=prefix,
    )
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert child.stdout.strip() == "['DeletePage']"
    wiki.posts.clear()
    for read in reads:
        engine.execute(read)
    assert wiki.operations_sent == ["GetPage", "ListPages"]
    engine.close()
    cache.close()


async def test_the_async_engine_uses_redis_without_blocking(redis_url: str, prefix: str) -> None:
    wiki = FakeWiki()
    http = httpx.AsyncClient(
        base_url="http://wiki", transport=wiki.transport(), auth=APIKeyAuth("k")
    )
    cache = RedisCache(redis_url, prefix=prefix)
    engine = AsyncEngine(http, cache=cache)
    await engine.execute(op("GetPage", id=1))
    await engine.execute(op("GetPage", id=1))
    await engine.execute(op("DeletePage", id=1))
    await engine.execute(op("GetPage", id=1))
    assert wiki.operations_sent == ["GetPage", "DeletePage", "GetPage"]
    assert cache.get_stats()["hits"] == 1
    await cache.aclear()
    await cache.aclose()
    await engine.aclose()


async def test_a_cache_given_only_a_sync_client_still_serves_async_code(
    redis_url: str, prefix: str
) -> None:
    client = redis.Redis.from_url(redis_url)
    cache = RedisCache(client=client, prefix=prefix)
    await cache.aset("k", {"v": 1}, tags={"page:1"})
    assert await cache.aget("k") == {"v": 1}
    assert await cache.ainvalidate_tags(["page:1"]) == 1
    assert cache.get("k") is None
    await cache.aclose()


@pytest.mark.parametrize("given", ["url", "sync client only"])
async def test_many_stamps_are_the_stamps_one_by_one(
    redis_url: str, prefix: str, given: str
) -> None:
    if given == "url":
        cache = RedisCache(redis_url, prefix=prefix)
    else:
        cache = RedisCache(client=redis.Redis.from_url(redis_url), prefix=prefix)
    await cache.aset("a", {"v": 1})
    await cache.aset("b", {"v": 2})
    keys = ["a", "missing", "b", "a"]
    one_by_one = [await cache.astamp(key) for key in keys]
    assert one_by_one[0] is not None
    assert await cache.astamps(keys) == one_by_one == cache.stamps(keys)
    assert await cache.astamps([]) == [] == cache.stamps([])
    await cache.aclear()
    await cache.aclose()


# -- what a hit costs through the clients, and what it still promises -----------------------


def _script_calls(redis_url: str) -> int:
    """How many cache scripts the server has run: one per round trip of a cache call."""
    client = redis.Redis.from_url(redis_url)
    stats = client.info("commandstats")
    client.close()
    return sum(stats.get(name, {}).get("calls", 0) for name in ("cmdstat_evalsha", "cmdstat_eval"))


@pytest.fixture
def wiki() -> WikiJSEmulator:
    emu = WikiJSEmulator()
    emu.seed_page(path="docs/one", title="One", content="# One\n\nfirst", tags=["a"])
    return emu


@pytest.fixture(params=["sync", "async"])
async def redis_client(
    request: pytest.FixtureRequest, wiki: WikiJSEmulator, redis_url: str, prefix: str
) -> Any:
    cache = RedisCache(redis_url, prefix=prefix)
    made = wrap(make_client(request.param, wiki, cache=cache))
    yield made
    cache.clear()
    await made.close()


@pytest.mark.asyncio
async def test_a_miss_is_looked_up_once(redis_client: Any, redis_url: str) -> None:
    before = _script_calls(redis_url)
    await redis_client.pages.get(1)
    assert _script_calls(redis_url) - before == 2  # the lookup, then the store
    stats = redis_client.cache.get_stats()
    assert (stats["hits"], stats["misses"]) == (0, 1)


@pytest.mark.asyncio
async def test_a_hit_makes_one_round_trip_builds_no_request_and_validates_nothing(
    redis_client: Any, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await redis_client.pages.get(1)
    assert await redis_client.pages.get(1) == first  # decoded and viewed once per store
    built, validated = [], []
    request, validate = seam.GraphQLRequest, pydantic.BaseModel.model_validate.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(seam, "GraphQLRequest", lambda *a: built.append(a) or request(*a))
    monkeypatch.setattr(
        pydantic.BaseModel,
        "model_validate",
        classmethod(lambda cls, *a, **k: validated.append(cls) or validate(cls, *a, **k)),
    )
    before = _script_calls(redis_url)
    for _ in range(3):
        assert await redis_client.pages.get(1) == first
    assert _script_calls(redis_url) - before == 3
    assert (built, validated) == ([], [])
    assert redis_client.cache.get_stats()["hits"] == 4


@pytest.mark.asyncio
async def test_a_kept_view_is_a_copy_and_goes_when_another_process_stores_again(
    redis_client: Any, wiki: WikiJSEmulator, redis_url: str, prefix: str
) -> None:
    await redis_client.pages.get(1)
    page = await redis_client.pages.get(1)
    page.title, page.tags[:] = "changed by the caller", []
    again = await redis_client.pages.get(1)
    assert (again.title, again.tags) == ("One", ["a"])
    # Another process reads the page afresh after an edit, storing it again in Redis.
    with make_client("sync", wiki) as other:
        other.pages.update(1, PageUpdate(title="Edited elsewhere"))
    with make_client("sync", wiki, cache=RedisCache(redis_url, prefix=prefix)) as other:
        other.graphql.get_page(id=1, cache="network-only")
    assert (await redis_client.pages.get(1)).title == "Edited elsewhere"


@pytest.mark.asyncio
async def test_a_batch_hit_makes_one_round_trip_a_page_and_validates_nothing(
    redis_client: Any, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await redis_client.pages.get_many([1])
    assert await redis_client.pages.get_many([1]) == first  # decoded and converted once
    validated: list[type] = []
    validate = pydantic.BaseModel.model_validate.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(
        pydantic.BaseModel,
        "model_validate",
        classmethod(lambda cls, *a, **k: validated.append(cls) or validate(cls, *a, **k)),
    )
    before = _script_calls(redis_url)
    pages = await redis_client.pages.get_many([1, 1])
    assert pages == first * 2
    assert pages[0] is not pages[1]
    assert _script_calls(redis_url) - before == 2
    assert validated == []
    pages[0].title = "changed by the caller"
    assert (await redis_client.pages.get_many([1]))[0].title == "One"
