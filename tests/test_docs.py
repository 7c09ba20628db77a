"""The documentation points at files that exist, and its API-key example runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# `[text](target)` and `[label]: target`; the target up to a space (a title may follow) or ")".
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s*\[[^]]+\]:\s*<?(\S+?)>?\s*$", re.MULTILINE)
# A file of this repository named in code spans: `tests/test_x.py`, `wikijs_typed/a/b.toml`.
_REPO_FILE = re.compile(
    r"`((?:docs|tests|wikijs_typed|tools|bench|schema|queries|generated)/[\w./-]+"
    r"\.(?:md|py|toml|json|graphql))`"
)
# A path relative to the document, named in a code span: `../README.md`.
_UP_PATH = re.compile(r"`(\.\./[^`\s]+)`")
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # https:, mailto:, ...


def _links(text: str) -> list[str]:
    return [inline or reference for inline, reference in _LINK.findall(text)]


def _is_repository_file(path: Path) -> bool:
    resolved = path.resolve()
    return resolved.is_relative_to(ROOT) and resolved.exists()


def test_the_link_finder_sees_both_kinds_of_link() -> None:
    text = "See [the CLI](docs/cli.md#paths) and [a site](https://x.example).\n[ref]: ../out.md\n"
    assert _links(text) == ["docs/cli.md#paths", "https://x.example", "../out.md"]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_relative_link_points_at_a_file_of_the_repository(document: Path) -> None:
    broken = []
    for target in _links(document.read_text(encoding="utf-8")):
        if _EXTERNAL.match(target) or target.startswith("#"):
            continue
        if not _is_repository_file(document.parent / target.split("#", 1)[0]):
            broken.append(target)
    assert broken == [], f"{document.name} links files that are not in the repository"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_repository_file_named_in_the_text_exists(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    missing = [name for name in _REPO_FILE.findall(text) if not _is_repository_file(ROOT / name)]
    # `../x` reads as a path from the document: outside the repository, a user has no such file.
    missing += [p for p in _UP_PATH.findall(text) if not _is_repository_file(document.parent / p)]
    assert missing == [], f"{document.name} names files that are not in the repository"


def test_the_api_keys_page_example_runs(wikijs_emulator: Any) -> None:
    text = (ROOT / "docs" / "api-keys.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    [example] = [block for block in blocks if "def test_" in block]
    namespace: dict[str, Any] = {}
    exec(example, namespace)  # running the documented test is the point
    [test] = [value for name, value in namespace.items() if name.startswith("test_")]
    test(wikijs_emulator)
