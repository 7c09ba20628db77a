"""One test body for both clients: the async client as it is, the sync one made awaitable.

A test takes the `wiki` fixture and writes `await wiki.pages.get(1)` and
`[p async for p in wiki.pages.iter_all()]`; it runs once with `AsyncWikiJSClient` and once
with `WikiJSClient`, whose results (and iterators) are wrapped to be awaited. Exceptions of the
sync client are raised at the call, inside the test's `pytest.raises` block all the same.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import pytest

# The client is imported inside the fixtures: conftest imports this module for every test.


async def _ready(value: object) -> object:
    return value


async def _each(items: Iterator[object]) -> AsyncIterator[object]:
    for item in items:
        yield item


class Awaited:
    """A sync client (or resource) whose calls can be awaited like the async client's."""

    def __init__(self, target: object) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if callable(value) and not isinstance(value, type):
            return self._wrap(value)
        if type(value).__module__.startswith("wikijs_typed._resources."):
            return Awaited(value)
        return value

    @staticmethod
    def _wrap(method: Callable[..., object]) -> Callable[..., Awaitable[object] | object]:
        def call(*args: object, **kwargs: object) -> object:
            result = method(*args, **kwargs)
            if inspect.isgenerator(result):
                return _each(result)
            return _ready(result)

        return call

    @property
    def unwrapped(self) -> object:
        return self._target


def make_client(kind: str, emulator: Any, **options: Any) -> Any:
    """A client of `kind` ("sync" or "async") on the emulator's in-process transport."""
    from wikijs_typed import AsyncWikiJSClient, WikiJSClient

    if kind == "sync":
        return WikiJSClient(
            emulator.base_url,
            options.pop("auth", emulator.api_key),
            transport=emulator.transport(),
            **options,
        )
    return AsyncWikiJSClient(
        emulator.base_url,
        options.pop("auth", emulator.api_key),
        transport=emulator.async_transport(),
        **options,
    )


def wrap(client: Any) -> Any:
    """The client itself when async; made awaitable when sync."""
    from wikijs_typed import WikiJSClient

    return Awaited(client) if isinstance(client, WikiJSClient) else client


@pytest.fixture(params=["sync", "async"])
async def wiki(request: pytest.FixtureRequest, wikijs_emulator: Any) -> AsyncIterator[Any]:
    """A client on a fresh emulator, sync and async in turn."""
    client = make_client(request.param, wikijs_emulator)
    yield wrap(client)
    await wrap(client).close()


@pytest.fixture(params=["sync", "async"])
async def cached_wiki(request: pytest.FixtureRequest, wikijs_emulator: Any) -> AsyncIterator[Any]:
    """As `wiki`, with a MemoryCache."""
    from wikijs_typed.cache import MemoryCache

    client = make_client(request.param, wikijs_emulator, cache=MemoryCache())
    yield wrap(client)
    await wrap(client).close()
