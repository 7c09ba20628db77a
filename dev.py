"""Project tasks that work on a fresh machine with nothing but Python 3.11+.

    python3 dev.py demo     the main job: a tour of the client (on the embedded emulator, or on
                            the Wiki.js named by WIKIJS_URL / WIKIJS_API_KEY)
    python3 dev.py test     the test suite
    python3 dev.py lint     the static gates: drift check of generated/, ruff, mypy --strict
    python3 dev.py check    lint, then the tests
    python3 dev.py bench    the benchmarks in bench/

Each task first makes `.venv` and installs the project into it (again only when pyproject.toml
changed). Extra arguments go to the underlying tool, e.g. `python3 dev.py test -k cache`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".installed-from"


def _run(*command: str | Path) -> int:
    return subprocess.call([str(c) for c in command], cwd=ROOT)


def _ensure_venv() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("dev.py: creating .venv", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as exc:
            shutil.rmtree(VENV, ignore_errors=True)
            # Debian and Ubuntu ship `venv`'s pip bootstrap separately.
            sys.exit(f"dev.py: cannot create .venv ({exc}); on Debian: apt install python3-venv")
    print("dev.py: installing the project and its development tools into .venv", flush=True)
    pip = [PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if _run(*pip, "--upgrade", "pip") or _run(*pip, "-e", ".[dev]"):
        sys.exit("dev.py: installation failed")
    STAMP.write_text(wanted)


def _ensure_redis() -> None:
    """The Redis cache tests use a real redis-server; on Debian as root, install it."""
    if shutil.which("redis-server") or os.environ.get("WIKIJS_SKIP_REDIS_INSTALL"):
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("dev.py: installing redis-server (Debian package) for the Redis cache tests")
        subprocess.call(["apt-get", "update", "-qq"], stdout=subprocess.DEVNULL)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.call(
            ["apt-get", "install", "-y", "-qq", "redis-server"],
            env=env,
            stdout=subprocess.DEVNULL,
        )
    if not shutil.which("redis-server"):
        print("dev.py: no redis-server on PATH; the Redis cache tests will be skipped")


def _tests(extra: list[str]) -> int:
    _ensure_redis()
    return _run(PYTHON, "-m", "pytest", *extra)


def _lint() -> int:
    steps: list[tuple[str, list[str | Path]]] = [
        ("drift check", [BIN / "wikijs-typed", "generate", "--check"]),
        ("ruff", [BIN / "ruff", "check", "."]),
        ("ruff format", [BIN / "ruff", "format", "--check", "."]),
        ("mypy --strict", [BIN / "mypy"]),
    ]
    for name, command in steps:
        print(f"dev.py: {name}", flush=True)
        if _run(*command):
            print(f"dev.py: {name} failed", file=sys.stderr)
            return 1
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "lint", "check", "bench"}:
        print(__doc__)
        return 2
    task, extra = argv[0], argv[1:]
    _ensure_venv()
    if task == "demo":
        return _run(BIN / "wikijs-typed", "demo", *extra)
    if task == "test":
        return _tests(extra)
    if task == "bench":
        return _run(PYTHON, "-m", "bench", *extra)
    if task == "lint":
        return _lint()
    return _lint() or _tests(extra)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
