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
    """The Wiki.js base URL, checked, without trailing slashes: `https://wiki.example.com`.

    ConfigurationError for an empty URL, a scheme other than http(s), or no host.
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
    """`endpoint` (e.g. "/graphql") joined to the normalized base URL, keeping its sub-path."""
    return f"{normalize_url(base_url)}/{endpoint.lstrip('/')}"


def parse_wiki_response(response_data: object) -> dict[str, Any]:
    """The `data` of a GraphQL answer; its `errors` raised as the typed exception they mean.

    Partial data stays available on the GraphQLError (`.data`).
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
    """The most useful error text in an HTTP answer: a GraphQL or upload error message, else
    the start of the body, else the status."""
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
