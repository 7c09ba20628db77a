"""A user JWT kept valid by the server's renewals, with one request at a time doing the work.

Wiki.js has no refresh-token endpoint. When a request carries a user JWT that expired less
than 14 days ago (the server's `authJwtRenewablePeriod`), Wiki.js 2.5 answers normally and
sends a fresh token in the `new-jwt` response header (or as a `jwt` cookie when the request's
Content-Type is not exactly `application/json`). A token older than that is silently treated
as the Guest user. So a renewing handler takes every renewed token it is sent, and obtains a
new one (`_login_flow`) when its token can no longer be renewed.

Renewal and login are single flight: when the token needs work, one request does it while the
others (threads or tasks) wait for the outcome and then go with the fresh token.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from typing import TYPE_CHECKING

import httpx

from wikijs_typed._pipeline import transport
from wikijs_typed._pipeline.guest import GUEST_HINT
from wikijs_typed.auth._base import AuthHandler, Flow, token_identity
from wikijs_typed.auth._claims import expiry_of
from wikijs_typed.auth._redaction import redact_tokens_in_http_logs
from wikijs_typed.exceptions import AuthenticationError

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger("wikijs_typed.auth")

# Wiki.js's default `authJwtRenewablePeriod`: expired user JWTs are renewed for this long.
RENEWAL_WINDOW = 14 * 24 * 3600.0
# Clocks disagree: a token counts as expired for certain only this long after its `exp`.
CLOCK_SKEW = 300.0

# A flow that ends telling whether the server ran its request as the Guest user.
GuestFlow = Generator[httpx.Request, httpx.Response, bool]
# The renewing exchange: ends with the token the server must have known (None when it
# renewed it, which proves it did) and the answer.
Exchange = Generator[httpx.Request, httpx.Response, tuple[str | None, httpx.Response]]

# Renewed tokens arrive in response headers, which httpcore logs at DEBUG: from the moment a
# renewing handler can exist, those logs get the token blanked out.
redact_tokens_in_http_logs()


def renewed_token(response: httpx.Response) -> str | None:
    """The fresh token the server sent with an answer, if any.

    Args:
        response: an answer to a request that carried a user JWT.

    Returns:
        The token from the `new-jwt` header or the `jwt` cookie, or None.
    """
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


class RenewingAuth(AuthHandler):
    """A user JWT that the server renews, with single-flight renewal and login.

    Args:
        renewal_window: how long after its expiry the server still renews a token (seconds).
        clock: the current Unix time.
        kind: what the token is, for the cache identity ("jwt", "user").
    """

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
        # The expired token a request already went to fetch a renewal with (see `_needs_flight`).
        self._renewal_sought_with: str | None = None
        # The token the server was found to run a request as Guest with (see `_retry_flow`).
        self._rejected: str | None = None
        self._state_lock = threading.Lock()
        self._thread_lock = threading.Lock()
        self._task_locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}

    # -- state ---------------------------------------------------------------------------

    @property
    def token(self) -> str | None:
        """The user JWT currently sent (None while there is none)."""
        return self._token

    @property
    def identity(self) -> str:
        """A digest of the current token, for cache keys (it changes with each renewal)."""
        return self._identity

    @property
    def expires_at(self) -> float | None:
        """When the current token expires (Unix time), from its `exp` claim by default."""
        return self._expires_at

    def _set_token(self, token: str, expires_at: float | None = None) -> None:
        if expires_at is None:
            expires_at = expiry_of(token)
        with self._state_lock:
            self._token = token
            self._expires_at = expires_at
            self._identity = token_identity(self._kind, token)

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
        return self._renewal_sought_with != self._token or late > CLOCK_SKEW

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
        """Obtain a token, or raise AuthenticationError when the handler cannot."""
        raise NotImplementedError

    def _exchange(self, request: httpx.Request) -> Exchange:
        """Send `request` with a token the server will take, keeping any renewal it sends."""
        if self._token is None or self._beyond_renewal():
            yield from self._login_flow(request)
        token = self._token
        late = self._expired_by()
        response = yield self._authorize(request)
        renewed = renewed_token(response)
        if renewed is not None:
            log.debug("%s: took the renewed token the server sent", type(self).__name__)
            self._set_token(renewed)
            return None, response
        if late is not None and late >= 0:
            # An expired token came back without a renewal. Remembered only now, so that
            # requests arriving meanwhile waited for this answer.
            self._renewal_sought_with = token
        if token is not None and self._ran_as_guest(request, token):
            self._forget_token()
            yield from self._login_flow(request)
            response = yield self._authorize(request)
            token = self._token
        return token, response

    def _flow(self, request: httpx.Request) -> GuestFlow:
        """The renewing exchange; True when the request ran as Guest and must go again.

        From the answer alone this cannot be told; a handler that checks overrides it.
        """
        yield from self._exchange(request)
        return False

    def _retry_flow(self, request: httpx.Request) -> GuestFlow:
        """The request again after it ran as Guest.

        With a new login unless another request made one meanwhile; AuthenticationError when
        the server still takes it for Guest.
        """
        with self._state_lock:
            rejected = self._token is not None and self._token == self._rejected
        if rejected:
            self._forget_token()
        if (yield from self._flow(request)):
            raise AuthenticationError(f"{GUEST_HINT}, even right after a new login")
        return False

    def _must_read(self, response: httpx.Response) -> bool:
        """Whether the flow looks into this answer's body (httpx streams answers)."""
        return False

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
        """Send the request with a current token, renewing or logging in first if need be.

        Args:
            request: the request httpx is about to send.

        Yields:
            The requests to send: a login or a check of its own when needed, then `request`.
        """
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
        """As `sync_auth_flow`, for an async httpx client.

        Args:
            request: the request httpx is about to send.

        Yields:
            The requests to send: a login or a check of its own when needed, then `request`.
        """
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
