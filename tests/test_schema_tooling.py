"""`wikijs-typed schema pull` and `schema diff`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT
from wikijs_typed.cli import main

INTROSPECTION = "introspection-2.5.314.json"


def test_pinned_schema_is_exactly_what_pull_makes(shared_wikijs: Path, tmp_path: Path) -> None:
    out = tmp_path / "schema.graphql"
    assert (
        main(
            [
                "schema",
                "pull",
                "--introspection",
                str(shared_wikijs / INTROSPECTION),
                "--output",
                str(out),
            ]
        )
        == 0
    )
    assert out.read_bytes() == (ROOT / "schema" / "wikijs.graphql").read_bytes()


def test_pull_is_deterministic_and_records_the_version(shared_wikijs: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.graphql", tmp_path / "b.graphql"
    for out in (first, second):
        main(
            [
                "schema",
                "pull",
                "--introspection",
                str(shared_wikijs / INTROSPECTION),
                "--output",
                str(out),
            ]
        )
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text()
    assert "# wikijs-version: 2.5.314" in text
    assert '"""' not in text, "descriptions must be left out"


def _drop_field(introspection: dict, type_name: str, field_name: str) -> dict:
    for type_ in introspection["data"]["__schema"]["types"]:
        if type_["name"] == type_name:
            type_["fields"] = [f for f in type_["fields"] if f["name"] != field_name]
    return introspection


def test_diff_fails_when_a_used_field_disappears(
    shared_wikijs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = json.loads((shared_wikijs / INTROSPECTION).read_text())
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(_drop_field(answer, "Page", "render")))
    code = main(
        [
            "schema",
            "diff",
            "--introspection",
            str(changed),
            "--schema",
            str(ROOT / "schema" / "wikijs.graphql"),
            "--config",
            str(ROOT / "codegen.toml"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "FIELD_REMOVED: Page.render was removed." in out
    assert "Cannot query field 'render' on type 'Page'" in out


def test_diff_passes_when_an_unused_field_disappears(
    shared_wikijs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = json.loads((shared_wikijs / INTROSPECTION).read_text())
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(_drop_field(answer, "Page", "toc")))
    code = main(
        [
            "schema",
            "diff",
            "--introspection",
            str(changed),
            "--schema",
            str(ROOT / "schema" / "wikijs.graphql"),
            "--config",
            str(ROOT / "codegen.toml"),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "1 breaking change(s)" in out
    assert "Page.toc was removed" in out


def test_pull_and_diff_from_a_live_server_over_http(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wikijs_typed.testing import WikiJSEmulator

    emulator = WikiJSEmulator()
    out = tmp_path / "live.graphql"
    with emulator.serve(port=0) as url:
        assert (
            main(
                [
                    "schema",
                    "pull",
                    "--url",
                    url,
                    "--api-key",
                    emulator.api_key,
                    "--output",
                    str(out),
                ]
            )
            == 0
        )
        assert (
            main(
                [
                    "schema",
                    "diff",
                    "--url",
                    url,
                    "--schema",
                    str(ROOT / "schema" / "wikijs.graphql"),
                    "--config",
                    str(ROOT / "codegen.toml"),
                ]
            )
            == 0
        )
    # The emulator executes the pinned schema and reports the version it emulates.
    assert out.read_bytes() == (ROOT / "schema" / "wikijs.graphql").read_bytes()
    assert "0 breaking change(s)" in capsys.readouterr().out


def test_pull_without_an_admin_key_records_an_unknown_version(tmp_path: Path) -> None:
    from wikijs_typed.testing import WikiJSEmulator

    out = tmp_path / "guest.graphql"
    with WikiJSEmulator().serve(port=0) as url:
        assert main(["schema", "pull", "--url", url, "--output", str(out)]) == 0
    assert "# wikijs-version: unknown" in out.read_text()
