"""Making items and shaping them the Wagtail way: exact, and worked out once per selection.

How each field is read from a page (`PageItems`) and where each key of an item's shape comes
from (`ItemShape`) are decided once for a selection, not again for every item. These tests
hold the shapes to a plain shaping (every value through the obvious conversion, dates with
`astimezone(UTC).isoformat()`), and count that the per-selection work is done once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pytest
from _query_helpers import assets_of, pages_query, run
from _query_site import seed_site

from wikijs_typed.query import Item, ParentItem, _page_plan, _wagtail
from wikijs_typed.query._catalogue import DOCUMENTS, PAGES, PERSON
from wikijs_typed.query._errors import NoMatchError

API = "http://api.example.com/api/v2"


def plain_json(value: object, base_url: str) -> object:
    """The obvious conversion of one value, the reference the shaping must match."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, list):
        return [plain_json(item, base_url) for item in value]
    if isinstance(value, Item):
        return plain_shape(value, base_url)
    assert isinstance(value, ParentItem)
    return value.to_wagtail(base_url)


def plain_shape(item: Item, base_url: str) -> dict[str, object]:
    """An item's Wagtail shape, worked out from scratch: `id`, `meta`, then the body."""
    values: Mapping[str, object] = item.to_dict()
    endpoint = item._endpoint
    if endpoint == "users":
        every, meta_names = PERSON, {"type"}
    else:
        catalogue = PAGES if endpoint == "pages" else DOCUMENTS
        every, meta_names = catalogue.shown, {f.name for f in catalogue.fields if f.meta}
    shaped: dict[str, object] = {}
    if "id" in values:
        shaped["id"] = values["id"]
    meta = {
        name: f"{base_url}/{endpoint}/{item._key}/"
        if name == "detail_url"
        else plain_json(values[name], base_url)
        for name in every
        if name in meta_names and name in values
    }
    if meta:
        shaped["meta"] = meta
    for name in every:
        if name in values and name != "id" and name not in meta_names:
            shaped[name] = plain_json(values[name], base_url)
    return shaped


@pytest.fixture
def site(wiki: Any, wikijs_emulator: Any) -> dict[str, int]:
    return seed_site(wikijs_emulator)


@pytest.mark.parametrize(
    "fields",
    [
        "",
        "_,title",
        "*",
        "*,author(*),creator(*)",
        "_,id,tags,created_at,author(name),creator(id,type)",
        "-title,detail_url,seo_title,search_description,first_published_at,locale,editor",
    ],
)
async def test_page_listings_shape_as_the_plain_shaping_does(
    wiki: Any, site: dict[str, int], fields: str
) -> None:
    query = pages_query(wiki).from_params({"fields": fields} if fields else {}).limit(100)
    listing = await run(query.fetch())
    assert len(listing.items) == len(site)
    shaped = listing.to_wagtail(API)
    assert shaped["items"] == [plain_shape(item, API) for item in listing.items]
    # Equal dicts may still order their keys differently: the JSON text may not.
    assert repr(shaped["items"]) == repr([plain_shape(item, API) for item in listing.items])


async def test_detail_views_shape_as_the_plain_shaping_does(
    wiki: Any, site: dict[str, int]
) -> None:
    for fields in ("", "*,author(*),creator(*)", "_,parent,first_published_at"):
        query = pages_query(wiki).from_params({"fields": fields} if fields else {}, view="detail")
        for page_id in site.values():
            item = await run(query.detail(page_id))
            assert repr(item.to_wagtail(API)) == repr(plain_shape(item, API))
            assert repr(item.to_wagtail()) == repr(plain_shape(item, ""))


async def test_documents_shape_as_the_plain_shaping_does(wiki: Any) -> None:
    for name in ("manual.pdf", "notes.txt"):
        await wiki.assets.upload(b"%PDF-1.4 x", filename=name)
    listing = await run(assets_of(wiki).documents.query().from_params({"fields": "*"}).fetch())
    assert len(listing.items) == 2
    shaped = listing.to_wagtail(API)
    assert repr(shaped["items"]) == repr([plain_shape(item, API) for item in listing.items])


async def test_a_query_decides_how_to_read_each_field_once(
    wiki: Any, site: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    decided: list[str] = []
    reader = _page_plan.PageItems._reader

    def counted(self: _page_plan.PageItems, name: str, selection: Any) -> Any:
        decided.append(name)
        return reader(self, name, selection)

    monkeypatch.setattr(_page_plan.PageItems, "_reader", counted)
    query = pages_query(wiki).from_params({"fields": "*,author(name)"}).limit(100)
    for _ in range(3):
        listing = await run(query.fetch())
        assert len(listing.items) == len(site)
    # Once per field for the query's listings, however many pages and evaluations.
    assert sorted(decided) == sorted(listing.items[0].selected)


async def test_an_items_shape_is_worked_out_once_per_selection(
    wiki: Any, site: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    worked_out: list[str] = []
    init = _wagtail.ItemShape.__init__

    def counted(self: _wagtail.ItemShape, endpoint: str, names: tuple[str, ...]) -> None:
        worked_out.append(endpoint)
        init(self, endpoint, names)

    monkeypatch.setattr(_wagtail.ItemShape, "__init__", counted)
    _wagtail.item_shape.cache_clear()
    query = pages_query(wiki).from_params({"fields": "_,title,author(name)"}).limit(100)
    listing = await run(query.fetch())
    for _ in range(3):
        listing.to_wagtail(API)
    # One for the pages, one for their authors: not one per item.
    assert sorted(worked_out) == ["pages", "users"]


LISTING_FIELDS = [
    "",
    "_,title",
    "*",
    "*,author(*),creator(*)",
    "_,id,tags,created_at,author(name),creator(id,type)",
    "-title,detail_url,html_url,slug,first_published_at,locale,content,render",
]


def _windows(query: Any) -> tuple[Any, ...]:
    """Windows of `query`: whole, filtered and ordered, searched, shifted, random."""
    return (
        query,
        query.filter(locale="en").order_by("-title").offset(2).limit(3),
        query.search("event").limit(5),
        query.offset(1).limit(4),  # partly the first window's items
        query.offset(40).limit(10),
        query.order_by("random", seed=7),
    )


@pytest.mark.parametrize("fields", LISTING_FIELDS)
async def test_fetch_wagtail_is_the_fetched_listing_shaped(
    wiki: Any, site: dict[str, int], fields: str
) -> None:
    query = pages_query(wiki).from_params({"fields": fields} if fields else {})
    for window in _windows(query):
        expected = (await run(window.fetch())).to_wagtail(API)
        assert repr(await run(window.fetch_wagtail(API))) == repr(expected)
    assert repr(await run(query.fetch_wagtail())) == repr((await run(query.fetch())).to_wagtail())


@pytest.mark.parametrize("fields", LISTING_FIELDS)
async def test_fetch_wagtail_json_is_the_listing_rendered_again_and_again(
    wiki: Any, site: dict[str, int], fields: str
) -> None:
    query = pages_query(wiki).from_params({"fields": fields} if fields else {})
    for _ in range(2):  # then from the items' JSON the first round kept
        for base_url in (API, "", "https://other.example/api/v2"):
            for window in _windows(query):
                expected = _wagtail.wagtail_json(await run(window.fetch_wagtail(base_url)))
                assert await run(window.fetch_wagtail_json(base_url)) == expected


async def test_the_kept_json_of_items_follows_an_edit(wiki: Any, site: dict[str, int]) -> None:
    query = pages_query(wiki).from_params({"fields": "title,tags,updated_at"}).order_by("id")
    await run(query.fetch_wagtail_json(API))
    page_id = min(site.values())
    await run(wiki.pages.update(page_id, {"title": "Renamed", "tags": ["new"]}))
    listing = json.loads(await run(query.fetch_wagtail_json(API)))
    edited = next(item for item in listing["items"] if item["id"] == page_id)
    assert (edited["title"], edited["tags"]) == ("Renamed", ["new"])
    assert listing == await run(query.fetch_wagtail(API))


@pytest.mark.parametrize("fields", ["", "_,title", "*,author(name)", "-content,-render"])
async def test_detail_wagtail_is_the_detail_shaped(
    wiki: Any, site: dict[str, int], fields: str
) -> None:
    query = pages_query(wiki).from_params({"fields": fields} if fields else {}, view="detail")
    for _ in range(2):  # then from the JSON the first round kept
        for page_id in sorted(site.values())[:5]:
            expected = (await run(query.detail(page_id))).to_wagtail(API)
            assert repr(await run(query.detail_wagtail(page_id, API))) == repr(expected)
            rendered = await run(query.detail_wagtail_json(page_id, API))
            assert rendered == _wagtail.wagtail_json(expected)
    missing = max(site.values()) + 1
    with pytest.raises(NoMatchError):
        await run(query.detail_wagtail(missing, API))
    with pytest.raises(NoMatchError):
        await run(query.detail_wagtail_json(missing, API))


async def test_documents_fetch_wagtail(wiki: Any) -> None:
    for n in range(3):
        await wiki.assets.upload(b"%PDF-1.4 x", filename=f"d{n}.pdf")
    documents = assets_of(wiki).documents.query().from_params({"fields": "*"})
    expected = (await run(documents.fetch())).to_wagtail(API)
    assert repr(await run(documents.fetch_wagtail(API))) == repr(expected)
    assert await run(documents.fetch_wagtail_json(API)) == _wagtail.wagtail_json(expected)
    first = expected["items"][0]
    assert isinstance(first, dict)
    assert isinstance(first["id"], int)
    detail = (await run(documents.detail(first["id"]))).to_wagtail(API)
    assert await run(documents.detail_wagtail(first["id"], API)) == detail
    assert await run(documents.detail_wagtail_json(first["id"], API)) == _wagtail.wagtail_json(
        detail
    )


async def test_a_wagtail_listing_makes_no_page_item(
    wiki: Any, site: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    make = _page_plan.PageItems.make

    def counted(self: _page_plan.PageItems, pages: Any, by_path: Any) -> Any:
        made.append(1)
        return make(self, pages, by_path)

    monkeypatch.setattr(_page_plan.PageItems, "make", counted)
    query = pages_query(wiki).from_params({"fields": "*,author(*)"})
    shaped = await run(query.fetch_wagtail(API))
    assert len(shaped["items"]) == len(site)
    # Shaped straight from the pages: no item, no dict of values, in between.
    assert made == []
    await run(query.fetch())
    assert made == [1]
