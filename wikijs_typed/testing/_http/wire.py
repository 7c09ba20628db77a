"""Plain HTTP request/response values shared by the app, the transports and the server."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

JSON_TYPE = "application/json; charset=utf-8"
TEXT_TYPE = "text/html; charset=utf-8"


@dataclass
class Request:
    method: str
    target: str  # path plus query string, as on the request line
    headers: dict[str, str]  # lower-case names
    body: bytes = b""
    client: str = "127.0.0.1"

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0] or "/"

    @property
    def query_string(self) -> str:
        return self.target.split("?", 1)[1] if "?" in self.target else ""

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


def json_response(
    status: int, payload: Any, headers: list[tuple[str, str]] | None = None
) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(status, body, [("content-type", JSON_TYPE), *(headers or [])])


def text_response(
    status: int,
    text: str,
    content_type: str = TEXT_TYPE,
    headers: list[tuple[str, str]] | None = None,
) -> Response:
    return Response(status, text.encode(), [("content-type", content_type), *(headers or [])])


def error_page(status: int, message: str) -> Response:
    """Wiki.js renders its error view for non-API routes (an HTML page)."""
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Error | Wiki.js</title>'
        f"</head><body><h1>{status}</h1><p>{message}</p></body></html>"
    )
    return text_response(status, page)
