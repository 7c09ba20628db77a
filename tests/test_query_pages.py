"""The content query over pages, against the emulator, with the sync and the async client."""

from __future__ import annotations

from typing import Any

import pytest
from _query_helpers import each, pages_query, run
from _query_site import seed_site

from wikijs_typed.query import FieldNotSelectedError, NoMatchError, QueryError


@pytest.fixture
def site(wikijs_emulator: Any) -> dict[str, int]:
    return seed_site(wikijs_emulator)


async def titles(query: Any) -> list[str]:
    listing = await run(query.fields("_", "title").limit(100).fetch())
    return [item.title for item in listing.items]


async def test_a_listing_counts_every_match_and_shows_wagtails_default_fields(
    wiki: Any, site: dict[str, int]
) -> None:
    listing = await run(pages_query(wiki)[0:3])
    assert listing.total_count == len(site)
    assert len(listing.items) == 3
    shaped = listing.to_wagtail("http://api.example.com/api/v2")
    assert list(shaped) == ["meta", "items"]
    assert shaped["meta"] == {"total_count": len(site)}
    first = shaped["items"][0]
    assert list(first) == ["id", "meta", "title"]
    assert list(first["meta"]) == ["type", "detail_url", "html_url", "slug", "first_published_at"]
    assert first["meta"]["type"] == "wikijs.Page"
    assert first["meta"]["detail_url"] == f"http://api.example.com/api/v2/pages/{first['id']}/"
    assert first["meta"]["first_published_at"].endswith("Z")


async def test_the_default_order_is_the_path_tree(wiki: Any, site: dict[str, int]) -> None:
    query = pages_query(wiki).filter(locale="en")
    assert await titles(query) == [
        "About",
        "Café culture",
        "James Joyce",
        "Docs",
        "Tuning",
        "Configure",
        "Install guide",
        "Secret plans",
        "Home",
    ]


async def test_exact_filters_on_any_field(wiki: Any, site: dict[str, int]) -> None:
    query = pages_query(wiki)
    assert await titles(query.filter(tags=["guide", "setup"])) == ["Install guide"]
    assert await titles(query.filter(tags=["GUIDE"], locale="fr")) == ["Documentation"]
    assert await titles(query.filter(is_published=False)) == ["Secret plans"]
    assert await titles(query.filter(slug="about")) == ["About"]
    assert await titles(query.filter(id=site["en/blog/joyce"])) == ["James Joyce"]
    assert await titles(query.filter(content="Ulysses")) == ["James Joyce"]
    assert await titles(query.filter(title="James")) == []
    # Filters add up: the second call narrows the first.
    assert await titles(query.filter(tags=["guide"]).filter(is_published=True, locale="en")) == [
        "Docs",
        "Configure",
        "Install guide",
    ]


async def test_date_filters_from_python_and_from_params(wiki: Any, site: dict[str, int]) -> None:
    page = await run(pages_query(wiki).fields("created_at").detail(site["en/about"]))
    by_date = pages_query(wiki).filter(created_at=page.created_at)
    assert await titles(by_date) == ["About"]
    iso = page.created_at.isoformat().replace("+00:00", "Z")
    assert await titles(pages_query(wiki).from_params({"first_published_at": iso})) == ["About"]
    with pytest.raises(QueryError, match="must be a timezone-aware datetime"):
        pages_query(wiki).filter(created_at=page.created_at.replace(tzinfo=None))


async def test_bad_filters_are_typed_errors_before_any_request(
    wiki: Any, wikijs_emulator: Any, site: dict[str, int]
) -> None:
    wikijs_emulator.requests.clear()
    query = pages_query(wiki)
    with pytest.raises(QueryError, match=r"not an operation or a recognised field: titel"):
        query.filter(titel="Docs")
    with pytest.raises(QueryError, match=r"id must be an integer"):
        query.filter(id="3")
    with pytest.raises(QueryError, match=r"is_published must be True or False"):
        query.filter(is_published="yes")
    assert wikijs_emulator.requests == []


async def test_tree_filters_follow_the_path_tree(wiki: Any, site: dict[str, int]) -> None:
    query = pages_query(wiki)
    docs = site["en/docs"]
    assert await titles(query.child_of("docs").filter(locale="en")) == [
        "Configure",
        "Install guide",
    ]
    # By id, the page's own locale: the French "docs" has no children.
    assert await titles(query.child_of(docs)) == ["Configure", "Install guide"]
    assert await titles(query.child_of(site["fr/docs"])) == []
    # The named page need not pass the filters itself ("docs" has no "setup" tag).
    assert await titles(query.child_of(docs).filter(tags=["setup"])) == ["Install guide"]
    # A folder without a page of its own counts as its path.
    assert await titles(query.child_of("docs/advanced")) == ["Tuning"]
    assert await titles(query.descendant_of(docs)) == ["Tuning", "Configure", "Install guide"]
    assert await titles(query.child_of("root").filter(locale="en")) == [
        "About",
        "Docs",
        "Home",
    ]
    assert await titles(query.ancestor_of(site["en/docs/advanced/tuning"])) == ["Docs"]
    with pytest.raises(QueryError, match=r"^parent page doesn't exist$"):
        await run(query.child_of(999).fetch())
    with pytest.raises(QueryError, match=r"^ancestor page doesn't exist$"):
        await run(query.descendant_of(999).count())
    with pytest.raises(QueryError, match=r"descendant_of with child_of is not supported"):
        query.child_of(docs).descendant_of(docs)


def test_plain_ascii_text_is_normalised_as_any_other_text() -> None:
    import string
    import unicodedata

    from wikijs_typed.query._search import normalise

    def slow(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        return "".join(char for char in decomposed if not unicodedata.combining(char))

    ascii_text = string.printable + "Straße".encode("ascii", "ignore").decode()
    assert normalise(ascii_text) == slow(ascii_text)
    for text in ("Café", "STRASSE Straße", "ﬁne", "Ångström"):
        assert normalise(text) == slow(text)


async def test_search_splits_normalises_and_ranks(wiki: Any, site: dict[str, int]) -> None:
    query = pages_query(wiki)
    assert await titles(query.search("CAFE")) == ["Café culture"]
    assert await titles(query.search("james joyce", operator="and")) == [
        "Café culture",
        "James Joyce",
    ]
    assert await titles(query.search("joyce irish")) == ["James Joyce"]
    # "or": any term, the item with most terms first.
    assert await titles(query.search("irish joyce", operator="or")) == [
        "James Joyce",
        "Café culture",
    ]
    # A term matches the start of a word.
    assert await titles(query.search("instal")) == ["Install guide"]
    assert await titles(query.search("")) == []
    # Content only when asked for.
    assert await titles(query.search("elephant")) == []
    assert await titles(query.search("elephant", include_content=True)) == ["Tuning"]
    # An order turns ranking off.
    assert await titles(query.search("irish joyce", operator="or").order_by("title")) == [
        "Café culture",
        "James Joyce",
    ]


async def test_order_by_any_field_and_directions(wiki: Any, site: dict[str, int]) -> None:
    query = pages_query(wiki).filter(locale="en", is_published=True)
    ascending = await titles(query.order_by("title"))
    assert ascending == sorted(ascending)
    assert await titles(query.order_by("-title")) == ascending[::-1]
    by_tag_then_title = await titles(query.filter(tags=["guide"]).order_by("-slug", "title"))
    assert by_tag_then_title == ["Install guide", "Docs", "Configure"]
    with pytest.raises(QueryError, match=r"^cannot order by 'titel' \(unknown field\)$"):
        query.order_by("titel")  # type: ignore[arg-type]


async def test_random_order_differs_per_call_unless_seeded(wiki: Any, site: dict[str, int]) -> None:
    query = pages_query(wiki)
    orders = {tuple(await titles(query.order_by("random"))) for _ in range(6)}
    assert len(orders) > 1
    seeded = query.order_by("random", seed=7)
    assert await titles(seeded) == await titles(seeded)
    with pytest.raises(QueryError, match=r"^random ordering with offset is not supported$"):
        await run(query.order_by("random")[5:10])
    # With a seed an offset is fine: the next window continues the same order.
    whole = await titles(seeded)
    window = await run(seeded.fields("_", "title")[3:6])
    assert [item.title for item in window.items] == whole[3:6]


async def test_windows_slices_and_limits(wiki: Any, site: dict[str, int]) -> None:
    query = pages_query(wiki).order_by("id")
    listing = await run(query[2:4])
    assert [item.id for item in listing.items] == [3, 4]
    assert listing.total_count == len(site)
    same = await run(query.limit(2).offset(2).fetch())
    assert [item.id for item in same.items] == [3, 4]
    assert (await run(query[3])).id == 4
    with pytest.raises(IndexError):
        await run(query[50])
    assert len((await run(query[0:])).items) == len(site)
    with pytest.raises(QueryError, match=r"^limit cannot be higher than 1000$"):
        query.limit(1001)
    with pytest.raises(QueryError, match=r"^limit cannot be higher than 5$"):
        query.max_limit(5).limit(6)
    assert query.max_limit(None).limit(100_000).spec.limit == 100_000
    with pytest.raises(QueryError, match=r"^offset must be a positive integer$"):
        query.offset(-1)
    with pytest.raises(QueryError, match=r"^limit must be a positive integer$"):
        query.limit(-2)
    assert (await run(query.limit(0).fetch())).items == []


async def test_fields_grammar_and_unselected_fields(wiki: Any, site: dict[str, int]) -> None:
    query = pages_query(wiki).filter(slug="install")
    item = (await run(query.fields("_", "title", "content", "author(name,email)").fetch())).items[0]
    assert item.title == "Install guide"
    assert item.content == "Run the installer"
    assert item.author is not None
    assert item.author.email == "admin@example.com"
    with pytest.raises(FieldNotSelectedError, match=r"'path' was not selected"):
        _ = item.path
    with pytest.raises(FieldNotSelectedError):
        _ = item.creator
    # Nested fields start from the nested defaults (id, type, name), as in Wagtail.
    assert item.to_wagtail() == {
        "title": "Install guide",
        "content": "Run the installer",
        "author": {
            "id": 1,
            "meta": {"type": "wikijs.User"},
            "name": "Administrator",
            "email": "admin@example.com",
        },
    }
    only_name = await run(query.fields("_", "author(_,name)").fetch())
    assert only_name.items[0].to_wagtail() == {"author": {"name": "Administrator"}}
    with pytest.raises(FieldNotSelectedError):
        _ = only_name.items[0].author.email
    tagged = await run(pages_query(wiki).filter(tags=["setup"]).fields("tags").fetch())
    assert [item.tags for item in tagged.items] == [["setup"], ["guide", "setup"]]
    every = (await run(query.fields("*", "-content", "-render").fetch())).items[0]
    assert "tags" in every.selected
    assert "content" not in every.selected
    assert every.tags == ["guide", "setup"]
    with pytest.raises(QueryError, match=r"^unknown fields: parent$"):
        await run(query.fields("parent").fetch())
    with pytest.raises(QueryError, match=r"^fields error: '\*' must be in the first position$"):
        query.fields("title", "*")
    with pytest.raises(QueryError, match=r"^'title' does not support nested fields$"):
        await run(query.fields("title(foo)").fetch())  # type: ignore[arg-type]


async def test_detail_views(wiki: Any, site: dict[str, int]) -> None:
    query = pages_query(wiki)
    page = await run(query.detail(site["en/docs/install"]))
    assert page.content == "Run the installer"
    assert page.parent is not None
    assert page.parent.title == "Docs"
    shaped = page.to_wagtail("http://api")
    assert list(shaped["meta"]) == [
        "type",
        "detail_url",
        "html_url",
        "slug",
        "seo_title",
        "search_description",
        "first_published_at",
        "parent",
        "locale",
    ]
    assert shaped["meta"]["parent"]["meta"]["detail_url"] == f"http://api/pages/{site['en/docs']}/"
    assert (await run(query.detail(site["en/home"]))).parent is None
    # A folder without its page: no parent page.
    assert (await run(query.detail(site["en/docs/advanced/tuning"]))).parent is None
    slim = await run(query.fields("_", "title").detail(site["en/docs"]))
    assert slim.to_wagtail() == {"title": "Docs"}
    with pytest.raises(NoMatchError, match=r"^No Page matches the given query.$"):
        await run(query.detail(999))
    with pytest.raises(NoMatchError):
        await run(query.filter(is_published=True).detail(site["en/drafts/secret"]))


async def test_count_first_exists_and_iteration(wiki: Any, site: dict[str, int]) -> None:
    query = pages_query(wiki).filter(tags=["guide"])
    assert await run(query.count()) == 5
    assert await run(query.exists()) is True
    assert await run(query.filter(tags=["nothing"]).exists()) is False
    first = await run(query.order_by("title").first())
    assert first is not None
    assert first.title == "Configure"
    assert await run(query.filter(tags=["nothing"]).first()) is None
    every = await each(query.order_by("title").fields("_", "title", "content"))
    assert [item.title for item in every] == [
        "Configure",
        "Docs",
        "Documentation",
        "Install guide",
        "Secret plans",
    ]
    assert every[0].content == "Edit config.yml"
    assert [i.title for i in await each(query.order_by("title").offset(1).limit(2))] == [
        "Docs",
        "Documentation",
    ]


async def test_queries_are_immutable(wiki: Any, site: dict[str, int]) -> None:
    base = pages_query(wiki)
    narrowed = base.filter(tags=["blog"])
    assert await run(base.count()) == len(site)
    assert await run(narrowed.count()) == 2
    assert narrowed.spec.filters == (("tags", ("blog",)),)
    assert base.spec.filters == ()


async def test_explain_says_what_runs_where(wiki: Any, site: dict[str, int]) -> None:
    plan = (
        pages_query(wiki)
        .filter(locale="en", tags=["guide"])
        .order_by("-updated_at")
        .fields("content")
        .explain()
    )
    assert plan.server[0] == "pages.list(locale='en', tags=['guide'], orderBy=UPDATED_AT DESC)"
    assert not any(step.startswith("exact filters") for step in plan.client)
    # Shown tags must be complete: Wiki.js's tag filter would cut them down.
    shown = pages_query(wiki).filter(tags=["guide"]).fields("tags").explain()
    assert "exact filters: tags" in shown.client
    assert plan.requests == 2
    assert "cost: 2 HTTP requests" in str(plan)
    assert pages_query(wiki).count is not None
    assert pages_query(wiki).explain().requests == 1


def _bulk(emulator: Any, count: int) -> None:
    for n in range(count):
        tags = ["bench", "even"] if n % 2 == 0 else ["bench"]
        emulator.seed_page(f"bulk/p{n:03}", f"Page {n}", f"Body {n}", tags=tags)


async def test_request_counts(wiki: Any, wikijs_emulator: Any) -> None:
    _bulk(wikijs_emulator, 120)
    query = pages_query(wiki)
    wikijs_emulator.requests.clear()
    listing = await run(query.filter(tags=["even"]).order_by("-updated_at").fields("content")[0:20])
    assert len(listing.items) == 20
    assert listing.total_count == 60
    assert all(item.content.startswith("Body ") for item in listing.items)
    # The listing, and one batched read of the 20 pages.
    assert len(wikijs_emulator.requests) == 2
    wikijs_emulator.requests.clear()
    assert await run(query.filter(tags=["even"]).count()) == 60
    assert len(wikijs_emulator.requests) == 1
    wikijs_emulator.requests.clear()
    below = await run(query.descendant_of("bulk").fetch())
    assert below.total_count == 120
    assert len(wikijs_emulator.requests) == 1
    wikijs_emulator.requests.clear()
    # Every item iterated, with content: the listing, then one read per 50 pages.
    assert len(await each(query.fields("content"))) == 120
    assert len(wikijs_emulator.requests) == 1 + 3


async def test_a_repeated_query_is_served_by_the_cache_until_a_page_changes(
    cached_wiki: Any, wikijs_emulator: Any
) -> None:
    _bulk(wikijs_emulator, 30)
    query = pages_query(cached_wiki).filter(tags=["even"]).order_by("title").fields("content")
    first = await run(query[0:5])
    wikijs_emulator.requests.clear()
    again = await run(query[0:5])
    assert wikijs_emulator.requests == []
    assert [i.content for i in again.items] == [i.content for i in first.items]
    changed = first.items[0].id
    await cached_wiki.pages.update(changed, {"content": "Changed body"})
    wikijs_emulator.requests.clear()
    after = await run(query[0:5])
    assert after.items[0].content == "Changed body"
    # Only the listing again: `update` read the changed page back itself, and the other
    # pages' reads are still cached.
    assert [r.operation_names for r in wikijs_emulator.requests] == [("ListPages",)]
