"""Telling what a page write did when its answer is a failure, or never came: no I/O here.

Wiki.js reports some failures before it writes anything (a duplicate path, empty content, a
forbidden path) and others after part of the write is stored: a create fails after its
insert when the tags collide or the tree rebuild fails (errorCode 1), an update after saving
the content. And when the answer is lost (connection broken, timeout, a proxy's error page)
the write may or may not have happened. The pages resource reads back what was stored and
compares it with what it sent; these are the decisions it makes on the way.
"""

from __future__ import annotations

from collections.abc import Iterable

from wikijs_typed._pipeline.errors import BEFORE_WRITE_CODES, BEFORE_WRITE_GRAPHQL_CODES
from wikijs_typed._resources.sansio.pages import UpdatePageArgs
from wikijs_typed.exceptions import (
    AuthenticationError,
    ClientError,
    ForbiddenError,
    GraphQLError,
    InvalidResponseError,
    NotFoundError,
    OperationFailedError,
    RateLimitError,
    ServerError,
    ValidationError,
    WikiJSConnectionError,
    WikiJSError,
    WikiJSTimeoutError,
)
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._page import Page, PageCreate

__all__ = [
    "answer_lost",
    "as_sent",
    "created_as_sent",
    "page_state",
    "same_tags",
    "sent_state",
    "wrote_nothing",
]

_REFUSED = (
    ValidationError,
    ForbiddenError,
    AuthenticationError,
    RateLimitError,
    ClientError,
    NotFoundError,
)


def wrote_nothing(error: WikiJSError) -> bool:
    """Whether Wiki.js is known to have refused before writing anything."""
    if isinstance(error, _REFUSED):
        return True
    if isinstance(error, OperationFailedError):
        return error.error_code in BEFORE_WRITE_CODES
    if isinstance(error, GraphQLError):
        return bool(error.errors) and all(
            detail.code in BEFORE_WRITE_GRAPHQL_CODES for detail in error.errors
        )
    return False


def answer_lost(error: WikiJSError) -> bool:
    """Whether the write's answer never arrived: it may have been done, or not."""
    if isinstance(error, AuthenticationError):
        return False
    return isinstance(
        error, WikiJSConnectionError | WikiJSTimeoutError | ServerError | InvalidResponseError
    )


def same_tags(stored: Iterable[str], wanted: Iterable[str]) -> bool:
    return set(rules.normalize_tags(list(stored))) == set(rules.normalize_tags(list(wanted)))


def created_as_sent(page: Page, data: PageCreate) -> bool:
    """Whether the page found at a create's path is the one this create stored."""
    return page.title == data.title and page.content == data.content


def page_state(page: Page) -> tuple[object, ...]:
    """What an update sets, as stored.

    The scripts and `isPrivate` are left out: Wiki.js drops or keeps them depending on the
    caller's rights.
    """
    return (
        page.content,
        page.title,
        page.description,
        page.is_published,
        page.publish_start_date or "",
        page.publish_end_date or "",
        frozenset(rules.normalize_tags(page.tags)),
        page.locale,
        page.path,
    )


def sent_state(args: UpdatePageArgs) -> tuple[object, ...]:
    """`page_state` of the page an update asks for."""
    return (
        args["content"],
        args["title"],
        args["description"],
        args["is_published"],
        args["publish_start_date"],
        args["publish_end_date"],
        frozenset(rules.normalize_tags([tag for tag in args["tags"] if tag is not None])),
        args["locale"],
        args["path"],
    )


def as_sent(current: Page, args: UpdatePageArgs) -> Page:
    """The page an update that succeeded stored, from the page before it and what it sent.

    For when reading it back fails. Its `updated_at` and `render` are the ones from before.
    """
    return current.model_copy(
        update={
            "content": args["content"],
            "title": args["title"],
            "description": args["description"],
            "is_published": args["is_published"],
            "publish_start_date": args["publish_start_date"],
            "publish_end_date": args["publish_end_date"],
            "tags": rules.normalize_tags([tag for tag in args["tags"] if tag is not None]),
            "locale": args["locale"],
            "path": args["path"],
        }
    )
