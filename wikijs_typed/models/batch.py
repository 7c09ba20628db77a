"""What a batch operation did, item by item: every success and every failure with its reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypedDict, TypeVar

from wikijs_typed.exceptions import BatchError, WikiJSError

__all__ = ["BatchFailure", "BatchResult", "DeleteFailure", "DeleteSummary"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BatchFailure:
    """One item that failed: its place in the input, what it was (an id or a path), and why."""

    index: int
    key: int | str
    error: WikiJSError

    def __str__(self) -> str:
        return f"item {self.index} ({self.key!r}): {type(self.error).__name__}: {self.error}"


@dataclass(frozen=True, slots=True)
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


class DeleteFailure(TypedDict):
    page_id: int | str
    error: str


class DeleteSummary(TypedDict):
    """`pages.delete_many`'s answer, in the shape the Wiki.js SDK reference documents."""

    successful: int
    failed: int
    errors: list[DeleteFailure]
