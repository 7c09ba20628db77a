"""A misspelled field name in user code is a mypy error; the right spelling passes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

USER_CODE = """
from wikijs_typed import WikiJSClient

client = WikiJSClient("http://wiki", "key")
query = client.pages.query()
listing = query.filter({filter}="Docs").order_by("{order}").fields("_", "{field}")[0:5]
for item in listing.items:
    print(item.{attribute})
"""


def mypy(tmp_path: Path, **names: str) -> subprocess.CompletedProcess[str]:
    user_file = tmp_path / "user.py"
    user_file.write_text(USER_CODE.format(**names))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(user_file)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env={"MYPYPATH": str(ROOT / "generated"), "PATH": ""},
    )


@pytest.mark.timeout(300)
def test_mypy_accepts_the_right_names_and_rejects_typos(tmp_path: Path) -> None:
    right = mypy(tmp_path, filter="title", order="-title", field="title", attribute="title")
    assert right.returncode == 0, right.stdout
    wrong = mypy(tmp_path, filter="titel", order="-titel", field="titel", attribute="titel")
    assert wrong.returncode == 1
    assert 'Unexpected keyword argument "titel"' in wrong.stdout
    assert "incompatible type \"Literal['-titel']\"" in wrong.stdout
    assert "incompatible type \"Literal['titel']\"" in wrong.stdout
    assert '"PageItem" has no attribute "titel"' in wrong.stdout
