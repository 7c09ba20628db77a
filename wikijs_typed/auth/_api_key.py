"""An API key: a static bearer token that never expires on the client's side."""

from __future__ import annotations

import httpx

from wikijs_typed.auth._base import AuthHandler, Flow, require_text, token_identity


class APIKeyAuth(AuthHandler):
    """A static API key, made in the admin area or by `authentication.createApiKey`.

    Args:
        api_key: the key (a JWT Wiki.js signed for API access); never shown in reprs.

    Raises:
        ConfigurationError: when the key is empty.
    """

    def __init__(self, api_key: str) -> None:
        self._api_key = require_text(api_key, "API key", "APIKeyAuth")
        self._identity = token_identity("key", self._api_key)

    @property
    def token(self) -> str:
        """The API key, sent as the bearer token."""
        return self._api_key

    @property
    def identity(self) -> str:
        """A digest of the key, for cache keys."""
        return self._identity

    def auth_flow(self, request: httpx.Request) -> Flow:
        """Send the request with the key.

        Args:
            request: the request httpx is about to send.

        Yields:
            The request, with its `Authorization` header set.
        """
        request.headers["Authorization"] = f"Bearer {self._api_key}"
        yield request

    def __repr__(self) -> str:
        return "APIKeyAuth(api_key=<redacted>)"
