"""What a batch operation did, item by item: every success and every failure with its reason."""

from __future__ import annotations

from typing import TypedDict

# `BatchError` carries a `BatchResult`, so the two outcome types live beside it in
# `wikijs_typed.exceptions` (which imports nothing of the package); they are offered here too.
from wikijs_typed.exceptions import BatchFailure, BatchResult

__all__ = ["BatchFailure", "BatchResult", "DeleteFailure", "DeleteSummary"]


class DeleteFailure(TypedDict):
    """One page `pages.delete_many` could not delete, and why."""

    page_id: int | str
    error: str


class DeleteSummary(TypedDict):
    """`pages.delete_many`'s answer, in the shape the Wiki.js SDK reference documents."""

    successful: int
    failed: int
    errors: list[DeleteFailure]
