"""The content query's errors: bad parameters, and reading a field the query did not select.

`QueryError` carries Wagtail's own wording (its API's error messages, word for word), so an
HTTP layer over the query answers `400 {"message": str(error)}` without rewording anything.
"""

from __future__ import annotations

from wikijs_typed.exceptions import NotFoundError, ValidationError, WikiJSError

__all__ = ["FieldNotSelectedError", "NoMatchError", "QueryError"]


class QueryError(ValidationError):
    """A query parameter was rejected (unknown field, bad limit, bad fields grammar, ...)."""


class NoMatchError(NotFoundError):
    """A detail view found nothing: no such id, or the query's filters leave it out."""


class FieldNotSelectedError(WikiJSError, AttributeError):
    """An item's field was read although the query did not ask for it."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"the field {name!r} was not selected by the query: add it with .fields({name!r})"
        )
        self.field = name
