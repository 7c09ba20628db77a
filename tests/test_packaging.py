"""The wheel: what it ships, what it depends on, and that it works outside the source tree.

One wheel is built from the working tree (hatchling, no network) and installed with
`--no-deps --target` into a temporary directory. A fresh interpreter started there with
`-S` (so the editable install of the source tree is not on the path) imports the installed
packages while any module of the optional extras is blocked: the runtime needs httpx and
pydantic only. `.ci/packaging` does the full `pip install .` into a fresh venv in CI.
"""

from __future__ import annotations

import email.parser
import json
import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Top-level modules of the extras (codegen, testing, redis, dev): none may load at run time.
EXTRAS_MODULES = [
    "ariadne",
    "ariadne_codegen",
    "graphql",
    "jwt",
    "multipart",
    "python_multipart",
    "redis",
    "frontmatter",
    "yaml",
    "rich",
    "mypy",
    "ruff",
    "pytest",
    "syrupy",
    "mcp",
    "starlette",
    "uvicorn",
    "imagesize",
]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    build = [*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist)]
    subprocess.run([*build, str(ROOT)], check=True, capture_output=True)
    (built,) = dist.glob("wikijs_typed-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    install = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "install"]
    install += ["--no-deps", "--no-index", "--target", str(target), str(wheel)]
    subprocess.run(install, check=True, capture_output=True)
    return target


def _metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.parser.Parser().parsestr(archive.read(name).decode())


def test_runtime_dependencies_are_httpx_pydantic_and_sniffio(wheel: Path) -> None:
    requirements = _metadata(wheel).get_all("Requires-Dist") or []
    runtime = {
        r.split(";")[0].split("<")[0].split(">")[0].strip() for r in requirements if ";" not in r
    }
    # sniffio spares httpcore a failed import on every async request.
    assert runtime == {"httpx", "pydantic", "sniffio"}
    extras = {r.split("extra ==")[1].strip(" '\"") for r in requirements if "extra ==" in r}
    assert {"codegen", "testing", "redis", "cli"} <= extras


def test_the_version_is_written_once_in_the_package(wheel: Path) -> None:
    import wikijs_typed

    assert _metadata(wheel)["Version"] == wikijs_typed.__version__
    assert ".".join(map(str, wikijs_typed.__version_info__)) == wikijs_typed.__version__
    assert not re.search(r"^version\s*=", (ROOT / "pyproject.toml").read_text(), re.MULTILINE)


def test_wheel_ships_both_typed_packages_and_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(
            archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt")
        )
    assert {"wikijs_typed/py.typed", "wikijs_graphql/py.typed"} <= names
    assert "wikijs_graphql/schema.graphql" in names
    assert not [n for n in names if n.startswith(("tests/", "queries/", "schema/"))]
    assert "wikijs-typed = wikijs_typed.cli:main" in entry_points


# Runs in the fresh interpreter: import the installed packages with the extras blocked.
_PROBE = """
import importlib, importlib.abc, json, pkgutil, sys

site, dependencies, blocked = sys.argv[1], sys.argv[2], set(sys.argv[3].split(","))


class BlockExtras(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in blocked:
            raise ImportError(f"{name} belongs to an optional extra")
        return None


sys.meta_path.insert(0, BlockExtras())
sys.path[:0] = [site]
sys.path.append(dependencies)

import wikijs_graphql
import wikijs_typed
import wikijs_typed.client

generated = [
    importlib.import_module(f"wikijs_graphql.{m.name}").__name__
    for m in pkgutil.iter_modules(wikijs_graphql.__path__)
]
from wikijs_graphql.get_page import GetPage

page = GetPage.model_validate({"pages": {"single": None}})
from wikijs_typed.cli import main

try:
    main(["--help"])
except SystemExit as done:
    help_exit = done.code
print(json.dumps({
    "files": [wikijs_typed.__file__, wikijs_graphql.__file__],
    "generated": generated,
    "help_exit": help_exit,
    "parsed": page.pages.single is None,
}))
"""


def test_installed_packages_work_outside_the_source_tree_without_extras(installed: Path) -> None:
    dependencies = sysconfig.get_paths()["purelib"]
    probe = [sys.executable, "-S", "-c", _PROBE, str(installed), dependencies]
    completed = subprocess.run(
        [*probe, ",".join(EXTRAS_MODULES)],
        cwd=installed.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout.splitlines()[-1])
    assert all(Path(f).is_relative_to(installed) for f in report["files"])
    assert {"client", "async_client", "operations", "get_page"} <= {
        name.rpartition(".")[2] for name in report["generated"]
    }
    assert report["help_exit"] == 0
    assert report["parsed"] is True


def test_python_dash_m_runs_the_console_script_from_the_wheel(wheel: Path, installed: Path) -> None:
    """`python -m wikijs_typed` is `wikijs-typed`: same parser, same exit codes."""
    path = f"{installed}{os.pathsep}{sysconfig.get_paths()['purelib']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIKIJS_")} | {
        "PYTHONPATH": path
    }

    def python_m(*words: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-S", "-m", "wikijs_typed", *words]
        return subprocess.run(
            command, cwd=installed.parent, env=env, capture_output=True, text=True, check=False
        )

    version = python_m("--version")
    expected = f"wikijs-typed {_metadata(wheel)['Version']}"
    assert (version.returncode, version.stdout.strip()) == (0, expected)
    # A code that main() returns rather than raises: no wiki configured is bad usage.
    no_wiki = python_m("pages", "get", "docs/intro")
    assert no_wiki.returncode == 2
    assert "WIKIJS_URL" in no_wiki.stderr
    assert "Traceback" not in no_wiki.stderr
