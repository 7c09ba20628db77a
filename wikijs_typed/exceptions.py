"""Every failure the client reports, as one tree of typed exceptions.

Wiki.js reports failures on two channels that a caller must not confuse:
- GraphQL errors (HTTP 200, `errors[]`, the failing field null, the rest of `data` kept);
- business results (`responseResult {succeeded errorCode slug message}`) on mutations.
Both end up here, keeping what the caller needs: message, path, Wiki.js error code, slug, and
any partial data.

`ConnectionError`, `TimeoutError` and `PermissionError` are offered under the names the Wiki.js
SDK reference uses, but are left out of `__all__` so that `from wikijs_typed.exceptions import *`
never shadows Python's built-ins; their `WikiJS…` names are the ones exported.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

__all__ = [
    "APIError",
    "AuthenticationError",
    "BatchError",
    "ClientError",
    "ConfigurationError",
    "DuplicatePathError",
    "ForbiddenError",
    "GraphQLError",
    "GraphQLErrorDetail",
    "HTTPStatusError",
    "InvalidResponseError",
    "NotFoundError",
    "OperationFailedError",
    "PartialWriteError",
    "RateLimitError",
    "ServerError",
    "ValidationError",
    "WikiJSConnectionError",
    "WikiJSError",
    "WikiJSException",
    "WikiJSPermissionError",
    "WikiJSTimeoutError",
    "WriteOutcomeUnknownError",
    "readable",
]

# How much of a server's message an exception's text carries; the whole text stays on the
# exception (`server_message`, `GraphQLErrorDetail.message`).
MESSAGE_LIMIT = 300
_STATEMENT_EXCERPT = 80
# knex words a database error as "<the SQL statement> - <what the database said>".
_SQL = re.compile(r"\b(insert into|update|delete from|select) ", re.IGNORECASE)
_CONSTRAINT = re.compile(r'constraint "([^"]+)"')


def readable(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """A server message short enough to read: for a database error the cause first, then
    the start of the statement; otherwise the first `limit` characters.

    Wiki.js passes database errors through with their whole SQL statement, which for a
    page-tree rebuild is some 100 kB of `($1, $2, ...)` placeholders.
    """
    if len(message) <= limit:
        return message
    statement = _SQL.search(message)
    if statement is not None and " - " in message[statement.start() :]:
        prefix = message[: statement.start()]
        sql, _, cause = message[statement.start() :].rpartition(" - ")
        excerpt = sql[:_STATEMENT_EXCERPT].rstrip()
        text = f"{prefix}{cause} (statement: {excerpt}… {len(sql)} characters)"
        if len(text) <= limit + _STATEMENT_EXCERPT:
            return text
    return f"{message[:limit].rstrip()}… ({len(message)} characters in all)"


def constraint_of(message: str) -> str | None:
    """The database constraint a server message says was violated, if any."""
    found = _CONSTRAINT.search(message)
    return found.group(1) if found else None


class WikiJSError(Exception):
    """Base of every exception this package raises."""


WikiJSException = WikiJSError


class ConfigurationError(WikiJSError):
    """The client was configured with something unusable (empty base URL, bad auth, ...)."""


class ValidationError(WikiJSError, ValueError):
    """Input was rejected before anything was sent to the server."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class WikiJSConnectionError(WikiJSError, builtins.ConnectionError):
    """The server could not be reached, or the connection broke."""


class WikiJSTimeoutError(WikiJSError, builtins.TimeoutError):
    """The server did not answer in time."""


class AuthenticationError(WikiJSError):
    """The credentials are wrong, revoked, expired or refused (or the API is disabled)."""


class APIError(WikiJSError):
    """The server answered, but not with what was asked for."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class InvalidResponseError(APIError):
    """The answer was not a GraphQL result (HTML error page, truncated JSON, ...)."""


class HTTPStatusError(APIError):
    """A non-2xx HTTP answer outside GraphQL's own error reporting."""

    def __init__(self, message: str, *, status_code: int, body_excerpt: str = "") -> None:
        super().__init__(message, status_code=status_code)
        self.body_excerpt = body_excerpt


class ClientError(HTTPStatusError):
    """A 4xx answer: the request itself was refused (parse or validation failure, ...)."""


class ServerError(HTTPStatusError):
    """A 5xx answer."""


@dataclass(frozen=True)
class GraphQLErrorDetail:
    """One entry of a GraphQL `errors` array."""

    message: str
    path: tuple[str | int, ...] = ()
    # `extensions.code`, e.g. "INTERNAL_SERVER_ERROR", "GRAPHQL_VALIDATION_FAILED".
    code: str | None = None
    # Wiki.js's numeric error code from `extensions.exception.code` (e.g. 6003), when present.
    wikijs_code: int | None = None

    @classmethod
    def from_json(cls, error: Mapping[str, Any]) -> GraphQLErrorDetail:
        extensions = error.get("extensions")
        code = None
        wikijs_code = None
        if isinstance(extensions, Mapping):
            raw_code = extensions.get("code")
            code = raw_code if isinstance(raw_code, str) else None
            exception = extensions.get("exception")
            if isinstance(exception, Mapping):
                raw = exception.get("code")
                wikijs_code = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
        raw_path = error.get("path")
        path = (
            tuple(p for p in raw_path if isinstance(p, str | int))
            if isinstance(raw_path, list)
            else ()
        )
        return cls(
            message=str(error.get("message", "unknown error")),
            path=path,
            code=code,
            wikijs_code=wikijs_code,
        )

    def __str__(self) -> str:
        where = ".".join(str(p) for p in self.path)
        text = readable(self.message)
        return f"{text} (at {where})" if where else text


class GraphQLError(APIError):
    """The server executed the operation and reported errors; `data` keeps whatever came back."""

    def __init__(
        self,
        errors: Sequence[GraphQLErrorDetail],
        data: Mapping[str, Any] | None = None,
        *,
        status_code: int | None = None,
    ) -> None:
        self.errors = tuple(errors)
        self.data = data
        summary = "; ".join(str(e) for e in self.errors) or "GraphQL error"
        super().__init__(summary, status_code=status_code)

    @property
    def wikijs_code(self) -> int | None:
        return next((e.wikijs_code for e in self.errors if e.wikijs_code is not None), None)


class ForbiddenError(GraphQLError):
    """The caller lacks a permission ("Forbidden", "Unauthorized", PageViewForbidden, ...)."""


WikiJSPermissionError = ForbiddenError


class RateLimitError(GraphQLError):
    """The server refused because a rate limit was hit (e.g. 5 logins per minute)."""

    def __init__(
        self,
        errors: Sequence[GraphQLErrorDetail],
        data: Mapping[str, Any] | None = None,
        *,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(errors, data)
        self.retry_after = retry_after


class OperationFailedError(APIError):
    """A mutation's `responseResult` said `succeeded: false`.

    The exception's text is kept readable (`readable`); `server_message` is the whole text
    the server sent, and `constraint` the database constraint it names, if any.
    """

    def __init__(self, message: str, *, error_code: int, slug: str) -> None:
        super().__init__(f"{readable(message)} [{slug} {error_code}]")
        self.error_code = error_code
        self.slug = slug
        self.server_message = message
        self.constraint = constraint_of(message)


class NotFoundError(APIError):
    """The page, user, group or asset does not exist."""

    def __init__(
        self,
        message: str,
        *,
        error_code: int | None = None,
        slug: str | None = None,
        errors: Sequence[GraphQLErrorDetail] = (),
    ) -> None:
        super().__init__(message)
        self.error_code = error_code
        self.slug = slug
        self.errors = tuple(errors)


class DuplicatePathError(OperationFailedError):
    """A page already exists at that locale and path."""


class PartialWriteError(APIError):
    """The server stored the write, but a later step of it failed and could not be finished
    (a page without its tags, for instance). `page_id` names what was stored; `cause` is
    the failure."""

    def __init__(self, message: str, *, page_id: int | None, cause: WikiJSError) -> None:
        super().__init__(message)
        self.page_id = page_id
        self.cause = cause


class WriteOutcomeUnknownError(APIError):
    """A write was sent, but whether the server made it cannot be told: its answer was lost
    (connection broken, timeout, a proxy's error page) and reading back did not settle it.
    Not the same as failed: check before sending it again. `cause` is what went wrong."""

    def __init__(self, message: str, *, cause: WikiJSError) -> None:
        super().__init__(message)
        self.cause = cause


class BatchError(APIError):
    """Some items of a batch (`create_many`, `get_many`, ...) failed; the others did not.

    `result` holds every item's outcome in input order: the successes are never lost.
    """

    def __init__(self, message: str, *, result: BatchResult[Any]) -> None:
        super().__init__(message)
        self.result = result


# What a batch did, item by item: every success and every failure with its reason. The
# outcomes live here, beside the BatchError that carries them, so that this module depends
# on no other module of the package.
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BatchFailure:
    """One item that failed: its place in the input, what it was (an id or a path), and why."""

    index: int
    key: int | str
    error: WikiJSError

    def __str__(self) -> str:
        return f"item {self.index} ({self.key!r}): {type(self.error).__name__}: {self.error}"


@dataclass(frozen=True, slots=True, repr=False)
class BatchResult(Generic[T]):
    """Every item's outcome, in input order: its result, or its `BatchFailure`."""

    outcomes: Sequence[T | BatchFailure]

    @property
    def succeeded(self) -> list[T]:
        return [o for o in self.outcomes if not isinstance(o, BatchFailure)]

    @property
    def failed(self) -> list[BatchFailure]:
        return [o for o in self.outcomes if isinstance(o, BatchFailure)]

    @property
    def ok(self) -> bool:
        return not self.failed

    def unwrap(self) -> list[T]:
        """The results when every item succeeded; else BatchError (which keeps this result)."""
        failed = self.failed
        if failed:
            raise BatchError(
                f"{len(failed)} of {len(self.outcomes)} items failed: "
                + "; ".join(str(f) for f in failed[:5])
                + ("; …" if len(failed) > 5 else ""),
                result=self,
            )
        return self.succeeded

    def __len__(self) -> int:
        return len(self.outcomes)

    def __repr__(self) -> str:
        # The counts, not every item: a batch of 300 pages printed whole is ~800 KB.
        failed = len(self.failed)
        return f"{type(self).__name__}({len(self.outcomes) - failed} succeeded, {failed} failed)"


# Names as the Wiki.js SDK reference spells them. Not in __all__: they shadow built-ins.
ConnectionError = WikiJSConnectionError  # noqa: A001
TimeoutError = WikiJSTimeoutError  # noqa: A001
PermissionError = WikiJSPermissionError  # noqa: A001
