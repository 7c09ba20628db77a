"""The content API serves edits made on the wiki itself (not through wikijs-typed) within its
poll interval: its watcher drops what changed from the cache; /api/v2/_health says how old
the last good poll is; max-age never promises longer than the poll interval."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import httpx
import pytest

from wikijs_typed import AsyncWikiJSClient
from wikijs_typed.api import ApiSettings, create_app
from wikijs_typed.cache import MemoryCache
from wikijs_typed.testing import WikiJSEmulator

HOST = "http://api.example.com"
# Short enough for a test; the default is 10 s.
INTERVAL = 0.05
# How long a test waits for what the watcher should bring, before it fails (not a measure).
PATIENCE = 10.0


@asynccontextmanager
async def running(
    emulator: WikiJSEmulator, settings: ApiSettings
) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its lifespan (so the watcher runs), reached over ASGI."""
    client = AsyncWikiJSClient(
        emulator.base_url,
        emulator.api_key,
        cache=MemoryCache(),
        transport=emulator.async_transport(),
    )
    app = create_app(client, settings=settings)
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url=HOST) as http:
                yield http
    finally:
        await client.close()


@pytest.fixture
async def editor(emulator: WikiJSEmulator) -> AsyncIterator[AsyncWikiJSClient]:
    client = AsyncWikiJSClient(
        emulator.base_url, emulator.api_key, transport=emulator.async_transport()
    )
    yield client
    await client.close()


@pytest.fixture
def emulator() -> WikiJSEmulator:
    return WikiJSEmulator()


async def _eventually(check: Callable[[], Awaitable[bool]]) -> bool:
    deadline = asyncio.get_running_loop().time() + PATIENCE
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(INTERVAL / 2)
    return True


async def _titles(http: httpx.AsyncClient) -> set[str]:
    answer = await http.get("/api/v2/pages/?fields=title")
    return {item["title"] for item in answer.json()["items"]}


@pytest.mark.asyncio
async def test_an_edit_and_a_delete_on_the_wiki_are_served_within_the_interval(
    emulator: WikiJSEmulator, editor: AsyncWikiJSClient
) -> None:
    edited = emulator.seed_page("docs/edited", "Before")
    gone = emulator.seed_page("docs/gone", "Gone soon")
    async with running(emulator, ApiSettings(poll_interval=INTERVAL)) as http:
        assert await _titles(http) == {"Before", "Gone soon"}
        assert (await http.get(f"/api/v2/pages/{edited}/")).json()["title"] == "Before"

        await editor.pages.update(edited, {"title": "After"})
        await editor.pages.delete(gone)
        new = await editor.pages.create(
            {"path": "docs/new", "title": "New", "content": "# New", "tags": []}
        )

        async def served() -> bool:
            detail = await http.get(f"/api/v2/pages/{edited}/")
            return detail.json()["title"] == "After"

        assert await _eventually(served)
        assert await _eventually(lambda: _has(http, {"After", "New"}))
        assert (await http.get(f"/api/v2/pages/{gone}/")).status_code == 404
        assert (await http.get(f"/api/v2/pages/{new.id}/")).status_code == 200


async def _has(http: httpx.AsyncClient, titles: set[str]) -> bool:
    return await _titles(http) == titles


@pytest.mark.asyncio
async def test_an_unpublished_page_disappears(
    emulator: WikiJSEmulator, editor: AsyncWikiJSClient
) -> None:
    page = emulator.seed_page("docs/page", "Public")
    async with running(emulator, ApiSettings(poll_interval=INTERVAL)) as http:
        assert (await http.get(f"/api/v2/pages/{page}/")).status_code == 200
        await editor.pages.update(page, {"is_published": False})

        async def hidden() -> bool:
            return (await http.get(f"/api/v2/pages/{page}/")).status_code == 404

        assert await _eventually(hidden)


@pytest.mark.asyncio
async def test_the_health_endpoint_gives_the_age_of_the_last_good_poll(
    emulator: WikiJSEmulator,
) -> None:
    async with running(emulator, ApiSettings(poll_interval=INTERVAL)) as http:

        async def polled() -> bool:
            answer = await http.get("/api/v2/_health")
            return answer.json()["last_poll_age"] is not None

        assert await _eventually(polled)
        answer = await http.get("/api/v2/_health")
        assert answer.status_code == 200
        body = answer.json()
        assert body["ok"] is True
        assert body["polling"] is True
        assert body["role"] == "local"
        assert body["interval"] == INTERVAL
        assert answer.headers["cache-control"] == "no-store"


@pytest.mark.asyncio
async def test_without_polling_nothing_polls_and_the_health_endpoint_says_so(
    emulator: WikiJSEmulator,
) -> None:
    async with running(emulator, ApiSettings(poll_interval=0)) as http:
        emulator.requests.clear()
        await asyncio.sleep(INTERVAL * 3)
        assert not any("WikiChanges" in r.operation_names for r in emulator.requests)
        answer = await http.get("/api/v2/_health")
        assert answer.json() == {"ok": True, "polling": False}


@pytest.mark.parametrize(
    ("poll_interval", "max_age", "promised"),
    [(10, 60, "public, max-age=10"), (0, 60, "public, max-age=60"), (10, 5, "public, max-age=5")],
)
def test_max_age_never_exceeds_the_poll_interval(
    poll_interval: float, max_age: int, promised: str
) -> None:
    settings = ApiSettings(poll_interval=poll_interval, max_age=max_age)
    from wikijs_typed.api._responses import cache_control

    assert cache_control(settings) == promised


def test_the_poll_interval_comes_from_the_environment() -> None:
    assert ApiSettings.from_env({"WIKIJS_POLL_INTERVAL": "2.5"}).poll_interval == 2.5
    assert ApiSettings.from_env({}).poll_interval == 10
    with pytest.raises(Exception, match="poll_interval"):
        ApiSettings(poll_interval=-1)
