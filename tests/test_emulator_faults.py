"""Fault injection and latency injection in the emulator (issue 3, item 3)."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from wikijs_typed.testing import LatencyProfile, ManualClock, WikiJSEmulator

QUERY = {"query": "{ pages { list { id } } }"}
CREATE = """mutation { pages { create(content: "# x", description: "", editor: "markdown",
  isPublished: true, isPrivate: false, locale: "en", path: "p", tags: [], title: "P") {
  responseResult { succeeded } } } }"""


def client(emu: WikiJSEmulator) -> httpx.Client:
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    return httpx.Client(base_url=emu.base_url, transport=emu.transport(), headers=headers)


def test_503_with_retry_after_then_normal_answers(emu: WikiJSEmulator) -> None:
    emu.faults.next(2, "503", retry_after=7)
    with client(emu) as http:
        first, second, third = (http.post("/graphql", json=QUERY) for _ in range(3))
    assert (first.status_code, first.headers["retry-after"]) == (503, "7")
    assert second.status_code == 503
    assert third.json() == {"data": {"pages": {"list": []}}}
    assert [r.fault for r in emu.requests] == ["503", "503", None]
    assert emu.faults.pending == 0


@pytest.mark.parametrize(
    ("kind", "error"), [("drop", httpx.RemoteProtocolError), ("timeout", httpx.ReadTimeout)]
)
def test_connection_faults_raise_transport_errors(
    emu: WikiJSEmulator, kind: str, error: type[Exception]
) -> None:
    emu.faults.next(1, kind)
    with client(emu) as http, pytest.raises(error):
        http.post("/graphql", json=QUERY)
    assert emu.requests[0].status is None


def test_bad_bodies(emu: WikiJSEmulator) -> None:
    emu.faults.next(1, "malformed")
    emu.faults.next(1, "html")
    emu.faults.next(1, "502")
    with client(emu) as http:
        malformed, html, gateway = (http.post("/graphql", json=QUERY) for _ in range(3))
    with pytest.raises(json.JSONDecodeError):
        malformed.json()
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert gateway.status_code == 502


def test_faults_can_target_one_path(emu: WikiJSEmulator) -> None:
    emu.faults.next(1, "503", path="/u")
    with client(emu) as http:
        assert http.post("/graphql", json=QUERY).status_code == 200
        assert http.get("/u").status_code == 503


def test_unknown_fault_kind_is_refused(emu: WikiJSEmulator) -> None:
    with pytest.raises(ValueError, match="unknown fault kind"):
        emu.faults.next(1, "flaky")


def test_latency_follows_the_work_done(emu: WikiJSEmulator) -> None:
    profile = LatencyProfile()
    emu.latency = profile
    with client(emu) as http:
        before = emu.clock.now()
        http.post("/graphql", json=QUERY)
        read = emu.clock.now() - before
        http.post("/graphql", json={"query": CREATE})
        create = emu.clock.now() - before - read
        http.post("/graphql", json={"query": CREATE})  # duplicate path: fails before any work
        failed = emu.clock.now() - before - read - create
    assert read == pytest.approx(profile.read, abs=1e-6)
    # The create rebuilt the tree of a one-page wiki.
    tree = profile.tree + profile.tree_per_page
    assert create == pytest.approx(profile.read + profile.create + tree, abs=1e-6)
    assert failed == pytest.approx(profile.read, abs=1e-6)


def test_latency_scales(emu: WikiJSEmulator) -> None:
    emu.latency = LatencyProfile().scaled(0.5)
    with client(emu) as http:
        before = emu.clock.now()
        http.post("/graphql", json={"query": CREATE})
    assert emu.clock.now() - before == pytest.approx((0.0024 + 0.72 + 0.306) * 0.5, abs=1e-6)


class RecordingClock(ManualClock):
    """Fails the test if the async transport ever blocks the event loop."""

    def __init__(self) -> None:
        super().__init__(1_800_000_000)
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        raise AssertionError("the async transport must not sleep synchronously")

    async def asleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        await super().asleep(seconds)


async def test_async_transport_waits_without_blocking() -> None:
    clock = RecordingClock()
    emu = WikiJSEmulator(clock=clock, latency=LatencyProfile())
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    async with httpx.AsyncClient(
        base_url=emu.base_url, transport=emu.async_transport(), headers=headers
    ) as http:
        answers = await asyncio.gather(*(http.post("/graphql", json=QUERY) for _ in range(3)))
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert clock.waits == pytest.approx([0.0024] * 3, abs=1e-6)


def test_served_emulator_drops_connections(emu: WikiJSEmulator) -> None:
    emu.faults.next(1, "drop")
    with emu.serve() as url, httpx.Client(base_url=url) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            http.post("/graphql", json=QUERY)
        assert http.post("/graphql", json=QUERY).status_code == 200
