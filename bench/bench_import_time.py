"""How long starting up costs: importing wikijs_typed next to its dependencies, and first calls.

1. Import time. Each sample is a new interpreter, so nothing is cached in memory; the first
   rounds warm the disk cache and write bytecode (into a temporary PYTHONPYCACHEPREFIX, as
   `pip install` would have compiled it: this environment may set PYTHONDONTWRITEBYTECODE,
   which would make every run recompile from source). The samples of all statements are
   interleaved so that machine noise hits them alike. The baseline is `import httpx, pydantic`,
   the package's own dependencies; the seed SDK (`from wikijs import WikiJSClient`) is measured
   too when it is importable. Goal: `from wikijs_typed import WikiJSClient` (and the async
   client) at most 1.3x the baseline, and faster than the seed SDK.
2. First calls. Importing less up front moves work to the first call that needs it; this
   shows what a fresh interpreter pays for each first call of a kind (`pages.get(1)` first),
   against an emulator served over loopback HTTP by this process, so the child process
   imports nothing but the client. The second `pages.get(1)` is the same call warm.

   With BENCH_IMPORT_AGAINST naming directories (separated by `os.pathsep`) that each hold
   another version's `wikijs_typed/` and `generated/` (`git archive <rev> wikijs_typed
   generated | tar -x -C <dir>`), their first calls are measured in the same run,
   interleaved, one column each.

3. Cold start: process start to the first result. A script that opens a client, reads one
   page with `pages.get` and prints its title, against a hand-written httpx + pydantic script
   that sends the same `GetPage` document and validates the answer into a model of its own
   (goal: at most 1.05x), and the same script written for the seed SDK (`from wikijs import
   WikiJSClient`, requests-based; goal: no slower) when that package is importable. The
   scripts are written to a temporary folder, as a user would keep them, and each sample is a
   fresh interpreter running one of them against the emulator over loopback HTTP, the
   samples of the three interleaved.

`python -X importtime -c "from wikijs_typed import WikiJSClient"` shows where the time goes.
Run: `python -m bench import_time`; BENCH_IMPORT_RUNS changes the number of interpreters.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench._env import env_number

ROOT = Path(__file__).resolve().parent.parent
RATIO_GOAL = 1.3
RUNS = max(15, env_number("BENCH_IMPORT_RUNS", 15))
WARMUP = 2

BASELINE = "import httpx, pydantic"
SEED = "from wikijs import WikiJSClient"
MEASURED = [
    "import wikijs_typed",
    "from wikijs_typed import WikiJSClient",
    "from wikijs_typed import AsyncWikiJSClient",
]
# Guarded by a ratio against the baseline (the other rows are context).
GUARDED = MEASURED[1:]

# Run in a fresh interpreter: argv[1] is the emulator's URL, argv[2] an API key. Prints the
# milliseconds of each step as JSON.
FIRST_CALLS = """
import json, sys, time
clock = time.perf_counter
steps = {}
started = clock()
from wikijs_typed import WikiJSClient
steps["import"] = clock() - started
mark = clock()
client = WikiJSClient(sys.argv[1], sys.argv[2])
steps["WikiJSClient(...)"] = clock() - mark
calls = [
    ("pages.get(1)", lambda: client.pages.get(1)),
    ("pages.get(1), again", lambda: client.pages.get(1)),
    ("pages.list()", lambda: client.pages.list()),
    ("users.list()", lambda: client.users.list()),
    ("groups.list()", lambda: client.groups.list()),
    ("api_keys.list()", lambda: client.api_keys.list()),
    ("assets.folders()", lambda: client.assets.folders()),
]
for name, call in calls:
    mark = clock()
    call()
    steps[name] = clock() - mark
steps["import + client + first pages.get"] = (
    steps["import"] + steps["WikiJSClient(...)"] + steps["pages.get(1)"]
)
import os, wikijs_typed
assert wikijs_typed.__file__.startswith(os.getcwd()), "measured another tree than asked"
print(json.dumps({name: took * 1000 for name, took in steps.items()}))
"""


def _environment(pycache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def _sample(statement: str, env: dict[str, str]) -> float:
    """Wall time, in ms, of a fresh interpreter that runs `statement` and exits."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True, cwd=ROOT, env=env)
    return (time.perf_counter() - started) * 1000


def medians_ms(statements: list[str], runs: int = RUNS) -> dict[str, float]:
    """Median per statement, the samples interleaved so that machine noise hits all alike."""
    with tempfile.TemporaryDirectory() as pycache:
        env = _environment(pycache)
        for _ in range(WARMUP):
            for statement in statements:
                _sample(statement, env)
        samples: dict[str, list[float]] = {s: [] for s in statements}
        for _ in range(runs):
            for statement in statements:
                samples[statement].append(_sample(statement, env))
    return {s: statistics.median(times) for s, times in samples.items()}


def seed_importable() -> bool:
    return importlib.util.find_spec("wikijs") is not None


def report_imports() -> None:
    statements = ["pass", BASELINE, *MEASURED]
    has_seed = seed_importable()
    if has_seed:
        statements.append(SEED)
    medians = medians_ms(statements)
    baseline = medians[BASELINE]
    width = max(len(s) for s in [*statements, SEED])
    print(f"  import time, median of {RUNS} fresh interpreters each (goal: <= {RATIO_GOAL}x)")
    print(f"  {'interpreter start-up (pass)':<{width}} {medians['pass']:7.1f} ms")
    print(f"  {BASELINE:<{width}} {baseline:7.1f} ms   baseline")
    for statement in MEASURED:
        took = medians[statement]
        line = f"  {statement:<{width}} {took:7.1f} ms   {took / baseline:5.2f}x baseline"
        if statement in GUARDED:
            line += "   ok" if took <= RATIO_GOAL * baseline else "   OVER GOAL"
        if has_seed:
            line += f", {took / medians[SEED]:5.2f}x seed"
        print(line)
    if has_seed:
        took = medians[SEED]
        print(f"  {SEED:<{width}} {took:7.1f} ms   {took / baseline:5.2f}x baseline")
    else:
        print(f"  {SEED:<{width}}   not measured: no `wikijs` package is installed here")


@contextlib.contextmanager
def served_emulator() -> Iterator[tuple[str, str]]:
    from wikijs_typed.testing import WikiJSEmulator

    emulator = WikiJSEmulator()
    emulator.seed_page("bench/first", "First", "# First\n", tags=["bench"])
    key = emulator.create_api_key("bench")
    with emulator.serve() as url:
        yield url, key


def _trees() -> dict[str, Path]:
    """This tree, and those BENCH_IMPORT_AGAINST names (directories holding other versions'
    `wikijs_typed/` and `generated/`, e.g. from `git archive`), if any."""
    trees = {"this tree": ROOT}
    for other in os.environ.get("BENCH_IMPORT_AGAINST", "").split(os.pathsep):
        if other:
            trees[Path(other).name] = Path(other).resolve()
    return trees


def report_first_calls() -> None:
    trees = _trees()
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    with served_emulator() as (url, key), tempfile.TemporaryDirectory() as pycache:
        env = _environment(pycache)
        for run in range(WARMUP + RUNS):
            for name, tree in trees.items():  # interleaved, as the imports are
                answer = subprocess.run(
                    [sys.executable, "-c", FIRST_CALLS, url, key],
                    check=True,
                    cwd=tree,
                    env={
                        **env,
                        "PYTHONPATH": os.pathsep.join([str(tree), str(tree / "generated")]),
                    },
                    capture_output=True,
                    text=True,
                )
                if run >= WARMUP:
                    for step, took in json.loads(answer.stdout).items():
                        samples[name].setdefault(step, []).append(took)
    print(f"  first calls in a fresh interpreter, median of {RUNS}, emulator over loopback HTTP")
    steps = samples["this tree"]
    width = max(len(step) for step in steps)
    print(f"  {'':<{width}} " + " ".join(f"{name[:14]:>14}" for name in trees))
    for step in steps:
        figures = " ".join(f"{statistics.median(samples[name][step]):11.1f} ms" for name in trees)
        print(f"  {step:<{width}} {figures}")


# -- 3. cold start ---------------------------------------------------------------------------

COLD_GOAL = 1.05
# argv: the wiki's URL, an API key, a page id. Each prints the page's title.
COLD_OURS = """
import sys
from wikijs_typed import WikiJSClient

with WikiJSClient(sys.argv[1], sys.argv[2]) as client:
    page = client.pages.get(int(sys.argv[3]))
print(page.title)
"""
COLD_SEED = """
import sys
from wikijs import WikiJSClient

client = WikiJSClient(sys.argv[1], auth=sys.argv[2])
page = client.pages.get(int(sys.argv[3]))
print(page.title)
"""
COLD_HANDWRITTEN = """
import sys
from datetime import datetime

import httpx
from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

DOCUMENT = {document!r}


class Tag(BaseModel):
    id: int
    tag: str
    title: str | None = None


class Page(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel)

    id: int
    path: str
    hash: str
    title: str
    description: str
    is_private: bool
    is_published: bool
    private_ns: str | None = None
    publish_start_date: str | None = None
    publish_end_date: str | None = None
    tags: list[Tag]
    content: str
    content_type: str
    created_at: datetime
    updated_at: datetime
    author_id: int
    author_name: str
    creator_id: int
    creator_name: str
    render: str | None = None
    editor: str
    locale: str
    script_css: str | None = None
    script_js: str | None = None
    author_email: str
    creator_email: str


headers = {{"Authorization": "Bearer " + sys.argv[2]}}
body = {{"query": DOCUMENT, "operationName": "GetPage", "variables": {{"id": int(sys.argv[3])}}}}
with httpx.Client(base_url=sys.argv[1], headers=headers) as http:
    answer = http.post("/graphql", json=body)
    answer.raise_for_status()
page = Page.model_validate(answer.json()["data"]["pages"]["single"])
print(page.title)
"""


def cold_scripts(folder: Path) -> dict[str, Path]:
    """The scripts to time, written into `folder`: ours, the hand-written one, and the seed
    SDK's when it is importable."""
    from wikijs_graphql.operations import OPERATIONS

    texts = {
        "wikijs_typed": COLD_OURS,
        "httpx + pydantic": COLD_HANDWRITTEN.format(document=OPERATIONS["GetPage"].document),
    }
    if seed_importable():
        texts["seed SDK"] = COLD_SEED
    scripts = {}
    for number, (name, text) in enumerate(texts.items()):
        script = folder / f"cold_start_{number}.py"  # never a package's name
        script.write_text(text)
        scripts[name] = script
    return scripts


def _run_script(script: Path, args: list[str], env: dict[str, str]) -> float:
    """Wall time, in ms, of a fresh interpreter running `script` to its end."""
    started = time.perf_counter()
    answer = subprocess.run(
        [sys.executable, str(script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    took = (time.perf_counter() - started) * 1000
    if answer.returncode != 0 or answer.stdout.strip() != "First":
        raise RuntimeError(f"{script.name} failed: {answer.stderr.strip()[-500:]}")
    return took


def report_cold_start() -> None:
    with (
        served_emulator() as (url, key),
        tempfile.TemporaryDirectory() as pycache,
        tempfile.TemporaryDirectory() as folder,
    ):
        env = _environment(pycache)
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "generated")])
        scripts = cold_scripts(Path(folder))
        args = [url, key, "1"]
        samples: dict[str, list[float]] = {name: [] for name in scripts}
        order = list(scripts.items())
        for run in range(WARMUP + RUNS):
            # Interleaved, each run in the other order: a slow spell of the shared machine
            # falls on both scripts alike.
            for name, script in order if run % 2 else reversed(order):
                took = _run_script(script, args, env)
                if run >= WARMUP:
                    samples[name].append(took)
    medians = {name: statistics.median(times) for name, times in samples.items()}
    ours, handwritten = medians["wikijs_typed"], medians["httpx + pydantic"]
    print(f"  cold start to the first pages.get result, median of {RUNS} fresh interpreters")
    print(f"  {'httpx + pydantic, by hand':<28} {handwritten:7.1f} ms")
    # The median of the runs' own ratios: each run's two scripts saw the same machine.
    ratio = statistics.median(
        o / h for o, h in zip(samples["wikijs_typed"], samples["httpx + pydantic"], strict=True)
    )
    verdict = "ok" if ratio <= COLD_GOAL else "OVER GOAL"
    line = f"  {'wikijs_typed':<28} {ours:7.1f} ms   {ratio:5.2f}x by hand (median run)"
    line += f" (goal <= {COLD_GOAL}x) {verdict}"
    if "seed SDK" in medians:
        seed = medians["seed SDK"]
        ratio = ours / seed
        line += f", {ratio:5.2f}x seed SDK (goal <= 1x) {'ok' if ratio <= 1 else 'OVER GOAL'}"
        print(f"  {'seed SDK (wikijs)':<28} {seed:7.1f} ms")
    print(line)
    if "seed SDK" not in medians:
        print("  seed SDK: not measured, no `wikijs` package is installed here")


def main() -> None:
    report_imports()
    report_first_calls()
    report_cold_start()


if __name__ == "__main__":
    main()
