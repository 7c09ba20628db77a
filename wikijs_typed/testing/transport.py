"""The emulator as httpx transports: a whole Wiki.js in-process, no sockets."""

from __future__ import annotations

import httpx

from wikijs_typed.testing.app import Outcome, WikiApp
from wikijs_typed.testing.clock import Clock
from wikijs_typed.testing.wire import Request


def _request(request: httpx.Request, body: bytes) -> Request:
    return Request(
        method=request.method,
        target=request.url.raw_path.decode("ascii"),
        headers={key.lower(): value for key, value in request.headers.items()},
        body=body,
    )


def _response(outcome: Outcome, request: httpx.Request) -> httpx.Response:
    if outcome.fault is not None and outcome.fault.kind == "timeout":
        raise httpx.ReadTimeout(
            "the emulator did not answer in time (injected fault)", request=request
        )
    if outcome.response is None:
        raise httpx.RemoteProtocolError(
            "Server disconnected without sending a response (injected fault).", request=request
        )
    answer = outcome.response
    return httpx.Response(
        answer.status, headers=answer.headers, content=answer.body, request=request
    )


class EmulatorTransport(httpx.BaseTransport):
    def __init__(self, app: WikiApp, clock: Clock) -> None:
        self._app = app
        self._clock = clock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        outcome = self._app.handle(_request(request, request.read()))
        self._clock.sleep(outcome.delay)
        return _response(outcome, request)


class AsyncEmulatorTransport(httpx.AsyncBaseTransport):
    def __init__(self, app: WikiApp, clock: Clock) -> None:
        self._app = app
        self._clock = clock

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        outcome = self._app.handle(_request(request, await request.aread()))
        await self._clock.asleep(outcome.delay)
        return _response(outcome, request)
