"""Property: whatever fault strikes whichever request of a bulk write, the reported outcome is
what the wiki holds. A success is a stored page (with its tags), a failure a page that is not
there, and only `WriteOutcomeUnknownError` may leave either; nothing is stored twice."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikijs_typed import AsyncWikiJSClient, WikiJSClient
from wikijs_typed._pipeline.retry import RetryPolicy
from wikijs_typed.exceptions import PartialWriteError, WriteOutcomeUnknownError
from wikijs_typed.models import BatchFailure, BatchResult, Page, PageCreate
from wikijs_typed.testing import WikiJSEmulator
from wikijs_typed.testing._faults import KINDS

# Retries wait for nothing, so that a 503's Retry-After costs no time.
NO_WAIT = RetryPolicy(sleep=lambda _: None, async_sleep=lambda _: asyncio.sleep(0))
BOUNDED = settings(max_examples=30, deadline=None)

faults = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(KINDS),
        "processed": st.booleans(),
        # Each create sends a few requests (write, read back, maybe more): cover them all.
        "skip": st.integers(0, 14),
    }
)


def batch(count: int, new_tags: bool) -> list[PageCreate]:
    tags = ["fresh-tag"] if new_tags else []
    return [
        PageCreate(title=f"T{n}", path=f"bulk/{n}", content=f"Body {n}", tags=tags)
        for n in range(count)
    ]


def assert_truthful(
    emu: WikiJSEmulator, items: list[PageCreate], result: BatchResult[Page]
) -> None:
    db = emu.wiki.db
    paths = [p.path for p in db.pages.scan()]
    assert len(paths) == len(set(paths))
    for item, outcome in zip(items, result.outcomes, strict=True):
        stored = db.find_page("en", item.path)
        if isinstance(outcome, BatchFailure):
            error = outcome.error
            if isinstance(error, WriteOutcomeUnknownError):
                continue
            if isinstance(error, PartialWriteError):
                assert stored is not None
                assert stored.id == error.page_id
                continue
            assert stored is None, f"{item.path} reported {error!r} but was stored"
        else:
            assert stored is not None, f"{item.path} reported created but is not there"
            assert stored.id == outcome.id
            assert [t.tag for t in db.tags_of(stored.id)] == item.tags
            assert outcome.tags == item.tags


def emulator_with(fault: dict[str, object]) -> WikiJSEmulator:
    emu = WikiJSEmulator()
    emu.faults.next(
        1,
        fault["kind"],  # type: ignore[arg-type]
        processed=bool(fault["processed"]),
        skip=int(fault["skip"]),  # type: ignore[call-overload]
        path="/graphql",
    )
    return emu


@BOUNDED
@given(fault=faults, count=st.integers(1, 4), new_tags=st.booleans())
def test_sync_create_many_under_any_fault(
    fault: dict[str, object], count: int, new_tags: bool
) -> None:
    emu = emulator_with(fault)
    items = batch(count, new_tags)
    with WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport(), retry=NO_WAIT) as c:
        result = c.pages.try_create_many(items)
    emu.faults.clear()
    assert_truthful(emu, items, result)


@BOUNDED
@given(fault=faults, count=st.integers(1, 4), new_tags=st.booleans())
def test_async_create_many_under_any_fault(
    fault: dict[str, object], count: int, new_tags: bool
) -> None:
    emu = emulator_with(fault)
    items = batch(count, new_tags)

    async def run() -> BatchResult[Page]:
        async with AsyncWikiJSClient(
            emu.base_url, emu.api_key, transport=emu.async_transport(), retry=NO_WAIT
        ) as client:
            return await client.pages.try_create_many(items)

    result = asyncio.run(run())
    emu.faults.clear()
    assert_truthful(emu, items, result)


@BOUNDED
@given(fault=faults, count=st.integers(1, 4))
def test_delete_many_under_any_fault(fault: dict[str, object], count: int) -> None:
    emu = emulator_with({**fault, "skip": 0})
    emu.faults.clear()
    ids = [emu.seed_page(f"del/{n}") for n in range(count)]
    emu.faults.next(
        1,
        fault["kind"],  # type: ignore[arg-type]
        processed=bool(fault["processed"]),
        skip=int(fault["skip"]) % (2 * count + 1),  # type: ignore[call-overload]
        path="/graphql",
    )
    with WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport(), retry=NO_WAIT) as c:
        result = c.pages.try_delete_many(ids)
    emu.faults.clear()
    for page_id, outcome in zip(ids, result.outcomes, strict=True):
        stored = emu.wiki.db.pages.get(page_id)
        if isinstance(outcome, BatchFailure):
            if not isinstance(outcome.error, WriteOutcomeUnknownError):
                assert stored is not None, f"#{page_id} reported {outcome.error!r} but is gone"
        else:
            assert stored is None, f"#{page_id} reported deleted but is there"


@BOUNDED
@given(fault=faults, count=st.integers(1, 4), new_tag=st.lists(st.booleans(), min_size=4))
def test_update_many_under_any_fault(
    fault: dict[str, object], count: int, new_tag: list[bool]
) -> None:
    emu = WikiJSEmulator()
    ids = [emu.seed_page(f"upd/{n}", content="before", tags=["known"]) for n in range(count)]
    wanted = {
        page_id: ["known", "brand-new"] if new_tag[n] else ["known"]
        for n, page_id in enumerate(ids)
    }
    emu.faults.next(
        1,
        fault["kind"],  # type: ignore[arg-type]
        processed=bool(fault["processed"]),
        skip=int(fault["skip"]),  # type: ignore[call-overload]
        path="/graphql",
    )
    updates = [{"id": i, "content": f"after {i}", "tags": wanted[i]} for i in ids]
    with WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport(), retry=NO_WAIT) as c:
        result = c.pages.try_update_many(updates)
    emu.faults.clear()
    for page_id, outcome in zip(ids, result.outcomes, strict=True):
        stored = emu.wiki.db.pages.get(page_id)
        assert stored is not None
        tags = sorted(t.tag for t in emu.wiki.db.tags_of(page_id))
        if isinstance(outcome, BatchFailure):
            if isinstance(outcome.error, WriteOutcomeUnknownError | PartialWriteError):
                continue
            assert stored.content == "before", f"#{page_id} reported {outcome.error!r}"
        else:
            assert (stored.content, tags) == (f"after {page_id}", sorted(wanted[page_id]))
            assert outcome.content == stored.content


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("processed", [False, True], ids=["before", "after"])
def test_every_position_of_a_create_batch(kind: str, processed: bool) -> None:
    """Not sampled: the fault at each request a batch of three creates sends, in turn."""
    for skip in range(20):
        emu = emulator_with({"kind": kind, "processed": processed, "skip": skip})
        items = batch(3, new_tags=True)
        with WikiJSClient(
            emu.base_url, emu.api_key, transport=emu.transport(), retry=NO_WAIT
        ) as client:
            result = client.pages.try_create_many(items)
        struck = emu.faults.pending == 0
        emu.faults.clear()
        assert_truthful(emu, items, result)
        if not struck:  # the batch sent fewer requests than `skip`: later positions neither
            break
