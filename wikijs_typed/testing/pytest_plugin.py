"""pytest fixtures for testing Wiki.js integrations offline, against the emulator.

    def test_my_sync(wikijs_client, wikijs_emulator):
        wikijs_emulator.seed_page("docs/hello", "Hello", tags=["greeting"])
        ...

    @pytest.mark.asyncio
    async def test_my_async(async_wikijs_client, wikijs_emulator):
        ...

Registered through the `pytest11` entry point, so pytest loads it for everyone who installs the
package, with or without the `testing` extra. Nothing heavy is imported until a fixture is used,
and without pytest-asyncio the sync fixtures work and the async one says what to install.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

if TYPE_CHECKING:
    from wikijs_typed.client import AsyncWikiJSClient, WikiJSClient
    from wikijs_typed.testing._emulator import WikiJSEmulator

NEEDS_PYTEST_ASYNCIO = (
    "async_wikijs_client needs pytest-asyncio: pip install 'wikijs-typed[testing]', "
    "then mark the test @pytest.mark.asyncio"
)

_Fixture = TypeVar("_Fixture", bound=Callable[..., Any])


def _asyncio_fixture(function: _Fixture) -> _Fixture:
    """Declare an async fixture for pytest-asyncio, so it runs in its default strict mode too.

    Its loop is the function-scoped one that pytest-asyncio runs each test on by default: the
    client is made, used and closed on one event loop.
    """
    try:
        import pytest_asyncio
    except ImportError:  # without the testing extra: `pytest_fixture_setup` below explains
        return pytest.fixture(function)  # type: ignore[return-value]
    return pytest_asyncio.fixture(function, loop_scope="function")  # type: ignore[return-value]


@pytest.fixture
def wikijs_emulator() -> WikiJSEmulator:
    """A fresh, set-up Wiki.js in memory, with a full-access API key (`.api_key`)."""
    from wikijs_typed.testing._emulator import WikiJSEmulator

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


@_asyncio_fixture
async def async_wikijs_client(wikijs_emulator: WikiJSEmulator) -> AsyncIterator[AsyncWikiJSClient]:
    """An `AsyncWikiJSClient` talking to `wikijs_emulator` in-process (needs pytest-asyncio)."""
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


@pytest.hookimpl(tryfirst=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
) -> None:
    """Fail a test that uses `async_wikijs_client` without pytest-asyncio, naming what to install.

    pytest's own error for an async fixture nobody runs names no package. With pytest-asyncio
    active this returns None and pytest-asyncio runs the fixture.
    """
    ours = getattr(fixturedef.func, "__module__", None) == __name__  # not a user's override
    unhandled = not request.config.pluginmanager.has_plugin("asyncio")
    if fixturedef.argname == "async_wikijs_client" and ours and unhandled:
        pytest.fail(NEEDS_PYTEST_ASYNCIO, pytrace=False)
