"""Page files: Wiki.js's front matter layout, read and written through the YAML library."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from wikijs_typed._bulk.pagefile import PageFileError, parse, render, to_iso_string
from wikijs_typed.models import Page

WHEN = datetime(2026, 11, 23, 10, 47, 41, 123000, tzinfo=UTC)


def _page(**changes: object) -> Page:
    fields: dict[str, object] = {
        "id": 7,
        "title": "Install: the guide",
        "path": "docs/install",
        "content": "# Install\n\nRun it.\n",
        "description": "How to # install",
        "tags": ["guide", "setup"],
        "editor": "markdown",
        "created_at": WHEN,
        "updated_at": WHEN,
        "is_private": False,
    }
    return Page.model_validate({**fields, **changes})


def test_a_file_wikijs_wrote_is_read_with_its_unquoted_values() -> None:
    # What server/helpers/page.js injectPageMetadata writes, byte for byte.
    text = (
        "---\ntitle: Setup\ndescription: \npublished: false\ndate: 2026-11-23T10:47:41.123Z\n"
        "tags: install, Guide\neditor: markdown\ndateCreated: 2026-11-20T08:00:00.000Z\n---\n\n"
        "# Setup\n"
    )
    file = parse(text)
    assert (file.title, file.description, file.published) == ("Setup", "", False)
    assert file.tags == ("install", "guide")
    assert file.updated_at == "2026-11-23T10:47:41.123Z"
    assert file.created_at == "2026-11-20T08:00:00.000Z"
    assert file.content == "# Setup\n"
    assert file.page_id is None


def test_a_rendered_page_reads_back_as_it_was_and_records_its_fingerprint() -> None:
    text, read_back = render(_page(), ".md")
    again = parse(text)
    assert again == read_back
    assert again.content_hash == again.fingerprint()
    assert (again.title, again.description) == ("Install: the guide", "How to # install")
    assert again.tags == ("guide", "setup")
    assert (again.page_id, again.locale, again.updated_at) == (7, "en", to_iso_string(WHEN))
    assert text.endswith("\n---\n\n# Install\n\nRun it.\n")


def test_an_edit_changes_the_fingerprint_and_tag_case_does_not() -> None:
    text, read_back = render(_page(), ".md")
    assert parse(text.replace("Run it.", "Run it twice.")).fingerprint() != read_back.fingerprint()
    assert parse(text.replace("tags: guide, setup", "tags: Setup, GUIDE")).fingerprint() == (
        read_back.fingerprint()
    )


def test_html_pages_keep_their_front_matter_in_a_comment() -> None:
    text, _ = render(_page(content="<p>Hello</p>\n", editor="code"), ".html")
    assert text.startswith("<!--\ntitle: 'Install: the guide'\n")
    assert "\n-->\n\n<p>Hello</p>\n" in text
    assert parse(text, ".html").content == "<p>Hello</p>\n"
    assert parse(text, ".html").editor == "code"


def test_a_leading_comment_in_html_content_is_content() -> None:
    file = parse("<!-- a remark --><p>x</p>", ".html")
    assert file.content == "<!-- a remark --><p>x</p>"
    assert file.title is None


def test_plain_markdown_takes_its_title_from_the_first_heading_outside_code() -> None:
    file = parse("```sh\n# not this\n```\n\n## The title\n\ntext\n")
    assert file.title == "The title"
    assert file.content.startswith("```sh")


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("title: [open\n", "not valid YAML"),
        ("- a list\n", "mapping"),
        ("published: maybe\n", "true or false"),
        ("tags:\n  nested: map\n", "comma-separated"),
        ("wikijs-typed:\n  id: seven\n", "integer"),
    ],
)
def test_bad_front_matter_is_a_clear_error(front: str, message: str) -> None:
    with pytest.raises(PageFileError, match=message):
        parse(f"---\n{front}---\n\nbody\n")


def test_a_title_that_yaml_reads_as_a_number_stays_text() -> None:
    assert parse("---\ntitle: 2026\n---\n\nbody").title == "2026"
