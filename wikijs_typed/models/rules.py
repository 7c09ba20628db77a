"""The server's rules for ids, paths, titles and tags, checked on the client.

Checking them here means a bad value fails at once with a `ValidationError` that says what is
wrong, instead of after a round trip (or, for some update quirks, after a partial write).
The path rules are Wiki.js's own (FINDINGS §4: PageIllegalPath 6005).
"""

from __future__ import annotations

from collections.abc import Iterable

from wikijs_typed.exceptions import ValidationError

__all__ = [
    "ILLEGAL_PATH_PARTS",
    "MAX_TITLE_LENGTH",
    "check_id",
    "check_limit",
    "check_locale",
    "check_non_empty",
    "check_offset",
    "check_page_path",
    "check_title",
    "normalize_tag",
    "normalize_tags",
]

# Wiki.js refuses a page path containing any of these (PageIllegalPath, 6005).
ILLEGAL_PATH_PARTS = (".", " ", "\\", "//")
MAX_TITLE_LENGTH = 255


def check_id(value: object, name: str = "id") -> int:
    """A positive integer id (booleans and numeric strings are refused)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            f"{name} must be a positive integer, not {type(value).__name__}", field=name
        )
    if value < 1:
        raise ValidationError(f"{name} must be a positive integer, got {value}", field=name)
    return value


def check_offset(value: object, name: str = "offset") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(f"{name} must be a non-negative integer", field=name)
    return value


def check_limit(value: object, name: str = "limit") -> int | None:
    """None (no limit) or a positive integer."""
    if value is None:
        return None
    return check_id(value, name)


def check_non_empty(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{name} must be a string, not {type(value).__name__}", field=name)
    if not value.strip():
        raise ValidationError(f"{name} must not be empty", field=name)
    return value


def check_title(value: object, name: str = "title") -> str:
    title = check_non_empty(value, name).strip()
    if len(title) > MAX_TITLE_LENGTH:
        raise ValidationError(f"{name} must be at most {MAX_TITLE_LENGTH} characters", field=name)
    return title


def check_page_path(value: object, name: str = "path") -> str:
    """A page path as Wiki.js stores it: one leading and one trailing `/` dropped, like the server.

    Unicode is fine (`docs/café`); a dot, a space, a backslash or `//` is not.
    """
    path = check_non_empty(value, name)
    path = path.removeprefix("/").removesuffix("/")
    bad = [part for part in ILLEGAL_PATH_PARTS if part in path]
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


def normalize_tag(tag: str) -> str:
    """A tag as Wiki.js stores it: trimmed and lowercased."""
    return tag.strip().lower()


def normalize_tags(tags: Iterable[str]) -> list[str]:
    """Tags as Wiki.js stores them: trimmed, lowercased, without blanks or repeats, in order."""
    return list(dict.fromkeys(t for t in (normalize_tag(tag) for tag in tags) if t))
