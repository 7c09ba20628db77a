"""Helpers every resource shares, sync and async alike: no I/O here.

Generated result models mirror the schema, where every namespace and most fields are nullable;
`present` turns an unexpected null into a typed error. `check` turns a failed `responseResult`
into its exception. `operation_request` builds a request for explicit batching from the
generated document, and `read_outcome` turns one batch item back into a result model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Protocol, TypeVar

import pydantic
from wikijs_graphql.base_model import UNSET, UnsetType

from wikijs_typed._pipeline.errors import response_result_failure
from wikijs_typed._pipeline.operation import GraphQLRequest, GraphQLResult
from wikijs_typed.exceptions import InvalidResponseError, NotFoundError, WikiJSError
from wikijs_typed.models._batch import BatchFailure, BatchResult

if TYPE_CHECKING:
    # Imported by the first batch that needs it: an async program otherwise never loads the
    # sync generated client.
    from wikijs_graphql import GraphQLClient

__all__ = [
    "Outcome",
    "ResponseStatusLike",
    "chain",
    "check",
    "check_field",
    "collect",
    "confirm",
    "found",
    "given",
    "prepared",
    "present",
    "read_outcome",
]

T = TypeVar("T")
U = TypeVar("U")
K = TypeVar("K", int, str)
M = TypeVar("M", bound=pydantic.BaseModel)
Outcome = GraphQLResult | WikiJSError


class ResponseStatusLike(Protocol):
    """The generated `ResponseStatus` fragment (every mutation answers with one)."""

    @property
    def succeeded(self) -> bool: ...
    @property
    def error_code(self) -> int: ...
    @property
    def slug(self) -> str: ...
    @property
    def message(self) -> str | None: ...


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


class HasStatus(Protocol):
    """A mutation's answer: the generated `...Delete`, `...Activate`, ... result models."""

    @property
    def response_result(self) -> ResponseStatusLike | None: ...


N = TypeVar("N")


def check_field(namespace: N | None, pick: Callable[[N], HasStatus | None], what: str) -> None:
    """Raise unless the mutation `pick` selects in `namespace` (e.g. `data.users`) succeeded."""
    check(present(pick(present(namespace, what)), f"a result for {what}").response_result, what)


def check(result: ResponseStatusLike | None, what: str) -> None:
    """Raise the typed error a failed `responseResult` stands for (DuplicatePathError, ...)."""
    status = present(result, f"a result for {what}")
    failure = response_result_failure(
        status.succeeded, status.error_code, status.slug, status.message
    )
    if failure is not None:
        raise failure


class _Prepared(Exception):
    """Not an error: carries a built request out of the generated method."""

    def __init__(self, request: GraphQLRequest) -> None:
        super().__init__(request.operation_name)
        self.request = request


class _Preparer:
    """An executor that sends nothing: it hands the request back through `_Prepared`."""

    def execute(self, request: GraphQLRequest) -> GraphQLResult:
        raise _Prepared(request)


@cache
def _preparing_client() -> GraphQLClient:
    from wikijs_graphql import GraphQLClient

    return GraphQLClient(_Preparer())


def prepared(call: Callable[[GraphQLClient], object]) -> GraphQLRequest:
    """The request a generated method would send, built but not sent (for `execute_many`).

    `prepared(lambda gql: gql.get_page(id=7))`: the generated method checks and encodes the
    arguments exactly as it does when it sends, so batches and single calls cannot drift.
    """
    try:
        call(_preparing_client())
    except _Prepared as signal:
        return signal.request
    raise RuntimeError("the call made no GraphQL request")


def read_outcome(
    outcome: GraphQLResult | WikiJSError,
    get_data: Callable[[GraphQLResult], dict[str, object]],
    model: type[M],
) -> M:
    """One batch item as its generated result model; its failure raised as a typed error."""
    if isinstance(outcome, WikiJSError):
        raise outcome
    data = get_data(outcome)
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise InvalidResponseError(
            f"Wiki.js answered {model.__name__} in an unexpected shape ({exc.error_count()} "
            "problems)"
        ) from None


def collect(
    keys: Sequence[int | str], outcomes: Sequence[Outcome], convert: Callable[[Outcome], T]
) -> BatchResult[T]:
    """Each batch item converted, or its failure recorded with its index, key and reason."""
    results: list[T | BatchFailure] = []
    for index, (key, outcome) in enumerate(zip(keys, outcomes, strict=True)):
        try:
            results.append(convert(outcome))
        except WikiJSError as error:
            results.append(BatchFailure(index, key, error))
    return BatchResult(results)


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
