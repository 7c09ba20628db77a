"""The seam between generated code and the hand-written layer.

Generated clients subclass `BaseClient`/`AsyncBaseClient` (through the small shims that
ariadne-codegen copies into the generated package) and call only `execute` and `get_data`.
`execute` turns a call into a `GraphQLRequest` and hands it to an executor: the client's
pipeline of auth, retries, cache and batching. Every generated operation, including the ones
users add in their own `queries/`, goes through here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Protocol

from pydantic import BaseModel as PydanticBaseModel
from pydantic_core import to_jsonable_python

from wikijs_typed.errors import graphql_failure
from wikijs_typed.exceptions import InvalidResponseError
from wikijs_typed.operation import (
    CachePolicy,
    CallKeywords,
    CallOptions,
    EntityPath,
    GraphQLRequest,
    GraphQLResult,
    OperationInfo,
)

__all__ = [
    "AsyncBaseClient",
    "AsyncExecutor",
    "BaseClient",
    "CallKeywords",
    "EntityPath",
    "OperationInfo",
    "SyncExecutor",
]


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


class _Seam:
    # Filled in by each generated client class (the codegen plugin emits it).
    operations: ClassVar[Mapping[str, OperationInfo]] = {}
    # The generated package's UNSET marker: arguments left at it are not sent at all.
    unset_marker: ClassVar[object] = object()

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
        return GraphQLRequest(query, operation_name, payload, info, options)

    def get_data(self, response: GraphQLResult) -> dict[str, Any]:
        if response.errors:
            raise graphql_failure(response.errors, response.data)
        if response.data is None:
            raise InvalidResponseError("the server answered with neither data nor errors")
        return response.data


class BaseClient(_Seam):
    """Base of every generated synchronous client."""

    def __init__(self, executor: SyncExecutor) -> None:
        self.executor = executor

    def execute(
        self,
        query: str,
        operation_name: str | None = None,
        variables: Mapping[str, object] | None = None,
        *,
        cache: CachePolicy | None = None,
        timeout: float | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> GraphQLResult:
        options = CallOptions(cache=cache, timeout=timeout, headers=headers)
        return self.executor.execute(self.build_request(query, operation_name, variables, options))


class AsyncBaseClient(_Seam):
    """Base of every generated asynchronous client."""

    def __init__(self, executor: AsyncExecutor) -> None:
        self.executor = executor

    async def execute(
        self,
        query: str,
        operation_name: str | None = None,
        variables: Mapping[str, object] | None = None,
        *,
        cache: CachePolicy | None = None,
        timeout: float | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> GraphQLResult:
        options = CallOptions(cache=cache, timeout=timeout, headers=headers)
        request = self.build_request(query, operation_name, variables, options)
        return await self.executor.execute(request)
