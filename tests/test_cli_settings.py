"""`wikijs-typed settings export|apply|schema` as a user meets them: a served staging wiki
and a served production wiki, the YAML file between them, what is printed and what is sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from _cli import ServedWiki
from test_settings_code import ENVIRONMENT, MAIL_PASSWORD, READS, S3_KEY

from wikijs_typed import WikiJSClient
from wikijs_typed.cli import main
from wikijs_typed.settings import SettingsDocument
from wikijs_typed.testing import WikiJSEmulator


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENVIRONMENT.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def staging_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Path]:
    """`settings export` of a configured staging wiki (served over HTTP, as a user has it)."""
    emu = WikiJSEmulator()
    with emu.serve() as url, WikiJSClient(url, emu.api_key) as client:
        client.site.update({"title": "Handbook (staging)"})
        client.mail.update({"host": "smtp.example.com", "password": MAIL_PASSWORD})
        client.storage.update("s3", config={"secretAccessKey": S3_KEY})
        client.groups.create({"name": "Editors", "permissions": ["read:pages", "write:pages"]})
        file = tmp_path / "wiki.yaml"
        code = main(["--url", url, "--api-key", emu.api_key, "settings", "export", str(file)])
        out = capsys.readouterr().out
        assert code == 0
        assert out.startswith(f"wrote {file}: site, navigation,")
        yield file


def mutations(served: ServedWiki, before: int) -> list[str | None]:
    sent = served.emu.requests[before:]
    return [name for r in sent for name in r.operation_names if name not in READS]


def test_export_writes_readable_yaml_without_secrets(staging_file: Path) -> None:
    text = staging_file.read_text(encoding="utf-8")
    assert MAIL_PASSWORD not in text
    assert S3_KEY not in text
    data = yaml.safe_load(text)
    assert data["site"]["title"] == "Handbook (staging)"
    assert data["mail"]["password"] == "${WIKIJS_MAIL_PASSWORD}"
    assert SettingsDocument.load(data).dump() == data  # the file is a valid document


def test_a_fresh_wikis_export_applies_back_with_no_environment(
    served: ServedWiki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export then apply, as a first-time user does: a setting picked from a fixed list (git's
    `sshPrivateKeyMode`) is no secret, so the file needs no environment variable."""
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    file = tmp_path / "wiki.yaml"
    assert served.cli("settings", "export", file).code == 0
    assert "sshPrivateKeyMode: path" in file.read_text(encoding="utf-8")
    run = served.cli("settings", "apply", file, "--dry-run")
    assert (run.code, run.out, run.err) == (0, "no changes: the wiki matches the file\n", "")


def test_apply_prints_the_plan_applies_it_and_a_second_apply_changes_nothing(
    served: ServedWiki, staging_file: Path, environment: None, tmp_path: Path
) -> None:
    dry = served.cli("settings", "apply", staging_file, "--dry-run")
    assert dry.code == 0
    assert "~ site\n    title: 'Wiki.js' → 'Handbook (staging)'\n" in dry.out
    assert "    password: (not set) → ${WIKIJS_MAIL_PASSWORD}\n" in dry.out
    assert "+ groups.Editors\n" in dry.out
    assert served.emu.wiki.db.admin.mail["pass"] == ""  # a dry run sends nothing

    before = len(served.emu.requests)
    applied = served.cli("settings", "apply", staging_file)
    assert applied.code == 0, applied.err
    assert "applied groups.Editors\n" in applied.out
    assert applied.out.endswith("applied\n")
    assert mutations(served, before)
    for secret in (MAIL_PASSWORD, S3_KEY, ENVIRONMENT["WIKIJS_MAIL_PASSWORD"]):
        assert secret not in applied.out + applied.err + dry.out

    before = len(served.emu.requests)
    again = served.cli("settings", "apply", staging_file)
    assert (again.code, again.out) == (0, "no changes: the wiki matches the file\n")
    assert mutations(served, before) == []

    exported = tmp_path / "production.yaml"
    assert served.cli("settings", "export", exported).code == 0
    assert exported.read_text(encoding="utf-8") == staging_file.read_text(encoding="utf-8")


def test_a_bad_file_is_refused_with_the_file_the_key_path_and_the_reason(
    served: ServedWiki, tmp_path: Path
) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text("site:\n  titel: Handbook\n  uploadMaxFiles: ten\ngroups:\n  - {}\n")
    before = len(served.emu.requests)
    run = served.cli("settings", "apply", file)
    assert run.code == 2
    prefix = f"wikijs-typed settings apply: {file}: "
    assert run.err.splitlines() == [
        prefix + "site.uploadMaxFiles: Input should be a valid integer",
        prefix + "site.titel: Extra inputs are not permitted",
        prefix + "groups.0.name: Field required",
    ]
    assert served.emu.requests[before:] == []  # refused before connecting


def test_a_missing_environment_reference_is_refused_before_anything_changes(
    served: ServedWiki, staging_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("WIKIJS_MAIL_PASSWORD")
    before = len(served.emu.requests)
    run = served.cli("--json", "settings", "apply", staging_file)
    assert run.code == 2
    assert run.err == (
        f"wikijs-typed settings apply: {staging_file}: mail.password: environment variable"
        " WIKIJS_MAIL_PASSWORD is not set\n"
    )
    assert json.loads(run.out) == {
        "error": "the file was refused; nothing changed",
        "problems": [
            {
                "path": "mail.password",
                "reason": "environment variable WIKIJS_MAIL_PASSWORD is not set",
            }
        ],
    }
    assert mutations(served, before) == []


def test_apply_json_is_one_document(
    served: ServedWiki, staging_file: Path, environment: None
) -> None:
    run = served.cli("--json", "settings", "apply", staging_file)
    assert run.code == 0
    document = json.loads(run.out)
    assert document["ok"] is True
    assert document["not_applied"] == []
    assert [step["target"] for step in document["applied"]] == [
        step["target"] for step in document["plan"]
    ]
    site = next(step for step in document["plan"] if step["target"] == "site")
    assert site["changes"] == [{"setting": "title", "old": "Wiki.js", "new": "Handbook (staging)"}]


def test_a_failure_in_the_middle_says_what_was_applied_and_exits_1(
    served: ServedWiki, staging_file: Path, environment: None
) -> None:
    served.emu.faults.next(1, "html", operation="CreateGroup")
    run = served.cli("settings", "apply", staging_file)
    assert run.code == 1
    (line,) = run.err.splitlines()
    assert line.startswith("wikijs-typed settings apply: groups.Editors failed: ")
    assert "steps applied, not applied: groups.Editors" in line
    assert "applied site\n" in run.out


def test_schema_writes_the_shipped_json_schema(served: ServedWiki, tmp_path: Path) -> None:
    file = tmp_path / "settings.schema.json"
    run = served.cli("settings", "schema", file)
    assert run.code == 0
    assert json.loads(file.read_text(encoding="utf-8")) == SettingsDocument.json_schema()


def test_export_again_keeps_the_editors_schema_line(served: ServedWiki, tmp_path: Path) -> None:
    file = tmp_path / "wiki.yaml"
    modeline = "# yaml-language-server: $schema=./settings.schema.json\n"
    file.write_text(modeline + "site: {}\n", encoding="utf-8")
    assert served.cli("settings", "export", file).code == 0
    text = file.read_text(encoding="utf-8")
    assert text.startswith(modeline + "# The settings of a Wiki.js wiki")
    assert "site: {}" not in text


def test_the_console_script_refuses_a_bad_file_in_one_line_each(
    served: ServedWiki, tmp_path: Path
) -> None:
    file = tmp_path / "wiki.yaml"
    file.write_text("theming:\n  darkMode: 'yes'\nsearch:\n  engine: db\n  extra: 1\n")
    run = served.script("settings", "apply", file.name, "--dry-run", cwd=tmp_path)
    assert run.code == 2
    assert run.err.splitlines() == [
        "wikijs-typed settings apply: wiki.yaml: theming.darkMode: Input should be a valid boolean",
        "wikijs-typed settings apply: wiki.yaml: search.extra: Extra inputs are not permitted",
    ]
    assert run.out == ""


def test_a_file_that_is_not_yaml_is_refused_in_one_line(served: ServedWiki, tmp_path: Path) -> None:
    file = tmp_path / "wiki.yaml"
    file.write_text("site:\n  title: [Handbook\n")
    run = served.cli("settings", "apply", file)
    assert run.code == 2
    assert run.err == (
        f"wikijs-typed settings apply: {file}: not valid YAML:"
        " expected ',' or ']', but got '<stream end>' (line 3, column 1)\n"
    )


def test_prune_removes_the_groups_the_file_does_not_name(
    served: ServedWiki, staging_file: Path, environment: None
) -> None:
    with WikiJSClient(served.url, served.emu.api_key) as client:
        client.groups.create({"name": "Contractors"})

    kept = served.cli("settings", "apply", staging_file)
    assert kept.code == 0
    assert "Contractors" not in kept.out

    pruned = served.cli("settings", "apply", staging_file, "--prune")
    assert pruned.code == 0
    assert "- groups.Contractors\n    group: 'Contractors' → (not set)\n" in pruned.out
    names = {group.name for group in served.emu.wiki.db.groups}
    assert names == {"Administrators", "Guests", "Editors"}


def test_a_missing_file_is_bad_usage(served: ServedWiki, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    run = served.cli("settings", "apply", missing)
    assert (run.code, run.requests) == (2, 0)
    assert run.err == f"wikijs-typed settings apply: {missing}: no such file or directory\n"
