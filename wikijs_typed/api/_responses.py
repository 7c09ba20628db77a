"""JSON bodies with an ETag and Cache-Control, 304 for a matching If-None-Match, and errors.

The ETag is a digest of the body itself: the body is made from the client's cache on every
request, so it changes the moment a mutation anywhere on that cache changes the content,
and a client that revalidates gets a 304 without the body.
"""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import Response

from wikijs_typed.api._memo import Rendered
from wikijs_typed.api._settings import ApiSettings
from wikijs_typed.query._wagtail import JSONObject, wagtail_json

__all__ = ["Renderer", "cache_control", "error", "render", "respond"]

JSON = "application/json"
_JSON = JSON.encode()


def cache_control(settings: ApiSettings) -> str:
    """The Cache-Control of every response the settings make."""
    # Drafts or addresses in a response must not land in a shared cache.
    audience = "public" if settings.public else "private"
    if settings.kept_max_age:
        return f"{audience}, max-age={settings.kept_max_age}"
    return f"{audience}, no-cache"


def _matches(header: str | None, etag: str) -> bool:
    if header is None:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in tags or etag in tags


def render(body: JSONObject | bytes, audience: str = "") -> Rendered:
    """Render a body (or take its JSON) with its ETag, which also names the audience.

    The same body served to another audience is another representation: a shared cache keeps
    them apart.
    """
    content = body if isinstance(body, bytes) else wagtail_json(body)
    # SHA-256, which processors compute in hardware (twice blake2b's speed here); 128 bits of
    # it are plenty to tell representations apart.
    digest = hashlib.sha256(audience.encode() + b"\0")
    digest.update(content)
    return Rendered(content, f'"{digest.hexdigest()[:32]}"')


# Bodies whose ETags a renderer keeps: a digest of a detail view's body costs more than the
# rest of a hot request, and the queries keep the bodies themselves.
_KEPT_ETAGS = 256


class Renderer:
    """`render` of JSON for one audience, each ETag worked out once for a body a query keeps.

    A query that keeps a body answers the same bytes object again, so its ETag is found by
    the object's identity; another body costs its digest.
    """

    def __init__(self, audience: str) -> None:
        self._audience = audience
        # By `id(content)`; the content is held with it, so no other body can take its id.
        self._kept: dict[int, Rendered] = {}

    def __call__(self, content: bytes) -> Rendered:
        kept = self._kept.get(id(content))
        if kept is not None and kept.content is content:
            return kept
        rendered = render(content, self._audience)
        if len(self._kept) >= _KEPT_ETAGS:
            self._kept.clear()
        self._kept[id(content)] = rendered
        return rendered


class _Answer(Response):
    """A rendered body (or its 304) with the API's headers, given as Starlette sends them.

    Made on every request, so it skips the generic header handling a Response does.
    """

    def __init__(self, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
        self.status_code = status
        self.body = body
        self.background = None
        self.raw_headers = headers


def respond(request: Request, rendered: Rendered, cache_control: str) -> Response:
    headers = [(b"etag", rendered.etag.encode()), (b"cache-control", cache_control.encode())]
    if _matches(request.headers.get("if-none-match"), rendered.etag):
        return _Answer(304, b"", headers)
    headers += [(b"content-length", b"%d" % len(rendered.content)), (b"content-type", _JSON)]
    return _Answer(200, rendered.content, headers)


def error(status: int, message: str, *, key: str = "message") -> Response:
    """Wagtail's error envelope, `{"message": ...}` (DRF's `{"detail": ...}` for a 405)."""
    headers = {"Cache-Control": "no-store"}
    return Response(
        wagtail_json({key: message}), status_code=status, media_type=JSON, headers=headers
    )
