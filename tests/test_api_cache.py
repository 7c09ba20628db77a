"""Responses from the client's normalized cache: no Wiki.js request when hot, ETag and 304, and
a mutation through any client on the same cache seen by the very next request."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from typing import Any

import pytest
from _api_helpers import Api, serving
from test_cache_redis import redis_url  # noqa: F401 (the session's redis-server)

from wikijs_typed import AsyncWikiJSClient, WikiJSClient
from wikijs_typed.cache import BaseCache, MemoryCache
from wikijs_typed.testing import WikiJSEmulator

URL = "/api/v2/pages/?fields=_,title&limit=20"


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    async with serving() as api:
        yield api


async def test_a_repeated_request_is_served_from_the_cache(api: Api) -> None:
    cold, cold_sent = await api.wiki_requests(URL)
    hot, hot_sent = await api.wiki_requests(URL)
    # Cold: the listing, the Guests group, the complete pages (publish dates) 50 a request.
    assert cold_sent == 2 + math.ceil(len(api.ids) / 50)
    assert hot_sent == 0
    assert hot.content == cold.content
    assert hot.headers["etag"] == cold.headers["etag"]
    page = f"/api/v2/pages/{api.ids['en/docs/install']}/"
    await api.get(page)
    assert (await api.wiki_requests(page))[1] == 0


async def test_a_conditional_request_gets_a_304(api: Api) -> None:
    first = await api.get(URL)
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "public, no-cache"
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = await api.get(URL, headers={"If-None-Match": header})
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["etag"] == etag
    other = await api.get(URL, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200
    assert other.content == first.content
    # Another query has another tag.
    assert (await api.get("/api/v2/pages/?limit=3")).headers["etag"] != etag


async def _mutation_is_seen(emulator: WikiJSEmulator, cache: BaseCache, other: Any) -> None:
    async with serving(emulator, cache=cache) as api:
        page = api.ids["en/docs/install"]
        before = await api.get(URL)
        detail = await api.json(f"/api/v2/pages/{page}/")
        assert detail["title"] == "Install guide"
        await api.get(URL)
        assert (await api.wiki_requests(URL))[1] == 0
        result = other.pages.update(page, {"title": "Installation"})
        if hasattr(result, "__await__"):
            await result
        after = await api.get(URL, headers={"If-None-Match": before.headers["etag"]})
        assert after.status_code == 200
        assert "Installation" in after.text
        assert "Install guide" not in after.text
        assert after.headers["etag"] != before.headers["etag"]
        assert (await api.json(f"/api/v2/pages/{page}/"))["title"] == "Installation"


async def test_a_mutation_by_another_client_on_the_same_cache_is_seen_at_once() -> None:
    for kind in ("sync", "async"):
        emulator = WikiJSEmulator()
        cache = MemoryCache()
        key = emulator.create_api_key("editor")
        if kind == "sync":
            editor: Any = WikiJSClient(
                emulator.base_url, key, cache=cache, transport=emulator.transport()
            )
        else:
            editor = AsyncWikiJSClient(
                emulator.base_url, key, cache=cache, transport=emulator.async_transport()
            )
        await _mutation_is_seen(emulator, cache, editor)


@pytest.mark.redis
async def test_several_workers_share_one_redis_cache(redis_url: str) -> None:  # noqa: F811
    from wikijs_typed.cache import RedisCache

    emulator = WikiJSEmulator()
    prefix = f"api-test-{id(emulator)}:"
    # The API's cache and the editor's are two objects, as in two processes, on one Redis.
    editor = WikiJSClient(
        emulator.base_url,
        emulator.api_key,
        cache=RedisCache(redis_url, prefix=prefix),
        transport=emulator.transport(),
    )
    await _mutation_is_seen(emulator, RedisCache(redis_url, prefix=prefix), editor)
    editor.close()
