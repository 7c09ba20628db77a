"""Keeping the synchronous code in step with the asynchronous code it is derived from.

The resources are written once, as async code in `wikijs_typed/_resources/_async/`. Their
sync twins in `_resources/_sync/` are derived from it by `wikijs_typed.codegen._unasync`,
the same rewrite that derives the generated sync client: async names become their sync
counterparts (`AsyncPagesResource` → `PagesResource`, `AsyncEngine` → `SyncEngine`,
`AsyncIterator` → `Iterator`, `async_sleep` → `sleep`). A line marked `# async only` is left
out of the twin, and when a statement begins on it, the whole statement goes (a `def` or an
`if` with its body). ruff then sorts imports and formats, as it does for every file in the tree.

The content query (`wikijs_typed/query/_async/` → `query/_sync/`) and the engine
(`wikijs_typed/_pipeline/_async/` → `_pipeline/_sync/`) are kept the same way. This is the
project's one way to offer a sync and an async API; the one exception is the cache, a class
users implement, which offers `get` and `aget` side by side (see `BaseCache`).

    python -m tools.sync_twins           rewrite the _sync/ folders
    python -m tools.sync_twins --check   exit 1 if a _sync/ folder is stale
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from wikijs_typed.codegen import _unasync as unasync

PACKAGE = Path(__file__).resolve().parent.parent / "wikijs_typed"
# Every package written async-first: the engine, the resources over it, the content query.
TWIN_DIRS = (PACKAGE / "_pipeline", PACKAGE / "_resources", PACKAGE / "query")
HEADER = "# Made from ../_async/{name} by `python -m tools.sync_twins`: do not edit.\n"

# Names whose sync counterpart is not simply the name without its "Async" or "async_" prefix.
RENAMES = {
    "AsyncEngine": "SyncEngine",
    "AsyncIterator": "Iterator",
    "AsyncIterable": "Iterable",
    "AsyncGenerator": "Generator",
    "AbstractAsyncContextManager": "AbstractContextManager",
    "aclose": "close",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "_async": "_sync",
    "averify_identity": "verify_identity",
    # The cache's async methods (`BaseCache`).
    "aget": "get",
    "aset": "set",
    "astamp": "stamp",
    "astamps": "stamps",
    "alookup": "lookup",
    "ainvalidate": "invalidate",
}
_ASYNC_PREFIX = re.compile(r"^(?:Async([A-Z]\w*)|async_(\w+))$")


def _rename(name: str) -> str:
    if name in RENAMES:
        return RENAMES[name]
    match = _ASYNC_PREFIX.match(name)
    return (match.group(1) or match.group(2)) if match else name


# A line of async source that ends with this has no sync twin (e.g. the auto-batching option,
# which only the async engine has), nor has the statement that begins on it.
ASYNC_ONLY = "# async only"


def _async_only_lines(source: str) -> set[int]:
    """The numbers (from 1) of the lines marked `# async only` and of the statements they begin."""
    lines = source.splitlines()
    marked = {n for n, line in enumerate(lines, 1) if line.rstrip().endswith(ASYNC_ONLY)}
    dropped = set(marked)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.stmt) and node.lineno in marked and node.end_lineno is not None:
            dropped.update(range(node.lineno, node.end_lineno + 1))
    return dropped


def unasync_source(source: str) -> str:
    """The sync twin of an async module's source (before import sorting and formatting)."""
    dropped = _async_only_lines(source)
    lines = source.splitlines(keepends=True)
    kept = "".join(line for n, line in enumerate(lines, 1) if n not in dropped)
    return unasync.unasync_source(kept, _rename)


_FIXES = [
    "check",
    "--fix",
    "--unsafe-fixes",
    "--select",
    "I,UP028",
    "--quiet",
    # As ruff classifies it when the sync files exist, also before they do.
    "--config",
    "lint.isort.known-first-party=['wikijs_typed']",
    # Lines left out of a twin can leave a trailing comma that no longer means anything.
    "--config",
    "lint.isort.split-on-trailing-comma=false",
]
_FORMAT = ["format", "--quiet", "--config", "format.skip-magic-trailing-comma=true"]


def _ruff(args: list[str], source: str, filename: Path) -> str:
    command = [sys.executable, "-m", "ruff", *args, "--stdin-filename", str(filename), "-"]
    done = subprocess.run(
        command, input=source, capture_output=True, text=True, check=False, cwd=PACKAGE
    )
    if done.returncode not in (0, 1) or not done.stdout:
        raise RuntimeError(f"ruff {' '.join(args)} failed on {filename}: {done.stderr.strip()}")
    return done.stdout


def twin_of(async_file: Path) -> str:
    """The complete, formatted source of `async_file`'s sync twin."""
    target = async_file.parent.parent / "_sync" / async_file.name
    source = HEADER.format(name=async_file.name) + unasync_source(async_file.read_text())
    # `I`: renamed imports may need sorting again; `UP028`: a loop of `yield`s that async code
    # must spell out becomes `yield from` in sync code.
    sorted_source = _ruff(_FIXES, source, target)
    return _ruff(_FORMAT, sorted_source, target)


def stale_twins() -> dict[Path, str]:
    """The sync files that differ from what their async sources give, with the wanted text."""
    wanted: dict[Path, str] = {}
    for async_file in sorted(f for d in TWIN_DIRS for f in (d / "_async").glob("*.py")):
        target = async_file.parent.parent / "_sync" / async_file.name
        text = twin_of(async_file)
        if not target.exists() or target.read_text() != text:
            wanted[target] = text
    return wanted


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    stale = stale_twins()
    if "--check" in args:
        for path in stale:
            print(f"stale: {path.relative_to(PACKAGE.parent)}")
        return 1 if stale else 0
    for path, text in stale.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text)
        print(f"wrote {path.relative_to(PACKAGE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
