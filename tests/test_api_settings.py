"""The app made from settings and the environment: start-up key check, settings from variables."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from _api_helpers import serving
from starlette.applications import Starlette

from wikijs_typed.api import ApiSettings, create_app
from wikijs_typed.exceptions import AuthenticationError, ConfigurationError
from wikijs_typed.testing import WikiJSEmulator


@asynccontextmanager
async def started(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its start-up and shut-down run, as an ASGI server runs them."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api.test") as http:
            yield http


async def test_an_app_made_from_the_environment_serves_the_wiki(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emulator = WikiJSEmulator()
    emulator.seed_page("docs", "Docs")
    with emulator.serve() as url:
        monkeypatch.setenv("WIKIJS_URL", url)
        monkeypatch.setenv("WIKIJS_API_KEY", emulator.api_key)
        monkeypatch.setenv("WIKIJS_API_MAX_LIMIT", "5")
        async with started(create_app()) as http:
            listing = await http.get("/api/v2/pages/?fields=_,title")
            assert listing.json()["items"] == [{"title": "Docs"}]
            assert (await http.get("/api/v2/pages/?limit=6")).json() == {
                "message": "limit cannot be higher than 5"
            }


async def test_an_unknown_key_stops_the_app_at_start_up() -> None:
    emulator = WikiJSEmulator()
    with emulator.serve() as url:
        app = create_app(wiki_url=url, api_key="not-a-key", settings=ApiSettings())
        with pytest.raises(AuthenticationError) as caught:
            async with started(app):
                pass
    assert "not-a-key" not in str(caught.value)


def test_settings_from_variables() -> None:
    settings = ApiSettings.from_env(
        {
            "WIKIJS_API_BASE_URL": "https://api.example.com",
            "WIKIJS_API_MAX_LIMIT": "none",
            "WIKIJS_API_INCLUDE_UNPUBLISHED": "yes",
            "WIKIJS_API_SHOW_EMAILS": "0",
            "WIKIJS_API_MAX_AGE": "30",
            "WIKIJS_PUBLIC_URL": "https://wiki.example.com",
        }
    )
    assert settings.base_url == "https://api.example.com"
    assert settings.site_url == "https://wiki.example.com"
    assert settings.max_limit is None
    assert settings.include_unpublished
    assert not settings.show_emails
    assert settings.max_age == 30
    assert not settings.public
    assert ApiSettings.from_env({}) == ApiSettings()
    for bad in ({"WIKIJS_API_SHOW_EMAILS": "maybe"}, {"WIKIJS_API_MAX_LIMIT": "lots"}):
        with pytest.raises(ConfigurationError):
            ApiSettings.from_env(bad)
    with pytest.raises(ConfigurationError):
        ApiSettings(max_limit=0)


def test_an_app_needs_a_wiki_and_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIKIJS_URL", raising=False)
    monkeypatch.delenv("WIKIJS_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="WIKIJS_URL"):
        create_app(settings=ApiSettings())
    with pytest.raises(ConfigurationError, match="WIKIJS_API_KEY"):
        create_app(wiki_url="http://wiki.test", settings=ApiSettings())


async def test_html_and_download_urls_start_with_the_public_wiki_address() -> None:
    settings = ApiSettings(site_url="https://wiki.example.com")
    async with serving(settings=settings) as api:
        await api.client.assets.upload(b"%PDF-1.4 text", filename="manual.pdf")
        pages = await api.json("/api/v2/pages/?fields=title")
        document = (await api.json("/api/v2/documents/"))["items"][0]["meta"]
    urls = [item["meta"]["html_url"] for item in pages["items"]] + [document["download_url"]]
    assert all(url.startswith("https://wiki.example.com/") for url in urls), urls
    assert document["download_url"] == "https://wiki.example.com/manual.pdf"
