"""What a hot request (everything it needs cached) does not do again (issue 20).

With the response memo off, a request answered from the client's cache checks that what it
keeps is current (the cache's stamps of the cached listing and of the audience's group) and
builds the response; it starts no task, parses no parameter, plans nothing, neither checks
the listing's arguments nor finds a stamp's cache key again, builds no GraphQL request, decodes
no page and no group, does not sort the pages into the default order again, neither matches
(filters, searches, orders) nor shapes nor renders what it shows again, and digests no body
for its ETag again. The freshness
tests show that what is kept follows a change through the client and an expiry.
No timings: `python -m bench api` measures them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from _api_helpers import Api, serving
from test_api_wagtail_guide import png
from wikijs_graphql import requests as generated_requests

from wikijs_typed._pipeline import base_client, engine
from wikijs_typed._resources._async.assets import AsyncStampedWalk
from wikijs_typed._resources.sansio.pages import PageListing
from wikijs_typed.api import ApiSettings
from wikijs_typed.api import _responses as responses
from wikijs_typed.cache import MemoryCache
from wikijs_typed.models._group import Group
from wikijs_typed.models._page import Page
from wikijs_typed.query import _chain
from wikijs_typed.query._async import pages as page_query
from wikijs_typed.query._page_plan import PageAdapter
from wikijs_typed.query._wagtail import ItemShape

NO_MEMO = ApiSettings(memo_seconds=0)
GUESTS = 2
LISTING = "/api/v2/pages/?fields=_,title&limit=20"


class _Counts:
    def __init__(self) -> None:
        self.calls: dict[str, int] = {}

    def count(self, name: str) -> None:
        self.calls[name] = self.calls.get(name, 0) + 1


@contextmanager
def _counting(monkeypatch: pytest.MonkeyPatch, cache: MemoryCache) -> Iterator[_Counts]:
    """Counts the work a request repeats: decoding, parsing, planning and cache calls."""
    counts = _Counts()

    def counted(owner: Any, name: str, label: str, *, is_classmethod: bool = False) -> None:
        original = getattr(owner, name)
        if is_classmethod:
            original = original.__func__  # called with the class, as the wrapper is

        def calling(*args: Any, **kwargs: Any) -> Any:
            counts.count(label)
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, classmethod(calling) if is_classmethod else calling)

    counted(Page, "from_list_item", "page decoded", is_classmethod=True)
    counted(Group, "from_fields", "group decoded", is_classmethod=True)
    counted(_chain, "parse_params", "parameters parsed")
    counted(page_query, "plan_pages", "query planned")
    counted(PageAdapter, "default_key", "default order made")
    counted(page_query, "matching", "pages matched")
    counted(ItemShape, "shape_rows", "items shaped")
    counted(responses, "render", "body digested")
    # A stamp's arguments are checked and its cache key found once, not per request.
    counted(PageListing, "build", "listing checked", is_classmethod=True)
    counted(engine, "read_key", "cache key found")
    counted(engine, "cache_key", "cache key found")
    # A stamp finds its cache key as a cached read does, without building the request.
    counted(base_client, "build_request", "request built")
    counted(generated_requests, "_build_request", "request built")
    # A read of an entry is a `get` or a `lookup` (which one is the engine's choice).
    reads = (("get", "read"), ("lookup", "read"), ("stamp", "stamp"), ("set", "set"))
    # Many stamps asked at once are one call (`stamps`).
    for name, label in (*reads, ("stamps", "stamps")):
        counted(cache, name, f"cache {label}")
    # A request that waits for nothing waits for no other task and no turn of the event loop.
    counted(asyncio.get_running_loop(), "create_task", "task started")
    yield counts


async def _warm(api: Api, url: str) -> bytes:
    first = await api.get(url)
    assert first.status_code == 200, first.text
    again = await api.get(url)  # the first request made entirely from the cache keeps its work
    assert again.content == first.content
    return again.content


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "url",
    [LISTING, "/api/v2/pages/?type=wikijs.Page&order=-title", "/api/v2/pages/?search=event"],
)
async def test_a_hot_listing_only_checks_two_stamps(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = MemoryCache()
    async with serving(settings=NO_MEMO, cache=cache) as api:
        body = await _warm(api, url)
        with _counting(monkeypatch, cache) as counts:
            again, sent = await api.wiki_requests(url)
        assert (again.content, sent) == (body, 0)
        # The listing's stamp and the group's: no page, group or parameter is read again.
        assert counts.calls == {"cache stamp": 2}


@pytest.mark.asyncio
async def test_a_hot_listing_of_content_checks_its_pages_stamps_and_reads_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = MemoryCache()
    url = "/api/v2/pages/?fields=_,title,content&limit=5"
    async with serving(settings=NO_MEMO, cache=cache) as api:
        body = await _warm(api, url)
        with _counting(monkeypatch, cache) as counts:
            again, sent = await api.wiki_requests(url)
        assert (again.content, sent) == (body, 0)
        # The listing's and the group's, and the shown pages' own reads', asked at once: no
        # page is read, shaped, rendered or digested again.
        assert counts.calls == {"cache stamp": 2, "cache stamps": 1}


@pytest.mark.asyncio
async def test_a_hot_detail_view_only_checks_stamps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = MemoryCache()
    async with serving(settings=NO_MEMO, cache=cache) as api:
        url = f"/api/v2/pages/{api.ids['en/events/e07']}/"
        body = await _warm(api, url)
        with _counting(monkeypatch, cache) as counts:
            again, sent = await api.wiki_requests(url)
        assert (again.content, sent) == (body, 0)
        # The listing's, the group's and the page's own read's: the JSON kept for that
        # read is served, and nothing is read or shaped again.
        assert counts.calls == {"cache stamp": 2, "cache stamps": 1}


async def _titles(api: Api) -> list[str]:
    body = await api.json(LISTING)
    return [item["title"] for item in body["items"]]


async def _deny_events(api: Api) -> None:
    group = await api.client.groups.get(GUESTS)
    rules = [rule.model_dump() for rule in group.page_rules or ()]
    deny = {"id": "no-events", "match": "START", "path": "events", "deny": True}
    deny |= {"roles": ["read:pages"], "locales": []}
    await api.client.groups.update(GUESTS, {"page_rules": [*rules, deny]})


@pytest.mark.asyncio
@pytest.mark.parametrize("settings", [NO_MEMO, ApiSettings()], ids=["memo off", "memo on"])
async def test_a_rule_changed_through_the_client_reaches_the_next_request(
    settings: ApiSettings,
) -> None:
    async with serving(settings=settings) as api:
        assert any(title.startswith("Event") for title in await _titles(api))
        await _titles(api)  # the audience is kept now
        await _deny_events(api)
        assert not any(title.startswith("Event") for title in await _titles(api))


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?fields=title",
        "/api/v2/pages/?type=wikijs.Page&order=-title&fields=title",
        "/api/v2/pages/?search=event&fields=title",
    ],
)
async def test_an_edit_through_the_client_reaches_the_next_listing(url: str) -> None:
    async with serving(settings=NO_MEMO) as api:
        before = await api.json(url)
        assert before == await api.json(url)  # the second one made from what the first kept
        first = before["items"][0]
        await api.client.pages.update(first["id"], {"title": "Event renamed"})
        after = await api.json(url)
        renamed = [item for item in after["items"] if item["id"] == first["id"]]
        assert [item["title"] for item in renamed] == ["Event renamed"]
        assert after == await api.json(url)


@pytest.mark.asyncio
async def test_a_page_read_again_reaches_the_next_request_while_the_listing_is_kept() -> None:
    now = [0.0]
    cache = MemoryCache(ttl=60, clock=lambda: now[0])
    async with serving(settings=NO_MEMO, cache=cache) as api:
        page_id = api.ids["en/events/e07"]
        url = f"/api/v2/pages/{page_id}/?fields=_,content"
        await api.client.pages.get(page_id)  # the page's entry, older than the listing's
        now[0] = 30
        before = await api.json(url)
        assert before == await api.json(url)
        listing_url = f"/api/v2/pages/?fields=_,content&id={page_id}"
        for _ in range(2):
            listed = await api.json(listing_url)
            assert listed["items"] == [{"content": before["content"]}]
        page = api.emulator.wiki.db.pages.get(page_id)
        assert page is not None
        page.content = "Changed past the cache"  # on the wiki; the cache still has the old
        assert await api.json(url) == before
        now[0] = 61  # the page's entry has expired, the listing's has not
        for _ in range(3):  # read again, then kept under the new entry's stamp
            assert (await api.json(url))["content"] == "Changed past the cache"
            listed = await api.json(listing_url)
            assert listed["items"] == [{"content": "Changed past the cache"}]


@pytest.mark.asyncio
async def test_a_hot_listing_of_image_sizes_downloads_nothing_and_a_replaced_image_anew() -> None:
    url = "/api/v2/images/?fields=_,id,width,height"
    async with serving(settings=NO_MEMO) as api:
        image = await api.client.assets.upload(png(40, 30), filename="size.png")
        await api.json(url)
        again, sent = await api.wiki_requests(url)
        assert sent == 0  # no image downloaded again for its size
        assert {"id": image.id, "width": 40, "height": 30} in again.json()["items"]
        await api.client.assets.upload(png(80, 60), filename="size.png")  # replaced in place
        shown = (await api.json(url))["items"]
        assert [(i["width"], i["height"]) for i in shown if i["id"] == image.id] == [(80, 60)]


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", ["images", "documents"])
async def test_a_hot_asset_request_walks_no_folder_and_builds_nothing(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with serving(settings=NO_MEMO) as api:
        await api.client.assets.upload(png(4, 3), filename="a.png")
        await api.client.assets.upload(b"%PDF-1.4 x", filename="a.pdf")
        listed = await api.json(f"/api/v2/{kind}/")  # the walk's answers are cached now
        item = listed["items"][0]["id"]
        names = f"/api/v2/{kind}/?fields=download_url"
        urls = [names, f"/api/v2/{kind}/?fields=*", f"/api/v2/{kind}/{item}/"]
        bodies = {url: await _warm(api, url) for url in urls}
        walks: list[int] = []
        walk = AsyncStampedWalk.walk

        async def counted(self: AsyncStampedWalk) -> Any:
            walks.append(1)
            return await walk(self)

        monkeypatch.setattr(AsyncStampedWalk, "walk", counted)
        for url in urls:
            again, sent = await api.wiki_requests(url)
            assert (again.content, sent) == (bodies[url], 0)
        assert walks == []
        # A new asset through the client reaches the next listing.
        await api.client.assets.upload(png(5, 5), filename="b.png")
        await api.client.assets.upload(b"%PDF-1.4 y", filename="b.pdf")
        items = (await api.json(names))["items"]
        shown = {entry["meta"]["download_url"].rsplit("/", 1)[-1] for entry in items}
        assert shown == ({"a.png", "b.png"} if kind == "images" else {"a.pdf", "b.pdf"})
        assert walks == [1]


@pytest.mark.asyncio
async def test_a_rule_changed_on_the_wiki_is_served_once_the_cached_group_expires() -> None:
    now = [0.0]
    cache = MemoryCache(ttl=60, clock=lambda: now[0])
    async with serving(settings=NO_MEMO, cache=cache) as api:
        await _titles(api)
        before = await _titles(api)
        guests = api.emulator.wiki.db.groups.get(GUESTS)
        assert guests is not None
        guests.page_rules = []  # changed past the cache; no rule: no page is readable
        assert await _titles(api) == before  # the cached group still says so
        now[0] += 61
        assert await _titles(api) == []


@pytest.mark.asyncio
async def test_a_refused_parameter_is_refused_every_time() -> None:
    async with serving(settings=NO_MEMO) as api:
        for _ in range(2):
            answer = await api.get("/api/v2/pages/?limit=-1")
            assert answer.status_code == 400
            assert "limit" in answer.json()["message"]


@pytest.mark.asyncio
@pytest.mark.parametrize("settings", [NO_MEMO, ApiSettings()], ids=["memo off", "memo on"])
async def test_links_follow_the_address_each_request_was_made_on(settings: ApiSettings) -> None:
    async with serving(settings=settings) as api:
        for _ in range(2):  # the second time from what the first one kept
            # More addresses than a query keeps its window's JSON for.
            for address in (
                "http://a.example",
                "https://b.example:8443",
                "http://a.example:81",
                "http://c.example",
                "http://d.example",
                "http://e.example",
            ):
                answer = await api.get(f"{address}/api/v2/pages/?limit=1")
                detail_url = answer.json()["items"][0]["meta"]["detail_url"]
                assert detail_url.startswith(f"{address}/api/v2/pages/")
