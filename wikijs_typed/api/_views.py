"""The listing, detail and find views of one endpoint: parameters in, the content query, JSON out.

Every check and every Wagtail message comes from the content query (`from_params`); a view
only picks the query's view (listing or detail), and the find view turns a found item into
Wagtail's redirect.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import Receive, Scope, Send

from wikijs_typed.api._endpoints import Endpoint, EndpointQuery
from wikijs_typed.api._memo import Rendered, ResponseMemo
from wikijs_typed.api._request import BadRequest, read_params
from wikijs_typed.api._responses import Renderer, cache_control, error, respond
from wikijs_typed.api._settings import ApiSettings
from wikijs_typed.query._errors import NoMatchError, QueryError
from wikijs_typed.query._fields import View
from wikijs_typed.query._wagtail import detail_url

__all__ = ["API_PREFIX", "AsgiView", "EndpointViews"]

API_PREFIX = "/api/v2"
# A first path segment that names a locale (`en`, `pt-br`, `zh-hans`), as Wiki.js routes them.
_LOCALE = re.compile(r"[a-z]{2}(-[a-z]{2,4})?")
# Wiki.js serves the page at path `home` as the wiki's root.
_HOME = "home"
# Narrowed queries kept per endpoint, the most recently asked for.
_KEPT_QUERIES = 256
# Root URLs kept per endpoint, by the scheme, host and root path they were made from.
_KEPT_ROOTS = 64


class AsgiView:
    """A view as a plain ASGI app, for a Route to call as it is.

    Starlette wraps a view function in another exception handler and response layer of its
    own on every request; the app's exception middleware already answers what a view raises.
    """

    __slots__ = ("_view",)

    def __init__(self, view: Callable[[Request], Awaitable[Response]]) -> None:
        self._view = view

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self._view(Request(scope, receive))
        await response(scope, receive, send)


def _lookups(html_path: str) -> list[dict[str, str]]:
    """The (locale, path) filters an html_path can stand for, most specific first."""
    segments = [part for part in html_path.split("/") if part]
    lookups: list[dict[str, str]] = []
    if len(segments) > 1 and _LOCALE.fullmatch(segments[0]):
        lookups.append({"locale": segments[0], "path": "/".join(segments[1:])})
    lookups.append({"path": "/".join(segments) or _HOME})
    return lookups


class EndpointViews:
    def __init__(
        self, endpoint: Endpoint, query: EndpointQuery, settings: ApiSettings, memo: ResponseMemo
    ) -> None:
        self.endpoint = endpoint
        self.query = query
        self.settings = settings
        self.memo = memo
        self._queries: OrderedDict[tuple[View, tuple[tuple[str, str], ...]], EndpointQuery] = (
            OrderedDict()
        )
        self._roots: dict[tuple[object, ...], str] = {}
        # The listing's query by the raw query string it was made from (see `_narrowed`).
        self._listings: dict[bytes, EndpointQuery] = {}
        # The detail view's query by the raw query string (see `_detail`).
        self._details: dict[bytes, EndpointQuery] = {}
        self._cache_control = cache_control(settings)
        self._render = Renderer(settings.audience)

    def _narrowed(self, params: dict[str, str], view: View = "listing") -> EndpointQuery:
        """The endpoint's query narrowed by `params`, kept for the next request with them.

        A query holds no data, only what the parameters say (its evaluations read the cache),
        so one made for a request answers the same request later as a new one would; it keeps
        its plan, and its parameters are parsed and checked once.
        """
        key = (view, tuple(params.items()))
        query = self._queries.get(key)
        if query is not None:
            self._queries.move_to_end(key)
            return query
        query = self.query.from_params(params, view=view)
        self._queries[key] = query
        if len(self._queries) > _KEPT_QUERIES:
            self._queries.popitem(last=False)
        return query

    def _api_root(self, request: Request) -> str:
        if self.settings.base_url:
            return self.settings.base_url.rstrip("/") + API_PREFIX
        # The request's own root: what Starlette's `base_url` is made from, found again by it.
        scope = request.scope
        server = scope.get("server")
        origin = (
            scope.get("scheme"),
            request.headers.get("host"),
            None if server is None else tuple(server),
            scope.get("app_root_path", scope.get("root_path")),
        )
        root = self._roots.get(origin)
        if root is None:
            root = str(request.base_url).rstrip("/") + API_PREFIX
            if len(self._roots) >= _KEPT_ROOTS:  # the Host header is the client's to choose
                self._roots.clear()
            self._roots[origin] = root
        return root

    async def _memoized(
        self, request: Request, api_root: str, make: Callable[[], Awaitable[Rendered]]
    ) -> Response:
        # The same audience, path, parameters and root URL make the same response.
        scope = request.scope
        query = scope.get("query_string", b"").decode("latin-1")
        key = f"{self.settings.audience} {api_root} {scope['path']}?{query}"
        return respond(request, await self.memo.get(key, make), self._cache_control)

    def _listing_query(self, request: Request) -> EndpointQuery:
        """The listing's query for the request's query string, checked once per string."""
        raw: bytes = request.scope.get("query_string", b"")
        query = self._listings.get(raw)
        if query is None:
            params = read_params(request, self.settings)
            if "search" in params and not self.settings.search_enabled:
                raise BadRequest("search is disabled")
            query = self._narrowed(params)
            if len(self._listings) >= _KEPT_QUERIES:
                self._listings.clear()
            self._listings[raw] = query
        return query

    async def listing(self, request: Request) -> Response:
        query = self._listing_query(request)
        api_root = self._api_root(request)

        async def make() -> Rendered:
            return self._render(await query.fetch_wagtail_json(api_root))

        return await self._memoized(request, api_root, make)

    async def detail(self, request: Request) -> Response:
        api_root = self._api_root(request)

        async def make() -> Rendered:
            return self._render(await self._detail(request, api_root))

        return await self._memoized(request, api_root, make)

    async def _detail(self, request: Request, api_root: str) -> bytes:
        item_id: int = request.path_params["item_id"]
        if item_id < 1:
            raise NoMatchError(self.endpoint.not_found)
        raw: bytes = request.scope.get("query_string", b"")
        query = self._details.get(raw)
        if query is None:
            params = read_params(request, self.settings)
            fields = params.pop("fields", "")
            narrowed = self._narrowed(params, "detail")
            try:
                query = self._narrowed({**params, "fields": fields}, "detail")
            except QueryError:
                # Wagtail looks the item up before it reads `fields`: a missing one is a 404.
                await narrowed.detail_wagtail_json(item_id)
                raise
            # Kept by the raw query string, as a listing's query is (a refused one is not).
            if len(self._details) >= _KEPT_QUERIES:
                self._details.clear()
            self._details[raw] = query
        return await query.detail_wagtail_json(item_id, api_root)

    async def find(self, request: Request) -> Response:
        params = read_params(request, self.settings)
        html_path = params.pop("html_path", None) if self.endpoint.by_html_path else None
        raw_id = params.pop("id", None)
        found: int | None = None
        if html_path is not None:
            for lookup in _lookups(html_path):
                found = await self._first(lookup, params)
                if found is not None:
                    break
        if found is None and raw_id is not None:
            found = await self._first({"id": raw_id}, params)
        if found is None:
            return error(404, "not found")
        location = detail_url(self._api_root(request), self.endpoint.name, found)
        if params:
            location += "?" + urlencode(params, safe=",")
        return RedirectResponse(location, status_code=302)

    async def _first(self, lookup: dict[str, str], params: dict[str, str]) -> int | None:
        # Only `type` shapes the queryset of Wagtail's find view; the rest is forwarded.
        narrowing = {name: params[name] for name in ("type",) if name in params}
        query = self._narrowed({**narrowing, **lookup, "fields": "_,id", "limit": "1"})
        items = (await query.fetch()).to_wagtail()["items"]
        if isinstance(items, list) and items and isinstance(items[0], dict):
            key = items[0].get("id")
            return key if isinstance(key, int) else None
        return None
