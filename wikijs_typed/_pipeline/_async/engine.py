"""The engine: `AsyncEngine` (and, derived from it, `SyncEngine`).

Written once, as async code in `_pipeline/_async/engine.py`; the sync twin in `_sync/` is
derived by `python -m tools.sync_twins`. What both share without I/O is in `_pipeline.engine`.
Lines marked `# async only` have no sync twin: only the async engine gathers concurrent reads
into shared POSTs by itself (auto-batching); the sync one batches what `execute_many` is given.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar, Unpack, cast

import httpx

from wikijs_typed._pipeline.batching import AutoBatching, Coalescer  # async only
from wikijs_typed._pipeline.concurrency import async_lock, async_run_all
from wikijs_typed._pipeline.engine import (
    DEFAULT_CHUNK_SIZE,
    DEFAULT_CONCURRENCY,
    IDEMPOTENT_METHODS,
    Attempt,
    Batch,
    EngineBase,
    Operations,
    Outcome,
    Reader,
    RestOptions,
    auto_batchable,  # async only
    detached,
    detached_result,
    final_response,
    identity_of,
    in_turn,
    unconverted,
)
from wikijs_typed._pipeline.operation import (
    LATER,
    CallKeywords,
    GraphQLRequest,
    GraphQLResult,
    Later,
    OperationInfo,
)
from wikijs_typed._pipeline.retry import RetryPolicy
from wikijs_typed.cache._base import BaseCache, CacheKey
from wikijs_typed.cache._views import View
from wikijs_typed.exceptions import WikiJSError

DEFAULT_BATCHING = AutoBatching()  # async only
T = TypeVar("T")


class AsyncEngine(EngineBase):
    """Runs operations over an httpx client: cache, retries, batching and turns around each.

    Args:
        http: the configured client (base URL, auth flow, timeouts); the engine closes it.
        cache: where reads are kept, or None for no cache.
        retry: when to send a request again; None for the default `RetryPolicy()`.
        base_url: the wiki's address, for every request; None for the http client's own.
        auth: the auth flow for every request; None for the http client's own.
        batching: how concurrent reads are gathered into shared POSTs, or None.  # async only
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        cache: BaseCache | None = None,
        retry: RetryPolicy | None = None,
        batching: AutoBatching | None = DEFAULT_BATCHING,  # async only
        base_url: str | None = None,
        auth: httpx.Auth | None = None,
    ) -> None:
        super().__init__(http, cache, retry, base_url, auth)
        self.http: httpx.AsyncClient = http
        self._turns = async_lock()
        self._coalescer: Coalescer | None = None  # async only
        if batching is not None:  # async only
            self._coalescer = Coalescer(batching, self._post)

    def _turn(
        self, requests: Sequence[GraphQLRequest], may_overlap: bool = False
    ) -> contextlib.AbstractAsyncContextManager[object]:
        return self._turns if in_turn(requests, may_overlap) else contextlib.nullcontext()

    async def _send(
        self, request: httpx.Request, *, idempotent: bool, stream: bool = False
    ) -> httpx.Response:
        started, attempt, what = self.retry.clock(), 1, f"{request.method} {request.url.path}"
        while True:
            outcome: Attempt
            try:
                outcome = await self.http.send(request, stream=stream, auth=self.auth)
            except httpx.TransportError as exc:
                outcome = exc
            wait = self._retry_wait(
                attempt, outcome, idempotent=idempotent, started=started, what=what
            )
            if wait is None:
                return final_response(outcome)
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
        """The cache's stamp of this read's entry (see `BaseCache.stamp`).

        Args:
            request: the read.

        Returns:
            The stamp, or None without a cache or a cached entry.
        """
        key = self._key(request)
        return None if self.cache is None or key is None else await self.cache.astamp(key)

    async def stamps(self, requests: Sequence[GraphQLRequest]) -> list[str | None]:
        """The cache's stamps of these reads' entries, asked at once (see `stamp`).

        Args:
            requests: the reads.

        Returns:
            Each stamp, or None without a cache or a cached entry, in order.
        """
        if self.cache is None:
            return [None] * len(requests)
        return await self.stamps_of(self._keys(requests))

    async def stamps_of(self, keys: Sequence[CacheKey | None]) -> list[str | None]:
        """The cache's stamps of these entries, asked at once; None where a key is None.

        Args:
            keys: the entries' keys (None for a read that has none).

        Returns:
            Each stamp, or None without a cache or a cached entry, in order.
        """
        cache = self.cache
        if cache is None:
            return [None] * len(keys)
        known = [key for key in keys if key is not None]
        if not cache.waits:  # async only
            return _in_order(keys, cache.stamps(known))  # async only
        return _in_order(keys, await cache.astamps(known))

    async def read_stamp(
        self, reader: Reader, info: OperationInfo, variables: Mapping[str, object]
    ) -> str | None:
        """The cache's stamp of the entry a generated read stores, found as `read_now` finds it.

        Plain variables find the key without building the request; others build it, so the
        stamp is always the one of the key `read` stores under.

        Args:
            reader: the generated client the read is made through.
            info: the operation.
            variables: its variables, as the generated method's arguments give them.

        Returns:
            The stamp, or None without a cache or a cached entry.
        """
        return await self.stamped_read(reader, info, variables).stamp()

    def stamped_reads(self, reader: Reader, info: OperationInfo) -> AsyncStampedReads:
        """The stamps of the entries a generated read by id stores, many at once.

        Args:
            reader: the generated client the read is made through.
            info: the operation; its `id` variable takes each id.

        Returns:
            What tells the stamps of the reads of any ids, asked of the cache at once.
        """
        return AsyncStampedReads(self, reader, info)

    def stamped_read(
        self, reader: Reader, info: OperationInfo, variables: Mapping[str, object]
    ) -> AsyncStampedRead:
        """The stamp of the entry a generated read stores, to be checked again and again.

        What `read_stamp` tells, for a caller that checks the same read on every request: the
        arguments are taken once, and the entry's key found once per caller identity.

        Args:
            reader: the generated client the read is made through.
            info: the operation.
            variables: its variables, as the generated method's arguments give them.

        Returns:
            The read's stamp, asked of the cache on each `stamp()`.
        """
        return AsyncStampedRead(self, reader, info, variables)

    async def execute(self, request: GraphQLRequest) -> GraphQLResult:
        """Run one operation: from the cache when it holds the answer, else over HTTP.

        Args:
            request: the operation.

        Returns:
            The server's answer (or the cached one).

        Raises:
            WikiJSError: the request failed as a whole (transport, HTTP status, undecodable).
        """
        key = self._key(request)
        hit = await self._lookup(request, key)
        if hit is not None:
            return detached_result(hit)
        result = await self._fetch(request, key)
        # A read the cache stored is handed out as a copy too.
        return result if self.cache is None else detached_result(result)

    def read_now(
        self, reader: Reader, info: OperationInfo, variables: Mapping[str, object], view: View[T]
    ) -> T | Later:
        """What a cache-first read makes of its answer, when the cache answers it at once.

        The first half of a read, a plain call: the cache is looked up once (by the async
        engine only when the lookup need not wait on I/O, so that a hit costs no coroutine).
        A hit builds no request: it hands out a copy of what `view` made of the entry the
        first time, when the cache kept one, else what `view` makes of the cached data.
        Anything else is left to `read_later`, which does not look the cache up again: a miss
        is counted once and costs a shared cache one round trip.

        Args:
            reader: the generated client: how the read's request is built and viewed.
            info: the operation, as the codegen plugin recorded it.
            variables: its variables, as the generated method's arguments gave them.
            view: what makes something of the answer's data: the key its views are kept by.

        Returns:
            What `view` made of the cached answer, or a copy of it the cache kept; `LATER`
            when the read must wait for the cache or the server.

        Raises:
            WikiJSError: the cached answer stands for an error.
        """
        key = self._read_key(info, variables, reader.unset_marker)
        cache = self.cache
        if key is None or cache is None:
            return LATER
        if cache.waits:  # async only
            return LATER  # async only
        value, kept = cache.lookup(key, view)
        if kept is not None:
            return kept
        if not isinstance(value, dict):
            return LATER
        return self._viewed(reader, info, key, GraphQLResult(value), view)

    async def read_later(
        self,
        reader: Reader,
        info: OperationInfo,
        variables: Mapping[str, object],
        view: View[T],
        options: CallKeywords,
    ) -> T:
        """Finish a read `read_now` left for later: ask the cache that waits, else the server.

        Args:
            reader: the generated client, as `read_now` was given it.
            info: the operation.
            variables: its variables.
            view: what makes something of the answer's data.
            options: the call options (ones that read the cache).

        Returns:
            What `view` made of the answer, or a copy of it the cache kept.

        Raises:
            WikiJSError: the request failed, or its answer stands for an error.
        """
        key = self._read_key(info, variables, reader.unset_marker)
        if key is None or self.cache is None:
            response = await self.execute(reader.build_read(info, variables, options))
            return reader.view_answer(info, response, view)
        if self.cache.waits:  # async only
            value, kept = await self.cache.alookup(key, view)
            if kept is not None:
                return kept
            if isinstance(value, dict):
                return self._viewed(reader, info, key, GraphQLResult(value), view)
        result = await self._fetch(reader.build_read(info, variables, options), key)
        return self._viewed(reader, info, key, result, view)

    async def _fetch(self, request: GraphQLRequest, key: CacheKey | None) -> GraphQLResult:
        """Send a request the cache did not answer, and store or invalidate what it should."""
        writes_before = self._writes
        try:
            result, shared = await self._execute_uncached(request, key)
        except WikiJSError as exc:
            await self._apply([request], [key], [exc], writes_before)
            raise
        # A read that shared another caller's request is stored by that caller.
        if not shared:
            await self._apply([request], [key], [result], writes_before)
        return result

    async def _execute_uncached(
        self, request: GraphQLRequest, key: CacheKey | None
    ) -> tuple[GraphQLResult, bool]:
        """The request's answer, and whether it came from another caller's request."""
        if self._coalescer is not None and auto_batchable(request):  # async only
            return await self._coalescer.submit(request, key)
        async with self._turn([request]):
            results = await self._post([request])
        return results[0], False

    async def execute_many(
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

        Args:
            requests: the operations.
            chunk_size: operations per POST at most.
            concurrency: POSTs in flight at most.
            may_overlap: True when the caller knows its page writes cannot collide.

        Returns:
            For each request, its result or the `WikiJSError` that stands for it.

        Raises:
            ValueError: `chunk_size` is less than 1.
        """
        return await self.execute_converted(
            requests,
            unconverted if self.cache is None else detached,
            chunk_size=chunk_size,
            concurrency=concurrency,
            may_overlap=may_overlap,
        )

    async def execute_converted(
        self,
        requests: Operations,
        convert: Callable[[Outcome], T],
        *,
        pure: bool = False,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        concurrency: int = DEFAULT_CONCURRENCY,
        may_overlap: bool = False,
    ) -> list[T | WikiJSError]:
        """As `execute_many`, each outcome made into what `convert` makes of it.

        A chunk is converted as soon as its answer arrives, while the others are still on
        their way, so that parsing many items adds little to the time the batch takes.

        Args:
            requests: the operations: requests, or `Reads` of one query, whose requests are
                built only for what the cache does not answer.
            convert: what an outcome becomes (a parser); a `WikiJSError` it raises stands for
                the item.
            pure: True when `convert` is a pure function of an answer's data, and one stable
                object (a module's function, never a bound method made per call): what it
                makes of a cached answer is then kept beside the entry, by `convert`, and a
                cache hit is a copy of that, as a single read's hit is (see `read_now`).
            chunk_size: operations per POST at most.
            concurrency: POSTs in flight at most.
            may_overlap: True when the caller knows its page writes cannot collide.

        Returns:
            For each request, what `convert` made of its outcome, or the `WikiJSError` that
            stands for it.

        Raises:
            ValueError: `chunk_size` is less than 1.
        """
        batch = Batch(requests, self._keys(requests), convert)
        # The converter is the key of the views it made: used as a key only, never called.
        view = cast("View[T]", convert) if pure else None
        for index, request in enumerate(batch.requests if self.cache is not None else ()):
            # Reads are built to be read cache-first.
            cache = self.cache if request is None else self._readable_cache(request)
            key = batch.keys[index]
            if key is None or cache is None:
                continue
            if view is None:
                batch.hit(index, await cache.aget(key))
                continue
            if not cache.waits:  # async only
                batch.hit(index, *cache.lookup(key, view))  # async only
                continue  # async only
            batch.hit(index, *await cache.alookup(key, view))
        chunks, twins = batch.chunks(chunk_size)

        async def run(chunk: list[int]) -> None:
            sent = batch.sent(chunk)
            keys = [batch.keys[i] for i in chunk]
            async with self._turn(sent, may_overlap):
                writes_before = self._writes
                results, shared = await self._execute_chunk(sent, keys, chunk_size)
            # Stored while the chunk still counts against `concurrency`: a shared cache
            # (Redis) then sees at most that many chunks stored at once. A read that shared
            # another caller's request is stored by that caller.
            mine = [n for n in range(len(sent)) if n not in shared]
            await self._apply(
                [sent[n] for n in mine],
                [keys[n] for n in mine],
                [results[n] for n in mine],
                writes_before,
            )
            batch.arrived(chunk, results)

        await async_run_all(run, chunks, at_once=concurrency)
        results = batch.results(twins)
        if view is not None:
            self._keep_views(batch, view)
        return results

    async def _execute_chunk(
        self, requests: Sequence[GraphQLRequest], keys: Sequence[CacheKey | None], chunk_size: int
    ) -> tuple[list[Outcome], set[int]]:
        """The chunk's outcomes, and which of its reads came from another caller's request."""
        if self._may_coalesce(requests, chunk_size):  # async only
            return await self._coalesced(requests, keys)
        try:
            return list(await self._post(requests)), set()
        except WikiJSError as exc:
            return [exc] * len(requests), set()

    def _may_coalesce(  # async only
        self, requests: Sequence[GraphQLRequest], chunk_size: int
    ) -> bool:
        # The coalescer's POSTs never exceed its max_size: only then do they honour chunk_size.
        return (
            self._coalescer is not None
            and self._coalescer.config.max_size <= chunk_size
            and all(auto_batchable(request) for request in requests)
        )

    async def _coalesced(  # async only
        self, requests: Sequence[GraphQLRequest], keys: Sequence[CacheKey | None]
    ) -> tuple[list[Outcome], set[int]]:
        """Send a chunk's reads through the coalescer, as `execute` sends one.

        A read identical to one in flight (another caller's, a failing one included) waits for
        that answer, and reads of concurrent callers share POSTs.

        Returns:
            The outcomes, and the indexes of the reads that were shared.
        """
        assert self._coalescer is not None
        answers, shared = await self._coalescer.submit_many(requests, keys)
        outcomes: list[Outcome] = []
        for answer in answers:
            if isinstance(answer, Exception) and not isinstance(answer, WikiJSError):
                raise answer
            outcomes.append(answer)
        return outcomes, shared

    async def send(
        self, method: str, path: str, *, stream: bool = False, **options: Unpack[RestOptions]
    ) -> httpx.Response:
        """A REST call (asset upload, download) with the client's auth and retry policy.

        Args:
            method: the HTTP method.
            path: the path on the wiki.
            stream: True to read the body later; the caller must then close the response.
            **options: httpx's request arguments (params, headers, content, data, files) and a
                timeout in seconds.

        Returns:
            The answer, whatever its status.

        Raises:
            WikiJSError: the transport failed (after the retries the policy allows).
        """
        request = self._build_rest(method, path, options)
        idempotent = request.method in IDEMPOTENT_METHODS
        return await self._send(request, idempotent=idempotent, stream=stream)

    async def aclose(self) -> None:
        """Close the httpx client (the async engine first sends the reads it still gathers)."""
        if self._coalescer is not None:  # async only
            await self._coalescer.aclose()
        await self.http.aclose()


class AsyncStampedRead:
    """The cache's stamp of one generated read's entry, made by the engine's `stamped_read`.

    The entry's key is found again only when the caller's identity changes (an auth handler
    renews its token, the client's headers change): it depends on nothing else. The stamp
    itself is asked of the cache on every `stamp()`, so a store, an invalidation, an expiry
    or another process's write on a shared cache is seen at once.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        reader: Reader,
        info: OperationInfo,
        variables: Mapping[str, object],
    ) -> None:
        self._engine = engine
        self._reader = reader
        self._info = info
        self._variables = dict(variables)
        # (identity, key), replaced as one: a thread of the sync twin never pairs a key with
        # another identity's.
        self._keyed: tuple[str, CacheKey | None] | None = None

    async def stamp(self) -> str | None:
        """The entry's stamp (see `BaseCache.stamp`).

        Returns:
            The stamp, or None without a cache or a cached entry.
        """
        engine = self._engine
        cache = engine.cache
        if cache is None:
            return None
        key = self.key(identity_of(engine.auth, engine.http))
        if key is None:
            return None
        if not cache.waits:  # async only
            return cache.stamp(key)  # a cache that never waits needs no coroutine
        return await cache.astamp(key)

    def key(self, identity: str) -> CacheKey | None:
        """The entry's key for a caller identity, found again only when that changes."""
        keyed = self._keyed
        if keyed is None or keyed[0] != identity:
            keyed = (identity, self._engine.stamp_key(self._reader, self._info, self._variables))
            self._keyed = keyed
        return keyed[1]


def _in_order(keys: Sequence[CacheKey | None], stamps: Sequence[str | None]) -> list[str | None]:
    """The stamps of the keys that are not None, with None where a key is."""
    found = iter(stamps)
    return [None if key is None else next(found) for key in keys]


# Reads by id whose entries' keys an `AsyncStampedReads` keeps (a wiki's pages, say).
_MAX_STAMPED_IDS = 4096


class AsyncStampedReads:
    """The stamps of one generated read's entries by id (`{"id": n}`), asked at once.

    What `AsyncStampedRead` tells for one entry, for many: each id's key is found once per
    caller identity, and the stamps of all the ids asked together are one question to the
    cache (one lock, or one call).
    """

    def __init__(self, engine: AsyncEngine, reader: Reader, info: OperationInfo) -> None:
        self._engine = engine
        self._reader = reader
        self._info = info
        self._reads: dict[int, AsyncStampedRead] = {}

    async def stamps(self, ids: Sequence[int]) -> list[str | None]:
        """Each id's entry's stamp (see `BaseCache.stamp`), in the order of `ids`.

        Args:
            ids: The ids the read's `id` variable takes.

        Returns:
            Each stamp, or None without a cache or a cached entry.
        """
        engine = self._engine
        if engine.cache is None:
            return [None] * len(ids)
        identity = identity_of(engine.auth, engine.http)
        return await engine.stamps_of([self._read(item_id).key(identity) for item_id in ids])

    def _read(self, item_id: int) -> AsyncStampedRead:
        read = self._reads.get(item_id)
        if read is None:
            if len(self._reads) >= _MAX_STAMPED_IDS:
                self._reads.clear()
            read = AsyncStampedRead(self._engine, self._reader, self._info, {"id": item_id})
            self._reads[item_id] = read
        return read
