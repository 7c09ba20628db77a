"""The cache interface every cache implements, and the statistics it reports.

A cached entry is a value (the `data` of a GraphQL result) under a key, plus tags that say what
the value holds: `page:42` (that page), `page` (some page, or a listing of pages), `list:page`
(a listing of pages). Invalidation works on tags, so a mutation can drop exactly the reads it
made stale (see `wikijs_typed.cache._normalize`).

The method names and the statistics follow the Wiki.js Python SDK's `MemoryCache`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable
from typing import TypedDict

# A key as the engine builds it: identity, operation, document fingerprint and variables.
CacheKey = str

# The tag that stands for every entry: invalidating it clears the cache.
EVERYTHING = "*"

DEFAULT_TTL = 300
DEFAULT_MAX_SIZE = 1000


class CacheStats(TypedDict):
    ttl: float
    max_size: int
    current_size: int
    hits: int
    misses: int
    hit_rate: str
    total_requests: int


def resource_tag(resource_type: str, identifier: object = None) -> str:
    """The tag of one entity (`page:42`), or of everything holding that resource (`page`)."""
    return resource_type if identifier is None else f"{resource_type}:{identifier}"


def listing_tag(resource_type: str) -> str:
    return f"list:{resource_type}"


def check_limits(ttl: float, max_size: int) -> None:
    if not ttl > 0:
        raise ValueError("ttl must be a positive number of seconds")
    if max_size < 1:
        raise ValueError("max_size must be at least 1")


class HitCounter:
    """Hits and misses of one cache object; the cache serialises the updates."""

    def __init__(self) -> None:
        self.hits = 0
        self.misses = 0

    def count(self, hit: bool) -> None:
        if hit:
            self.hits += 1
        else:
            self.misses += 1

    def stats(self, *, ttl: float, max_size: int, current_size: int) -> CacheStats:
        total = self.hits + self.misses
        rate = 100.0 * self.hits / total if total else 0.0
        return CacheStats(
            ttl=ttl,
            max_size=max_size,
            current_size=current_size,
            hits=self.hits,
            misses=self.misses,
            hit_rate=f"{rate:.2f}%",
            total_requests=total,
        )


# Told the tags whose entries were just dropped as stale; `{"*"}` (EVERYTHING) after a clear.
DropListener = Callable[[frozenset[str]], None]


# Users implement this class, so it cannot be written async and derived like the engine and the
# resources (`python -m tools.twin`): one class offers both, `get` and `aget`, `set` and `aset`.
# That is the project's one style for a hand-written class that serves sync and async callers;
# the twin rewrite maps each `a*` name onto its sync one.
class BaseCache(ABC):
    """What the engines need from a cache. Values must be JSON-compatible for shared caches.

    The async methods let a cache that does network I/O (Redis) wait without blocking the
    event loop; by default they call the sync ones.
    """

    ttl: float
    max_size: int
    # Called with the tags of every invalidation (see `add_drop_listener`).
    _drop_listeners: tuple[DropListener, ...] = ()

    @abstractmethod
    def get(self, key: CacheKey) -> object | None:
        """The value under `key`, or None when absent or expired."""

    @abstractmethod
    def set(self, key: CacheKey, value: object, *, tags: Iterable[str] = ()) -> None:
        """Store `value` for `ttl` seconds, tagged with what it holds."""

    @abstractmethod
    def delete(self, key: CacheKey) -> None: ...

    @abstractmethod
    def clear(self) -> None: ...

    @abstractmethod
    def invalidate_tags(self, tags: Iterable[str]) -> int:
        """Drop every entry carrying any of `tags`; returns how many were dropped."""

    @abstractmethod
    def cleanup_expired(self) -> int:
        """Drop the expired entries now; returns how many were dropped."""

    @abstractmethod
    def get_stats(self) -> CacheStats: ...

    def view(self, key: CacheKey, view: object) -> object | None:
        """What `view` made of the fresh entry under `key` (kept by `keep_view`), counted as a
        hit; None when there is none. A cache that keeps no Python objects (one shared by
        processes) keeps no views: the default."""
        return None

    def keep_view(self, key: CacheKey, value: object, view: object, viewed: object) -> None:
        """Keep `viewed`, what `view` made of `value`, beside the entry under `key`, as long
        as that entry still holds this very `value` (not one stored since). By default
        nothing is kept."""
        return None

    def generation(self) -> int | None:
        """A number that changes whenever an entry is stored, dropped or invalidated, so that
        something derived from cached reads (a rendered response) can tell it is still what
        the cache would give. None: this cache cannot tell (the default)."""
        return None

    def stamp(self, key: CacheKey) -> str | None:
        """A token for the entry under `key` that stays the same while that entry is the one
        stored, and changes once it is stored again; None when there is none (absent, dropped,
        expired) or this cache cannot tell (the default). Something derived from an entry (the
        content query's page index) is current exactly while the entry's stamp is unchanged,
        and checking that costs nothing like reading the entry."""
        return None

    async def astamp(self, key: CacheKey) -> str | None:
        return self.stamp(key)

    def add_drop_listener(self, listener: DropListener) -> Callable[[], None]:
        """Call `listener(tags)` whenever entries are dropped as stale through this cache
        object: `invalidate_tags` (a mutation's invalidation, the change feed's watcher) and
        `clear` (`{"*"}`). Something derived from cached reads (an index of decoded pages)
        drops what it built from those tags. Entries that expire or are evicted to make room
        are not reported: they were not stale. Returns a function that removes the listener.

        Listeners run in the caller's thread, after the entries are gone; they must be quick
        and must not raise. With a cache shared by processes (RedisCache), a process is told
        of its own invalidations; the change feed's watcher also tells every process of the
        ones its lease holder made (`notify_dropped`).
        """
        self._drop_listeners = (*self._drop_listeners, listener)

        def remove() -> None:
            self._drop_listeners = tuple(f for f in self._drop_listeners if f is not listener)

        return remove

    def notify_dropped(self, tags: Collection[str]) -> None:
        """Tell the drop listeners that the entries carrying `tags` were dropped."""
        if tags:
            dropped = frozenset(tags)
            for listener in self._drop_listeners:
                listener(dropped)

    def invalidate_resource(self, resource_type: str, identifier: object = None) -> int:
        """Drop the entries holding one entity (`'page', '123'`) or any of a resource (`'page'`)."""
        return self.invalidate_tags([resource_tag(resource_type, identifier)])

    def invalidate(self, tags: Collection[str]) -> None:
        """Drop what `tags` name; the tag `*` (EVERYTHING) clears the cache."""
        if EVERYTHING in tags:
            self.clear()
        elif tags:
            self.invalidate_tags(tags)

    async def ainvalidate(self, tags: Collection[str]) -> None:
        if EVERYTHING in tags:
            await self.aclear()
        elif tags:
            await self.ainvalidate_tags(tags)

    async def aget(self, key: CacheKey) -> object | None:
        return self.get(key)

    async def aset(self, key: CacheKey, value: object, *, tags: Iterable[str] = ()) -> None:
        self.set(key, value, tags=tags)

    async def ainvalidate_tags(self, tags: Iterable[str]) -> int:
        return self.invalidate_tags(tags)

    async def aclear(self) -> None:
        self.clear()
