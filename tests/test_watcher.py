"""The watcher: edits made on the wiki drop exactly their reads from a MemoryCache or a shared
RedisCache; one process of a deployment polls (a lease in Redis), another takes over."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from test_cache_redis import redis_url  # noqa: F401 (the session's redis-server)

from wikijs_typed import AsyncWikiJSClient
from wikijs_typed.cache import BaseCache, MemoryCache
from wikijs_typed.feed._watcher import RedisLease, Watcher
from wikijs_typed.testing import WikiJSEmulator
from wikijs_typed.testing._clock import ManualClock

TICK = 0.001


class WallClock:
    """The watcher's own clock (for the age of the last poll), moved by hand."""

    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def emulator() -> WikiJSEmulator:
    return WikiJSEmulator(clock=ManualClock(1_800_000_000.0))


def _client(emulator: WikiJSEmulator, cache: BaseCache | None) -> AsyncWikiJSClient:
    return AsyncWikiJSClient(
        emulator.base_url, emulator.api_key, cache=cache, transport=emulator.async_transport()
    )


@pytest.fixture
async def editor(emulator: WikiJSEmulator) -> AsyncIterator[AsyncWikiJSClient]:
    """Someone editing on the wiki, not through the cached client."""
    client = _client(emulator, None)
    yield client
    await client.close()


def _requests(emulator: WikiJSEmulator) -> int:
    count = len(emulator.requests)
    emulator.requests.clear()
    return count


def _polls(emulator: WikiJSEmulator) -> int:
    """How many change-feed requests Wiki.js served."""
    return sum("WikiChanges" in r.operation_names for r in emulator.requests)


async def _edit_one_of_two(
    emulator: WikiJSEmulator, editor: AsyncWikiJSClient, wiki: AsyncWikiJSClient, poll: Any
) -> tuple[int, int]:
    """Two pages and a listing read through `wiki`'s cache, then the first edited on the
    wiki and `poll()` run; returns the two ids."""
    edited = emulator.seed_page("docs/edited", "Before")
    kept = emulator.seed_page("docs/kept", "Kept")
    await poll()
    await wiki.pages.get(edited)
    await wiki.pages.get(kept)
    await wiki.pages.list()
    emulator.advance(TICK)
    await editor.pages.update(edited, {"title": "After"})
    await poll()
    return edited, kept


@pytest.mark.asyncio
async def test_an_edit_on_the_wiki_drops_that_page_and_the_listings_only(
    emulator: WikiJSEmulator, editor: AsyncWikiJSClient
) -> None:
    cache = MemoryCache()
    heard: list[frozenset[str]] = []
    cache.add_drop_listener(heard.append)
    async with _client(emulator, cache) as wiki:
        watcher = Watcher(wiki, interval=10)
        edited, kept = await _edit_one_of_two(emulator, editor, wiki, watcher.poll)
        heard_from_poll = heard[-1]
        _requests(emulator)

        assert (await wiki.pages.get(kept)).title == "Kept"
        assert _requests(emulator) == 0  # still cached
        assert (await wiki.pages.get(edited)).title == "After"
        assert _requests(emulator) == 1
        assert {p.title for p in await wiki.pages.list()} == {"After", "Kept"}
        assert _requests(emulator) == 1

    assert {f"page:{edited}", "list:page"} <= heard_from_poll
    assert f"page:{kept}" not in heard_from_poll
    assert "*" not in heard_from_poll


@pytest.mark.asyncio
async def test_a_failed_poll_backs_off_keeps_serving_and_says_so_once(
    emulator: WikiJSEmulator, editor: AsyncWikiJSClient, caplog: pytest.LogCaptureFixture
) -> None:
    clock = WallClock()
    async with _client(emulator, MemoryCache()) as wiki:
        watcher = Watcher(wiki, interval=10, max_backoff=25, clock=clock)
        page = emulator.seed_page("docs/page", "Served")
        assert await watcher.step() == 10
        await wiki.pages.get(page)
        clock.now += 10
        emulator.faults.next(10, "malformed")
        with caplog.at_level(logging.WARNING, logger="wikijs_typed.feed"):
            waits = [await watcher.step(), await watcher.step()]
        assert waits == [20, 25]  # twice as long each time, up to max_backoff
        assert len(caplog.records) == 2  # one line per failed poll
        assert "serving from the cache" in caplog.records[0].getMessage()
        assert (await wiki.pages.get(page)).title == "Served"
        clock.now += 40
        health = await watcher.health()
        assert health.last_poll_age == 50
        assert health.failures == 2
        assert not health.ok

        emulator.faults.clear()
        assert await watcher.step() == 10
        health = await watcher.health()
        assert health.ok
        assert health.failures == 0


@pytest.mark.asyncio
async def test_a_client_without_a_cache_is_refused(emulator: WikiJSEmulator) -> None:
    async with _client(emulator, None) as wiki:
        with pytest.raises(ValueError, match="cache"):
            Watcher(wiki)


# -- Redis: one poll per interval for a deployment ---------------------------------------------


@pytest.fixture
def deployment(redis_url: str) -> Iterator[Any]:  # noqa: F811
    """A maker of RedisCaches that share one prefix, like the workers of one deployment."""
    import uuid

    from wikijs_typed.cache import RedisCache

    prefix = f"feed-{uuid.uuid4().hex[:8]}:"
    made: list[RedisCache] = []

    def cache() -> RedisCache:
        made.append(RedisCache(redis_url, prefix=prefix))
        return made[-1]

    yield cache
    made[0].clear()
    made[0].redis.delete(*(made[0].redis.keys(prefix + "feed:*") or [prefix + "feed:lease"]))
    for each in made:
        each.close()


@pytest.mark.redis
@pytest.mark.asyncio
async def test_workers_on_one_redis_poll_once_and_share_the_invalidation(
    emulator: WikiJSEmulator, editor: AsyncWikiJSClient, deployment: Any
) -> None:
    first_cache, second_cache = deployment(), deployment()
    heard_by_second: list[frozenset[str]] = []
    second_cache.add_drop_listener(heard_by_second.append)
    async with _client(emulator, first_cache) as first, _client(emulator, second_cache) as second:
        watchers = [Watcher(first, interval=10), Watcher(second, interval=10)]

        async def both_poll() -> None:
            for watcher in watchers:
                await watcher.poll()

        edited, kept = await _edit_one_of_two(emulator, editor, second, both_poll)
        assert [w.lease.role for w in watchers] == ["holder", "follower"]
        _requests(emulator)
        await both_poll()
        assert _polls(emulator) == 1  # one poll for the deployment
        # The holder's invalidation reached the reads the other worker cached.
        _requests(emulator)
        assert (await second.pages.get(edited)).title == "After"
        assert _requests(emulator) == 1
        await second.pages.get(kept)
        assert _requests(emulator) == 0
        # ... and that worker's drop listeners heard of it.
        assert any(f"page:{edited}" in tags for tags in heard_by_second)


@pytest.mark.redis
@pytest.mark.asyncio
async def test_another_worker_takes_over_when_the_holder_stops_renewing(
    emulator: WikiJSEmulator, editor: AsyncWikiJSClient, deployment: Any
) -> None:
    first_cache, second_cache = deployment(), deployment()
    page = emulator.seed_page("docs/page")
    async with _client(emulator, first_cache) as first, _client(emulator, second_cache) as second:
        holder = Watcher(first, interval=10, lease=RedisLease(first_cache, ttl=30))
        other = Watcher(second, interval=10, lease=RedisLease(second_cache, ttl=30))
        assert (await holder.poll()) is not None
        assert (await other.poll()) is None
        emulator.advance(TICK)
        await editor.pages.update(page, {"title": "Later"})
        # The holder dies without a word: its lease runs out (as 30 s without renewal would).
        first_cache.redis.delete(first_cache.prefix + "feed:lease")

        taken = await other.poll()

        assert taken is not None
        assert other.lease.role == "holder"
        assert not taken.initial  # resumed from the token the old holder kept in Redis
        assert [(c.kind, c.id) for c in taken.pages] == [("updated", page)]
        assert (await holder.poll()) is None
        assert holder.lease.role == "follower"
