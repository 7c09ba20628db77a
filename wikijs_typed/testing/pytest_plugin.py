"""pytest fixtures for testing Wiki.js integrations offline, against the emulator.

    def test_my_sync(wikijs_client, wikijs_emulator):
        wikijs_emulator.seed_page("docs/hello", "Hello", tags=["greeting"])
        ...

Registered through the `pytest11` entry point. Nothing heavy is imported until a fixture
is used, so installing the package without the `testing` extra does not break pytest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from wikijs_typed.client import AsyncWikiJSClient, WikiJSClient
    from wikijs_typed.testing.emulator import WikiJSEmulator


@pytest.fixture
def wikijs_emulator() -> WikiJSEmulator:
    """A fresh, set-up Wiki.js in memory, with a full-access API key (`.api_key`)."""
    from wikijs_typed.testing.emulator import WikiJSEmulator

    return WikiJSEmulator()


@pytest.fixture
def wikijs_client(wikijs_emulator: WikiJSEmulator) -> Iterator[WikiJSClient]:
    """A `WikiJSClient` talking to `wikijs_emulator` in-process."""
    from wikijs_typed.client import WikiJSClient

    client = WikiJSClient(
        wikijs_emulator.base_url, wikijs_emulator.api_key, transport=wikijs_emulator.transport()
    )
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
async def async_wikijs_client(wikijs_emulator: WikiJSEmulator) -> AsyncIterator[AsyncWikiJSClient]:
    """An `AsyncWikiJSClient` talking to `wikijs_emulator` in-process."""
    from wikijs_typed.client import AsyncWikiJSClient

    client = AsyncWikiJSClient(
        wikijs_emulator.base_url,
        wikijs_emulator.api_key,
        transport=wikijs_emulator.async_transport(),
    )
    try:
        yield client
    finally:
        await client.close()
