"""Keeping the synchronous resources in step with the asynchronous ones.

The resources are written once, as async code in `wikijs_typed/_resources/_async/`. Their
sync twins in `_resources/_sync/` are derived from it by `wikijs_typed.codegen._unasync`,
the same rewrite that derives the generated sync client: async names become their sync
counterparts (`AsyncPagesResource` → `PagesResource`, `AsyncEngine` → `SyncEngine`,
`AsyncIterator` → `Iterator`). A line marked `# async only` is left out of the twin. ruff
then sorts imports and formats, as it does for every file in the tree.

The content query (`wikijs_typed/query/_async/` → `query/_sync/`) is kept the same way.

    python -m tools.twin           rewrite the _sync/ folders
    python -m tools.twin --check   exit 1 if a _sync/ folder is stale
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from wikijs_typed.codegen import _unasync as unasync

PACKAGE = Path(__file__).resolve().parent.parent / "wikijs_typed"
# Every package written async-first: the resources, and the content query over them.
TWIN_DIRS = (PACKAGE / "_resources", PACKAGE / "query")
HEADER = "# Made from ../_async/{name} by `python -m tools.twin`: do not edit.\n"

# Names whose sync counterpart is not simply the name without its "Async" prefix.
RENAMES = {
    "AsyncEngine": "SyncEngine",
    "AsyncIterator": "Iterator",
    "AsyncIterable": "Iterable",
    "AsyncGenerator": "Generator",
    "aclose": "close",
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "_async": "_sync",
    "averify_identity": "verify_identity",
    "ainvalidate": "invalidate",
}
_ASYNC_PREFIX = re.compile(r"^Async([A-Z]\w*)$")


def _rename(name: str) -> str:
    if name in RENAMES:
        return RENAMES[name]
    match = _ASYNC_PREFIX.match(name)
    return match.group(1) if match else name


# A line of async source that ends with this has no sync twin (e.g. the auto-batching option,
# which only the async engine has).
ASYNC_ONLY = "# async only"


def unasync_source(source: str) -> str:
    """The sync twin of an async module's source (before import sorting and formatting)."""
    lines = source.splitlines(keepends=True)
    kept = "".join(line for line in lines if not line.rstrip().endswith(ASYNC_ONLY))
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
        path.write_text(text)
        print(f"wrote {path.relative_to(PACKAGE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
