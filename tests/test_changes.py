"""client.changes(since=token): what changed on the wiki, on the emulator, sync and async."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from _both_clients import make_client, wrap

from wikijs_typed.exceptions import ValidationError, WikiJSError
from wikijs_typed.feed import ChangeSet
from wikijs_typed.testing import WikiJSEmulator
from wikijs_typed.testing._clock import ManualClock

TICK = 0.001  # the real server's updatedAt has millisecond precision (PostgreSQL)


class SteppingClock(ManualClock):
    """A manual clock that can also be stepped back, as a server's clock is by NTP."""

    def step_back(self, seconds: float) -> None:
        self._now -= seconds


@pytest.fixture
def emulator() -> WikiJSEmulator:
    return WikiJSEmulator(clock=SteppingClock(1_800_000_000.0))


@pytest.fixture(params=["sync", "async"])
async def wiki(request: pytest.FixtureRequest, emulator: WikiJSEmulator) -> AsyncIterator[Any]:
    client = wrap(make_client(request.param, emulator))
    yield client
    await client.close()


@pytest.fixture
async def editor(emulator: WikiJSEmulator) -> AsyncIterator[Any]:
    """Someone editing on the wiki: another client, not the one reading the feed."""
    client = make_client("async", emulator)
    yield client
    await client.close()


def _pages(changes: ChangeSet) -> set[tuple[str, int, str]]:
    return {(c.kind, c.id, f"{c.locale}/{c.path}") for c in changes.pages}


async def _counted(emulator: WikiJSEmulator, call: Any) -> tuple[ChangeSet, int]:
    """The change set `call()` returns, and how many requests it made Wiki.js serve."""
    emulator.requests.clear()
    result = await call()
    return result, len(emulator.requests)


@pytest.mark.asyncio
async def test_without_a_token_every_page_is_new_and_then_nothing_changed(
    wiki: Any, emulator: WikiJSEmulator
) -> None:
    a = emulator.seed_page("docs/a", tags=["x", "y"])
    b = emulator.seed_page("docs/b")
    first, requests = await _counted(emulator, wiki.changes)
    assert first.initial
    assert _pages(first) == {("created", a, "en/docs/a"), ("created", b, "en/docs/b")}
    assert requests == 1
    again, requests = await _counted(emulator, lambda: wiki.changes(since=first.token))
    assert not again
    assert not again.initial
    assert requests == 1  # pages, ids, groups and the root asset folder in one request


@pytest.mark.asyncio
async def test_created_updated_moved_and_deleted_pages(
    wiki: Any, editor: Any, emulator: WikiJSEmulator
) -> None:
    kept = emulator.seed_page("docs/kept")
    edited = emulator.seed_page("docs/edited")
    moved = emulator.seed_page("docs/moved")
    gone = emulator.seed_page("docs/gone")
    start = await wiki.changes()
    emulator.advance(TICK)
    await editor.pages.update(edited, {"title": "Edited"})
    await editor.pages.update(moved, {"path": "docs/elsewhere"})
    await editor.pages.delete(gone)
    new = emulator.seed_page("docs/new")

    changes = await wiki.changes(since=start.token)

    assert _pages(changes) == {
        ("updated", edited, "en/docs/edited"),
        ("moved", moved, "en/docs/elsewhere"),
        ("deleted", gone, "en/docs/gone"),
        ("created", new, "en/docs/new"),
    }
    (move,) = changes.pages_of("moved")
    assert (move.previous_locale, move.previous_path) == ("en", "docs/moved")
    assert kept not in {c.id for c in changes.pages}
    assert not await wiki.changes(since=changes.token)


@pytest.mark.asyncio
async def test_edits_with_the_same_timestamp_are_all_seen_once(
    wiki: Any, editor: Any, emulator: WikiJSEmulator
) -> None:
    first = emulator.seed_page("one")
    second = emulator.seed_page("two")
    third = emulator.seed_page("three")
    start = await wiki.changes()
    emulator.advance(TICK)
    await editor.pages.update(first, {"title": "First"})
    seen_one = await wiki.changes(since=start.token)
    # Same millisecond as the edit already reported (the clock did not move).
    await editor.pages.update(second, {"title": "Second"})
    await editor.pages.update(third, {"title": "Third"})
    seen_two = await wiki.changes(since=seen_one.token)

    assert _pages(seen_one) == {("updated", first, "en/one")}
    assert _pages(seen_two) == {("updated", second, "en/two"), ("updated", third, "en/three")}
    assert not await wiki.changes(since=seen_two.token)


@pytest.mark.asyncio
async def test_an_edit_stamped_behind_the_newest_one_within_the_overlap_is_seen(
    wiki: Any, editor: Any, emulator: WikiJSEmulator
) -> None:
    early = emulator.seed_page("early")
    emulator.advance(60)
    late = emulator.seed_page("late")
    start = await wiki.changes()
    clock = emulator.clock
    assert isinstance(clock, SteppingClock)
    clock.step_back(30)
    await editor.pages.update(early, {"title": "Early"})
    changes = await wiki.changes(since=start.token)
    assert _pages(changes) == {("updated", early, "en/early")}
    assert late not in {c.id for c in changes.pages}


@pytest.mark.asyncio
async def test_more_changes_than_the_limit_take_one_more_request(
    wiki: Any, editor: Any, emulator: WikiJSEmulator
) -> None:
    ids = [emulator.seed_page(f"bulk/p{n}", tags=["t1", "t2"]) for n in range(6)]
    emulator.advance(600)  # the pages as seeded end up well before the overlap window
    await editor.pages.update(ids[5], {"content": "first"})
    start = await wiki.changes()
    for page_id in ids[:5]:
        emulator.advance(TICK)
        await editor.pages.update(page_id, {"content": "changed"})
    changes, requests = await _counted(emulator, lambda: wiki.changes(since=start.token, limit=3))
    assert _pages(changes) == {("updated", i, f"en/bulk/p{n}") for n, i in enumerate(ids[:5])}
    assert requests == 2
    # The edits seen are still in the overlap window: the next listing makes room for them.
    emulator.advance(TICK)
    await editor.pages.update(ids[5], {"content": "again"})
    one, requests = await _counted(emulator, lambda: wiki.changes(since=changes.token, limit=3))
    assert _pages(one) == {("updated", ids[5], "en/bulk/p5")}
    assert requests == 1


@pytest.mark.asyncio
async def test_assets_added_replaced_and_deleted_in_every_folder(
    wiki: Any, editor: Any, emulator: WikiJSEmulator
) -> None:
    folder = await editor.assets.create_folder("img")
    start = await wiki.changes()
    emulator.advance(TICK)
    logo = await editor.assets.upload(b"logo", filename="logo.png", content_type="image/png")
    nested = await editor.assets.upload(
        b"a", folder_id=folder.id, filename="a.png", content_type="image/png"
    )
    added, requests = await _counted(emulator, lambda: wiki.changes(since=start.token))
    assert {(c.kind, c.path) for c in added.assets} == {
        ("added", "logo.png"),
        ("added", "img/a.png"),
    }
    assert requests == 2  # the root folder came with the pages; one more level below it

    emulator.advance(TICK)
    await editor.assets.upload(b"logo 2", filename="logo.png", content_type="image/png")
    await editor.assets.delete(nested.id)
    changed = await wiki.changes(since=added.token)
    assert {(c.kind, c.id, c.path) for c in changed.assets} == {
        ("replaced", logo.id, "logo.png"),
        ("deleted", nested.id, "img/a.png"),
    }
    skipped = await wiki.changes(since=changed.token, assets=False)
    assert not skipped.assets_followed
    assert not skipped


@pytest.mark.asyncio
async def test_a_group_whose_rules_changed(wiki: Any, emulator: WikiJSEmulator) -> None:
    group = emulator.seed_group("Readers")
    start = await wiki.changes()
    emulator.advance(TICK)
    emulator.set_group_access(group, page_rules=[])
    changes = await wiki.changes(since=start.token)
    assert changes.groups == (group,)
    assert not changes.pages


@pytest.mark.asyncio
async def test_a_token_resumes_in_another_client(editor: Any, emulator: WikiJSEmulator) -> None:
    page = emulator.seed_page("resume")
    sync_client = make_client("sync", emulator)
    token = sync_client.changes().token
    sync_client.close()
    emulator.advance(TICK)
    await editor.pages.update(page, {"title": "Resumed"})
    changes = await editor.changes(since=token)  # a new process, an async client
    assert _pages(changes) == {("updated", page, "en/resume")}


@pytest.mark.asyncio
async def test_a_token_that_is_not_one_is_refused_before_any_request(
    wiki: Any, emulator: WikiJSEmulator
) -> None:
    emulator.requests.clear()
    with pytest.raises(ValidationError, match="change token"):
        await wiki.changes(since="not-a-token")
    assert emulator.requests == []


@pytest.mark.asyncio
async def test_a_failed_listing_raises_instead_of_reporting_deletes(
    wiki: Any, emulator: WikiJSEmulator
) -> None:
    emulator.seed_page("stays")
    start = await wiki.changes()
    emulator.faults.next(1, "malformed")
    with pytest.raises(WikiJSError):
        await wiki.changes(since=start.token)
    assert not await wiki.changes(since=start.token)
