"""Rendered responses reused only while the client's cache is unchanged, and for a bounded time."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from _api_helpers import serving

from wikijs_typed.api._memo import Rendered, ResponseMemo
from wikijs_typed.cache import MemoryCache

URL = "/api/v2/pages/?fields=_,title&limit=20"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_memory_caches_generation_moves_with_every_change_and_no_hit() -> None:
    clock = Clock()
    cache = MemoryCache(ttl=10, max_size=2, clock=clock)
    seen = [cache.generation()]
    cache.set("a", 1, tags=["page:1"])
    seen.append(cache.generation())
    assert cache.get("a") == 1
    assert cache.generation() == seen[-1]
    for change in (
        lambda: cache.invalidate_tags(["page:1"]),
        lambda: cache.set("b", 2),
        lambda: cache.delete("b"),
        lambda: cache.set("c", 3),
        cache.clear,
    ):
        change()
        seen.append(cache.generation())
    cache.set("d", 4)
    before = cache.generation()
    clock.now = 11
    assert cache.get("d") is None  # expired: dropped
    seen += [before, cache.generation()]
    assert len(set(seen)) == len(seen)


async def test_the_memo_keeps_a_rendering_while_nothing_changes_and_not_longer() -> None:
    clock = Clock()
    cache = MemoryCache()
    memo = ResponseMemo(cache, lifetime=1.0, clock=clock)
    made: list[int] = []

    async def make() -> Rendered:
        made.append(1)
        return Rendered(b"{}", f'"{len(made)}"')

    assert (await memo.get("k", make)).etag == '"1"'
    assert (await memo.get("k", make)).etag == '"1"'
    cache.set("x", 1)
    assert (await memo.get("k", make)).etag == '"2"'
    clock.now = 0.5
    assert (await memo.get("k", make)).etag == '"2"'
    clock.now = 1.6
    assert (await memo.get("k", make)).etag == '"3"'
    assert len(made) == 3
    # A rendering made while the cache changed is not kept.

    async def filling() -> Rendered:
        cache.set("y", 2)
        return await make()

    await memo.get("other", filling)
    await memo.get("other", make)
    assert len(made) == 5


async def test_readers_share_a_rendering_and_take_it_over_when_its_maker_leaves() -> None:
    memo = ResponseMemo(MemoryCache(), lifetime=0)
    release = asyncio.Event()
    makers: list[str] = []

    def make(name: str) -> Callable[[], Awaitable[Rendered]]:
        async def rendering() -> Rendered:
            makers.append(name)
            await release.wait()
            return Rendered(name.encode(), f'"{name}"')

        return rendering

    first = asyncio.create_task(memo.get("k", make("first")))
    await asyncio.sleep(0)
    waiting = [asyncio.create_task(memo.get("k", make(f"reader {n}"))) for n in range(3)]
    await asyncio.sleep(0)
    assert makers == ["first"]  # the others wait for the first reader's rendering
    first.cancel()
    for _ in range(10):  # the cancellation reaches the waiting readers in a few turns
        await asyncio.sleep(0)
    # One of the waiting readers renders in its place; the rest wait for that one.
    assert makers == ["first", "reader 0"]
    release.set()
    answers = await asyncio.gather(*waiting)
    assert {answer.content for answer in answers} == {b"reader 0"}
    assert first.cancelled()


async def test_readers_share_a_failure_once() -> None:
    memo = ResponseMemo(MemoryCache(), lifetime=0)
    release = asyncio.Event()
    tries: list[int] = []

    async def failing() -> Rendered:
        tries.append(1)
        await release.wait()
        raise RuntimeError("the wiki is down")

    readers = [asyncio.create_task(memo.get("k", failing)) for _ in range(4)]
    await asyncio.sleep(0)
    release.set()
    answers = await asyncio.gather(*readers, return_exceptions=True)
    assert [str(answer) for answer in answers] == ["the wiki is down"] * 4
    assert tries == [1]
    release.clear()
    reader = asyncio.create_task(memo.get("k", failing))  # the next reader tries again
    await asyncio.sleep(0)
    release.set()
    with pytest.raises(RuntimeError):
        await reader
    assert tries == [1, 1]


async def test_a_hot_request_is_answered_without_even_a_cache_lookup() -> None:
    cache = MemoryCache()
    async with serving(cache=cache) as api:
        first = await api.get(URL)
        await api.get(URL)
        lookups = cache.get_stats()["total_requests"]
        again, sent = await api.wiki_requests(URL)
        assert sent == 0
        assert cache.get_stats()["total_requests"] == lookups
        assert again.content == first.content
        assert again.headers["etag"] == first.headers["etag"]


class Untold(MemoryCache):
    """A cache that cannot tell its generation, as a shared Redis cannot."""

    def generation(self) -> None:  # type: ignore[override]
        return None


async def test_a_cache_that_cannot_tell_its_generation_gets_no_memo() -> None:
    cache = Untold()
    async with serving(cache=cache) as api:
        await api.get(URL)
        lookups = cache.get_stats()["total_requests"]
        response, sent = await api.wiki_requests(URL)
        assert response.status_code == 200
        assert sent == 0
        # Rendered again from the cache's entries.
        assert cache.get_stats()["total_requests"] > lookups
