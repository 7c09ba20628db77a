"""Helpers every resource shares, sync and async alike: no I/O here.

Generated result models mirror the schema, where every namespace and most fields are nullable;
`present` turns an unexpected null into a typed error. A failed `responseResult` is raised by
the generated client (or, for a batch item, by the generated parser), never here. `collect`,
`gathered`, `confirm` and `chain` gather batch items into a `BatchResult`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from wikijs_graphql.base_model import UNSET, UnsetType

from wikijs_typed._pipeline.base_client import Outcome
from wikijs_typed._pipeline.engine import converted
from wikijs_typed.exceptions import InvalidResponseError, NotFoundError, WikiJSError
from wikijs_typed.models._batch import BatchFailure, BatchResult

__all__ = [
    "Outcome",
    "chain",
    "collect",
    "confirm",
    "found",
    "gathered",
    "given",
    "present",
]

T = TypeVar("T")
U = TypeVar("U")
K = TypeVar("K", int, str)


def given(value: T | None) -> T | UnsetType:
    """An optional argument for a generated method: None is not sent at all."""
    return UNSET if value is None else value


def present(value: T | None, what: str) -> T:
    """`value`, or InvalidResponseError when the server sent null where an answer belongs."""
    if value is None:
        raise InvalidResponseError(f"Wiki.js answered without {what}")
    return value


def found(value: T | None, what: str) -> T:
    """`value`, or NotFoundError: for reads that answer null for a missing thing."""
    if value is None:
        raise NotFoundError(f"{what} does not exist")
    return value


def collect(
    keys: Sequence[int | str], outcomes: Sequence[Outcome], convert: Callable[[Outcome], T]
) -> BatchResult[T]:
    """Each batch item converted, or its failure recorded with its index, key and reason."""
    return gathered(keys, [converted(convert, outcome) for outcome in outcomes])


def gathered(keys: Sequence[int | str], items: Sequence[T | WikiJSError]) -> BatchResult[T]:
    """A BatchResult of items already converted (`execute_converted`).

    Args:
        keys: What each item stands for (an id, a path), in the order of `items`.
        items: Each item's value, or the typed error it ended in.

    Returns:
        Every success, and every failure with its index, key and reason.
    """
    return BatchResult(
        [
            BatchFailure(index, key, item) if isinstance(item, WikiJSError) else item
            for index, (key, item) in enumerate(zip(keys, items, strict=True))
        ]
    )


def confirm(
    keys: Sequence[K], outcomes: Sequence[Outcome], check_one: Callable[[Outcome], object]
) -> BatchResult[K]:
    """For writes that answer only a status: each item's key when it succeeded."""
    checked = collect(keys, outcomes, check_one)
    return BatchResult(
        [
            o if isinstance(o, BatchFailure) else key
            for o, key in zip(checked.outcomes, keys, strict=True)
        ]
    )


def chain(
    keys: Sequence[int | str], first: BatchResult[T], second: BatchResult[U]
) -> BatchResult[U]:
    """Two steps of one batch: `second` ran on `first`'s successes, in order.

    A failure of either step is reported at the item's place (and key) in the original input.
    """
    later = iter(second.outcomes)
    results: list[U | BatchFailure] = []
    for index, outcome in enumerate(first.outcomes):
        if isinstance(outcome, BatchFailure):
            results.append(outcome)
            continue
        step = next(later)
        if isinstance(step, BatchFailure):
            step = BatchFailure(index, keys[index], step.error)
        results.append(step)
    return BatchResult(results)
