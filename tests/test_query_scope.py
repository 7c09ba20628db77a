"""A query's scope (what it can see at all), its hidden fields, and how deep fields nest."""

from __future__ import annotations

from typing import Any

import pytest
from _query_helpers import pages_query, run
from _query_site import seed_site

from wikijs_typed.query import NoMatchError, QueryError
from wikijs_typed.query._fields import MAX_NESTING, parse_fields


@pytest.fixture
def site(wikijs_emulator: Any) -> dict[str, int]:
    ids = seed_site(wikijs_emulator)
    # A published page below a draft: the draft must not show as its parent.
    ids["en/drafts"] = wikijs_emulator.seed_page("drafts", "Draft folder", is_published=False)
    ids["en/drafts/public"] = wikijs_emulator.seed_page("drafts/public", "Public note")
    return ids


def published(wiki: Any) -> Any:
    return pages_query(wiki).scope(is_published=True)


async def test_pages_outside_the_scope_are_not_listed(wiki: Any, site: dict[str, int]) -> None:
    listing = await run(published(wiki).fields("_", "title").limit(100).fetch())
    titles = {item.title for item in listing.items}
    assert listing.total_count == len(site) - 2
    assert "Secret plans" not in titles
    assert "Draft folder" not in titles


async def test_a_filter_narrows_the_scope_and_never_widens_it(
    wiki: Any, site: dict[str, int]
) -> None:
    query = published(wiki).from_params({"is_published": "false"})
    assert (await run(query.fetch())).total_count == 0
    # A plain filter given twice keeps the later value; a scope is not a filter.
    assert (
        await run(pages_query(wiki).filter(is_published=True).filter(is_published=False).fetch())
    ).total_count == 2


async def test_a_page_outside_the_scope_has_no_detail_view(wiki: Any, site: dict[str, int]) -> None:
    with pytest.raises(NoMatchError, match="No Page matches the given query"):
        await run(published(wiki).detail(site["en/drafts/secret"]))
    item = await run(published(wiki).detail(site["en/docs/install"]))
    assert item.title == "Install guide"


async def test_a_page_outside_the_scope_is_no_tree_target_and_no_parent(
    wiki: Any, site: dict[str, int]
) -> None:
    with pytest.raises(QueryError, match="parent page doesn't exist"):
        await run(published(wiki).child_of(site["en/drafts"]).fetch())
    note = await run(published(wiki).detail(site["en/drafts/public"]))
    assert note.parent is None
    # Without the scope the draft is the note's parent.
    unscoped = await run(pages_query(wiki).detail(site["en/drafts/public"]))
    assert unscoped.parent is not None
    assert unscoped.parent.title == "Draft folder"


async def test_a_hidden_field_is_unknown_at_every_level(wiki: Any, site: dict[str, int]) -> None:
    query = pages_query(wiki).hide("email", "is_private")
    for params in (
        {"fields": "author(email)"},
        {"fields": "author(-email)"},
        {"fields": "-is_private"},
    ):
        with pytest.raises(QueryError, match="unknown fields: "):
            query.from_params(params)
    with pytest.raises(QueryError, match="not an operation or a recognised field: is_private"):
        query.from_params({"is_private": "false"})
    with pytest.raises(QueryError, match="cannot order by 'is_private'"):
        query.from_params({"order": "is_private"})
    item = await run(
        query.from_params({"fields": "author(*)"}, view="detail").detail(site["en/docs"])
    )
    shaped = item.to_wagtail()
    assert shaped["author"] == {"id": 1, "meta": {"type": "wikijs.User"}, "name": "Administrator"}
    assert "is_private" not in shaped
    # The same query without hide shows the address.
    plain = await run(pages_query(wiki).fields("author(*)").detail(site["en/docs"]))
    assert plain.author is not None
    assert "@" in plain.author.email


def test_hiding_a_name_no_endpoint_has_is_an_error(wikijs_client: Any) -> None:
    with pytest.raises(QueryError, match="unknown fields: nope"):
        wikijs_client.pages.query().hide("nope")


def test_fields_nest_only_so_deep() -> None:
    deep_enough = "a(" * MAX_NESTING + "b" + ")" * MAX_NESTING
    assert parse_fields(deep_enough)[0].name == "a"
    too_deep = "a(" * 5000 + "b" + ")" * 5000
    with pytest.raises(QueryError, match=f"fields error: fields nest at most {MAX_NESTING}"):
        parse_fields(too_deep)


def test_an_int_filter_beyond_graphqls_int_is_refused_before_sending(wikijs_client: Any) -> None:
    query = wikijs_client.pages.query()
    for name in ("author_id", "id"):
        with pytest.raises(QueryError, match="32-bit integers"):
            query.from_params({name: str(2**31)})
    assert query.from_params({"author_id": str(2**31 - 1)}).spec.filter_value("author_id")
