"""`client.pages` against the emulator, with the sync and the async client alike."""

from __future__ import annotations

from typing import Any

import pytest

from wikijs_typed import WikiJSClient
from wikijs_typed.exceptions import (
    BatchError,
    DuplicatePathError,
    GraphQLError,
    NotFoundError,
    ValidationError,
)
from wikijs_typed.models import BatchFailure, Page, PageCreate, PageUpdate

MANY_TAGS = ["guide", "docker", "install", "setup", "linux", "ops"]


def graphql_posts(emulator: Any) -> list[Any]:
    return [r for r in emulator.requests if r.path == "/graphql"]


async def seed(emulator: Any, count: int, tags: list[str] | None = None) -> list[int]:
    return [
        emulator.seed_page(
            path=f"docs/page-{n:02d}",
            title=f"Page {n:02d}",
            content=f"# Page {n}\n\nText {n}",
            tags=list(MANY_TAGS if tags is None else tags),
        )
        for n in range(count)
    ]


async def test_create_returns_the_complete_stored_page(wiki: Any) -> None:
    created = await wiki.pages.create(
        PageCreate(
            title="Getting Started",
            path="/getting-started/",
            content="# Welcome\n\nThis is your first page!",
            description="Getting started guide",
            tags=["Guide", "tutorial"],
        )
    )

    assert isinstance(created, Page)
    assert created.path == "getting-started"
    assert created.content == "# Welcome\n\nThis is your first page!"
    assert sorted(created.tags) == ["guide", "tutorial"]
    assert (created.locale, created.editor, created.is_published) == ("en", "markdown", True)
    assert created.author_id == 1
    assert created.created_at.tzinfo is not None
    assert created.extract_headings() == ["Welcome"]
    assert await wiki.pages.get(created.id) == created


async def test_create_accepts_a_dict(wiki: Any) -> None:
    created = await wiki.pages.create({"title": "T", "path": "from-dict", "content": "x"})

    assert (await wiki.pages.get_by_path("from-dict")).id == created.id


async def test_a_duplicate_path_is_a_distinct_error(wiki: Any) -> None:
    await wiki.pages.create({"title": "A", "path": "docs/dup", "content": "x"})

    with pytest.raises(DuplicatePathError) as caught:
        await wiki.pages.create({"title": "B", "path": "docs/dup", "content": "y"})

    assert (caught.value.error_code, caught.value.slug) == (6002, "PageDuplicateCreate")


async def test_invalid_input_is_refused_before_any_request(wiki: Any, wikijs_emulator: Any) -> None:
    wikijs_emulator.requests.clear()

    with pytest.raises(ValidationError):
        await wiki.pages.create({"title": "", "path": "x", "content": "c"})
    with pytest.raises(ValidationError):
        await wiki.pages.create({"title": "T", "path": "has space", "content": "c"})
    with pytest.raises(ValidationError):
        await wiki.pages.get(0)
    with pytest.raises(ValidationError):
        await wiki.pages.get("12")
    with pytest.raises(ValidationError):
        await wiki.pages.update(-1, {"title": "x"})
    with pytest.raises(ValidationError):
        await wiki.pages.update(1, {"title": ""})
    with pytest.raises(ValidationError):
        await wiki.pages.list(limit=0)
    with pytest.raises(ValidationError):
        await wiki.pages.list(order_by="popularity")
    with pytest.raises(ValidationError):
        await wiki.pages.delete_many([1, 2, "3"])
    with pytest.raises(ValidationError):
        await wiki.pages.create_many([{"title": "ok", "path": "a", "content": "c"}, {"path": "b"}])

    assert wikijs_emulator.requests == []


async def test_a_missing_page_is_not_found_on_both_channels(wiki: Any) -> None:
    with pytest.raises(NotFoundError) as read:
        await wiki.pages.get(987654)
    with pytest.raises(NotFoundError) as deleted:
        await wiki.pages.delete(987654)
    with pytest.raises(NotFoundError):
        await wiki.pages.get_by_path("no/such/page")

    assert read.value.errors[0].error_code == 6003  # a GraphQL error
    assert (deleted.value.error_code, deleted.value.slug) == (6003, "PageNotFound")
    # One name for Wiki.js's code on either channel, and both are GraphQL-level answers.
    assert read.value.error_code == 6003
    assert isinstance(read.value, GraphQLError)
    assert isinstance(deleted.value, GraphQLError)
    assert deleted.value.errors == ()
    with pytest.warns(DeprecationWarning, match="error_code"):
        assert read.value.wikijs_code == 6003
    with pytest.warns(DeprecationWarning, match="error_code"):
        assert read.value.errors[0].wikijs_code == 6003


async def test_get_by_path_accepts_slashes_around_the_path(wiki: Any, wikijs_emulator: Any) -> None:
    page_id = wikijs_emulator.seed_page(path="docs/install", title="Install", content="x")

    assert (await wiki.pages.get_by_path("/docs/install/", locale="en")).id == page_id


async def test_a_title_only_update_changes_nothing_else(wiki: Any) -> None:
    before = await wiki.pages.create(
        {
            "title": "Old",
            "path": "docs/keep",
            "content": "Body stays",
            "description": "Desc stays",
            "tags": ["one", "two"],
            "publish_start_date": "2026-01-01T00:00:00.000Z",
            "script_css": ".x{}",
        }
    )

    after = await wiki.pages.update(before.id, PageUpdate(title="New"))

    assert after.title == "New"
    unchanged = ("content", "description", "is_published", "is_private", "path", "locale")
    for field in (*unchanged, "publish_start_date", "publish_end_date", "script_css", "editor"):
        assert getattr(after, field) == getattr(before, field), field
    assert sorted(after.tags) == ["one", "two"]
    assert after.updated_at >= before.updated_at


async def test_update_changes_publication_tags_and_path(wiki: Any) -> None:
    page = await wiki.pages.create(
        {"title": "T", "path": "docs/old", "content": "c", "tags": ["a"]}
    )

    after = await wiki.pages.update(
        page.id, {"is_published": False, "tags": ["B", "c"], "path": "docs/new"}
    )

    assert (after.is_published, after.path, sorted(after.tags)) == (False, "docs/new", ["b", "c"])
    assert after.content == "c"
    with pytest.raises(NotFoundError):
        await wiki.pages.get_by_path("docs/old")


async def test_updating_a_missing_page_is_not_found(wiki: Any) -> None:
    with pytest.raises(NotFoundError):
        await wiki.pages.update(987654, {"title": "x"})


async def test_update_reads_the_page_fresh_even_with_a_cache(
    cached_wiki: Any, wikijs_emulator: Any
) -> None:
    page = await cached_wiki.pages.create({"title": "T", "path": "p", "content": "v1"})
    await cached_wiki.pages.get(page.id)  # now cached
    # Someone else edits the page behind this client's back.
    _update_elsewhere(wikijs_emulator, page.id, content="v2 from elsewhere")

    after = await cached_wiki.pages.update(page.id, {"title": "T2"})

    assert (after.title, after.content) == ("T2", "v2 from elsewhere")


def _update_elsewhere(emulator: Any, page_id: int, **changes: object) -> None:
    with WikiJSClient(emulator.base_url, emulator.api_key, transport=emulator.transport()) as c:
        c.pages.update(page_id, changes)


async def test_delete(wiki: Any) -> None:
    page = await wiki.pages.create({"title": "T", "path": "gone", "content": "c"})

    assert await wiki.pages.delete(page.id) is True
    with pytest.raises(NotFoundError):
        await wiki.pages.get(page.id)


async def test_list_returns_exactly_limit_pages_each_with_all_its_tags(
    wiki: Any, wikijs_emulator: Any
) -> None:
    await seed(wikijs_emulator, 12)

    pages = await wiki.pages.list(limit=5)

    assert [p.title for p in pages] == [f"Page {n:02d}" for n in range(5)]
    assert all(sorted(p.tags) == sorted(MANY_TAGS) for p in pages)
    assert all(p.content is None for p in pages)  # listings carry no content


async def test_list_offset_pages_through_everything(wiki: Any, wikijs_emulator: Any) -> None:
    ids = await seed(wikijs_emulator, 7)
    seen: list[int] = []

    offset = 0
    while batch := await wiki.pages.list(limit=3, offset=offset):
        seen.extend(p.id for p in batch)
        offset += 3

    assert seen == ids


async def test_list_filters_and_orders(wiki: Any, wikijs_emulator: Any) -> None:
    wikijs_emulator.seed_page(path="a/zeta", title="Zeta", content="x", tags=["guide", "ops"])
    wikijs_emulator.seed_page(path="a/alpha", title="Alpha", content="x", tags=["guide"])
    wikijs_emulator.seed_page(path="b/mid", title="Mid", content="x", tags=["ops"])

    by_title = await wiki.pages.list(order_by="title", order_direction="DESC")
    guides = await wiki.pages.list(tags=["Guide"])
    either = await wiki.pages.list(tags=["guide", "ops"], match_all=False, order_by="path")
    both = await wiki.pages.list(tags=["guide", "ops"])
    searched = await wiki.pages.list(search="ALPHA")

    assert [p.title for p in by_title] == ["Zeta", "Mid", "Alpha"]
    assert sorted(p.title for p in guides) == ["Alpha", "Zeta"]
    assert all(sorted(p.tags) in (["guide"], ["guide", "ops"]) for p in guides)
    assert [p.path for p in either] == ["a/alpha", "a/zeta", "b/mid"]
    assert [p.title for p in both] == ["Zeta"]
    assert [p.title for p in searched] == ["Alpha"]
    assert await wiki.pages.list(locale="fr") == []


async def test_get_by_tags(wiki: Any, wikijs_emulator: Any) -> None:
    wikijs_emulator.seed_page(path="t/1", title="One", content="x", tags=["tutorial", "guide"])
    wikijs_emulator.seed_page(path="t/2", title="Two", content="x", tags=["tutorial"])

    assert [p.title for p in await wiki.pages.get_by_tags(["tutorial", "guide"])] == ["One"]
    anyof = await wiki.pages.get_by_tags(["guide", "tutorial"], match_all=False, limit=1)
    assert len(anyof) == 1
    with pytest.raises(ValidationError):
        await wiki.pages.get_by_tags([])


async def test_search_returns_pages_with_integer_ids(wiki: Any, wikijs_emulator: Any) -> None:
    found_id = wikijs_emulator.seed_page(
        path="docs/docker", title="Docker setup", content="x", tags=["ops"]
    )
    wikijs_emulator.seed_page(path="docs/other", title="Other", content="docker in content only")

    results = await wiki.pages.search("docker")

    assert [p.id for p in results] == [found_id]
    assert isinstance(results[0].id, int)
    assert results[0].tags == ["ops"]
    assert results[0].created_at is not None


async def test_get_many_reads_in_one_request(wiki: Any, wikijs_emulator: Any) -> None:
    ids = await seed(wikijs_emulator, 6, tags=[])
    wikijs_emulator.requests.clear()

    pages = await wiki.pages.get_many(ids)

    assert [p.id for p in pages] == ids
    assert all(p.content for p in pages)
    assert len(graphql_posts(wikijs_emulator)) == 1


async def test_get_many_keeps_the_pages_it_read_when_some_are_missing(
    wiki: Any, wikijs_emulator: Any
) -> None:
    ids = await seed(wikijs_emulator, 2, tags=[])

    with pytest.raises(BatchError) as caught:
        await wiki.pages.get_many([ids[0], 987654, ids[1]])

    result = caught.value.result
    assert [p.id for p in result.succeeded] == ids
    [failure] = result.failed
    assert (failure.index, failure.key) == (1, 987654)
    assert isinstance(failure.error, NotFoundError)


async def test_create_many_reports_every_success_and_failure(wiki: Any) -> None:
    await wiki.pages.create({"title": "Taken", "path": "bulk/2", "content": "x"})
    items = [
        PageCreate(title="Page 1", path="bulk/1", content="Content 1"),
        PageCreate(title="Page 2", path="bulk/2", content="Content 2"),
        {"title": "Page 3", "path": "bulk/3", "content": "Content 3"},
    ]

    result = await wiki.pages.try_create_many(items)

    assert [type(o).__name__ for o in result.outcomes] == ["Page", "BatchFailure", "Page"]
    failure = result.outcomes[1]
    assert isinstance(failure, BatchFailure)
    assert failure.key == "en/bulk/2"
    assert isinstance(failure.error, DuplicatePathError)
    assert [p.content for p in result.succeeded] == ["Content 1", "Content 3"]
    with pytest.raises(BatchError):
        await wiki.pages.create_many([{"title": "Again", "path": "bulk/1", "content": "x"}])


async def test_create_many_returns_the_pages_when_all_succeed(wiki: Any) -> None:
    created = await wiki.pages.create_many(
        [PageCreate(title=f"Page {n}", path=f"many/{n}", content=f"Content {n}") for n in range(5)]
    )

    assert [p.path for p in created] == [f"many/{n}" for n in range(5)]
    assert [p.content for p in created] == [f"Content {n}" for n in range(5)]


async def test_update_many_merges_each_update_with_its_page(wiki: Any) -> None:
    a = await wiki.pages.create({"title": "A", "path": "u/a", "content": "a", "tags": ["x"]})
    b = await wiki.pages.create({"title": "B", "path": "u/b", "content": "b", "tags": ["y"]})

    updated = await wiki.pages.update_many(
        [
            {"id": a.id, "content": "New content 1"},
            {"id": b.id, "content": "New content 2", "title": "Updated Title 2"},
        ]
    )

    assert [(p.title, p.content, p.tags) for p in updated] == [
        ("A", "New content 1", ["x"]),
        ("Updated Title 2", "New content 2", ["y"]),
    ]
    result = await wiki.pages.try_update_many(
        [{"id": a.id, "is_published": False}, {"id": 987654, "title": "x"}]
    )
    assert result.succeeded[0].is_published is False
    assert isinstance(result.failed[0].error, NotFoundError)
    with pytest.raises(ValidationError, match="id"):
        await wiki.pages.update_many([{"title": "no id"}])


async def test_delete_many_summarizes_like_the_sdk(wiki: Any, wikijs_emulator: Any) -> None:
    ids = await seed(wikijs_emulator, 3, tags=[])

    summary = await wiki.pages.delete_many([*ids, 987654])

    assert summary["successful"] == 3
    assert summary["failed"] == 1
    assert summary["errors"][0]["page_id"] == 987654
    assert "does not exist" in summary["errors"][0]["error"]
    assert await wiki.pages.list() == []


async def test_iter_all_is_lazy(wiki: Any, wikijs_emulator: Any) -> None:
    ids = await seed(wikijs_emulator, 4, tags=["t"])
    wikijs_emulator.requests.clear()

    pages = wiki.pages.iter_all(with_content=True, batch_size=3)
    assert wikijs_emulator.requests == []
    listed = [page async for page in pages]

    assert [p.id for p in listed] == ids
    assert all(p.content for p in listed)
    # One listing, then two batches of complete pages.
    assert len(graphql_posts(wikijs_emulator)) == 3


async def test_a_move_onto_a_taken_path_fails_before_anything_is_written(wiki: Any) -> None:
    taken = await wiki.pages.create({"title": "Taken", "path": "docs/taken", "content": "t"})
    page = await wiki.pages.create({"title": "Mover", "path": "docs/mover", "content": "old"})

    with pytest.raises(DuplicatePathError) as caught:
        await wiki.pages.update(page.id, {"path": "/docs/taken", "content": "new"})
    result = await wiki.pages.try_update_many(
        [{"id": page.id, "path": "docs/taken", "content": "new"}, {"id": taken.id, "title": "T2"}]
    )

    assert (caught.value.error_code, caught.value.slug) == (6006, "PagePathCollision")
    assert (await wiki.pages.get(page.id)).content == "old"
    assert isinstance(result.outcomes[0], BatchFailure)
    assert isinstance(result.outcomes[0].error, DuplicatePathError)
    assert result.succeeded[0].title == "T2"


@pytest.mark.parametrize(
    "arguments",
    [
        {},
        {"locale": "en", "author_id": 1, "creator_id": 1},
        {"order_by": "title", "order_direction": "desc"},
        {"server_tags": ["kept"]},  # not a plain value: the stamp builds the request
    ],
    ids=["default", "filters", "order", "server tags"],
)
async def test_a_listing_stamp_is_the_stamp_of_the_entry_list_reads(
    cached_wiki: Any, arguments: dict[str, Any]
) -> None:
    await cached_wiki.pages.create(PageCreate(path="stamped", title="Stamped", content="x"))
    pages = cached_wiki.pages
    assert await pages.listing_stamp(**arguments) is None  # not listed through the cache yet
    await pages.list(**arguments)
    stamp = await pages.listing_stamp(**arguments)
    assert stamp is not None
    await pages.list(**arguments)  # a hit leaves the entry as it is
    assert await pages.listing_stamp(**arguments) == stamp
    await pages.create(PageCreate(path="another", title="Another", content="y"))
    assert await pages.listing_stamp(**arguments) != stamp
