"""Authentication strategies, as httpx auth flows.

Wiki.js takes `Authorization: Bearer <token>`, where the token is an API key or a user JWT.
"""

from __future__ import annotations

from collections.abc import Generator

import httpx

from wikijs_typed.exceptions import ConfigurationError


class AuthHandler(httpx.Auth):
    """Base of the auth strategies a client accepts."""


class APIKeyAuth(AuthHandler):
    """A static API key, made in the admin area or by `authentication.createApiKey`."""

    def __init__(self, api_key: str) -> None:
        if not isinstance(api_key, str) or not api_key.strip():
            raise ConfigurationError("APIKeyAuth needs a non-empty API key")
        self._api_key = api_key.strip()

    @property
    def token(self) -> str:
        return self._api_key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._api_key}"
        yield request

    def __repr__(self) -> str:
        return "APIKeyAuth(api_key=<redacted>)"
