"""This tree's content API without its response memo against an older tree's with the memo,
for every kind of hot request.

Issue 20 asks that a hot request served without the rendered-response memo be at least as fast
as one served with the memo was then. This bench answers it side by side in one run, over real
HTTP on loopback, as `bench api` does: the emulator with the real server's latencies and
BENCH_API_PAGES pages, and two API servers under uvicorn, each with a MemoryCache that holds
everything:

- this tree's, with the memo off (`memo_seconds=0`);
- the older tree's (BENCH_API_AGAINST, a commit of this repository's history; by default
  2f297c2, the tree the issue measured), checked out into a temporary worktree, with its memo
  on, run with this tree's interpreter and dependencies.

The kinds of request are those `bench api_app` times in process (a listing of one field, a
listing with the default fields, a listing with every field, content included, a page's
detail, an ordered listing, a search, a descendant_of listing, the images with and without
their sizes and the documents), each named by a key printed first with its URL
(listing-1-field, listing-defaults, listing-every-field, detail, ordered, search,
descendant_of, images, images-every-field, documents); BENCH_API_KINDS, a comma-separated list
of keys, runs only those.
Both servers are asked the same URLs: the detail is of the page the listing puts first. Each
kind is first asked of both servers until it comes from the cache; a kind the older tree does
not answer with 200 is skipped, with its answer. Then the two are loaded in turns,
BENCH_API_ROUNDS rounds (default 10, at least 2) of BENCH_API_PER_ROUND requests (default
2,000), the one who goes first changing every round, so that on a shared machine a change of
load falls on both alike.

One line per kind: the median requests per second of each server and the median (and middle
half, the interquartile range) of the per-round ratio of the rates, this tree over the older
one; then the median server CPU time per request of each and the same summary of the ratio
the other way round, the older tree's over this one's, so that for both ratios above 1x means
this tree does better. Goal: at least 1x. A line ends "(the two answers differ)" when the two
trees' answers to that URL are not the same bytes, but for each server's own address.

Run: `python -m bench api_against` (needs git and the commit in the clone's history).
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from bench._env import env_number
from bench.bench_api import PAGES, _cpu_seconds, _free_port, _load, _wait
from bench.bench_api_app import ASSET_REQUESTS, _requests

AGAINST = os.environ.get("BENCH_API_AGAINST", "2f297c2")
ROUNDS = env_number("BENCH_API_ROUNDS", 10, minimum=2)
PER_ROUND = env_number("BENCH_API_PER_ROUND", 2000)
KINDS = os.environ.get("BENCH_API_KINDS", "")
# Asked of this tree once, for the id the detail request uses.
FIRST_PAGE = "/api/v2/pages/?fields=_,id&limit=1"
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
    return f"{median:.2f}x ({low:.2f}x to {high:.2f}x)"


def _medians(mine: list[float], theirs: list[float], scale: float, unit: str) -> str:
    return (
        f"{statistics.median(mine) * scale:6.0f} vs {statistics.median(theirs) * scale:6.0f}{unit}"
    )


def _key(name: str) -> str:
    """A kind's name as BENCH_API_KINDS names it: no commas or spaces ("listing-1-field")."""
    return re.sub(r"[^a-z0-9_]+", "-", name.lower()).strip("-")


def _kinds(port: int) -> dict[str, str]:
    """The URL of each kind of request to run, by key; the detail is of the first listed page."""
    response = httpx.get(f"http://127.0.0.1:{port}{FIRST_PAGE}")
    if response.status_code != 200:
        raise RuntimeError(f"GET {FIRST_PAGE} answered {response.status_code}")
    first_page = int(response.json()["items"][0]["id"])
    requests = {**_requests(first_page), **ASSET_REQUESTS}
    kinds = {_key(name): url for name, url in requests.items()}
    wanted = [key.strip() for key in KINDS.split(",") if key.strip()]
    unknown = [key for key in wanted if key not in kinds]
    if unknown:
        raise SystemExit(f"BENCH_API_KINDS: unknown {', '.join(unknown)}; have {', '.join(kinds)}")
    return {key: url for key, url in kinds.items() if not wanted or key in wanted}


def _warm(port: int, url: str) -> httpx.Response:
    """Ask `url` until it comes from the cache (cold, then the first read from the cache).

    Returns the last answer, or the first one that is not a 200.
    """
    for _ in range(3):
        response = httpx.get(f"http://127.0.0.1:{port}{url}")
        if response.status_code != 200:
            break
    return response


def _unhosted(response: httpx.Response, port: int) -> bytes:
    """The answer's body without the server's own address, which its detail URLs hold."""
    return response.content.replace(f"127.0.0.1:{port}".encode(), b"<server>")


def _in_turns(
    servers: dict[str, tuple[int, int]], url: str
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Requests per second and server CPU seconds per request of each server, per round."""
    rates: dict[str, list[float]] = {label: [] for label in servers}
    cpus: dict[str, list[float]] = {label: [] for label in servers}
    for round_ in range(ROUNDS):
        order = list(servers.items())
        for label, (port, pid) in order if round_ % 2 == 0 else reversed(order):
            before = _cpu_seconds(pid)
            elapsed, latencies = asyncio.run(_load(port, PER_ROUND, url))
            rates[label].append(len(latencies) / elapsed)
            cpus[label].append((_cpu_seconds(pid) - before) / len(latencies))
    return rates, cpus


def _summary(key: str, servers: dict[str, tuple[int, int]], url: str) -> str:
    """One kind's line: `key`, the medians of both servers, and the ratios, or why skipped."""
    mine, theirs = servers
    answers = {label: _warm(port, url) for label, (port, _) in servers.items()}
    if answers[mine].status_code != 200:
        raise RuntimeError(f"GET {url} answered {answers[mine].status_code} from this tree")
    if answers[theirs].status_code != 200:
        refusal = answers[theirs]
        return f"  {key:17} skipped: {AGAINST} answered {refusal.status_code}: {refusal.text[:200]}"
    rates, cpus = _in_turns(servers, url)
    faster = [a / b for a, b in zip(rates[mine], rates[theirs], strict=True)]
    line = f"  {key:17} {_medians(rates[mine], rates[theirs], 1, '/s')}, ratio {_quartiles(faster)}"
    if all(cpus[mine]):
        cheaper = [b / a for a, b in zip(cpus[mine], cpus[theirs], strict=True)]
        used = _medians(cpus[mine], cpus[theirs], 1e6, " us")
        line += f"; CPU {used}, ratio {_quartiles(cheaper)}"
    if len({_unhosted(answers[label], port) for label, (port, _) in servers.items()}) > 1:
        line += " (the two answers differ)"
    return line


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
        for label, tree, mode in (("this tree", HERE, "rendered"), (AGAINST, older, "hot")):
            port = _free_port()
            ready = f"http://127.0.0.1:{port}/api/v2/images/"
            pid = stack.enter_context(_server(tree, ["api", str(port), wiki, mode], env, ready))
            servers[label] = (port, pid)
        kinds = _kinds(servers["this tree"][0])
        print(
            f"this tree with the memo off against {AGAINST} with it; {PAGES} pages; "
            f"{ROUNDS} rounds of {PER_ROUND} requests per kind, in turns"
        )
        for key, url in kinds.items():
            print(f"  {key:17} GET {url}")
        print(
            f"medians over the rounds, this tree vs {AGAINST}; ratios: median (middle half), "
            f"rate this tree / {AGAINST}, CPU per request {AGAINST} / this tree (goal: >= 1x)"
        )
        for key, url in kinds.items():
            print(_summary(key, servers, url), flush=True)


if __name__ == "__main__":
    main()
