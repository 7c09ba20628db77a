"""Run the user suite as a user of the installed package runs theirs.

    VENV/bin/python .ci/user_suite/run.py

From a fresh folder outside the clone, with an empty pytest configuration, so pytest's and
pytest-asyncio's defaults apply (strict mode: only tests and fixtures marked for asyncio run on
it). Passes when every test of test_readme_examples.py passed, in strict mode.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

SUITE = Path(__file__).resolve().parent / "test_readme_examples.py"
EXPECTED = "2 passed"


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(SUITE, folder)
        # Stops pytest looking further up for somebody else's configuration.
        Path(folder, "pytest.ini").write_text("[pytest]\n")
        pytest = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]
        run = subprocess.run(pytest, cwd=folder, capture_output=True, text=True, check=False)
    report = run.stdout + run.stderr
    mode = re.search(r"^asyncio: mode=(\S+?),", run.stdout, re.MULTILINE)
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""
    if run.returncode != 0 or not mode or "strict" not in mode[1].lower():
        print(report)
        print(f"user suite: failed (exit {run.returncode}, asyncio mode {mode and mode[1]})")
        return 1
    if EXPECTED not in summary or "skipped" in summary:
        print(report)
        print(f"user suite: expected {EXPECTED}, got: {summary}")
        return 1
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("pytest", "pytest-asyncio")
    )
    print(f"user suite ({versions}, asyncio {mode[1]}): {summary.strip('= ')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
