"""Running one content-query test with the sync and the async client alike."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any


def pages_query(wiki: Any) -> Any:
    """`client.pages.query()` of the fixture's client (the query itself, not made awaitable)."""
    return getattr(wiki, "unwrapped", wiki).pages.query()


def assets_of(wiki: Any) -> Any:
    return getattr(wiki, "unwrapped", wiki).assets


async def run(value: Any) -> Any:
    """The result of an evaluation: awaited on the async side, as it is on the sync side."""
    return await value if inspect.isawaitable(value) else value


async def each(query: Any) -> list[Any]:
    """Every item of `for` / `async for` over a query."""
    if hasattr(query, "__aiter__"):
        return [item async for item in query]
    items: Iterable[Any] = query
    return list(items)
