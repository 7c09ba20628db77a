"""Every request example of the Wagtail API v2 usage guide, sent over HTTP to the content API.

The app runs over an ASGI transport on a seeded emulator. Where Wiki.js has no equivalent of
the guide's example (page types, `show_in_menus`), the nearest Wiki.js field stands in.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import AsyncIterator
from typing import Any

import pytest
from _api_helpers import API, Api, serving

PUBLIC_PAGES = 55
PAGE_META = ["type", "detail_url", "html_url", "slug", "first_published_at"]


def png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    crc = struct.pack(">I", zlib.crc32(chunk))
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + crc


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    async with serving() as api:
        for name, data in (("joyce.png", png(500, 392)), ("manual.pdf", b"%PDF-1.4 text")):
            api.ids[name] = (await api.client.assets.upload(data, filename=name)).id
        yield api


def ids_of(body: dict[str, Any]) -> list[int]:
    return [item["id"] for item in body["items"]]


async def test_example_response_of_every_endpoint(api: Api) -> None:
    for endpoint, type_name in (
        ("pages", "wikijs.Page"),
        ("images", "wikijs.Image"),
        ("documents", "wikijs.Document"),
    ):
        body = await api.json(f"/api/v2/{endpoint}/")
        assert list(body) == ["meta", "items"]
        assert list(body["meta"]) == ["total_count"]
        assert body["items"]
        for item in body["items"]:
            assert list(item)[:2] == ["id", "meta"]
            assert item["meta"]["type"] == type_name
            assert item["meta"]["detail_url"] == f"{API}/{endpoint}/{item['id']}/"
    pages = await api.json("/api/v2/pages/")
    assert pages["meta"]["total_count"] == PUBLIC_PAGES
    assert len(pages["items"]) == 20
    assert list(pages["items"][0]) == ["id", "meta", "title"]
    assert list(pages["items"][0]["meta"]) == PAGE_META


async def test_custom_page_fields_with_type(api: Api) -> None:
    # GET /api/v2/pages/?type=blog.BlogPage&fields=published_date,body,authors(name)
    body = await api.json(
        "/api/v2/pages/?type=wikijs.Page&fields=created_at,content,author(name)&slug=joyce"
    )
    [item] = body["items"]
    assert list(item) == ["id", "meta", "title", "content", "author", "created_at"]
    assert list(item["meta"]) == PAGE_META
    assert item["meta"]["slug"] == "joyce"
    assert item["meta"]["html_url"].endswith("/en/blog/joyce")
    assert item["meta"]["first_published_at"].endswith("Z")
    assert item["content"] == "Ulysses"
    assert item["author"] == {"id": 1, "meta": {"type": "wikijs.User"}, "name": "Administrator"}


async def test_pagination(api: Api) -> None:
    everything = ids_of(await api.json("/api/v2/pages/?limit=20"))
    everything += ids_of(await api.json("/api/v2/pages/?offset=20&limit=20"))
    everything += ids_of(await api.json("/api/v2/pages/?offset=40&limit=20"))
    assert len(set(everything)) == PUBLIC_PAGES
    body = await api.json("/api/v2/pages/?offset=20&limit=20")
    assert body["meta"]["total_count"] == PUBLIC_PAGES
    assert ids_of(body) == everything[20:40]


async def test_ordering(api: Api) -> None:
    up = [i["title"] for i in (await api.json("/api/v2/pages/?order=title&limit=20"))["items"]]
    assert up == sorted(up)
    down = await api.json("/api/v2/pages/?order=-title&limit=20")
    titles = [i["title"] for i in down["items"]]
    assert titles == sorted(titles, reverse=True)
    assert titles[0] == "Tuning"


async def test_random_ordering(api: Api) -> None:
    orders = {tuple(ids_of(await api.json("/api/v2/pages/?order=random"))) for _ in range(4)}
    assert len(orders) > 1


async def test_filtering(api: Api) -> None:
    # GET /api/v2/pages/?slug=about
    body = await api.json("/api/v2/pages/?slug=about")
    assert body["meta"] == {"total_count": 1}
    [item] = body["items"]
    assert item["id"] == api.ids["en/about"]
    assert item["title"] == "About"
    assert item["meta"]["slug"] == "about"
    assert list(item["meta"]) == PAGE_META


async def test_filtering_by_tree_position(api: Api) -> None:
    # GET /api/v2/pages/?child_of=2&show_in_menus=true (locale stands in for show_in_menus)
    docs = api.ids["en/docs"]
    body = await api.json(f"/api/v2/pages/?child_of={docs}&locale=en")
    assert [i["title"] for i in body["items"]] == ["Configure", "Install guide"]
    below = await api.json(f"/api/v2/pages/?descendant_of={docs}")
    assert [i["title"] for i in below["items"]] == ["Tuning", "Configure", "Install guide"]


async def test_search_and_search_operator(api: Api) -> None:
    # ?search=James+Joyce
    body = await api.json("/api/v2/pages/?search=James+Joyce")
    assert {i["title"] for i in body["items"]} == {"James Joyce", "Café culture"}
    either = await api.json("/api/v2/pages/?search=joyce+fast&search_operator=or")
    assert {i["title"] for i in either["items"]} == {"James Joyce", "Café culture", "Tuning"}
    both = await api.json("/api/v2/pages/?search=joyce+fast&search_operator=and")
    assert both["items"] == []
    # ?search=James+Joyce&order=-first_published_at&search_operator=and
    ordered = await api.json(
        "/api/v2/pages/?search=James+Joyce&order=-first_published_at&search_operator=and"
    )
    assert [i["title"] for i in ordered["items"]] == ["James Joyce", "Café culture"]


async def test_fields(api: Api) -> None:
    # ?fields=body,feed_image
    added = (await api.json("/api/v2/pages/?fields=content,author&slug=joyce"))["items"][0]
    assert list(added) == ["id", "meta", "title", "content", "author"]
    # ?fields=body,feed_image(width,height): nested fields across a relationship
    nested = await api.json("/api/v2/pages/?fields=author(_,id,name)&slug=joyce")
    assert nested["items"][0]["author"] == {"id": 1, "name": "Administrator"}
    # ?fields=*
    every = (await api.json("/api/v2/pages/?fields=*&slug=joyce"))["items"][0]
    assert {"content", "tags", "author", "updated_at"} <= set(every)
    assert "parent" not in every["meta"]
    # ?fields=-title,body
    removed = (await api.json("/api/v2/pages/?fields=-title,content&slug=joyce"))["items"][0]
    assert list(removed) == ["id", "meta", "content"]
    # ?fields=*,-body
    most = (await api.json("/api/v2/pages/?fields=*,-content&slug=joyce"))["items"][0]
    assert "content" not in most
    assert set(every) - set(most) == {"content"}
    # ?fields=_,title
    only = await api.json("/api/v2/pages/?fields=_,title&limit=3")
    assert all(list(item) == ["title"] for item in only["items"])


async def test_detail_views(api: Api) -> None:
    install = api.ids["en/docs/install"]
    page = await api.json(f"/api/v2/pages/{install}/")
    assert page["id"] == install
    assert list(page["meta"])[:3] == ["type", "detail_url", "html_url"]
    assert page["meta"]["parent"]["id"] == api.ids["en/docs"]
    assert page["content"] == "Run the installer"
    image = await api.json(f"/api/v2/images/{api.ids['joyce.png']}/")
    assert (image["width"], image["height"]) == (500, 392)
    assert image["meta"]["tags"] == []
    document = await api.json(f"/api/v2/documents/{api.ids['manual.pdf']}/")
    assert document["title"] == "manual.pdf"
    assert document["meta"]["download_url"].startswith("http")
    # /api/v2/pages/1/?fields=_,title,body
    slim = await api.json(f"/api/v2/pages/{install}/?fields=_,title,content")
    assert slim == {"title": "Install guide", "content": "Run the installer"}


async def test_default_fields_of_images_and_documents(api: Api) -> None:
    image = (await api.json("/api/v2/images/"))["items"][0]
    assert list(image) == ["id", "meta", "title"]
    assert list(image["meta"]) == ["type", "detail_url", "tags", "download_url"]
    sized = (await api.json("/api/v2/images/?fields=width,height"))["items"][0]
    assert (sized["width"], sized["height"]) == (500, 392)
    document = (await api.json("/api/v2/documents/"))["items"][0]
    assert list(document["meta"]) == ["type", "detail_url", "tags", "download_url"]


async def test_find_redirects_to_the_detail_view(api: Api) -> None:
    install = api.ids["en/docs/install"]
    for path in ("/en/docs/install/", "docs/install", "/docs/install"):
        response = await api.get(f"/api/v2/pages/find/?html_path={path}")
        assert response.status_code == 302
        assert response.headers["location"] == f"{API}/pages/{install}/"
    kept = await api.get("/api/v2/pages/find/?html_path=/docs/install&fields=_,id,title")
    assert kept.headers["location"] == f"{API}/pages/{install}/?fields=_,id,title"
    home = await api.get("/api/v2/pages/find/?html_path=/")
    assert home.headers["location"] == f"{API}/pages/{api.ids['en/home']}/"
    french = await api.get("/api/v2/pages/find/?html_path=/fr/docs")
    assert french.headers["location"] == f"{API}/pages/{api.ids['fr/docs']}/"
    by_id = await api.get(f"/api/v2/pages/find/?id={install}")
    assert by_id.headers["location"] == f"{API}/pages/{install}/"
    # html_path wins over id.
    both = await api.get(f"/api/v2/pages/find/?id={install}&html_path=/about")
    assert both.headers["location"] == f"{API}/pages/{api.ids['en/about']}/"
    image = await api.get(f"/api/v2/images/find/?id={api.ids['joyce.png']}")
    assert image.headers["location"] == f"{API}/images/{api.ids['joyce.png']}/"
    for missing in ("?html_path=/nowhere", "?id=9999", ""):
        response = await api.get(f"/api/v2/pages/find/{missing}")
        assert response.status_code == 404
        assert response.json() == {"message": "not found"}
