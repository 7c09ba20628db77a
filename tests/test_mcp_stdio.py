"""`wikijs-typed mcp` as an assistant starts it: the console script in a subprocess, over stdio
and over streamable HTTP, against `wikijs-typed emulator` in another, through the MCP SDK's
client. Also what the command says, in one line, when it cannot start."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("mcp")  # the `mcp` extra (part of `dev`)

from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp_types import TextContent
from test_console_emulator_api import (
    SCRIPT,
    STARTUP_LIMIT,
    Emulator,
    _env,
    one_line_error,
    run,
    start_emulator,
)


@pytest.fixture(scope="module")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    started = start_emulator(tmp_path_factory.mktemp("wiki"))
    try:
        yield started
    finally:
        started.process.kill()
        started.process.wait()


def wiki_env(emulator: Emulator, **more: str) -> dict[str, str]:
    return {"WIKIJS_URL": emulator.url, "WIKIJS_API_KEY": emulator.key, **more}


def structured(result: Any) -> dict[str, Any]:
    assert not result.is_error, result.content
    content: dict[str, Any] = result.structured_content
    return content


@pytest.mark.asyncio
async def test_an_assistant_lists_and_calls_the_tools_over_stdio(
    emulator: Emulator, tmp_path: Path
) -> None:
    server = StdioServerParameters(
        command=SCRIPT,
        args=["mcp", "--allow-writes", "--write-path", "notes"],
        env=_env(**wiki_env(emulator)),
        cwd=tmp_path,
    )
    with (tmp_path / "stderr.txt").open("w+") as errors:
        async with Client(stdio_client(server, errlog=errors)) as mcp:
            tools = {tool.name for tool in (await mcp.list_tools()).tools}
            created = structured(
                await mcp.call_tool(
                    "create_page", {"path": "notes/stdio", "title": "Over stdio", "content": "hi"}
                )
            )
            found = structured(await mcp.call_tool("search_pages", {"query": "stdio"}))
            page = structured(await mcp.call_tool("get_page", {"path": "notes/stdio"}))
            resource = await mcp.read_resource("wikijs://en/notes/stdio")
            outside = await mcp.call_tool(
                "create_page", {"path": "elsewhere", "title": "No", "content": "no"}
            )
        errors.seek(0)
        logged = errors.read()
    assert {"search_pages", "get_page", "query_pages", "list_tree", "page_history"} <= tools
    assert created["action"] == "created"
    assert [hit["path"] for hit in found["pages"]] == ["notes/stdio"]
    assert page["content"] == "hi"
    assert resource.contents[0].text == "hi"  # type: ignore[union-attr]
    assert outside.is_error
    assert isinstance(outside.content[0], TextContent)
    assert "outside the paths this server may write (notes)" in outside.content[0].text
    assert emulator.key not in logged
    assert "Traceback" not in logged


def _wait_for_port(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT
    while True:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert time.monotonic() < deadline, "the MCP server did not start listening"
            time.sleep(0.05)


@pytest.mark.asyncio
async def test_streamable_http_serves_the_same_tools(emulator: Emulator, tmp_path: Path) -> None:
    process = subprocess.Popen(
        [SCRIPT, "mcp", "--http", "--port", "0"],
        cwd=tmp_path,
        env=_env(**wiki_env(emulator)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        url = banner.split(" on ")[-1].strip()
        assert url.startswith("http://127.0.0.1:")
        assert url.endswith("/mcp")
        _wait_for_port(int(url.rsplit(":", 1)[1].split("/")[0]), process)
        async with Client(url) as mcp:
            tools = {tool.name for tool in (await mcp.list_tools()).tools}
            listing = structured(await mcp.call_tool("query_pages", {"fields": "path"}))
            refused = await mcp.call_tool("delete_page", {"page_id": 1})
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert "delete_page" in tools
    assert listing["total_count"] >= 0
    assert refused.is_error
    assert emulator.key not in (process.stderr.read() if process.stderr else "")


@pytest.mark.parametrize(
    ("words", "env", "expected"),
    [
        (["--api-key", "SECRET-ON-THE-COMMAND-LINE", "mcp"], {}, "not on the command line"),
        (["mcp"], {"WIKIJS_API_KEY": ""}, "set WIKIJS_API_KEY"),
        (["mcp", "--allow-writes"], {}, "--allow-writes needs at least one --write-path"),
        (["mcp", "--write-path", "docs/../etc", "--allow-writes"], {}, "must not contain '.'"),
        (["mcp", "--max-results", "100000"], {}, "max_results must be a whole number"),
        (["mcp"], {"WIKIJS_API_KEY": "not-the-key"}, "Guest"),
    ],
)
def test_the_command_refuses_to_start_in_one_line(
    emulator: Emulator, tmp_path: Path, words: list[str], env: dict[str, str], expected: str
) -> None:
    done = run(tmp_path, *words, **wiki_env(emulator, **env))
    assert done.returncode == 2
    line = one_line_error(done)
    assert line.startswith("wikijs-typed mcp: ")
    assert expected in line
    assert "SECRET-ON-THE-COMMAND-LINE" not in line
    assert emulator.key not in line
    assert "not-the-key" not in line


# Without the extra: the console script works, and `mcp` says what to install.
_WITHOUT_SDK = """
import importlib.abc, sys


class BlockSdk(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("mcp", "mcp_types"):
            raise ImportError(f"No module named {name!r}")
        return None


sys.meta_path.insert(0, BlockSdk())
from wikijs_typed.cli import build_parser, main

build_parser()
sys.exit(main(["mcp"]))
"""


def test_without_the_extra_the_command_says_what_to_install(emulator: Emulator) -> None:
    done = subprocess.run(
        [str(Path(SCRIPT).with_name("python")), "-c", _WITHOUT_SDK],
        env=_env(**wiki_env(emulator)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "pip install 'wikijs-typed[mcp]'" in one_line_error(done)
