"""The seam between generated code and the hand-written layer.

Generated clients subclass `BaseClient`/`AsyncBaseClient` (through the small shims that
ariadne-codegen copies into the generated package). The codegen plugin also emits, for every
operation, a request builder and a parser (the package's `requests` module): the builder
comes to `build_request`, the parser to `parse_result`, and the clients' methods use them, so
a request is built one way and an answer read one way, whether it is sent alone or in a batch.
Every generated operation, including the ones users add in their own `queries/`, goes through
here to the client's pipeline of auth, retries, cache and batching.

Wiki.js reports most failed mutations in `responseResult` (HTTP 200, no GraphQL error), so a
client that only looked at `errors` would carry on after a refused write. Parsing an answer
raises the typed error such a status stands for (`errors.failure_of` decides), unless the
client or the call opts out with `raise_on_failure=False`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Protocol, TypeVar, Unpack, runtime_checkable

import pydantic
from pydantic import BaseModel as PydanticBaseModel
from pydantic_core import to_jsonable_python

from wikijs_typed._pipeline.errors import failure_of
from wikijs_typed._pipeline.operation import (
    GRAPHQL_INT_MAX,
    GRAPHQL_INT_MIN,
    LATER,
    CachePolicy,
    CallKeywords,
    CallOptions,
    EntityPath,
    GraphQLRequest,
    GraphQLResult,
    Later,
    OperationInfo,
    StatusPath,
    is_utf8,
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
    "Outcome",
    "Parser",
    "StatusPath",
    "SyncExecutor",
    "build_request",
    "parse_result",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
M = TypeVar("M", bound=PydanticBaseModel)
# One item of a batch: its answer, or the error that stands for it.
Outcome = GraphQLResult | WikiJSError


class SyncExecutor(Protocol):
    def execute(self, request: GraphQLRequest) -> GraphQLResult: ...


class AsyncExecutor(Protocol):
    async def execute(self, request: GraphQLRequest) -> GraphQLResult: ...


class _ReadsNow(Protocol):
    def read_now(
        self, reader: _Seam, info: OperationInfo, variables: Mapping[str, object], view: View[T]
    ) -> T | Later: ...


@runtime_checkable
class SyncReads(_ReadsNow, Protocol):
    """An executor that reads through its cache (an engine): `read_now`, then `read_later`."""

    def read_later(
        self,
        reader: _Seam,
        info: OperationInfo,
        variables: Mapping[str, object],
        view: View[T],
        options: CallKeywords,
    ) -> T: ...


@runtime_checkable
class AsyncReads(_ReadsNow, Protocol):
    """`SyncReads` of an async executor: only what must wait is a coroutine."""

    async def read_later(
        self,
        reader: _Seam,
        info: OperationInfo,
        variables: Mapping[str, object],
        view: View[T],
        options: CallKeywords,
    ) -> T: ...


def _jsonable(value: object) -> object:
    if isinstance(value, PydanticBaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    return to_jsonable_python(value)


def _check_ints(name: str, value: object) -> None:
    """Refuse an `Int` variable beyond 32 bits before sending.

    The server would refuse the whole request with a message about a value the caller may
    never have seen.
    """
    values = value if isinstance(value, list) else [value]
    for item in values:
        if isinstance(item, int) and not GRAPHQL_INT_MIN <= item <= GRAPHQL_INT_MAX:
            raise ValidationError(
                f"{name} must be a GraphQL Int ({GRAPHQL_INT_MIN} to {GRAPHQL_INT_MAX})",
                field=name,
            )


def _check_sendable(name: str, value: object) -> None:
    """Refuse a string with a lone surrogate (the trace of a bad decode) before sending.

    It cannot be encoded as UTF-8, and would fail inside the transport instead.
    """
    if isinstance(value, str):
        if not is_utf8(value):
            raise ValidationError(f"{name} must not contain lone surrogates", field=name)
    elif isinstance(value, Mapping):
        for item in value.values():
            _check_sendable(name, item)
    elif isinstance(value, list):
        for item in value:
            _check_sendable(name, item)


def build_request(
    info: OperationInfo,
    variables: Mapping[str, object],
    unset: object,
    options: CallKeywords,
) -> GraphQLRequest:
    """The request of one generated operation, checked and encoded, ready to send.

    The one way a generated operation's request is made: the package's request builders
    (`wikijs_graphql.requests`) and the generated clients both come here.

    Args:
        info: what the codegen plugin recorded about the operation (its document among it).
        variables: the variables as the generated method's arguments gave them.
        unset: the generated package's UNSET marker: variables left at it are not sent.
        options: the call options (`cache`, `timeout`, `headers`, `raise_on_failure`).

    Returns:
        The request, its variables encoded as JSON values.

    Raises:
        ValidationError: when an `Int` variable is beyond 32 bits, or a string holds a lone
            surrogate.
        TypeError: when `options` holds a name that is not a call option.
    """
    return GraphQLRequest(
        info.document,
        info.name,
        _payload(variables, unset, info),
        info,
        _call_options(options) if options else _NO_OPTIONS,
    )


_NO_OPTIONS = CallOptions()
_OPTION_NAMES = frozenset(CallKeywords.__annotations__)


def _reads_kept(options: CallKeywords) -> bool:
    """Whether a read with these call options may be answered with what the cache kept.

    It may when it reads the cache (`cache="cache-first"`, the default, given or not): a
    timeout or headers concern a request, and a hit sends none. An option that does not
    exist is left for `build_request` to refuse.
    """
    return options.keys() <= _OPTION_NAMES and options.get("cache") in (None, "cache-first")


def _call_options(options: CallKeywords) -> CallOptions:
    unknown = options.keys() - _OPTION_NAMES
    if unknown:
        raise TypeError(f"unexpected keyword argument {sorted(unknown)[0]!r}")
    return CallOptions(
        cache=options.get("cache"),
        timeout=options.get("timeout"),
        headers=options.get("headers"),
        raise_on_failure=options.get("raise_on_failure"),
    )


# Values sent as they are, with nothing to check but an `Int`'s range (the id of a batched
# read): they skip the conversions and checks below, which cost more than the request itself.
_PLAIN = frozenset({int, float, bool, type(None)})


def _payload(
    variables: Mapping[str, object] | None, unset: object, info: OperationInfo | None
) -> dict[str, object]:
    payload = {
        name: value if type(value) in _PLAIN else _jsonable(value)
        for name, value in (variables or {}).items()
        if value is not unset
    }
    for name in info.int_variables if info is not None else ():
        _check_ints(name, payload.get(name))
    for name, value in payload.items():
        if type(value) not in _PLAIN:
            _check_sendable(name, value)
    return payload


def parse_result(
    info: OperationInfo, outcome: Outcome, model: type[M], raise_on_failure: bool = True
) -> M:
    """One operation's answer as its generated result model.

    Args:
        info: what the codegen plugin recorded about the operation.
        outcome: the answer, or the error that stood in for it (a batch item).
        model: the operation's generated result model.
        raise_on_failure: whether a `responseResult` reporting failure raises its typed
            error; False returns the answer all the same.

    Returns:
        The validated result model.

    Raises:
        WikiJSError: the error `outcome` is, or the one the answer stands for
            (`failure_of`): GraphQLError, NotFoundError, DuplicatePathError, ...
        InvalidResponseError: when the answer does not have the model's shape.
    """
    if isinstance(outcome, WikiJSError):
        raise outcome
    failure = failure_of(outcome, info.statuses if raise_on_failure else ())
    if failure is not None:
        raise failure
    return _validated(info, model.model_validate, outcome.data or {})


def _validated(info: OperationInfo, view: View[T], data: dict[str, Any]) -> T:
    """Return `view(data)`, with an answer of the wrong shape as InvalidResponseError.

    A pydantic error's text would quote the answer; the InvalidResponseError says only how
    many things were wrong.
    """
    try:
        return view(data)
    except pydantic.ValidationError as exc:
        raise InvalidResponseError(
            f"Wiki.js answered {info.name} in an unexpected shape ({exc.error_count()} problems)"
        ) from None


class Parser(Protocol[T_co]):
    """A generated `parse_<operation>`: an answer as the operation's result model."""

    def __call__(self, outcome: Outcome, *, raise_on_failure: bool = True) -> T_co: ...


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
        """A request for any document, described by the plugin or not (`execute`)."""
        info = self.operations.get(operation_name) if operation_name else None
        payload = _payload(variables, self.unset_marker, info)
        return GraphQLRequest(query, operation_name, payload, info, options)

    def _raises(self, request: GraphQLRequest) -> bool:
        wanted = request.options.raise_on_failure
        return self.raise_on_failure if wanted is None else wanted

    def _checked(self, request: GraphQLRequest, result: GraphQLResult) -> GraphQLResult:
        # Only the statuses: `get_data` judges the GraphQL errors and a missing answer.
        judged = not result.errors and result.data is not None
        if request.info is not None and judged and self._raises(request):
            failure = failure_of(result, request.info.statuses)
            if failure is not None:
                raise failure
        return result

    def build_read(
        self, info: OperationInfo, variables: Mapping[str, object], options: CallKeywords
    ) -> GraphQLRequest:
        """The request of a generated read (`build_request`), for an engine's `read`.

        Args:
            info: the operation, as the codegen plugin recorded it.
            variables: its variables, as the generated method's arguments gave them.
            options: the call options.

        Returns:
            The request.
        """
        return build_request(info, variables, self.unset_marker, options)

    def view_answer(self, info: OperationInfo, response: GraphQLResult, view: View[T]) -> T:
        """What `view` makes of an answer's data, its errors raised as the typed error.

        Args:
            info: the operation, as the codegen plugin recorded it.
            response: its answer.
            view: what makes something of the data.

        Returns:
            What `view` made.

        Raises:
            WikiJSError: what the answer's errors stand for; InvalidResponseError when the
                data does not have the shape `view` expects.
        """
        return _validated(info, view, self.get_data(response))

    def get_data(self, response: GraphQLResult) -> dict[str, Any]:
        """The data of an answer; its GraphQL errors raised as the typed error.

        Args:
            response: one operation's answer.

        Returns:
            The answer's data.

        Raises:
            WikiJSError: what the GraphQL errors stand for (GraphQLError, NotFoundError, ...);
                InvalidResponseError when there is no data.
        """
        failure = failure_of(response)
        if failure is not None:
            raise failure
        return response.data or {}


class BaseClient(_Seam):
    """Base of every generated synchronous client."""

    def __init__(self, executor: SyncExecutor, *, raise_on_failure: bool = True) -> None:
        self.executor = executor
        self.raise_on_failure = raise_on_failure
        self._reads = executor if isinstance(executor, SyncReads) else None

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
        options = CallOptions(cache, timeout, headers, raise_on_failure)
        request = self.build_request(query, operation_name, variables, options)
        return self._checked(request, self.executor.execute(request))

    def send(self, request: GraphQLRequest, parse: Parser[T]) -> T:
        """Send a built request (`wikijs_graphql.requests`) and parse its answer."""
        return parse(self.executor.execute(request), raise_on_failure=self._raises(request))

    def read(
        self,
        info: OperationInfo,
        variables: Mapping[str, object],
        view: View[T],
        **options: Unpack[CallKeywords],
    ) -> T:
        """Run a read and return `view(data)` of its answer.

        A cache hit builds no request. It hands out a copy of what `view` made of the answer
        the first time (a `MemoryCache` keeps it beside its entry, a `RedisCache` in this
        process beside the store it read), without validating again.

        Args:
            info: The operation, as the codegen plugin recorded it.
            variables: The operation's variables.
            view: What to make of the answer's data (`GetPage.model_validate`, a facade).
            **options: Options of this call only (cache policy, timeout, headers, ...).

        Returns:
            What `view` made of the answer.
        """
        reads = self._reads
        if reads is not None and (not options or _reads_kept(options)):
            viewed = reads.read_now(self, info, variables, view)
            if viewed is LATER:
                return reads.read_later(self, info, variables, view, options)
            return viewed
        request = build_request(info, variables, self.unset_marker, options)
        return self.view_answer(info, self.executor.execute(request), view)


class AsyncBaseClient(_Seam):
    """Base of every generated asynchronous client."""

    def __init__(self, executor: AsyncExecutor, *, raise_on_failure: bool = True) -> None:
        self.executor = executor
        self.raise_on_failure = raise_on_failure
        self._reads = executor if isinstance(executor, AsyncReads) else None

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
        options = CallOptions(cache, timeout, headers, raise_on_failure)
        request = self.build_request(query, operation_name, variables, options)
        return self._checked(request, await self.executor.execute(request))

    async def send(self, request: GraphQLRequest, parse: Parser[T]) -> T:
        """Send a built request (`wikijs_graphql.requests`) and parse its answer."""
        answer = await self.executor.execute(request)
        return parse(answer, raise_on_failure=self._raises(request))

    async def read(
        self,
        info: OperationInfo,
        variables: Mapping[str, object],
        view: View[T],
        **options: Unpack[CallKeywords],
    ) -> T:
        """Run a read and return `view(data)` of its answer.

        A cache hit builds no request. It hands out a copy of what `view` made of the answer
        the first time (a `MemoryCache` keeps it beside its entry, a `RedisCache` in this
        process beside the store it read), without validating again.

        Args:
            info: The operation, as the codegen plugin recorded it.
            variables: The operation's variables.
            view: What to make of the answer's data (`GetPage.model_validate`, a facade).
            **options: Options of this call only (cache policy, timeout, headers, ...).

        Returns:
            What `view` made of the answer.
        """
        reads = self._reads
        if reads is not None and (not options or _reads_kept(options)):
            # A hit costs no coroutine beyond this one: only what must wait is awaited.
            viewed = reads.read_now(self, info, variables, view)
            if viewed is LATER:
                return await reads.read_later(self, info, variables, view, options)
            return viewed
        request = build_request(info, variables, self.unset_marker, options)
        return self.view_answer(info, await self.executor.execute(request), view)
