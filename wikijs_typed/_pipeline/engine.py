"""The executors behind the seam: how a `GraphQLRequest` becomes a `GraphQLResult`.

`SyncEngine` and `AsyncEngine` hold the configured httpx client (base URL, auth flow,
timeouts) and add, around every operation:
- the cache: cache-first reads, normalized invalidation by mutations (`wikijs_typed.cache`);
- retries with backoff for what is safe to resend (`wikijs_typed._pipeline.retry`);
- batching: `execute_many` sends JSON-array POSTs in chunks with bounded concurrency, and the
  async engine also gathers concurrent reads by itself (`wikijs_typed._pipeline.batching`);
- turns: page writes that would collide on the server run one at a time (`_pipeline.turns`).
`send` makes REST calls (asset upload and download) through the same client and policy.

The decisions live in those modules and in `transport`; the two engines differ only in how
they wait.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
from collections.abc import Mapping, Sequence
from typing import TypedDict, Unpack, cast

import httpx
from httpx._types import HeaderTypes, QueryParamTypes, RequestContent, RequestData, RequestFiles

from wikijs_typed._pipeline import transport
from wikijs_typed._pipeline.batching import AutoBatching, Coalescer
from wikijs_typed._pipeline.operation import GraphQLRequest, GraphQLResult, OperationInfo
from wikijs_typed._pipeline.retry import RetryPolicy, describe
from wikijs_typed._pipeline.turns import takes_turns
from wikijs_typed.auth import AuthHandler
from wikijs_typed.cache._base import BaseCache, CacheKey
from wikijs_typed.cache._normalize import Settlement, cache_key, read_key, settle
from wikijs_typed.cache._views import Copier, copier
from wikijs_typed.exceptions import WikiJSError

log = logging.getLogger("wikijs_typed._pipeline.engine")

DEFAULT_CHUNK_SIZE = 50
DEFAULT_CONCURRENCY = 4
DEFAULT_BATCHING = AutoBatching()
# Methods that may reach the server twice without harm; a POST never is.
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

# One item of a batch: the operation's result, or why it has none.
Outcome = GraphQLResult | WikiJSError
Attempt = httpx.Response | httpx.TransportError


class RestOptions(TypedDict, total=False):
    """What a REST call (`send`) may carry besides its method and path."""

    params: QueryParamTypes
    headers: HeaderTypes
    content: RequestContent
    data: RequestData
    files: RequestFiles
    timeout: float


def identity_of(http: httpx.Client | httpx.AsyncClient) -> str:
    """Who the client speaks as, for cache keys: never the credential itself."""
    auth = http.auth
    if isinstance(auth, AuthHandler):
        return auth.identity
    header = http.headers.get("Authorization")
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


def _final(outcome: Attempt) -> httpx.Response:
    if isinstance(outcome, httpx.TransportError):
        raise transport.network_failure(outcome) from outcome
    return outcome


def _in_turn(requests: Sequence[GraphQLRequest], may_overlap: bool) -> bool:
    return not may_overlap and any(takes_turns(r) for r in requests)


def _auto_batchable(request: GraphQLRequest) -> bool:
    # Per-call headers or timeouts would apply to every operation in a shared POST.
    return (
        not request.is_mutation
        and request.options.headers is None
        and request.options.timeout is None
    )


class _Batch:
    """The bookkeeping of one `execute_many` call: cache hits, duplicates, chunks."""

    def __init__(self, requests: Sequence[GraphQLRequest], keys: list[CacheKey | None]) -> None:
        self.requests = requests
        self.keys = keys
        self.outcomes: list[Outcome | None] = [None] * len(requests)

    def chunks(self, size: int) -> tuple[list[list[int]], dict[int, int]]:
        """Chunks of indexes to send, and {duplicate index: index of the read sent for it}."""
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
            todo.append(index)
        return [todo[i : i + size] for i in range(0, len(todo), size)], twins

    def results(self, twins: dict[int, int]) -> list[Outcome]:
        for index, original in twins.items():
            self.outcomes[index] = self.outcomes[original]
        done = [outcome for outcome in self.outcomes if outcome is not None]
        if len(done) != len(self.outcomes):
            raise RuntimeError("a batch item was left without an outcome")
        return done


class _EngineBase:
    """State and decisions shared by both engines; no I/O here."""

    http: httpx.Client | httpx.AsyncClient

    def __init__(self, cache: BaseCache | None, retry: RetryPolicy | None) -> None:
        self.cache = cache
        self.retry = retry if retry is not None else RetryPolicy()
        # Bumped whenever a write may have changed the server: reads that were in flight
        # meanwhile may predate it and are not stored.
        self._writes = 0

    def _key(self, request: GraphQLRequest) -> CacheKey | None:
        return cache_key(identity_of(self.http), request)

    def cached_view(
        self, info: OperationInfo, variables: Mapping[str, object], unset: object, view: object
    ) -> object | None:
        """A fresh copy of what `view` made of the cached answer to this read (`keep_view`),
        found without building the request; None when there is none."""
        if self.cache is None:
            return None
        key = read_key(identity_of(self.http), info, variables, unset)
        kept = None if key is None else self.cache.view(key, view)
        return None if kept is None else cast("Copier[object]", kept)()

    def keep_view(
        self,
        info: OperationInfo,
        variables: Mapping[str, object],
        unset: object,
        data: object,
        view: object,
        viewed: object,
    ) -> None:
        """Keep a copy of `viewed` (what `view` made of `data`) beside the cached answer to
        this read, if `data` is that answer."""
        if self.cache is None:
            return
        key = read_key(identity_of(self.http), info, variables, unset)
        if key is not None:
            # Copied only here, where there is a cache to keep it: the caller may change what
            # it got, never what the next caller gets.
            self.cache.keep_view(key, data, view, copier(copier(viewed)()))

    def _readable_cache(self, request: GraphQLRequest) -> BaseCache | None:
        """The cache to answer this request from, if any (cache-first is the default)."""
        if request.options.cache in (None, "cache-first"):
            return self.cache
        return None

    def _build(self, requests: Sequence[GraphQLRequest]) -> httpx.Request:
        timeouts = [r.options.timeout for r in requests if r.options.timeout is not None]
        return self.http.build_request(
            "POST",
            transport.GRAPHQL_PATH,
            content=transport.encode(requests, batch=len(requests) > 1),
            headers=_headers(requests),
            timeout=max(timeouts) if timeouts else httpx.USE_CLIENT_DEFAULT,
        )

    def _build_rest(self, method: str, path: str, options: RestOptions) -> httpx.Request:
        return self.http.build_request(
            method,
            path,
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


class SyncEngine(_EngineBase):
    """Runs operations with a blocking `httpx.Client`; `execute_many` uses threads."""

    def __init__(
        self,
        http: httpx.Client,
        *,
        cache: BaseCache | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        super().__init__(cache, retry)
        self.http: httpx.Client = http
        self._turns = threading.Lock()

    def _turn(
        self, requests: Sequence[GraphQLRequest], may_overlap: bool = False
    ) -> contextlib.AbstractContextManager[object]:
        return self._turns if _in_turn(requests, may_overlap) else contextlib.nullcontext()

    def _send(
        self, request: httpx.Request, *, idempotent: bool, stream: bool = False
    ) -> httpx.Response:
        started, attempt, what = self.retry.clock(), 1, f"{request.method} {request.url.path}"
        while True:
            outcome: Attempt
            try:
                outcome = self.http.send(request, stream=stream)
            except httpx.TransportError as exc:
                outcome = exc
            wait = self._retry_wait(
                attempt, outcome, idempotent=idempotent, started=started, what=what
            )
            if wait is None:
                return _final(outcome)
            if isinstance(outcome, httpx.Response):
                outcome.close()
            self.retry.sleep(wait)
            attempt += 1

    def _post(self, requests: Sequence[GraphQLRequest]) -> list[GraphQLResult]:
        idempotent = not any(r.is_mutation for r in requests)
        return self._decode(requests, self._send(self._build(requests), idempotent=idempotent))

    def _apply(
        self,
        requests: Sequence[GraphQLRequest],
        keys: Sequence[CacheKey | None],
        outcomes: Sequence[GraphQLResult | BaseException],
        writes_before: int,
    ) -> None:
        if self.cache is None:
            return
        settlement = self._settle(requests, keys, outcomes, writes_before)
        for key, data, tags in settlement.stores:
            self.cache.set(key, data, tags=tags)
        self.cache.invalidate(settlement.stale)

    def _lookup(self, request: GraphQLRequest, key: CacheKey | None) -> GraphQLResult | None:
        cache = self._readable_cache(request)
        if cache is None or key is None:
            return None
        hit = cache.get(key)
        return GraphQLResult(hit) if isinstance(hit, dict) else None

    def stamp(self, request: GraphQLRequest) -> str | None:
        """The cache's stamp of this read's entry (see `BaseCache.stamp`); None without one."""
        key = self._key(request)
        return None if self.cache is None or key is None else self.cache.stamp(key)

    def execute(self, request: GraphQLRequest) -> GraphQLResult:
        key = self._key(request) if self.cache is not None else None
        hit = self._lookup(request, key)
        if hit is not None:
            return hit
        writes_before = self._writes
        try:
            with self._turn([request]):
                result = self._post([request])[0]
        except WikiJSError as exc:
            self._apply([request], [key], [exc], writes_before)
            raise
        self._apply([request], [key], [result], writes_before)
        return result

    def execute_many(
        self,
        requests: Sequence[GraphQLRequest],
        *,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        concurrency: int = DEFAULT_CONCURRENCY,
        may_overlap: bool = False,
    ) -> list[Outcome]:
        """Every request's outcome, in input order.

        Cached reads are answered from the cache and identical reads are sent once; the rest
        go as JSON-array POSTs of up to `chunk_size` operations, `concurrency` at a time.
        A chunk that fails as a whole fails only its own items. Page writes that would
        collide take turns unless the caller knows they cannot (`may_overlap=True`).
        """
        batch = _Batch(requests, [self._key(r) for r in requests])
        for index, request in enumerate(requests):
            batch.outcomes[index] = self._lookup(request, batch.keys[index])
        chunks, twins = batch.chunks(chunk_size)

        def run(chunk: list[int]) -> None:
            sent = [requests[i] for i in chunk]
            writes_before = self._writes
            results: Sequence[Outcome]
            try:
                with self._turn(sent, may_overlap):
                    results = self._post(sent)
            except WikiJSError as exc:
                results = [exc] * len(sent)
            self._apply(sent, [batch.keys[i] for i in chunk], results, writes_before)
            for index, outcome in zip(chunk, results, strict=True):
                batch.outcomes[index] = outcome

        if concurrency > 1 and len(chunks) > 1:
            from concurrent.futures import ThreadPoolExecutor  # only batches need threads

            with ThreadPoolExecutor(min(concurrency, len(chunks))) as pool:
                list(pool.map(run, chunks))
        else:
            for chunk in chunks:
                run(chunk)
        return batch.results(twins)

    def send(
        self, method: str, path: str, *, stream: bool = False, **options: Unpack[RestOptions]
    ) -> httpx.Response:
        """A REST call (asset upload, download) with the client's auth and retry policy.

        `options` are httpx's request arguments (params, headers, content, data, files) and a
        timeout in seconds. The answer is returned whatever its status; transport failures
        raise typed errors. With `stream=True` the caller must close the response.
        """
        request = self._build_rest(method, path, options)
        idempotent = request.method in _IDEMPOTENT_METHODS
        return self._send(request, idempotent=idempotent, stream=stream)

    def close(self) -> None:
        self.http.close()


class AsyncEngine(_EngineBase):
    """Runs operations with an `httpx.AsyncClient`; concurrent reads are batched."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        cache: BaseCache | None = None,
        retry: RetryPolicy | None = None,
        batching: AutoBatching | None = DEFAULT_BATCHING,
    ) -> None:
        super().__init__(cache, retry)
        self.http: httpx.AsyncClient = http
        self._coalescer = Coalescer(batching, self._post) if batching is not None else None
        import asyncio  # here, not at the top: a sync program never loads it

        self._turns: asyncio.Lock = asyncio.Lock()

    def _turn(
        self, requests: Sequence[GraphQLRequest], may_overlap: bool = False
    ) -> contextlib.AbstractAsyncContextManager[object]:
        return self._turns if _in_turn(requests, may_overlap) else contextlib.nullcontext()

    async def _send(
        self, request: httpx.Request, *, idempotent: bool, stream: bool = False
    ) -> httpx.Response:
        started, attempt, what = self.retry.clock(), 1, f"{request.method} {request.url.path}"
        while True:
            outcome: Attempt
            try:
                outcome = await self.http.send(request, stream=stream)
            except httpx.TransportError as exc:
                outcome = exc
            wait = self._retry_wait(
                attempt, outcome, idempotent=idempotent, started=started, what=what
            )
            if wait is None:
                return _final(outcome)
            if isinstance(outcome, httpx.Response):
                await outcome.aclose()
            await self.retry.async_sleep(wait)
            attempt += 1

    async def _post(self, requests: Sequence[GraphQLRequest]) -> list[GraphQLResult]:
        idempotent = not any(r.is_mutation for r in requests)
        response = await self._send(self._build(requests), idempotent=idempotent)
        return self._decode(requests, response)

    async def _apply(
        self,
        requests: Sequence[GraphQLRequest],
        keys: Sequence[CacheKey | None],
        outcomes: Sequence[GraphQLResult | BaseException],
        writes_before: int,
    ) -> None:
        if self.cache is None:
            return
        settlement = self._settle(requests, keys, outcomes, writes_before)
        for key, data, tags in settlement.stores:
            await self.cache.aset(key, data, tags=tags)
        await self.cache.ainvalidate(settlement.stale)

    async def _lookup(self, request: GraphQLRequest, key: CacheKey | None) -> GraphQLResult | None:
        cache = self._readable_cache(request)
        if cache is None or key is None:
            return None
        hit = await cache.aget(key)
        return GraphQLResult(hit) if isinstance(hit, dict) else None

    async def stamp(self, request: GraphQLRequest) -> str | None:
        """As `SyncEngine.stamp`."""
        key = self._key(request)
        return None if self.cache is None or key is None else await self.cache.astamp(key)

    async def execute(self, request: GraphQLRequest) -> GraphQLResult:
        key = self._key(request)
        hit = await self._lookup(request, key)
        if hit is not None:
            return hit
        writes_before = self._writes
        shared = False
        try:
            if self._coalescer is not None and _auto_batchable(request):
                result, shared = await self._coalescer.submit(request, key)
            else:
                async with self._turn([request]):
                    result = (await self._post([request]))[0]
        except WikiJSError as exc:
            await self._apply([request], [key], [exc], writes_before)
            raise
        if not shared:
            await self._apply([request], [key], [result], writes_before)
        return result

    async def execute_many(
        self,
        requests: Sequence[GraphQLRequest],
        *,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        concurrency: int = DEFAULT_CONCURRENCY,
        may_overlap: bool = False,
    ) -> list[Outcome]:
        """As `SyncEngine.execute_many`, with tasks instead of threads."""
        import asyncio  # here, not at the top: a sync program never loads it

        batch = _Batch(requests, [self._key(r) for r in requests])
        for index, request in enumerate(requests):
            batch.outcomes[index] = await self._lookup(request, batch.keys[index])
        chunks, twins = batch.chunks(chunk_size)
        gate = asyncio.Semaphore(max(1, concurrency))

        async def run(chunk: list[int]) -> None:
            sent = [requests[i] for i in chunk]
            keys = [batch.keys[i] for i in chunk]
            # Storing stays inside the gate too: a shared cache (Redis) then sees at most
            # `concurrency` chunks stored at once, not one connection per chunk.
            async with gate:
                async with self._turn(sent, may_overlap):
                    writes_before = self._writes
                    if self._may_coalesce(sent, chunk_size):
                        results, shared = await self._coalesced(sent, keys)
                    else:
                        results, shared = await self._posted(sent), set()
                # A read that shared another caller's request is stored by that caller.
                mine = [n for n in range(len(sent)) if n not in shared]
                await self._apply(
                    [sent[n] for n in mine],
                    [keys[n] for n in mine],
                    [results[n] for n in mine],
                    writes_before,
                )
            for index, outcome in zip(chunk, results, strict=True):
                batch.outcomes[index] = outcome

        await asyncio.gather(*(run(chunk) for chunk in chunks))
        return batch.results(twins)

    def _may_coalesce(self, requests: Sequence[GraphQLRequest], chunk_size: int) -> bool:
        # The coalescer's POSTs never exceed its max_size: only then do they honour chunk_size.
        return (
            self._coalescer is not None
            and self._coalescer.config.max_size <= chunk_size
            and all(_auto_batchable(request) for request in requests)
        )

    async def _posted(self, requests: Sequence[GraphQLRequest]) -> list[Outcome]:
        try:
            return list(await self._post(requests))
        except WikiJSError as exc:
            return [exc] * len(requests)

    async def _coalesced(
        self, requests: Sequence[GraphQLRequest], keys: Sequence[CacheKey | None]
    ) -> tuple[list[Outcome], set[int]]:
        """The reads through the coalescer, as `execute` sends one: a read identical to one in
        flight (another caller's, a failing one included) waits for that answer, and reads of
        concurrent callers share POSTs. Returns the outcomes and which reads were shared."""
        import asyncio

        assert self._coalescer is not None
        answers = await asyncio.gather(
            *(self._coalescer.submit(r, k) for r, k in zip(requests, keys, strict=True)),
            return_exceptions=True,
        )
        outcomes: list[Outcome] = []
        shared: set[int] = set()
        for index, answer in enumerate(answers):
            if isinstance(answer, WikiJSError):
                outcomes.append(answer)
            elif isinstance(answer, BaseException):
                raise answer
            else:
                result, was_shared = answer
                outcomes.append(result)
                if was_shared:
                    shared.add(index)
        return outcomes, shared

    async def send(
        self, method: str, path: str, *, stream: bool = False, **options: Unpack[RestOptions]
    ) -> httpx.Response:
        """As `SyncEngine.send`."""
        request = self._build_rest(method, path, options)
        idempotent = request.method in _IDEMPOTENT_METHODS
        return await self._send(request, idempotent=idempotent, stream=stream)

    async def aclose(self) -> None:
        if self._coalescer is not None:
            await self._coalescer.aclose()
        await self.http.aclose()
