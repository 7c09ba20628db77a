"""The types are real: mypy --strict rejects misuse of a generated client and of the facade.

Two small integration modules are written to a temporary directory and checked in one mypy
run with the project's own mypy settings: one reads a misspelled attribute from a generated
result model, passes a misspelled argument, imports a misspelled name that the package loads
lazily and misspells a field of a model reached through a lazily made resource; the other is
the correct version. Only the first may be reported, and each report must name what was
misspelled (a lazy name or resource typed as `object` or `Any` would hide the mistake).
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

from wikijs_typed import AsyncWikiJSClient, MemoryCache, WikiJSClient


def page_title(client: GraphQLClient, page_id: int) -> str:
    result = client.get_page(id=page_id, cache="network-only")
    if result.pages is None or result.pages.single is None:
        raise LookupError(page_id)
    return result.pages.single.title


async def newest_paths(client: AsyncGraphQLClient) -> list[str]:
    result = await client.list_pages(order_by=PageOrderBy.UPDATED, limit=5)
    return [item.path for item in result.pages.list_] if result.pages else []


def first_page_path(client: WikiJSClient) -> str:
    return client.pages.get(1).path


async def user_emails(client: AsyncWikiJSClient) -> list[str]:
    cache = MemoryCache()
    cache.clear()
    return [user.email for user in await client.users.list()]
"""

MISSPELLED = {
    # kind → (the correct line, the misspelt word, its correct spelling)
    "attribute": ("    return result.pages.single.title", "titel", "title"),
    "argument": (
        "    result = await client.list_pages(order_by=PageOrderBy.UPDATED, limit=5)",
        "limt",
        "limit",
    ),
    "lazy name": (
        "from wikijs_typed import AsyncWikiJSClient, MemoryCache, WikiJSClient",
        "MemoryCahce",
        "MemoryCache",
    ),
    "field via a lazy resource": ("    return client.pages.get(1).path", "pth", "path"),
}


def _wrong(kind: str) -> str:
    line, wrong, right = MISSPELLED[kind]
    return line.replace(right, wrong)


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
    for kind, (line, _, _) in MISSPELLED.items():
        assert wrong.count(line) == 1
        wrong = wrong.replace(line, _wrong(kind))
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
    line, name = _wrong(kind), f'"{MISSPELLED[kind][1]}"'
    number = (tmp / "misspelled.py").read_text(encoding="utf-8").splitlines().index(line) + 1
    reported = [
        r for r in stdout.splitlines() if r.startswith(f"{tmp / 'misspelled.py'}:{number}:")
    ]
    assert status == 1
    assert any(": error:" in r and name in r for r in reported), stdout
