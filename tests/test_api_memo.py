"""Rendered responses reused only while the client's cache is unchanged, and for a bounded time."""

from __future__ import annotations

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
