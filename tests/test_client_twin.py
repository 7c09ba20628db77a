"""The sync resources and client are derived from the async ones and must not drift."""

from __future__ import annotations

from tools import twin


def test_sync_twins_are_up_to_date() -> None:
    stale = twin.stale_twins()

    assert not stale, f"run `python -m tools.twin`: {sorted(p.name for p in stale)} are stale"


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
