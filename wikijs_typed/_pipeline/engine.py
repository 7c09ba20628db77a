"""What both engines share: the state and decisions of running operations, without I/O.

The engines are the executors behind the seam, how a `GraphQLRequest` becomes a
`GraphQLResult`. `AsyncEngine` is written once, in `_pipeline/_async/engine.py`, and
`SyncEngine` is derived from it (`python -m tools.sync_twins`). They hold the configured httpx
client (base URL, auth flow, timeouts) and add, around every operation:
- the cache: cache-first reads, normalized invalidation by mutations (`wikijs_typed.cache`);
- retries with backoff for what is safe to resend (`wikijs_typed._pipeline.retry`);
- batching: `execute_many` sends JSON-array POSTs in chunks with bounded concurrency, and the
  async engine also gathers concurrent reads by itself (`wikijs_typed._pipeline.batching`);
- turns: page writes that would collide on the server run one at a time
  (`_pipeline.write_turns`).
`send` makes REST calls (asset upload and download) through the same client and policy.

The decisions live here, in those modules and in `transport`; the two engines differ only in
how they wait (`_pipeline.concurrency`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, Protocol, TypedDict, TypeVar, cast

import httpx

from wikijs_typed._pipeline import transport
from wikijs_typed._pipeline.operation import (
    CallKeywords,
    GraphQLRequest,
    GraphQLResult,
    JSONObject,
    OperationInfo,
)
from wikijs_typed._pipeline.retry import RetryPolicy, describe
from wikijs_typed._pipeline.write_turns import takes_turns
from wikijs_typed.auth import AuthHandler
from wikijs_typed.cache._base import BaseCache, CacheKey
from wikijs_typed.cache._normalize import Settlement, cache_key, read_key, settle
from wikijs_typed.cache._views import View
from wikijs_typed.exceptions import WikiJSError

log = logging.getLogger("wikijs_typed._pipeline.engine")
T = TypeVar("T")

DEFAULT_CHUNK_SIZE = 50
DEFAULT_CONCURRENCY = 4
# Methods that may reach the server twice without harm; a POST never is.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

# One item of a batch: the operation's result, or why it has none.
Outcome = GraphQLResult | WikiJSError
Attempt = httpx.Response | httpx.TransportError


class Reader(Protocol):
    """What runs generated reads (a generated client): how a read is built and viewed."""

    # Read-only: a generated client's marker is its package's UNSET, set on the class.
    @property
    def unset_marker(self) -> object: ...

    def build_read(
        self, info: OperationInfo, variables: Mapping[str, object], options: CallKeywords
    ) -> GraphQLRequest: ...

    def view_answer(
        self, info: OperationInfo, response: GraphQLResult, view: Callable[[dict[str, object]], T]
    ) -> T: ...


class RestOptions(TypedDict, total=False):
    """What a REST call (`send`) may carry besides its method and path.

    Each is a shape httpx accepts for the request argument of that name, narrowed to what the
    asset calls need: httpx keeps its own aliases for these private.
    """

    params: Mapping[str, str | int | float | bool | None]
    headers: Mapping[str, str]
    content: str | bytes
    data: Mapping[str, str]
    # field name: (file name, content, content type)
    files: Mapping[str, tuple[str, bytes, str]]
    timeout: float


def identity_of(auth: httpx.Auth | None, http: httpx.Client | httpx.AsyncClient) -> str:
    """Who requests with this auth and this client's headers speak as, for cache keys.

    Read afresh on every call, cheaply: an auth handler keeps its identity up to date as it
    renews or logs in again, and the client's headers may change.

    Args:
        auth: the auth flow the requests go with, if any.
        http: the client whose headers every request carries.

    Returns:
        A name for the caller that is never the credential itself.
    """
    if isinstance(auth, AuthHandler):
        return auth.identity
    return _header_identity(http.headers.get("Authorization"))


@lru_cache(maxsize=64)
def _header_identity(header: str | None) -> str:
    if header:
        return "header:" + hashlib.sha256(header.encode()).hexdigest()[:16]
    return "anonymous"


def _headers(requests: Sequence[GraphQLRequest]) -> dict[str, str]:
    headers = {"Content-Type": transport.JSON_CONTENT_TYPE}
    for request in requests:
        headers.update(request.options.headers or {})
    return headers


def _label(requests: Sequence[GraphQLRequest]) -> str:
    names = [r.operation_name or "an unnamed operation" for r in requests]
    return names[0] if len(names) == 1 else f"a batch of {len(names)} ({', '.join(names[:3])}…)"


def final_response(outcome: Attempt) -> httpx.Response:
    if isinstance(outcome, httpx.TransportError):
        raise transport.network_failure(outcome) from outcome
    return outcome


def in_turn(requests: Sequence[GraphQLRequest], may_overlap: bool) -> bool:
    return not may_overlap and any(takes_turns(r) for r in requests)


def auto_batchable(request: GraphQLRequest) -> bool:
    # Per-call headers or timeouts would apply to every operation in a shared POST.
    return (
        not request.is_mutation
        and request.options.headers is None
        and request.options.timeout is None
    )


def converted(convert: Callable[[Outcome], T], outcome: Outcome) -> T | WikiJSError:
    """What `convert` makes of one batch item, or the typed error that stands for it."""
    try:
        return convert(outcome)
    except WikiJSError as error:
        return error


def unconverted(outcome: Outcome) -> Outcome:
    """A batch item left as the server answered it (what `execute_many` returns)."""
    return outcome


def detached(outcome: Outcome) -> Outcome:
    """The outcome with `data` of its own, for a caller who may change it.

    A cache keeps the very `data` it was given and hands it out again on a hit: a raw result
    (`execute`, `execute_many`) gets a copy, so that changing it never changes what the cache
    answers next.
    """
    return detached_result(outcome) if isinstance(outcome, GraphQLResult) else outcome


def detached_result(result: GraphQLResult) -> GraphQLResult:
    """`detached` of a result."""
    if result.data is None:
        return result
    return GraphQLResult(_json_copy(result.data), result.errors, result.extensions)


def _json_copy(value: JSONObject) -> JSONObject:
    """A copy of decoded JSON: its leaves (strings, numbers, None) nothing changes in place."""
    return {key: _json_item_copy(item) for key, item in value.items()}


def _json_item_copy(value: object) -> object:
    if type(value) is dict:
        return _json_copy(value)
    if type(value) is list:
        return [_json_item_copy(item) for item in value]
    return value


@dataclass(frozen=True, slots=True)
class Reads:
    """Reads of one generated query, one for each set of variables, as a batch's operations.

    Keyed without building their requests, as a single read is (`read_key`): a batch builds
    only the requests it sends, none for what the cache answers.

    Args:
        info: the query, as the codegen plugin recorded it.
        variables: each read's variables, as a generated method's arguments give them.
        unset: the generated package's UNSET marker: variables left at it are not sent.
    """

    info: OperationInfo
    variables: Sequence[Mapping[str, object]]
    unset: object

    def __len__(self) -> int:
        return len(self.variables)

    def request(self, index: int) -> GraphQLRequest:
        """The request of one read, checked and encoded (see `build_request`)."""
        # Here, not at the top: importing the client loads no generated-client machinery.
        from wikijs_typed._pipeline.base_client import build_request

        return build_request(self.info, self.variables[index], self.unset, {})


Operations = Sequence[GraphQLRequest] | Reads


# The outcome of a batch item a kept view answered.
_ANSWERED = GraphQLResult(None)


class Batch(Generic[T]):
    """The bookkeeping of one batch: cache hits, duplicates, chunks, and each item converted.

    Args:
        requests: the operations, in the caller's order.
        keys: each operation's cache key (None: not a cacheable read).
        convert: what each outcome becomes for the caller (`unconverted` leaves it as it is).
    """

    def __init__(
        self,
        requests: Operations,
        keys: list[CacheKey | None],
        convert: Callable[[Outcome], T],
    ) -> None:
        self._reads = requests if isinstance(requests, Reads) else None
        # Reads get their requests when they are to be sent (`chunks`).
        self.requests: list[GraphQLRequest | None] = (
            [None] * len(keys) if isinstance(requests, Reads) else list(requests)
        )
        self.keys = keys
        self.convert = convert
        self.outcomes: list[Outcome | None] = [None] * len(requests)
        self.items: list[T | WikiJSError | None] = [None] * len(requests)
        self._hits: list[int] = []
        # Items converted here from an answer that may be cached: the views to keep.
        self.converted: list[int] = []

    def hit(self, index: int, value: object, kept: T | None = None) -> None:
        """Record what the cache holds for an item; only an item it answers is not sent.

        Args:
            index: the item.
            value: the cached data, or None when the cache does not hold it.
            kept: a copy of what `convert` made of that data before, if the cache kept one:
                the item is then that copy, converted no more.
        """
        if not isinstance(value, dict):
            return
        if kept is None:
            self.outcomes[index] = GraphQLResult(value)
            self._hits.append(index)
        else:
            # Converted no more, and the twin of none (each read is looked up): what marks
            # the item answered need not hold its data, and one object serves every such item.
            self.outcomes[index] = _ANSWERED
            self.items[index] = kept

    def arrived(self, indexes: Sequence[int], outcomes: Sequence[Outcome]) -> None:
        """Record a chunk's outcomes and convert them at once.

        Other chunks are still on their way, so the conversion (model validation) costs no
        extra time.
        """
        for index, outcome in zip(indexes, outcomes, strict=True):
            self.outcomes[index] = outcome
            self.items[index] = converted(self.convert, outcome)
        self.converted.extend(indexes)

    def sent(self, indexes: Sequence[int]) -> list[GraphQLRequest]:
        """The requests of the items `chunks` gave, built then."""
        return cast("list[GraphQLRequest]", [self.requests[i] for i in indexes])

    def chunks(self, size: int) -> tuple[list[list[int]], dict[int, int]]:
        """Chunks of indexes to send, and {duplicate index: index of the read sent for it}.

        The requests of reads are built here, all before any is sent: one that cannot be
        (a ValidationError) fails the batch before it sends anything.
        """
        if size < 1:
            raise ValueError("chunk_size must be at least 1")
        first: dict[CacheKey, int] = {}
        twins: dict[int, int] = {}
        todo: list[int] = []
        for index, key in enumerate(self.keys):
            if self.outcomes[index] is not None:
                continue
            if key is not None and key in first:
                twins[index] = first[key]
                continue
            if key is not None:
                first[key] = index
            if self._reads is not None:
                self.requests[index] = self._reads.request(index)
            todo.append(index)
        return [todo[i : i + size] for i in range(0, len(todo), size)], twins

    def results(self, twins: dict[int, int]) -> list[T | WikiJSError]:
        """Every item converted, in input order.

        Cache hits and duplicates are converted here, each on its own: a duplicate gets an
        object of its own, never the one its twin got.
        """
        for index, original in twins.items():
            self.outcomes[index] = self.outcomes[original]
        if any(outcome is None for outcome in self.outcomes):
            raise RuntimeError("a batch item was left without an outcome")
        for index in [*self._hits, *twins]:
            self.items[index] = converted(self.convert, cast("Outcome", self.outcomes[index]))
        self.converted.extend(self._hits)
        return cast("list[T | WikiJSError]", self.items)


class EngineBase:
    """State and decisions shared by both engines; no I/O here."""

    http: httpx.Client | httpx.AsyncClient

    def __init__(
        self,
        http: httpx.Client | httpx.AsyncClient,
        cache: BaseCache | None,
        retry: RetryPolicy | None,
        base_url: str | None,
        auth: httpx.Auth | None,
    ) -> None:
        # Given, they go with every request, and the httpx client is left as it is: one that
        # the application owns may serve other purposes too. Else the client's own serve.
        self.base_url = httpx.URL(base_url) if base_url is not None else http.base_url
        self.auth = auth if auth is not None else http.auth
        self.cache = cache
        self.retry = retry if retry is not None else RetryPolicy()
        # Bumped whenever a write may have changed the server: reads that were in flight
        # meanwhile may predate it and are not stored.
        self._writes = 0
        # Every GraphQL POST goes here: worked out once, not per POST.
        self._graphql_url = self._url(transport.GRAPHQL_PATH)

    def _key(self, request: GraphQLRequest) -> CacheKey | None:
        return cache_key(identity_of(self.auth, self.http), request)

    def _keys(self, requests: Operations) -> list[CacheKey | None]:
        """Each request's `_key`, who the caller speaks as worked out once for the batch."""
        identity = identity_of(self.auth, self.http)
        if not isinstance(requests, Reads):
            return [cache_key(identity, request) for request in requests]
        keys = []
        for index, variables in enumerate(requests.variables):
            key = read_key(identity, requests.info, variables, requests.unset)
            if key is None:  # not plain scalars: the key of the request built
                key = cache_key(identity, requests.request(index))
            keys.append(key)
        return keys

    def _read_key(
        self, info: OperationInfo, variables: Mapping[str, object], unset: object
    ) -> CacheKey | None:
        """The cache key of a generated read with these arguments, found without a request.

        None without a cache, and for a read `read_key` cannot key (see `read`).
        """
        if self.cache is None:
            return None
        return read_key(identity_of(self.auth, self.http), info, variables, unset)

    def stamp_key(
        self, reader: Reader, info: OperationInfo, variables: Mapping[str, object]
    ) -> CacheKey | None:
        """The key a generated read stores its answer under, for the caller as of now.

        Plain variables find it without building the request; others build it, so that it is
        always the key `read` stores under. None without a cache, or for a read not cached.
        """
        key = self._read_key(info, variables, reader.unset_marker)
        if key is None and self.cache is not None:
            key = self._key(reader.build_read(info, variables, {}))
        return key

    def _viewed(
        self,
        reader: Reader,
        info: OperationInfo,
        key: CacheKey,
        result: GraphQLResult,
        view: View[T],
    ) -> T:
        """What `view` makes of a read's answer, kept beside the cached entry it was made of."""
        viewed = reader.view_answer(info, result, view)
        if self.cache is not None:
            self.cache.keep_view(key, result.data, view, viewed)
        return viewed

    def _keep_views(self, batch: Batch[T], view: View[T]) -> None:
        """Keep what a batch's pure converter made of each answer beside its cached entry.

        Only an item made of the very data an entry holds is kept (see `keep_view`): not one
        the converter refused (a missing page), nor an answer that was not stored.
        """
        if self.cache is None:
            return
        for index in batch.converted:
            key, outcome, item = batch.keys[index], batch.outcomes[index], batch.items[index]
            if key is None or not isinstance(outcome, GraphQLResult):
                continue
            if not isinstance(item, WikiJSError):
                self.cache.keep_view(key, outcome.data, view, cast("T", item))

    def _readable_cache(self, request: GraphQLRequest) -> BaseCache | None:
        """The cache to answer this request from, if any (cache-first is the default)."""
        if request.options.cache in (None, "cache-first"):
            return self.cache
        return None

    def _url(self, path: str) -> httpx.URL:
        """`path` on the wiki, under the base URL and the path prefix it may have (`/wiki/`)."""
        relative = httpx.URL(path)
        prefix = self.base_url.raw_path.rstrip(b"/")
        return self.base_url.copy_with(raw_path=prefix + b"/" + relative.raw_path.lstrip(b"/"))

    def _build(self, requests: Sequence[GraphQLRequest]) -> httpx.Request:
        timeouts = [r.options.timeout for r in requests if r.options.timeout is not None]
        return self.http.build_request(
            "POST",
            self._graphql_url,
            content=transport.encode(requests, batch=len(requests) > 1),
            headers=_headers(requests),
            timeout=max(timeouts) if timeouts else httpx.USE_CLIENT_DEFAULT,
        )

    def _build_rest(self, method: str, path: str, options: RestOptions) -> httpx.Request:
        return self.http.build_request(
            method,
            self._url(path),
            params=options.get("params"),
            headers=options.get("headers"),
            content=options.get("content"),
            data=options.get("data"),
            files=options.get("files"),
            timeout=options.get("timeout", httpx.USE_CLIENT_DEFAULT),
        )

    def _retry_wait(
        self, attempt: int, outcome: Attempt, *, idempotent: bool, started: float, what: str
    ) -> float | None:
        wait = self.retry.delay(attempt, outcome, idempotent=idempotent, started=started)
        if wait is not None:
            self.retry.log_retry(what, attempt, describe(outcome), wait)
        return wait

    @staticmethod
    def _decode(
        requests: Sequence[GraphQLRequest], response: httpx.Response
    ) -> list[GraphQLResult]:
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%s: HTTP %d", _label(requests), response.status_code)
        return transport.decode(response, expected=len(requests) if len(requests) > 1 else None)

    def _settle(
        self,
        requests: Sequence[GraphQLRequest],
        keys: Sequence[CacheKey | None],
        outcomes: Sequence[GraphQLResult | BaseException],
        writes_before: int,
    ) -> Settlement:
        settlement = settle(requests, keys, outcomes, fresh=self._writes == writes_before)
        if settlement.stale:
            self._writes += 1
        return settlement
