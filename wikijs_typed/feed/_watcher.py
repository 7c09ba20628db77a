"""`Watcher`: polls `client.changes()` and drops from the cache exactly what changed.

Each change drops what a write of it through the client would have dropped (the rules are
the normalized cache's, `wikijs_typed.cache._normalize`): a page by id (its reads by path hold
its id too), the listings, searches and tag lists pages appear in; an asset and the asset
listings; a group and the group listings (its page rules decide what a group's audience may
read). Nothing else:
never the whole cache, except once when it starts without a token (it cannot know what a
shared cache kept from before) when it drops everything holding pages, assets or groups.

With a RedisCache, every process of a deployment shares the cache, so one poll per interval
is enough for all of them: the processes take turns holding a lease in Redis (`SET NX PX`,
renewed at each poll, taken over by another process when its holder stops renewing). The
holder keeps the feed's token and the time of its last good poll in Redis, so a new holder
resumes where the old one stopped, and publishes the tags it dropped so that every process
can tell its drop listeners (cache.add_drop_listener). Processes that do not hold the lease
only read those (from Redis, never from Wiki.js).

A poll that fails (the wiki down, an error answer) is logged in one line; the watcher then
waits twice as long each time (up to `max_backoff`) and the cache keeps serving what it has.
`health()` says how old the last good poll is.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from wikijs_typed._pipeline.operation import GraphQLRequest
from wikijs_typed.cache._base import BaseCache
from wikijs_typed.cache._normalize import stale_tags
from wikijs_typed.feed._changes import ChangeSet

if TYPE_CHECKING:
    from wikijs_typed._resources._async.client import AsyncWikiJSClient
    from wikijs_typed.cache._redis_cache import RedisCache

__all__ = ["LocalLease", "RedisLease", "Watcher", "stale_after"]

log = logging.getLogger("wikijs_typed.feed")

DEFAULT_INTERVAL = 10.0
DEFAULT_MAX_BACKOFF = 300.0
# Everything holding one of these is dropped when the watcher starts without a token.
_FOLLOWED = ("page", "asset", "group")


def _write_of(name: str, identifier: int) -> GraphQLRequest:
    from wikijs_graphql.operations import OPERATIONS

    info = OPERATIONS[name]
    return GraphQLRequest(info.document, info.name, {"id": identifier}, info)


def stale_after(changes: ChangeSet) -> frozenset[str]:
    """Tell which cache tags a change set makes stale.

    They are those of the write that would have made each change through the client: an update
    of the page, a delete of the asset, an update of the group.
    """
    if changes.initial:
        return frozenset(_FOLLOWED)
    tags: set[str] = set()
    for page in changes.pages:
        tags |= stale_tags(_write_of("UpdatePage", page.id), None)
    for asset in changes.assets:
        tags |= stale_tags(_write_of("DeleteAsset", asset.id), None)
    for group in changes.groups:
        tags |= stale_tags(_write_of("UpdateGroup", group), None)
    return frozenset(tags)


class Lease(Protocol):
    """Who polls, where the token is kept, and how the others hear of a poll."""

    role: str

    async def acquire(self) -> bool:
        """Whether this process holds the lease now (taking it when free, renewing it)."""

    async def load_token(self) -> str | None: ...

    async def store(self, token: str, dropped: frozenset[str], polled_at: float) -> None:
        """Keep the token, publish the tags dropped, record the time of the good poll."""

    async def last_polled(self) -> float | None:
        """Wall time of the deployment's last good poll."""

    async def dropped_since_last(self) -> list[frozenset[str]]:
        """Tags other processes' polls dropped since this process last asked."""

    async def release(self) -> None: ...


class LocalLease:
    """One process: always the holder; the token lives in memory."""

    role = "local"

    def __init__(self) -> None:
        self._token: str | None = None
        self._polled: float | None = None

    async def acquire(self) -> bool:
        return True

    async def load_token(self) -> str | None:
        return self._token

    async def store(self, token: str, dropped: frozenset[str], polled_at: float) -> None:
        self._token, self._polled = token, polled_at

    async def last_polled(self) -> float | None:
        return self._polled

    async def dropped_since_last(self) -> list[frozenset[str]]:
        return []

    async def release(self) -> None:
        return None


# KEYS[1] lease; ARGV: holder, ttl ms. Take the lease when free, renew it when ours.
_ACQUIRE = """
local holder = redis.call('GET', KEYS[1])
if holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
"""

# KEYS[1] lease; ARGV: holder. Give the lease up only when ours.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

# How many published drops a late process can still catch up with.
_DROPPED_KEPT = 1000


class RedisLease:
    """The processes sharing a RedisCache (same server, same prefix) poll in turn.

    Keys under the cache's prefix: `feed:lease` (the holder's random id, expiring after `ttl`
    seconds unless renewed), `feed:token`, `feed:polled` (wall time of the last good poll, ms)
    and `feed:dropped` (a stream of the tags each poll dropped, the last 1,000 kept).
    """

    def __init__(self, cache: RedisCache, ttl: float) -> None:
        self._redis = cache.redis
        self._ttl_ms = max(1, int(ttl * 1000))
        prefix = cache.prefix + "feed:"
        self._lease, self._token = prefix + "lease", prefix + "token"
        self._polled, self._dropped = prefix + "polled", prefix + "dropped"
        self._me = secrets.token_hex(8)
        self._acquire = self._redis.register_script(_ACQUIRE)
        self._release = self._redis.register_script(_RELEASE)
        self._cursor: str | None = None
        self.role = "follower"

    async def _call(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return await asyncio.to_thread(function, *args, **kwargs)

    async def acquire(self) -> bool:
        reply = await self._call(self._acquire, keys=[self._lease], args=[self._me, self._ttl_ms])
        held: bool = reply == 1
        self.role = "holder" if held else "follower"
        return held

    async def load_token(self) -> str | None:
        raw = await self._call(self._redis.get, self._token)
        return raw.decode() if isinstance(raw, bytes) else raw

    async def store(self, token: str, dropped: frozenset[str], polled_at: float) -> None:
        def write() -> None:
            pipe = self._redis.pipeline()
            pipe.set(self._token, token)
            pipe.set(self._polled, int(polled_at * 1000))
            if dropped:
                fields: dict[Any, Any] = {"tags": "\n".join(sorted(dropped)), "by": self._me}
                pipe.xadd(self._dropped, fields, maxlen=_DROPPED_KEPT, approximate=True)
            pipe.execute()

        await self._call(write)

    async def last_polled(self) -> float | None:
        raw = await self._call(self._redis.get, self._polled)
        return None if raw is None else int(raw) / 1000

    async def dropped_since_last(self) -> list[frozenset[str]]:
        if self._cursor is None:  # start from now: the cache itself is what is current
            last = await self._call(self._redis.xrevrange, self._dropped, count=1)
            self._cursor = last[0][0].decode() if last else "0-0"
            return []
        entries = await self._call(self._redis.xrange, self._dropped, f"({self._cursor}")
        found = []
        for entry_id, fields in entries:
            self._cursor = entry_id.decode()
            if fields.get(b"by", b"").decode() != self._me:
                found.append(frozenset(fields.get(b"tags", b"").decode().split("\n")) - {""})
        return found

    async def release(self) -> None:
        await self._call(self._release, keys=[self._lease], args=[self._me])


@dataclass(frozen=True, slots=True)
class Health:
    """How current a watcher keeps the cache, for a health check.

    Attributes:
        polling: Whether a watcher is polling at all.
        role: "local" (this process alone), "holder" (this process polls for all) or
            "follower" (another process does).
        interval: The seconds between polls.
        last_poll_age: Seconds since the deployment's last good poll; None before the first.
        failures: How many polls failed in a row, in this process.
    """

    polling: bool
    role: str
    interval: float
    last_poll_age: float | None
    failures: int

    @property
    def ok(self) -> bool:
        """Fresh within the promise: a good poll no older than three intervals."""
        age = self.last_poll_age
        return not self.polling or (age is not None and age <= 3 * self.interval)

    def as_dict(self) -> dict[str, object]:
        """Describe the health as JSON data, with `ok`; the age is rounded to milliseconds."""
        age = None if self.last_poll_age is None else round(self.last_poll_age, 3)
        return {
            "ok": self.ok,
            "polling": self.polling,
            "role": self.role,
            "interval": self.interval,
            "last_poll_age": age,
            "failures": self.failures,
        }


class Watcher:
    """Keeps `client.cache` current with the wiki by polling `client.changes()`.

    Each change drops what a write of it through the client would have dropped, nothing else.
    With a RedisCache, the processes sharing it take turns polling (a lease in Redis), and
    every process hears of the tags dropped. A failed poll is logged in one line and retried
    after twice the wait, up to `max_backoff`, while the cache keeps serving what it has.

    Args:
        client: The async client whose cache to keep current.
        interval: Seconds between polls; positive.
        lease: Who polls: by default a RedisLease for a RedisCache (taken over by another
            process after three intervals without renewal), else this process alone.
        assets: False follows pages and groups only (fewer requests).
        max_backoff: The longest wait between failed polls, in seconds (at least `interval`).
        clock: Wall time in seconds, for the age of the last good poll.

    Raises:
        ValueError: `interval` is not positive, or the client has no cache.
    """

    def __init__(
        self,
        client: AsyncWikiJSClient,
        *,
        interval: float = DEFAULT_INTERVAL,
        lease: Lease | None = None,
        assets: bool = True,
        max_backoff: float = DEFAULT_MAX_BACKOFF,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not interval > 0:
            raise ValueError("interval must be a positive number of seconds")
        if client.cache is None:
            raise ValueError("the watcher keeps a cache current: give the client a cache")
        self._client = client
        self.cache: BaseCache = client.cache
        self.interval = interval
        self.max_backoff = max(max_backoff, interval)
        self.assets = assets
        self.lease = lease if lease is not None else _default_lease(self.cache, interval)
        self._clock = clock
        self._token: str | None = None
        self._resumed = False
        self.failures = 0
        self._task: asyncio.Task[None] | None = None

    async def poll(self) -> ChangeSet | None:
        """Take one turn: poll and invalidate when holding the lease, else hear of the holder's.

        A failed poll leaves the cache and the token as they were.

        Returns:
            The change set this process read, or None when another process holds the lease.

        Raises:
            WikiJSError: Wiki.js could not be read (unreachable, refused the key, ...).
            redis.exceptions.RedisError: The lease's Redis cannot be reached.
        """
        if not await self.lease.acquire():
            self._resumed = False  # when this process holds the lease again, resume from Redis
            for tags in await self.lease.dropped_since_last():
                self.cache.notify_dropped(tags)
            return None
        if not self._resumed:
            self._token = await self.lease.load_token()
            self._resumed = True
        changes = await self._client.changes(self._token, assets=self.assets)
        dropped = stale_after(changes)
        if dropped:
            await self.cache.ainvalidate_tags(dropped)
        await self.lease.store(changes.token, dropped, self._clock())
        self._token = changes.token
        return changes

    async def run(self) -> None:
        """Poll until cancelled, backing off while polls fail."""
        while True:
            await asyncio.sleep(await self.step())

    async def step(self) -> float:
        """Poll once, logging a failure instead of raising it.

        Returns:
            The seconds to wait before the next poll: the interval, or a growing backoff
            after failures.
        """
        try:
            await self.poll()
        except Exception as exc:  # the wiki, Redis or a bug: the task must outlive it
            self.failures += 1
            wait = min(self.interval * 2.0**self.failures, self.max_backoff)
            # One line per failure, no traceback: the cause and when the next try is.
            log.warning(
                "polling the wiki for changes failed (%s: %s);"
                " serving from the cache, next try in %g s",
                type(exc).__name__,
                exc,
                wait,
            )
            self._resumed = False  # the lease may change hands while we are away
            return wait
        if self.failures:
            log.info("polling the wiki for changes works again after %d failures", self.failures)
            self.failures = 0
        return self.interval

    def start(self) -> asyncio.Task[None]:
        """Start polling in a task of the running event loop; idempotent while it runs.

        Returns:
            The polling task.
        """
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self.run(), name="wikijs-watcher")
        return self._task

    async def stop(self) -> None:
        """Stop polling and release the lease (one whose Redis is gone simply expires)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        with contextlib.suppress(Exception):  # a Redis gone at shutdown: the lease expires
            await self.lease.release()

    async def health(self) -> Health:
        """Tell how current the cache is kept; an unreachable Redis means no good poll is known.

        Returns:
            The health; `ok` when a good poll is no older than three intervals.
        """
        try:
            polled = await self.lease.last_polled()
        except Exception:  # Redis unreachable: no good poll is known
            polled = None
        age = None if polled is None else max(0.0, self._clock() - polled)
        return Health(True, self.lease.role, self.interval, age, self.failures)


def _default_lease(cache: BaseCache, interval: float) -> Lease:
    from wikijs_typed.cache._redis_cache import RedisCache

    if isinstance(cache, RedisCache):
        # Three intervals without a renewal: the holder is gone, another process takes over.
        return RedisLease(cache, ttl=3 * interval)
    return LocalLease()
