"""The content API when something is missing or goes wrong: never a plain-text 500.

Image sizes need `imagesize` (in the `api` extra); a library user without it gets null sizes.
Any exception no handler expects is answered with the API's JSON envelope and logged once. A
wiki whose pages cannot be read is a 502, never a page not found or an empty listing.
The cache the app makes for itself keeps the wiki's answers for `cache_ttl` seconds.
"""

from __future__ import annotations

import logging
import sys

import pytest
from _api_helpers import serving
from test_api_wagtail_guide import png

from wikijs_typed.api import ApiSettings, create_app
from wikijs_typed.api._views import EndpointViews
from wikijs_typed.cache._memory import MemoryCache
from wikijs_typed.exceptions import ConfigurationError


@pytest.mark.asyncio
async def test_images_without_imagesize_have_null_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "imagesize", None)  # `import imagesize` now fails
    async with serving() as api:
        image_id = (await api.client.assets.upload(png(500, 392), filename="joyce.png")).id
        detail = await api.get(f"/api/v2/images/{image_id}/")
        assert detail.status_code == 200, detail.text
        assert (detail.json()["width"], detail.json()["height"]) == (None, None)
        listing = await api.get("/api/v2/images/?fields=*")
        assert listing.status_code == 200, listing.text
        joyce = next(item for item in listing.json()["items"] if item["id"] == image_id)
        assert (joyce["width"], joyce["height"]) == (None, None)


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["/api/v2/pages/{id}/", "/api/v2/pages/?fields=_,title,content"])
async def test_pages_the_wiki_fails_to_read_are_a_502_not_missing_pages(path: str) -> None:
    async with serving(settings=ApiSettings(memo_seconds=0)) as api:
        url = path.format(id=api.ids["en/events/e07"])
        listing = await api.get("/api/v2/pages/?fields=_,id")  # the listing is cached now
        assert listing.status_code == 200
        api.emulator.faults.next(10_000, "502")  # and every page's own read fails
        answer = await api.get(url)
        assert answer.status_code == 502, answer.text
        assert answer.json() == {"message": "the wiki could not be read"}


@pytest.mark.asyncio
async def test_an_unexpected_exception_is_a_json_500_logged_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(self: EndpointViews, request: object) -> None:
        raise RuntimeError("token=very-secret")

    monkeypatch.setattr(EndpointViews, "listing", broken)
    async with serving() as api:
        with caplog.at_level(logging.ERROR):
            response = await api.get("/api/v2/pages/?search=x")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/json"
    assert set(response.json()) == {"message"}
    assert "very-secret" not in response.text
    logged = [record for record in caplog.records if record.exc_info]
    assert len(logged) == 1
    assert logged[0].getMessage() == "unexpected error answering /api/v2/pages/"


def test_cache_ttl_comes_from_settings_and_the_environment() -> None:
    assert ApiSettings().cache_ttl == 300
    assert ApiSettings.from_env({"WIKIJS_CACHE_TTL": "45"}).cache_ttl == 45
    assert ApiSettings(cache_ttl=60, max_age=60).max_age == 60
    with pytest.raises(ConfigurationError, match="must not exceed cache_ttl"):
        ApiSettings(cache_ttl=60, max_age=61)
    with pytest.raises(ConfigurationError, match="WIKIJS_CACHE_TTL"):
        ApiSettings.from_env({"WIKIJS_CACHE_TTL": "five minutes"})
    with pytest.raises(ConfigurationError, match="cache_ttl"):
        ApiSettings(cache_ttl=0)


def test_the_apps_own_cache_keeps_answers_for_cache_ttl(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[MemoryCache] = []

    class Recorded(MemoryCache):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            made.append(self)

    monkeypatch.delenv("WIKIJS_REDIS_URL", raising=False)
    monkeypatch.setattr("wikijs_typed.cache._memory.MemoryCache", Recorded)
    create_app(settings=ApiSettings(cache_ttl=42), wiki_url="http://wiki.invalid", api_key="k")
    assert [cache.ttl for cache in made] == [42]
