"""The console script itself: help, version, errors without tracebacks, single-page commands."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pytest
from _cli import ServedWiki

import wikijs_typed
from wikijs_typed._bulk.report import ReportEntry
from wikijs_typed.cli import build_parser, main
from wikijs_typed.cli._output import Output


def _parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found.extend(_parsers(child))
    return found


def test_every_option_of_every_command_has_help() -> None:
    missing = [
        f"{parser.prog} {action.dest}"
        for parser in _parsers(build_parser())
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction) and not action.help
    ]
    assert missing == []


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"wikijs-typed {wikijs_typed.__version__}"


def test_schema_diff_against_a_schema_graphql_core_rejects_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = {
        "data": {
            "__schema": {
                "queryType": {"name": "Query"},
                "types": [
                    {
                        "kind": "OBJECT",
                        "name": "Query",
                        "fields": [
                            {
                                "name": "a",
                                "args": [],
                                "type": {"kind": "OBJECT", "name": "Missing", "ofType": None},
                            }
                        ],
                        "interfaces": [],
                    }
                ],
                "directives": [],
            }
        }
    }
    answer = tmp_path / "broken.json"
    answer.write_text(json.dumps(broken))
    code = main(["schema", "diff", "--introspection", str(answer)])
    err = capsys.readouterr().err
    assert code == 1
    assert "not a valid schema" in err
    assert "unknown type: Missing" in err
    assert "Traceback" not in err


def test_schema_diff_with_an_unreadable_pinned_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], shared_wikijs: Path
) -> None:
    pinned = tmp_path / "pinned.graphql"
    pinned.write_text("type Query { a: Nope }\n")
    introspection = shared_wikijs / "introspection-2.5.314.json"
    code = main(["schema", "diff", "--introspection", str(introspection), "--schema", str(pinned)])
    err = capsys.readouterr().err
    assert code == 1
    assert "pinned.graphql is not a valid GraphQL schema" in err


def test_generate_without_a_configuration_names_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["generate"]) == 2
    err = capsys.readouterr().err
    assert "--config" in err
    assert "Errno" not in err


def test_bulk_commands_say_which_extra_they_need(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [m for m in sys.modules if m.startswith("wikijs_typed._bulk.")]:
        if name not in ("wikijs_typed._bulk.report", "wikijs_typed._bulk.paths"):
            monkeypatch.delitem(sys.modules, name)
    for name in [m for m in sys.modules if m.split(".")[0] == "frontmatter"]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "frontmatter", None)
    code = main(["--url", "http://wiki.example", "--api-key", "k", "export", str(tmp_path)])
    assert code == 2
    assert "needs the 'cli' extra: pip install 'wikijs-typed[cli]'" in capsys.readouterr().err


def test_a_wrong_api_key_is_a_configuration_error_and_never_printed(
    served: ServedWiki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    served.emu.seed_page("a", "A")
    code = main(["--url", served.url, "--api-key", "not-a-key-xyz", "export", str(tmp_path)])
    captured = capsys.readouterr()
    assert code == 2
    assert "not-a-key-xyz" not in captured.err + captured.out
    assert not (tmp_path / "en").exists()


def test_pages_get_prints_the_export_file_or_json(served: ServedWiki) -> None:
    served.emu.seed_page("docs/install", "Install", "# Install\n", tags=["guide"])

    text = served.cli("pages", "get", "docs/install")
    assert text.code == 0
    assert text.out.startswith("---\ntitle: Install\n")
    assert text.out.rstrip().endswith("# Install")

    as_json = served.cli("--json", "pages", "get", "en/docs/install")
    assert json.loads(as_json.out)["tags"] == ["guide"]

    missing = served.cli("pages", "get", "docs/none")
    assert missing.code == 1
    assert missing.err == "wikijs-typed pages get: not found: en/docs/none (no page at that path)\n"


def test_pages_delete_asks_first_unless_yes(
    served: ServedWiki, monkeypatch: pytest.MonkeyPatch
) -> None:
    served.emu.seed_page("old/one", "One")
    served.emu.seed_page("old/two", "Two")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    refused = served.cli("pages", "delete", "old/one")
    assert refused.code == 2
    assert "--yes" in refused.err
    assert refused.writes == 0

    done = served.cli("pages", "delete", "old/one", "en/old/two", "old/none", "--yes")
    assert done.code == 1
    assert done.writes == 2
    assert "could not delete en/old/none: no such page" in done.err
    assert "2 deleted, 1 failed" in done.out
    assert served.page_count == 0


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal_and_plain_lines_otherwise() -> None:
    terminal, lines = _Terminal(), io.StringIO()
    with Output(out=lines, err=terminal) as output:
        output.begin("export pages", 2)
        output.item(ReportEntry("write", "en/a.md"))
        output.advance(2)
    assert "en/a.md" in terminal.getvalue()
    assert "export pages" in terminal.getvalue()  # the bar's label
    assert lines.getvalue() == ""

    plain_out, plain_err = io.StringIO(), io.StringIO()
    with Output(out=plain_out, err=plain_err) as output:
        output.begin("export pages", 2)
        output.item(ReportEntry("write", "en/a.md"))
        output.item(ReportEntry("unchanged", "en/b.md"))
        output.item(ReportEntry("write", "en/c.md", ok=False, detail="disk full"))
    assert plain_out.getvalue() == "export pages: 2 to do\nwrite en/a.md\n"
    assert plain_err.getvalue() == "could not write en/c.md: disk full\n"

    quiet_out, as_json_out = io.StringIO(), io.StringIO()
    with Output(quiet=True, out=quiet_out, err=terminal) as output:
        output.begin("export pages", 2)
        output.item(ReportEntry("write", "en/a.md"))
    with Output(as_json=True, out=as_json_out, err=terminal) as output:
        output.item(ReportEntry("write", "en/a.md", ok=False))
    assert quiet_out.getvalue() == ""
    assert as_json_out.getvalue() == ""


def _seed_docs(served: ServedWiki) -> None:
    served.emu.seed_page("docs", "Docs", "# Docs\n")
    for n in range(5):
        tags = ["guide"] if n % 2 else ["note"]
        served.emu.seed_page(f"docs/install-{n}", f"Install guide {n}", "# x\n", tags=tags)
    served.emu.seed_page("elsewhere/install", "Install elsewhere", "# x\n", tags=["guide"])


def test_pages_query_prints_a_table_with_wagtail_options(served: ServedWiki) -> None:
    _seed_docs(served)
    run = served.cli(
        "pages",
        "query",
        "--order",
        "-title",
        "--fields",
        "_,title,tags",
        "--descendant-of",
        "docs",
        "--filter",
        "tags=guide",
        "--limit",
        "10",
    )
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        "title            tags",
        "Install guide 3  guide",
        "Install guide 1  guide",
        "2 of 2 pages",
    ]


def test_pages_query_json_is_the_wagtail_listing(served: ServedWiki) -> None:
    _seed_docs(served)
    run = served.cli(
        "--json",
        "pages",
        "query",
        "--search",
        "install guide",
        "--search-operator",
        "and",
        "--order",
        "title",
        "--limit",
        "2",
        "--offset",
        "1",
        "--fields",
        "title",
    )
    assert run.code == 0, run.err
    listing = json.loads(run.out)
    assert listing["meta"] == {"total_count": 5}
    assert [item["title"] for item in listing["items"]] == ["Install guide 1", "Install guide 2"]
    assert listing["items"][0]["meta"]["type"] == "wikijs.Page"


def test_pages_query_refuses_bad_parameters_as_usage_errors(served: ServedWiki) -> None:
    _seed_docs(served)
    bad_order = served.cli("pages", "query", "--order", "bogus")
    assert bad_order.code == 2
    assert "cannot order by 'bogus'" in bad_order.err
    bad_filter = served.cli("pages", "query", "--filter", "tags")
    assert bad_filter.code == 2
    assert "FIELD=VALUE" in bad_filter.err
    assert bad_filter.requests == 0


def test_email_and_password_log_in_and_sync_is_import(
    served: ServedWiki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "note.md").write_text("# A note\n")
    login = ["--url", served.url, "--email", "admin@example.com", "--password", "admin-password"]

    assert main([*login, "sync", str(tmp_path), "--dry-run"]) == 0
    planned = capsys.readouterr()
    assert "create note.md" in planned.out
    assert served.page("note") is None

    assert main([*login, "sync", str(tmp_path)]) == 0
    done = capsys.readouterr()
    assert "1 created" in done.out
    assert "admin-password" not in done.out + done.err + planned.out + planned.err
    assert served.page("note") is not None
