"""Authentication strategies, as httpx auth flows.

Wiki.js takes `Authorization: Bearer <token>`, where the token is an API key or a user JWT.

How user JWTs stay valid (this differs from what the Wiki.js SDK reference suggests): Wiki.js
has no refresh-token endpoint. When a request carries a user JWT that expired less than 14 days
ago (the server's `authJwtRenewablePeriod`), the server answers normally and sends a fresh
token in the `new-jwt` response header (or as a `jwt` cookie when the request's Content-Type is
not exactly `application/json`). A token older than that is silently treated as the Guest user.
So `JWTAuth` takes every renewed token it is sent, and `CredentialsAuth` logs in again when its
token can no longer be renewed. `JWTAuth`'s `refresh_token` is kept only for compatibility
with code written for the SDK; nothing can use it.

The client's clock is not the judge: a server whose clock is ahead, or that no longer accepts
the token (its certificates were regenerated), runs the request as the Guest user and answers
"Forbidden". `CredentialsAuth` checks a Forbidden answer to its token by asking who it is
(Guest has no profile); when the server took it for Guest, it logs in again and sends the
request once more, and raises AuthenticationError if that does not help.

Renewal and login are single flight: when the token needs work, one request does it while the
others (threads or tasks) wait for the outcome and then go with the fresh token. A login that
failed or was rate limited (Wiki.js allows 5 logins a minute) is not tried again before its
cool-down has passed; meanwhile requests fail at once with the same typed error.

Secrets never appear in reprs, logs or exception messages: every handler exposes the current
`token` (read-only) and a non-secret `identity` that the cache puts in its keys (a digest of
the token: only holders of the very same token share cache entries).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import logging
import re
import secrets
import threading
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from wikijs_typed._pipeline import transport
from wikijs_typed._pipeline.errors import graphql_failure
from wikijs_typed._pipeline.operation import GraphQLRequest
from wikijs_typed.exceptions import (
    AuthenticationError,
    ConfigurationError,
    ForbiddenError,
    RateLimitError,
    WikiJSError,
)

if TYPE_CHECKING:
    import asyncio

    from wikijs_graphql.fragments import LoginResultFields
    from wikijs_graphql.get_profile import GetProfile

    from wikijs_typed._pipeline.seam import AsyncExecutor, SyncExecutor

log = logging.getLogger("wikijs_typed.auth")

# Wiki.js's default `authJwtRenewablePeriod`: expired user JWTs are renewed for this long.
RENEWAL_WINDOW = 14 * 24 * 3600.0
# Clocks disagree: a token counts as expired for certain only this long after its `exp`.
CLOCK_SKEW = 300.0
# After a failed or rate-limited login, no new login for this long (the server's window).
LOGIN_COOLDOWN = 60.0
# Wiki.js's errorCode for a login with an unknown e-mail or a wrong password (AuthLoginFailed).
LOGIN_FAILED = 1002
# Marks the login requests an auth flow sends, whose answer it must read.
_LOGIN_MARK = "wikijs_typed.login"
_GUEST_HINT = (
    "Wiki.js ran the request as the Guest user: the credentials are invalid, revoked or "
    "expired beyond renewal"
)

Flow = Generator[httpx.Request, httpx.Response, None]
# A flow that ends telling whether the server ran its request as the Guest user.
GuestFlow = Generator[httpx.Request, httpx.Response, bool]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def jwt_claims(token: str) -> dict[str, Any]:
    """The payload of a JWT, read without checking the signature ({} when unreadable)."""
    try:
        payload = token.split(".")[1]
        decoded = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return {}
    return decoded if isinstance(decoded, dict) else {}


def _token_identity(kind: str, token: str) -> str:
    # A digest of the whole token: two callers share cache entries only when they hold the
    # very same credential (a forged token with the same claims gets nothing). A renewed
    # token is a new identity; its predecessor's entries simply age out.
    return f"{kind}:{_digest(token)}"


def _renewed_token(response: httpx.Response) -> str | None:
    token: str | None = response.headers.get("new-jwt")
    if token:
        return token.strip()
    for cookie in response.headers.get_list("set-cookie"):
        name, _, rest = cookie.partition("=")
        if name.strip() == "jwt":
            value = rest.split(";", 1)[0].strip()
            if value:
                return value
    return None


# httpcore logs response headers at DEBUG, renewed tokens (`new-jwt`, `Set-Cookie: jwt=`)
# included. These loggers get a filter that blanks them out once a renewing auth exists.
_HTTP_LOGGERS = ("httpcore.http11", "httpcore.http2", "httpcore.proxy", "httpcore.socks")
# A pattern, not a compiled regex: `re` compiles it on first use (and keeps it), not at import.
_TOKEN_IN_LOG = r"(?i)(b?'new-jwt',\s*b?')[^']*(')|(jwt=)[^;'\"\s]*"


def _blank(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return f"{match.group(1)}<redacted>{match.group(2)}"
    return f"{match.group(3)}<redacted>"


class _RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and "jwt" in record.msg.lower():
            record.msg = re.sub(_TOKEN_IN_LOG, _blank, record.msg)
        return True


def _guard_http_logs() -> None:
    for name in _HTTP_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _RedactTokens) for f in logger.filters):
            logger.addFilter(_RedactTokens())


def _json(content: bytes) -> list[Any]:
    """A GraphQL body or answer as a list of items (one item unless it is a batch)."""
    try:
        body = json.loads(content)
    except ValueError:
        return []
    return body if isinstance(body, list) else [body]


def _is_read(item: object) -> bool:
    document = item.get("query") if isinstance(item, dict) else None
    return isinstance(document, str) and document.lstrip().startswith(("query", "{"))


def _refused_as_guest_would_be(request: httpx.Request, response: httpx.Response) -> bool:
    """Whether an answer refuses something as Forbidden, and sending the request again would
    repeat no write: an upload refused with 403, or a GraphQL answer in which every operation
    that ran (answered without errors) was a read. A write that went through shows the caller
    was not Guest anyway."""
    if request.url.path.endswith(transport.UPLOAD_PATH):
        return response.status_code == 403
    # Most answers carry no error at all: skip parsing those.
    if response.status_code != 200 or b'"errors"' not in response.content:
        return False
    try:
        sent = request.content
    except httpx.RequestNotRead:
        return False
    answers = _json(response.content)
    operations = _json(sent)
    refused = False
    for index, answer in enumerate(answers):
        errors = answer.get("errors") if isinstance(answer, dict) else None
        if isinstance(errors, list) and errors:
            details = [error for error in errors if isinstance(error, dict)]
            refused = refused or isinstance(graphql_failure(details, None), ForbiddenError)
        elif index >= len(operations) or not _is_read(operations[index]):
            return False
    return refused


def _has_profile(response: httpx.Response) -> bool:
    """Whether a GetProfile answer names a user: Guest gets an error and no profile."""
    try:
        body = response.json()
    except ValueError:
        return False
    data = body.get("data") if isinstance(body, dict) else None
    users = data.get("users") if isinstance(data, dict) else None
    return isinstance(users, dict) and isinstance(users.get("profile"), dict)


def _require_text(value: object, what: str, owner: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigurationError(f"{owner} needs a non-empty {what}")
    return value.strip()


class AuthHandler(httpx.Auth):
    """Base of the auth strategies a client accepts."""

    @property
    def token(self) -> str | None:
        """The bearer token currently sent (None before a credentials login)."""
        raise NotImplementedError

    @property
    def identity(self) -> str:
        """Who requests are made as, for cache keys; derived from, never equal to, secrets."""
        raise NotImplementedError


class APIKeyAuth(AuthHandler):
    """A static API key, made in the admin area or by `authentication.createApiKey`."""

    def __init__(self, api_key: str) -> None:
        self._api_key = _require_text(api_key, "API key", "APIKeyAuth")
        self._identity = _token_identity("key", self._api_key)

    @property
    def token(self) -> str:
        return self._api_key

    @property
    def identity(self) -> str:
        return self._identity

    def auth_flow(self, request: httpx.Request) -> Flow:
        request.headers["Authorization"] = f"Bearer {self._api_key}"
        yield request

    def __repr__(self) -> str:
        return "APIKeyAuth(api_key=<redacted>)"


class _RenewingAuth(AuthHandler):
    """A user JWT that the server renews, with single-flight renewal (and login, if any)."""

    def __init__(
        self,
        *,
        renewal_window: float,
        clock: Callable[[], float],
        kind: str,
    ) -> None:
        self.renewal_window = renewal_window
        self._clock = clock
        self._kind = kind
        self._token: str | None = None
        self._expires_at: float | None = None
        self._identity = f"{kind}:none"
        # The token a renewal was already attempted with (see `_needs_flight`).
        self._flown: str | None = None
        # The token the server last ran a request as Guest with, and the last one it was seen
        # to know (see `_answered_as_guest`).
        self._rejected: str | None = None
        self._confirmed: str | None = None
        self._state_lock = threading.Lock()
        self._thread_lock = threading.Lock()
        self._task_locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}

    # -- state ---------------------------------------------------------------------------

    @property
    def token(self) -> str | None:
        return self._token

    @property
    def identity(self) -> str:
        return self._identity

    @property
    def expires_at(self) -> float | None:
        """When the current token expires (Unix time), from its `exp` claim by default."""
        return self._expires_at

    def _set_token(self, token: str, expires_at: float | None = None) -> None:
        if expires_at is None:
            exp = jwt_claims(token).get("exp")
            expires_at = float(exp) if isinstance(exp, int | float) else None
        with self._state_lock:
            self._token = token
            self._expires_at = expires_at
            self._identity = _token_identity(self._kind, token)

    def _forget_token(self) -> None:
        with self._state_lock:
            self._token = None
            self._expires_at = None

    def _expired_by(self) -> float | None:
        """Seconds since the token expired (negative before), None if it never expires."""
        if self._expires_at is None:
            return None
        return self._clock() - self._expires_at

    def _beyond_renewal(self) -> bool:
        late = self._expired_by()
        return late is not None and late > self.renewal_window

    def _needs_flight(self) -> bool:
        """True when the next request must go alone: to log in, or to bring back a renewal."""
        if self._token is None or self._token == self._rejected or self._beyond_renewal():
            return True
        late = self._expired_by()
        if late is None or late < 0:
            return False
        # Expired: the first request fetches the renewal. If none came (the server's clock
        # may be behind), others do not queue up again until the expiry is certain.
        return self._flown != self._token or late > CLOCK_SKEW

    # -- the flow ------------------------------------------------------------------------

    def _authorize(self, request: httpx.Request) -> httpx.Request:
        token = self._token
        if token is None:
            raise AuthenticationError("no token to send: the login did not succeed")
        request.headers["Authorization"] = f"Bearer {token}"
        return request

    def _ran_as_guest(self, request: httpx.Request, sent: str) -> bool:
        # The server renews any user JWT expired less than `renewal_window` ago; one that is
        # certainly expired and came back without a renewal was treated as Guest.
        late = self._expired_by()
        return (
            self._token == sent
            and late is not None
            and late > CLOCK_SKEW
            and request.url.path.endswith(transport.GRAPHQL_PATH)
        )

    def _login_flow(self, request: httpx.Request) -> Flow:
        """Obtain a token; without credentials there is no way to."""
        raise AuthenticationError(
            "the JWT expired more than the renewal window ago and cannot be renewed; "
            "log in again (CredentialsAuth does that by itself)"
        )

    def _flow(self, request: httpx.Request) -> GuestFlow:
        if self._token is None or self._beyond_renewal():
            yield from self._login_flow(request)
        token = self._token
        late = self._expired_by()
        response = yield self._authorize(request)
        renewed = _renewed_token(response)
        if renewed is not None:
            log.debug("%s: took the renewed token the server sent", type(self).__name__)
            self._set_token(renewed)
            return False
        if late is not None and late >= 0:
            # An expired token came back without a renewal. Remembered only now, so that
            # requests arriving meanwhile waited for this answer.
            self._flown = token
        if token is not None and self._ran_as_guest(request, token):
            self._forget_token()
            yield from self._login_flow(request)
            response = yield self._authorize(request)
            token = self._token
        if token is None or not self._suspects_guest(request, response):
            return False
        return (yield from self._answered_as_guest(request, token))

    def _checks_for_guest(self, request: httpx.Request) -> bool:
        """Whether a Forbidden answer to this request is checked for having run as Guest
        (only a handler that can log in again has a use for knowing)."""
        return False

    def _suspects_guest(self, request: httpx.Request, response: httpx.Response) -> bool:
        return self._checks_for_guest(request) and _refused_as_guest_would_be(request, response)

    def _answered_as_guest(self, request: httpx.Request, token: str) -> GuestFlow:
        """Ask the server who `token` is; True (and the token marked rejected) for Guest.

        For a real user the refusal stands: the request is sent again (the caller gets an
        answer to it, not to the question), and the token is not questioned again.
        """
        with self._state_lock:
            if token == self._confirmed:
                return False
            if token != self._token or token == self._rejected:
                # Another request found out already (and may have logged in again).
                return True
        probe = yield self._profile_request(request, token)
        if _has_profile(probe):
            with self._state_lock:
                self._confirmed = token
            yield self._authorize(request)
            return False
        log.debug("%s: the server took the token for the Guest user", type(self).__name__)
        with self._state_lock:
            if self._token == token:
                self._rejected = token
        return True

    def _profile_request(self, request: httpx.Request, token: str) -> httpx.Request:
        raise NotImplementedError

    def _retry_flow(self, request: httpx.Request) -> GuestFlow:
        """The request again after it ran as Guest: with a new login unless another request
        made one meanwhile; AuthenticationError when the server still takes it for Guest."""
        with self._state_lock:
            rejected = self._token is not None and self._token == self._rejected
        if rejected:
            self._forget_token()
        if (yield from self._flow(request)):
            raise AuthenticationError(f"{_GUEST_HINT}, even right after a new login")
        return False

    def _must_read(self, response: httpx.Response) -> bool:
        if response.request.extensions.get(_LOGIN_MARK):
            return True
        return self._checks_for_guest(response.request)

    @contextlib.contextmanager
    def _flight(self) -> Iterator[None]:
        """Holds the thread lock while the token needs work, so that only one request does it."""
        if not self._needs_flight():
            yield
            return
        with self._thread_lock:
            if self._needs_flight():
                yield
                return
        # Another request did the work while this one waited: go without the lock.
        yield

    @contextlib.asynccontextmanager
    async def _aflight(self) -> AsyncIterator[None]:
        if not self._needs_flight():
            yield
            return
        import asyncio  # here, not at the top: a sync program never loads it

        loop = asyncio.get_running_loop()
        lock = self._task_locks.get(loop)
        if lock is None:
            # A lock belongs to one event loop; forget the locks of loops that are gone.
            self._task_locks = {k: v for k, v in self._task_locks.items() if not k.is_closed()}
            lock = self._task_locks[loop] = asyncio.Lock()
        async with lock:
            if self._needs_flight():
                yield
                return
        yield

    def _reading(self, flow: GuestFlow) -> GuestFlow:
        """`flow`, with the answers it looks into read first (httpx streams them)."""
        outgoing = next(flow)
        while True:
            response = yield outgoing
            if self._must_read(response):
                response.read()
            try:
                outgoing = flow.send(response)
            except StopIteration as done:
                return bool(done.value)

    def sync_auth_flow(self, request: httpx.Request) -> Flow:
        # The second pass runs only when the first ran as Guest; it is a flight of its own,
        # so that concurrent requests answered as Guest wait for one new login.
        for make in (self._flow, self._retry_flow):
            with self._flight():
                as_guest = yield from self._reading(make(request))
            if not as_guest:
                return

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        for make in (self._flow, self._retry_flow):
            async with self._aflight():
                flow = make(request)
                outgoing = next(flow)
                while True:
                    response = yield outgoing
                    if self._must_read(response):
                        await response.aread()
                    try:
                        outgoing = flow.send(response)
                    except StopIteration as done:
                        as_guest = bool(done.value)
                        break
            if not as_guest:
                return


class JWTAuth(_RenewingAuth):
    """A user JWT (from `authentication.login`), renewed from the server's `new-jwt` answers.

    `expires_at` (Unix time) defaults to the token's `exp` claim. `base_url` and
    `refresh_token` are accepted for compatibility with the Wiki.js SDK; Wiki.js has no
    refresh endpoint, so renewal needs neither (see the module docstring). A token expired
    beyond `renewal_window` cannot be renewed: requests then fail with AuthenticationError
    instead of silently running as Guest.
    """

    def __init__(
        self,
        token: str,
        base_url: str | None = None,
        refresh_token: str | None = None,
        expires_at: float | None = None,
        *,
        renewal_window: float = RENEWAL_WINDOW,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(renewal_window=renewal_window, clock=clock, kind="jwt")
        _guard_http_logs()
        self.base_url = base_url
        self._refresh_token = refresh_token
        self._set_token(_require_text(token, "token", "JWTAuth"), expires_at)

    @property
    def refresh_token(self) -> str | None:
        """Kept for compatibility; Wiki.js cannot use it."""
        return self._refresh_token

    @property
    def is_expired(self) -> bool:
        late = self._expired_by()
        return late is not None and late >= 0

    def __repr__(self) -> str:
        return f"JWTAuth(token=<redacted>, expires_at={self._expires_at!r})"


class CredentialsAuth(_RenewingAuth):
    """Logs in with an email and password on first use, and again whenever the token can no
    longer be renewed or the server turns out to run it as Guest (see the module docstring).

    The login uses the generated `Login` operation (`authentication.login`). `strategy` is
    the Wiki.js authentication strategy key ("local" for built-in accounts). `base_url` is
    the Wiki.js root; by default the login goes to `/graphql` on the host of the request.
    """

    def __init__(
        self,
        email: str,
        password: str,
        strategy: str = "local",
        *,
        base_url: str | None = None,
        renewal_window: float = RENEWAL_WINDOW,
        login_cooldown: float = LOGIN_COOLDOWN,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(renewal_window=renewal_window, clock=clock, kind="user")
        _guard_http_logs()
        self.email = _require_text(email, "email", "CredentialsAuth")
        if not isinstance(password, str) or not password:
            raise ConfigurationError("CredentialsAuth needs a non-empty password")
        self._password = password
        self.strategy = _require_text(strategy, "strategy", "CredentialsAuth")
        self.base_url = base_url.rstrip("/") if base_url else None
        self.login_cooldown = login_cooldown
        self.logins = 0
        # Until the first login: an identity no other caller can reproduce, not even one that
        # knows the email (it would otherwise read what this one cached before logging in).
        self._identity = f"user:{secrets.token_hex(12)}"
        # Why logins are refused for now, and until when.
        self._refusal: WikiJSError | None = None
        self._refused_until = 0.0

    def _login_url(self, request: httpx.Request) -> httpx.URL:
        if self.base_url is not None:
            return httpx.URL(self.base_url + transport.GRAPHQL_PATH)
        if request.url.path.endswith(transport.GRAPHQL_PATH):
            return request.url.copy_with(query=None)
        return request.url.copy_with(path=transport.GRAPHQL_PATH, query=None)

    def _own_request(
        self,
        request: httpx.Request,
        name: str,
        variables: dict[str, object],
        token: str | None = None,
    ) -> httpx.Request:
        """A request of the auth flow's own (marked, so that its answer is read)."""
        from wikijs_graphql.operations import OPERATIONS

        info = OPERATIONS[name]
        operation = GraphQLRequest(info.document, info.name, variables, info)
        headers = {"Content-Type": transport.JSON_CONTENT_TYPE}
        if "User-Agent" in request.headers:
            headers["User-Agent"] = request.headers["User-Agent"]
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return httpx.Request(
            "POST",
            self._login_url(request),
            content=transport.encode([operation], batch=False),
            headers=headers,
            extensions={**request.extensions, _LOGIN_MARK: True},
        )

    def _login_request(self, request: httpx.Request) -> httpx.Request:
        variables: dict[str, object] = {
            "username": self.email,
            "password": self._password,
            "strategy": self.strategy,
        }
        return self._own_request(request, "Login", variables)

    def _profile_request(self, request: httpx.Request, token: str) -> httpx.Request:
        return self._own_request(request, "GetProfile", {}, token)

    def _checks_for_guest(self, request: httpx.Request) -> bool:
        return (
            request.method == "POST"
            and request.url.path.endswith((transport.GRAPHQL_PATH, transport.UPLOAD_PATH))
            and not request.extensions.get(_LOGIN_MARK)
        )

    def _refuse(self, error: WikiJSError, wait: float) -> WikiJSError:
        self._refusal = error
        self._refused_until = self._clock() + wait
        return error

    def _login_flow(self, request: httpx.Request) -> Flow:
        if self._refusal is not None and self._clock() < self._refused_until:
            raise self._refusal
        self.logins += 1
        log.debug("CredentialsAuth: logging in as %s", self.email)
        response = yield self._login_request(request)
        self._accept_login(response)

    def _accept_login(self, response: httpx.Response) -> None:
        from wikijs_graphql.login import Login

        try:
            result = transport.decode(response, expected=None)[0]
        except RateLimitError as exc:
            raise self._refuse(exc, exc.retry_after or self.login_cooldown) from None
        except WikiJSError as exc:
            raise AuthenticationError(f"the login request failed: {exc}") from None
        if result.errors:
            failure = graphql_failure(result.errors, None)
            if isinstance(failure, RateLimitError):
                raise self._refuse(failure, failure.retry_after or self.login_cooldown)
            raise self._refuse(
                AuthenticationError(f"Wiki.js refused the login: {failure}"), self.login_cooldown
            )
        try:
            answer = Login.model_validate(result.data).authentication
        except ValueError:
            raise AuthenticationError("the login answer had an unexpected shape") from None
        login = answer.login if answer is not None else None
        problem = _login_problem(login)
        if problem is not None or login is None or not login.jwt:
            message = problem or "Wiki.js answered the login without a token"
            raise self._refuse(
                _LoginRefused(f"the wiki refused the login for {self.email}: {message}"),
                self.login_cooldown,
            )
        self._refusal = None
        self._set_token(login.jwt)

    def __repr__(self) -> str:
        return (
            f"CredentialsAuth(email={self.email!r}, password=<redacted>, "
            f"strategy={self.strategy!r})"
        )


class _LoginRefused(AuthenticationError):
    """The server answered the login, and it was a no (wrong password, two factors, ...)."""


def _login_problem(login: LoginResultFields | None) -> str | None:
    """Why a login answer holds no usable token, in words; None when it does."""
    if login is None:
        return "no login result"
    status = login.response_result
    if status is not None and not status.succeeded:
        # The server's message for a wrong password names a "username" Wiki.js has none of.
        said = "wrong e-mail or password" if status.error_code == LOGIN_FAILED else status.message
        return f"{said} [{status.slug} {status.error_code}]"
    if login.must_change_pwd:
        return "the account must change its password first (see LoginChangePassword)"
    if login.must_provide_tfa or login.must_setup_tfa:
        return "the account uses two-factor authentication, which this client does not support"
    return None


@dataclass(frozen=True, slots=True)
class Identity:
    """Who the server says the caller is (an API key acts as the administrator, id 1)."""

    user_id: int
    name: str
    email: str


def _identity_from(profile: GetProfile) -> Identity:
    found = profile.users.profile if profile.users is not None else None
    if found is None:
        raise AuthenticationError(_GUEST_HINT)
    return Identity(found.id, found.name, found.email)


def _as_guest(exc: WikiJSError) -> AuthenticationError:
    return AuthenticationError(f"{_GUEST_HINT} ({exc})")


def verify_identity(executor: SyncExecutor) -> Identity:
    """Ask the server who the credentials belong to; AuthenticationError when nobody.

    Wiki.js runs a request with a bad, revoked or long-expired token as the Guest user instead
    of refusing it, so a client that wants to fail fast calls this once (the facade's
    `test_connection()` does): Guest has no profile, and every real user and API key has one.
    Connection failures raise WikiJSConnectionError / WikiJSTimeoutError as usual.
    """
    from wikijs_graphql import GraphQLClient

    try:
        return _identity_from(GraphQLClient(executor).get_profile(cache="no-cache"))
    except (AuthenticationError, ForbiddenError) as exc:
        if isinstance(exc, _LoginRefused):
            raise  # it says why itself; the request never ran, as Guest or anyone
        raise _as_guest(exc) from exc


async def averify_identity(executor: AsyncExecutor) -> Identity:
    """As `verify_identity`, for the async client."""
    from wikijs_graphql import AsyncGraphQLClient

    try:
        return _identity_from(await AsyncGraphQLClient(executor).get_profile(cache="no-cache"))
    except (AuthenticationError, ForbiddenError) as exc:
        if isinstance(exc, _LoginRefused):
            raise  # it says why itself; the request never ran, as Guest or anyone
        raise _as_guest(exc) from exc
