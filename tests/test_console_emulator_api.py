"""What a user meets at the command line: `wikijs-typed emulator`, its key, `wikijs-typed api`.

Every test runs the installed console script in a subprocess, from a folder outside the
clone, and checks the exit code and that a failure is one line naming what to fix (never a
traceback). Servers are started on free ports and always stopped.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import httpx
import pytest

SCRIPT = str(Path(sys.executable).with_name("wikijs-typed"))
STARTUP_LIMIT = 20.0  # seconds a server may take to come up before the test gives up


def _env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIKIJS_")}
    env.update(overrides)
    return env


def run(cwd: Path, *words: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *words],
        cwd=cwd,
        env=_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    """The failure's stderr, asserted to be a single line and no traceback."""
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(condition: Callable[[], bool], process: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT
    while not condition():
        if process.poll() is not None:
            errors = process.stderr.read() if process.stderr else ""
            raise AssertionError(f"{what}: exited {process.returncode}: {errors}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not up after {STARTUP_LIMIT} s")
        time.sleep(0.05)


def _stop(process: subprocess.Popen[str], sig: int = signal.SIGTERM) -> int:
    if process.poll() is None:
        process.send_signal(sig)
    try:
        return process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise


@dataclass
class Emulator:
    process: subprocess.Popen[str]
    url: str
    key: str
    key_file: Path
    banner: list[str]


def start_emulator(folder: Path) -> Emulator:
    """`wikijs-typed emulator --port 0 --api-key-file KEY` and what it printed on start."""
    key_file = folder / "emulator.key"
    process = subprocess.Popen(
        [SCRIPT, "emulator", "--port", "0", "--api-key-file", str(key_file)],
        cwd=folder,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(key_file.exists, process, "the emulator's key file")
        banner: list[str] = []
        assert process.stdout is not None
        while not banner or not banner[-1].startswith("API key written to"):
            banner.append(process.stdout.readline().rstrip("\n"))
    except BaseException:
        _stop(process, signal.SIGKILL)
        raise
    url = next(line for line in banner if line.startswith("Wiki.js emulator listening on "))
    key = next(line for line in banner if line.startswith("API key: "))
    return Emulator(process, url.split()[-1], key.removeprefix("API key: "), key_file, banner)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("user")


@pytest.fixture(scope="module")
def emulator(workdir: Path) -> Iterator[Emulator]:
    started = start_emulator(workdir)
    try:
        yield started
    finally:
        _stop(started.process, signal.SIGKILL)


def test_the_emulator_prints_its_key_and_writes_it_once_listening(emulator: Emulator) -> None:
    assert emulator.url.startswith("http://127.0.0.1:")
    assert not emulator.url.endswith(":0")  # --port 0 prints the port it got
    assert emulator.key_file.read_text() == emulator.key + "\n"
    assert stat.S_IMODE(emulator.key_file.stat().st_mode) == 0o600
    assert f"  export WIKIJS_URL={emulator.url} WIKIJS_API_KEY={emulator.key}" in emulator.banner
    # The key is a full-access one: the CLI reads the wiki with it, no login needed.
    done = run(
        emulator.key_file.parent,
        "pages",
        "query",
        "--json",
        WIKIJS_URL=emulator.url,
        WIKIJS_API_KEY=emulator.key_file.read_text().strip(),
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["meta"]["total_count"] == 0


def test_the_emulator_on_a_taken_port_says_so_in_one_line(
    emulator: Emulator, tmp_path: Path
) -> None:
    port = emulator.url.rsplit(":", 1)[1]
    done = run(tmp_path, "emulator", "--port", port)
    assert done.returncode == 2
    assert one_line_error(done) == (
        f"wikijs-typed emulator: cannot listen on 127.0.0.1:{port}: address already in use"
        " (pick another --port)"
    )


def test_the_emulator_refuses_a_key_file_in_a_missing_folder(tmp_path: Path) -> None:
    done = run(tmp_path, "emulator", "--port", "0", "--api-key-file", "nowhere/key")
    assert done.returncode == 2
    assert "nowhere/key" in one_line_error(done)


def test_sigint_stops_the_emulator_with_130_and_sigterm_with_0(tmp_path: Path) -> None:
    for sig, code in ((signal.SIGINT, 130), (signal.SIGTERM, 0)):
        started = start_emulator(tmp_path)
        assert _stop(started.process, sig) == code
        assert started.process.stderr is not None
        assert "Traceback" not in started.process.stderr.read()
        assert not started.key_file.exists()  # the key dies with the wiki


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "not-a-key",
            "{url} rejected the key in WIKIJS_API_KEY (Wiki.js ran the request as Guest)",
        ),
        ("", "set WIKIJS_API_KEY to an API key of {url}"),
    ],
)
def test_api_with_a_bad_or_missing_key_says_so_in_one_line(
    emulator: Emulator, tmp_path: Path, key: str, expected: str
) -> None:
    done = run(
        tmp_path, "api", "--wiki-url", emulator.url, "--port", str(free_port()), WIKIJS_API_KEY=key
    )
    assert done.returncode == 2
    line = one_line_error(done)
    assert line.startswith("wikijs-typed api: " + expected.format(url=emulator.url)), line


def test_api_with_nothing_listening_names_the_url(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    done = run(tmp_path, "api", "--wiki-url", url, "--port", str(free_port()), WIKIJS_API_KEY="k")
    assert done.returncode == 2
    assert one_line_error(done) == (
        f"wikijs-typed api: cannot reach {url}: connection refused; is Wiki.js running there?"
    )


class _NotAWiki(BaseHTTPRequestHandler):
    def _html_404(self) -> None:
        body = b"<html><body><h1>Not Found</h1></body></html>"
        self.send_response(404)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _html_404

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@pytest.fixture
def not_a_wiki() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _NotAWiki)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_api_on_a_url_that_is_not_a_wiki_says_so(not_a_wiki: str, tmp_path: Path) -> None:
    done = run(
        tmp_path, "api", "--wiki-url", not_a_wiki, "--port", str(free_port()), WIKIJS_API_KEY="k"
    )
    assert done.returncode == 2
    line = one_line_error(done)
    assert line.startswith(f"wikijs-typed api: {not_a_wiki} is not a Wiki.js (HTTP 404 "), line
    assert "<html>" not in line


def test_api_on_a_taken_port_says_so_before_checking_the_wiki(
    emulator: Emulator, tmp_path: Path
) -> None:
    port = emulator.url.rsplit(":", 1)[1]
    done = run(tmp_path, "api", "--wiki-url", emulator.url, "--port", port, WIKIJS_API_KEY="k")
    assert done.returncode == 2
    assert one_line_error(done) == (
        f"wikijs-typed api: cannot listen on 127.0.0.1:{port}: address already in use"
        " (pick another --port)"
    )


def test_api_serves_with_the_emulators_key_and_stops_with_130_on_ctrl_c(
    emulator: Emulator, tmp_path: Path
) -> None:
    process = subprocess.Popen(
        [SCRIPT, "api", "--wiki-url", emulator.url, "--port", "0", "--cache-ttl", "60"],
        cwd=tmp_path,
        env=_env(WIKIJS_API_KEY=emulator.key_file.read_text().strip()),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()  # printed once the key and the wiki are checked
        assert banner.startswith(f"content API over {emulator.url} on http://127.0.0.1:")
        assert banner.endswith(
            " (edits on the wiki are served within 10 s; answers are kept at most 60 s)\n"
        )
        api = banner.split(" on ", 1)[1].split()[0].removesuffix("/pages/")
        assert not api.startswith("http://127.0.0.1:0/")  # --port 0 prints the port it got

        def answers() -> bool:
            try:
                return httpx.get(f"{api}/pages/", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        _wait_for(answers, process, "wikijs-typed api")
        images = httpx.get(f"{api}/images/?fields=*", timeout=5)
        assert images.status_code == 200
        assert images.json() == {"meta": {"total_count": 0}, "items": []}
    finally:
        code = _stop(process, signal.SIGINT)
    assert code == 130
    assert process.stderr is not None
    stderr = process.stderr.read()
    assert "Traceback" not in stderr
    assert emulator.key not in stderr


def test_help_shows_defaults_and_never_a_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # no line breaks inside "(default: ...)"
    emulator_help = run(tmp_path, "emulator", "--help").stdout
    assert "--api-key-file" in emulator_help
    assert "(default: 3000)" in emulator_help
    api_help = run(tmp_path, "api", "--help", WIKIJS_API_KEY="secret-key-value").stdout
    assert "(default: 8000)" in api_help
    assert "--cache-ttl" in api_help
    assert "else 300)" in api_help
    assert "Exit codes" in api_help
    pull_help = run(tmp_path, "schema", "pull", "--help", WIKIJS_API_KEY="secret-key-value")
    assert "(default: schema/wikijs.graphql)" in pull_help.stdout
    assert "secret-key-value" not in api_help + pull_help.stdout


def test_api_on_a_host_that_is_not_this_machine_says_which_option(tmp_path: Path) -> None:
    # 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine.
    done = run(
        tmp_path, "api", "--wiki-url", "http://127.0.0.1:1", "--host", "192.0.2.1",
        WIKIJS_API_KEY="k",
    )  # fmt: skip
    assert done.returncode == 2
    assert one_line_error(done) == (
        "wikijs-typed api: cannot listen on 192.0.2.1:8000: cannot assign requested address"
        " (check --host)"
    )
