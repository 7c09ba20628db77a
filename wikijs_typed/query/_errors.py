"""The content query's errors: bad parameters, and reading a field the query did not select.

`QueryError` carries Wagtail API v2's own wording, so an HTTP layer over the query answers
`400 {"message": str(error)}` without rewording anything.
"""

from __future__ import annotations

from wikijs_typed.exceptions import NotFoundError, ValidationError, WikiJSError

__all__ = ["FieldNotSelectedError", "NoMatchError", "QueryError"]


class QueryError(ValidationError):
    """A query parameter was rejected (unknown field, bad limit, bad fields grammar, ...).

    A ValidationError: raised by the chaining call that got the value, before anything is
    sent, or by the evaluation for what needs the data (a tree filter's page id that does not
    exist). `str(error)` is Wagtail's message; `field` names the parameter when one is to blame.
    """


class NoMatchError(NotFoundError):
    """A detail view found nothing: no such id, or the query's filters leave it out.

    A NotFoundError; its message is Wagtail's ("No Page matches the given query.").
    """


class FieldNotSelectedError(WikiJSError, AttributeError):
    """An item's field was read although the query did not ask for it.

    Also an AttributeError, so `getattr(item, name, default)` and `hasattr` work as expected.

    Args:
        name: The field that was read; kept as `field`.
    """

    def __init__(self, name: str) -> None:
        super().__init__(
            f"the field {name!r} was not selected by the query: add it with .fields({name!r})"
        )
        self.field = name
