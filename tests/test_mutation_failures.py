"""Generated mutations raise the resources' typed errors when `responseResult` reports failure.

Wiki.js answers a refused write with HTTP 200 and `succeeded: false`; the seam turns that into
DuplicatePathError, NotFoundError, ... for every generated method (the package's own and a
user's, bound with `client.bind`), with `raise_on_failure=False` to get the answer instead.
"""

from __future__ import annotations

from typing import Any

import pytest
from wikijs_graphql import AsyncGraphQLClient, GraphQLClient

from tests._both_clients import make_client
from wikijs_typed._pipeline.errors import failure_of
from wikijs_typed._pipeline.operation import GraphQLResult, StatusPath
from wikijs_typed.exceptions import (
    DuplicatePathError,
    GraphQLError,
    InvalidResponseError,
    NotFoundError,
    OperationFailedError,
)

PAGE = {
    "content": "# Hi",
    "description": "",
    "editor": "markdown",
    "is_published": True,
    "is_private": False,
    "locale": "en",
    "path": "docs/taken",
    "tags": [],
    "title": "Taken",
    "publish_start_date": "",
    "publish_end_date": "",
    "script_css": "",
    "script_js": "",
}


def test_generated_mutations_raise_on_a_failed_status(wikijs_emulator: Any) -> None:
    wikijs_emulator.seed_page("docs/taken", "Taken", "# Taken")
    client = make_client("sync", wikijs_emulator)

    with pytest.raises(DuplicatePathError) as duplicate:
        client.graphql.create_page(**PAGE)
    with pytest.raises(NotFoundError) as missing:
        client.graphql.delete_page(id=987654)
    client.graphql.create_asset_folder(parent_folder_id=0, slug="twice", name="twice")
    with pytest.raises(OperationFailedError):
        client.graphql.create_asset_folder(parent_folder_id=0, slug="twice", name="twice")

    assert (duplicate.value.error_code, duplicate.value.slug) == (6002, "PageDuplicateCreate")
    assert missing.value.error_code == 6003


async def test_the_async_generated_client_raises_too(wikijs_emulator: Any) -> None:
    client = make_client("async", wikijs_emulator)

    with pytest.raises(NotFoundError):
        await client.graphql.delete_page(id=987654)
    answer = await client.graphql.delete_page(id=987654, raise_on_failure=False)

    assert answer.pages.delete.response_result.succeeded is False
    await client.close()


def test_the_opt_out_returns_the_answer(wikijs_emulator: Any) -> None:
    client = make_client("sync", wikijs_emulator)

    answer = client.graphql.delete_page(id=987654, raise_on_failure=False)
    quiet = client.bind(GraphQLClient)
    quiet.raise_on_failure = False

    assert answer.pages.delete.response_result.error_code == 6003
    assert quiet.delete_page(id=987654).pages.delete.response_result.succeeded is False


@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_bound_clients_raise_by_default(wikijs_emulator: Any, kind: str) -> None:
    client = make_client(kind, wikijs_emulator)
    if kind == "sync":
        with pytest.raises(NotFoundError):
            client.bind(GraphQLClient).delete_page(id=987654)
        return
    with pytest.raises(NotFoundError):
        await client.bind(AsyncGraphQLClient).delete_page(id=987654)
    await client.close()


async def test_resources_raise_once_and_as_before(wiki: Any, wikijs_emulator: Any) -> None:
    await wiki.pages.create({"title": "T", "path": "docs/once", "content": "c"})
    wikijs_emulator.requests.clear()

    with pytest.raises(DuplicatePathError) as duplicate:
        await wiki.pages.create({"title": "T", "path": "docs/once", "content": "c"})
    with pytest.raises(NotFoundError) as missing:
        await wiki.pages.delete(987654)

    # Raised by the resource from the answer, not while handling an error the seam raised.
    assert duplicate.value.__context__ is None
    assert missing.value.__context__ is None
    assert [r.operation_names for r in wikijs_emulator.requests] == [
        ("CreatePage",),
        ("DeletePage",),
    ]


def test_every_status_of_a_mutation_is_read() -> None:
    statuses = (StatusPath(("a", "r")), StatusPath(("b", "r")))
    fine = {"succeeded": True, "errorCode": 0, "slug": "ok", "message": None}
    failed = {"succeeded": False, "errorCode": 6003, "slug": "PageNotFound", "message": "gone"}

    assert failure_of(GraphQLResult({"a": {"r": fine}, "b": {"r": fine}}), statuses) is None
    failure = failure_of(GraphQLResult({"a": {"r": fine}, "b": {"r": failed}}), statuses)
    assert isinstance(failure, NotFoundError)
    # The GraphQL errors come first: a status is null when its field failed with one.
    errors = ({"message": "boom"},)
    assert isinstance(failure_of(GraphQLResult({"a": None}, errors), statuses), GraphQLError)
    # A null status is no failure: Wiki.js answers one for the mutations it does not implement.
    assert failure_of(GraphQLResult({"a": None, "b": {"r": None}}), statuses) is None
    # No data and no errors is a malformed answer.
    assert isinstance(failure_of(GraphQLResult(None), statuses), InvalidResponseError)
    # Statuses are judged only when asked for (`raise_on_failure=False`).
    assert failure_of(GraphQLResult({"a": {"r": failed}})) is None


@pytest.mark.parametrize(
    ("code", "slug"),
    [
        (6008, "PageCreateForbidden"),
        (6009, "PageUpdateForbidden"),
        (6007, "PageMoveForbidden"),
        (2003, "AssetDeleteForbidden"),
        (8002, "CommentPostForbidden"),
    ],
)
def test_every_forbidden_status_is_a_forbidden_error(code: int, slug: str) -> None:
    from wikijs_typed._pipeline.errors import response_result_failure
    from wikijs_typed.exceptions import ForbiddenError

    failure = response_result_failure(False, code, slug, "You are not authorized.")

    assert isinstance(failure, ForbiddenError)
