"""Printing what the client returns fits on a screen and tells what it is, never a secret.

A 5 MB page, a batch of 300 pages, a resource: each prints as a line a person can read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

import pytest
import pytest_asyncio
from pydantic import Field
from syrupy.assertion import SnapshotAssertion

from wikijs_typed import AsyncWikiJSClient, WikiJSClient
from wikijs_typed.exceptions import NotFoundError
from wikijs_typed.models import (
    BatchFailure,
    BatchResult,
    Group,
    Page,
    PageCreate,
    User,
    UserCreate,
    WikiModel,
)
from wikijs_typed.models._reprs import bounded

URL = "https://wiki.example.com"
SECRET = "sk-wikijs-do-not-print-me-0123456789"
FIVE_MB = 5 * 1024 * 1024
WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
LONG_TITLE = "Installing Wiki.js behind nginx on a Raspberry Pi, with PostgreSQL and backups"


def huge_page() -> Page:
    return Page(
        id=4242,
        title=LONG_TITLE,
        path="docs/install/raspberry-pi",
        locale="en",
        content="# Install\n" + "x" * (FIVE_MB - 10),
        render="<p>" + "y" * (2 * FIVE_MB - 3),
        description="d" * 10_000,
        tags=[f"tag-{n}" for n in range(500)],
        created_at=WHEN,
        updated_at=WHEN,
        script_js="s" * 100_000,
    )


@pytest.mark.parametrize("show", [repr, str], ids=["repr", "str"])
def test_a_5_mb_page_prints_in_a_line_that_says_which_page(show: Any) -> None:
    shown = show(huge_page())
    assert len(shown) < 300
    assert "4242" in shown
    assert "docs/install/raspberry-pi" in shown
    assert LONG_TITLE[:30] in shown
    assert "<5,242,880 chars>" in shown
    assert "<10,485,760 chars>" in shown
    assert "\n" not in shown


def test_the_page_repr_is_this(snapshot: SnapshotAssertion) -> None:
    # A design decision, kept on purpose: id, locale, path, title cut, the bodies' lengths.
    assert repr(huge_page()) == snapshot


def test_a_listed_page_shows_that_it_carries_no_content() -> None:
    listed = Page(id=1, title="Home", path="home", created_at=WHEN, updated_at=WHEN)
    assert repr(listed) == (
        "Page(id=1, locale='en', path='home', title='Home', content=None, render=None)"
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("short title", "'short title'"),
        ("a\nshort\nbody", "'a\\nshort\\nbody'"),
        ("t" * 60, "'" + "t" * 47 + "…'"),
        ("line one\n" + "more " * 20, "<109 chars>"),
        ("x" * 201, "<201 chars>"),
        ([1, 2, 3], "[1, 2, 3]"),
        (list(range(1000)), "[0, 1, 2, … 997 more]"),
        (["z" * 300] * 4, "[<300 chars>, <300 chars>, <300 chars>, … 1 more]"),
        (7, "7"),
        (None, "None"),
    ],
)
def test_values_are_shown_whole_cut_or_summed_up(value: object, shown: str) -> None:
    assert repr(bounded(value)) == shown


def test_every_model_cuts_its_long_text_and_lists() -> None:
    # No list of fields of its own: the generic bounding applies to each field.
    group = Group(
        id=3,
        name="n" * 5000,
        is_system=False,
        created_at=WHEN,
        updated_at=WHEN,
        permissions=[f"read:{n}" for n in range(10_000)],
    )
    shown = repr(group)
    assert len(shown) < 400
    assert "… 9,997 more]" in shown
    assert "'" + "n" * 47 + "…'" not in shown  # 5,000 chars is a body, not a title
    assert "<5,000 chars>" in shown


def test_a_user_shows_who_it_is() -> None:
    user = User(
        id=2,
        name="Ada",
        email="ada@example.com",
        provider_key="local",
        created_at=WHEN,
        is_active=True,
        location="L" * 10_000,
    )
    assert repr(user) == (
        "User(id=2, name='Ada', email='ada@example.com', provider_key='local', is_active=True)"
    )


def test_what_a_caller_sends_is_bounded_and_keeps_passwords_out() -> None:
    page = PageCreate(title="Big", path="big", content="c" * FIVE_MB)
    assert len(repr(page)) < 500
    assert "<5,242,880 chars>" in repr(page)
    user = UserCreate(email="a@example.com", name="A", password_raw=SECRET)
    for shown in (repr(user), str(user)):
        assert SECRET not in shown
        assert "password_raw" not in shown


class _Keyed(WikiModel):
    repr_fields: ClassVar[tuple[str, ...]] = ("id", "token")
    id: int
    token: str = Field(repr=False)


def test_a_hidden_field_stays_hidden_even_when_named_for_the_repr() -> None:
    keyed = _Keyed(id=1, token=SECRET)
    assert repr(keyed) == "_Keyed(id=1)"
    assert SECRET not in str(keyed)


def test_a_batch_result_prints_its_counts_and_keeps_its_items() -> None:
    pages = [huge_page()] * 300
    failures = [
        BatchFailure(300 + n, f"missing/{n}", NotFoundError("no such page")) for n in (0, 1)
    ]
    result: BatchResult[Page] = BatchResult([*pages, *failures])
    assert repr(result) == "BatchResult(300 succeeded, 2 failed)"
    assert str(result) == repr(result)
    assert len(result) == 302
    assert result.succeeded[0] is pages[0]
    assert [f.key for f in result.failed] == ["missing/0", "missing/1"]


RESOURCES = ["pages", "users", "groups", "assets", "api_keys"]


@pytest.fixture
def sync_client() -> Iterator[WikiJSClient]:
    client = WikiJSClient(URL, SECRET)
    yield client
    client.close()


@pytest_asyncio.fixture
async def async_client() -> AsyncIterator[AsyncWikiJSClient]:
    client = AsyncWikiJSClient(URL, SECRET)
    yield client
    await client.close()


@pytest.mark.parametrize("name", RESOURCES)
def test_a_sync_resource_names_the_wiki_and_not_the_key(
    sync_client: WikiJSClient, name: str
) -> None:
    resource = getattr(sync_client, name)
    expected_class = name.title().replace("_", "") + "Resource"
    assert repr(resource) == f"{expected_class}(base_url='{URL}')"


@pytest.mark.asyncio
@pytest.mark.parametrize("name", RESOURCES)
async def test_an_async_resource_names_the_wiki_and_not_the_key(
    async_client: AsyncWikiJSClient, name: str
) -> None:
    resource = getattr(async_client, name)
    expected_class = "Async" + name.title().replace("_", "") + "Resource"
    assert repr(resource) == f"{expected_class}(base_url='{URL}')"


def test_a_client_names_the_wiki_and_the_kind_of_auth_not_the_key(
    sync_client: WikiJSClient,
) -> None:
    assert (
        repr(sync_client) == f"WikiJSClient(base_url='{URL}', auth=APIKeyAuth(api_key=<redacted>))"
    )


@pytest.mark.asyncio
@pytest.mark.parametrize("client_class", [WikiJSClient, AsyncWikiJSClient])
async def test_a_password_in_the_base_url_is_masked(client_class: Any) -> None:
    client = client_class("https://editor:hunter2@wiki.example.com/wiki", SECRET)
    try:
        for shown in (repr(client), repr(client.pages), str(client.users)):
            assert "hunter2" not in shown
            assert SECRET not in shown
            assert "editor:***@wiki.example.com/wiki" in shown
    finally:
        closed = client.close()
        if closed is not None:
            await closed


def test_a_query_item_with_a_long_body_prints_bounded(
    wikijs_emulator: Any, wikijs_client: WikiJSClient
) -> None:
    wikijs_emulator.seed_page("docs/long", "Long", "word " * 100_000)
    listing = wikijs_client.pages.query().fields("_", "title", "content")[0:10]
    [item] = listing.items
    assert "<500,000 chars>" in repr(item)
    assert len(repr(item)) < 200
    assert len(repr(listing)) < 300
