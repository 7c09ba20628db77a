"""Utilities the Wiki.js SDK offers: URLs and responses.

`parse_wiki_response` and `extract_error_message` work on raw JSON and HTTP answers, for code
that talks to Wiki.js without the typed client; the client itself raises typed exceptions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from wikijs_typed._pipeline.errors import graphql_failure
from wikijs_typed.exceptions import ConfigurationError, InvalidResponseError

__all__ = ["build_api_url", "extract_error_message", "normalize_url", "parse_wiki_response"]

_EXCERPT = 200


def normalize_url(base_url: str) -> str:
    """Check a Wiki.js base URL and drop its trailing slashes.

    Args:
        base_url: The address of the wiki, e.g. `https://wiki.example.com/`; a sub-path
            (`https://example.com/wiki`) is kept.

    Returns:
        The URL without surrounding whitespace or trailing slashes: `https://wiki.example.com`.

    Raises:
        ConfigurationError: The URL is empty, its scheme is not http or https, it names no
            host, or it carries a query string or a fragment.
    """
    if not isinstance(base_url, str) or not base_url.strip():
        raise ConfigurationError(
            "base_url must be the address of a Wiki.js, e.g. https://wiki.example.com"
        )
    url = base_url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(f"base_url must start with http:// or https://, not {base_url!r}")
    if parts.query or parts.fragment:
        raise ConfigurationError("base_url must not carry a query string or a fragment")
    return url


def shown_url(url: str) -> str:
    """`url` fit for a repr: a password written into it (`https://me:pw@wiki`) is masked."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def build_api_url(base_url: str, endpoint: str) -> str:
    """Join an endpoint to the normalized base URL, keeping the base's sub-path.

    Args:
        base_url: The address of the wiki, checked as `normalize_url` does.
        endpoint: The path to reach under it, with or without a leading slash: "/graphql".

    Returns:
        The full URL: `https://example.com/wiki/graphql`.

    Raises:
        ConfigurationError: `base_url` is not a usable Wiki.js address.
    """
    return f"{normalize_url(base_url)}/{endpoint.lstrip('/')}"


def parse_wiki_response(response_data: object) -> dict[str, Any]:
    """Take the `data` of a GraphQL answer, raising its `errors` as typed exceptions.

    For code that posts to `/graphql` itself; the typed client does this on every answer.

    Args:
        response_data: The decoded JSON body of a Wiki.js GraphQL answer.

    Returns:
        The answer's `data` object.

    Raises:
        NotFoundError: The `errors` say the thing asked for does not exist.
        AuthenticationError: The `errors` say the request needs a login.
        GraphQLError: Any other `errors` (ForbiddenError for a refused permission,
            RateLimitError when Wiki.js throttles); partial data stays on its `.data`.
        InvalidResponseError: The body is not a JSON object, or holds no `data` object.
    """
    if not isinstance(response_data, Mapping):
        raise InvalidResponseError("a Wiki.js GraphQL answer must be a JSON object")
    data = response_data.get("data")
    errors = response_data.get("errors")
    if errors:
        entries = [e for e in errors if isinstance(e, Mapping)] if isinstance(errors, list) else []
        raise graphql_failure(
            entries or [{"message": str(errors)}], data if isinstance(data, dict) else None
        )
    if not isinstance(data, dict):
        raise InvalidResponseError("the Wiki.js answer holds no data")
    return data


def extract_error_message(response: httpx.Response) -> str:
    """Find the most useful error text in an HTTP answer.

    Args:
        response: An answer from Wiki.js, usually one with a failing status.

    Returns:
        The first GraphQL error's message, else an upload error's `message`/`error`, else the
        start of the body (up to 200 characters), else the status line: `HTTP 502 Bad Gateway`.
    """
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, Mapping):
        errors = body.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], Mapping):
            return str(errors[0].get("message", "unknown error"))
        for key in ("message", "error"):
            if isinstance(body.get(key), str):
                return str(body[key])
    text = response.text.strip()
    if text:
        return text if len(text) <= _EXCERPT else text[:_EXCERPT] + "…"
    return f"HTTP {response.status_code} {response.reason_phrase}".strip()
