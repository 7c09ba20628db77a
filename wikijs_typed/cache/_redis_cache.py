"""`RedisCache`: the same cache semantics on a Redis server, shared by several processes.

Layout under `prefix` (all of one cache's keys share it):
- `<prefix>e:<digest of the key>`: a hash {v: the JSON value, x: expiry in ms, t: the tags,
  s: a random stamp of this store};
- `<prefix>lru`: a sorted set of entry keys scored by last use, for LRU eviction and size;
- `<prefix>tag:<tag>`: the set of entry keys carrying a tag.
Every operation is one Lua script, so concurrent processes never see half an update, and an
invalidation made by one process is seen by all others at once.

A lookup answers the value with its stamp. The process keeps what it decoded of the entries
it read, under their stamps, and what views made of them (`keep_view`): a hit on an entry
whose stamp it has seen before costs the round trip and a copy, no decoding and no
validation. A store anywhere changes the stamp, and a dropped entry answers nothing, so what a
process kept is used exactly while its entry is the one stored.

Expiry is checked against the cache's clock (injectable for tests; wall time by default,
shared by processes on one host); Redis's own key expiry only collects entries that nobody
touches any more. Statistics (hits, misses) count this object's own lookups.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import secrets
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

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
from wikijs_typed.exceptions import ConfigurationError

if TYPE_CHECKING:
    import redis
    import redis.asyncio

T = TypeVar("T")

DEFAULT_URL = "redis://127.0.0.1:6379/0"
DEFAULT_PREFIX = "wikijs-typed:"
# Redis forgets untouched entries this long after they expire.
_GRACE_MS = 60_000

# Shared Lua: drop one entry and its memberships.
_DROP = """
local function drop(prefix, entry)
  local tags = redis.call('HGET', entry, 't')
  redis.call('DEL', entry)
  redis.call('ZREM', prefix .. 'lru', entry)
  if tags then
    for tag in string.gmatch(tags, '[^\\n]+') do
      redis.call('SREM', prefix .. 'tag:' .. tag, entry)
    end
  end
  return 1
end
"""

# KEYS[1] entry; ARGV: prefix, now. The value and the stamp of its store.
_GET = (
    _DROP
    + """
local found = redis.call('HMGET', KEYS[1], 'v', 'x', 's')
if not found[1] then return false end
if tonumber(found[2]) <= tonumber(ARGV[2]) then
  drop(ARGV[1], KEYS[1])
  return false
end
redis.call('ZADD', ARGV[1] .. 'lru', ARGV[2], KEYS[1])
return {found[1], found[3] or ''}
"""
)

# KEYS[1] entry; ARGV: prefix, now, value, expiry, keep-for ms, max size, tags joined by \n, stamp
_SET = (
    _DROP
    + """
local prefix = ARGV[1]
drop(prefix, KEYS[1])
redis.call('HSET', KEYS[1], 'v', ARGV[3], 'x', ARGV[4], 't', ARGV[7], 's', ARGV[8])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('ZADD', prefix .. 'lru', ARGV[2], KEYS[1])
for tag in string.gmatch(ARGV[7], '[^\\n]+') do
  local members = prefix .. 'tag:' .. tag
  redis.call('SADD', members, KEYS[1])
  if redis.call('PTTL', members) < tonumber(ARGV[5]) then
    redis.call('PEXPIRE', members, ARGV[5])
  end
end
local excess = redis.call('ZCARD', prefix .. 'lru') - tonumber(ARGV[6])
if excess > 0 then
  for _, victim in ipairs(redis.call('ZRANGE', prefix .. 'lru', 0, excess - 1)) do
    drop(prefix, victim)
  end
end
return excess
"""
)

# KEYS[1] entry; ARGV: prefix, now. The entry's stamp, touching it as a read does.
_STAMP = """
local found = redis.call('HMGET', KEYS[1], 's', 'x')
if not found[1] or tonumber(found[2]) <= tonumber(ARGV[2]) then return false end
redis.call('ZADD', ARGV[1] .. 'lru', ARGV[2], KEYS[1])
return found[1]
"""

# ARGV: prefix, tags...
_INVALIDATE = (
    _DROP
    + """
local dropped = 0
for i = 2, #ARGV do
  local members = ARGV[1] .. 'tag:' .. ARGV[i]
  for _, entry in ipairs(redis.call('SMEMBERS', members)) do
    if redis.call('EXISTS', entry) == 1 then dropped = dropped + 1 end
    drop(ARGV[1], entry)
  end
  redis.call('DEL', members)
end
return dropped
"""
)

# KEYS[1] entry; ARGV: prefix
_DELETE = _DROP + "return drop(ARGV[1], KEYS[1])"

# ARGV: prefix, now (or an empty string to drop everything)
_SWEEP = (
    _DROP
    + """
local dropped = 0
for _, entry in ipairs(redis.call('ZRANGE', ARGV[1] .. 'lru', 0, -1)) do
  local expiry = redis.call('HGET', entry, 'x')
  if ARGV[2] == '' or not expiry or tonumber(expiry) <= tonumber(ARGV[2]) then
    if expiry then dropped = dropped + 1 end
    drop(ARGV[1], entry)
  end
end
return dropped
"""
)

_SCRIPTS = {
    "get": _GET,
    "stamp": _STAMP,
    "set": _SET,
    "invalidate": _INVALIDATE,
    "delete": _DELETE,
    "sweep": _SWEEP,
}


@dataclass(slots=True)
class _Decoded:
    """What this process made of one store of an entry: its value, and views of it."""

    stamp: object
    value: object
    views: KeptViews = field(default_factory=dict)


def _count(reply: object) -> int:
    return reply if isinstance(reply, int) else 0


def _text(reply: object) -> str | None:
    if isinstance(reply, bytes):
        return reply.decode()
    return reply if isinstance(reply, str) else None


@functools.lru_cache(maxsize=4096)
def _digest(key: CacheKey) -> str:
    # Found again on every hit of the same read: hashed once.
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _import_redis() -> Any:
    try:
        import redis
    except ImportError:  # pragma: no cover - depends on the installation
        raise ConfigurationError(
            "RedisCache needs redis-py: pip install 'wikijs-typed[redis]'"
        ) from None
    return redis


class RedisCache(BaseCache):
    """A cache on Redis with `MemoryCache`'s behaviour, shared by processes.

    Every process that uses the same server and `prefix` sees the same entries, and an
    invalidation made by one is seen by all at once. Give a URL, or a ready `redis.Redis`
    client. The async engine uses `async_client` if given, else one made from the URL for
    each event loop; a cache given only a sync client runs its async calls in a worker thread.
    Values must be JSON-compatible, which GraphQL data is.

    Nothing connects until the first use. From then on, every method that reaches the server
    raises redis-py's `redis.exceptions.ConnectionError` (or `TimeoutError`, both
    `RedisError`) when Redis cannot be reached: the client does not hide an outage behind
    misses, so a read or a write through the client fails with it.

    Args:
        url: The server's address, `redis://host:6379/0`; may hold a password, which is never
            shown. Without a URL or a client: `redis://127.0.0.1:6379/0`.
        ttl: How long an entry stays fresh, in seconds; positive.
        max_size: How many entries to keep at most, over all processes; at least 1.
        prefix: What every Redis key of this cache starts with; caches with different
            prefixes on one server are independent.
        client: A ready sync client to use instead of one made from `url`.
        async_client: A ready async client, for the async engine in a single event loop.
        clock: Wall time in seconds, for expiry (shared by the processes on one host).

    Raises:
        ValueError: `ttl` is not positive, or `max_size` is below 1.
        ConfigurationError: redis-py is not installed (the `redis` extra).
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        ttl: float = DEFAULT_TTL,
        max_size: int = DEFAULT_MAX_SIZE,
        prefix: str = DEFAULT_PREFIX,
        client: redis.Redis | None = None,
        async_client: redis.asyncio.Redis | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        check_limits(ttl, max_size)
        self.ttl = ttl
        self.max_size = max_size
        # May hold a password: never shown. Without a URL, a given client is all there is.
        self._url = url if url is not None or client is not None else DEFAULT_URL
        self.prefix = prefix
        self._clock = clock
        redis_module = _import_redis()
        self._client: redis.Redis = client or redis_module.Redis.from_url(self._url)
        self._scripts = {n: self._client.register_script(s) for n, s in _SCRIPTS.items()}
        self._given_async = async_client
        # redis.asyncio clients belong to one event loop: one client (and scripts) per loop.
        self._async: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, tuple[redis.asyncio.Redis, dict[str, Any]]
        ] = weakref.WeakKeyDictionary()
        self._counter = HitCounter()
        # Guards the counter and the decoded entries (at most `max_size`, least recent first).
        self._lock = threading.Lock()
        self._decoded: OrderedDict[CacheKey, _Decoded] = OrderedDict()

    # -- encoding ----------------------------------------------------------------------------

    def _entry(self, key: CacheKey) -> str:
        return f"{self.prefix}e:{_digest(key)}"

    def _now_ms(self) -> int:
        return int(self._clock() * 1000)

    def _set_args(self, value: object, tags: Iterable[str]) -> list[str | int]:
        now = self._now_ms()
        ttl_ms = int(self.ttl * 1000)
        encoded = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
        joined = "\n".join(sorted({t for t in tags if t and "\n" not in t}))
        stamp = secrets.token_hex(8)
        expiry, keep = now + ttl_ms, ttl_ms + _GRACE_MS
        return [self.prefix, now, encoded, expiry, keep, self.max_size, joined, stamp]

    def _found(self, reply: object) -> object | None:
        """The value a `get` script answered: decoded afresh, for the caller to own."""
        value = json.loads(reply[0]) if isinstance(reply, list) else None
        with self._lock:
            self._counter.count(value is not None)
        return value

    def _looked_up(
        self, key: CacheKey, reply: object, view: View[T]
    ) -> tuple[object | None, T | None]:
        """The value a `get` script answered and a copy of `view`'s kept view of it.

        The value is decoded once per store of the entry: the views kept beside it need it to
        be the very object they were made of.
        """
        if not isinstance(reply, list):
            with self._lock:
                self._counter.misses += 1
            return None, None
        raw, stamp = reply
        with self._lock:
            self._counter.hits += 1
            decoded = self._decoded.get(key)
            # An entry stored without a stamp (an older version's) is never matched.
            if decoded is not None and decoded.stamp == stamp and stamp:
                self._decoded.move_to_end(key)
                kept = decoded.views.get(view)
                return decoded.value, None if kept is None else kept()
        decoded = _Decoded(stamp, json.loads(raw))
        with self._lock:
            self._decoded[key] = decoded
            self._decoded.move_to_end(key)
            while len(self._decoded) > self.max_size:
                self._decoded.popitem(last=False)
        return decoded.value, None

    # -- sync --------------------------------------------------------------------------------

    def get(self, key: CacheKey) -> object | None:
        """Look up a value, counting a hit or a miss.

        Args:
            key: The key the engine built for a read.

        Returns:
            The value, or None when it is absent or expired.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        raw = self._scripts["get"](keys=[self._entry(key)], args=[self.prefix, self._now_ms()])
        return self._found(raw)

    def lookup(self, key: CacheKey, view: View[T]) -> tuple[object | None, T | None]:
        """Look up a value and what a view made of it, in one round trip (see `BaseCache`).

        Args:
            key: The key the engine built for a read.
            view: Whoever made something of the value (see `keep_view`).

        Returns:
            The value (None when it is absent or expired), and a copy of what `view` kept
            beside this store of it in this process (None when it kept nothing).

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        reply = self._scripts["get"](keys=[self._entry(key)], args=[self.prefix, self._now_ms()])
        return self._looked_up(key, reply, view)

    def keep_view(self, key: CacheKey, value: object, view: View[T], viewed: T) -> None:
        """Keep, in this process, a copy of what a view made of a value `lookup` answered.

        Args:
            key: The entry's key.
            value: The value `viewed` was made from, compared by identity: nothing is kept
                unless it is the one this process decoded of the entry's current store.
            view: Whoever made it.
            viewed: What it made; the caller may go on changing it.
        """
        kept = keepable(viewed)
        with self._lock:
            decoded = self._decoded.get(key)
            if decoded is not None and decoded.value is value:
                decoded.views[view] = kept

    def stamps(self, keys: Sequence[CacheKey]) -> list[str | None]:
        """Tell the stamps of many entries (see `stamp`), in one round trip.

        Args:
            keys: The entries' keys.

        Returns:
            Each entry's stamp, or None where it is absent or expired, in order.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        if not keys:
            return []
        args: list[str | int] = [self.prefix, self._now_ms()]
        pipe = self._client.pipeline(transaction=False)
        for key in keys:
            self._scripts["stamp"](keys=[self._entry(key)], args=args, client=pipe)
        return [_text(reply) for reply in pipe.execute()]

    def stamp(self, key: CacheKey) -> str | None:
        """Tell which store of an entry is current (see `BaseCache.stamp`).

        Args:
            key: The entry's key.

        Returns:
            The stamp of the entry's store, or None when it is absent or expired.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        raw = self._scripts["stamp"](keys=[self._entry(key)], args=[self.prefix, self._now_ms()])
        return _text(raw)

    def set(self, key: CacheKey, value: object, *, tags: Iterable[str] = ()) -> None:
        """Store a value for `ttl` seconds, evicting the least recently used past `max_size`.

        Args:
            key: The key the engine built for the read.
            value: The read's `data`, JSON-compatible.
            tags: What the value holds; a tag holding a newline is left out.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        self._scripts["set"](keys=[self._entry(key)], args=self._set_args(value, tags))

    def delete(self, key: CacheKey) -> None:
        """Drop one entry, if present.

        Args:
            key: The entry's key.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        self._scripts["delete"](keys=[self._entry(key)], args=[self.prefix])

    def clear(self) -> None:
        """Drop every entry under this cache's prefix, and tell the drop listeners.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        self._scripts["sweep"](keys=[], args=[self.prefix, ""])
        self.notify_dropped([EVERYTHING])

    def invalidate_tags(self, tags: Iterable[str]) -> int:
        """Drop every entry carrying any of the tags, for every process.

        Args:
            tags: The tags whose entries are stale.

        Returns:
            How many entries were dropped.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        wanted = [t for t in tags if t]
        if not wanted:
            return 0
        dropped = _count(self._scripts["invalidate"](keys=[], args=[self.prefix, *wanted]))
        self.notify_dropped(wanted)
        return dropped

    def cleanup_expired(self) -> int:
        """Drop the expired entries now.

        Returns:
            How many entries were dropped.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        return _count(self._scripts["sweep"](keys=[], args=[self.prefix, self._now_ms()]))

    def get_stats(self) -> CacheStats:
        """Report the shared cache's size and this object's hits and misses.

        Returns:
            The statistics.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        size = _count(self._client.zcard(self.prefix + "lru"))
        with self._lock:
            return self._counter.stats(ttl=self.ttl, max_size=self.max_size, current_size=size)

    # -- async -------------------------------------------------------------------------------

    def _async_scripts(self) -> dict[str, Any] | None:
        known = self._async_client()
        return None if known is None else known[1]

    def _async_client(self) -> tuple[Any, dict[str, Any]] | None:
        """This loop's async client and its scripts; None when there is only a sync client."""
        loop = asyncio.get_running_loop()
        known = self._async.get(loop)
        if known is None:
            client = self._given_async
            if client is None:
                if self._url is None:
                    return None
                client = _import_redis().asyncio.Redis.from_url(self._url)
            scripts = {n: client.register_script(s) for n, s in _SCRIPTS.items()}
            known = self._async[loop] = (client, scripts)
        return known

    async def _run(self, name: str, keys: list[str], args: Sequence[str | int]) -> object:
        scripts = self._async_scripts()
        if scripts is None:
            return await asyncio.to_thread(self._scripts[name], keys=keys, args=args)
        script: Callable[..., Awaitable[object]] = scripts[name]
        return await script(keys=keys, args=args)

    async def aget(self, key: CacheKey) -> object | None:
        """Look up a value, as `get` does, without blocking.

        Args:
            key: The key the engine built for a read.

        Returns:
            The value, or None when it is absent or expired.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        raw = await self._run("get", [self._entry(key)], [self.prefix, self._now_ms()])
        return self._found(raw)

    async def alookup(self, key: CacheKey, view: View[T]) -> tuple[object | None, T | None]:
        """Look up a value and what a view made of it, as `lookup` does, without blocking.

        Args:
            key: The key the engine built for a read.
            view: Whoever made something of the value (see `keep_view`).

        Returns:
            The value, or None; and a copy of what `view` kept beside it, or None.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        reply = await self._run("get", [self._entry(key)], [self.prefix, self._now_ms()])
        return self._looked_up(key, reply, view)

    async def astamps(self, keys: Sequence[CacheKey]) -> list[str | None]:
        """Tell the stamps of many entries, as `stamps` does, without blocking.

        Args:
            keys: The entries' keys.

        Returns:
            Each entry's stamp, or None where it is absent or expired, in order.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        known = self._async_client()
        if known is None:
            return await asyncio.to_thread(self.stamps, keys)
        if not keys:
            return []
        client, scripts = known
        args: list[str | int] = [self.prefix, self._now_ms()]
        pipe = client.pipeline(transaction=False)
        for key in keys:
            await scripts["stamp"](keys=[self._entry(key)], args=args, client=pipe)
        return [_text(reply) for reply in await pipe.execute()]

    async def astamp(self, key: CacheKey) -> str | None:
        """Tell which store of an entry is current, as `stamp` does, without blocking.

        Args:
            key: The entry's key.

        Returns:
            The stamp, or None when the entry is absent or expired.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        return _text(await self._run("stamp", [self._entry(key)], [self.prefix, self._now_ms()]))

    async def aset(self, key: CacheKey, value: object, *, tags: Iterable[str] = ()) -> None:
        """Store a value, as `set` does, without blocking.

        Args:
            key: The key the engine built for the read.
            value: The read's `data`, JSON-compatible.
            tags: What the value holds.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        await self._run("set", [self._entry(key)], self._set_args(value, tags))

    async def ainvalidate_tags(self, tags: Iterable[str]) -> int:
        """Drop every entry carrying any of the tags, as `invalidate_tags` does, without blocking.

        Args:
            tags: The tags whose entries are stale.

        Returns:
            How many entries were dropped.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        wanted = [t for t in tags if t]
        if not wanted:
            return 0
        dropped = _count(await self._run("invalidate", [], [self.prefix, *wanted]))
        self.notify_dropped(wanted)
        return dropped

    async def aclear(self) -> None:
        """Drop every entry under this cache's prefix, as `clear` does, without blocking.

        Raises:
            redis.exceptions.RedisError: Redis cannot be reached or refused the command.
        """
        await self._run("sweep", [], [self.prefix, ""])
        self.notify_dropped([EVERYTHING])

    @property
    def redis(self) -> redis.Redis:
        """The sync Redis client this cache uses (the change feed's lease shares it)."""
        return self._client

    def close(self) -> None:
        """Close the sync connection pool (the async clients close with `aclose`)."""
        self._client.close()

    async def aclose(self) -> None:
        """Close this event loop's async client, if this cache made it, and the sync pool."""
        known = self._async.pop(asyncio.get_running_loop(), None)
        if known is not None and known[0] is not self._given_async:
            await known[0].aclose()
        self.close()

    def __repr__(self) -> str:
        return f"RedisCache(prefix={self.prefix!r}, ttl={self.ttl}, max_size={self.max_size})"
