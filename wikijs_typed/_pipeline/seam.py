"""The seam between generated code and the hand-written layer.

Generated clients subclass `BaseClient`/`AsyncBaseClient` (through the small shims that
ariadne-codegen copies into the generated package) and call only `execute` and `get_data`.
`execute` turns a call into a `GraphQLRequest` and hands it to an executor: the client's
pipeline of auth, retries, cache and batching. Every generated operation, including the ones
users add in their own `queries/`, goes through here.

Wiki.js reports most failed mutations in `responseResult` (HTTP 200, no GraphQL error), so a
client that only looked at `errors` would carry on after a refused write. `execute` raises the
typed error such a status stands for (the same one the resources raise), unless the client or
the call opts out with `raise_on_failure=False`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Protocol, TypeVar, Unpack, cast

from pydantic import BaseModel as PydanticBaseModel
from pydantic_core import to_jsonable_python

from wikijs_typed._pipeline.errors import graphql_failure, response_result_failure
from wikijs_typed._pipeline.operation import (
    GRAPHQL_INT_MAX,
    GRAPHQL_INT_MIN,
    CachePolicy,
    CallKeywords,
    CallOptions,
    EntityPath,
    GraphQLRequest,
    GraphQLResult,
    OperationInfo,
    StatusPath,
    is_utf8,
    objects_at,
)
from wikijs_typed.cache._views import View
from wikijs_typed.exceptions import InvalidResponseError, ValidationError, WikiJSError

__all__ = [
    "AsyncBaseClient",
    "AsyncExecutor",
    "BaseClient",
    "CallKeywords",
    "EntityPath",
    "OperationInfo",
    "StatusPath",
    "SyncExecutor",
    "status_failure",
]

T = TypeVar("T")


class SyncExecutor(Protocol):
    def execute(self, request: GraphQLRequest) -> GraphQLResult: ...


class AsyncExecutor(Protocol):
    async def execute(self, request: GraphQLRequest) -> GraphQLResult: ...


def _jsonable(value: object) -> object:
    if isinstance(value, PydanticBaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    return to_jsonable_python(value)


def _check_ints(name: str, value: object) -> None:
    """An `Int` variable beyond 32 bits is refused here: the server would refuse the whole
    request with a message about a value the caller may never have seen."""
    values = value if isinstance(value, list) else [value]
    for item in values:
        if isinstance(item, int) and not GRAPHQL_INT_MIN <= item <= GRAPHQL_INT_MAX:
            raise ValidationError(
                f"{name} must be a GraphQL Int ({GRAPHQL_INT_MIN} to {GRAPHQL_INT_MAX})",
                field=name,
            )


def _check_sendable(name: str, value: object) -> None:
    """A string with a lone surrogate (the trace of a bad decode) cannot be encoded as UTF-8:
    refused here rather than failing inside the transport."""
    if isinstance(value, str):
        if not is_utf8(value):
            raise ValidationError(f"{name} must not contain lone surrogates", field=name)
    elif isinstance(value, Mapping):
        for item in value.values():
            _check_sendable(name, item)
    elif isinstance(value, list):
        for item in value:
            _check_sendable(name, item)


def _field(status: Mapping[str, object], key: str | None) -> object:
    return None if key is None else status.get(key)


def status_failure(request: GraphQLRequest, result: GraphQLResult) -> WikiJSError | None:
    """The typed error for the first `responseResult` of a mutation that reports failure.

    None for queries, for answers with GraphQL errors (`get_data` raises those) and for
    operations the plugin did not describe.
    """
    if request.info is None or result.errors or result.data is None:
        return None
    for where in request.info.statuses:
        for status in objects_at(result.data, where.path):
            succeeded = status.get(where.succeeded)
            if succeeded is not False:
                continue
            code = _field(status, where.error_code)
            slug = _field(status, where.slug)
            message = _field(status, where.message)
            return response_result_failure(
                False,
                code if isinstance(code, int) else None,
                slug if isinstance(slug, str) else None,
                message if isinstance(message, str) else None,
            )
    return None


class _Seam:
    # Filled in by each generated client class (the codegen plugin emits it).
    operations: ClassVar[Mapping[str, OperationInfo]] = {}
    # The generated package's UNSET marker: arguments left at it are not sent at all.
    unset_marker: ClassVar[object] = object()
    # Whether a mutation reporting failure in its `responseResult` raises (per call too).
    raise_on_failure: bool = True

    def build_request(
        self,
        query: str,
        operation_name: str | None,
        variables: Mapping[str, object] | None,
        options: CallOptions,
    ) -> GraphQLRequest:
        unset = self.unset_marker
        payload = {
            name: _jsonable(value)
            for name, value in (variables or {}).items()
            if value is not unset
        }
        info = self.operations.get(operation_name) if operation_name else None
        for name in info.int_variables if info is not None else ():
            _check_ints(name, payload.get(name))
        for name, value in payload.items():
            _check_sendable(name, value)
        return GraphQLRequest(query, operation_name, payload, info, options)

    def _checked(
        self, request: GraphQLRequest, result: GraphQLResult, raise_on_failure: bool | None
    ) -> GraphQLResult:
        wanted = self.raise_on_failure if raise_on_failure is None else raise_on_failure
        failure = status_failure(request, result) if wanted else None
        if failure is not None:
            raise failure
        return result

    def _kept(
        self,
        executor: object,
        operation_name: str,
        variables: Mapping[str, object],
        view: View[T],
    ) -> T | None:
        """A copy of what `view` made of the cached answer to this read, when the cache kept
        it: no request built, no JSON encoded, nothing validated."""
        info = self.operations.get(operation_name)
        find = getattr(executor, "cached_view", None)
        if info is None or find is None:
            return None
        return cast("T | None", find(info, variables, self.unset_marker, view))

    def _viewed(
        self,
        executor: object,
        operation_name: str,
        variables: Mapping[str, object],
        response: GraphQLResult,
        view: View[T],
    ) -> T:
        data = self.get_data(response)
        viewed = view(data)
        info = self.operations.get(operation_name)
        keep = getattr(executor, "keep_view", None)
        if info is not None and keep is not None:
            keep(info, variables, self.unset_marker, data, view, viewed)
        return viewed

    def get_data(self, response: GraphQLResult) -> dict[str, Any]:
        if response.errors:
            raise graphql_failure(response.errors, response.data)
        if response.data is None:
            raise InvalidResponseError("the server answered with neither data nor errors")
        return response.data


class BaseClient(_Seam):
    """Base of every generated synchronous client."""

    def __init__(self, executor: SyncExecutor, *, raise_on_failure: bool = True) -> None:
        self.executor = executor
        self.raise_on_failure = raise_on_failure

    def execute(
        self,
        query: str,
        operation_name: str | None = None,
        variables: Mapping[str, object] | None = None,
        *,
        cache: CachePolicy | None = None,
        timeout: float | None = None,
        headers: Mapping[str, str] | None = None,
        raise_on_failure: bool | None = None,
    ) -> GraphQLResult:
        options = CallOptions(cache=cache, timeout=timeout, headers=headers)
        request = self.build_request(query, operation_name, variables, options)
        return self._checked(request, self.executor.execute(request), raise_on_failure)

    def read(
        self,
        query: str,
        operation_name: str,
        variables: Mapping[str, object],
        view: View[T],
        **options: Unpack[CallKeywords],
    ) -> T:
        """`view(data)` of a read (`GetPage.model_validate`, a resource's facade). A cache hit
        hands out a copy of what `view` made of the answer the first time (a `MemoryCache`
        keeps it beside its entry), without building the request or validating again."""
        if not options:
            kept = self._kept(self.executor, operation_name, variables, view)
            if kept is not None:
                return kept
        response = self.execute(query, operation_name, variables, **options)
        return self._viewed(self.executor, operation_name, variables, response, view)


class AsyncBaseClient(_Seam):
    """Base of every generated asynchronous client."""

    def __init__(self, executor: AsyncExecutor, *, raise_on_failure: bool = True) -> None:
        self.executor = executor
        self.raise_on_failure = raise_on_failure

    async def execute(
        self,
        query: str,
        operation_name: str | None = None,
        variables: Mapping[str, object] | None = None,
        *,
        cache: CachePolicy | None = None,
        timeout: float | None = None,
        headers: Mapping[str, str] | None = None,
        raise_on_failure: bool | None = None,
    ) -> GraphQLResult:
        options = CallOptions(cache=cache, timeout=timeout, headers=headers)
        request = self.build_request(query, operation_name, variables, options)
        return self._checked(request, await self.executor.execute(request), raise_on_failure)

    async def read(
        self,
        query: str,
        operation_name: str,
        variables: Mapping[str, object],
        view: View[T],
        **options: Unpack[CallKeywords],
    ) -> T:
        """`view(data)` of a read (`GetPage.model_validate`, a resource's facade). A cache hit
        hands out a copy of what `view` made of the answer the first time (a `MemoryCache`
        keeps it beside its entry), without building the request or validating again."""
        if not options:
            kept = self._kept(self.executor, operation_name, variables, view)
            if kept is not None:
                return kept
        response = await self.execute(query, operation_name, variables, **options)
        return self._viewed(self.executor, operation_name, variables, response, view)
