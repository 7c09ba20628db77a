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

import httpx
import pytest
from _fake_wiki import FakeWiki, op

from wikijs_typed._pipeline._async.engine import AsyncEngine
from wikijs_typed._pipeline._sync.engine import SyncEngine
from wikijs_typed.auth import APIKeyAuth

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
