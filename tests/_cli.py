"""Running the console script against an emulator served over HTTP, as a user would."""

from __future__ import annotations

import os
import subprocess
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from wikijs_typed.cli import main
from wikijs_typed.testing import WikiJSEmulator

WRITES = frozenset({"CreatePage", "UpdatePage", "DeletePage"})
# The console script as installed: what a user runs.
SCRIPT = Path(sysconfig.get_path("scripts")) / "wikijs-typed"


@dataclass
class Run:
    code: int
    out: str
    err: str
    requests: int
    writes: int


@dataclass
class ServedWiki:
    emu: WikiJSEmulator
    url: str
    capsys: pytest.CaptureFixture[str]

    def cli(self, *args: str | Path) -> Run:
        """`wikijs-typed --url ... --api-key ... ARGS`, with what it printed and sent."""
        before = len(self.emu.requests)
        self.capsys.readouterr()
        code = main(["--url", self.url, "--api-key", self.emu.api_key, *map(str, args)])
        captured = self.capsys.readouterr()
        sent = self.emu.requests[before:]
        writes = sum(1 for r in sent for name in r.operation_names if name in WRITES)
        return Run(code, captured.out, captured.err, len(sent), writes)

    def environment(self, **extra: str) -> dict[str, str]:
        """The environment a user sets to point the CLI at this wiki."""
        return {**os.environ, "WIKIJS_URL": self.url, "WIKIJS_API_KEY": self.emu.api_key, **extra}

    def script(self, *args: str | Path, cwd: Path, stdin: int | None = None) -> Run:
        """The installed console script in a subprocess, run from `cwd` with WIKIJS_URL and
        WIKIJS_API_KEY set; its stdin is empty (not a terminal) unless a descriptor is given."""
        before = len(self.emu.requests)
        done = subprocess.run(
            [str(SCRIPT), *map(str, args)],
            cwd=cwd,
            env=self.environment(),
            stdin=subprocess.DEVNULL if stdin is None else stdin,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        sent = self.emu.requests[before:]
        writes = sum(1 for r in sent for name in r.operation_names if name in WRITES)
        return Run(done.returncode, done.stdout, done.stderr, len(sent), writes)

    def page(self, path: str, locale: str = "en") -> dict[str, object] | None:
        """The page as the emulator stores it (no request)."""
        for page in self.emu.wiki.db.pages:
            if page.path == path and page.locale == locale:
                return {"id": page.id, "title": page.title, "content": page.content}
        return None

    @property
    def page_count(self) -> int:
        return len(list(self.emu.wiki.db.pages))


@pytest.fixture
def served(capsys: pytest.CaptureFixture[str]) -> Iterator[ServedWiki]:
    emu = WikiJSEmulator()
    with emu.serve() as url:
        yield ServedWiki(emu, url, capsys)
