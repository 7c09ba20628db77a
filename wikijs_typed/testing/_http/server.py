"""The emulator over real HTTP: a threaded stdlib server with HTTP/1.1 keep-alive.

`running()` serves an emulator's app on loopback; `WikiJSEmulator.serve` (tests) and
`emulator.serve` (what `wikijs-typed emulator` runs) start it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from wikijs_typed.testing._clock import Clock
from wikijs_typed.testing._http.app import Outcome, WikiApp
from wikijs_typed.testing._http.wire import Request

_HANG_LIMIT = 300.0  # an injected timeout holds the connection at most this long


class _EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], app: WikiApp, clock: Clock) -> None:
        super().__init__(address, _Handler)
        self.app = app
        self.clock = clock
        self.stopping = threading.Event()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in two writes: without TCP_NODELAY, Nagle's algorithm and the
    # client's delayed ACK add ~40 ms to every keep-alive answer.
    disable_nagle_algorithm = True
    server: _EmulatorServer
    server_version = "WikiJSEmulator"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return  # quiet: tests and the CLI do not want a line per request

    def _serve(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        request = Request(
            method=self.command,
            target=self.path,
            headers={key.lower(): value for key, value in self.headers.items()},
            body=body,
            client=self.client_address[0],
        )
        outcome = self.server.app.handle(request)
        try:
            self._answer(outcome)
        finally:
            self.server.app.finish(outcome)

    def _answer(self, outcome: Outcome) -> None:
        self.server.clock.sleep(outcome.delay)
        if outcome.response is None:
            if outcome.fault is not None and outcome.fault.kind == "timeout":
                self.server.stopping.wait(_HANG_LIMIT)
            self.close_connection = True
            return
        answer = outcome.response
        self.send_response(answer.status)
        for name, value in answer.headers:
            if name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("content-length", str(len(answer.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _serve


@contextmanager
def running(app: WikiApp, clock: Clock, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    server = _EmulatorServer((host, port), app, clock)
    thread = threading.Thread(target=server.serve_forever, name="wikijs-emulator", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
