"""`MemoryCache`: the embedded cache, LRU plus TTL, for one process."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, TypeVar

from wikijs_typed.cache._base import (
    DEFAULT_MAX_SIZE,
    DEFAULT_TTL,
    EVERYTHING,
    BaseCache,
    CacheKey,
    CacheStats,
    HitCounter,
    check_limits,
)
from wikijs_typed.cache._views import KeptViews, View, keepable

T = TypeVar("T")


@dataclass(slots=True)
class _Entry:
    value: object
    expires: float
    tags: frozenset[str]
    # Which store this is (the cache's generation after it, as text): the entry's stamp.
    stamp: str = ""
    # For each reader's view, a copier of what it made of `value` (see
    # `wikijs_typed.cache._views`); they go with the entry.
    views: KeptViews = field(default_factory=dict)


class MemoryCache(BaseCache):
    """The embedded cache, for one process: LRU plus TTL.

    Least-recently-used entries go first when `max_size` is reached; entries expire after
    `ttl` seconds. One lock guards the state and is never held across I/O or an `await`, so
    the cache is safe under threads and tasks alike. It keeps the Python objects it is given,
    so views (decoded models) are kept beside the entries.

    Args:
        ttl: How long an entry stays fresh, in seconds; positive.
        max_size: How many entries to keep at most; at least 1.
        clock: The time in seconds, for expiry; monotonic time by default (tests pass a
            manual clock).

    Raises:
        ValueError: `ttl` is not positive, or `max_size` is below 1.
    """

    waits: ClassVar[bool] = False  # the lock is never held across I/O

    def __init__(
        self,
        ttl: float = DEFAULT_TTL,
        max_size: int = DEFAULT_MAX_SIZE,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        check_limits(ttl, max_size)
        self.ttl = ttl
        self.max_size = max_size
        self._clock = clock
        self._entries: OrderedDict[CacheKey, _Entry] = OrderedDict()
        # tag -> keys of the entries carrying it
        self._tagged: dict[str, set[CacheKey]] = {}
        self._lock = threading.Lock()
        self._counter = HitCounter()
        self._generation = 0

    def generation(self) -> int:
        """Count the changes to the cache's content (see `BaseCache.generation`).

        Returns:
            A number that grows whenever an entry is stored, dropped or invalidated.
        """
        return self._generation

    def _drop(self, key: CacheKey) -> None:
        entry = self._entries.pop(key, None)
        if entry is None:
            return
        self._generation += 1
        for tag in entry.tags:
            keys = self._tagged.get(tag)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._tagged[tag]

    def _live(self, key: CacheKey) -> _Entry | None:
        """The entry under `key` unless it has expired (the lock held)."""
        entry = self._entries.get(key)
        return entry if entry is not None and entry.expires > self._clock() else None

    def get(self, key: CacheKey) -> object | None:
        with self._lock:
            entry = self._live(key)
            if entry is None:
                self._drop(key)  # an expired entry goes now; an absent one is nothing to drop
            else:
                self._entries.move_to_end(key)
            self._counter.count(entry is not None)
        return None if entry is None else entry.value

    def lookup(self, key: CacheKey, view: View[T]) -> tuple[object | None, T | None]:
        # The hot path of a hit: `get`, with the kept view found under the same lock.
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.expires <= self._clock():
                self._drop(key)  # an expired entry goes now; an absent one is nothing to drop
                self._counter.misses += 1
                return None, None
            self._entries.move_to_end(key)
            self._counter.hits += 1
            kept = entry.views.get(view)
        # A copy: the caller may change it, never what the next caller gets.
        return entry.value, None if kept is None else kept()

    async def alookup(self, key: CacheKey, view: View[T]) -> tuple[object | None, T | None]:
        # Nothing to wait for: the lock is never held across I/O.
        return self.lookup(key, view)

    def keep_view(self, key: CacheKey, value: object, view: View[T], viewed: T) -> None:
        kept = keepable(viewed)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.value is value:
                entry.views[view] = kept

    def set(self, key: CacheKey, value: object, *, tags: Iterable[str] = ()) -> None:
        entry = _Entry(value, self._clock() + self.ttl, frozenset(tags))
        with self._lock:
            self._drop(key)
            self._generation += 1
            entry.stamp = str(self._generation)
            self._entries[key] = entry
            for tag in entry.tags:
                self._tagged.setdefault(tag, set()).add(key)
            while len(self._entries) > self.max_size:
                self._drop(next(iter(self._entries)))

    def stamp(self, key: CacheKey) -> str | None:
        # Counts as a use of the entry (LRU), but not as a hit or a miss.
        with self._lock:
            return self._stamp(key, self._clock())

    def stamps(self, keys: Sequence[CacheKey]) -> list[str | None]:
        # Under one lock and one reading of the clock: a listing checks its pages' reads.
        with self._lock:
            now = self._clock()
            return [self._stamp(key, now) for key in keys]

    async def astamps(self, keys: Sequence[CacheKey]) -> list[str | None]:
        return self.stamps(keys)

    def _stamp(self, key: CacheKey, now: float) -> str | None:
        entry = self._entries.get(key)
        if entry is None or entry.expires <= now:
            return None
        self._entries.move_to_end(key)
        return entry.stamp

    def delete(self, key: CacheKey) -> None:
        with self._lock:
            self._drop(key)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._tagged.clear()
            self._generation += 1
        self.notify_dropped([EVERYTHING])

    def invalidate_tags(self, tags: Iterable[str]) -> int:
        wanted = frozenset(tags)
        with self._lock:
            doomed: set[CacheKey] = set()
            for tag in wanted:
                doomed.update(self._tagged.get(tag, ()))
            for key in doomed:
                self._drop(key)
        self.notify_dropped(wanted)
        return len(doomed)

    def cleanup_expired(self) -> int:
        with self._lock:
            now = self._clock()
            expired = [key for key, entry in self._entries.items() if entry.expires <= now]
            for key in expired:
                self._drop(key)
        return len(expired)

    def get_stats(self) -> CacheStats:
        with self._lock:
            return self._counter.stats(
                ttl=self.ttl, max_size=self.max_size, current_size=len(self._entries)
            )

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"MemoryCache(ttl={self.ttl}, max_size={self.max_size}, size={len(self)})"
