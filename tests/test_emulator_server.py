"""The emulator over real HTTP, from the command line, and through the pytest fixtures."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import httpx
import pytest

from wikijs_typed.client import AsyncWikiJSClient, WikiJSClient
from wikijs_typed.testing import WikiJSEmulator

QUERY = {"query": "{ pages { list { id path } } }"}


def test_serve_answers_over_loopback_with_keep_alive() -> None:
    emu = WikiJSEmulator()
    page = emu.seed_page("docs/served", "Served")
    with emu.serve(port=0) as url, httpx.Client(base_url=url) as http:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        headers = {"Authorization": f"Bearer {emu.api_key}"}
        first = http.post("/graphql", json=QUERY, headers=headers)
        second = http.post("/graphql", json=QUERY, headers=headers)
        expected = {"data": {"pages": {"list": [{"id": page, "path": "docs/served"}]}}}
        assert first.json() == second.json() == expected
        assert first.headers["content-type"] == "application/json; charset=utf-8"
        mutation = "mutation { pages { flushCache { __typename } } }"
        assert http.get("/graphql", params={"query": mutation}).status_code == 405
    assert [r.path for r in emu.requests] == ["/graphql", "/graphql", "/graphql"]


def test_served_client_can_log_in_and_make_an_api_key() -> None:
    emu = WikiJSEmulator("owner@example.com", "pa55word")
    with emu.serve() as url, WikiJSClient(url, "unused") as client:
        login = client.graphql.login(
            username="owner@example.com", password="pa55word", strategy="local"
        )
        assert login.authentication is not None
        assert login.authentication.login is not None
        token = login.authentication.login.jwt
        assert token
    with WikiJSClient(emu.base_url, token, transport=emu.transport()) as admin:
        created = admin.graphql.create_api_key(name="ci", expiration="1d", full_access=True)
        assert created.authentication is not None
        assert created.authentication.create_api_key is not None
        assert created.authentication.create_api_key.key


def test_wikijs_client_fixture_reaches_the_emulator(
    wikijs_client: WikiJSClient, wikijs_emulator: WikiJSEmulator
) -> None:
    page_id = wikijs_emulator.seed_page("fixture/page", "Fixture page", "# Hello\n", tags=["demo"])
    page = wikijs_client.graphql.get_page(page_id)
    assert page.pages is not None
    assert page.pages.single is not None
    assert page.pages.single.title == "Fixture page"
    assert [t.tag for t in page.pages.single.tags if t] == ["demo"]
    assert len(wikijs_emulator.requests) == 1


async def test_async_fixture_reaches_the_same_emulator(
    async_wikijs_client: AsyncWikiJSClient, wikijs_emulator: WikiJSEmulator
) -> None:
    wikijs_emulator.seed_page("a", "A")
    listing = await async_wikijs_client.graphql.list_pages()
    assert listing.pages is not None
    assert [p.path for p in listing.pages.list_] == ["a"]


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGTERM")
def test_cli_serves_until_sigterm_and_never_prints_the_password() -> None:
    command = [
        sys.executable,
        "-m",
        "wikijs_typed.cli",
        "emulator",
        "--port",
        "0",
        "--admin-email",
        "boss@example.com",
        "--admin-password",
        "very-secret-pw",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as proc:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        url = first.rsplit(" ", 1)[-1].strip()
        login = """mutation { authentication { login(username: "boss@example.com",
            password: "very-secret-pw", strategy: "local") { jwt } } }"""
        answer = httpx.post(f"{url}/graphql", json={"query": login}, timeout=10).json()
        assert answer["data"]["authentication"]["login"]["jwt"]
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert "very-secret-pw" not in first + out + err
    assert "stopped" in out
