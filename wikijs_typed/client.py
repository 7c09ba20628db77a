"""`WikiJSClient` and `AsyncWikiJSClient`: the facades users start from."""

from __future__ import annotations

from types import TracebackType
from typing import Self, TypeVar

import httpx
from wikijs_graphql import AsyncGraphQLClient, GraphQLClient

from wikijs_typed.auth import APIKeyAuth, AuthHandler
from wikijs_typed.engine import AsyncEngine, SyncEngine
from wikijs_typed.exceptions import ConfigurationError
from wikijs_typed.seam import AsyncBaseClient, BaseClient

DEFAULT_TIMEOUT = 30.0
DEFAULT_USER_AGENT = "wikijs-typed/0.1"

SyncClientT = TypeVar("SyncClientT", bound=BaseClient)
AsyncClientT = TypeVar("AsyncClientT", bound=AsyncBaseClient)


def _coerce_auth(auth: str | AuthHandler | None) -> AuthHandler:
    if isinstance(auth, AuthHandler):
        return auth
    if isinstance(auth, str):
        return APIKeyAuth(auth)
    raise ConfigurationError("auth must be an API key string or an AuthHandler")


def _base_url(base_url: str) -> str:
    if not isinstance(base_url, str) or not base_url.strip():
        raise ConfigurationError(
            "base_url must be the URL of a Wiki.js, e.g. https://wiki.example.com"
        )
    url = base_url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ConfigurationError(f"base_url must start with http:// or https://, not {base_url!r}")
    return url


class WikiJSClient:
    def __init__(
        self,
        base_url: str,
        auth: str | AuthHandler | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        verify_ssl: bool = True,
        user_agent: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = _base_url(base_url)
        self.auth = _coerce_auth(auth)
        http = httpx.Client(
            base_url=self.base_url,
            auth=self.auth,
            timeout=timeout,
            verify=verify_ssl,
            headers={"User-Agent": user_agent or DEFAULT_USER_AGENT},
            transport=transport,
        )
        self._engine = SyncEngine(http)
        self.graphql = GraphQLClient(self._engine)

    def bind(self, client_class: type[SyncClientT]) -> SyncClientT:
        """An instance of any generated client class, sharing this client's pipeline."""
        return client_class(self._engine)

    def close(self) -> None:
        self._engine.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"WikiJSClient(base_url={self.base_url!r}, auth={self.auth!r})"


class AsyncWikiJSClient:
    def __init__(
        self,
        base_url: str,
        auth: str | AuthHandler | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        verify_ssl: bool = True,
        user_agent: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = _base_url(base_url)
        self.auth = _coerce_auth(auth)
        http = httpx.AsyncClient(
            base_url=self.base_url,
            auth=self.auth,
            timeout=timeout,
            verify=verify_ssl,
            headers={"User-Agent": user_agent or DEFAULT_USER_AGENT},
            transport=transport,
        )
        self._engine = AsyncEngine(http)
        self.graphql = AsyncGraphQLClient(self._engine)

    def bind(self, client_class: type[AsyncClientT]) -> AsyncClientT:
        return client_class(self._engine)

    async def close(self) -> None:
        await self._engine.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"AsyncWikiJSClient(base_url={self.base_url!r}, auth={self.auth!r})"
