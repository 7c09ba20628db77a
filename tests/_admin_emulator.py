"""An emulator and an admin's HTTP client on it, for the tests that send raw GraphQL as an
admin (tests/test_emulator_admin*.py), with helpers to send an operation and read its result.
The fixtures are registered in tests/conftest.py."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from wikijs_typed.testing import ManualClock, WikiJSEmulator

RESULT = "{ responseResult { succeeded errorCode slug message } }"


@pytest.fixture
def emu() -> WikiJSEmulator:
    return WikiJSEmulator(clock=ManualClock(1_800_000_000))


@pytest.fixture
def http(emu: WikiJSEmulator) -> httpx.Client:
    headers = {"Authorization": f"Bearer {emu.api_key}"}
    return httpx.Client(base_url=emu.base_url, transport=emu.transport(), headers=headers)


def ask(http: httpx.Client, query: str, **variables: Any) -> dict[str, Any]:
    """Run an operation (RESULT in it stands for the responseResult selection)."""
    query = query.replace("RESULT", RESULT)
    response = http.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def result(data: dict[str, Any], namespace: str, mutation: str) -> dict[str, Any]:
    outcome: dict[str, Any] = data[namespace][mutation]["responseResult"]
    return outcome


def ok(message: str) -> dict[str, Any]:
    return {"succeeded": True, "errorCode": 0, "slug": "ok", "message": message}


def failed(slug: str, message: str, code: int = 1) -> dict[str, Any]:
    return {"succeeded": False, "errorCode": code, "slug": slug, "message": message}
