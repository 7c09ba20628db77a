"""`create_app()`: the Starlette application, for uvicorn or any ASGI server.

    uvicorn --factory wikijs_typed.api:create_app --workers 4    # configured from the environment

Without a client, the app makes its own from `WIKIJS_URL` and `WIKIJS_API_KEY`, with a
MemoryCache, or a RedisCache on `WIKIJS_REDIS_URL` so that every worker (and every other
wikijs-typed client on that Redis) shares one cache and sees a mutation at once.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from wikijs_typed.api._audience import audience_source, check_audience
from wikijs_typed.api._endpoints import ENDPOINTS
from wikijs_typed.api._memo import ResponseMemo
from wikijs_typed.api._responses import error
from wikijs_typed.api._settings import ApiSettings
from wikijs_typed.api._views import API_PREFIX, AsgiView, EndpointViews
from wikijs_typed.cache._base import BaseCache
from wikijs_typed.exceptions import (
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    ValidationError,
    WikiJSError,
)

if TYPE_CHECKING:
    from wikijs_typed._resources._async.client import AsyncWikiJSClient
    from wikijs_typed.feed._watcher import Watcher
    from wikijs_typed.query._async.pages import AsyncAudienceSource

__all__ = ["create_app"]

log = logging.getLogger("wikijs_typed.api")
_NO_STORE = {"Cache-Control": "no-store"}


def _cache_from_env(ttl: float) -> BaseCache:
    redis_url = os.environ.get("WIKIJS_REDIS_URL")
    if redis_url:
        from wikijs_typed.cache._redis_cache import RedisCache

        return RedisCache(redis_url, ttl=ttl)
    from wikijs_typed.cache._memory import MemoryCache

    return MemoryCache(ttl=ttl)


def _client(
    wiki_url: str | None, api_key: str | None, cache: BaseCache | None, cache_ttl: float
) -> AsyncWikiJSClient:
    from wikijs_typed._resources._async.client import AsyncWikiJSClient

    url = wiki_url or os.environ.get("WIKIJS_URL")
    key = api_key or os.environ.get("WIKIJS_API_KEY")
    if not url:
        raise ConfigurationError("the content API needs the wiki's URL (WIKIJS_URL)")
    if not key:
        raise ConfigurationError("the content API needs an API key (WIKIJS_API_KEY)")
    if cache is None:
        cache = _cache_from_env(cache_ttl)
    return AsyncWikiJSClient(url, key, cache=cache)


async def _check_key(wiki: AsyncWikiJSClient) -> None:
    """Refuse to start on a key Wiki.js does not know.

    Wiki.js would answer every read as the Guest user, and the API would serve an empty wiki
    without a word.
    """
    try:
        await wiki.test_connection()
    except AuthenticationError:
        await wiki.close()
        raise
    except WikiJSError as exc:
        # A wiki that is down now may be up by the first request.
        log.warning("the wiki did not answer at start-up: %s: %s", type(exc).__name__, exc)


def _watcher(client: AsyncWikiJSClient, settings: ApiSettings) -> Watcher | None:
    """Make the poller that keeps the cache current with edits made on the wiki.

    None when there is no cache to keep, or polling is off.
    """
    if client.cache is None or not settings.poll_interval > 0:
        return None
    from wikijs_typed.feed._watcher import Watcher

    return Watcher(client, interval=settings.poll_interval)


def _health(watcher: Watcher | None) -> Route:
    async def health(request: Request) -> Response:
        """How fresh the served content is: the age of the last good poll of the wiki."""
        if watcher is None:
            return JSONResponse({"ok": True, "polling": False}, headers=_NO_STORE)
        state = await watcher.health()
        status = 200 if state.ok else 503
        return JSONResponse(state.as_dict(), status_code=status, headers=_NO_STORE)

    return Route(f"{API_PREFIX}/_health", health, methods=["GET"])


def _routes(
    client: AsyncWikiJSClient, settings: ApiSettings, audience: AsyncAudienceSource
) -> list[BaseRoute]:
    routes: list[BaseRoute] = []
    memo = ResponseMemo(client.cache, lifetime=settings.memo_seconds)
    for endpoint in ENDPOINTS:
        query = endpoint.base_query(client, settings, audience)
        views = EndpointViews(endpoint, query, settings, memo)
        # Full paths, not a Mount: a second router would cost every request a second match.
        prefix = f"{API_PREFIX}/{endpoint.name}"
        routes += [
            Route(f"{prefix}/", AsgiView(views.listing), methods=["GET"]),
            Route(f"{prefix}/find/", AsgiView(views.find), methods=["GET"]),
            Route(f"{prefix}/{{item_id:int}}/", AsgiView(views.detail), methods=["GET"]),
        ]
    return routes


async def _bad_request(request: Request, exc: Exception) -> Response:
    return error(400, str(exc))


async def _not_found(request: Request, exc: Exception) -> Response:
    return error(404, str(exc))


async def _wiki_failed(request: Request, exc: Exception) -> Response:
    # The message names the failure, never the request that carried the key.
    log.warning("reading the wiki failed: %s: %s", type(exc).__name__, exc)
    return error(502, "the wiki could not be read")


async def _http(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException) and exc.status_code == 405:
        response = error(405, f'Method "{request.method}" not allowed.', key="detail")
        response.headers.update(exc.headers or {})
        return response
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    return error(status, "not found" if status == 404 else "request failed")


class _AnswerUnexpected:
    """Answer an exception nothing else handles with the API's JSON envelope (500).

    Never a plain-text page; the traceback goes to the server log once, with the path and no
    headers.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception:
            if started:  # too late for an answer: the server closes the connection and logs it
                raise
            log.exception("unexpected error answering %s", scope.get("path", "?"))
            answer = error(500, "internal error: the API could not answer this request")
            await answer(scope, receive, send)


def create_app(
    client: AsyncWikiJSClient | None = None,
    *,
    settings: ApiSettings | None = None,
    wiki_url: str | None = None,
    api_key: str | None = None,
    cache: BaseCache | None = None,
) -> Starlette:
    """Make the content API as an ASGI application, to serve with any ASGI server.

    At start-up (the app's lifespan) it checks the audience it is to serve, and, over a client
    it made itself, that Wiki.js knows the key; with a cache and `poll_interval`, it starts a
    `Watcher` that keeps the cache current, stopped with the app.

    Args:
        client: The client to read the wiki through; the caller closes it. None makes one from
            `wiki_url`, `api_key` and `cache`, closed with the app.
        settings: How to serve; None reads them from the environment (`ApiSettings.from_env`).
        wiki_url: The wiki's address when no client is given; None reads WIKIJS_URL.
        api_key: The API key when no client is given; None reads WIKIJS_API_KEY.
        cache: The cache of a client made here; None makes a RedisCache when WIKIJS_REDIS_URL
            is set, else a MemoryCache, both keeping answers for `settings.cache_ttl`.

    Returns:
        The Starlette application, serving under `/api/v2/`.

    Raises:
        ConfigurationError: No client is given and the wiki's URL or the key is missing from
            both the arguments and the environment, or the environment's settings are bad.
    """
    settings = settings if settings is not None else ApiSettings.from_env()
    owned = client is None
    wiki = client if client is not None else _client(wiki_url, api_key, cache, settings.cache_ttl)
    audience = audience_source(wiki, settings.audience_choice)
    watcher = _watcher(wiki, settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if owned:
            await _check_key(wiki)
        try:
            await check_audience(audience)
        except ConfigurationError:
            if owned:
                await wiki.close()
            raise
        if watcher is not None:
            watcher.start()
        yield
        if watcher is not None:
            await watcher.stop()
        if owned:
            await wiki.close()

    # The content first: a router tries its routes in order.
    routes = [*_routes(wiki, settings, audience), _health(watcher)]
    return Starlette(
        routes=routes,
        middleware=[Middleware(_AnswerUnexpected)],
        exception_handlers={
            ValidationError: _bad_request,
            NotFoundError: _not_found,
            WikiJSError: _wiki_failed,
            HTTPException: _http,
        },
        lifespan=lifespan,
    )
