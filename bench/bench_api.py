"""The content API hot (answered from the client's cache) against cold (every request reads the
wiki), side by side in one run, over real HTTP on loopback.

Three processes: the emulator with the real server's latencies (`LatencyProfile`), served
over HTTP with BENCH_API_PAGES pages; the content API under uvicorn, once with a MemoryCache
(hot) and once without a cache (cold); and this one, a bounded load generator (a fixed number
of requests over CONCURRENCY keep-alive connections, plain HTTP/1.1 so that it takes little
of the machine) that times
`GET /api/v2/pages/?fields=_,title&limit=20`. Printed: requests per second and p50/p99
latency of each, and the ratio (goal: hot at least 10x the cold rate). A third server shows
the cache alone, with the rendered-response memo off, and the ratio of its rate to the hot
server's (whether the memo still pays: below 1x it does); a fourth the hot server writing
uvicorn's access log (to a discarded output), which `--no-access-log` turns off.

The two hot servers, with and without the memo, run at the same time and take turns, in
BENCH_API_ROUNDS rounds: on a shared machine a change of load then falls on both alike, and the
ratio is printed per round (the range) as well as over all of them.

Run: `python -m bench api` (or `python3 dev.py bench api`).
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import httpx

from bench._env import env_number

if TYPE_CHECKING:
    from wikijs_typed.testing import WikiJSEmulator

PAGES = env_number("BENCH_API_PAGES", 200)
REQUESTS = env_number("BENCH_API_REQUESTS", 2000)
ROUNDS = env_number("BENCH_API_ROUNDS", 5)
CONCURRENCY = 8
WARMUP = 20
URL = "/api/v2/pages/?fields=_,title&limit=20"
COLD = ("cold (no cache)", "cold")
LOGGED = ("hot, access log on", "hot-logged")
# Loaded in turns: the query re-run and re-rendered from the MemoryCache's entries on every
# request, and the same with the rendered-response memo.
UNMEMOIZED = ("hot, memo off", "rendered")
HOT = ("hot (MemoryCache)", "hot")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server process ended ({process.returncode})")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def _process(
    *args: str, ready: str, env: dict[str, str] | None = None, quiet: bool = False
) -> Iterator[int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.bench_api", *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    try:
        _wait(ready, process)
        yield process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def _cpu_seconds(pid: int) -> float:
    """The CPU time a process has used so far (Linux's /proc; 0 where there is none).

    Unlike a rate, it does not move with the load other programs put on the machine.
    """
    try:
        with open(f"/proc/{pid}/stat") as stat:
            # After the command's name, in brackets: utime and stime are the 12th and 13th.
            fields = stat.read().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _seed_assets(emulator: WikiJSEmulator) -> None:
    """The images and documents `bench api_app` and `bench api_against` also ask for."""
    from bench.bench_api_app import ASSETS, _png
    from wikijs_typed import WikiJSClient

    with WikiJSClient(
        emulator.base_url, emulator.api_key, transport=emulator.transport()
    ) as client:
        for n in range(ASSETS):
            client.assets.upload(_png(10 + n, 10), filename=f"image-{n}.png")
            client.assets.upload(b"%PDF-1.4 bench", filename=f"document-{n}.pdf")


def serve_wiki(port: int) -> None:
    """The emulator, seeded, with the real server's latencies, on loopback until killed."""
    from wikijs_typed.testing import LatencyProfile, WikiJSEmulator

    emulator = WikiJSEmulator()
    for n in range(PAGES):
        emulator.seed_page(f"bench/section-{n % 10}/page-{n}", f"Page {n}", f"Body {n}")
    _seed_assets(emulator)
    emulator.latency = LatencyProfile()
    # The key goes to the API process through a file only it reads, never on a command line.
    with open(os.environ["BENCH_API_KEY_FILE"], "w") as key_file:
        key_file.write(emulator.api_key)
    with emulator.serve(port=port):
        while True:
            time.sleep(3600)


def serve_api(port: int, wiki_url: str, mode: str) -> None:
    import uvicorn

    from wikijs_typed import AsyncWikiJSClient
    from wikijs_typed.api import ApiSettings, create_app
    from wikijs_typed.cache import MemoryCache

    with open(os.environ["BENCH_API_KEY_FILE"]) as key_file:
        key = key_file.read()
    client = AsyncWikiJSClient(wiki_url, key, cache=None if mode == "cold" else MemoryCache())
    memo = 0.0 if mode == "rendered" else ApiSettings().memo_seconds
    app = create_app(client, settings=ApiSettings(memo_seconds=memo))
    logged = mode == "hot-logged"
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        log_level="info" if logged else "warning",
        access_log=logged,
    )


async def _get(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, url: str = URL
) -> None:
    """One keep-alive GET; a plain HTTP/1.1 exchange, so the generator costs little CPU."""
    writer.write(f"GET {url} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = head.split(b" ", 2)[1]
    if status != b"200":
        raise RuntimeError(f"GET {url} answered {status.decode()}")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)


async def _load(port: int, requests: int = REQUESTS, url: str = URL) -> tuple[float, list[float]]:
    """(seconds, latencies) of `requests` GETs of `url`, CONCURRENCY connections at a time."""
    host = f"127.0.0.1:{port}"
    connections = [await asyncio.open_connection("127.0.0.1", port) for _ in range(CONCURRENCY)]
    for reader, writer in connections:
        for _ in range(WARMUP // CONCURRENCY + 1):
            await _get(reader, writer, host, url)
    remaining = requests
    latencies: list[float] = []

    async def worker(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            started = time.perf_counter()
            await _get(reader, writer, host, url)
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker(reader, writer) for reader, writer in connections))
    elapsed = time.perf_counter() - started
    for _, writer in connections:
        writer.close()
    return elapsed, latencies


def _report(name: str, elapsed: float, latencies: list[float]) -> float:
    rate = len(latencies) / elapsed
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"  {name}: {rate:8.0f} requests/s   p50 {cuts[49] * 1000:7.2f} ms"
        f"   p99 {cuts[98] * 1000:7.2f} ms   ({len(latencies)} requests)"
    )
    return rate


@contextmanager
def _api(wiki: str, mode: str, env: dict[str, str]) -> Iterator[tuple[int, int]]:
    """An API server in `mode` on a free port, until the block ends; gives (port, pid)."""
    port = _free_port()
    ready = f"http://127.0.0.1:{port}/api/v2/images/"
    args = ("api", str(port), wiki, mode)
    with _process(*args, ready=ready, env=env, quiet=mode == "hot-logged") as pid:
        yield port, pid


def _alone(name: str, mode: str, wiki: str, env: dict[str, str]) -> float:
    with _api(wiki, mode, env) as (port, _):
        elapsed, latencies = asyncio.run(_load(port))
    return _report(name, elapsed, latencies)


def _in_turns(wiki: str, env: dict[str, str]) -> tuple[float, float, list[float], list[float]]:
    """The unmemoized and the memoized hot servers, loaded in turns.

    Returns both rates, and for each round the unmemoized / memoized ratio of the rates and
    of the server's CPU time per request.
    """
    per_round = max(REQUESTS // ROUNDS, CONCURRENCY)
    totals = {UNMEMOIZED: (0.0, list[float]()), HOT: (0.0, list[float]())}
    cpu = {UNMEMOIZED: 0.0, HOT: 0.0}
    rate_ratios: list[float] = []
    cpu_ratios: list[float] = []
    with _api(wiki, UNMEMOIZED[1], env) as unmemoized, _api(wiki, HOT[1], env) as hot:
        for _ in range(ROUNDS):
            rates, used = {}, {}
            for server, (port, pid) in ((UNMEMOIZED, unmemoized), (HOT, hot)):
                before = _cpu_seconds(pid)
                elapsed, latencies = asyncio.run(_load(port, per_round))
                used[server] = (_cpu_seconds(pid) - before) / len(latencies)
                cpu[server] += used[server] / ROUNDS
                rates[server] = len(latencies) / elapsed
                seconds, kept = totals[server]
                totals[server] = (seconds + elapsed, kept + latencies)
            rate_ratios.append(rates[UNMEMOIZED] / rates[HOT])
            if used[HOT] > 0:
                cpu_ratios.append(used[UNMEMOIZED] / used[HOT])
    made = {server: _report(server[0], *totals[server]) for server in (UNMEMOIZED, HOT)}
    for server in (UNMEMOIZED, HOT):
        print(f"  {server[0]}: server CPU {cpu[server] * 1e6:6.0f} us per request (mean of rounds)")
    return made[UNMEMOIZED], made[HOT], rate_ratios, cpu_ratios


def main() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        env = {"BENCH_API_KEY_FILE": os.path.join(folder, "key")}
        wiki_port = _free_port()
        wiki = f"http://127.0.0.1:{wiki_port}"
        print(
            f"GET {URL}: {PAGES} pages on the emulator with real latency; "
            f"{REQUESTS} requests, {CONCURRENCY} at a time"
        )
        with _process("wiki", str(wiki_port), ready=f"{wiki}/healthz", env=env):
            cold = _alone(*COLD, wiki, env)
            unmemoized, hot, ratios, cpu_ratios = _in_turns(wiki, env)
            logged = _alone(*LOGGED, wiki, env)
        ratio = hot / cold
        verdict = "ok" if ratio >= 10 else "below the goal"
        print(f"  hot / cold: {ratio:.1f}x (goal: at least 10x) {verdict}")
        print(
            f"  hot without the response memo / with it: {unmemoized / hot:.2f}x "
            f"(rounds: {min(ratios):.2f}x to {max(ratios):.2f}x)"
        )
        if cpu_ratios:
            print(
                "  server CPU per request, without the memo / with it: "
                f"{min(cpu_ratios):.2f}x to {max(cpu_ratios):.2f}x over the rounds"
            )
        print(f"  hot with the access log / without: {logged / hot:.2f}x")


if __name__ == "__main__":
    role = sys.argv[1]
    if role == "wiki":
        serve_wiki(int(sys.argv[2]))
    else:
        serve_api(int(sys.argv[2]), sys.argv[3], sys.argv[4])
