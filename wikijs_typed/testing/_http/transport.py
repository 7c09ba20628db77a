"""The emulator as httpx transports: a whole Wiki.js in-process, no sockets."""

from __future__ import annotations

import asyncio

import httpx

from wikijs_typed.testing._clock import Clock
from wikijs_typed.testing._http.app import Outcome, WikiApp
from wikijs_typed.testing._http.wire import Request


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


# Event-loop turns a page write stays in flight when there is no latency: enough for every
# task already started to reach the emulator with its own request.
_OVERLAP_TURNS = 8


class EmulatorTransport(httpx.BaseTransport):
    def __init__(self, app: WikiApp, clock: Clock) -> None:
        self._app = app
        self._clock = clock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        outcome = self._app.handle(_request(request, request.read()))
        try:
            self._clock.sleep(outcome.delay)
        finally:
            self._app.finish(outcome)
        return _response(outcome, request)


class AsyncEmulatorTransport(httpx.AsyncBaseTransport):
    def __init__(self, app: WikiApp, clock: Clock) -> None:
        self._app = app
        self._clock = clock

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        outcome = self._app.handle(_request(request, await request.aread()))
        try:
            await self._clock.asleep(outcome.delay)
            if outcome.activity is not None and outcome.activity.contended:
                # Even without latency a page write is not over at once: tasks that send
                # meanwhile overlap with it, as they would with a real server.
                for _ in range(_OVERLAP_TURNS):
                    await asyncio.sleep(0)
        finally:
            self._app.finish(outcome)
        return _response(outcome, request)
