"""Every example of the Wagtail API v2 usage guide, re-expressed over Wiki.js pages.

Each runs against the emulator with the sync and the async client, through `from_params` (the
parameters as the guide writes them) and `to_wagtail` (the response shape it shows). Where
Wiki.js has no equivalent the example says what stands in for it (see docs/query.md).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from _query_helpers import pages_query, run
from _query_site import seed_site

API = "http://api.example.com/api/v2"


@pytest.fixture
def site(wikijs_emulator: Any) -> dict[str, int]:
    ids = seed_site(wikijs_emulator)
    for n in range(45):
        wikijs_emulator.seed_page(f"events/e{n:02}", f"Event {n}", f"Event body {n}")
    return ids


async def get(wiki: Any, params: dict[str, str]) -> dict[str, Any]:
    listing = await run(pages_query(wiki).from_params(params).fetch())
    shaped: dict[str, Any] = listing.to_wagtail(API)
    return shaped


async def test_example_response(wiki: Any, site: dict[str, int]) -> None:
    body = await get(wiki, {})
    assert json.loads(json.dumps(body)) == body
    assert body["meta"]["total_count"] == 55
    assert len(body["items"]) == 20
    item = body["items"][0]
    assert item["meta"]["type"] == "wikijs.Page"
    assert item["meta"]["detail_url"] == f"{API}/pages/{item['id']}/"


async def test_custom_page_fields_with_type(wiki: Any, site: dict[str, int]) -> None:
    # ?type=blog.BlogPage&fields=published_date,body,authors(name): Wiki.js has one page type.
    body = await get(
        wiki, {"type": "wikijs.Page", "fields": "created_at,content,author(name)", "slug": "joyce"}
    )
    [item] = body["items"]
    assert list(item) == ["id", "meta", "title", "content", "author", "created_at"]
    assert item["author"] == {"id": 1, "meta": {"type": "wikijs.User"}, "name": "Administrator"}
    assert item["meta"]["html_url"] == "http://wikijs.emulator/en/blog/joyce"
    assert item["meta"]["slug"] == "joyce"


async def test_pagination(wiki: Any, site: dict[str, int]) -> None:
    everything = [i["id"] for i in (await get(wiki, {"limit": "100"}))["items"]]
    body = await get(wiki, {"offset": "20", "limit": "20"})
    assert body["meta"]["total_count"] == 55
    assert [i["id"] for i in body["items"]] == everything[20:40]


async def test_ordering(wiki: Any, site: dict[str, int]) -> None:
    up = [i["title"] for i in (await get(wiki, {"order": "title", "limit": "100"}))["items"]]
    assert up == sorted(up)
    # Case-sensitive: upper case before lower case.
    assert up.index("About") < up.index("Café culture")
    down = [i["title"] for i in (await get(wiki, {"order": "-title", "limit": "100"}))["items"]]
    assert down == up[::-1]


async def test_random_ordering(wiki: Any, site: dict[str, int]) -> None:
    orders = set()
    for _ in range(4):
        body = await get(wiki, {"order": "random", "limit": "100"})
        orders.add(tuple(i["id"] for i in body["items"]))
        assert body["meta"]["total_count"] == 55
    assert len(orders) > 1


async def test_filtering(wiki: Any, site: dict[str, int]) -> None:
    body = await get(wiki, {"slug": "about"})
    assert body["meta"]["total_count"] == 1
    assert body["items"][0]["title"] == "About"
    assert body["items"][0]["meta"]["html_url"] == "http://wikijs.emulator/en/about"


async def test_child_of_for_a_menu(wiki: Any, site: dict[str, int]) -> None:
    # ?child_of=2&show_in_menus=true: Wiki.js has no "show in menus"; published pages stand in.
    body = await get(wiki, {"child_of": str(site["en/docs"]), "is_published": "true"})
    assert [i["title"] for i in body["items"]] == ["Configure", "Install guide"]


async def test_descendant_of(wiki: Any, site: dict[str, int]) -> None:
    body = await get(wiki, {"descendant_of": str(site["en/docs"])})
    assert [i["title"] for i in body["items"]] == ["Tuning", "Configure", "Install guide"]


async def test_search(wiki: Any, site: dict[str, int]) -> None:
    body = await get(wiki, {"search": "James Joyce"})
    assert {i["title"] for i in body["items"]} == {"James Joyce", "Café culture"}


async def test_search_operators(wiki: Any, site: dict[str, int]) -> None:
    both = await get(wiki, {"search": "joyce writer", "search_operator": "and"})
    assert [i["title"] for i in both["items"]] == ["James Joyce"]
    either = await get(wiki, {"search": "joyce writer", "search_operator": "or"})
    assert [i["title"] for i in either["items"]] == ["James Joyce", "Café culture"]


async def test_search_with_order(wiki: Any, site: dict[str, int]) -> None:
    body = await get(
        wiki,
        {"search": "James Joyce", "order": "-first_published_at", "search_operator": "and"},
    )
    assert [i["title"] for i in body["items"]] == ["James Joyce", "Café culture"]


async def test_additional_and_nested_fields(wiki: Any, site: dict[str, int]) -> None:
    # ?fields=body,feed_image(width,height): content and the author's details here.
    body = await get(wiki, {"fields": "content,author(email)", "slug": "install"})
    item = body["items"][0]
    assert item["content"] == "Run the installer"
    assert item["author"]["email"] == "admin@example.com"


async def test_all_fields(wiki: Any, site: dict[str, int]) -> None:
    item = (await get(wiki, {"fields": "*", "slug": "install"}))["items"][0]
    assert {"content", "tags", "author", "path"} <= set(item)
    assert "parent" not in item["meta"]


async def test_removing_fields(wiki: Any, site: dict[str, int]) -> None:
    item = (await get(wiki, {"fields": "-title,content", "slug": "install"}))["items"][0]
    assert "title" not in item
    assert item["content"] == "Run the installer"
    every = (await get(wiki, {"fields": "*,-content", "slug": "install"}))["items"][0]
    assert "content" not in every
    assert "render" in every


async def test_removing_all_default_fields(wiki: Any, site: dict[str, int]) -> None:
    body = await get(wiki, {"fields": "_,title", "slug": "install"})
    assert body["items"] == [{"title": "Install guide"}]


async def test_detail_view(wiki: Any, site: dict[str, int]) -> None:
    page_id = site["en/docs/install"]
    page = await run(pages_query(wiki).detail(page_id))
    shaped = page.to_wagtail(API)
    assert shaped["id"] == page_id
    assert shaped["meta"]["parent"]["title"] == "Docs"
    assert shaped["content"] == "Run the installer"
    slim = pages_query(wiki).from_params({"fields": "_,title,content"}, view="detail")
    assert (await run(slim.detail(page_id))).to_wagtail(API) == {
        "title": "Install guide",
        "content": "Run the installer",
    }
