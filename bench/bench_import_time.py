"""How long importing wikijs_typed takes in a fresh interpreter, next to its dependencies.

Each sample is a new subprocess, so nothing is cached in memory; the first runs warm the disk
cache and write bytecode (into a temporary PYTHONPYCACHEPREFIX, as `pip install` would have
compiled it: this environment may set PYTHONDONTWRITEBYTECODE, which would make every run
recompile from source). The baseline imports httpx and pydantic's BaseModel, which the
package cannot avoid (`import pydantic` alone is lazy and loads almost nothing); the
difference is what the package itself costs. Goal: under 300 ms on this machine.
`python -X importtime -c "import wikijs_typed"` shows where the time goes when it is slow.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 300.0
RUNS = int(os.environ.get("BENCH_IMPORT_RUNS", "15"))
WARMUP = 2

BASELINE = "import httpx; from pydantic import BaseModel"
# What a user's program imports: the package, then the client it starts from.
MEASURED = [
    "import wikijs_typed",
    "from wikijs_typed import WikiJSClient",
    "from wikijs_graphql import GraphQLClient; GraphQLClient",
]


def _sample(statement: str, env: dict[str, str]) -> float:
    """Wall time, in ms, of a fresh interpreter that runs `statement` and exits."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True, cwd=ROOT, env=env)
    return (time.perf_counter() - started) * 1000


def medians_ms(statements: list[str], runs: int = RUNS) -> dict[str, float]:
    """Median per statement, the samples interleaved so that machine noise hits all alike."""
    with tempfile.TemporaryDirectory() as pycache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = pycache
        for _ in range(WARMUP):
            for statement in statements:
                _sample(statement, env)
        samples: dict[str, list[float]] = {s: [] for s in statements}
        for _ in range(runs):
            for statement in statements:
                samples[statement].append(_sample(statement, env))
    return {s: statistics.median(times) for s, times in samples.items()}


def main() -> None:
    medians = medians_ms(["pass", BASELINE, *MEASURED])
    baseline = medians[BASELINE]
    width = max(len(s) for s in medians)
    print(f"  median of {RUNS} fresh interpreters each; goal: under {GOAL_MS:.0f} ms")
    print(f"  {'interpreter start-up':<{width}} {medians['pass']:7.1f} ms")
    print(f"  {BASELINE:<{width}} {baseline:7.1f} ms   (baseline)")
    for statement in MEASURED:
        took = medians[statement]
        verdict = "ok" if took < GOAL_MS else "OVER GOAL"
        print(
            f"  {statement:<{width}} {took:7.1f} ms   {took / baseline:5.2f}x baseline, "
            f"{took - baseline:+7.1f} ms own   {verdict}"
        )


if __name__ == "__main__":
    main()
