"""Wagtail's statuses and messages over HTTP; bad input is a 400 that Wiki.js never hears of."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator

import pytest
from _api_helpers import Api, serving

from wikijs_typed.api import ApiSettings


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    async with serving() as api:
        yield api


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=abc", "limit must be a positive integer"),
        ("limit=-1", "limit must be a positive integer"),
        ("limit=21", "limit cannot be higher than 20"),
        ("limit=1.5", "limit must be a positive integer"),
        ("offset=abc", "offset must be a positive integer"),
        ("offset=abc&limit=abc", "offset must be a positive integer"),
        ("offset=-3", "offset must be a positive integer"),
        ("order=-random", "cannot order by '-random' (unknown field)"),
        ("order=random&offset=0", "random ordering with offset is not supported"),
        ("order=random,id", "random ordering cannot be combined with other fields"),
        ("order=not_a_field", "cannot order by 'not_a_field' (unknown field)"),
        ("order=title,", "cannot order by '' (unknown field)"),
        (
            "not_a_field=abc",
            "query parameter is not an operation or a recognised field: not_a_field",
        ),
        ("zz=1&aa=2", "query parameter is not an operation or a recognised field: aa, zz"),
        (
            "html_path=/about",
            "query parameter is not an operation or a recognised field: html_path",
        ),
        (
            "id=abc",
            "field filter error. 'abc' is not a valid value for id"
            " (invalid literal for int() with base 10: 'abc')",
        ),
        (
            "is_published=abc",
            "field filter error. 'abc' is not a valid value for is_published"
            " (expected 'true' or 'false', got 'abc')",
        ),
        ("slug=%00", "field filter error. null characters are not allowed for slug"),
        ("child_of=abc", "child_of must be a positive integer"),
        ("child_of=-1", "child_of must be a positive integer"),
        ("child_of=99999", "parent page doesn't exist"),
        ("descendant_of=abc", "descendant_of must be a positive integer"),
        ("descendant_of=99999", "ancestor page doesn't exist"),
        ("ancestor_of=root", "ancestor_of must be a positive integer"),
        ("ancestor_of=99999", "descendant page doesn't exist"),
        ("descendant_of=1&child_of=1", "filtering by descendant_of with child_of is not supported"),
        ("search=x&tags=guide", "filtering by tag with a search query is not supported"),
        ("search=x&search_operator=xor", "search_operator must be 'and' or 'or'"),
        ("type=demosite.BlogPage", "type doesn't exist"),
        ("fields=test%23", "fields error: unexpected char '#' at position 4"),
        ("fields=title,*", "fields error: '*' must be in the first position"),
        ("fields=title+", "fields error: unexpected whitespace at position 5"),
        ("fields=123,title,abc", "unknown fields: 123, abc"),
        ("fields=-123,-title,-abc", "unknown fields: 123, abc"),
        ("fields=parent", "unknown fields: parent"),
        ("fields=title(foo,bar)", "'title' does not support nested fields"),
        ("fields=author(email)", "unknown fields: email"),
        ("limit=1&limit=2", "query parameter is repeated: limit"),
        ("limit=" + "9" * 4000, "limit cannot be higher than 20"),
        ("offset=" + "9" * 40, "random ordering with offset is not supported"),
    ],
)
async def test_a_bad_listing_request_is_a_400_that_reaches_no_wiki(
    api: Api, query: str, message: str
) -> None:
    if query.startswith("offset=9"):
        query += "&order=random"
    response, sent = await api.wiki_requests(f"/api/v2/pages/?{query}")
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"message": message}
    # Tree targets are looked up among the pages the audience may view: the listing, the
    # Guests group and the complete pages (for their publish dates), 50 a request.
    assert sent <= (2 + math.ceil(len(api.ids) / 50) if "page doesn't exist" in message else 0)


@pytest.mark.parametrize("endpoint", ["images", "documents"])
async def test_images_and_documents_know_no_page_parameters(api: Api, endpoint: str) -> None:
    response, sent = await api.wiki_requests(f"/api/v2/{endpoint}/?child_of=2&limit=abc")
    assert response.status_code == 400
    assert response.json() == {
        "message": "query parameter is not an operation or a recognised field: child_of"
    }
    assert sent == 0


async def test_huge_numbers_are_no_garbage_for_wiki_js(api: Api) -> None:
    huge = "9" * 30
    for name in ("author_id", "creator_id", "id"):
        response, sent = await api.wiki_requests(f"/api/v2/pages/?{name}={huge}")
        assert response.status_code == 400
        assert response.json()["message"].startswith(
            f"field filter error. '{huge}' is not a valid value for {name}"
        )
        assert sent == 0
    far = await api.get(f"/api/v2/pages/?offset={huge}")
    assert far.json() == {"meta": {"total_count": 55}, "items": []}


async def test_a_long_query_string_is_refused_before_parsing(api: Api) -> None:
    response, sent = await api.wiki_requests("/api/v2/pages/?search=" + "a" * 5000)
    assert response.status_code == 400
    assert response.json() == {"message": "query string too long (at most 4096 bytes)"}
    assert sent == 0


async def test_unicode_values_are_answered(api: Api) -> None:
    body = (await api.get("/api/v2/pages/?search=caf%C3%A9&fields=_,title")).json()
    assert body["items"] == [{"title": "Café culture"}]
    response = await api.get("/api/v2/pages/?title=%F0%9F%90%8D%FF")
    assert response.status_code == 200
    assert response.json()["items"] == []


async def test_the_detail_view(api: Api) -> None:
    install = api.ids["en/docs/install"]
    missing = await api.get("/api/v2/pages/99999/")
    assert missing.status_code == 404
    assert missing.json() == {"message": "No Page matches the given query."}
    # Unknown parameters and pagination are ignored, filters still apply.
    assert (await api.get(f"/api/v2/pages/{install}/?foo=bar&limit=abc")).status_code == 200
    narrowed = await api.get(f"/api/v2/pages/{install}/?slug=nomatch")
    assert narrowed.status_code == 404
    bad = await api.get(f"/api/v2/pages/{install}/?child_of=abc")
    assert bad.json() == {"message": "child_of must be a positive integer"}
    # The item is looked up before the fields are read.
    assert (await api.get("/api/v2/pages/99999/?fields=nope")).status_code == 404
    fields = await api.get(f"/api/v2/pages/{install}/?fields=nope")
    assert fields.json() == {"message": "unknown fields: nope"}
    for endpoint, name in (("images", "Image"), ("documents", "Document")):
        response = await api.get(f"/api/v2/{endpoint}/12345/")
        assert response.json() == {"message": f"No {name} matches the given query."}
    for url in ("/api/v2/pages/abc/", "/api/v2/pages/-1/", "/api/v2/pages/0/", "/api/v2/nothing/"):
        assert (await api.get(url)).status_code == 404


async def test_search_can_be_switched_off() -> None:
    async with serving(settings=ApiSettings(search_enabled=False)) as api:
        response = await api.get("/api/v2/pages/?search=joyce")
        assert response.status_code == 400
        assert response.json() == {"message": "search is disabled"}


async def test_the_limit_cap_is_configurable() -> None:
    async with serving(settings=ApiSettings(max_limit=10)) as api:
        response = await api.get("/api/v2/pages/?limit=20")
        assert response.json() == {"message": "limit cannot be higher than 10"}
        assert len((await api.json("/api/v2/pages/"))["items"]) == 10
    async with serving(settings=ApiSettings(max_limit=None)) as api:
        assert len((await api.json("/api/v2/pages/?limit=1000000"))["items"]) == 55


async def test_only_get_and_head_are_allowed(api: Api) -> None:
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        response = await api.http.request(method, "/api/v2/pages/")
        assert response.status_code == 405
        assert response.json() == {"detail": f'Method "{method}" not allowed.'}
        assert "GET" in response.headers["allow"]
    head = await api.http.head("/api/v2/pages/")
    assert head.status_code == 200
