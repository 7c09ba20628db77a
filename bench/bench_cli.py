"""What the bulk CLI costs, against the emulator with the real server's latencies, served
over HTTP from another process (as a real server is), measured side by side in one run:

1. exporting 1,000 pages with content: HTTP requests (goal: at most 1000/50 + 5) and time
   against the naive loop through the same client: list, then get each page and write its
   file (goal: at least 10x faster; the best of three runs of each, alternating);
2. re-exporting after 10 pages changed (goal: at most 3 requests);
3. importing the unchanged export (goal: 0 writes, at most 3 requests).

Both exports write into a folder on a RAM disk when the machine has one (/dev/shm), so that
what is measured is the client and not a busy disk shared with other work.

Run: `python -m bench cli` (or `python3 dev.py bench cli`). BENCH_CLI_PAGES changes the
page count.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench._env import env_number
from wikijs_typed import WikiJSClient
from wikijs_typed._bulk import (  # noqa: F401  (imported before timing, as the client is)
    apply,
    export,
)
from wikijs_typed._bulk.pagefile import render
from wikijs_typed.cli import main as cli

PAGES = env_number("BENCH_CLI_PAGES", 1000)
ROUNDS = 3
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The emulator in its own process. Commands on stdin: "count" answers how many requests and
# page writes it has received; "change N" updates N pages (not counted); EOF stops it.
_SERVER = """
import json, sys
from wikijs_typed.models import PageUpdate
from wikijs_typed import WikiJSClient
from wikijs_typed.testing import LatencyProfile, WikiJSEmulator

WRITES = {"CreatePage", "UpdatePage", "DeletePage"}
emu = WikiJSEmulator()
body = "# Page {n}\\n\\n" + "Some words of content for the page. " * 40 + "\\n"
ids = [
    emu.seed_page(f"docs/page-{n:04d}", f"Page {n}", body.format(n=n))
    for n in range(int(sys.argv[1]))
]
emu.latency = LatencyProfile()
with emu.serve(port=0) as url:
    print(json.dumps({"url": url, "key": emu.api_key}), flush=True)
    for line in sys.stdin:
        command = line.split()
        if command[0] == "count":
            writes = sum(1 for r in emu.requests for name in r.operation_names if name in WRITES)
            print(json.dumps({"requests": len(emu.requests), "writes": writes}), flush=True)
        elif command[0] == "change":
            emu.latency = None
            emu.advance(2)
            with WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport()) as client:
                for page_id in ids[: int(command[1])]:
                    client.pages.update(page_id, PageUpdate(content=f"changed {page_id}"))
            emu.requests.clear()
            emu.latency = LatencyProfile()
            print("{}", flush=True)
"""


class Server:
    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        ready = self._read()
        self.url, self.key = str(ready["url"]), str(ready["key"])
        self.seen = 0

    def _read(self) -> dict[str, object]:
        assert self.process.stdout is not None
        answer: dict[str, object] = json.loads(self.process.stdout.readline())
        return answer

    def ask(self, command: str) -> dict[str, object]:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self._read()

    def since(self) -> tuple[int, int]:
        """Requests and writes received since the last call."""
        counts = self.ask("count")
        requests, writes = int(str(counts["requests"])), int(str(counts["writes"]))
        sent = requests - self.seen
        self.seen = requests
        return sent, writes


@contextlib.contextmanager
def server() -> Iterator[Server]:
    process = subprocess.Popen(
        [sys.executable, "-c", _SERVER, str(PAGES)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield Server(process)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)


def _run_cli(wiki: Server, *args: str) -> tuple[float, int, int]:
    """Seconds, requests and writes of one `wikijs-typed` run."""
    writes_before = wiki.since()[1]
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = cli(["--url", wiki.url, "--api-key", wiki.key, "-q", *args])
    elapsed = time.perf_counter() - started
    assert code == 0, f"wikijs-typed {' '.join(args)} failed"
    requests, writes = wiki.since()
    return elapsed, requests, writes - writes_before


def _naive(wiki: Server, root: Path) -> tuple[float, int]:
    """The loop the CLI replaces: list, then get each page and write its file."""
    wiki.since()
    started = time.perf_counter()
    with WikiJSClient(wiki.url, wiki.key) as client:
        for listed in client.pages.list():
            page = client.pages.get(listed.id)
            target = root / page.locale / f"{page.path}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render(page, ".md")[0], encoding="utf-8")
    elapsed = time.perf_counter() - started
    return elapsed, wiki.since()[0]


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> None:
    with server() as wiki, tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        # Best of three, alternating, each a complete export into a fresh folder: the machine
        # may be busy with other work, which a single run would measure instead.
        naive_times, export_times = [], []
        for attempt in range(ROUNDS):
            naive_time, naive_requests = _naive(wiki, Path(folder) / f"naive-{attempt}")
            root = Path(folder) / f"export-{attempt}"
            export_time, export_requests, _ = _run_cli(wiki, "export", str(root))
            naive_times.append(naive_time)
            export_times.append(export_time)
        naive_time, export_time = min(naive_times), min(export_times)
        wiki.ask("change 10")
        wiki.seen = 0
        _, again_requests, _ = _run_cli(wiki, "export", str(root))
        import_time, import_requests, import_writes = _run_cli(wiki, "import", str(root))

    budget = PAGES // 50 + 5
    speedup = naive_time / export_time
    print(
        f"pages: {PAGES}, emulator in another process with the real server's latencies,"
        f" best of {ROUNDS}"
    )
    print(f"{'':38}{'requests':>10}{'seconds':>10}")
    print(f"{'naive loop (list, get, write each)':38}{naive_requests:>10}{naive_time:>10.2f}")
    print(f"{'wikijs-typed export':38}{export_requests:>10}{export_time:>10.2f}")
    print(
        f"export: {export_requests} requests"
        f" (goal <= {budget}: {_verdict(export_requests <= budget)}),"
        f" {speedup:.1f}x the naive loop (goal >= 10x: {_verdict(speedup >= 10)})"
    )
    print(
        f"re-export after 10 changes: {again_requests} requests"
        f" (goal <= 3: {_verdict(again_requests <= 3)})"
    )
    print(
        f"import of the unchanged export: {import_writes} writes, {import_requests} requests,"
        f" {import_time:.2f} s (goal 0 writes, <= 3 requests:"
        f" {_verdict(import_writes == 0 and import_requests <= 3)})"
    )


if __name__ == "__main__":
    main()
