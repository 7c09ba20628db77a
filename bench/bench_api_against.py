"""This tree's content API without its response memo against an older tree's with the memo.

Issue 20 asks that a hot request served without the rendered-response memo be at least as fast
as one served with the memo was then. This bench answers it side by side in one run, over real
HTTP on loopback, as `bench api` does: the emulator with the real server's latencies, and two
API servers under uvicorn, each with a MemoryCache that holds everything:

- this tree's, with the memo off (`memo_seconds=0`);
- the older tree's (BENCH_API_AGAINST, a commit of this repository's history; by default
  2f297c2, the tree the issue measured), checked out into a temporary worktree, with its memo
  on, run with this tree's interpreter and dependencies.

They are loaded in turns, BENCH_API_ROUNDS rounds (default 30) of 3,000 requests of
`GET /api/v2/pages/?fields=_,title&limit=20`, the one who goes first changing every round. On a
shared machine a change of load then falls on both alike. Printed for each: the median
requests per second and the server's median CPU time per request. Then the per-round ratios,
this tree over the older one: the median and the middle half (interquartile range) of the rates
and of the CPU time (the older tree's CPU per request over this one's: above 1x, this tree
spends less). Goal: at least 1x.

Run: `python -m bench api_against` (needs git and the commit in the clone's history).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from bench.bench_api import PAGES, URL, _cpu_seconds, _free_port, _load, _wait

AGAINST = os.environ.get("BENCH_API_AGAINST", "2f297c2")
ROUNDS = int(os.environ.get("BENCH_API_ROUNDS", "30"))
PER_ROUND = 3000
HERE = Path(__file__).resolve().parent.parent


@contextmanager
def _worktree(commit: str) -> Iterator[Path]:
    """The commit checked out into a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        tree = Path(folder) / "tree"
        subprocess.run(
            ["git", "-C", str(HERE), "worktree", "add", "--detach", "-q", str(tree), commit],
            check=True,
        )
        try:
            yield tree
        finally:
            subprocess.run(
                ["git", "-C", str(HERE), "worktree", "remove", "--force", str(tree)], check=False
            )


@contextmanager
def _server(tree: Path, args: list[str], env: dict[str, str], ready: str) -> Iterator[int]:
    """`python -m bench.bench_api ARGS` run from `tree` (its package imported first); the pid."""
    # The tree's own folders come before the installed package on the path.
    path = os.pathsep.join([str(tree), str(tree / "generated")])
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.bench_api", *args],
        cwd=tree,
        env={**env, "PYTHONPATH": path},
    )
    try:
        _wait(ready, process)
        yield process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def _quartiles(values: list[float]) -> str:
    low, median, high = statistics.quantiles(values, n=4)
    return f"{median:.2f}x (middle half {low:.2f}x to {high:.2f}x)"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        try:
            older = stack.enter_context(_worktree(AGAINST))
        except subprocess.CalledProcessError:
            print(f"  skipped: commit {AGAINST} cannot be checked out here (a shallow clone?)")
            return
        env = {**os.environ, "BENCH_API_KEY_FILE": os.path.join(folder, "key")}
        wiki_port = _free_port()
        wiki = f"http://127.0.0.1:{wiki_port}"
        stack.enter_context(_server(HERE, ["wiki", str(wiki_port)], env, f"{wiki}/healthz"))
        servers: dict[str, tuple[int, int]] = {}
        for label, tree, mode in (
            ("this tree, memo off", HERE, "rendered"),
            (f"{AGAINST}, memo on", older, "hot"),
        ):
            port = _free_port()
            ready = f"http://127.0.0.1:{port}/api/v2/images/"
            pid = stack.enter_context(_server(tree, ["api", str(port), wiki, mode], env, ready))
            servers[label] = (port, pid)
        print(f"GET {URL}: {PAGES} pages; {ROUNDS} rounds of {PER_ROUND} requests, in turns")
        rates: dict[str, list[float]] = {label: [] for label in servers}
        cpus: dict[str, list[float]] = {label: [] for label in servers}
        for round_ in range(ROUNDS):
            order = list(servers.items())
            for label, (port, pid) in order if round_ % 2 == 0 else reversed(order):
                before = _cpu_seconds(pid)
                elapsed, latencies = asyncio.run(_load(port, PER_ROUND))
                rates[label].append(len(latencies) / elapsed)
                cpus[label].append((_cpu_seconds(pid) - before) / len(latencies))
        for label in servers:
            print(
                f"  {label}: {statistics.median(rates[label]):8.0f} requests/s, "
                f"server CPU {statistics.median(cpus[label]) * 1e6:4.0f} us per request (medians)"
            )
        mine, theirs = servers
        rate_ratios = [a / b for a, b in zip(rates[mine], rates[theirs], strict=True)]
        print(f"  rate, {mine} / {theirs}: {_quartiles(rate_ratios)}")
        if all(cpus[mine]):
            cpu_ratios = [b / a for a, b in zip(cpus[mine], cpus[theirs], strict=True)]
            print(f"  CPU per request, {theirs} / {mine}: {_quartiles(cpu_ratios)} (goal: >= 1x)")


if __name__ == "__main__":
    main()
