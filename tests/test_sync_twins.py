"""The sync resources and client are derived from the async ones and must not drift."""

from __future__ import annotations

from tools import sync_twins as twin


def test_sync_twins_are_up_to_date() -> None:
    stale = twin.stale_twins()

    assert not stale, f"run `python -m tools.sync_twins`: {sorted(p.name for p in stale)} are stale"


def test_unasync_drops_the_keywords_and_renames_async_names() -> None:
    source = """__all__ = ["AsyncThingResource"]


class AsyncThingResource:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def each(self) -> AsyncIterator[int]:
        async for item in self._source():
            yield await self._engine.execute(item)

    async def close(self) -> None:
        await self._engine.aclose()  # "async" in a comment stays
"""

    assert (
        twin.unasync_source(source)
        == """__all__ = ["ThingResource"]


class ThingResource:
    def __init__(self, engine: SyncEngine) -> None:
        self._engine = engine

    def each(self) -> Iterator[int]:
        for item in self._source():
            yield self._engine.execute(item)

    def close(self) -> None:
        self._engine.close()  # "async" in a comment stays
"""
    )


def test_strings_other_than_bare_names_are_left_alone() -> None:
    source = 'message = "AsyncWikiJSClient failed"\nname = "AsyncWikiJSClient"\n'

    assert twin.unasync_source(source) == (
        'message = "AsyncWikiJSClient failed"\nname = "WikiJSClient"\n'
    )


def test_a_marked_line_takes_the_statement_it_begins_with_it() -> None:
    # The blank lines a dropped method leaves are ruff's to tidy.
    source = """import asyncio  # async only
from pipeline import (
    async_lock,
    gather,  # async only
)


class AsyncEngine:
    def __init__(self, batching: Batching | None = None) -> None:
        self._turns = async_lock()
        if batching is not None:  # async only
            self._batcher = Batcher(batching)
        self.ready = True

    async def _coalesced(  # async only
        self, requests: list[Request]
    ) -> list[Result]:
        return await asyncio.gather(*requests)

    async def aclose(self) -> None:
        await self.cache.aset(key, None)
        await self.retry.async_sleep(0)
"""

    assert (
        twin.unasync_source(source)
        == """from pipeline import (
    lock,
)


class SyncEngine:
    def __init__(self, batching: Batching | None = None) -> None:
        self._turns = lock()
        self.ready = True


    def close(self) -> None:
        self.cache.set(key, None)
        self.retry.sleep(0)
"""
    )
