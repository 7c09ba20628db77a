"""The cache interface every cache implements, and the statistics it reports.

A cached entry is a value (the `data` of a GraphQL result) under a key, plus tags that say what
the value holds: `page:42` (that page), `page` (some page, or a listing of pages), `list:page`
(a listing of pages). Invalidation works on tags, so a mutation can drop exactly the reads it
made stale (see `wikijs_typed.cache._normalize`).

The method names and the statistics follow the Wiki.js Python SDK's `MemoryCache`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import ClassVar, TypedDict, TypeVar

from wikijs_typed.cache._views import View

# A key as the engine builds it: identity, operation, document fingerprint and variables.
CacheKey = str
T = TypeVar("T")

# The tag that stands for every entry: invalidating it clears the cache.
EVERYTHING = "*"

DEFAULT_TTL = 300
DEFAULT_MAX_SIZE = 1000


class CacheStats(TypedDict):
    """A cache's statistics, as the Wiki.js Python SDK's `get_stats` reports them.

    Attributes:
        ttl: How long an entry stays fresh, in seconds.
        max_size: How many entries the cache keeps at most.
        current_size: How many entries it holds now, expired ones not yet dropped included.
        hits: Lookups through this cache object that found a fresh entry.
        misses: Lookups that found none.
        hit_rate: Hits as a percentage of lookups, formatted: "75.00%".
        total_requests: Hits and misses together.
    """

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
    """The tag of every listing of a resource: `list:page`."""
    return f"list:{resource_type}"


def check_limits(ttl: float, max_size: int) -> None:
    """Refuse a ttl or a size no cache can work with (a ValueError, as for any bad argument)."""
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


# Users implement this class, so it cannot be written async and derived like the engine and
# the resources (`python -m tools.sync_twins`): one class offers both, `get` and `aget`, `set`
# and `aset`.
# That is the project's one style for a hand-written class that serves sync and async callers;
# the twin rewrite maps each `a*` name onto its sync one.
class BaseCache(ABC):
    """What the engines need from a cache, for writing a cache of one's own.

    Values are the `data` of GraphQL results; they must stay JSON-compatible for a cache
    shared by processes. The async methods let a cache that does network I/O (Redis) wait
    without blocking the event loop; by default they call the sync ones.

    Attributes:
        ttl: How long an entry stays fresh, in seconds; positive.
        max_size: How many entries the cache keeps at most; at least 1.
        waits: Whether a lookup can wait on I/O. False lets the async engine call `lookup`
            directly on a hit's hot path, without a coroutine; a cache of one's own that
            never waits may set it to False.
    """

    ttl: float
    max_size: int
    waits: ClassVar[bool] = True
    # Called with the tags of every invalidation (see `add_drop_listener`).
    _drop_listeners: tuple[DropListener, ...] = ()

    @abstractmethod
    def get(self, key: CacheKey) -> object | None:
        """Look up a value, counting a hit or a miss.

        Args:
            key: The key the engine built for a read.

        Returns:
            The value stored under `key`, or None when it is absent or expired.
        """

    @abstractmethod
    def set(self, key: CacheKey, value: object, *, tags: Iterable[str] = ()) -> None:
        """Store a value for `ttl` seconds, tagged with what it holds.

        Storing may evict the least recently used entries to stay within `max_size`.

        Args:
            key: The key the engine built for the read.
            value: The read's `data`.
            tags: What the value holds (`page:42`, `page`, `list:page`): an invalidation of
                any of them drops the entry.
        """

    @abstractmethod
    def delete(self, key: CacheKey) -> None:
        """Drop one entry, if present.

        Args:
            key: The entry's key.
        """

    @abstractmethod
    def clear(self) -> None:
        """Drop every entry, and tell the drop listeners (with the tag `*`)."""

    @abstractmethod
    def invalidate_tags(self, tags: Iterable[str]) -> int:
        """Drop every entry carrying any of the tags, and tell the drop listeners.

        Args:
            tags: The tags whose entries are stale.

        Returns:
            How many entries were dropped.
        """

    @abstractmethod
    def cleanup_expired(self) -> int:
        """Drop the expired entries now, rather than when they are next looked up.

        Returns:
            How many entries were dropped.
        """

    @abstractmethod
    def get_stats(self) -> CacheStats:
        """Report the cache's size and this object's hits and misses.

        Returns:
            The statistics.
        """

    def lookup(self, key: CacheKey, view: View[T]) -> tuple[object | None, T | None]:
        """Look up a value and what a view made of it, counting one hit or one miss.

        A read comes here once: a miss is counted once and, for a shared cache, costs one
        round trip. Each call hands out a copy of its own of the kept view: a caller changing
        what it got never changes what the next caller gets. By default nothing is kept
        beside the entries, and this is `get`.

        Args:
            key: The key the engine built for a read.
            view: Whoever made something of the value (see `keep_view`).

        Returns:
            The value (None when it is absent or expired), and a copy of what `view` kept
            beside it (None when it kept nothing).
        """
        return self.get(key), None

    async def alookup(self, key: CacheKey, view: View[T]) -> tuple[object | None, T | None]:
        """Look up a value and what a view made of it, as `lookup` does, without blocking.

        Args:
            key: The key the engine built for a read.
            view: Whoever made something of the value (see `keep_view`).

        Returns:
            The value, or None; and a copy of what `view` kept beside it, or None.
        """
        return await self.aget(key), None

    def keep_view(self, key: CacheKey, value: object, view: View[T], viewed: T) -> None:
        """Keep a copy of what a view made of a value beside its entry, while it holds it.

        Nothing is kept if the entry now holds another value (one stored since). By default
        nothing is kept at all.

        Args:
            key: The entry's key.
            value: The value `viewed` was made from, compared by identity.
            view: Whoever made it: the key `lookup()` finds it by.
            viewed: What it made (a decoded model, say); the caller may go on changing it,
                so the cache keeps a copy.
        """
        return None

    def generation(self) -> int | None:
        """Count the changes to the cache's content.

        Something derived from cached reads (a rendered response) can compare it to tell
        it is still what the cache would give.

        Returns:
            A number that changes whenever an entry is stored, dropped or invalidated; None
            when this cache cannot tell (the default).
        """
        return None

    def stamp(self, key: CacheKey) -> str | None:
        """Tell which store of an entry is current, without reading its value.

        Something derived from an entry (the content query's page index) is current exactly
        while the entry's stamp is unchanged, and checking that costs nothing like reading
        the entry. A stamp counts as a use of the entry, not as a hit or a miss.

        Args:
            key: The entry's key.

        Returns:
            A token that stays the same while that entry is the one stored and changes once
            it is stored again; None when there is none (absent, dropped, expired) or this
            cache cannot tell (the default).
        """
        return None

    async def astamp(self, key: CacheKey) -> str | None:
        """Tell which store of an entry is current, as `stamp` does, without blocking.

        Args:
            key: The entry's key.

        Returns:
            The entry's stamp, or None.
        """
        return self.stamp(key)

    def stamps(self, keys: Sequence[CacheKey]) -> list[str | None]:
        """The stamps of many entries (see `stamp`), asked at once where the cache can.

        Args:
            keys: The entries' keys.

        Returns:
            Each entry's stamp or None, in the order of `keys`.
        """
        return [self.stamp(key) for key in keys]

    async def astamps(self, keys: Sequence[CacheKey]) -> list[str | None]:
        """The stamps of many entries, as `stamps` tells them, without blocking.

        Args:
            keys: The entries' keys.

        Returns:
            Each entry's stamp or None, in the order of `keys`.
        """
        return [await self.astamp(key) for key in keys]

    def add_drop_listener(self, listener: DropListener) -> Callable[[], None]:
        """Have a function told whenever entries are dropped as stale through this object.

        That is `invalidate_tags` (a mutation's invalidation, the change feed's watcher) and
        `clear` (`{"*"}`). Something derived from cached reads (an index of decoded pages)
        drops what it built from those tags. Entries that expire or are evicted to make room
        are not reported: they were not stale.

        Listeners run in the caller's thread, after the entries are gone; they must be quick
        and must not raise. With a cache shared by processes (RedisCache), a process is told
        of its own invalidations; the change feed's watcher also tells every process of the
        ones its lease holder made (`notify_dropped`).

        Args:
            listener: Called with the tags whose entries were dropped.

        Returns:
            A function that removes the listener.
        """
        self._drop_listeners = (*self._drop_listeners, listener)

        def remove() -> None:
            self._drop_listeners = tuple(f for f in self._drop_listeners if f is not listener)

        return remove

    def notify_dropped(self, tags: Collection[str]) -> None:
        """Tell the drop listeners that the entries carrying some tags were dropped.

        Args:
            tags: The tags; nobody is told of an empty collection.
        """
        if tags:
            dropped = frozenset(tags)
            for listener in self._drop_listeners:
                listener(dropped)

    def invalidate_resource(self, resource_type: str, identifier: object = None) -> int:
        """Drop the entries holding one entity, or any entity of a kind.

        Args:
            resource_type: The kind of entity: "page", "user", "group", ...
            identifier: The entity's id; None drops everything holding that kind.

        Returns:
            How many entries were dropped.
        """
        return self.invalidate_tags([resource_tag(resource_type, identifier)])

    def invalidate(self, tags: Collection[str]) -> None:
        """Drop what the tags name, as a mutation's invalidation does.

        Args:
            tags: The stale tags; the tag `*` (EVERYTHING) clears the cache.
        """
        if EVERYTHING in tags:
            self.clear()
        elif tags:
            self.invalidate_tags(tags)

    async def ainvalidate(self, tags: Collection[str]) -> None:
        """Drop what the tags name, as `invalidate` does, without blocking.

        Args:
            tags: The stale tags; the tag `*` (EVERYTHING) clears the cache.
        """
        if EVERYTHING in tags:
            await self.aclear()
        elif tags:
            await self.ainvalidate_tags(tags)

    async def aget(self, key: CacheKey) -> object | None:
        """Look up a value, as `get` does, without blocking.

        Args:
            key: The key the engine built for a read.

        Returns:
            The value, or None when it is absent or expired.
        """
        return self.get(key)

    async def aset(self, key: CacheKey, value: object, *, tags: Iterable[str] = ()) -> None:
        """Store a value, as `set` does, without blocking.

        Args:
            key: The key the engine built for the read.
            value: The read's `data`.
            tags: What the value holds.
        """
        self.set(key, value, tags=tags)

    async def ainvalidate_tags(self, tags: Iterable[str]) -> int:
        """Drop every entry carrying any of the tags, as `invalidate_tags` does, without blocking.

        Args:
            tags: The tags whose entries are stale.

        Returns:
            How many entries were dropped.
        """
        return self.invalidate_tags(tags)

    async def aclear(self) -> None:
        """Drop every entry, as `clear` does, without blocking."""
        self.clear()
