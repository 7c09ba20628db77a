"""Page writes report what really happened (issue 13, items 1, 2, 3 and 5)."""

from __future__ import annotations

import contextlib
from typing import Any

import httpx
import pytest

from wikijs_typed import AsyncWikiJSClient, MemoryCache, WikiJSClient
from wikijs_typed._pipeline.errors import response_result_failure
from wikijs_typed._resources.sansio.pages import create_args
from wikijs_typed.exceptions import (
    OperationFailedError,
    PartialWriteError,
    WikiJSError,
    WriteOutcomeUnknownError,
)
from wikijs_typed.models import PageCreate
from wikijs_typed.testing import WikiJSEmulator
from wikijs_typed.testing._wiki.traffic import Activity


def pages(prefix: str, count: int, tags: list[str]) -> list[PageCreate]:
    return [
        PageCreate(title=f"P{n}", path=f"{prefix}/{n}", content=f"Body {n}", tags=tags)
        for n in range(count)
    ]


async def test_create_many_with_new_shared_tags_stores_every_page_with_its_tags(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    result = await wiki.pages.try_create_many(pages("shared", 6, ["brand-new", "also-new"]))

    assert result.failed == []
    for page in result.succeeded:
        assert sorted(page.tags) == ["also-new", "brand-new"]
        stored = wikijs_emulator.wiki.db.pages.get(page.id)
        assert stored is not None
        assert stored.render


async def test_delete_many_reports_every_deleted_page_as_deleted(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    ids = [wikijs_emulator.seed_page(f"gone/{n}") for n in range(24)]
    summary = await wiki.pages.delete_many(ids)
    assert summary == {"successful": 24, "failed": 0, "errors": []}
    assert len(wikijs_emulator.wiki.db.pages) == 0


async def test_a_failed_read_back_does_not_turn_creates_into_failures(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    wikijs_emulator.faults.next(100, "malformed", operation="GetPage")
    result = await wiki.pages.try_create_many(pages("unread", 12, ["t"]))
    wikijs_emulator.faults.clear()

    assert (len(result.succeeded), len(result.failed)) == (12, 0)
    stored = {p.id: p.path for p in wikijs_emulator.wiki.db.pages.scan()}
    assert {p.id: p.path for p in result.succeeded} == stored
    assert all(p.tags == ["t"] and p.content for p in result.succeeded)


async def test_a_single_create_whose_read_back_fails_returns_the_new_page(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    wikijs_emulator.faults.next(5, "html", operation="GetPage")
    page = await wiki.pages.create(PageCreate(title="One", path="one", content="x"))
    wikijs_emulator.faults.clear()
    assert wikijs_emulator.wiki.db.find_page("en", "one").id == page.id


async def test_a_create_whose_answer_is_lost_is_found_by_reading_back(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    wikijs_emulator.faults.next(1, "drop", processed=True, operation="CreatePage")
    page = await wiki.pages.create(PageCreate(title="Lost", path="lost", content="x"))
    assert wikijs_emulator.wiki.db.find_page("en", "lost").id == page.id


async def test_an_unsettled_create_is_unknown_not_failed(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    wikijs_emulator.faults.next(1, "drop", processed=True, operation="CreatePage")
    wikijs_emulator.faults.next(5, "drop", operation="GetPageByPath")
    with pytest.raises(WriteOutcomeUnknownError) as caught:
        await wiki.pages.create(PageCreate(title="Limbo", path="limbo", content="x"))
    assert caught.value.cause is not None


async def test_a_delete_whose_answer_is_lost_but_whose_page_is_gone_succeeded(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    page_id = wikijs_emulator.seed_page("bye")
    wikijs_emulator.faults.next(1, "502", processed=True, operation="DeletePage")
    assert await wiki.pages.delete(page_id) is True


def test_a_create_that_lost_its_tags_to_a_collision_is_finished() -> None:
    emu = WikiJSEmulator()
    blocker = emu.wiki.traffic.begin()  # another client's write, inserting the same tag
    blocker.created_tags.add("contested")
    transport = _ReleasesAfter(emu.transport(), emu, blocker, requests=1)
    with WikiJSClient(emu.base_url, emu.api_key, transport=transport) as client:
        page = client.pages.create(
            PageCreate(title="C", path="c", content="# c", tags=["contested"])
        )
    assert page.tags == ["contested"]
    stored = emu.wiki.db.find_page("en", "c")
    assert [t.tag for t in emu.wiki.db.tags_of(stored.id)] == ["contested"]
    assert stored.render
    assert {n.path for n in emu.wiki.db.tree} == {"c"}
    sent = [r.operation_names[0] for r in emu.requests]
    assert sent == ["CreatePage", "GetPageByPath", "UpdatePage", "RebuildPageTree", "GetPage"]


def test_a_create_that_cannot_be_finished_says_what_was_stored() -> None:
    emu = WikiJSEmulator()
    blocker = emu.wiki.traffic.begin()  # never ends: every tag insert collides
    blocker.created_tags.add("contested")
    with (
        WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport()) as client,
        pytest.raises(PartialWriteError) as caught,
    ):
        client.pages.create(PageCreate(title="C", path="c", content="# c", tags=["contested"]))
    assert caught.value.page_id == emu.wiki.db.find_page("en", "c").id
    assert "tags_tag_unique" in str(caught.value)


def test_database_errors_read_well_and_keep_the_whole_text() -> None:
    emu = WikiJSEmulator()
    for n in range(120):
        emu.seed_page(f"big/{n}")
    blocker = emu.wiki.traffic.begin()
    blocker.rebuilt_tree = True
    new = create_args(PageCreate(title="New", path="big/new", content="x"))
    with WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport()) as client:
        # Generated mutations may raise a failed responseResult themselves, or return it.
        try:
            status = client.graphql.create_page(**new).pages.create.response_result
            error = response_result_failure(
                status.succeeded, status.error_code, status.slug, status.message
            )
        except OperationFailedError as raised:
            error = raised
    assert isinstance(error, OperationFailedError)
    assert len(error.server_message) > 8_000
    assert error.constraint == "pagetree_parent_foreign"
    assert len(str(error)) < 400
    assert str(error).startswith("Error when running job rebuild-tree: insert or update on table")


def test_a_failed_update_that_wrote_part_of_itself_makes_cached_reads_stale() -> None:
    emu = WikiJSEmulator()
    page_id = emu.seed_page("cached", content="old")
    with WikiJSClient(
        emu.base_url, emu.api_key, transport=emu.transport(), cache=MemoryCache()
    ) as client:
        assert client.pages.get(page_id).content == "old"
        # Without tags Wiki.js saves the content, then fails (errorCode 1).
        with contextlib.suppress(WikiJSError):
            client.graphql.update_page(id=page_id, content="new", is_published=True)
        assert client.pages.get(page_id).content == "new"


def test_a_refused_create_keeps_the_cache() -> None:
    emu = WikiJSEmulator()
    emu.seed_page("taken")
    with WikiJSClient(
        emu.base_url, emu.api_key, transport=emu.transport(), cache=MemoryCache()
    ) as client:
        client.pages.list()
        with contextlib.suppress(WikiJSError):
            client.pages.create(PageCreate(title="T", path="taken", content="x"))
        before = len(emu.requests)
        client.pages.list()
        assert len(emu.requests) == before


async def test_concurrent_creates_from_one_async_client_take_turns() -> None:
    import asyncio

    emu = WikiJSEmulator()
    async with AsyncWikiJSClient(
        emu.base_url, emu.api_key, transport=emu.async_transport()
    ) as client:
        made = await asyncio.gather(
            *(
                client.graphql.create_page(
                    **create_args(PageCreate(title="G", path=f"g/{n}", content="x", tags=["g"]))
                )
                for n in range(4)
            )
        )
    assert all(m.pages.create.response_result.succeeded for m in made)


async def test_update_many_bringing_one_new_tag_to_many_pages_does_not_collide(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    ids = [wikijs_emulator.seed_page(f"u/{n}", tags=["old"]) for n in range(5)]
    result = await wiki.pages.try_update_many(
        [{"id": i, "tags": ["old", "newly-added"]} for i in ids]
    )
    assert result.failed == []
    for page_id in ids:
        stored = [t.tag for t in wikijs_emulator.wiki.db.tags_of(page_id)]
        assert sorted(stored) == ["newly-added", "old"]


async def test_plain_updates_run_side_by_side_and_all_land(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    ids = [wikijs_emulator.seed_page(f"plain/{n}", tags=["known"]) for n in range(6)]
    result = await wiki.pages.try_update_many([{"id": i, "content": f"new {i}"} for i in ids])
    assert [p.content for p in result.succeeded] == [f"new {i}" for i in ids]


async def test_an_update_whose_answer_is_lost_is_confirmed_by_reading_back(
    wiki: Any, wikijs_emulator: WikiJSEmulator
) -> None:
    page_id = wikijs_emulator.seed_page("conf", tags=["a"])
    wikijs_emulator.faults.next(1, "timeout", processed=True, operation="UpdatePage")
    page = await wiki.pages.update(page_id, {"title": "Confirmed", "tags": ["a", "b"]})
    assert (page.title, sorted(page.tags)) == ("Confirmed", ["a", "b"])


def test_an_update_that_lost_its_tags_to_a_collision_is_sent_again() -> None:
    emu = WikiJSEmulator()
    page_id = emu.seed_page("half", content="old")
    blocker = emu.wiki.traffic.begin()
    blocker.created_tags.add("contested")
    # The first request (the fresh read of the page) goes through; then the blocker ends
    # after the update that collided.
    transport = _ReleasesAfter(emu.transport(), emu, blocker, requests=3)
    with WikiJSClient(emu.base_url, emu.api_key, transport=transport) as client:
        page = client.pages.update(page_id, {"content": "new", "tags": ["contested"]})
    assert (page.content, page.tags) == ("new", ["contested"])
    stored = emu.wiki.db.pages.get(page_id)
    assert stored is not None
    assert [t.tag for t in emu.wiki.db.tags_of(page_id)] == ["contested"]
    sent = [r.operation_names for r in emu.requests]
    assert sent == [("GetPage",), ("UpdatePage",), ("GetPage",), ("UpdatePage",), ("GetPage",)]


class _ReleasesAfter(httpx.BaseTransport):
    """Ends a fake write in flight once `requests` requests were answered."""

    def __init__(
        self, inner: httpx.BaseTransport, emu: WikiJSEmulator, blocker: Activity, requests: int
    ) -> None:
        self.inner, self.emu, self.blocker, self.left = inner, emu, blocker, requests

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return self.inner.handle_request(request)
        finally:
            self.left -= 1
            if self.left <= 0:
                self.emu.wiki.traffic.end(self.blocker)


def test_graphql_error_texts_are_bounded_too() -> None:
    from wikijs_typed.exceptions import GraphQLError, GraphQLErrorDetail

    huge = 'update "pages" set ' + "$1, " * 30_000 + "- value too long"
    error = GraphQLError([GraphQLErrorDetail(message=huge, path=("pages", "update"))])
    assert len(str(error)) < 500
    assert str(error).startswith("value too long (statement: update")
    assert error.errors[0].message == huge


def _tree_blocked(emu: WikiJSEmulator, requests: int) -> WikiJSClient:
    """A client whose first `requests` requests overlap another client's tree rebuild."""
    blocker = emu.wiki.traffic.begin()
    blocker.rebuilt_tree = True
    transport = _ReleasesAfter(emu.transport(), emu, blocker, requests=requests)
    return WikiJSClient(emu.base_url, emu.api_key, transport=transport)


def test_a_create_whose_tree_rebuild_failed_is_created_and_the_tree_mended() -> None:
    emu = WikiJSEmulator()
    with _tree_blocked(emu, requests=1) as client:
        page = client.pages.create(PageCreate(title="T", path="docs/t", content="x", tags=["a"]))
    assert page.tags == ["a"]
    assert {n.path for n in emu.wiki.db.tree} == {"docs", "docs/t"}
    sent = [r.operation_names[0] for r in emu.requests]
    assert sent == ["CreatePage", "GetPageByPath", "RebuildPageTree", "GetPage"]


def test_a_delete_whose_tree_rebuild_failed_is_a_success() -> None:
    emu = WikiJSEmulator()
    keep, gone = emu.seed_page("keep"), emu.seed_page("gone")
    with _tree_blocked(emu, requests=1) as client:
        summary = client.pages.delete_many([gone])
    assert summary == {"successful": 1, "failed": 0, "errors": []}
    assert emu.wiki.db.pages.get(keep) is not None
    assert {n.path for n in emu.wiki.db.tree} == {"keep"}
