"""Pages: `Page` as the client returns it, `PageCreate` and `PageUpdate` as a caller sends them."""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import Field, StrictBool, field_validator

from wikijs_typed.models import _rules as rules
from wikijs_typed.models._base import InputModel, WikiModel

if TYPE_CHECKING:
    from wikijs_graphql.fragments import PageFields, PageListItemFields, WrittenPageFields

__all__ = ["Page", "PageCreate", "PageUpdate", "markdown_headings"]

WORDS_PER_MINUTE = 200

# An ATX heading: up to three spaces, 1-6 `#`, then a space or the end of the line.
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
# A code fence opens with three or more backticks or tildes (up to three spaces of indent).
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


class Page(WikiModel):
    """A Wiki.js page.

    Pages from `get`, `get_by_path`, `create` and `update` are complete. Pages from listings
    (`list`, `search`, `get_by_tags`, `iter_all`) carry what Wiki.js lists: the fields only a
    single-page read returns (`content`, `render`, `editor`, author, creator, publish dates,
    scripts, hash) are None there.

    Attributes:
        path: The page's path within its locale, without slashes around it: `docs/install`.
        content: The source text, in the `editor`'s format (Markdown, HTML, ...).
        render: The HTML Wiki.js rendered from `content`.
        editor: The editor the page is written with: "markdown", "ckeditor", "code", ...
        content_type: The source's kind, which the editor decides: "markdown" or "html".
        hash: The SHA-1 of `locale|path|private_ns`, which names the page in Wiki.js's
            render cache.
        private_ns: The private namespace of a personal wiki page; unused by Wiki.js 2.5.
        publish_start_date: Hidden before this date (as the string Wiki.js was given; "" for
            none), when `is_published` is true.
        publish_end_date: Hidden after this date ("" for none).
        author_id: The user who last edited the page.
        creator_id: The user who created the page.
        script_css: CSS Wiki.js adds to this page only.
        script_js: JavaScript Wiki.js adds to this page only.
    """

    # Enough to tell which page it is; the text fields show their length (see `bounded`).
    repr_fields = ("id", "locale", "path", "title", "content", "render")

    id: int
    title: str
    path: str
    content: str | None = None
    description: str = ""
    is_published: bool = True
    is_private: bool = False
    tags: list[str] = Field(default_factory=list)
    locale: str = "en"
    author_id: int | None = None
    author_name: str | None = None
    author_email: str | None = None
    editor: str | None = None
    created_at: datetime
    updated_at: datetime
    content_type: str | None = None
    render: str | None = None
    hash: str | None = None
    private_ns: str | None = None
    publish_start_date: str | None = None
    publish_end_date: str | None = None
    script_css: str | None = None
    script_js: str | None = None
    creator_id: int | None = None
    creator_name: str | None = None
    creator_email: str | None = None

    @classmethod
    def from_fields(cls, fields: PageFields) -> Page:
        """Build a complete page from what a single-page read answers.

        Args:
            fields: The generated `PageFields` selection of a `pages.single` answer.

        Returns:
            The page, every field filled in.
        """
        # Built in one go (an export builds thousands): what `from_written` gives, and the
        # fields only a read returns.
        return cls._built(
            fields, locale=fields.locale, editor=fields.editor, path=fields.path, read=fields
        )

    @classmethod
    def from_written(
        cls, fields: WrittenPageFields, *, locale: str, editor: str, path: str | None = None
    ) -> Page:
        """Build the page a create or update answered with, for when reading it back fails.

        That answer lacks what the server fills in afterwards: `locale` and `editor` are
        the ones sent, `path` too after a move (the answer has the old one), and `render`
        and the scripts are None.

        Args:
            fields: The generated `WrittenPageFields` selection of the write's answer.
            locale: The locale the write sent.
            editor: The editor the write sent.
            path: The path the write moved the page to; None keeps the answer's.

        Returns:
            The page as written.
        """
        return cls._built(
            fields, locale=locale, editor=editor, path=path if path is not None else fields.path
        )

    @classmethod
    def _built(
        cls,
        fields: WrittenPageFields,
        *,
        locale: str,
        editor: str,
        path: str,
        read: PageFields | None = None,
    ) -> Page:
        """The page `fields` describe; what only a read returns comes from `read`.

        `fields` and `read` were validated a moment ago, with the types `Page` declares: the
        page is built without validating them again (a read validates once).
        """
        return cls._of_checked(
            id=fields.id,
            title=fields.title,
            path=path,
            content=fields.content,
            description=fields.description,
            is_published=fields.is_published,
            is_private=fields.is_private,
            tags=[tag.tag for tag in fields.tags if tag is not None],
            locale=locale,
            author_id=fields.author_id,
            author_name=fields.author_name,
            author_email=read.author_email if read else None,
            editor=editor,
            created_at=fields.created_at,
            updated_at=fields.updated_at,
            content_type=fields.content_type,
            render=read.render if read else None,
            hash=fields.hash,
            private_ns=fields.private_ns,
            publish_start_date=fields.publish_start_date,
            publish_end_date=fields.publish_end_date,
            script_css=read.script_css if read else None,
            script_js=read.script_js if read else None,
            creator_id=fields.creator_id,
            creator_name=fields.creator_name,
            creator_email=read.creator_email if read else None,
        )

    @classmethod
    def from_list_item(cls, item: PageListItemFields) -> Page:
        """Build a page from a listing's entry, which carries no content.

        Args:
            item: The generated `PageListItemFields` selection of a `pages.list` answer.

        Returns:
            The page; the fields only a single-page read returns are None.
        """
        return cls(
            id=item.id,
            title=item.title or "",
            path=item.path,
            description=item.description or "",
            is_published=item.is_published,
            is_private=item.is_private,
            tags=[tag for tag in item.tags or () if tag is not None],
            locale=item.locale,
            created_at=item.created_at,
            updated_at=item.updated_at,
            content_type=item.content_type,
            private_ns=item.private_ns,
        )

    @property
    def word_count(self) -> int:
        """Words in the content (0 for a listed page, which carries no content)."""
        return len(self.content.split()) if self.content else 0

    @property
    def reading_time(self) -> int:
        """Minutes to read the content at 200 words a minute, rounded up."""
        return math.ceil(self.word_count / WORDS_PER_MINUTE)

    @property
    def url_path(self) -> str:
        """The page's address on the wiki, with its locale: `/en/docs/install`."""
        return f"/{self.locale}/{self.path}"

    def extract_headings(self) -> list[str]:
        """List the Markdown (ATX) headings of the content.

        Lines inside fenced code blocks are not headings, however they start: a `# comment`
        in a shell example stays out.

        Returns:
            The headings' text in order, without their `#` marks; none for a listed page.
        """
        return markdown_headings(self.content or "")

    def has_tag(self, tag: str) -> bool:
        """Tell whether the page carries a tag.

        Args:
            tag: The tag, compared the way Wiki.js stores tags (trimmed, lower case).

        Returns:
            True when the page has it.
        """
        return rules.normalize_tag(tag) in {rules.normalize_tag(t) for t in self.tags}


def markdown_headings(content: str) -> list[str]:
    """List the ATX headings of Markdown text.

    Lines inside fenced code blocks are not headings, however they start: a `# comment`
    in a shell example stays out.

    Args:
        content: The Markdown text.

    Returns:
        The headings' text in order, without their `#` marks.
    """
    headings: list[str] = []
    fence: str | None = None
    for line in content.splitlines():
        opened = _FENCE.match(line)
        if fence is not None:
            if _closes(fence, opened, line):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        heading = _HEADING.match(line)
        if heading and heading.group(2):
            headings.append(heading.group(2).strip())
    return headings


def _closes(fence: str, opened: re.Match[str] | None, line: str) -> bool:
    """Tell whether `line` closes a block opened by `fence`.

    It does with the same character, at least as many times, and nothing else on the line.
    """
    if opened is None:
        return False
    marks = opened.group(1)
    return marks[0] == fence[0] and len(marks) >= len(fence) and not line.strip().strip(fence[0])


class _PageFields(InputModel):
    """Field checks shared by `PageCreate` and `PageUpdate` (applied when a value is given)."""

    what = "page data"

    @field_validator("title", check_fields=False)
    @classmethod
    def _title(cls, value: str | None) -> str | None:
        return None if value is None else rules.check_title(value)

    @field_validator("path", check_fields=False)
    @classmethod
    def _path(cls, value: str | None) -> str | None:
        return None if value is None else rules.check_page_path(value)

    @field_validator("content", check_fields=False)
    @classmethod
    def _content(cls, value: str | None) -> str | None:
        # Wiki.js refuses empty content (PageEmptyContent, 6004).
        return None if value is None else rules.check_non_empty(value, "content")

    @field_validator("locale", check_fields=False)
    @classmethod
    def _locale(cls, value: str | None) -> str | None:
        return None if value is None else rules.check_locale(value)

    @field_validator("editor", check_fields=False)
    @classmethod
    def _editor(cls, value: str | None) -> str | None:
        return None if value is None else rules.check_editor(value)


class PageCreate(_PageFields):
    """A new page. Only `title`, `path` and `content` are required.

    Attributes:
        path: Where the page lives within its locale: `docs/install` (one leading or trailing
            `/` is dropped). Unicode is fine; a dot, a space, a backslash, `//`, `?`, `#` or a
            control character is refused.
        content: The source text; not empty, as Wiki.js refuses an empty page.
        editor: The editor it is written with: "markdown" (the default), "ckeditor", "code",
            "wysiwyg", "asciidoc", "api" or "redirect".
        publish_start_date: Hidden before this ISO 8601 date ("" for none).
        publish_end_date: Hidden after this ISO 8601 date ("" for none).
        script_css: CSS added to this page only.
        script_js: JavaScript added to this page only.
    """

    title: str
    path: str
    content: str
    description: str | None = ""
    is_published: StrictBool = True
    is_private: StrictBool = False
    tags: list[str] = Field(default_factory=list)
    locale: str = "en"
    editor: str = "markdown"
    publish_start_date: str = ""
    publish_end_date: str = ""
    script_css: str = ""
    script_js: str = ""


class PageUpdate(_PageFields):
    """Changes to a page: every field is optional, and a field left out (or None) is kept.

    `path` (with `locale`) moves the page.
    """

    title: str | None = None
    content: str | None = None
    description: str | None = None
    is_published: StrictBool | None = None
    is_private: StrictBool | None = None
    tags: list[str] | None = None
    path: str | None = None
    locale: str | None = None
    publish_start_date: str | None = None
    publish_end_date: str | None = None
    script_css: str | None = None
    script_js: str | None = None

    def changes(self) -> dict[str, object]:
        """Collect the fields to change.

        Returns:
            The fields set to a value, by Python name; None means "keep", so it is left out.
        """
        return {name: value for name, value in self if value is not None}
