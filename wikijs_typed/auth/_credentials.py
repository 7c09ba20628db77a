"""An e-mail and password: a handler that logs in by itself, and again when it must.

It logs in on first use, again whenever its token can no longer be renewed, and again when
the server turns out to run its token as Guest. The client's clock is not the judge: a
server whose clock is ahead, or that no longer accepts the token (its certificates were
regenerated), runs the request as Guest and answers "Forbidden". So a Forbidden answer to
this handler's token is checked by asking who the token is (Guest has no profile); when the
server took it for Guest, the handler logs in again and sends the request once more.

A login that failed or was rate limited (Wiki.js allows 5 logins a minute) is not tried again
before its cool-down has passed; meanwhile requests fail at once with the same typed error.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx

from wikijs_typed._pipeline import transport
from wikijs_typed._pipeline.errors import graphql_failure
from wikijs_typed._pipeline.guest import names_a_user, refused_as_guest_would_be
from wikijs_typed._pipeline.operation import GraphQLRequest
from wikijs_typed.auth._base import Flow, require_text
from wikijs_typed.auth._renewal import RENEWAL_WINDOW, GuestFlow, RenewingAuth, log
from wikijs_typed.exceptions import (
    AuthenticationError,
    ConfigurationError,
    RateLimitError,
    WikiJSError,
)

if TYPE_CHECKING:
    from wikijs_graphql.fragments import LoginResultFields

# After a failed or rate-limited login, no new login for this long (the server's window).
LOGIN_COOLDOWN = 60.0
# Wiki.js's errorCode for a login with an unknown e-mail or a wrong password (AuthLoginFailed).
LOGIN_FAILED = 1002
# Marks the requests the handler sends of its own (login, profile), whose answer it reads.
_OWN_REQUEST = "wikijs_typed.auth.own_request"


class LoginRefused(AuthenticationError):
    """The server answered the login, and it was a no (wrong password, two factors, ...)."""


class CredentialsAuth(RenewingAuth):
    """Logs in with an e-mail and password on first use, and again whenever it must.

    That is when the token can no longer be renewed, or when the server turns out to run it
    as the Guest user. The login uses the generated `Login` operation
    (`authentication.login`).

    Args:
        email: the account's e-mail.
        password: its password; never shown in reprs, logs or errors.
        strategy: the Wiki.js authentication strategy key ("local" for built-in accounts).
        base_url: the Wiki.js root; by default the login goes to `/graphql` on the host of
            the request.
        renewal_window: how long after its expiry the server still renews a token (seconds);
            Wiki.js's default is 14 days.
        login_cooldown: how long no login is tried after a failed or rate-limited one
            (seconds), unless the server says how long to wait.
        clock: the current Unix time (a test passes its own).

    Raises:
        ConfigurationError: when the e-mail, password or strategy is empty.
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
        self.email = require_text(email, "email", "CredentialsAuth")
        if not isinstance(password, str) or not password:
            raise ConfigurationError("CredentialsAuth needs a non-empty password")
        self._password = password
        self.strategy = require_text(strategy, "strategy", "CredentialsAuth")
        self.base_url = base_url.rstrip("/") if base_url else None
        self.login_cooldown = login_cooldown
        self.logins = 0
        # Until the first login: an identity no other caller can reproduce, not even one that
        # knows the email (it would otherwise read what this one cached before logging in).
        self._identity = f"user:{secrets.token_hex(12)}"
        # The last token the server was seen to know (see `_answered_as_guest`).
        self._confirmed: str | None = None
        # Why logins are refused for now, and until when.
        self._refusal: WikiJSError | None = None
        self._refused_until = 0.0

    # -- requests of its own -------------------------------------------------------------

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
        """A request of the handler's own (marked, so that its answer is read)."""
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
            extensions={**request.extensions, _OWN_REQUEST: True},
        )

    def _must_read(self, response: httpx.Response) -> bool:
        return bool(response.request.extensions.get(_OWN_REQUEST)) or self._checks_for_guest(
            response.request
        )

    # -- Guest answers -------------------------------------------------------------------

    def _checks_for_guest(self, request: httpx.Request) -> bool:
        """Whether a Forbidden answer to this request is checked for having run as Guest."""
        return (
            request.method == "POST"
            and request.url.path.endswith((transport.GRAPHQL_PATH, transport.UPLOAD_PATH))
            and not request.extensions.get(_OWN_REQUEST)
        )

    def _flow(self, request: httpx.Request) -> GuestFlow:
        token, response = yield from self._exchange(request)
        if (
            token is None
            or not self._checks_for_guest(request)
            or not refused_as_guest_would_be(request, response)
        ):
            return False
        return (yield from self._answered_as_guest(request, token))

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
        probe = yield self._own_request(request, "GetProfile", {}, token)
        if names_a_user(probe):
            with self._state_lock:
                self._confirmed = token
            yield self._authorize(request)
            return False
        log.debug("%s: the server took the token for the Guest user", type(self).__name__)
        with self._state_lock:
            if self._token == token:
                self._rejected = token
        return True

    # -- logging in ----------------------------------------------------------------------

    def _refuse(self, error: WikiJSError, wait: float) -> WikiJSError:
        self._refusal = error
        self._refused_until = self._clock() + wait
        return error

    def _login_flow(self, request: httpx.Request) -> Flow:
        if self._refusal is not None and self._clock() < self._refused_until:
            raise self._refusal
        self.logins += 1
        log.debug("CredentialsAuth: logging in as %s", self.email)
        variables: dict[str, object] = {
            "username": self.email,
            "password": self._password,
            "strategy": self.strategy,
        }
        response = yield self._own_request(request, "Login", variables)
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
                LoginRefused(f"the wiki refused the login for {self.email}: {message}"),
                self.login_cooldown,
            )
        self._refusal = None
        self._set_token(login.jwt)

    def __repr__(self) -> str:
        return (
            f"CredentialsAuth(email={self.email!r}, password=<redacted>, "
            f"strategy={self.strategy!r})"
        )


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
