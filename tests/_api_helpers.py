"""The content API over the emulator: an ASGI app on a seeded wiki, reached with httpx."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from _query_site import seed_site

from wikijs_typed import AsyncWikiJSClient
from wikijs_typed.api import ApiSettings, create_app
from wikijs_typed.cache import BaseCache, MemoryCache
from wikijs_typed.testing import WikiJSEmulator

HOST = "http://api.example.com"
API = f"{HOST}/api/v2"


def seed_api_site(emulator: WikiJSEmulator) -> dict[str, int]:
    """The query tests' wiki, plus a private page, 45 events and a published page in a draft."""
    ids = seed_site(emulator)
    ids["en/team/private"] = emulator.seed_page("team/private", "Team only", is_private=True)
    ids["en/drafts"] = emulator.seed_page("drafts", "Draft folder", is_published=False)
    ids["en/drafts/public"] = emulator.seed_page("drafts/public", "Public note")
    for n in range(45):
        ids[f"en/events/e{n:02}"] = emulator.seed_page(
            f"events/e{n:02}", f"Event {n}", f"Event body {n}", tags=["event"]
        )
    return ids


class Api:
    """One app on one emulator: `get` answers over the ASGI transport."""

    def __init__(
        self,
        emulator: WikiJSEmulator,
        client: AsyncWikiJSClient,
        http: httpx.AsyncClient,
        ids: dict[str, int],
    ) -> None:
        self.emulator = emulator
        self.client = client
        self.http = http
        self.ids = ids

    async def get(self, url: str, **options: Any) -> httpx.Response:
        return await self.http.get(url, **options)

    async def json(self, url: str) -> Any:
        response = await self.get(url)
        assert response.status_code == 200, (url, response.status_code, response.text)
        assert response.headers["content-type"] == "application/json"
        return response.json()

    async def wiki_requests(self, url: str, **options: Any) -> tuple[httpx.Response, int]:
        """The answer to `url`, and how many requests it made Wiki.js serve."""
        self.emulator.requests.clear()
        response = await self.get(url, **options)
        return response, len(self.emulator.requests)


@asynccontextmanager
async def serving(
    emulator: WikiJSEmulator | None = None,
    *,
    settings: ApiSettings | None = None,
    cache: BaseCache | None = None,
    ids: dict[str, int] | None = None,
) -> AsyncIterator[Api]:
    emulator = emulator if emulator is not None else WikiJSEmulator()
    ids = ids if ids is not None else seed_api_site(emulator)
    client = AsyncWikiJSClient(
        emulator.base_url,
        emulator.api_key,
        cache=cache if cache is not None else MemoryCache(),
        transport=emulator.async_transport(),
    )
    app = create_app(client, settings=settings or ApiSettings())
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=HOST) as http:
        try:
            yield Api(emulator, client, http, ids)
        finally:
            await client.close()
