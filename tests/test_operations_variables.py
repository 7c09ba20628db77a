"""What the generated clients put on the wire: the variables of representative calls.

A recording executor captures the `GraphQLRequest` the seam builds and stops the call there,
so nothing but argument handling is exercised: enums become their names, arguments left
UNSET are not sent at all while an explicit None is sent as null, Date arguments go out as
UTC ISO strings, the verbatim publish-date strings go out untouched, and input objects
(PageRuleInput) are serialised by their GraphQL names. Sync and async must agree exactly.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion
from wikijs_graphql.async_client import AsyncGraphQLClient
from wikijs_graphql.client import GraphQLClient
from wikijs_graphql.enums import (
    AssetKind,
    PageOrderBy,
    PageOrderByDirection,
    PageRuleMatch,
    PageTreeMode,
)
from wikijs_graphql.input_types import PageRuleInput

from wikijs_typed._pipeline.operation import GraphQLRequest


class Sent(Exception):
    """Raised by the recording executors with the request the seam built."""

    def __init__(self, request: GraphQLRequest) -> None:
        super().__init__(request.operation_name)
        self.request = request


class RecordingExecutor:
    def execute(self, request: GraphQLRequest) -> Any:
        raise Sent(request)


class AsyncRecordingExecutor:
    async def execute(self, request: GraphQLRequest) -> Any:
        raise Sent(request)


def _rules() -> list[PageRuleInput]:
    return [
        PageRuleInput(
            id="docs-only",
            deny=False,
            match=PageRuleMatch.START,
            roles=["read:pages", "write:pages"],
            path="docs",
            locales=["en"],
        ),
        PageRuleInput(
            id="no-drafts",
            deny=True,
            match=PageRuleMatch.TAG,
            roles=["read:pages"],
            path="draft",
            locales=[],
        ),
    ]


# Each case calls one generated method; the same call is made on both clients.
Call = Callable[[Any], Any]
CASES: dict[str, Call] = {
    "list_pages_enums_and_unset": lambda c: c.list_pages(
        order_by=PageOrderBy.TITLE, order_by_direction=PageOrderByDirection.DESC, limit=0
    ),
    "list_pages_explicit_null_and_tags": lambda c: c.list_pages(
        tags=["guide", "setup"], locale=None
    ),
    "create_page_required_and_verbatim_dates": lambda c: c.create_page(
        content="# Hello\n\nCafé ☕",
        description="",
        editor="markdown",
        is_published=True,
        is_private=False,
        locale="en",
        path="docs/hello",
        tags=["Guide", " Setup "],
        title="Hello",
        publish_start_date="",
        publish_end_date="2027-12-31T23:59:59.000Z",
    ),
    "update_page_not_a_date_is_sent_as_is": lambda c: c.update_page(
        id=110,
        content="# Hello",
        tags=[],
        is_published=True,
        publish_start_date="not-a-date",
    ),
    "check_conflicts_date_is_utc_with_milliseconds": lambda c: c.check_page_conflicts(
        id=100,
        checkout_date=datetime(2026, 11, 23, 12, 1, 37, 381999, timezone(timedelta(hours=2))),
    ),
    "page_tree_enum_and_optional_int": lambda c: c.page_tree(
        mode=PageTreeMode.ALL, locale="en", parent=0
    ),
    "list_assets_root_folder": lambda c: c.list_assets(folder_id=0, kind=AssetKind.IMAGE),
    "create_user_int_list": lambda c: c.create_user(
        email="alice@example.com", name="Alice", provider_key="local", groups=[1, 9]
    ),
    "update_user_replaces_groups": lambda c: c.update_user(id=13, groups=[], name="Alice M."),
    "update_group_input_objects": lambda c: c.update_group(
        id=9,
        name="Editors",
        redirect_on_login="/docs",
        permissions=["read:pages", "write:pages"],
        page_rules=_rules(),
    ),
    "create_api_key_optional_group": lambda c: c.create_api_key(
        name="ci", expiration="30d", full_access=False, group=10
    ),
    "move_page": lambda c: c.move_page(
        id=111, destination_path="sandbox/moved/here", destination_locale="en"
    ),
    "rebuild_page_tree_no_variables": lambda c: c.rebuild_page_tree(),
}


def _sent_sync(call: Call) -> GraphQLRequest:
    with pytest.raises(Sent) as sent:
        call(GraphQLClient(RecordingExecutor()))
    return sent.value.request


async def _sent_async(call: Call) -> GraphQLRequest:
    with pytest.raises(Sent) as sent:
        await call(AsyncGraphQLClient(AsyncRecordingExecutor()))
    return sent.value.request


def _wire(request: GraphQLRequest) -> dict[str, Any]:
    # Through JSON, as the transport sends it: proves the payload is plain JSON data.
    return {
        "operationName": request.operation_name,
        "variables": json.loads(json.dumps(request.variables, ensure_ascii=False)),
    }


@pytest.mark.parametrize("case", sorted(CASES))
async def test_variables_payload(case: str, snapshot: SnapshotAssertion) -> None:
    sync_request = _sent_sync(CASES[case])
    async_request = await _sent_async(CASES[case])
    assert _wire(sync_request) == _wire(async_request)
    assert sync_request.document == async_request.document
    assert _wire(sync_request) == snapshot


async def test_naive_datetime_is_refused_before_sending() -> None:
    naive = datetime(2026, 11, 23, 12, 0)
    with pytest.raises(ValueError, match="timezone"):
        _sent_sync(lambda c: c.check_page_conflicts(id=1, checkout_date=naive))
    with pytest.raises(ValueError, match="timezone"):
        await _sent_async(lambda c: c.check_page_conflicts(id=1, checkout_date=naive))


async def test_call_options_and_operation_info_travel_with_the_request() -> None:
    def call(c: Any) -> Awaitable[Any] | Any:
        return c.get_page(id=7, cache="no-cache", timeout=2.5, headers={"X-Trace": "t-1"})

    for request in (_sent_sync(call), await _sent_async(call)):
        assert request.options.cache == "no-cache"
        assert request.options.timeout == 2.5
        assert request.options.headers == {"X-Trace": "t-1"}
        assert request.info is not None
        assert request.info.name == "GetPage"
        assert request.info.id_variables == {"id": "page"}
        assert not request.is_mutation
