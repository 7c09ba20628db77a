"""Every failure the client reports, as one tree of typed exceptions.

Wiki.js reports failures on two channels that a caller must not confuse:
- GraphQL errors (HTTP 200, `errors[]`, the failing field null, the rest of `data` kept);
- business results (`responseResult {succeeded errorCode slug message}`) on mutations.
Both end up here, keeping what the caller needs: message, path, Wiki.js error code, slug, and
any partial data. Wiki.js's numeric error code (6003: no such page) is `error_code` on every
exception that has one, whichever channel it came on.

`ConnectionError`, `TimeoutError` and `PermissionError` are offered under the names the Wiki.js
SDK reference uses, but are left out of `__all__` so that `from wikijs_typed.exceptions import *`
never shadows Python's built-ins; their `WikiJS…` names are the ones exported.
"""

from __future__ import annotations

import builtins
import re
import warnings
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
    """A server message cut short enough to read.

    Wiki.js passes database errors through with their whole SQL statement, which for a
    page-tree rebuild is some 100 kB of `($1, $2, ...)` placeholders: for one of those the
    database's cause comes first, then the start of the statement.

    Args:
        message: The message as the server wrote it.
        limit: How many characters of it to keep (a database error's excerpt of its
            statement comes on top).

    Returns:
        The message itself when it is short enough; else its cause and the start of its
        statement, or its first `limit` characters, saying how long the whole was.
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
    """Base of every exception this package raises.

    Catch it to handle every failure of a call to Wiki.js, whatever its kind.
    """


WikiJSException = WikiJSError


class ConfigurationError(WikiJSError):
    """The client was configured with something unusable (empty base URL, bad auth, ...)."""


class ValidationError(WikiJSError, ValueError):
    """Input was rejected before anything was sent to the server.

    Args:
        message: what is wrong with the input.
        field: the name of the offending field, when one field is to blame.
    """

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
    """The server answered, but not with what was asked for.

    Args:
        message: what went wrong.
        status_code: the HTTP status of the answer, when it matters.
    """

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class InvalidResponseError(APIError):
    """The answer was not a GraphQL result (HTML error page, truncated JSON, ...)."""


class HTTPStatusError(APIError):
    """A non-2xx HTTP answer outside GraphQL's own error reporting.

    Args:
        message: what went wrong.
        status_code: the HTTP status.
        body_excerpt: the start of the answer's body, for diagnosis.
    """

    def __init__(self, message: str, *, status_code: int, body_excerpt: str = "") -> None:
        super().__init__(message, status_code=status_code)
        self.body_excerpt = body_excerpt


class ClientError(HTTPStatusError):
    """A 4xx answer: the request itself was refused (parse or validation failure, ...)."""


class ServerError(HTTPStatusError):
    """A 5xx answer."""


def _deprecated_alias(old: str, new: str) -> None:
    warnings.warn(f"`{old}` is deprecated: use `{new}`", DeprecationWarning, stacklevel=3)


@dataclass(frozen=True)
class GraphQLErrorDetail:
    """One entry of a GraphQL `errors` array.

    Args:
        message: the server's message.
        path: the field the error is about (`("pages", "single")`), if any.
        code: `extensions.code`, e.g. "INTERNAL_SERVER_ERROR", "GRAPHQL_VALIDATION_FAILED".
        error_code: Wiki.js's numeric error code from `extensions.exception.code` (e.g. 6003),
            when present.
    """

    message: str
    path: tuple[str | int, ...] = ()
    code: str | None = None
    error_code: int | None = None

    @property
    def wikijs_code(self) -> int | None:
        """Deprecated name of `error_code`."""
        _deprecated_alias("GraphQLErrorDetail.wikijs_code", "error_code")
        return self.error_code

    @classmethod
    def from_json(cls, error: Mapping[str, Any]) -> GraphQLErrorDetail:
        """The detail of one entry of a GraphQL answer's `errors`.

        Args:
            error: the entry as decoded from JSON.

        Returns:
            The detail; what is missing or malformed in the entry is left empty.
        """
        extensions = error.get("extensions")
        code = None
        error_code = None
        if isinstance(extensions, Mapping):
            raw_code = extensions.get("code")
            code = raw_code if isinstance(raw_code, str) else None
            exception = extensions.get("exception")
            if isinstance(exception, Mapping):
                raw = exception.get("code")
                error_code = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
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
            error_code=error_code,
        )

    def __str__(self) -> str:
        where = ".".join(str(p) for p in self.path)
        text = readable(self.message)
        return f"{text} (at {where})" if where else text


class GraphQLError(APIError):
    """The server executed the operation and reported errors; `data` keeps whatever came back.

    Args:
        errors: the reported errors.
        data: the answer's `data`, whatever of it the server could still give.
        status_code: the HTTP status of the answer, when it matters.
        message: the exception's text; by default the errors, joined.
        error_code: Wiki.js's numeric error code; by default the first the errors carry.
    """

    def __init__(
        self,
        errors: Sequence[GraphQLErrorDetail],
        data: Mapping[str, Any] | None = None,
        *,
        status_code: int | None = None,
        message: str | None = None,
        error_code: int | None = None,
    ) -> None:
        self.errors = tuple(errors)
        self.data = data
        if error_code is None:
            error_code = next((e.error_code for e in self.errors if e.error_code is not None), None)
        self.error_code = error_code
        summary = message or "; ".join(str(e) for e in self.errors) or "GraphQL error"
        super().__init__(summary, status_code=status_code)

    @property
    def wikijs_code(self) -> int | None:
        """Deprecated name of `error_code`."""
        _deprecated_alias("GraphQLError.wikijs_code", "error_code")
        return self.error_code


class ForbiddenError(GraphQLError):
    """The caller lacks a permission ("Forbidden", "Unauthorized", PageViewForbidden, ...)."""


WikiJSPermissionError = ForbiddenError


class RateLimitError(GraphQLError):
    """The server refused because a rate limit was hit (e.g. 5 logins per minute).

    Args:
        errors: the reported errors.
        data: the answer's `data`, if any.
        retry_after: the seconds the server asked to wait, when it said.
    """

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

    Args:
        message: the server's message.
        error_code: Wiki.js's numeric error code (`responseResult.errorCode`).
        slug: Wiki.js's name for the error (`responseResult.slug`), e.g. "PageDuplicateCreate".
    """

    def __init__(self, message: str, *, error_code: int, slug: str) -> None:
        super().__init__(f"{readable(message)} [{slug} {error_code}]")
        self.error_code = error_code
        self.slug = slug
        self.server_message = message
        self.constraint = constraint_of(message)


class NotFoundError(GraphQLError):
    """The page, user, group or asset does not exist.

    Wiki.js says so on either channel: as a GraphQL error (`errors` holds it) or as a
    mutation's `responseResult` (`error_code` and `slug`); a lookup the client makes itself
    (an asset by path) finds nothing and has neither.

    Args:
        message: what was not found.
        error_code: Wiki.js's numeric error code (6003: no such page), when it gave one.
        slug: Wiki.js's name for the error (`responseResult.slug`), when it gave one.
        errors: the GraphQL errors that reported it, if it came that way.
    """

    def __init__(
        self,
        message: str,
        *,
        error_code: int | None = None,
        slug: str | None = None,
        errors: Sequence[GraphQLErrorDetail] = (),
    ) -> None:
        super().__init__(errors, message=message, error_code=error_code)
        self.slug = slug


class DuplicatePathError(OperationFailedError):
    """A page already exists at that locale and path."""


class PartialWriteError(APIError):
    """The server stored the write, but a later step of it failed and could not be finished.

    A page stored without its tags, for instance.

    Args:
        message: what was stored and what was not.
        page_id: the page that was stored, when known.
        cause: the failure of the later step.
    """

    def __init__(self, message: str, *, page_id: int | None, cause: WikiJSError) -> None:
        super().__init__(message)
        self.page_id = page_id
        self.cause = cause


class WriteOutcomeUnknownError(APIError):
    """A write was sent, but whether the server made it cannot be told.

    Its answer was lost (connection broken, timeout, a proxy's error page) and reading back
    did not settle it. Not the same as failed: check before sending it again.

    Args:
        message: which write, and what is known.
        cause: what went wrong.
    """

    def __init__(self, message: str, *, cause: WikiJSError) -> None:
        super().__init__(message)
        self.cause = cause


class BatchError(APIError):
    """Some items of a batch (`create_many`, `get_many`, ...) failed; the others did not.

    `result` holds every item's outcome in input order: the successes are never lost.

    Args:
        message: how many items failed, and why.
        result: every item's outcome.
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
    """One item that failed: its place in the input, what it was (an id or a path), and why.

    Args:
        index: its place in the input.
        key: what it was: an id or a path.
        error: why it failed.
    """

    index: int
    key: int | str
    error: WikiJSError

    def __str__(self) -> str:
        return f"item {self.index} ({self.key!r}): {type(self.error).__name__}: {self.error}"


@dataclass(frozen=True, slots=True, repr=False)
class BatchResult(Generic[T]):
    """Every item's outcome, in input order: its result, or its `BatchFailure`.

    Args:
        outcomes: one per item of the input, in its order.
    """

    outcomes: Sequence[T | BatchFailure]

    @property
    def succeeded(self) -> list[T]:
        """The results of the items that succeeded, in input order."""
        return [o for o in self.outcomes if not isinstance(o, BatchFailure)]

    @property
    def failed(self) -> list[BatchFailure]:
        """The items that failed, in input order."""
        return [o for o in self.outcomes if isinstance(o, BatchFailure)]

    @property
    def ok(self) -> bool:
        """Whether every item succeeded."""
        return not self.failed

    def unwrap(self) -> list[T]:
        """The results, when every item succeeded.

        Returns:
            Every item's result, in input order.

        Raises:
            BatchError: some item failed; the error keeps this result.
        """
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
