"""What the CLI tells a user when something goes wrong: one line that names the thing (the
URL, the file, the page) and what to do, a documented exit code, and never a traceback for a
condition the user can cause. Most tests run the installed console script from a temporary
folder, as a user does; the others call `main` in-process where they need to reach inside.
"""

from __future__ import annotations

import errno
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from _cli import SCRIPT, ServedWiki

from wikijs_typed._bulk import export
from wikijs_typed._bulk.report import Report, ReportEntry
from wikijs_typed._bulk.state import STATE_FILE, FolderState

KEY_IGNORED = (
    "the wiki ignored the API key (Wiki.js runs requests with an unknown key as Guest):"
    " check WIKIJS_API_KEY or --api-key (Administration > API Access)"
)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _exported(served: ServedWiki, folder: Path, count: int) -> None:
    for n in range(count):
        served.emu.seed_page(f"docs/page-{n}", f"Page {n}", f"# Page {n}\n")
    assert served.cli("export", folder).code == 0


# -- pages query: tree filters as paths ---------------------------------------------------


def test_tree_filters_take_a_folder_path_and_root_without_a_lookup(
    served: ServedWiki, tmp_path: Path
) -> None:
    # `blog` is a folder: no page of its own.
    for path in ("blog/one", "blog/two", "blog/2024/three", "about"):
        served.emu.seed_page(path, path.title())

    below = served.script("--json", "pages", "query", "--descendant-of", "blog", cwd=tmp_path)
    assert below.code == 0, below.err
    assert sorted(item["title"] for item in json.loads(below.out)["items"]) == [
        "Blog/2024/Three",
        "Blog/One",
        "Blog/Two",
    ]
    # The listing only: no read of its own to turn the path into an id.
    assert below.requests == 1

    top = served.cli("pages", "query", "--child-of", "root", "--fields", "_,title")
    assert top.code == 0, top.err
    assert top.out.splitlines() == ["title", "About", "1 of 1 page"]

    children = served.cli("pages", "query", "--child-of", "blog", "--fields", "_,title")
    assert children.out.splitlines()[-1] == "2 of 2 pages"


# -- bad places on disk -------------------------------------------------------------------


def test_export_into_a_file_is_one_line_before_any_request(
    served: ServedWiki, tmp_path: Path
) -> None:
    served.emu.seed_page("docs/a", "A")
    (tmp_path / "backup").write_text("not a folder")

    run = served.script("export", "backup", cwd=tmp_path)

    assert run.code == 2
    assert run.err == (
        "wikijs-typed export: backup is a file, not a folder;"
        " give a folder (it is made if missing)\n"
    )
    assert run.out == ""
    assert run.requests == 0


def test_import_of_a_missing_folder_is_one_line(served: ServedWiki, tmp_path: Path) -> None:
    run = served.script("import", "nowhere", cwd=tmp_path)
    assert run.code == 2
    assert run.err == (
        "wikijs-typed import: nowhere does not exist; give the folder of page files to import\n"
    )
    assert run.requests == 0


def test_a_file_system_error_during_a_run_is_one_line(
    served: ServedWiki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served.emu.seed_page("docs/a", "A")

    def disk_full(self: FolderState, root: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(root / STATE_FILE))

    monkeypatch.setattr(FolderState, "save", disk_full)
    run = served.cli("export", tmp_path)

    assert run.code == 1
    assert run.err.splitlines()[-1] == (
        f"wikijs-typed export: {tmp_path / STATE_FILE}: no space left on device;"
        " free some disk space"
    )


# -- the files of an import ---------------------------------------------------------------


def test_a_file_that_is_not_utf8_is_skipped_with_the_byte(
    served: ServedWiki, tmp_path: Path
) -> None:
    data = "# Café notes\n".encode("latin-1")
    (tmp_path / "en/notes").mkdir(parents=True)
    (tmp_path / "en/notes/latin1.md").write_bytes(data)

    run = served.script("import", tmp_path, cwd=tmp_path)

    assert run.code == 1
    position = data.index(b"\xe9")
    assert run.err == (
        f"skipped en/notes/latin1.md: not UTF-8 text (byte 0xe9 at position {position})\n"
    )
    assert run.writes == 0


def test_bad_yaml_is_skipped_with_its_line_and_column(served: ServedWiki, tmp_path: Path) -> None:
    (tmp_path / "broken.md").write_text("---\ntitle: fine\ndescription: a: b\n---\n\nbody\n")

    run = served.cli("import", tmp_path)

    assert run.err == "skipped broken.md: front matter is not valid YAML (line 3, column 15)\n"


LEFT_ALONE = "changed on the wiki and in the file; left alone"


def test_counts_say_one_and_several() -> None:
    report = Report()
    report.add(ReportEntry("conflict", "en/a.md", True, LEFT_ALONE))
    report.add(ReportEntry("write", "en/b.md"))
    assert report.summary() == "1 conflict left alone, 1 written, 0 failed"
    report.add(ReportEntry("conflict", "en/c.md", True, LEFT_ALONE))
    assert report.summary() == "2 conflicts left alone, 1 written, 0 failed"
    planned = Report(dry_run=True)
    planned.add(
        ReportEntry("conflict", "en/a.md", True, "changed on the wiki and in the file; left alone")
    )
    assert planned.summary() == "dry run, nothing changed: 1 conflict to leave alone, 0 failed"


# -- the wiki: where, and who -------------------------------------------------------------


def test_an_unreachable_wiki_names_the_url_and_the_cause(
    served: ServedWiki, tmp_path: Path
) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}"

    run = served.script("--url", dead, "pages", "get", "docs/a", cwd=tmp_path)

    assert run.code == 1
    assert run.err == (
        f"wikijs-typed pages get: cannot reach {dead}: connection refused;"
        " is Wiki.js running there? (set WIKIJS_URL or --url)\n"
    )


def test_an_html_page_instead_of_graphql_is_named_not_dumped(
    served: ServedWiki, tmp_path: Path
) -> None:
    # A wiki that is not under /wiki: Wiki.js answers its HTML 404 page.
    wrong = f"{served.url}/wiki"

    run = served.script("--url", wrong, "pages", "query", cwd=tmp_path)

    assert run.code == 1
    assert run.err == (
        f"wikijs-typed pages query: {wrong} answered HTTP 404 with an HTML page, not GraphQL:"
        " is this the Wiki.js address?\n"
    )


def test_an_unknown_api_key_is_named_as_such(served: ServedWiki, tmp_path: Path) -> None:
    served.emu.seed_page("docs/a", "A")
    for command in (("pages", "get", "docs/a"), ("export", "out")):
        run = served.script("--api-key", "not-a-key", *command, cwd=tmp_path)
        assert run.code == 2
        assert run.err == f"wikijs-typed {' '.join(command[:-1])}: {KEY_IGNORED}\n"


def test_a_wrong_password_is_a_refused_login_not_guest(served: ServedWiki, tmp_path: Path) -> None:
    run = served.script(
        "--email", "admin@example.com", "--password", "wrong", "pages", "get", "a", cwd=tmp_path
    )
    assert run.code == 2
    assert run.err.startswith(
        "wikijs-typed pages get: the wiki refused the login for admin@example.com:"
        " wrong e-mail or password"
    )
    assert "Guest" not in run.err


# -- a refused run tells what it would have done ------------------------------------------


def test_a_refused_dry_run_lists_the_plan_then_says_why(served: ServedWiki, tmp_path: Path) -> None:
    folder = tmp_path / "wiki"
    _exported(served, folder, 5)
    for n in range(3):
        (folder / f"en/docs/page-{n}.md").unlink()
    (folder / "en/new.md").write_text("# New\n")

    plan = served.script("sync", "wiki", "--prune", "--dry-run", "--max-delete", "2", cwd=tmp_path)

    assert plan.code == 1
    assert plan.out.count("delete page ") == 3
    assert "create en/new.md" in plan.out
    assert "dry run, nothing changed: 1 to create, 3 to delete, 2 unchanged, 0 failed" in plan.out
    assert plan.err == (
        "wikijs-typed sync: refusing: would delete 3 pages, more than --max-delete 2;"
        " raise --max-delete, or add files for the pages to keep; nothing was changed\n"
    )
    assert plan.writes == 0

    as_json = served.script(
        "sync", "wiki", "--prune", "--dry-run", "--max-delete", "2", "--json", cwd=tmp_path
    )
    document = json.loads(as_json.out)  # exactly one document
    assert as_json.code == 1
    assert document["error"].startswith("refusing: would delete 3 pages")
    assert document["counts"] == {"create": 1, "delete": 3, "unchanged": 2, "failed": 0}

    real = served.script("sync", "wiki", "--prune", "--max-delete", "2", "--json", cwd=tmp_path)
    assert real.code == 1
    assert json.loads(real.out)["error"].endswith("--dry-run lists the whole plan")
    assert real.writes == 0


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        (["--json", "sync"], 2, "the following arguments are required: DIR"),
        (["--json", "pages", "query"], 2, "no wiki given: pass --url or set WIKIJS_URL"),
    ],
)
def test_json_is_one_document_when_a_run_fails_at_configuration(
    tmp_path: Path, args: list[str], code: int, error: str
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIKIJS_")}
    done = subprocess.run(
        [str(SCRIPT), *args], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == code
    assert json.loads(done.stdout) == {"error": error}


# -- the delete prompt --------------------------------------------------------------------


def test_delete_without_a_terminal_refuses_instead_of_waiting(
    served: ServedWiki, tmp_path: Path
) -> None:
    served.emu.seed_page("old/one", "One")
    run = served.script("pages", "delete", "old/one", cwd=tmp_path)
    assert run.code == 2
    assert run.err.endswith(
        "wikijs-typed pages delete: no terminal to confirm the deletion on;"
        " nothing deleted; pass --yes\n"
    )
    assert run.writes == 0


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_answering_no_at_the_prompt_deletes_nothing_and_exits_1(
    served: ServedWiki, tmp_path: Path
) -> None:
    served.emu.seed_page("old/one", "One")
    served.emu.seed_page("old/two", "Two")
    terminal, keyboard = os.openpty()
    try:
        os.write(terminal, b"n\n")
        run = served.script("pages", "delete", "old/one", "old/two", cwd=tmp_path, stdin=keyboard)
    finally:
        os.close(terminal)
        os.close(keyboard)
    assert run.code == 1
    assert "delete 2 pages? [y/N]" in run.out
    assert run.err.endswith("wikijs-typed pages delete: nothing deleted\n")
    assert run.writes == 0


# -- Ctrl-C -------------------------------------------------------------------------------


def test_ctrl_c_during_export_is_one_line_and_exit_130(served: ServedWiki, tmp_path: Path) -> None:
    for n in range(120):
        served.emu.seed_page(f"docs/page-{n}", f"Page {n}")
    # The first page read waits until the test has pressed Ctrl-C.
    reading, release = threading.Event(), threading.Event()
    handle = served.emu.app.handle

    def held(request: Any) -> Any:
        if len(served.emu.requests) >= 2:  # after the identity check and the listing
            reading.set()
            release.wait(60)
        return handle(request)

    served.emu.app.handle = held  # type: ignore[method-assign]
    child = subprocess.Popen(
        [str(SCRIPT), "export", "backup"],
        cwd=tmp_path,
        env=served.environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert reading.wait(60)
        child.send_signal(signal.SIGINT)
    finally:
        release.set()
    out, err = child.communicate(timeout=120)

    assert child.returncode == 130
    assert err == (
        "wikijs-typed export: interrupted; what was done so far is recorded in the folder's"
        " state file: run the same command again to continue\n"
    )
    assert out == "export pages: 120 to do\n"


def test_an_interrupted_export_keeps_what_it_wrote(
    served: ServedWiki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(30):
        served.emu.seed_page(f"docs/page-{n:02d}", f"Page {n}")
    write_text = export.files.write_text
    written: list[str] = []

    def interrupted_after_ten(root: Path, relative: Any, text: str) -> None:
        if len(written) == 10:
            raise KeyboardInterrupt
        write_text(root, relative, text)
        written.append(relative.as_posix())

    monkeypatch.setattr(export.files, "write_text", interrupted_after_ten)
    stopped = served.cli("export", tmp_path)
    monkeypatch.undo()

    assert stopped.code == 130
    state = FolderState.load(tmp_path)
    assert state is not None
    assert sorted(state.pages) == sorted(written)
    # The rerun reads only the 20 pages not written: one batch.
    rerun = served.cli("export", tmp_path)
    assert rerun.code == 0
    assert "10 unchanged, 20 written, 0 failed" in rerun.out
    assert rerun.requests == 3


def test_ctrl_c_at_the_delete_prompt_is_one_line_and_deletes_nothing(
    served: ServedWiki, monkeypatch: pytest.MonkeyPatch
) -> None:
    served.emu.seed_page("old/one", "One")

    class Keyboard(io.StringIO):
        def isatty(self) -> bool:
            return True

        def readline(self, *args: Any) -> str:
            raise KeyboardInterrupt

    monkeypatch.setattr(sys, "stdin", Keyboard())
    run = served.cli("pages", "delete", "old/one")
    assert run.code == 130
    assert run.err.splitlines()[-1] == "wikijs-typed pages delete: interrupted"
    assert served.page_count == 1


def test_an_unreadable_folder_stops_the_import_before_any_delete(
    served: ServedWiki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its files would otherwise look deleted, and --prune delete their pages."""
    _exported(served, tmp_path, 2)
    (tmp_path / "en/private").mkdir()
    (tmp_path / "en/private/notes.md").write_text("# Notes\n")
    scandir = os.scandir

    def refused(path: Any) -> Any:
        if str(path).endswith("private"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refused)
    run = served.cli("import", tmp_path, "--prune")

    assert run.code == 1
    assert run.err == (
        f"wikijs-typed import: {tmp_path.resolve() / 'en/private'}: permission denied;"
        " check its permissions\n"
    )
    assert run.writes == 0
