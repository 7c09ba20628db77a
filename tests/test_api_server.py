"""The content API under a real uvicorn on 127.0.0.1, and the `wikijs-typed api` command."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from wikijs_typed.cli import build_parser
from wikijs_typed.testing import WikiJSEmulator


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def wiki() -> Iterator[tuple[WikiJSEmulator, str]]:
    emulator = WikiJSEmulator()
    emulator.seed_page("docs", "Docs", tags=["guide"])
    emulator.seed_page("docs/draft", "Draft", is_published=False)
    with emulator.serve() as url:
        yield emulator, url


def test_the_api_command_serves_the_wiki_over_http(wiki: tuple[WikiJSEmulator, str]) -> None:
    emulator, url = wiki
    port = _free_port()
    env = {**os.environ, "WIKIJS_API_KEY": emulator.api_key}
    command = [
        sys.executable,
        "-m",
        "wikijs_typed.cli",
        "api",
        "--wiki-url",
        url,
        "--port",
        str(port),
    ]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                response = httpx.get(f"{base}/api/v2/pages/?fields=_,title")
                break
            except httpx.TransportError:
                time.sleep(0.05)
        assert response.status_code == 200
        assert response.json() == {"meta": {"total_count": 1}, "items": [{"title": "Docs"}]}
        detail = httpx.get(f"{base}/api/v2/pages/1/")
        assert detail.json()["meta"]["detail_url"] == f"{base}/api/v2/pages/1/"
        head = httpx.head(f"{base}/api/v2/pages/")
        assert head.status_code == 200
        assert head.content == b""
        headers = str(detail.headers).lower()
        assert "server" not in detail.headers
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    log = output.decode()
    assert "GET /api/v2/pages/1/" in log
    assert emulator.api_key not in log + headers


def test_the_api_command_wants_the_key_from_the_environment() -> None:
    env = {k: v for k, v in os.environ.items() if k != "WIKIJS_API_KEY"}
    command = [sys.executable, "-m", "wikijs_typed.cli", "api", "--wiki-url", "http://wiki.test"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "WIKIJS_API_KEY" in done.stderr
    # There is no option to pass a key on the command line.
    with pytest.raises(SystemExit):
        build_parser().parse_args(["api", "--wiki-url", "http://wiki.test", "--api-key", "k"])


def test_the_api_command_refuses_a_key_given_before_the_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from wikijs_typed.cli import main

    assert main(["--api-key", "secret-key", "api", "--wiki-url", "http://wiki.test"]) == 2
    err = capsys.readouterr().err
    assert "WIKIJS_API_KEY" in err
    assert "secret-key" not in err


def _serve_and_read_log(url: str, key: str, *options: str) -> str:
    """Run `wikijs-typed api OPTIONS`, make one request, and return what the server printed."""
    port = _free_port()
    env = {**os.environ, "WIKIJS_API_KEY": key}
    command = [sys.executable, "-m", "wikijs_typed.cli", "api", "--wiki-url", url]
    command += ["--port", str(port), *options]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            try:
                assert httpx.get(f"http://127.0.0.1:{port}/api/v2/pages/").status_code == 200
                break
            except httpx.TransportError:
                time.sleep(0.05)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    return output.decode()


def test_the_access_log_and_the_log_level_can_be_turned_down(
    wiki: tuple[WikiJSEmulator, str],
) -> None:
    emulator, url = wiki
    assert "GET /api/v2/pages/" in _serve_and_read_log(url, emulator.api_key)
    quiet = _serve_and_read_log(url, emulator.api_key, "--no-access-log")
    assert "Uvicorn running" in quiet
    assert "GET /api/v2/pages/" not in quiet
    silent = _serve_and_read_log(url, emulator.api_key, "--log-level", "warning")
    assert "Uvicorn running" not in silent
    assert "GET /api/v2/pages/" not in silent
