"""A warm request's cost does not grow with the wiki (issue 23, item 6).

The content query keeps the decoded listing indexed while the cache's stamp of the cached
listing entry is unchanged. These tests check that a warm request decodes nothing and decides
no page's visibility again, and that every way the cached listing changes (a write through
the client, a TTL expiry, another process's write on a shared Redis) reaches the next
request. No timings: the bench (`python -m bench scale`) measures them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from _api_helpers import Api, serving
from test_cache_redis import redis_url  # noqa: F401 (the session's redis-server)

from wikijs_typed import AsyncWikiJSClient
from wikijs_typed.api import ApiSettings
from wikijs_typed.cache import BaseCache, MemoryCache
from wikijs_typed.models._page import Page
from wikijs_typed.query._audience import Audience
from wikijs_typed.testing import WikiJSEmulator

NO_MEMO = ApiSettings(memo_seconds=0)
WARM_URLS = (
    "/api/v2/pages/?limit=5",
    "/api/v2/pages/?offset=40&limit=5",
    "/api/v2/pages/?child_of={docs}&limit=3",
    "/api/v2/pages/?descendant_of={docs}&offset=1&limit=3",
    "/api/v2/pages/{e07}/",
    "/api/v2/pages/find/?html_path=events/e03",
)


class _Counts:
    def __init__(self) -> None:
        self.decoded = 0
        self.decided = 0


@contextmanager
def _counting(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Counts]:
    """Counts the listed pages decoded and the access decisions made."""
    counts = _Counts()
    decode = Page.from_list_item.__func__  # type: ignore[attr-defined]
    decide = Audience.can

    def decoding(cls: type[Page], item: Any) -> Page:
        counts.decoded += 1
        page: Page = decode(cls, item)
        return page

    def deciding(self: Audience, *args: Any, **kwargs: Any) -> bool:
        counts.decided += 1
        return decide(self, *args, **kwargs)

    monkeypatch.setattr(Page, "from_list_item", classmethod(decoding))
    monkeypatch.setattr(Audience, "can", deciding)
    yield counts


def _urls(api: Api) -> list[str]:
    names = {"docs": api.ids["en/docs"], "e07": api.ids["en/events/e07"]}
    return [url.format(**names) for url in WARM_URLS]


async def _answers(api: Api, urls: list[str]) -> list[tuple[int, str]]:
    answers = [await api.get(url) for url in urls]
    return [(answer.status_code, answer.text) for answer in answers]


async def _warm_requests_decode_nothing(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    urls = _urls(api)
    cold = await _answers(api, urls)
    await _answers(api, urls)  # the first warm round keeps the index
    with _counting(monkeypatch) as counts:
        api.emulator.requests.clear()
        assert await _answers(api, urls) == cold
    assert {status for status, _ in cold} == {200, 302}
    assert api.emulator.requests == []
    assert (counts.decoded, counts.decided) == (0, 0)


@pytest.mark.asyncio
async def test_a_warm_request_decodes_no_page_and_decides_nothing_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with serving(settings=NO_MEMO) as api:
        await _warm_requests_decode_nothing(api, monkeypatch)


@pytest.mark.redis
@pytest.mark.asyncio
async def test_a_warm_request_decodes_no_page_on_a_redis_cache(
    redis_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wikijs_typed.cache import RedisCache

    cache = RedisCache(redis_url, prefix=f"scale-{id(monkeypatch)}:")
    async with serving(settings=NO_MEMO, cache=cache) as api:
        await _warm_requests_decode_nothing(api, monkeypatch)


async def _titles(api: Api) -> list[str]:
    docs = api.ids["en/docs"]
    listing = await api.json(f"/api/v2/pages/?descendant_of={docs}&fields=_,title")
    return [item["title"] for item in listing["items"]]


async def _rename_is_seen(api: Api, rename: Callable[[], Any]) -> None:
    assert await _titles(api) == ["Tuning", "Configure", "Install guide"]
    assert await _titles(api) == ["Tuning", "Configure", "Install guide"]  # indexed now
    await rename()
    assert await _titles(api) == ["Tuning", "Renamed", "Install guide"]


@pytest.mark.asyncio
async def test_a_write_through_the_client_reaches_the_next_request() -> None:
    async with serving(settings=NO_MEMO) as api:
        page_id = api.ids["en/docs/configure"]

        async def rename() -> None:
            await api.client.pages.update(page_id, {"title": "Renamed"})

        await _rename_is_seen(api, rename)


@pytest.mark.asyncio
async def test_an_edit_on_the_wiki_is_served_once_the_cached_listing_expires() -> None:
    now = [0.0]
    cache = MemoryCache(ttl=60, clock=lambda: now[0])
    async with serving(settings=NO_MEMO, cache=cache) as api:
        page_id = api.ids["en/docs/configure"]

        async def rename() -> None:
            # Written past this cache (on the wiki itself): seen after the TTL, not before.
            await _edit_elsewhere(api.emulator, page_id)
            assert await _titles(api) == ["Tuning", "Configure", "Install guide"]
            now[0] += 61

        await _rename_is_seen(api, rename)


async def _edit_elsewhere(
    emulator: WikiJSEmulator, page_id: int, cache: BaseCache | None = None
) -> None:
    async with AsyncWikiJSClient(
        emulator.base_url, emulator.api_key, cache=cache, transport=emulator.async_transport()
    ) as editor:
        await editor.pages.update(page_id, {"title": "Renamed"})


@pytest.mark.redis
@pytest.mark.asyncio
async def test_another_process_writing_through_a_shared_redis_reaches_the_next_request(
    redis_url: str,  # noqa: F811
) -> None:
    from wikijs_typed.cache import RedisCache

    prefix = f"scale-writer-{id(redis_url)}:"
    async with serving(settings=NO_MEMO, cache=RedisCache(redis_url, prefix=prefix)) as api:
        page_id = api.ids["en/docs/configure"]

        async def rename() -> None:
            await _edit_elsewhere(api.emulator, page_id, RedisCache(redis_url, prefix=prefix))

        await _rename_is_seen(api, rename)


@pytest.mark.asyncio
async def test_items_handed_out_share_nothing_with_what_is_kept() -> None:
    emulator = WikiJSEmulator()
    emulator.seed_page("tagged", "Tagged", tags=["one", "two"])
    async with AsyncWikiJSClient(
        emulator.base_url,
        emulator.api_key,
        cache=MemoryCache(),
        transport=emulator.async_transport(),
    ) as client:
        query = client.pages.query().fields("title", "tags")
        for _ in range(2):  # the second evaluation is the first from the index
            item = (await query.fetch()).items[0]
            item.tags.append("mine")
            item.to_wagtail()["title"] = "mine"
        again = (await query.fetch()).items[0]
        assert (again.title, again.tags) == ("Tagged", ["one", "two"])


def test_a_memory_stamp_changes_with_every_store_and_ends_with_the_entry() -> None:
    now = [0.0]
    memory = MemoryCache(ttl=10, clock=lambda: now[0])
    _check_stamps(memory, lambda seconds: now.__setitem__(0, now[0] + seconds))


@pytest.mark.redis
def test_a_redis_stamp_changes_with_every_store_and_ends_with_the_entry(
    redis_url: str,  # noqa: F811
) -> None:
    from wikijs_typed.cache import RedisCache

    now = [1_000_000.0]
    redis = RedisCache(redis_url, ttl=10, prefix=f"stamps-{id(now)}:", clock=lambda: now[0])
    _check_stamps(redis, lambda seconds: now.__setitem__(0, now[0] + seconds))
    redis.close()


def _check_stamps(cache: BaseCache, advance: Callable[[float], None]) -> None:
    def stamp(key: str) -> str | None:
        one = cache.stamp(key)
        # Many stamps asked at once are the stamps asked one by one.
        assert cache.stamps([key, "absent", key]) == [one, None, one]
        return one

    assert stamp("k") is None
    cache.set("k", {"v": 1}, tags=["page:1"])
    first = stamp("k")
    assert first is not None
    assert stamp("k") == first
    assert cache.get("k") == {"v": 1}
    assert stamp("k") == first  # reading does not change it
    cache.set("k", {"v": 1}, tags=["page:1"])  # the same value stored again: a new stamp
    second = stamp("k")
    assert second not in (None, first)
    cache.invalidate_tags(["page:1"])
    assert stamp("k") is None
    cache.set("k", {"v": 2})
    advance(11)
    assert stamp("k") is None


@pytest.mark.asyncio
async def test_the_audience_reads_publish_dates_without_content() -> None:
    async with serving(settings=NO_MEMO) as api:
        _, requests = await api.wiki_requests("/api/v2/pages/?fields=_,title")
        operations = [name for request in api.emulator.requests for name in request.operation_names]
        assert requests == len(api.emulator.requests) >= 3
        assert "GetPage" not in operations
        # One slim read per page in scope that the guests may read by path (the private page
        # and the two unpublished ones are out of scope).
        assert operations.count("GetPageSchedule") == len(api.ids) - 3
        _, requests = await api.wiki_requests(f"/api/v2/pages/{api.ids['en/docs']}/")
        assert [r.operation_names for r in api.emulator.requests] == [("GetPage",)]
