"""The server's rules for ids, paths, titles and tags, checked on the client.

Checking them here means a bad value fails at once with a `ValidationError` that says what is
wrong, instead of after a round trip (or, for some update quirks, after a partial write).
The path rules are Wiki.js's own (it refuses others with PageIllegalPath, 6005), plus what
makes a page unreachable by URL (`?`, `#`, control characters). Text never holds NUL:
PostgreSQL, where Wiki.js keeps everything, cannot store it. Numbers are GraphQL `Int`s,
which are 32-bit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from wikijs_typed._pipeline.operation import GRAPHQL_INT_MAX, is_utf8
from wikijs_typed.exceptions import ConfigurationError, ValidationError

__all__ = [
    "EDITORS",
    "ILLEGAL_PATH_PARTS",
    "MAX_INT",
    "MAX_TITLE_LENGTH",
    "check_editor",
    "check_id",
    "check_items",
    "check_limit",
    "check_locale",
    "check_non_empty",
    "check_offset",
    "check_page_path",
    "check_text",
    "check_title",
    "normalize_tag",
    "normalize_tags",
]

# Wiki.js refuses a page path containing any of these (PageIllegalPath, 6005).
ILLEGAL_PATH_PARTS = (".", " ", "\\", "//")
# A page path with these cannot be reached by URL: the browser cuts the path at them.
URL_BREAKING = ("?", "#")
MAX_TITLE_LENGTH = 255
# The largest GraphQL `Int`: the server refuses bigger values before running anything.
MAX_INT = GRAPHQL_INT_MAX
# The editors Wiki.js 2.5 ships (server/modules/editor); a page's editor must be one of them,
# or the insert fails on a foreign key with a raw SQL message.
EDITORS = ("api", "asciidoc", "ckeditor", "code", "markdown", "redirect", "wysiwyg")


def _integer(value: object, name: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{name} must be {what}, not {type(value).__name__}", field=name)
    if value > MAX_INT:
        raise ValidationError(f"{name} must be at most {MAX_INT} (a GraphQL Int)", field=name)
    return value


def check_id(value: object, name: str = "id") -> int:
    """Check an id: a positive integer that fits a GraphQL Int.

    Booleans and numeric strings are refused rather than guessed at.
    """
    number = _integer(value, name, "a positive integer")
    if number < 1:
        raise ValidationError(f"{name} must be a positive integer, got {number}", field=name)
    return number


def check_offset(value: object, name: str = "offset") -> int:
    number = _integer(value, name, "a non-negative integer")
    if number < 0:
        raise ValidationError(f"{name} must be a non-negative integer", field=name)
    return number


def check_limit(value: object, name: str = "limit") -> int | None:
    """None (no limit) or a positive integer."""
    if value is None:
        return None
    return check_id(value, name)


def check_items(value: object, name: str) -> list[object]:
    """The items of a list-like argument (a list, tuple, set or generator).

    A string, bytes or a dict is refused although Python can iterate it: it is never meant as
    a list of ids or records.
    """
    if isinstance(value, str | bytes | bytearray | memoryview | Mapping) or not isinstance(
        value, Iterable
    ):
        raise ValidationError(f"{name} must be a list, not {type(value).__name__}", field=name)
    return list(value)


def check_text(value: object, name: str) -> str:
    """A string (bytes are refused: they are not text until decoded) without NUL."""
    if not isinstance(value, str):
        raise ValidationError(f"{name} must be a string, not {type(value).__name__}", field=name)
    if "\x00" in value:
        raise ValidationError(f"{name} must not contain NUL characters", field=name)
    if not is_utf8(value):
        raise ValidationError(f"{name} must not contain lone surrogates", field=name)
    return value


def check_non_empty(value: object, name: str) -> str:
    text = check_text(value, name)
    if not text.strip():
        raise ValidationError(f"{name} must not be empty", field=name)
    return text


def _is_control(character: str) -> bool:
    return unicodedata.category(character) == "Cc"


def check_title(value: object, name: str = "title") -> str:
    title = check_non_empty(value, name).strip()
    if all(_is_control(character) for character in title):
        raise ValidationError(f"{name} must have a visible character", field=name)
    if len(title) > MAX_TITLE_LENGTH:
        raise ValidationError(f"{name} must be at most {MAX_TITLE_LENGTH} characters", field=name)
    return title


def check_editor(value: object, name: str = "editor") -> str:
    editor = check_non_empty(value, name)
    if editor not in EDITORS:
        raise ValidationError(f"{name} must be one of {', '.join(EDITORS)}", field=name)
    return editor


def check_page_path(value: object, name: str = "path") -> str:
    """A page path as Wiki.js stores it: one leading and one trailing `/` dropped, like the server.

    Unicode is fine (`docs/café`); a dot, a space, a backslash, `//`, `?`, `#` or a control
    character (newline, tab, ...) is not.
    """
    path = check_non_empty(value, name)
    if any(_is_control(character) for character in path):
        raise ValidationError(f"{name} must not contain control characters", field=name)
    path = path.removeprefix("/").removesuffix("/")
    bad = [part for part in (*ILLEGAL_PATH_PARTS, *URL_BREAKING) if part in path]
    if bad:
        shown = ", ".join(repr(part) for part in bad)
        raise ValidationError(f"{name} must not contain {shown}", field=name)
    if not path:
        raise ValidationError(f"{name} must not be empty", field=name)
    return path


def check_locale(value: object, name: str = "locale") -> str:
    locale = check_non_empty(value, name)
    if not all(ch.isalnum() or ch == "-" for ch in locale):
        raise ValidationError(f"{name} must be a locale code such as 'en' or 'pt-br'", field=name)
    return locale


def check_site_url(value: object, default: str, name: str = "site_url") -> str:
    """Check a wiki's public address: http or https, no query or fragment.

    It comes back without a trailing `/`; `default` stands in when none is given.
    """
    from wikijs_typed.utils import normalize_url  # the client's own URL rules (utils loads httpx)

    if value is None:
        return default
    text = check_text(value, name)
    try:
        return normalize_url(text)
    except ConfigurationError as exc:
        raise ValidationError(str(exc).replace("base_url", name), field=name) from None


def normalize_tag(tag: str) -> str:
    """A tag as Wiki.js stores it: trimmed and lowercased."""
    return tag.strip().lower()


def normalize_tags(tags: Iterable[str]) -> list[str]:
    """Tags as Wiki.js stores them: trimmed, lowercased, without blanks or repeats, in order."""
    return list(dict.fromkeys(t for t in (normalize_tag(tag) for tag in tags) if t))
