"""What a first `pages.get` loads in a fresh interpreter, and what it leaves alone.

A cold start (process start to the first result) costs what it imports. Timed in
`bench/bench_import_time.py`; checked here without timing: the first read loads neither the
content query, nor the emulator, the CLI or the codegen tooling, nor httpx's own command-line
client (rich, click, pygments), which still loads when something asks for it.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT
from wikijs_typed.testing import WikiJSEmulator

# Runs in a fresh interpreter: argv[1] is the wiki's URL, argv[2] a key, argv[3] a page id.
FIRST_READ = """
import json, sys
from wikijs_typed import WikiJSClient

with WikiJSClient(sys.argv[1], sys.argv[2]) as client:
    page = client.pages.get(int(sys.argv[3]))
print(json.dumps({"title": page.title, "modules": sorted(sys.modules)}))
"""

# Loaded by no first read (module names, or prefixes ending in ".").
NOT_ON_THE_PATH = [
    "wikijs_typed.query",
    "wikijs_typed.query.",
    "wikijs_typed.testing",
    "wikijs_typed.testing.",
    "wikijs_typed.cli",
    "wikijs_typed.cli.",
    "wikijs_typed.codegen",
    "wikijs_typed.api",
    "wikijs_typed.mcp",
    "wikijs_typed._bulk",
    "asyncio",
    "rich",
    "rich.",
    "click",
    "click.",
    "pygments",
    "pygments.",
]


def _loaded(modules: list[str], names: list[str]) -> list[str]:
    return [
        module
        for module in modules
        for name in names
        if module == name or (name.endswith(".") and module.startswith(name))
    ]


def test_a_first_pages_get_loads_only_what_it_needs() -> None:
    wiki = WikiJSEmulator()
    page_id = wiki.seed_page("cold/start", "Cold start", "# Cold\n")
    with wiki.serve() as url:
        answer = subprocess.run(
            [sys.executable, "-c", FIRST_READ, url, wiki.api_key, str(page_id)],
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    read = json.loads(answer.stdout)
    assert read["title"] == "Cold start"
    assert "httpx" in read["modules"]  # the probe did import what it should
    assert _loaded(read["modules"], NOT_ON_THE_PATH) == []


def test_httpx_cli_still_loads_when_asked_for() -> None:
    probe = """
import sys
import wikijs_typed, httpx
before = "click" in sys.modules or "rich" in sys.modules
from httpx._main import print_help
assert callable(print_help)
real = sys.modules["httpx._main"]
print(before, real.__file__ is not None, httpx.main is real.main)
"""
    answer = subprocess.run(
        [sys.executable, "-c", probe], check=True, cwd=ROOT, capture_output=True, text=True
    )
    assert answer.stdout.split() == ["False", "True", "True"]
