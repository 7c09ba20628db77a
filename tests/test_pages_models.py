"""`Page` and its computed properties."""

from __future__ import annotations

from datetime import UTC, datetime

from wikijs_typed.models import Page

WHEN = datetime(2026, 11, 23, 11, 17, tzinfo=UTC)


def page(content: str | None, **fields: object) -> Page:
    base: dict[str, object] = {
        "id": 1,
        "title": "T",
        "path": "docs/install",
        "created_at": WHEN,
        "updated_at": WHEN,
        "content": content,
    }
    return Page.model_validate({**base, **fields})


def test_word_count_and_reading_time() -> None:
    words = " ".join(["word"] * 401)

    assert page(words).word_count == 401
    assert page(words).reading_time == 3
    assert page("one").reading_time == 1
    assert page(None).word_count == 0
    assert page(None).reading_time == 0


def test_url_path_carries_the_locale() -> None:
    assert page("x", locale="fr").url_path == "/fr/docs/install"


def test_headings_skip_fenced_code_and_hashtags() -> None:
    content = "\n".join(
        [
            "# Install",
            "Some text with #hashtag",
            "```bash",
            "# not a heading: a shell comment",
            "```",
            "## Configure ##",
            "~~~~",
            "# still code",
            "~~~",  # too short to close a ~~~~ fence
            "# still code too",
            "~~~~",
            "   ### Indented three spaces",
            "    # four spaces is code, not a heading",
            "#NoSpace",
            "####### seven is too many",
            "###### Six",
        ]
    )

    assert page(content).extract_headings() == [
        "Install",
        "Configure",
        "Indented three spaces",
        "Six",
    ]


def test_an_unclosed_fence_hides_the_rest() -> None:
    assert page("# A\n```\n# B").extract_headings() == ["A"]


def test_has_tag_compares_like_the_server_stores_tags() -> None:
    tagged = page("x", tags=["guide", "docker"])

    assert tagged.has_tag("Guide ")
    assert not tagged.has_tag("setup")


def test_fields_accept_their_graphql_names() -> None:
    listed = Page.model_validate(
        {
            "id": 5,
            "title": "T",
            "path": "p",
            "isPublished": False,
            "createdAt": "2026-11-23T11:17:03.053Z",
            "updatedAt": "2026-11-23T11:17:03.053Z",
        }
    )

    assert listed.is_published is False
    assert listed.created_at.tzinfo is not None
    assert listed.content is None
