"""One page as a file: front matter as Wiki.js's disk and Git storage write it, then content.

Wiki.js writes (server/helpers/page.js, `injectPageMetadata`) `title`, `description`,
`published`, `date` (updatedAt), `tags` (comma-separated), `editor` and `dateCreated`, between
`---` lines for Markdown and inside `<!-- -->` for HTML, then a blank line and the content.
What that layout lacks for a faithful round trip (the page id, locale, privacy, the exact
update time and a fingerprint of what was written) goes under one key of our own, `wikijs-typed`.

The YAML is read and written by python-frontmatter's handlers (PyYAML's safe loader and
dumper); only the framing around it follows Wiki.js, so that files written by Wiki.js load
here and files written here load in Wiki.js.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

import yaml
from frontmatter.default_handlers import BaseHandler, YAMLHandler

from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import Page
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._page import markdown_headings

__all__ = ["META_KEY", "PageFile", "PageFileError", "parse", "render", "to_iso_string"]

META_KEY = "wikijs-typed"


class PageFileError(ValidationError):
    """A page file whose front matter cannot be read."""


class _HTMLCommentHandler(YAMLHandler):
    """YAML front matter inside an HTML comment, as Wiki.js frames it for HTML pages."""

    FM_BOUNDARY = re.compile(r"^(?:<!--|-->)[ \t]*$", re.MULTILINE)
    START_DELIMITER = "<!--"
    END_DELIMITER = "-->"


_HANDLERS: dict[str, BaseHandler] = {".md": YAMLHandler(), ".html": _HTMLCommentHandler()}


def to_iso_string(moment: datetime | date | str) -> str:
    """A time as JavaScript's `toISOString()` writes it (Wiki.js's own format)."""
    if isinstance(moment, str):
        return moment
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day, tzinfo=UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    # isoformat cuts the microseconds to milliseconds as toISOString does (and is quicker
    # than strftime, which an export calls a few times a page).
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").removesuffix("+00:00") + "Z"


@dataclass(frozen=True, slots=True)
class PageFile:
    """What a page file says.

    `page_id`, `updated_at` and `content_hash` are the file's record of the page it was exported
    from (None in a file Wiki.js or a person wrote).
    """

    title: str | None
    content: str
    description: str = ""
    published: bool = True
    private: bool = False
    tags: tuple[str, ...] = ()
    editor: str | None = None
    created_at: str | None = None
    page_id: int | None = None
    locale: str | None = None
    updated_at: str | None = None
    content_hash: str | None = None

    def fingerprint(self) -> str:
        """A digest of what an import would write.

        Two files with the same fingerprint make the same page (title, description, publication,
        privacy, tags and content).
        """
        fields = [
            (self.title or "").strip(),
            self.description,
            self.published,
            self.private,
            sorted(rules.normalize_tags(self.tags)),
            self.content,
        ]
        encoded = json.dumps(fields, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()


def _text(value: object, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return str(value)
    raise PageFileError(f"front matter {name!r} must be text", field=name)


def _flag(value: object, name: str, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise PageFileError(f"front matter {name!r} must be true or false", field=name)


def _tags(value: object) -> tuple[str, ...]:
    """Wiki.js writes `tags: a, b`; a YAML list is accepted too."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(t, str | int) for t in items):
        raise PageFileError("front matter 'tags' must be a comma-separated list", field="tags")
    return tuple(rules.normalize_tags(str(t) for t in items))


def _moment(value: object, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date | str):
        return to_iso_string(value)
    raise PageFileError(f"front matter {name!r} must be a date", field=name)


# What our own key records: page id, locale, privacy, update time, fingerprint.
_OwnMeta = tuple[int | None, str | None, bool | None, str | None, str | None]


def _own(meta: Mapping[str, Any]) -> _OwnMeta:
    own = meta.get(META_KEY)
    if own is None:
        return None, None, None, None, None
    if not isinstance(own, dict):
        raise PageFileError(f"front matter {META_KEY!r} must be a mapping", field=META_KEY)
    page_id = own.get("id")
    if page_id is not None and (isinstance(page_id, bool) or not isinstance(page_id, int)):
        raise PageFileError(f"{META_KEY}.id must be an integer", field="id")
    private = own.get("private")
    digest = own.get("contentHash")
    return (
        page_id,
        None if own.get("locale") is None else _text(own.get("locale"), "locale"),
        None if private is None else _flag(private, "private", False),
        _moment(own.get("updatedAt"), "updatedAt"),
        None if digest is None else _text(digest, "contentHash"),
    )


def _first_heading(content: str, extension: str) -> str | None:
    if extension != ".md":
        return None
    headings = markdown_headings(content)
    return headings[0] if headings else None


def _where(error: yaml.YAMLError, text: str, raw: str) -> str:
    """` (line 3, column 7)`: where in the file YAML found the problem, when it says."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is None:
        return ""
    # The mark counts from the front matter's first line, after the opening fence.
    fence_lines = text[: max(text.find(raw), 0)].count("\n")
    return f" (line {fence_lines + mark.line + 1}, column {mark.column + 1})"


def parse(text: str, extension: str = ".md") -> PageFile:
    """Read a page file: ours, one Wiki.js wrote, or plain Markdown with no front matter.

    Plain Markdown takes its title from its first heading.

    Raises:
        PageFileError: when the front matter is not valid YAML.
    """
    handler = _HANDLERS.get(extension, _HANDLERS[".md"])
    meta: dict[str, Any] = {}
    content = text
    if handler.detect(text):
        raw, body = handler.split(text)
        try:
            loaded = handler.load(raw)
        except yaml.YAMLError as exc:
            raise PageFileError(
                f"front matter is not valid YAML{_where(exc, text, raw)}", field="front matter"
            ) from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise PageFileError("front matter must be a mapping of keys", field="front matter")
        meta = loaded or {}
        # Wiki.js skips the line breaks between the front matter and the content.
        content = body.lstrip("\r\n")
    page_id, locale, private, updated_at, digest = _own(meta)
    title = meta.get("title")
    return PageFile(
        title=_text(title, "title") if title is not None else _first_heading(content, extension),
        content=content,
        description=_text(meta.get("description"), "description"),
        published=_flag(meta.get("published"), "published", True),
        private=bool(private),
        tags=_tags(meta.get("tags")),
        editor=_text(meta.get("editor"), "editor") or None,
        created_at=_moment(meta.get("dateCreated"), "dateCreated"),
        page_id=page_id,
        locale=locale,
        # Wiki.js's `date` is the update time of the page the file was written from.
        updated_at=updated_at or _moment(meta.get("date"), "date"),
        content_hash=digest,
    )


def _frame(page: PageFile, extension: str, content: str) -> str:
    handler = _HANDLERS[extension]
    meta: dict[str, object] = {
        "title": page.title or "",
        "description": page.description,
        "published": page.published,
        "date": page.updated_at or "",
        "tags": ", ".join(page.tags),
        "editor": page.editor or "",
        "dateCreated": page.created_at or "",
        META_KEY: {
            "id": page.page_id,
            "locale": page.locale,
            "private": page.private,
            "updatedAt": page.updated_at,
            "contentHash": page.content_hash,
        },
    }
    # In Wiki.js's key order, and on one line each however long (its reader is line-based).
    header = handler.export(meta, sort_keys=False, width=1_000_000)
    return f"{handler.START_DELIMITER}\n{header}\n{handler.END_DELIMITER}\n\n{content}"


def render(page: Page, extension: str) -> tuple[str, PageFile]:
    """The file for a complete page, and what reading that file back gives.

    The latter's `content_hash` is its fingerprint, which the file records, so that an untouched
    file is known as such.
    """
    content = page.content or ""
    # Fingerprint what the file will say when read, not the page: the framing may not keep
    # every byte of the content (leading blank lines, for one). The YAML values come back
    # as written, so only the content needs splitting off as `parse` does.
    handler = _HANDLERS[extension]
    framed = f"{handler.START_DELIMITER}\nx: 0\n{handler.END_DELIMITER}\n\n{content}"
    read_back = PageFile(
        title=page.title,
        content=handler.split(framed)[1].lstrip("\r\n"),
        description=page.description,
        published=page.is_published,
        private=page.is_private,
        tags=tuple(rules.normalize_tags(page.tags)),
        editor=page.editor,
        created_at=to_iso_string(page.created_at),
        page_id=page.id,
        locale=page.locale,
        updated_at=to_iso_string(page.updated_at),
    )
    recorded = replace(read_back, content_hash=read_back.fingerprint())
    return _frame(recorded, extension, content), recorded
