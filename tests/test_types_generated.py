"""The generated types are real: mypy --strict rejects misuse of a generated client.

Two small integration modules are written to a temporary directory and checked in one mypy
run with the project's own mypy settings: one reads a misspelled attribute from a generated
result model and passes a misspelled argument, the other is the correct version. Only the
first may be reported, and the report must name what was misspelled.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from mypy import api as mypy_api

from tests.conftest import ROOT

CORRECT = """
from wikijs_graphql import AsyncGraphQLClient, GraphQLClient
from wikijs_graphql.enums import PageOrderBy


def page_title(client: GraphQLClient, page_id: int) -> str:
    result = client.get_page(id=page_id, cache="network-only")
    if result.pages is None or result.pages.single is None:
        raise LookupError(page_id)
    return result.pages.single.title


async def newest_paths(client: AsyncGraphQLClient) -> list[str]:
    result = await client.list_pages(order_by=PageOrderBy.UPDATED, limit=5)
    return [item.path for item in result.pages.list_] if result.pages else []
"""

MISSPELLED = {
    # line → (the wrong line, what mypy must name)
    "attribute": ("    return result.pages.single.titel", '"titel"'),
    "argument": (
        "    result = await client.list_pages(order_by=PageOrderBy.UPDATED, limt=5)",
        '"limt"',
    ),
}


def _config(tmp: Path) -> Path:
    """The project's [tool.mypy] settings, with paths made absolute, as a mypy.ini."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    mypy_path = ",".join(str(ROOT / p) for p in str(settings.get("mypy_path", "")).split(",") if p)
    lines = [
        "[mypy]",
        "strict = True",
        f"python_version = {settings.get('python_version', '3.11')}",
        f"mypy_path = {mypy_path}",
        f"plugins = {', '.join(settings.get('plugins', []))}",
        f"cache_dir = {tmp / 'mypy-cache'}",
    ]
    config = tmp / "mypy.ini"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def mypy_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int, Path]:
    tmp = tmp_path_factory.mktemp("types")
    (tmp / "correct.py").write_text(CORRECT, encoding="utf-8")
    wrong = CORRECT
    for line, _ in MISSPELLED.values():
        original = line.replace("titel", "title").replace("limt", "limit")
        assert original in wrong
        wrong = wrong.replace(original, line)
    (tmp / "misspelled.py").write_text(wrong, encoding="utf-8")
    stdout, stderr, status = mypy_api.run(
        [
            "--config-file",
            str(_config(tmp)),
            "--no-error-summary",
            str(tmp / "correct.py"),
            str(tmp / "misspelled.py"),
        ]
    )
    assert stderr == ""
    return stdout, status, tmp


def test_correct_integration_is_clean(mypy_report: tuple[str, int, Path]) -> None:
    stdout, _, _ = mypy_report
    assert "correct.py" not in stdout


@pytest.mark.parametrize("kind", sorted(MISSPELLED))
def test_misspelling_is_an_error_that_names_it(
    mypy_report: tuple[str, int, Path], kind: str
) -> None:
    stdout, status, tmp = mypy_report
    line, name = MISSPELLED[kind]
    number = (tmp / "misspelled.py").read_text(encoding="utf-8").splitlines().index(line) + 1
    reported = [
        r for r in stdout.splitlines() if r.startswith(f"{tmp / 'misspelled.py'}:{number}:")
    ]
    assert status == 1
    assert any(": error:" in r and name in r for r in reported), stdout
