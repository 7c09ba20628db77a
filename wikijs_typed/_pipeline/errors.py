"""Turning Wiki.js failure reports into the typed exceptions of `wikijs_typed.exceptions`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from wikijs_typed._pipeline.operation import GraphQLResult, StatusPath, objects_at
from wikijs_typed.exceptions import (
    AuthenticationError,
    DuplicatePathError,
    ForbiddenError,
    GraphQLError,
    GraphQLErrorDetail,
    InvalidResponseError,
    NotFoundError,
    OperationFailedError,
    RateLimitError,
    WikiJSError,
)

# Wiki.js 2.5 error codes that mean "no such thing" (server/helpers/error.js): a page (6003),
# and the other not-found codes its resolvers answer with.
NOT_FOUND_CODES = frozenset({6003, 1016, 2004, 8005})
DUPLICATE_PATH_CODE = 6002
# Every `...Forbidden` error of Wiki.js 2.5 (server/helpers/error.js): assets, pages, comments.
_FORBIDDEN_CODES = frozenset(
    {2003, 2006, 2009, 6007, 6008, 6009, 6010, 6011, 6012, 6013, 8002, 8004, 8006}
)
_AUTH_REQUIRED_CODE = 1019
_FORBIDDEN_MESSAGES = frozenset({"Forbidden", "Unauthorized"})
# Failures Wiki.js reports before it writes anything (server/models/pages.js in 2.5):
# a duplicate path, illegal path or empty content, the permission checks that come first,
# and "no such thing". Not PagePathCollision (6006) or PageMoveForbidden (6007): an update
# checks those after saving the content.
BEFORE_WRITE_CODES = frozenset({6002, 6004, 6005, 6009, 6010, 6013} | NOT_FOUND_CODES)
# GraphQL errors that stop an operation before any resolver runs.
BEFORE_WRITE_GRAPHQL_CODES = frozenset(
    {"GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT"}
)
# Compiled by `re` on first use, not at import.
_RATE_LIMIT = r"Too many requests, please try again in (\d+) seconds?"


def graphql_failure(
    errors: Sequence[Mapping[str, Any]], data: Mapping[str, Any] | None
) -> WikiJSError:
    """The exception that best describes a result's `errors`; the partial `data` is kept."""
    details = [GraphQLErrorDetail.from_json(e) for e in errors]
    for detail in details:
        if detail.error_code in NOT_FOUND_CODES:
            return NotFoundError(detail.message, error_code=detail.error_code, errors=details)
        if detail.error_code == _AUTH_REQUIRED_CODE:
            return AuthenticationError(detail.message)
        limited = re.search(_RATE_LIMIT, detail.message)
        if limited:
            return RateLimitError(details, data, retry_after=float(limited.group(1)))
    if any(d.message in _FORBIDDEN_MESSAGES or d.error_code in _FORBIDDEN_CODES for d in details):
        return ForbiddenError(details, data)
    return GraphQLError(details, data)


def response_result_failure(
    succeeded: bool | None, error_code: int | None, slug: str | None, message: str | None
) -> WikiJSError | None:
    """None when a `responseResult` reports success, else the exception it stands for."""
    if succeeded:
        return None
    code = error_code if error_code is not None else 0
    text = message or "the operation failed"
    name = slug or "unknown"
    if code == DUPLICATE_PATH_CODE:
        return DuplicatePathError(text, error_code=code, slug=name)
    if code in NOT_FOUND_CODES:
        return NotFoundError(text, error_code=code, slug=name)
    if code in _FORBIDDEN_CODES:
        return ForbiddenError([GraphQLErrorDetail(message=text, error_code=code)])
    return OperationFailedError(text, error_code=code, slug=name)


def failure_of(result: GraphQLResult, statuses: Sequence[StatusPath] = ()) -> WikiJSError | None:
    """The typed error an answer stands for, or None when it is a success.

    The one place that judges an answer: its GraphQL errors, an answer without data, and the
    `responseResult`s at `statuses` (where the codegen plugin found them in the operation).
    Wiki.js answers a refused write with HTTP 200 and `succeeded: false`, so a mutation is
    a failure when any status it selects says so. A null status is not one: Wiki.js 2.5.314
    answers `users.resetPassword` (which it does not implement) with `responseResult: null`.

    Args:
        result: one operation's answer.
        statuses: where the operation's `responseResult`s sit; empty to judge only the
            GraphQL errors and the data.

    Returns:
        The exception to raise (DuplicatePathError, NotFoundError, GraphQLError, ...), or None.
    """
    if result.errors:
        return graphql_failure(result.errors, result.data)
    if result.data is None:
        return InvalidResponseError("the server answered with neither data nor errors")
    for where in statuses:
        for status in objects_at(result.data, where.path):
            if status.get(where.succeeded) is False:
                return _status_failure(status, where)
    return None


def _status_failure(status: Mapping[str, object], where: StatusPath) -> WikiJSError | None:
    def field(key: str | None) -> object:
        return None if key is None else status.get(key)

    code, slug, message = field(where.error_code), field(where.slug), field(where.message)
    return response_result_failure(
        False,
        code if isinstance(code, int) else None,
        slug if isinstance(slug, str) else None,
        message if isinstance(message, str) else None,
    )
