"""`wikijs-typed generate` and `schema pull|diff` in a project that is not set up (yet).

The console script runs in a fresh folder, as a user following the README would; every
problem is one line naming the file and what to do, with exit code 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_console_emulator_api import one_line_error, run

ROOT = Path(__file__).resolve().parent.parent
README_CONFIG = """\
[tool.ariadne-codegen]
schema_path = "schema/wikijs.graphql"
queries_path = "queries"
target_package_name = "team_wiki"
"""


def _project(folder: Path, config: str | None, *, schema: bool, queries: bool) -> None:
    if config is not None:
        (folder / "codegen.toml").write_text(config)
    if schema:
        (folder / "schema").mkdir()
        (folder / "schema" / "wikijs.graphql").write_text(
            (ROOT / "schema" / "wikijs.graphql").read_text()
        )
    if queries:
        (folder / "queries").mkdir()


@pytest.mark.parametrize(
    ("config", "schema", "queries", "expected"),
    [
        (None, False, False, "no configuration at codegen.toml: run this in the project's folder"),
        ("[tool.ariadne-codegen\n", False, False, "codegen.toml is not valid TOML: "),
        (
            README_CONFIG.replace('schema_path = "schema/wikijs.graphql"\n', ""),
            True,
            True,
            "codegen.toml: [tool.ariadne-codegen] has no schema_path (the pinned schema):"
            ' add schema_path = "schema/wikijs.graphql"',
        ),
        (
            README_CONFIG,
            False,
            True,
            "no pinned schema at {folder}/schema/wikijs.graphql (schema_path in codegen.toml):"
            " run `wikijs-typed schema pull --url URL`",
        ),
        (
            README_CONFIG,
            True,
            False,
            "no folder of your operations at {folder}/queries (queries_path in codegen.toml):"
            " create it",
        ),
    ],
    ids=["no-config", "not-toml", "no-schema-path", "no-schema-file", "no-queries-folder"],
)
def test_generate_in_a_project_not_set_up(
    tmp_path: Path, config: str | None, schema: bool, queries: bool, expected: str
) -> None:
    _project(tmp_path, config, schema=schema, queries=queries)
    done = run(tmp_path, "generate")
    assert done.returncode == 2
    line = one_line_error(done)
    assert line.startswith("wikijs-typed generate: " + expected.format(folder=tmp_path)), line


def test_schema_pull_from_a_missing_introspection_file(tmp_path: Path) -> None:
    done = run(tmp_path, "schema", "pull", "--introspection", "missing.json")
    assert done.returncode == 2
    assert one_line_error(done).startswith(
        "wikijs-typed schema pull: no introspection answer at missing.json:"
    )


def test_schema_diff_without_a_pinned_schema(tmp_path: Path) -> None:
    introspection = ROOT.parent / "shared" / "wikijs" / "introspection-2.5.314.json"
    done = run(tmp_path, "schema", "diff", "--introspection", str(introspection))
    assert done.returncode == 2
    assert one_line_error(done) == (
        "wikijs-typed schema diff: no pinned schema at schema/wikijs.graphql: pin one with"
        " `wikijs-typed schema pull`, or name it with --schema PATH"
    )
