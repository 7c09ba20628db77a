"""The bulk CLI end to end: export, edit, dry-run, import, conflicts, prune, resume.

Every test runs the console script's `main` against the emulator served over HTTP on
loopback, and counts the requests the emulator received.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from _cli import ServedWiki

from wikijs_typed._bulk.state import STATE_FILE
from wikijs_typed.client import WikiJSClient
from wikijs_typed.models import PageUpdate
from wikijs_typed.testing._faults import FaultKind


def _seed(served: ServedWiki, count: int) -> list[int]:
    return [
        served.emu.seed_page(
            f"docs/page-{n:03d}", f"Page {n}", f"# Page {n}\n\nBody {n}.\n", tags=["guide"]
        )
        for n in range(count)
    ]


def _exported(served: ServedWiki, folder: Path, count: int) -> list[int]:
    """`count` pages, exported to `folder`; the clock then moves on, so that a change made
    now gets a later update time."""
    ids = _seed(served, count)
    assert served.cli("export", folder).code == 0
    served.emu.advance(2)
    return ids


def _client(served: ServedWiki) -> WikiJSClient:
    return WikiJSClient(served.emu.base_url, served.emu.api_key, transport=served.emu.transport())


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_export_writes_wikijs_layout_in_few_requests(served: ServedWiki, tmp_path: Path) -> None:
    _seed(served, 120)
    html = served.emu.seed_page("web/page", "Web", "<p>hello</p>", editor="code")
    served.emu.wiki.db.locales = ("en", "fr")  # as after installing French in the admin area
    served.emu.seed_page("intro", "Bonjour", "# Bonjour\n", locale="fr")

    run = served.cli("export", tmp_path)

    assert run.code == 0, run.err
    # Who am I, one listing, then the 122 pages in batches of 50.
    assert run.requests == 2 + math.ceil(122 / 50)
    assert "122 written, 0 failed" in run.out
    text = (tmp_path / "en/docs/page-007.md").read_text(encoding="utf-8")
    head, _, body = text.partition("\n---\n\n")
    assert body == "# Page 7\n\nBody 7.\n"
    keys = [line.split(":")[0] for line in head.splitlines()[1:] if not line.startswith(" ")]
    # Wiki.js's own keys, in its order, then ours.
    expected = ["title", "description", "published", "date", "tags", "editor", "dateCreated"]
    assert keys == [*expected, "wikijs-typed"]
    assert "tags: guide\n" in head
    assert (tmp_path / "en/web/page.html").read_text().startswith("<!--\ntitle: Web\n")
    assert f"id: {html}" in (tmp_path / "en/web/page.html").read_text()
    assert (tmp_path / "fr/intro.md").is_file()
    assert json.loads((tmp_path / STATE_FILE).read_text())["url"] == served.url


def test_reexport_reads_only_changed_pages_and_removes_deleted(
    served: ServedWiki, tmp_path: Path
) -> None:
    ids = _exported(served, tmp_path, 60)
    with _client(served) as client:
        for page_id in ids[:10]:
            client.pages.update(page_id, PageUpdate(content=f"changed {page_id}"))
        client.pages.update(ids[10], PageUpdate(path="moved/elsewhere"))
        client.pages.delete(ids[11])

    run = served.cli("export", tmp_path)

    assert run.code == 0, run.err
    assert run.requests <= 3
    assert "11 written" in run.out
    assert "1 removed" in run.out
    assert "48 unchanged" in run.out
    assert (tmp_path / "en/docs/page-000.md").read_text().endswith(f"changed {ids[0]}")
    assert (tmp_path / "en/moved/elsewhere.md").is_file()
    assert not (tmp_path / "en/docs/page-010.md").exists()
    assert not (tmp_path / "en/docs/page-011.md").exists()
    # Nothing changed since: one check, one listing, no page read.
    assert served.cli("export", tmp_path).requests == 2


def test_export_refuses_a_folder_of_another_wiki(served: ServedWiki, tmp_path: Path) -> None:
    _seed(served, 2)
    state = {"version": 1, "url": "https://other.example.com", "pages": {}, "assets": {}}
    (tmp_path / STATE_FILE).write_text(json.dumps(state))

    refused = served.cli("export", tmp_path)
    assert refused.code == 2
    assert "https://other.example.com" in refused.err
    assert "--other-wiki" in refused.err
    assert refused.requests == 0

    assert served.cli("export", tmp_path, "--other-wiki").code == 0
    assert (tmp_path / "en/docs/page-001.md").is_file()


def test_edit_dry_run_then_import_then_nothing_left_to_do(
    served: ServedWiki, tmp_path: Path
) -> None:
    _seed(served, 5)
    assert served.cli("export", tmp_path).code == 0
    _edit(tmp_path / "en/docs/page-001.md", "Body 1.", "Body 1, edited here.")
    _edit(tmp_path / "en/docs/page-002.md", "tags: guide", "tags: guide, extra")
    (tmp_path / "en/docs/new.md").write_text("# A new page\n\nWritten here.\n")
    (tmp_path / "en/docs/page-003.md").rename(tmp_path / "en/docs/renamed.md")

    plan = served.cli("import", tmp_path, "--dry-run")
    assert plan.code == 0, plan.err
    assert plan.writes == 0
    assert "update en/docs/page-001.md" in plan.out
    assert "create en/docs/new.md" in plan.out
    assert "move en/docs/renamed.md: from en/docs/page-003" in plan.out
    assert plan.out.strip().endswith(
        "dry run, nothing changed: 1 to create, 1 to move, 2 unchanged, 2 to update, 0 failed"
    )
    assert served.page("docs/page-001")["content"] == "# Page 1\n\nBody 1.\n"  # type: ignore[index]

    done = served.cli("--json", "import", tmp_path)
    assert done.code == 0, done.err
    result = json.loads(done.out)
    assert result["counts"] == {
        "create": 1,
        "move": 1,
        "unchanged": 2,
        "update": 2,
        "failed": 0,
    }
    assert done.writes == 4
    assert served.page("docs/page-001")["content"] == "# Page 1\n\nBody 1, edited here.\n"  # type: ignore[index]
    assert served.page("docs/new")["title"] == "A new page"  # type: ignore[index]
    assert served.page("docs/renamed") is not None
    assert served.page("docs/page-003") is None

    again = served.cli("import", tmp_path)
    assert again.code == 0
    assert again.writes == 0
    assert again.requests <= 3
    assert "6 unchanged" in again.out


def test_conflicts_are_skipped_and_reported_unless_told(served: ServedWiki, tmp_path: Path) -> None:
    ids = _exported(served, tmp_path, 3)
    with _client(served) as client:
        client.pages.update(ids[0], PageUpdate(content="changed on the wiki"))
    _edit(tmp_path / "en/docs/page-000.md", "Body 0.", "changed here")
    _edit(tmp_path / "en/docs/page-001.md", "Body 1.", "changed here too")

    skipped = served.cli("import", tmp_path)
    assert skipped.code == 0
    assert (
        "conflict: en/docs/page-000.md changed on the wiki and in the file; left alone\n"
        in skipped.out
    )
    assert "1 conflict left alone, 1 unchanged, 1 updated, 0 failed" in skipped.out
    assert "update en/docs/page-001.md" in skipped.out
    assert served.page("docs/page-000")["content"] == "changed on the wiki"  # type: ignore[index]

    failed = served.cli("import", tmp_path, "--on-conflict", "fail")
    assert failed.code == 1
    assert failed.writes == 0
    assert "nothing was changed" in failed.err
    assert (
        "conflict: en/docs/page-000.md changed on the wiki and in the file;"
        " nothing written (--on-conflict fail)\n" in failed.err
    )
    assert "refusing: 1 page changed on the wiki and in the files" in failed.err

    overwritten = served.cli("import", tmp_path, "--on-conflict", "overwrite")
    assert overwritten.code == 0
    assert overwritten.writes == 1
    assert (
        "update en/docs/page-000.md: changed on the wiki and in the file;"
        " the file's version replaces the wiki's (--on-conflict overwrite)" in overwritten.out
    )
    assert "changed here" in served.page("docs/page-000")["content"]  # type: ignore[operator, index]


def test_prune_deletes_pages_without_files_behind_a_guard(
    served: ServedWiki, tmp_path: Path
) -> None:
    _seed(served, 6)
    assert served.cli("export", tmp_path).code == 0
    for n in range(3):
        (tmp_path / f"en/docs/page-00{n}.md").unlink()

    guarded = served.cli("import", tmp_path, "--prune", "--max-delete", "2")
    assert guarded.code == 1
    assert "would delete 3 pages, more than --max-delete 2" in guarded.err
    assert guarded.writes == 0
    assert served.page_count == 6

    plan = served.cli("import", tmp_path, "--prune", "--max-delete", "3", "--dry-run")
    assert plan.out.count("delete page ") == 3
    assert plan.writes == 0

    pruned = served.cli("import", tmp_path, "--prune", "--max-delete", "3")
    assert pruned.code == 0, pruned.err
    assert "3 deleted" in pruned.out
    assert served.page_count == 3
    assert served.cli("import", tmp_path, "--prune").writes == 0


def test_a_file_that_cannot_be_read_never_gets_its_page_pruned(
    served: ServedWiki, tmp_path: Path
) -> None:
    _seed(served, 2)
    assert served.cli("export", tmp_path).code == 0
    (tmp_path / "en/docs/page-000.md").write_text("---\ntitle: [unclosed\n---\n\nbody\n")

    run = served.cli("import", tmp_path, "--prune")

    assert run.code == 1
    assert (
        "skipped en/docs/page-000.md: front matter is not valid YAML (line 3, column 1)\n"
        in run.err
    )
    assert run.writes == 0
    assert served.page_count == 2


def _fail_from(served: ServedWiki, request_number: int, count: int, kind: FaultKind) -> None:
    """Make `count` requests fail with `kind`, starting with the `request_number`-th from now."""
    served.emu.faults.next(count, kind, skip=request_number - 1)


def test_an_interrupted_export_resumes_without_redoing_finished_work(
    served: ServedWiki, tmp_path: Path
) -> None:
    _seed(served, 250)
    # Requests: whoami, listing, the first 200 pages (four requests of 50), then the last
    # 50 lose their connection on every try.
    _fail_from(served, 7, 3, "drop")

    broken = served.cli("export", tmp_path)

    assert broken.code == 1
    assert broken.err.count("could not write en/docs/page-") == 50
    state = json.loads((tmp_path / STATE_FILE).read_text())
    assert len(state["pages"]) == 200

    resumed = served.cli("export", tmp_path)
    assert resumed.code == 0, resumed.err
    # The 50 pages missing, in one batch read; the 200 finished ones are not read again.
    assert resumed.requests == 3
    assert "50 written" in resumed.out
    assert "200 unchanged" in resumed.out
    assert len(list(tmp_path.glob("en/docs/*.md"))) == 250


def test_an_interrupted_import_is_finished_by_the_next_run(
    served: ServedWiki, tmp_path: Path
) -> None:
    for n in range(12):
        folder = tmp_path / "en" / "notes"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"note-{n:02d}.md").write_text(f"# Note {n}\n\nText {n}.\n")
    # whoami, listing, then the sixth create loses its connection, and so do the next requests,
    # with which the client tries to settle it: its outcome stays unknown, reported as failed.
    _fail_from(served, 8, 6, "drop")

    broken = served.cli("import", tmp_path)

    assert broken.code == 1
    assert broken.err.count("could not create") == 1
    assert "11 created" in broken.out
    created_before = served.page_count

    finished = served.cli("import", tmp_path)
    assert finished.code == 0, finished.err
    assert served.page_count == 12  # nothing created twice
    assert finished.writes == 12 - created_before
    assert served.cli("import", tmp_path).writes == 0


def test_plain_markdown_and_wikijs_storage_folders_import(
    served: ServedWiki, tmp_path: Path
) -> None:
    served.emu.wiki.db.locales = ("en", "de")
    # Wiki.js's disk storage: the default locale at the top, its front matter unquoted.
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide/setup.md").write_text(
        "---\ntitle: Setup\ndescription: How to set up\npublished: true\n"
        "date: 2026-11-23T10:47:41.123Z\ntags: install, Guide\neditor: markdown\n"
        "dateCreated: 2026-11-23T10:47:41.123Z\n---\n\n# Setup\n\nSteps.\n"
    )
    (tmp_path / "de").mkdir()
    (tmp_path / "de/start.md").write_text("Kein Titel hier.\n")
    (tmp_path / "readme.md").write_text("# Read me first\n\n```sh\n# not a title\n```\n")
    # Saved by an editor that starts UTF-8 files with a byte order mark.
    (tmp_path / "bom.md").write_bytes("\ufeff---\ntitle: With a mark\n---\n\nText.\n".encode())

    run = served.cli("import", tmp_path)

    assert run.code == 0, run.err
    assert "4 created" in run.out
    with _client(served) as client:
        assert client.pages.get_by_path("bom").title == "With a mark"
        assert client.pages.get_by_path("bom").content == "Text.\n"
        setup = client.pages.get_by_path("guide/setup")
        assert (setup.title, setup.description) == ("Setup", "How to set up")
        assert sorted(setup.tags) == ["guide", "install"]
        assert client.pages.get_by_path("start", "de").title == "start"
        assert client.pages.get_by_path("readme").title == "Read me first"
    assert served.cli("import", tmp_path).writes == 0


def test_json_output_is_only_the_result(served: ServedWiki, tmp_path: Path) -> None:
    _seed(served, 3)
    run = served.cli("--json", "export", tmp_path)
    result = json.loads(run.out)
    assert result["counts"] == {"write": 3, "failed": 0}
    assert {item["target"] for item in result["items"]} == {
        f"en/docs/page-00{n}.md" for n in range(3)
    }
    assert run.err == ""


@pytest.mark.parametrize("command", ["export", "import"])
def test_without_a_url_the_command_says_how_to_give_one(
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wikijs_typed.cli import main

    monkeypatch.delenv("WIKIJS_URL", raising=False)
    assert main([command, str(tmp_path)]) == 2
    assert "--url" in capsys.readouterr().err


def test_export_keeps_a_local_edit_whose_page_changed_too(
    served: ServedWiki, tmp_path: Path
) -> None:
    ids = _exported(served, tmp_path, 2)
    with _client(served) as client:
        client.pages.update(ids[0], PageUpdate(content="changed on the wiki"))
        client.pages.update(ids[1], PageUpdate(content="also changed on the wiki"))
    _edit(tmp_path / "en/docs/page-000.md", "Body 0.", "edited here")

    kept = served.cli("export", tmp_path)
    assert kept.code == 0
    assert (
        "conflict: en/docs/page-000.md edited here and changed on the wiki; the file is kept"
        in kept.out
    )
    assert "edited here" in (tmp_path / "en/docs/page-000.md").read_text()
    assert (tmp_path / "en/docs/page-001.md").read_text().endswith("also changed on the wiki")

    replaced = served.cli("export", tmp_path, "--on-conflict", "overwrite")
    assert replaced.code == 0
    assert (tmp_path / "en/docs/page-000.md").read_text().endswith("changed on the wiki")


def test_export_assets_by_folder_incrementally(served: ServedWiki, tmp_path: Path) -> None:
    _seed(served, 1)
    with _client(served) as client:
        folder = client.assets.create_folder("images")
        logo = client.assets.upload(b"\x89PNG logo", folder_id=folder.id, filename="logo.png")
        client.assets.upload(b"notes", filename="notes.pdf")

    first = served.cli("export", tmp_path, "--assets")
    assert first.code == 0, first.err
    assert (tmp_path / "images/logo.png").read_bytes() == b"\x89PNG logo"
    assert (tmp_path / "notes.pdf").read_bytes() == b"notes"

    with _client(served) as client:
        client.assets.delete(logo.id)
    before = len(served.emu.requests)
    again = served.cli("export", tmp_path, "--assets")
    assert again.code == 0
    assert "remove images/logo.png: deleted on the wiki" in again.out
    assert not (tmp_path / "images").exists()
    # The unchanged asset is not downloaded again, and import leaves asset files alone.
    assert [r.path for r in served.emu.requests[before:] if r.method == "GET"] == []
    assert served.cli("import", tmp_path).writes == 0


def test_a_corrupt_state_file_is_a_clear_error(served: ServedWiki, tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_text("{not json")
    run = served.cli("import", tmp_path)
    assert run.code == 2
    assert "is not a state file this tool can read" in run.err
    assert run.requests == 0


def test_a_page_moved_on_the_wiki_is_not_moved_back_by_an_untouched_file(
    served: ServedWiki, tmp_path: Path
) -> None:
    ids = _exported(served, tmp_path, 2)
    with _client(served) as client:
        client.pages.update(ids[0], PageUpdate(path="archive/page-000"))

    pushed = served.cli("import", tmp_path)
    assert pushed.code == 0
    assert pushed.writes == 0
    assert served.page("archive/page-000") is not None

    # The next export brings the move into the folder.
    pulled = served.cli("export", tmp_path)
    assert "write en/archive/page-000.md: moved from en/docs/page-000.md" in pulled.out
    assert not (tmp_path / "en/docs/page-000.md").exists()
    assert served.cli("import", tmp_path).writes == 0


def test_a_page_replaced_on_the_wiki_is_not_mistaken_for_the_exported_one(
    served: ServedWiki, tmp_path: Path
) -> None:
    ids = _exported(served, tmp_path, 1)
    with _client(served) as client:
        client.pages.delete(ids[0])
    served.emu.seed_page("docs/page-000", "Someone else's", "another page here")

    run = served.cli("import", tmp_path)

    assert run.code == 0
    assert "conflict: en/docs/page-000.md" in run.out
    assert served.page("docs/page-000")["content"] == "another page here"  # type: ignore[index]


def test_a_moved_file_keeps_its_page_when_a_new_file_takes_its_old_place(
    served: ServedWiki, tmp_path: Path
) -> None:
    ids = _seed(served, 1)
    assert served.cli("export", tmp_path).code == 0
    (tmp_path / "en/docs/page-000.md").rename(tmp_path / "en/docs/zz-moved.md")
    (tmp_path / "en/docs/page-000.md").write_text("# Newcomer\n\nA new page.\n")

    run = served.cli("import", tmp_path)

    assert run.code == 0, run.err
    assert "move en/docs/zz-moved.md" in run.out
    assert "create en/docs/page-000.md" in run.out
    moved = served.page("docs/zz-moved")
    assert moved is not None
    assert moved["id"] == ids[0]
    assert served.page("docs/page-000")["title"] == "Newcomer"  # type: ignore[index]


def _uploads(served: ServedWiki, since: int) -> int:
    return sum(1 for r in served.emu.requests[since:] if r.method == "POST" and r.path == "/u")


def test_assets_are_restored_into_their_folders(served: ServedWiki, tmp_path: Path) -> None:
    _seed(served, 1)
    with _client(served) as client:
        folder = client.assets.create_folder("images")
        nested = client.assets.create_folder("icons", folder.id)
        logo = client.assets.upload(b"\x89PNG logo", folder_id=nested.id, filename="logo.png")
    assert served.cli("export", tmp_path, "--assets").code == 0
    with _client(served) as client:
        client.assets.delete(logo.id)
    # A new file in a folder the wiki does not have yet.
    (tmp_path / "manuals").mkdir()
    (tmp_path / "manuals/guide.pdf").write_bytes(b"%PDF guide")

    plan = served.cli("import", tmp_path, "--assets", "--dry-run")
    assert plan.code == 0, plan.err
    assert "upload images/icons/logo.png: as images/icons/logo.png" in plan.out
    assert "upload manuals/guide.pdf: as manuals/guide.pdf" in plan.out
    assert _uploads(served, 0) == 1  # only the seeding upload

    before = len(served.emu.requests)
    done = served.cli("import", tmp_path, "--assets")
    assert done.code == 0, done.err
    assert "2 uploaded" in done.out
    assert _uploads(served, before) == 2
    with _client(served) as client:
        stored = {asset.url_path: asset for asset in client.assets.iter_all()}
        assert set(stored) == {"/images/icons/logo.png", "/manuals/guide.pdf"}
        assert client.assets.download(stored["/manuals/guide.pdf"]) == b"%PDF guide"

    before = len(served.emu.requests)
    again = served.cli("import", tmp_path, "--assets")
    assert again.code == 0
    assert _uploads(served, before) == 0
    assert "uploaded" not in again.out
