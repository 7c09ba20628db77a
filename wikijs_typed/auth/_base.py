"""The base of every auth scheme, and what the schemes share: checked input, cache identity."""

from __future__ import annotations

import hashlib
from collections.abc import Generator

import httpx

from wikijs_typed.exceptions import ConfigurationError

# What httpx drives: the requests a scheme sends for one request, each answered in turn.
Flow = Generator[httpx.Request, httpx.Response, None]


class AuthHandler(httpx.Auth):
    """Base of the auth strategies a client accepts.

    Wiki.js takes `Authorization: Bearer <token>`, where the token is an API key or a user
    JWT. A handler exposes the token it currently sends, and a non-secret `identity` that the
    cache puts in its keys.
    """

    @property
    def token(self) -> str | None:
        """The bearer token currently sent (None before a credentials login)."""
        raise NotImplementedError

    @property
    def identity(self) -> str:
        """Who requests are made as, for cache keys; derived from, never equal to, secrets."""
        raise NotImplementedError


def token_identity(kind: str, token: str) -> str:
    """The cache identity of a token: its kind and a digest of the whole token.

    Two callers share cache entries only when they hold the very same credential (a forged
    token with the same claims gets nothing). A renewed token is a new identity; its
    predecessor's entries simply age out.

    Args:
        kind: what the token is ("key", "jwt", "user").
        token: the secret itself.

    Returns:
        `kind:digest`, which does not reveal the token.
    """
    return f"{kind}:{hashlib.sha256(token.encode()).hexdigest()[:24]}"


def require_text(value: object, what: str, owner: str) -> str:
    """`value` stripped, or ConfigurationError when it is not a non-empty string.

    Args:
        value: what the caller passed.
        what: what it should be, for the message ("API key").
        owner: the class that needs it, for the message.

    Returns:
        The stripped text.

    Raises:
        ConfigurationError: when `value` is not a string or is blank.
    """
    if not isinstance(value, str) or not value.strip():
        raise ConfigurationError(f"{owner} needs a non-empty {what}")
    return value.strip()
