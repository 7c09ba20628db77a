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

from wikijs_typed._pipeline._async.engine import (
    DEFAULT_BATCHING,  # async only
    AsyncEngine,
)
from wikijs_typed._pipeline.batching import AutoBatching  # async only
from wikijs_typed._pipeline.identity import averify_identity
from wikijs_typed._pipeline.retry import RetryPolicy
from wikijs_typed._version import __version__
from wikijs_typed.auth import APIKeyAuth, AuthHandler, CredentialsAuth
from wikijs_typed.cache._base import BaseCache
from wikijs_typed.exceptions import ConfigurationError
from wikijs_typed.utils import normalize_url, shown_url

if TYPE_CHECKING:
    # Imported where first used (the properties below): a program that only reads pages
    # never loads the generated operations and models of users, groups, assets or API keys.
    from wikijs_graphql import AsyncGraphQLClient

    from wikijs_typed._pipeline.base_client import AsyncBaseClient
    from wikijs_typed._resources._async.analytics import AsyncAnalyticsResource
    from wikijs_typed._resources._async.api_keys import AsyncApiKeysResource
    from wikijs_typed._resources._async.assets import AsyncAssetsResource
    from wikijs_typed._resources._async.authentication import AsyncAuthenticationResource
    from wikijs_typed._resources._async.comments import AsyncCommentsResource
    from wikijs_typed._resources._async.groups import AsyncGroupsResource
    from wikijs_typed._resources._async.localization import AsyncLocalizationResource
    from wikijs_typed._resources._async.loggers import AsyncLoggingResource
    from wikijs_typed._resources._async.mail import AsyncMailResource
    from wikijs_typed._resources._async.navigation import AsyncNavigationResource
    from wikijs_typed._resources._async.pages import AsyncPagesResource
    from wikijs_typed._resources._async.rendering import AsyncRenderingResource
    from wikijs_typed._resources._async.search import AsyncSearchResource
    from wikijs_typed._resources._async.settings import AsyncSettingsResource
    from wikijs_typed._resources._async.site import AsyncSiteResource
    from wikijs_typed._resources._async.storage import AsyncStorageResource
    from wikijs_typed._resources._async.system import AsyncSystemResource
    from wikijs_typed._resources._async.theming import AsyncThemingResource
    from wikijs_typed._resources._async.users import AsyncUsersResource
    from wikijs_typed.feed._changes import ChangeSet

__all__ = ["AsyncWikiJSClient"]

DEFAULT_TIMEOUT = 30.0
DEFAULT_USER_AGENT = f"wikijs-typed/{__version__}"

ClientT = TypeVar("ClientT", bound="AsyncBaseClient")


def _auth(auth: object) -> AuthHandler:
    if isinstance(auth, AuthHandler):
        return auth
    if isinstance(auth, str):
        return APIKeyAuth(auth)
    raise ConfigurationError("auth must be an API key (a string) or an AuthHandler")


@cache
def _verified_tls() -> ssl.SSLContext:
    """The TLS settings httpx uses by default, made once per process and shared.

    They are certifi's CA bundle, or SSL_CERT_FILE / SSL_CERT_DIR. httpx advises sharing
    them: loading the bundle takes ~15 ms, which every client paid again.
    """
    return httpx.create_ssl_context()


def _timeout(timeout: object) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise ConfigurationError("timeout must be a positive number of seconds")
    return httpx.Timeout(float(timeout))


class AsyncWikiJSClient:
    """A Wiki.js 2.x client: the resources (`.pages`, `.users`, ...) and `.graphql`.

    One httpx client carries the address, auth, timeouts and TLS settings; every call, through
    a resource or `.graphql`, shares it and the one pipeline (cache, retries, batching). The
    async client also sends reads made at the same moment as one request (`batching=`).
    Close the client (or use it as a context manager) to close its connections.

    Any call can raise AuthenticationError (the credentials are refused), ForbiddenError (they
    lack a permission), WikiJSConnectionError or WikiJSTimeoutError (the server cannot be
    reached in time), and another APIError when the server fails or answers nonsense.

    Args:
        base_url: The wiki's address, http or https, e.g. `https://wiki.example.com`; a path
            prefix is kept (`https://example.com/wiki`), a trailing `/` dropped.
        auth: An API key (a string), or an auth handler: `APIKeyAuth`, `JWTAuth`,
            `CredentialsAuth` (which logs in at this wiki unless given another address).
        timeout: Seconds to wait for the server (positive), or an `httpx.Timeout` for each
            phase apart.
        verify_ssl: Whether to check the server's TLS certificate (httpx's default CA bundle,
            or `SSL_CERT_FILE` / `SSL_CERT_DIR`); turn off only for a test server.
        user_agent: The `User-Agent` header (default: `wikijs-typed/<version>`).
        cache: Where reads are cached (e.g. `MemoryCache()`) until a write makes them stale;
            None caches nothing.
        retry: When and how patiently to retry what is safe to send again (default:
            `RetryPolicy()`, three attempts).
        transport: An httpx transport to send through (for tests, or special networking).
        http_client: A ready httpx client instead of one made here (not with `transport`):
            it is left as it is (this client's base URL and auth go with each request),
            and the caller keeps ownership and closes it.
        batching: Reads sent as one request (`AutoBatching(...)`); None: never.  # async only

    Raises:
        ConfigurationError: `base_url` is not an http(s) address, `auth` is neither a string
            nor an AuthHandler, `timeout` is not a positive number, or both `transport` and
            `http_client` are given.
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
        transport: httpx.AsyncBaseTransport | None = None,
        http_client: httpx.AsyncClient | None = None,
        batching: AutoBatching | None = DEFAULT_BATCHING,  # async only
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
            http_client = httpx.AsyncClient(
                timeout=self.timeout,
                verify=_verified_tls() if verify_ssl else False,
                headers={"User-Agent": self.user_agent},
                transport=transport,
            )
        # Sent with every request rather than set on the httpx client, which may be the
        # caller's and stays as the caller made it.
        self._engine = AsyncEngine(
            http_client,
            cache=cache,
            retry=retry,
            batching=batching,  # async only
            base_url=self.base_url,
            auth=self.auth,
        )

    # Each of these is made (and its module imported) on first access, then kept. Threads
    # racing on a first access may each make one: they hold no state beyond the shared
    # engine and generated client, so whichever is kept serves all alike.
    @cached_property
    def graphql(self) -> AsyncGraphQLClient:
        """The generated typed client: one method per GraphQL operation the package knows.

        Its mutations raise OperationFailedError (or a subclass) when Wiki.js answers
        `succeeded: false`.
        """
        from wikijs_graphql import AsyncGraphQLClient

        return AsyncGraphQLClient(self._engine)

    @cached_property
    def pages(self) -> AsyncPagesResource:
        """Pages: list, read, search, create, update, delete, and the content query."""
        from wikijs_typed._resources._async.pages import AsyncPagesResource

        return AsyncPagesResource(self.graphql, self._engine)

    @cached_property
    def users(self) -> AsyncUsersResource:
        """User accounts: list, search, read, create, update, delete, (de)activate, verify."""
        from wikijs_typed._resources._async.users import AsyncUsersResource

        return AsyncUsersResource(self.graphql, self._engine)

    @cached_property
    def groups(self) -> AsyncGroupsResource:
        """Groups: their permissions, page rules and members."""
        from wikijs_typed._resources._async.groups import AsyncGroupsResource

        return AsyncGroupsResource(self.graphql, self._engine)

    @cached_property
    def assets(self) -> AsyncAssetsResource:
        """Uploaded files and their folders: list, upload, download, rename, delete."""
        from wikijs_typed._resources._async.assets import AsyncAssetsResource

        return AsyncAssetsResource(self.graphql, self._engine)

    @cached_property
    def api_keys(self) -> AsyncApiKeysResource:
        """API keys (list, create, revoke) and the switch that turns the API on or off."""
        from wikijs_typed._resources._async.api_keys import AsyncApiKeysResource

        return AsyncApiKeysResource(self.graphql, self._engine)

    # The administration areas (issue 19).
    @cached_property
    def navigation(self) -> AsyncNavigationResource:
        """The navigation menu of each locale, and how the menu is shown."""
        from wikijs_typed._resources._async.navigation import AsyncNavigationResource

        return AsyncNavigationResource(self.graphql, self._engine)

    @cached_property
    def settings(self) -> AsyncSettingsResource:
        """Settings as code: export, plan and apply the wiki's configuration."""
        from wikijs_typed._resources._async.settings import AsyncSettingsResource

        return AsyncSettingsResource(self.graphql, self._engine)

    @cached_property
    def site(self) -> AsyncSiteResource:
        """The site's settings: title, host, security, uploads, ..."""
        from wikijs_typed._resources._async.site import AsyncSiteResource

        return AsyncSiteResource(self.graphql, self._engine)

    @cached_property
    def search(self) -> AsyncSearchResource:
        """The search engines, and rebuilding the search index."""
        from wikijs_typed._resources._async.search import AsyncSearchResource

        return AsyncSearchResource(self.graphql, self._engine)

    @cached_property
    def storage(self) -> AsyncStorageResource:
        """The storage targets (disk, Git, S3, ...), their state and their actions."""
        from wikijs_typed._resources._async.storage import AsyncStorageResource

        return AsyncStorageResource(self.graphql, self._engine)

    @cached_property
    def system(self) -> AsyncSystemResource:
        """System information, debugging flags, extensions, telemetry and content export."""
        from wikijs_typed._resources._async.system import AsyncSystemResource

        return AsyncSystemResource(self.graphql, self._engine)

    @cached_property
    def theming(self) -> AsyncThemingResource:
        """The site's look: theme, icons, dark mode, injected code."""
        from wikijs_typed._resources._async.theming import AsyncThemingResource

        return AsyncThemingResource(self.graphql, self._engine)

    @cached_property
    def rendering(self) -> AsyncRenderingResource:
        """The renderers that turn page content into HTML, and their settings."""
        from wikijs_typed._resources._async.rendering import AsyncRenderingResource

        return AsyncRenderingResource(self.graphql, self._engine)

    @cached_property
    def localization(self) -> AsyncLocalizationResource:
        """The installed locales and the site's language settings."""
        from wikijs_typed._resources._async.localization import AsyncLocalizationResource

        return AsyncLocalizationResource(self.graphql, self._engine)

    @cached_property
    def mail(self) -> AsyncMailResource:
        """The outgoing mail (SMTP) settings, and a test mail."""
        from wikijs_typed._resources._async.mail import AsyncMailResource

        return AsyncMailResource(self.graphql, self._engine)

    @cached_property
    def authentication(self) -> AsyncAuthenticationResource:
        """The login strategies, self-registration and password resets."""
        from wikijs_typed._resources._async.authentication import AsyncAuthenticationResource

        return AsyncAuthenticationResource(self.graphql, self._engine)

    @cached_property
    def logging(self) -> AsyncLoggingResource:
        """The loggers Wiki.js can write its log to, their level and settings."""
        from wikijs_typed._resources._async.loggers import AsyncLoggingResource

        return AsyncLoggingResource(self.graphql, self._engine)

    @cached_property
    def analytics(self) -> AsyncAnalyticsResource:
        """The analytics providers whose tracking code Wiki.js adds to its pages."""
        from wikijs_typed._resources._async.analytics import AsyncAnalyticsResource

        return AsyncAnalyticsResource(self.graphql, self._engine)

    @cached_property
    def comments(self) -> AsyncCommentsResource:
        """Comments on pages, and the comment providers."""
        from wikijs_typed._resources._async.comments import AsyncCommentsResource

        return AsyncCommentsResource(self.graphql, self._engine)

    async def changes(
        self, since: str | None = None, *, assets: bool = True, limit: int = 50
    ) -> ChangeSet:
        """What changed on the wiki since an earlier call.

        Pages created, updated, moved, deleted; assets added, replaced, deleted; groups
        changed. One request in the common case (the pages, the groups and the root asset
        folder), one more per deeper level of asset folders, one more when more than `limit`
        pages changed since the token. Never answered from the cache.

        Args:
            since: The `token` of an earlier ChangeSet; None reports every page and asset,
                with a token to start from.
            assets: Whether to follow the assets too (False skips their folder walk).
            limit: How many changed pages one request asks for (at least 1); more changes
                cost one more request, never a missed change.

        Returns:
            The pages, assets and groups that changed, and the `token` to pass next time.

        Raises:
            ValidationError: `since` is not a token `changes()` made, or `limit` is below 1.
            GraphQLError: Wiki.js could not list the pages or assets (groups it may not read
                are kept as they were).
        """
        from wikijs_typed._resources._async.changes import AsyncChangeFeed

        return await AsyncChangeFeed(self._engine).read(since, assets=assets, limit=limit)

    @property
    def engine(self) -> AsyncEngine:
        """The pipeline every call goes through (cache, retries, batching)."""
        return self._engine

    def bind(self, client_class: type[ClientT]) -> ClientT:
        """An instance of a generated client class, sharing this client's pipeline.

        For clients generated from your own operations (`wikijs-typed generate`): their calls
        get this client's transport, auth, cache and retries.

        Args:
            client_class: The generated client class (a subclass of the generated base).

        Returns:
            An instance of `client_class` that sends through this client.
        """
        return client_class(self._engine)

    async def test_connection(self) -> bool:
        """Check that Wiki.js answers and knows the credentials.

        Wiki.js silently treats an unknown key as the Guest user, so this asks who the caller
        is rather than trusting any answer.

        Returns:
            True (every other outcome raises).

        Raises:
            AuthenticationError: The credentials are refused: a wrong or revoked key, an
                expired token, or the API switched off.
            WikiJSConnectionError: The server cannot be reached.
            WikiJSTimeoutError: The server does not answer in time.
        """
        await averify_identity(self._engine)
        return True

    async def close(self) -> None:
        """Close the HTTP connections (unless the httpx client was given by the caller)."""
        if self._owns_http:
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
        return f"{type(self).__name__}(base_url={shown_url(self.base_url)!r}, auth={self.auth!r})"
