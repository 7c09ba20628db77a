"""`wikijs-typed generate`: drift check and operation errors that name file and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from wikijs_typed.codegen._generate import GenerationError, Project, drift


def test_generated_package_has_not_drifted() -> None:
    assert drift(Project.load(ROOT / "codegen.toml")) == []


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    for name in ("codegen.toml", "schema", "queries"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "generated").mkdir()
    return tmp_path


def test_misspelled_field_names_file_and_field(project_copy: Path) -> None:
    pages = project_copy / "queries" / "pages.graphql"
    pages.write_text(pages.read_text().replace("suggestions", "sugestions", 1))
    with pytest.raises(GenerationError) as failure:
        drift(Project.load(project_copy / "codegen.toml"))
    message = str(failure.value)
    line = 1 + pages.read_text().split("sugestions")[0].count("\n")
    assert message.startswith(f"queries/pages.graphql:{line}:")
    assert "Cannot query field 'sugestions' on type 'PageSearchResponse'" in message


def test_misspelled_argument_names_file_and_argument(project_copy: Path) -> None:
    pages = project_copy / "queries" / "pages.graphql"
    pages.write_text(pages.read_text().replace("single(id: $id)", "single(idd: $id)", 1))
    with pytest.raises(GenerationError) as failure:
        drift(Project.load(project_copy / "codegen.toml"))
    message = str(failure.value)
    assert message.startswith("queries/pages.graphql:")
    assert "Unknown argument 'idd' on field 'PageQuery.single'" in message


def test_drift_is_reported_as_a_diff(project_copy: Path) -> None:
    project = Project.load(project_copy / "codegen.toml")
    # The committed package is what the generator makes (test_generated_package_has_not_drifted),
    # so one edit to a copy of it is the only difference there can be; generating once keeps
    # this test at the cost of one generation.
    shutil.copytree(ROOT / "generated" / "wikijs_graphql", project.package_dir)
    client = project.package_dir / "client.py"
    client.write_text(client.read_text().replace("def get_page(", "def fetch_page("))
    differences = drift(project)
    assert len(differences) == 1
    assert "-    def fetch_page(" in differences[0]
    assert "+    def get_page(" in differences[0]
