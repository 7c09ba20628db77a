"""`wikijs-typed generate [--check]`: run ariadne-codegen with the project's settings.

Operations are checked file by file first, so that a misspelled field is reported with its
file and position. `--check` generates into a scratch directory and compares it with the
committed package: CI fails when `generated/` is not exactly what the generator makes.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import filecmp
import io
import os
import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ariadne_codegen.main import client as run_ariadne_codegen
from graphql import GraphQLSchema, build_schema

from wikijs_typed.codegen._operations import operation_errors
from wikijs_typed.codegen.plugin import apply_string_fields

DEFAULTS = Path(__file__).with_name("defaults.toml")
# Settings in defaults.toml that name files next to it.
_DEFAULT_PATHS = ("base_client_file_path",)


class GenerationError(Exception):
    """The operations, the schema or the configuration stop generation."""


class ProjectConfigError(GenerationError):
    """The project is not set up for generation.

    Its codegen.toml is missing or unreadable, or names a schema or a queries folder that is not
    there. The message says what to do.
    """


# What each path setting is, and how a user gets it, for the message when it is missing.
_PATH_SETTINGS = {
    "schema_path": (
        "schema/wikijs.graphql",
        "pinned schema",
        "run `wikijs-typed schema pull --url URL` to pin your Wiki.js's schema there",
    ),
    "queries_path": (
        "queries",
        "folder of your operations",
        "create it and write your .graphql operations in it",
    ),
}


def _layered(project: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """`project` over `defaults`, table by table; a table keeps the project's keys first.

    Key order matters for the pattern tables (first match wins): a project's own patterns
    are tried before the defaults'.
    """
    merged: dict[str, Any] = {}
    for key, value in project.items():
        default = defaults.get(key)
        if isinstance(value, dict) and isinstance(default, dict):
            merged[key] = _layered(value, default)
        else:
            merged[key] = value
    for key, default in defaults.items():
        merged.setdefault(key, default)
    return merged


def _defaults() -> dict[str, Any]:
    defaults = tomllib.loads(DEFAULTS.read_text(encoding="utf-8"))
    codegen = defaults["tool"]["ariadne-codegen"]
    for key in _DEFAULT_PATHS:
        codegen[key] = str(DEFAULTS.parent / codegen[key])
    return defaults


@dataclass(frozen=True)
class Project:
    root: Path
    config: dict[str, Any]
    config_path: Path = Path("codegen.toml")

    @classmethod
    def load(cls, config_path: Path) -> Project:
        """The project configured by `config_path`.

        Raises:
            ProjectConfigError: when that file is missing, is not TOML or lacks a path setting.
        """
        if not config_path.is_file():
            raise ProjectConfigError(
                f"no configuration at {config_path}: run this in the project's folder, or"
                " name its codegen.toml with --config PATH"
            )
        try:
            config = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ProjectConfigError(f"{config_path} is not valid TOML: {exc}") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ProjectConfigError(f"cannot read {config_path}: {exc}") from exc
        project = cls(config_path.resolve().parent, _layered(config, _defaults()), config_path)
        for setting in _PATH_SETTINGS:
            project.setting_path(setting, must_exist=False)
        return project

    def setting_path(self, setting: str, *, must_exist: bool = True) -> Path:
        """The file or folder a path setting names, relative to the project's folder."""
        example, meaning, remedy = _PATH_SETTINGS[setting]
        value = self.codegen.get(setting)
        if not isinstance(value, str) or not value:
            raise ProjectConfigError(
                f"{self.config_path}: [tool.ariadne-codegen] has no {setting} (the {meaning}):"
                f' add {setting} = "{example}"'
            )
        path = self.root / value
        if must_exist and not path.exists():
            raise ProjectConfigError(
                f"no {meaning} at {path} ({setting} in {self.config_path}): {remedy}"
            )
        return path

    @property
    def codegen(self) -> dict[str, Any]:
        section = self.config.get("tool", {}).get("ariadne-codegen")
        if not isinstance(section, dict):
            raise ProjectConfigError(
                f"{self.config_path} has no [tool.ariadne-codegen] section: add one with"
                ' schema_path = "schema/wikijs.graphql" and queries_path = "queries"'
            )
        return section

    @property
    def package_name(self) -> str:
        return str(self.codegen.get("target_package_name", "graphql_client"))

    @property
    def package_dir(self) -> Path:
        return self.root / str(self.codegen.get("target_package_path", ".")) / self.package_name

    def operation_problems(self, schema: GraphQLSchema) -> list[str]:
        """What stops the project's operations from working against `schema` (as corrected)."""
        own = self.config.get("tool", {}).get("wikijs-typed", {})
        apply_string_fields(schema, list(own.get("string-fields", [])))
        queries = self.setting_path("queries_path")
        return operation_errors(schema, queries, root=self.root)

    def check_operations(self) -> None:
        schema_path = self.setting_path("schema_path")
        problems = self.operation_problems(build_schema(schema_path.read_text(encoding="utf-8")))
        if problems:
            raise GenerationError("\n".join(problems))

    def generate_into(self, target_path: Path) -> Path:
        """Run ariadne-codegen, writing the package under `target_path`; returns the package."""
        config = copy.deepcopy(self.config)
        config["tool"]["ariadne-codegen"]["target_package_path"] = str(target_path)
        package = target_path / self.package_name
        if package.exists():
            shutil.rmtree(package)
        with _working_directory(self.root), contextlib.redirect_stdout(io.StringIO()):
            run_ariadne_codegen(config)  # type: ignore[no-untyped-call]  # untyped upstream
        for cache in package.rglob("__pycache__"):
            shutil.rmtree(cache)
        return package


@contextlib.contextmanager
def _working_directory(path: Path) -> Iterator[None]:
    # ariadne-codegen resolves the configuration's relative paths against the working directory.
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def generate(project: Project) -> Path:
    project.check_operations()
    return project.generate_into(project.package_dir.parent)


def drift(project: Project) -> list[str]:
    """Unified diffs between the committed package and a fresh generation; empty when equal."""
    project.check_operations()
    with tempfile.TemporaryDirectory() as scratch:
        fresh = project.generate_into(Path(scratch))
        return _compare(project.package_dir, fresh)


def _files(root: Path) -> set[str]:
    if not root.is_dir():
        return set()
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def _compare(committed: Path, fresh: Path) -> list[str]:
    differences: list[str] = []
    for name in sorted(_files(committed) | _files(fresh)):
        old, new = committed / name, fresh / name
        if old.is_file() and new.is_file() and filecmp.cmp(old, new, shallow=False):
            continue
        old_lines = old.read_text(encoding="utf-8").splitlines(True) if old.is_file() else []
        new_lines = new.read_text(encoding="utf-8").splitlines(True) if new.is_file() else []
        differences.append(
            "".join(
                difflib.unified_diff(old_lines, new_lines, f"committed/{name}", f"generated/{name}")
            )
        )
    return differences
