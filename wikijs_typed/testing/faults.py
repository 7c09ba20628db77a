"""Fault injection: make the next requests fail the way networks and proxies do.

    emu.faults.next(2, "503", retry_after=3)   # the next two requests answer 503
    emu.faults.next(1, "drop")                 # the next one loses its connection

Kinds: "drop" (connection closed without an answer), "timeout" (no answer in time),
"502" (a proxy's Bad Gateway page), "503" (Service Unavailable with Retry-After),
"malformed" (200 with a truncated JSON body), "html" (200 with an HTML page, as a captive
portal or a misrouted proxy sends).
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Literal, get_args

from wikijs_typed.testing.wire import Response, text_response

FaultKind = Literal["drop", "timeout", "502", "503", "malformed", "html"]
KINDS: tuple[str, ...] = get_args(FaultKind)


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    retry_after: int | None = None
    path: str | None = None  # only requests to this path, e.g. "/graphql"

    def response(self) -> Response | None:
        """The answer this fault sends, or None when the connection gives none."""
        if self.kind == "502":
            return text_response(502, "<html><body><h1>502 Bad Gateway</h1></body></html>")
        if self.kind == "503":
            headers = (
                [("retry-after", str(self.retry_after))] if self.retry_after is not None else []
            )
            return text_response(
                503, "<html><body><h1>503 Service Unavailable</h1></body></html>", headers=headers
            )
        if self.kind == "malformed":
            return Response(
                200,
                b'{"data":{"pages":{"single":{"id":1,"ti',
                [("content-type", "application/json; charset=utf-8")],
            )
        if self.kind == "html":
            return text_response(200, "<!DOCTYPE html><html><body>Please sign in</body></html>")
        return None


class Faults:
    def __init__(self) -> None:
        self._queue: deque[Fault] = deque()
        self._lock = threading.Lock()

    def next(
        self,
        count: int = 1,
        kind: FaultKind = "503",
        *,
        retry_after: int | None = None,
        path: str | None = None,
    ) -> None:
        """Make the next `count` matching requests fail with `kind`."""
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; choose from {', '.join(KINDS)}")
        if count < 0:
            raise ValueError("count must not be negative")
        if kind == "503" and retry_after is None:
            retry_after = 1
        with self._lock:
            self._queue.extend(Fault(kind, retry_after, path) for _ in range(count))

    def take(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self._queue:
                if fault.path is None or fault.path == path:
                    self._queue.remove(fault)
                    return fault
        return None

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)
