"""Fault injection: make the next requests fail the way networks and proxies do.

    emu.faults.next(2, "503", retry_after=3)   # the next two requests answer 503
    emu.faults.next(1, "drop")                 # the next one loses its connection

Kinds: "drop" (connection closed without an answer), "timeout" (no answer in time),
"502" (a proxy's Bad Gateway page), "503" (Service Unavailable with Retry-After),
"malformed" (200 with a truncated JSON body), "html" (200 with an HTML page, as a captive
portal or a misrouted proxy sends).

By default the request never reaches the wiki. With `processed=True` the wiki does the work
and the answer is lost on the way back, as when a connection breaks while a write finishes:

    emu.faults.next(1, "drop", processed=True, skip=3)   # the 4th request's answer is lost
    emu.faults.next(5, "html", operation="GetPage")     # only requests that run GetPage
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Literal, get_args

from wikijs_typed.testing._http.wire import Response, text_response

FaultKind = Literal["drop", "timeout", "502", "503", "malformed", "html"]
KINDS: tuple[str, ...] = get_args(FaultKind)


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    retry_after: int | None = None
    path: str | None = None  # only requests to this path, e.g. "/graphql"
    # True: the wiki handles the request, then its answer is replaced by the fault's.
    processed: bool = False
    # Only GraphQL requests that run this operation (by operationName).
    operation: str | None = None

    def matches(self, path: str, operations: Callable[[], Collection[str | None]]) -> bool:
        if self.path is not None and self.path != path:
            return False
        return self.operation is None or self.operation in operations()

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


@dataclass
class _Pending:
    fault: Fault
    skip: int  # matching requests still to let through before this fault strikes


class Faults:
    """The emulator's queue of injected faults (`emu.faults`), taken one per matching request.

    Faults strike in the order they were queued; a request that no fault matches (another
    path or operation) goes through untouched and uses none up. It is safe to use from
    several threads.
    """

    def __init__(self) -> None:
        self._queue: deque[_Pending] = deque()
        self._lock = threading.Lock()

    def next(
        self,
        count: int = 1,
        kind: FaultKind = "503",
        *,
        retry_after: int | None = None,
        path: str | None = None,
        processed: bool = False,
        skip: int = 0,
        operation: str | None = None,
    ) -> None:
        """Make the next `count` matching requests fail with `kind`.

        Queued behind the faults already waiting: they strike first.

        Args:
            count: How many requests fail; 0 or more.
            kind: How they fail: `"drop"` (the connection closes without an answer),
                `"timeout"` (no answer in time: httpx raises ReadTimeout), `"502"` (a proxy's
                Bad Gateway page), `"503"` (Service Unavailable with Retry-After),
                `"malformed"` (200 with a truncated JSON body), `"html"` (200 with an HTML
                page, as a captive portal sends).
            retry_after: The Retry-After seconds of a 503 (1 when not given).
            path: Only requests to this path (`"/graphql"`); None for any path.
            processed: False: the request never reaches the wiki. True: the wiki does the
                work and the answer is lost on the way back, as when a connection breaks
                while a write finishes.
            skip: How many matching requests to let through untouched first.
            operation: Only GraphQL requests that run this operation (by `operationName`,
                e.g. `"GetPage"`, also inside a batch); None for any request.

        Raises:
            ValueError: When `kind` is not one of the kinds above, or `count` or `skip` is
                negative.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; choose from {', '.join(KINDS)}")
        if count < 0 or skip < 0:
            raise ValueError("count and skip must not be negative")
        if kind == "503" and retry_after is None:
            retry_after = 1
        fault = Fault(kind, retry_after, path, processed, operation)
        with self._lock:
            self._queue.extend(_Pending(fault, skip) for _ in range(count))

    def take(
        self, path: str, operations: Callable[[], Collection[str | None]] = tuple
    ) -> Fault | None:
        """The fault for one request, taken off the queue (the emulator asks on each request).

        While the first matching fault still has requests to skip, the request goes through
        and every matching fault waiting behind it counts it too.

        Args:
            path: The request's path.
            operations: Gives the names of the GraphQL operations the request runs; called
                only when a fault waits for an operation.

        Returns:
            The fault to answer with, or None to let the request through.
        """
        with self._lock:
            matching = [p for p in self._queue if p.fault.matches(path, operations)]
            if not matching:
                return None
            first = matching[0]
            if first.skip > 0:
                # Every fault waiting behind it sees this request go by too.
                for pending in matching:
                    pending.skip = max(0, pending.skip - 1)
                return None
            self._queue.remove(first)
            return first.fault

    def clear(self) -> None:
        """Drop every fault still waiting."""
        with self._lock:
            self._queue.clear()

    @property
    def pending(self) -> int:
        """How many faults are still waiting to strike."""
        with self._lock:
            return len(self._queue)
