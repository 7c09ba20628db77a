"""Speaking GraphQL over HTTP to Wiki.js, without doing any I/O itself.

`encode` makes the body of one POST for one operation or for a batch (Wiki.js accepts a JSON
array of operations and answers with an array in the same order). `decode` turns the HTTP
answer into results, or into the typed exception that explains why there are none. The sync
and async engines share these two functions and differ only in how they wait.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import httpx
from pydantic_core import PydanticSerializationError, from_json, to_json

from wikijs_typed._pipeline.operation import GraphQLRequest, GraphQLResult
from wikijs_typed._pipeline.retry import retry_after
from wikijs_typed.exceptions import (
    AuthenticationError,
    ClientError,
    GraphQLErrorDetail,
    InvalidResponseError,
    RateLimitError,
    ServerError,
    WikiJSConnectionError,
    WikiJSError,
    WikiJSTimeoutError,
)

GRAPHQL_PATH = "/graphql"
# Wiki.js's REST route for asset uploads (multipart POST).
UPLOAD_PATH = "/u"
# Exactly this content type: Wiki.js only sends a renewed token in the `new-jwt` header when
# the request's Content-Type is `application/json` with no charset (Wiki.js 2.5.314).
JSON_CONTENT_TYPE = "application/json"

# Messages Wiki.js sends with HTTP 500 before GraphQL runs, when the key itself is refused.
_KEY_REFUSALS = ("API Key is invalid or was revoked", "API is disabled")
_EXCERPT = 200


def encode(requests: Sequence[GraphQLRequest], *, batch: bool) -> bytes:
    """The JSON body for one operation, or for several sent as one array."""
    payload: Any = [r.payload() for r in requests] if batch else requests[0].payload()
    # pydantic-core writes a batch's body in a third of the time `json.dumps` takes, the same
    # JSON (NaN and the infinities included). What it refuses (a lone surrogate, an object
    # JSON has no form for) gets the standard library's error.
    try:
        return to_json(payload, inf_nan_mode="constants")
    except PydanticSerializationError:
        return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def _wiki_address(request: httpx.Request | None) -> str:
    """The wiki's base URL a request went to (its GraphQL or upload route cut off)."""
    if request is None:
        return "the wiki"
    url = str(request.url.copy_with(query=None, fragment=None))
    for route in (GRAPHQL_PATH, UPLOAD_PATH):
        if url.endswith(route):
            return url[: -len(route)]
    return url


def _request_of(exc: httpx.TransportError) -> httpx.Request | None:
    try:
        return exc.request
    except RuntimeError:  # an error raised outside a request carries none
        return None


def _not_graphql(response: httpx.Response) -> str | None:
    """A message for an HTML page where GraphQL was expected, or None for any other answer.

    Such a page means a wrong address: a wiki under a sub-path, another site, a proxy's error
    page.
    """
    # Express answers some refusals (an empty query) with a line of text labelled text/html:
    # only a page is a page.
    start = response.text.lstrip()[:15].lower()
    if not start.startswith(("<!doctype html", "<html")):
        return None
    where = _wiki_address(response.request)
    return (
        f"{where} answered HTTP {response.status_code} with an HTML page, not GraphQL:"
        " is this the Wiki.js address?"
    )


def _excerpt(response: httpx.Response) -> str:
    text = response.text.strip()
    return text if len(text) <= _EXCERPT else text[:_EXCERPT] + "…"


def _json_or_none(response: httpx.Response) -> Any:
    # pydantic-core's parser decodes a batch of pages in less than half the time `json.loads`
    # takes. It refuses what `json.loads` accepts only at the edges (a BOM, UTF-16, a lone
    # surrogate escape): those get the standard library's answer.
    try:
        return from_json(response.content)
    except ValueError:
        pass
    try:
        return response.json()
    except ValueError:
        return None


def _refused_key(body: Any) -> str | None:
    if isinstance(body, dict):
        for error in body.get("errors") or ():
            message = error.get("message", "") if isinstance(error, dict) else ""
            if any(refusal in message for refusal in _KEY_REFUSALS):
                return str(message)
    return None


def decode(response: httpx.Response, *, expected: int | None) -> list[GraphQLResult]:
    """Results of a POST; `expected` is the batch size, or None for a single operation.

    GraphQL-level failures (validation, resolver errors) come back as results carrying
    `errors`, whatever the HTTP status; everything else raises.
    """
    body = _json_or_none(response)
    refusal = _refused_key(body)
    if refusal is not None:
        raise AuthenticationError(refusal)
    if expected is not None and isinstance(body, list):
        if len(body) != expected:
            raise InvalidResponseError(
                f"sent {expected} operations, got {len(body)} results",
                status_code=response.status_code,
            )
        return [GraphQLResult.from_json(item) for item in body]
    if expected is None and isinstance(body, dict) and ("data" in body or "errors" in body):
        return [GraphQLResult.from_json(body)]
    status = response.status_code
    html = _not_graphql(response)
    if html is not None and 400 <= status < 500 and status != 429:
        raise ClientError(html, status_code=status)
    if html is not None and status < 400:
        raise InvalidResponseError(html, status_code=status)
    if status == 429:
        wait = retry_after(response)
        detail = GraphQLErrorDetail(message=f"Wiki.js answered HTTP 429: {_excerpt(response)}")
        raise RateLimitError([detail], retry_after=wait)
    if status >= 500:
        raise ServerError(
            f"Wiki.js answered HTTP {status}", status_code=status, body_excerpt=_excerpt(response)
        )
    if status >= 400:
        raise ClientError(
            f"Wiki.js refused the request with HTTP {status}: {_excerpt(response)}",
            status_code=status,
            body_excerpt=_excerpt(response),
        )
    raise InvalidResponseError(
        f"Wiki.js answered HTTP {status} without a GraphQL result: {_excerpt(response)!r}",
        status_code=status,
    )


def network_failure(exc: httpx.TransportError) -> WikiJSError:
    """The typed exception for an httpx transport failure (the original stays as __cause__)."""
    where = _wiki_address(_request_of(exc))
    if isinstance(exc, httpx.TimeoutException):
        return WikiJSTimeoutError(f"{where} did not answer in time ({type(exc).__name__})")
    return WikiJSConnectionError(f"cannot reach {where}: {_cause(exc)}")


def _cause(exc: httpx.TransportError) -> str:
    """The cause of a transport error in a few words.

    `connection refused` from `[Errno 111] Connection refused`; the class name when the error
    says nothing more.
    """
    text = str(exc)
    if text.startswith("[Errno") and "] " in text:
        text = text.split("] ", 1)[1]
    return (text[:1].lower() + text[1:]) if text else type(exc).__name__
