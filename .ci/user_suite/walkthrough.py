"""The emulator -> API key -> CLI and content API walkthrough, as a user runs it.

    VENV/bin/python .ci/user_suite/walkthrough.py

Uses the venv's `wikijs-typed` (the testing, cli and api extras; not images). Starts the emulator
on a free port with --api-key-file, takes its URL from the line that names it and its key from the
file, imports a page and an image with the CLI on that key, lists the pages with `pages query
--json`, then serves `wikijs-typed api` on the emulator and reads pages and images through it
(the api extra brings imagesize; without it the sizes are null, never a 500). Every server it
starts is stopped on the way out, and a failure prints the servers' output.
"""

import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

CONSOLE = Path(sys.executable).parent / "wikijs-typed"
PATIENCE = 30.0  # seconds a server may take to come up
PAGE = "---\ntitle: Intro\ntags: docs\n---\n\n# Hello\n"


class WalkthroughError(Exception):
    pass


def png(width: int, height: int) -> bytes:
    """A valid, blank greyscale PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\0" + b"\0" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@contextmanager
def server(
    name: str, command: list[str], log: Path, env: dict[str, str]
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a console-script server in the background; stop it (SIGTERM, then SIGKILL) on exit."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=env)
    try:
        yield process
    except BaseException:
        print(f"--- {name}'s output ---\n{log.read_text(errors='replace')}", file=sys.stderr)
        raise
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(ready: Callable[[], bool], process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not ready():
        if process.poll() is not None:
            raise WalkthroughError(f"{what}: exited with {process.returncode} before it was ready")
        if time.monotonic() > deadline:
            raise WalkthroughError(f"{what}: not ready after {PATIENCE:.0f} s")
        time.sleep(0.1)


def run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise WalkthroughError(f"{' '.join(command[1:])}: exit {done.returncode}\n{done.stderr}")
    return done.stdout


def get(url: str) -> tuple[int, str, object]:
    """Status, content type and JSON body of a GET (a non-JSON body fails the walkthrough)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            status, kind, body = answer.status, answer.headers["content-type"], answer.read()
    except urllib.error.HTTPError as error:
        status, kind, body = error.code, error.headers["content-type"], error.read()
    if not (kind or "").startswith("application/json"):
        raise WalkthroughError(f"GET {url}: {status} {kind}, not JSON: {body[:200]!r}")
    return status, kind, json.loads(body)


def answers(url: str) -> bool:
    try:
        get(url)
    except (OSError, WalkthroughError):
        return False
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise WalkthroughError(message)


def walkthrough(work: Path) -> None:
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("WIKIJS_")}
    key_file = work / "emulator.key"
    emulator_command = [str(CONSOLE), "emulator", "--port", "0", "--api-key-file", str(key_file)]
    with server("emulator", emulator_command, work / "emulator.log", base_env) as emulator:
        wait_until(lambda: key_file.is_file() and key_file.stat().st_size > 0, emulator, "emulator")
        printed = (work / "emulator.log").read_text()
        key = key_file.read_text().strip()
        expect(f"API key: {key}" in printed.splitlines(), "emulator: printed no `API key:` line")
        url_line = next((line for line in printed.splitlines() if "http://" in line), "")
        wiki_url = re.search(r"http://[^\s/]+", url_line)
        expect(wiki_url is not None, f"emulator: no URL in its output:\n{printed}")
        assert wiki_url is not None
        env = base_env | {"WIKIJS_URL": wiki_url[0], "WIKIJS_API_KEY": key}

        site = work / "site"
        (site / "en" / "docs").mkdir(parents=True)
        (site / "en" / "docs" / "intro.md").write_text(PAGE)
        (site / "images").mkdir()
        (site / "images" / "logo.png").write_bytes(png(2, 3))
        run([str(CONSOLE), "import", str(site), "--assets"], env)
        listing = json.loads(run([str(CONSOLE), "pages", "query", "--json"], env))
        titles = [item["title"] for item in listing["items"]]
        expect(titles == ["Intro"], f"pages query --json: {listing}")
        print(f"walkthrough: emulator at {wiki_url[0]}, its key used by import and pages query")

        api_url = f"http://127.0.0.1:{free_port()}"
        api_command = [str(CONSOLE), "api", "--port", api_url.rpartition(":")[2]]
        with server("api", api_command, work / "api.log", env) as api:
            wait_until(lambda: answers(f"{api_url}/api/v2/pages/"), api, "api")
            check_content_api(api_url)


def check_content_api(api_url: str) -> None:
    status, _, pages = get(f"{api_url}/api/v2/pages/")
    expect(status == 200, f"/api/v2/pages/: {status} {pages}")
    assert isinstance(pages, dict)
    expect([p["title"] for p in pages["items"]] == ["Intro"], f"/api/v2/pages/: {pages}")

    status, _, images = get(f"{api_url}/api/v2/images/?fields=*")
    expect(status == 200, f"/api/v2/images/?fields=*: {status} {images}")
    assert isinstance(images, dict)
    (image,) = images["items"]
    sizes = (image.get("width"), image.get("height"))
    expect(sizes in {(2, 3), (None, None)}, f"/api/v2/images/?fields=*: sizes {sizes}")

    status, _, missing = get(f"{api_url}/api/v2/images/999999/")
    expect(status == 404, f"/api/v2/images/999999/: {status} {missing}")
    print(f"walkthrough: content API answered pages and images (sizes {sizes}), 404 as JSON")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        try:
            walkthrough(Path(folder))
        except WalkthroughError as failure:
            print(f"walkthrough: FAILED: {failure}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
