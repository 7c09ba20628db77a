"""Rendered responses kept while the client's cache is unchanged.

A hot request would otherwise re-read the cached listing into pages, re-run the query and
re-render the JSON on every call. A rendering is reused only while the cache's generation is
the one it was made at (any stored, dropped or invalidated entry changes it, so a mutation
through any client on that cache is seen by the next request), and for at most `lifetime`
seconds (so an edit made on the wiki itself shows once the cache's own entries expire, plus
that). A cache that cannot tell its generation (RedisCache) gets no memo at all.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from wikijs_typed.cache.base import BaseCache

__all__ = ["Rendered", "ResponseMemo"]


@dataclass(frozen=True, slots=True)
class Rendered:
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
        rendered = await render()
        # Kept only when nothing changed while it was made (a cold read stores entries; the
        # next request, made entirely from the cache, is the one that is kept).
        if before is not None and self._generation() == before:
            self._kept[key] = _Kept(rendered, before, self._clock() + self._lifetime)
            while len(self._kept) > self._max_entries:
                self._kept.popitem(last=False)
        return rendered
