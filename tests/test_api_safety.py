"""Safe by default: drafts, private pages and e-mail addresses stay out unless turned on, and
the Wiki.js key is never in a response, a header or a log line."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import httpx
import pytest
from _api_helpers import Api, serving

from wikijs_typed import AsyncWikiJSClient
from wikijs_typed._pipeline.retry import RetryPolicy
from wikijs_typed.api import ApiSettings, create_app
from wikijs_typed.testing import WikiJSEmulator

HIDDEN = ("en/drafts/secret", "en/drafts", "en/team/private")


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    async with serving() as api:
        yield api


async def test_unpublished_and_private_pages_are_neither_listed_nor_found(api: Api) -> None:
    body = await api.json(
        "/api/v2/pages/?fields=_,id,title&limit=20&search=secret+team+draft&search_operator=or"
    )
    # The published note below the draft folder matches "draft" by its path.
    assert body["items"] == [{"id": api.ids["en/drafts/public"], "title": "Public note"}]
    listed = {
        item["id"]
        for offset in (0, 20, 40)
        for item in (await api.json(f"/api/v2/pages/?fields=_,id&offset={offset}"))["items"]
    }
    for key in HIDDEN:
        assert api.ids[key] not in listed
        response = await api.get(f"/api/v2/pages/{api.ids[key]}/")
        assert response.status_code == 404
        assert response.json() == {"message": "No Page matches the given query."}
        found = await api.get(f"/api/v2/pages/find/?id={api.ids[key]}")
        assert found.status_code == 404
    assert (await api.get("/api/v2/pages/find/?html_path=/drafts/secret")).status_code == 404
    # A draft is no tree target and nobody's parent.
    under = await api.get(f"/api/v2/pages/?child_of={api.ids['en/drafts']}")
    assert under.json() == {"message": "parent page doesn't exist"}
    note = await api.json(f"/api/v2/pages/{api.ids['en/drafts/public']}/")
    assert note["meta"]["parent"] is None
    # A filter cannot widen what is served.
    assert (await api.json("/api/v2/pages/?is_published=false"))["meta"]["total_count"] == 0
    assert (await api.json("/api/v2/pages/?is_private=true"))["meta"]["total_count"] == 0


async def test_the_operator_can_open_up_drafts_private_pages_and_addresses() -> None:
    settings = ApiSettings(include_unpublished=True, include_private=True, show_emails=True)
    async with serving(settings=settings) as api:
        for key in HIDDEN:
            assert (await api.get(f"/api/v2/pages/{api.ids[key]}/")).status_code == 200
        note = await api.json(f"/api/v2/pages/{api.ids['en/drafts/public']}/")
        assert note["meta"]["parent"]["title"] == "Draft folder"
        author = (await api.json("/api/v2/pages/?fields=_,author(email)&limit=1"))["items"][0]
        assert "@" in author["author"]["email"]
        response = await api.get("/api/v2/pages/")
        assert response.headers["cache-control"].startswith("private")


async def test_addresses_are_unknown_fields_by_default(api: Api) -> None:
    for url in (
        "/api/v2/pages/?fields=author(email)",
        f"/api/v2/pages/{api.ids['en/docs']}/?fields=creator(email)",
    ):
        response = await api.get(url)
        assert response.status_code == 400
        assert response.json() == {"message": "unknown fields: email"}
    page = await api.json(f"/api/v2/pages/{api.ids['en/docs']}/?fields=author(*),creator(*)")
    assert "email" not in page["author"]
    assert "email" not in page["creator"]
    assert "@" not in str(page)
    assert (await api.get("/api/v2/pages/")).headers["cache-control"] == "public, no-cache"


def _unreachable(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


async def test_the_key_is_in_no_response_header_or_log_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    emulator = WikiJSEmulator()
    emulator.seed_page("docs", "Docs")
    key = emulator.api_key
    transports: list[httpx.AsyncBaseTransport] = [
        emulator.async_transport(),
        httpx.MockTransport(_unreachable),
    ]
    seen: list[str] = []
    for transport in transports:
        client = AsyncWikiJSClient(
            emulator.base_url, key, transport=transport, retry=RetryPolicy(max_attempts=1)
        )
        app = create_app(client, settings=ApiSettings())
        asgi = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=asgi, base_url="http://api.test") as http:
            for url in ("/api/v2/pages/", "/api/v2/pages/1/", "/api/v2/pages/?limit=x"):
                response = await http.get(url)
                seen += [response.text, str(response.headers)]
        await client.close()
    # The unreachable wiki is answered 502, with a message of the API's own.
    assert '{"message":"the wiki could not be read"}' in seen
    assert any("reading the wiki failed" in record.getMessage() for record in caplog.records)
    seen += [record.getMessage() for record in caplog.records]
    assert all(key not in text for text in seen)
