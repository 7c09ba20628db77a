"""Rendered responses kept while the client's cache is unchanged.

A hot request would otherwise ask the cache for the stamps of what it shows (the listing, the
audience's group, a detail's page) and find the JSON its query keeps under them: about 1.6x
what this memo's one lookup costs the app. A rendering is reused only while the cache's
generation is the one it was made at (any stored, dropped or invalidated entry changes it, so
a mutation through any client on that cache is seen by the next request), and for at most
`lifetime` seconds (so an edit made on the wiki itself shows once the cache's own entries
expire, plus that). A cache that cannot tell its generation (RedisCache) gets no memo at all.

Whatever the cache, identical requests that arrive while one is being made share it (single
flight): a burst of readers costs one rendering and one set of reads, and a failure is
answered to all of them at once instead of being retried once per reader. The first reader
renders in its own task, so a request answered from the cache starts no task and waits for no
turn of the event loop; should that reader go away, the next one waiting takes the rendering
over.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import NamedTuple

from wikijs_typed.cache._base import BaseCache

__all__ = ["Rendered", "ResponseMemo"]


class _MakerLeft(Exception):
    """The reader making a rendering went away before it was made: another one makes it."""


class Rendered(NamedTuple):
    """A response body and its ETag (a tuple: one is made for every request)."""

    content: bytes
    etag: str


@dataclass(slots=True)
class _Kept:
    rendered: Rendered
    generation: int
    expires: float


class ResponseMemo:
    def __init__(
        self,
        cache: BaseCache | None,
        *,
        lifetime: float,
        max_entries: int = 512,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._cache = cache
        self._lifetime = lifetime
        self._max_entries = max_entries
        self._clock = clock
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        self._flights: dict[str, asyncio.Future[Rendered]] = {}

    def _generation(self) -> int | None:
        return None if self._cache is None or self._lifetime <= 0 else self._cache.generation()

    async def get(self, key: str, render: Callable[[], Awaitable[Rendered]]) -> Rendered:
        before = self._generation()
        kept = self._kept.get(key)
        if before is not None and kept is not None:
            if kept.generation == before and kept.expires > self._clock():
                self._kept.move_to_end(key)
                return kept.rendered
            del self._kept[key]
        while (flight := self._flights.get(key)) is not None:
            try:
                # Shielded: a reader who goes away leaves the flight to the others.
                return await asyncio.shield(flight)
            except _MakerLeft:
                continue
        return await self._make(key, render, before)

    async def _make(
        self, key: str, render: Callable[[], Awaitable[Rendered]], before: int | None
    ) -> Rendered:
        flight: asyncio.Future[Rendered] = asyncio.get_running_loop().create_future()
        self._flights[key] = flight
        try:
            rendered = await render()
        except Exception as exc:
            flight.set_exception(exc)
            raise
        except BaseException:  # cancelled, or the process is stopping
            flight.set_exception(_MakerLeft())
            raise
        finally:
            del self._flights[key]
            # Seen, so that a failure no other reader waited for is not logged as unretrieved.
            if flight.done():
                flight.exception()
        flight.set_result(rendered)
        # Kept only when nothing changed while it was made (a cold read stores entries; the
        # next request, made entirely from the cache, is the one that is kept).
        if before is not None and self._generation() == before:
            self._kept[key] = _Kept(rendered, before, self._clock() + self._lifetime)
            while len(self._kept) > self._max_entries:
                self._kept.popitem(last=False)
        return rendered
