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

To configure the emulator (latency, a manual clock, an administrator of your own), override
`wikijs_emulator` in your conftest.py; the client fixtures then use yours:

    from wikijs_typed.testing import LatencyProfile, ManualClock, WikiJSEmulator

    @pytest.fixture
    def wikijs_emulator():
        return WikiJSEmulator(clock=ManualClock(), latency=LatencyProfile().scaled(0.01))
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
    """A fresh, set-up Wiki.js in memory for one test, with a full-access API key (`.api_key`).

    Every HTTP request it answers is recorded in `.requests`. Override this fixture in a
    conftest.py to build the emulator with other arguments (latency, clock, administrator);
    `wikijs_client` and `async_wikijs_client` then talk to that one.

    Returns:
        A new `WikiJSEmulator` with its defaults.
    """
    from wikijs_typed.testing._emulator import WikiJSEmulator

    return WikiJSEmulator()


@pytest.fixture
def wikijs_client(wikijs_emulator: WikiJSEmulator) -> Iterator[WikiJSClient]:
    """A `WikiJSClient` talking to `wikijs_emulator` in-process, closed after the test.

    It authenticates with the emulator's full-access API key and has the client's defaults;
    for other client options, make a client of your own from `wikijs_emulator` (its
    `base_url`, `api_key` and `transport()`).

    Args:
        wikijs_emulator: The emulator it talks to (the fixture, or your override of it).

    Yields:
        The client.
    """
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
    """An `AsyncWikiJSClient` talking to `wikijs_emulator` in-process, closed after the test.

    Declared for pytest-asyncio, so it works in its strict mode and in auto mode; the client
    is made and closed on the test's function-scoped event loop. Without pytest-asyncio the
    test fails at setup with a message that says what to install.

    Args:
        wikijs_emulator: The emulator it talks to (the fixture, or your override of it).

    Yields:
        The client, authenticated with the emulator's full-access API key.
    """
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
    active this returns None and pytest-asyncio runs the fixture. A pytest hook: pytest calls it.

    Args:
        fixturedef: The fixture being set up.
        request: The request for it, which gives the pytest configuration.
    """
    ours = getattr(fixturedef.func, "__module__", None) == __name__  # not a user's override
    unhandled = not request.config.pluginmanager.has_plugin("asyncio")
    if fixturedef.argname == "async_wikijs_client" and ours and unhandled:
        pytest.fail(NEEDS_PYTEST_ASYNCIO, pytrace=False)
