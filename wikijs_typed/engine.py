"""The executors behind the seam: how a `GraphQLRequest` becomes a `GraphQLResult`.

`SyncEngine` and `AsyncEngine` hold the configured httpx client (base URL, auth flow,
timeouts) and send operations one at a time (`execute`) or in JSON-array batches
(`execute_many`). Caching, automatic batching and retries are layered here too.
"""

from __future__ import annotations

from collections.abc import Sequence

import httpx

from wikijs_typed import transport
from wikijs_typed.exceptions import WikiJSError
from wikijs_typed.operation import GraphQLRequest, GraphQLResult

DEFAULT_CHUNK_SIZE = 50

# One item of a batch: the operation's result, or why it has none.
Outcome = GraphQLResult | WikiJSError


def _request_extensions(requests: Sequence[GraphQLRequest]) -> dict[str, object]:
    timeouts = [r.options.timeout for r in requests if r.options.timeout is not None]
    return {"timeout": httpx.Timeout(max(timeouts)).as_dict()} if timeouts else {}


def _headers(requests: Sequence[GraphQLRequest]) -> dict[str, str]:
    headers = {"Content-Type": transport.JSON_CONTENT_TYPE}
    for request in requests:
        headers.update(request.options.headers or {})
    return headers


def _chunks(items: Sequence[GraphQLRequest], size: int) -> list[Sequence[GraphQLRequest]]:
    if size < 1:
        raise ValueError("chunk_size must be at least 1")
    return [items[i : i + size] for i in range(0, len(items), size)]


class SyncEngine:
    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def _post(self, requests: Sequence[GraphQLRequest], *, batch: bool) -> list[GraphQLResult]:
        try:
            response = self.http.post(
                transport.GRAPHQL_PATH,
                content=transport.encode(requests, batch=batch),
                headers=_headers(requests),
                extensions=_request_extensions(requests),
            )
        except httpx.TransportError as exc:
            raise transport.network_failure(exc) from exc
        return transport.decode(response, expected=len(requests) if batch else None)

    def execute(self, request: GraphQLRequest) -> GraphQLResult:
        return self._post([request], batch=False)[0]

    def execute_many(
        self, requests: Sequence[GraphQLRequest], *, chunk_size: int = DEFAULT_CHUNK_SIZE
    ) -> list[Outcome]:
        """Every request's outcome, in input order; a failed chunk fails only its own items."""
        outcomes: list[Outcome] = []
        for chunk in _chunks(requests, chunk_size):
            try:
                outcomes.extend(self._post(chunk, batch=True))
            except WikiJSError as exc:
                outcomes.extend([exc] * len(chunk))
        return outcomes

    def close(self) -> None:
        self.http.close()


class AsyncEngine:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def _post(
        self, requests: Sequence[GraphQLRequest], *, batch: bool
    ) -> list[GraphQLResult]:
        try:
            response = await self.http.post(
                transport.GRAPHQL_PATH,
                content=transport.encode(requests, batch=batch),
                headers=_headers(requests),
                extensions=_request_extensions(requests),
            )
        except httpx.TransportError as exc:
            raise transport.network_failure(exc) from exc
        return transport.decode(response, expected=len(requests) if batch else None)

    async def execute(self, request: GraphQLRequest) -> GraphQLResult:
        return (await self._post([request], batch=False))[0]

    async def execute_many(
        self, requests: Sequence[GraphQLRequest], *, chunk_size: int = DEFAULT_CHUNK_SIZE
    ) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for chunk in _chunks(requests, chunk_size):
            try:
                outcomes.extend(await self._post(chunk, batch=True))
            except WikiJSError as exc:
                outcomes.extend([exc] * len(chunk))
        return outcomes

    async def aclose(self) -> None:
        await self.http.aclose()
