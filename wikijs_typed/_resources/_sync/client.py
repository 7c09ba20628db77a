# Made from ../_async/client.py by `python -m tools.twin`: do not edit.
"""The facade users start from: `AsyncWikiJSClient` (and, derived from it, `WikiJSClient`).

One httpx client carries the base URL, auth, timeouts and TLS settings; one engine adds the
cache, retries and batching; the generated typed client (`.graphql`) and the resources
(`.pages`, `.users`, ...) all run through that same engine, so they share everything.
"""

from __future__ import annotations

import ssl
from functools import cache, cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Self, TypeVar

import httpx

from wikijs_typed._pipeline._sync.engine import SyncEngine
from wikijs_typed._pipeline.retry import RetryPolicy
from wikijs_typed._version import __version__
from wikijs_typed.auth import APIKeyAuth, AuthHandler, CredentialsAuth, verify_identity
from wikijs_typed.cache._base import BaseCache
from wikijs_typed.exceptions import ConfigurationError
from wikijs_typed.utils import normalize_url, shown_url

if TYPE_CHECKING:
    # Imported where first used (the properties below): a program that only reads pages
    # never loads the generated operations and models of users, groups, assets or API keys.
    from wikijs_graphql import GraphQLClient

    from wikijs_typed._pipeline.seam import BaseClient
    from wikijs_typed._resources._sync.api_keys import ApiKeysResource
    from wikijs_typed._resources._sync.assets import AssetsResource
    from wikijs_typed._resources._sync.authentication import AuthenticationResource
    from wikijs_typed._resources._sync.groups import GroupsResource
    from wikijs_typed._resources._sync.localization import LocalizationResource
    from wikijs_typed._resources._sync.mail import MailResource
    from wikijs_typed._resources._sync.navigation import NavigationResource
    from wikijs_typed._resources._sync.pages import PagesResource
    from wikijs_typed._resources._sync.rendering import RenderingResource
    from wikijs_typed._resources._sync.search import SearchResource
    from wikijs_typed._resources._sync.settings import SettingsResource
    from wikijs_typed._resources._sync.site import SiteResource
    from wikijs_typed._resources._sync.storage import StorageResource
    from wikijs_typed._resources._sync.system import SystemResource
    from wikijs_typed._resources._sync.theming import ThemingResource
    from wikijs_typed._resources._sync.users import UsersResource
    from wikijs_typed.feed._changes import ChangeSet

__all__ = ["WikiJSClient"]

DEFAULT_TIMEOUT = 30.0
DEFAULT_USER_AGENT = f"wikijs-typed/{__version__}"

ClientT = TypeVar("ClientT", bound="BaseClient")


def _auth(auth: object) -> AuthHandler:
    if isinstance(auth, AuthHandler):
        return auth
    if isinstance(auth, str):
        return APIKeyAuth(auth)
    raise ConfigurationError("auth must be an API key (a string) or an AuthHandler")


@cache
def _verified_tls() -> ssl.SSLContext:
    """httpx's default TLS settings (certifi's CA bundle, or SSL_CERT_FILE / SSL_CERT_DIR),
    made once per process and shared, as httpx advises: loading the bundle takes ~15 ms,
    which every client paid again."""
    return httpx.create_ssl_context()


def _timeout(timeout: object) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise ConfigurationError("timeout must be a positive number of seconds")
    return httpx.Timeout(float(timeout))


class WikiJSClient:
    """A Wiki.js 2.x client.

    `auth` is an API key or an auth handler (`APIKeyAuth`, `JWTAuth`, `CredentialsAuth`);
    `cache` (e.g. `MemoryCache()`) caches reads until a mutation makes them stale. For tests
    or special networking pass an httpx `transport=`, or a ready `http_client=` (left as it is:
    this client's base URL and auth go with each request; the caller closes it).
    The async client also sends reads made at the same moment as one request: `batching=`
    tunes that (`AutoBatching(window=..., max_size=...)`) or turns it off (`None`).
    """

    def __init__(
        self,
        base_url: str,
        auth: str | AuthHandler,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        verify_ssl: bool = True,
        user_agent: str | None = None,
        cache: BaseCache | None = None,
        *,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        self.base_url = normalize_url(base_url)
        self.auth = _auth(auth)
        if isinstance(self.auth, CredentialsAuth) and self.auth.base_url is None:
            # Log in at this wiki's endpoint, also when the first call is an upload or a
            # download on a Wiki.js served under a path prefix.
            self.auth.base_url = self.base_url
        self.timeout = _timeout(timeout)
        self.verify_ssl = verify_ssl
        self.user_agent = user_agent or DEFAULT_USER_AGENT
        self.cache = cache
        if http_client is not None and transport is not None:
            raise ConfigurationError("give either transport= or http_client=, not both")
        self._owns_http = http_client is None
        if http_client is None:
            http_client = httpx.Client(
                timeout=self.timeout,
                verify=_verified_tls() if verify_ssl else False,
                headers={"User-Agent": self.user_agent},
                transport=transport,
            )
        # Sent with every request rather than set on the httpx client, which may be the
        # caller's and stays as the caller made it.
        self._engine = SyncEngine(
            http_client, cache=cache, retry=retry, base_url=self.base_url, auth=self.auth
        )

    # Each of these is made (and its module imported) on first access, then kept. Threads
    # racing on a first access may each make one: they hold no state beyond the shared
    # engine and generated client, so whichever is kept serves all alike.
    @cached_property
    def graphql(self) -> GraphQLClient:
        """The generated typed client: one method per operation in `queries/`."""
        from wikijs_graphql import GraphQLClient

        return GraphQLClient(self._engine)

    @cached_property
    def _checked_by_resources(self) -> GraphQLClient:
        # The resources read each mutation's status themselves: they need the answer of a
        # failed write (to say what it did), and raise the same typed errors from it.
        from wikijs_graphql import GraphQLClient

        return GraphQLClient(self._engine, raise_on_failure=False)

    @cached_property
    def pages(self) -> PagesResource:
        from wikijs_typed._resources._sync.pages import PagesResource

        return PagesResource(self._checked_by_resources, self._engine)

    @cached_property
    def users(self) -> UsersResource:
        from wikijs_typed._resources._sync.users import UsersResource

        return UsersResource(self._checked_by_resources, self._engine)

    @cached_property
    def groups(self) -> GroupsResource:
        from wikijs_typed._resources._sync.groups import GroupsResource

        return GroupsResource(self._checked_by_resources, self._engine)

    @cached_property
    def assets(self) -> AssetsResource:
        from wikijs_typed._resources._sync.assets import AssetsResource

        return AssetsResource(self._checked_by_resources, self._engine)

    @cached_property
    def api_keys(self) -> ApiKeysResource:
        from wikijs_typed._resources._sync.api_keys import ApiKeysResource

        return ApiKeysResource(self._checked_by_resources, self._engine)

    # The administration areas (issue 19).
    @cached_property
    def navigation(self) -> NavigationResource:
        from wikijs_typed._resources._sync.navigation import NavigationResource

        return NavigationResource(self._checked_by_resources, self._engine)

    @cached_property
    def settings(self) -> SettingsResource:
        """Settings as code: export, plan and apply the wiki's configuration."""
        from wikijs_typed._resources._sync.settings import SettingsResource

        return SettingsResource(self._checked_by_resources, self._engine)

    @cached_property
    def site(self) -> SiteResource:
        from wikijs_typed._resources._sync.site import SiteResource

        return SiteResource(self._checked_by_resources, self._engine)

    @cached_property
    def search(self) -> SearchResource:
        from wikijs_typed._resources._sync.search import SearchResource

        return SearchResource(self._checked_by_resources, self._engine)

    @cached_property
    def storage(self) -> StorageResource:
        from wikijs_typed._resources._sync.storage import StorageResource

        return StorageResource(self._checked_by_resources, self._engine)

    @cached_property
    def system(self) -> SystemResource:
        from wikijs_typed._resources._sync.system import SystemResource

        return SystemResource(self._checked_by_resources, self._engine)

    @cached_property
    def theming(self) -> ThemingResource:
        from wikijs_typed._resources._sync.theming import ThemingResource

        return ThemingResource(self._checked_by_resources, self._engine)

    @cached_property
    def rendering(self) -> RenderingResource:
        from wikijs_typed._resources._sync.rendering import RenderingResource

        return RenderingResource(self._checked_by_resources, self._engine)

    @cached_property
    def localization(self) -> LocalizationResource:
        from wikijs_typed._resources._sync.localization import LocalizationResource

        return LocalizationResource(self._checked_by_resources, self._engine)

    @cached_property
    def mail(self) -> MailResource:
        from wikijs_typed._resources._sync.mail import MailResource

        return MailResource(self._checked_by_resources, self._engine)

    @cached_property
    def authentication(self) -> AuthenticationResource:
        from wikijs_typed._resources._sync.authentication import AuthenticationResource

        return AuthenticationResource(self._checked_by_resources, self._engine)

    def changes(
        self, since: str | None = None, *, assets: bool = True, limit: int = 50
    ) -> ChangeSet:
        """What changed on the wiki since `since` (the `token` of an earlier ChangeSet): pages
        created, updated, moved, deleted; assets added, replaced, deleted; groups changed.
        Without a token, every page and asset is reported, with a token to start from.

        One request in the common case (the pages, the groups and the root asset folder),
        one more per deeper level of asset folders (`assets=False` skips them), one more when
        more than `limit` pages changed since the token. Never answered from the cache.
        """
        from wikijs_typed._resources._sync.changes import ChangeFeed

        return ChangeFeed(self._engine).read(since, assets=assets, limit=limit)

    @property
    def engine(self) -> SyncEngine:
        """The pipeline every call goes through (cache, retries, batching)."""
        return self._engine

    def bind(self, client_class: type[ClientT]) -> ClientT:
        """An instance of any generated client class (your own operations too), sharing this
        client's transport, auth and cache."""
        return client_class(self._engine)

    def test_connection(self) -> bool:
        """True when Wiki.js answers and knows the credentials.

        AuthenticationError when it does not: a wrong or revoked key, an expired token, or the
        API switched off (Wiki.js silently treats an unknown key as the Guest user, so this
        asks who the caller is). WikiJSConnectionError / WikiJSTimeoutError when it cannot be
        reached.
        """
        verify_identity(self._engine)
        return True

    def close(self) -> None:
        """Close the HTTP connections (unless the httpx client was given by the caller)."""
        if self._owns_http:
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
        return f"{type(self).__name__}(base_url={shown_url(self.base_url)!r}, auth={self.auth!r})"
