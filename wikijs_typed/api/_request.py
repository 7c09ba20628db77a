"""A request's query string as the content query's parameters, refused early when malformed.

The content query checks every value; what is left for HTTP is what a query string can do
that a mapping cannot: be enormous, or carry a parameter twice. Both answer 400 before the
query, and so before Wiki.js, sees anything.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qsl

from starlette.requests import Request

from wikijs_typed.api._settings import ApiSettings
from wikijs_typed.exceptions import ValidationError

__all__ = ["BadRequest", "read_params"]


class BadRequest(ValidationError):
    """A request the API refuses as a whole (answered 400 with the message)."""


def read_params(request: Request, settings: ApiSettings) -> dict[str, str]:
    raw: bytes = request.scope.get("query_string", b"")
    if len(raw) > settings.max_query_length:
        raise BadRequest(f"query string too long (at most {settings.max_query_length} bytes)")
    return dict(_parsed(raw))


# Hot requests repeat their query strings; parsing one again costs more than finding it.
@lru_cache(maxsize=1024)
def _parsed(raw: bytes) -> tuple[tuple[str, str], ...]:
    params: dict[str, str] = {}
    # Parsed as Starlette's `query_params` parses it, without building its multi-dict.
    for name, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
        # Django keeps the last of repeated values; which one a client meant is a guess.
        if name in params:
            raise BadRequest(f"query parameter is repeated: {name}")
        params[name] = value
    return tuple(params.items())
