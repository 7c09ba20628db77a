"""A comment on a page, as Wiki.js's built-in comment provider keeps it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from wikijs_typed.models._base import WikiModel

if TYPE_CHECKING:
    from wikijs_graphql.fragments import CommentFields

__all__ = ["Comment"]


class Comment(WikiModel):
    """A comment on a page.

    Attributes:
        content: The text as written (Markdown).
        render: The HTML Wiki.js made of it.
        author_id: The account that wrote it (the Guest user for a guest's comment).
        author_name: The name shown with it.
        author_email: The author's email address.
    """

    id: int
    content: str
    render: str
    author_id: int
    author_name: str
    author_email: str
    created_at: datetime
    updated_at: datetime

    repr_fields = ("id", "author_name", "created_at")

    @classmethod
    def from_fields(cls, fields: CommentFields) -> Comment:
        """Build a comment from the generated `CommentFields` selection.

        Args:
            fields: The selection.

        Returns:
            The comment.
        """
        return cls.model_validate(fields.model_dump())
