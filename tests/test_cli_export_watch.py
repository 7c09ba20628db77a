"""`wikijs-typed export DIR --watch`: the folder follows the wiki until Ctrl-C, writing only
what changed, the state file whole at every step."""

from __future__ import annotations

import json
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from _cli import SCRIPT, ServedWiki

from wikijs_typed import WikiJSClient

# How long the test waits for what the watch should bring, before it fails (not a measure).
PATIENCE = 30.0


def _eventually(check: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + PATIENCE
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _counts(summary: str) -> dict[str, int]:
    """`1 removed, 1 unchanged, 1 written, 0 failed` as {"removed": 1, ...}."""
    pairs = (part.split(" ", 1) for part in summary.split(", "))
    return {word: int(count) for count, word in pairs}


def _summaries(lines: list[str]) -> list[dict[str, int]]:
    return [_counts(line.rstrip("\n")) for line in lines if line.rstrip("\n").endswith(" failed")]


def _removed(lines: list[str]) -> int:
    return sum(summary.get("removed", 0) for summary in _summaries(list(lines)))


def _state(folder: Path) -> dict[str, object]:
    (state_file,) = folder.glob(".wikijs-typed*.json")
    loaded: dict[str, object] = json.loads(state_file.read_text())
    return loaded


def test_export_watch_follows_edits_and_deletes_until_ctrl_c(
    served: ServedWiki, tmp_path: Path
) -> None:
    kept = served.emu.seed_page("docs/kept", "Kept", "# Kept\n")
    edited = served.emu.seed_page("docs/edited", "Edited", "# Edited\n\nfirst version\n")
    gone = served.emu.seed_page("docs/gone", "Gone", "# Gone\n")
    folder = tmp_path / "mirror"
    process = subprocess.Popen(
        [str(SCRIPT), "export", str(folder), "--watch", "--interval", "0.1"],
        env=served.environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    printed: list[str] = []
    # Read while it runs: a summary line is printed after its export's files are written,
    # so the test waits for the lines, not for the files, before it interrupts the watch.
    reader = threading.Thread(target=lambda: printed.extend(process.stdout or ()), daemon=True)
    reader.start()
    try:
        page_file = folder / "en" / "docs" / "edited.md"
        assert _eventually(page_file.is_file)
        assert "first version" in page_file.read_text()
        kept_written = (folder / "en" / "docs" / "kept.md").stat().st_mtime_ns

        with WikiJSClient(served.url, served.emu.api_key) as editor:
            editor.pages.update(edited, {"content": "# Edited\n\nsecond version\n"})
            editor.pages.delete(gone)
        assert _eventually(lambda: _removed(printed) == 1), printed
        assert "second version" in page_file.read_text()
        assert not (folder / "en" / "docs" / "gone.md").exists()
        assert (folder / "en" / "docs" / "kept.md").stat().st_mtime_ns == kept_written

        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        reader.join(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.stderr is not None
    assert process.returncode == 130, process.stderr.read()
    summaries = _summaries(printed)
    assert summaries[0] == {"written": 3, "failed": 0}, printed
    # Afterwards (one export per poll that found a change): the edited page written once,
    # the deleted one removed once, nothing else written.
    assert sum(s.get("written", 0) for s in summaries[1:]) == 1, printed
    assert sum(s.get("removed", 0) for s in summaries[1:]) == 1, printed
    state = json.dumps(_state(folder))
    assert "docs/gone" not in state
    assert f'"id": {kept}' in state or f'"id":{kept}' in state
