"""The emulated server's request pipeline, without any I/O: bytes in, bytes out.

Middleware order follows Wiki.js's Express app: faults (ours), body parsing, the
authentication middleware, then the routes — `/graphql` (Apollo), `POST /u` (uploads) and
`GET /<path>` (asset downloads and page views, `rest.download`).
"""

from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any
from urllib.parse import parse_qs

from wikijs_typed.testing._faults import Fault, Faults
from wikijs_typed.testing._graphql.schema import executable_schema
from wikijs_typed.testing._http import jsonsyntax, rest
from wikijs_typed.testing._http.apollo import GraphQLService, Trace
from wikijs_typed.testing._http.wire import (
    Request,
    Response,
    error_page,
    json_response,
    text_response,
)
from wikijs_typed.testing._latency import LatencyProfile, WriteLane
from wikijs_typed.testing._wiki.identity import AuthOutcome, authenticate
from wikijs_typed.testing._wiki.traffic import Activity
from wikijs_typed.testing._wiki.wiki import Context, Wiki


@dataclass(frozen=True)
class RecordedRequest:
    """One HTTP request the emulator received (`emu.requests` holds them, in order).

    Attributes:
        method: The HTTP method, `"POST"` for GraphQL.
        path: The request's path, without the query string (`"/graphql"`).
        operation_names: The `operationName` of each GraphQL operation in the body (None for
            an operation sent without one); empty when the body held no GraphQL.
        batch_size: How many GraphQL operations the body held; 0 when it held none.
        is_batch: Whether the body was a batch (a JSON list of operations), even of one.
        status: The HTTP status answered; None when a fault dropped the connection or
            timed out.
        fault: The kind of fault injected into this request (`"503"`, `"drop"`, ...), or
            None.
    """

    method: str
    path: str
    operation_names: tuple[str | None, ...]
    batch_size: int  # operations in the body; 0 when it held no GraphQL
    is_batch: bool
    status: int | None  # None when a fault dropped the connection
    fault: str | None = None


@dataclass
class Outcome:
    response: Response | None  # None: the connection is dropped or never answered
    delay: float = 0.0
    fault: Fault | None = None
    # What the request did, in flight until `WikiApp.finish` (after the delay).
    activity: Activity | None = None


class _BadBody(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class WikiApp:
    wiki: Wiki
    faults: Faults = field(default_factory=Faults)
    latency: LatencyProfile | None = None
    requests: list[RecordedRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._graphql = GraphQLService(executable_schema(), self.wiki.persisted_queries)
        self._record_lock = threading.Lock()
        self._lane = WriteLane()

    def handle(self, request: Request) -> Outcome:
        """Answer one request.

        The caller delivers the answer after `delay`, then calls `finish`: until then the request is
        in flight and later writes can collide with it.
        """
        fault = self.faults.take(request.path, lambda: _operation_names(request))
        if fault is not None and not fault.processed:
            response = fault.response()
            self._record(request, Trace(), response.status if response else None, fault.kind)
            return Outcome(response, fault=fault)
        trace = Trace()
        with self.wiki.lock:
            traffic = self.wiki.traffic
            traffic.race_window = self.latency.tag_race if self.latency is not None else None
            activity = self.wiki.activity = traffic.begin(self.wiki.clock.now())
            try:
                response, work = self._dispatch(request, trace)
            finally:
                self.wiki.activity = None
            delay = self._delay(work)
        if fault is not None:
            lost = fault.response()
            self._record(request, trace, lost.status if lost else None, fault.kind)
            return Outcome(lost, delay, fault, activity)
        self._record(request, trace, response.status, None)
        return Outcome(response, delay, activity=activity)

    def finish(self, outcome: Outcome) -> None:
        """The answer of `outcome` was delivered (or lost): its request is no longer in flight."""
        if outcome.activity is not None:
            self.wiki.traffic.end(outcome.activity)

    def _delay(self, work: list[str]) -> float:
        if self.latency is None:
            return 0.0
        turns, free = self.latency.split(work, len(self.wiki.db.pages))
        return free + self._lane.book(self.wiki.clock.now(), turns)

    def _record(
        self, request: Request, trace: Trace, status: int | None, fault: str | None
    ) -> None:
        entry = RecordedRequest(
            method=request.method,
            path=request.path,
            operation_names=tuple(trace.operation_names),
            batch_size=len(trace.operation_names),
            is_batch=trace.batch,
            status=status,
            fault=fault,
        )
        with self._record_lock:
            self.requests.append(entry)

    def _dispatch(self, request: Request, trace: Trace) -> tuple[Response, list[str]]:
        is_graphql = request.path == "/graphql"
        try:
            body = self._parse_body(request)
        except _BadBody as bad:
            if is_graphql:
                return json_response(
                    400, {"data": {}, "errors": [{"message": bad.message, "path": []}]}
                ), []
            return error_page(400, bad.message), []
        outcome = authenticate(self.wiki.db, self.wiki.tokens, request.headers, request.path)
        if outcome.refusal is not None:
            if is_graphql:
                refused = {"data": {}, "errors": [{"message": outcome.refusal, "path": []}]}
                return json_response(500, refused), []
            return error_page(500, outcome.refusal), []
        context = Context(self.wiki, outcome.identity, request.client)
        self.wiki.work = []
        response = self._route(request, body, context, trace)
        self._renewal_headers(request, outcome, response)
        return response, list(self.wiki.work)

    def _route(self, request: Request, body: Any, context: Context, trace: Trace) -> Response:
        method = request.method.upper()
        if request.path == "/graphql":
            if method == "POST":
                return self._graphql.handle(body, context, get=False, trace=trace)
            if method == "GET":
                params = {k: v[-1] for k, v in parse_qs(request.query_string).items()}
                return self._graphql.handle(params, context, get=True, trace=trace)
            return text_response(
                405,
                "Apollo Server supports only GET/POST requests.",
                headers=[("allow", "GET, POST")],
            )
        if request.path == "/u":
            if method == "POST":
                return rest.upload(context, request)
            if method == "GET":
                return json_response(200, {"ok": True})
        if method in ("GET", "HEAD"):
            return rest.download(context, request.path)
        return error_page(404, "Not Found")

    @staticmethod
    def _parse_body(request: Request) -> Any:
        if request.method.upper() != "POST":
            return {}
        if request.media_type == "application/json":
            if not request.body:
                return {}
            text = request.body.decode("utf-8", errors="replace")
            if text.lstrip(" \t\n\r")[:1] in ("{", "["):
                # Valid JSON (nearly every body) skips the slow V8-message check below.
                with contextlib.suppress(ValueError):
                    return json.loads(text, parse_constant=_not_json)
            problem = jsonsyntax.body_parser_error(text)
            if problem is not None:
                raise _BadBody(problem)
            return json.loads(text)
        if request.media_type == "application/x-www-form-urlencoded":
            form = parse_qs(request.body.decode("utf-8", errors="replace"))
            return {key: values[-1] for key, values in form.items()}
        return {}

    def _renewal_headers(self, request: Request, outcome: AuthOutcome, response: Response) -> None:
        if outcome.renewed_token is None:
            return
        response.headers.append(("cache-control", "no-store"))
        if request.headers.get("content-type") == "application/json":
            response.headers.append(("new-jwt", outcome.renewed_token))
            return
        expires = datetime.fromtimestamp(self.wiki.clock.now(), UTC) + timedelta(days=365)
        cookie = (
            f"jwt={outcome.renewed_token}; Path=/; Expires={format_datetime(expires, usegmt=True)}"
        )
        response.headers.append(("set-cookie", cookie))


def _operation_names(request: Request) -> tuple[str | None, ...]:
    """The operationName of each operation in a GraphQL POST body (for targeted faults)."""
    try:
        body = json.loads(request.body or b"null")
    except ValueError:
        return ()
    items = body if isinstance(body, list) else [body]
    return tuple(item.get("operationName") for item in items if isinstance(item, dict))


def _not_json(constant: str) -> Any:
    # Python reads NaN and Infinity; JSON.parse does not.
    raise ValueError(f"{constant} is not JSON")
