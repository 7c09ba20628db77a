"""Hostile and unusual paths: nothing is ever written outside the folder, and any unicode
page path makes the round trip."""

from __future__ import annotations

import unicodedata
from pathlib import Path, PurePosixPath

import pytest
from _cli import ServedWiki

from wikijs_typed._bulk.paths import (
    PageLocation,
    UnsafePathError,
    inside,
    location_of_file,
    page_file,
)
from wikijs_typed.exceptions import ValidationError


@pytest.mark.parametrize(
    "path",
    [
        "../escape",
        "docs/../../escape",
        "/etc/passwd",
        "docs//twice",
        "docs/nul\x00byte",
        "docs/new\nline",
        "docs/what?",
        "docs/con",
        "docs/LPT1",
        "docs/aux.notes",
        "trailing./page",
        "trailing /page",
        "docs/a:b",
    ],
)
def test_page_paths_that_cannot_be_files_are_refused(path: str) -> None:
    with pytest.raises(UnsafePathError):
        page_file(PageLocation("en", path), "markdown")


@pytest.mark.parametrize("locale", ["..", "en/../..", "", "english"])
def test_a_locale_must_be_a_locale_code(locale: str) -> None:
    with pytest.raises(UnsafePathError):
        page_file(PageLocation(locale, "docs/page"), "markdown")


@pytest.mark.parametrize("path", ["docs/日本語/ページ", "docs/café", "Ünïcödé/emoji-🎉", "a/b/c/d"])
def test_unicode_paths_round_trip_through_their_file(path: str) -> None:
    location = PageLocation("en", path)
    relative = page_file(location, "markdown")
    assert location_of_file(relative, "fr") == location


def test_a_decomposed_file_name_names_the_composed_page() -> None:
    decomposed = unicodedata.normalize("NFD", "en/docs/café.md")
    assert location_of_file(PurePosixPath(decomposed), "en").path == "docs/café"


def test_files_whose_name_wikijs_refuses_are_validation_errors() -> None:
    with pytest.raises(ValidationError, match="must not contain"):
        location_of_file(PurePosixPath("en/docs/with space.md"), "en")


def test_inside_refuses_a_symlinked_folder_and_a_symlinked_file(tmp_path: Path) -> None:
    root, outside = tmp_path / "export", tmp_path / "outside"
    (root / "en").mkdir(parents=True)
    outside.mkdir()
    (root / "en" / "docs").symlink_to(outside)
    (root / "en" / "page.md").symlink_to(outside / "target.md")
    with pytest.raises(UnsafePathError, match="symbolic link"):
        inside(root, PurePosixPath("en/docs/page.md"))
    with pytest.raises(UnsafePathError, match="symbolic link"):
        inside(root, PurePosixPath("en/page.md"))
    assert inside(root, PurePosixPath("en/ok.md")) == (root / "en" / "ok.md").resolve()


def test_export_reports_pages_it_cannot_write_and_writes_the_rest(
    served: ServedWiki, tmp_path: Path
) -> None:
    # Wiki.js stores these as given (FACTS: `?` and newlines are accepted in paths).
    for path in ("docs/con", "docs/what?", "docs/tab\there", "docs/fine"):
        served.emu.seed_page(path, "x")
    root = tmp_path / "export"

    run = served.cli("export", root)

    assert run.code == 1
    assert run.err.count("could not write page ") == 3
    assert "reserved file name" in run.err
    written = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))
    assert written == ["en/docs/fine.md"]


def test_export_never_writes_through_a_symlinked_folder(served: ServedWiki, tmp_path: Path) -> None:
    served.emu.seed_page("docs/secret", "Secret")
    served.emu.seed_page("top", "Top")
    root, outside = tmp_path / "export", tmp_path / "outside"
    (root / "en").mkdir(parents=True)
    outside.mkdir()
    (root / "en" / "docs").symlink_to(outside, target_is_directory=True)

    run = served.cli("export", root)

    assert run.code == 1
    assert "could not write en/docs/secret.md" in run.err
    assert "symbolic link" in run.err
    assert list(outside.iterdir()) == []
    assert (root / "en" / "top.md").is_file()


def test_import_skips_symlinks_and_ignores_paths_in_front_matter(
    served: ServedWiki, tmp_path: Path
) -> None:
    victim = served.emu.seed_page("keep/me", "Keep me", "untouched")
    root, outside = tmp_path / "import", tmp_path / "outside"
    (root / "en").mkdir(parents=True)
    outside.mkdir()
    (outside / "stolen.md").write_text("# Stolen\n")
    (root / "en" / "linked.md").symlink_to(outside / "stolen.md")
    (root / "en" / "linkdir").symlink_to(outside, target_is_directory=True)
    # Front matter naming another page and a locale that climbs out: the file's own place wins.
    (root / "en" / "honest.md").write_text(
        f"---\ntitle: Honest\nwikijs-typed:\n  id: {victim}\n  locale: ../../etc\n---\n\nmine\n"
    )

    run = served.cli("import", root)

    assert run.code == 1
    assert "skipped en/linked.md: a symbolic link, not followed" in run.err
    assert "skipped en/linkdir: a symbolic link, not followed" in run.err
    assert "create en/honest.md" in run.out
    assert served.page("honest") is not None
    assert served.page("keep/me")["content"] == "untouched"  # type: ignore[index]
    assert served.page("stolen") is None
    assert served.page("linkdir/stolen") is None


def test_unicode_pages_round_trip_with_no_write(served: ServedWiki, tmp_path: Path) -> None:
    paths = ["docs/日本語/ページ", "docs/café", "émoji/🎉-party", "Ελληνικά"]
    for path in paths:
        served.emu.seed_page(path, f"Title of {path}", f"# {path}\n\nü ß 中文 🎉\n")

    assert served.cli("export", tmp_path).code == 0
    assert (tmp_path / "en" / "docs" / "日本語" / "ページ.md").is_file()
    again = served.cli("import", tmp_path)

    assert again.code == 0
    assert again.writes == 0
    assert "4 unchanged" in again.out

    # The same files in a fresh folder, with no state: matched by path and compared.
    fresh = tmp_path / "copy"
    for file in (tmp_path / "en").rglob("*.md"):
        target = fresh / file.relative_to(tmp_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.read_bytes())
    copied = served.cli("import", fresh)
    assert copied.writes == 0
    assert "4 unchanged" in copied.out
