"""A user JWT the caller already has, kept valid by the server's renewals."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx

from wikijs_typed.auth._base import Flow, require_text
from wikijs_typed.auth._renewal import RENEWAL_WINDOW, RenewingAuth
from wikijs_typed.exceptions import AuthenticationError


class JWTAuth(RenewingAuth):
    """A user JWT (from `authentication.login`), renewed from the server's `new-jwt` answers.

    Wiki.js has no refresh endpoint: the server renews a user JWT by itself while it is
    expired less than `renewal_window`, and this handler takes every renewed token it is
    sent. A token expired beyond that cannot be renewed: requests then fail with
    AuthenticationError instead of silently running as Guest.

    Args:
        token: the user JWT.
        base_url: accepted for compatibility with the Wiki.js SDK; not used.
        refresh_token: accepted for compatibility with the Wiki.js SDK, which Wiki.js cannot
            use; kept as `refresh_token`.
        expires_at: when the token expires (Unix time); by default its `exp` claim.
        renewal_window: how long after its expiry the server still renews a token (seconds);
            Wiki.js's default is 14 days.
        clock: the current Unix time (a test passes its own).

    Raises:
        ConfigurationError: when the token is empty.
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
        self.base_url = base_url
        self._refresh_token = refresh_token
        self._set_token(require_text(token, "token", "JWTAuth"), expires_at)

    @property
    def refresh_token(self) -> str | None:
        """Kept for compatibility; Wiki.js cannot use it."""
        return self._refresh_token

    @property
    def is_expired(self) -> bool:
        """Whether the current token is past its expiry (the server may still renew it)."""
        late = self._expired_by()
        return late is not None and late >= 0

    def _login_flow(self, request: httpx.Request) -> Flow:
        raise AuthenticationError(
            "the JWT expired more than the renewal window ago and cannot be renewed; "
            "log in again (CredentialsAuth does that by itself)"
        )

    def __repr__(self) -> str:
        return f"JWTAuth(token=<redacted>, expires_at={self._expires_at!r})"
