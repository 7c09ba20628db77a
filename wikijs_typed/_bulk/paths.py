"""Where a page lives on disk, and the guard that keeps every file inside the export folder.

The layout is Wiki.js's own disk storage: `<locale>/<page path>.<ext>` (Wiki.js leaves the
locale folder out for its default locale; an export always writes it, an import accepts both).
Page paths come from the server and from people's file trees, so both directions refuse what
could reach outside the folder or what a file system cannot store faithfully: `..`, absolute
paths, NUL and control characters, names Windows reserves, and links that point elsewhere.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules

__all__ = [
    "EXTENSIONS",
    "PageLocation",
    "UnsafePathError",
    "check_relative",
    "inside",
    "location_of_file",
    "page_file",
    "split_locale",
]

# Content type to file extension, as Wiki.js's storage modules name them.
EXTENSIONS = {"markdown": ".md", "html": ".html"}
# Wiki.js's locale folder: `en`, `pt-br` (server/helpers/page.js, localeFolderRegex).
_LOCALE = re.compile(r"^[a-z]{2}(?:-[a-z]{2})?$", re.IGNORECASE)
# Names no Windows file system accepts, whatever the extension.
_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$", re.IGNORECASE)
# Characters that are not portable in a file name (Windows refuses them; they are also
# exactly the ones Wiki.js strips from a URL path).
_UNPORTABLE = '<>:"|?*\\'
# Those, control characters and DEL.
_UNSAFE_CHARACTER = re.compile(f"[\\x00-\\x1f\\x7f{re.escape(_UNPORTABLE)}]")


class UnsafePathError(ValidationError):
    """A page path or a file path that cannot be written inside the export folder as given."""


@dataclass(frozen=True, slots=True)
class PageLocation:
    """A page's address on the wiki: its locale and its path (no leading `/`)."""

    locale: str
    path: str

    def __str__(self) -> str:
        return f"{self.locale}/{self.path}"


def _check_segment(segment: str, whole: str) -> None:
    if segment in ("", ".", ".."):
        raise UnsafePathError(f"{whole!r}: empty, '.' or '..' segment", field="path")
    if _UNSAFE_CHARACTER.search(segment):
        bad = sorted({ch for ch in segment if _UNSAFE_CHARACTER.match(ch)})
        shown = ", ".join(repr(ch) for ch in bad)
        raise UnsafePathError(f"{whole!r}: a file name cannot hold {shown}", field="path")
    if _RESERVED.match(segment):
        raise UnsafePathError(f"{whole!r}: {segment!r} is a reserved file name", field="path")
    if segment.endswith((" ", ".")):
        raise UnsafePathError(f"{whole!r}: a name cannot end with a dot or a space", field="path")


def check_relative(relative: str) -> PurePosixPath:
    """A `/`-separated path relative to the export folder, every segment checked."""
    if not relative or relative.startswith("/") or PurePosixPath(relative).is_absolute():
        raise UnsafePathError(f"{relative!r}: not a relative path", field="path")
    for segment in relative.split("/"):
        _check_segment(segment, relative)
    return PurePosixPath(relative)


def page_file(location: PageLocation, content_type: str | None) -> PurePosixPath:
    """The file an export writes a page to, relative to the folder: `en/docs/install.md`.

    UnsafePathError when the page's path cannot be a file inside the folder.
    """
    if not _LOCALE.match(location.locale):
        raise UnsafePathError(f"locale {location.locale!r} is not a locale code", field="locale")
    extension = EXTENSIONS.get(content_type or "markdown")
    if extension is None:
        raise UnsafePathError(
            f"{location}: pages of content type {content_type!r} have no file format",
            field="content_type",
        )
    return check_relative(f"{location.locale}/{location.path}{extension}")


def split_locale(path: str, default_locale: str) -> PageLocation:
    """A page address, `en/docs/install` or `docs/install`, as a locale and a path.

    A leading locale code names the locale (otherwise `default_locale`).

    Raises:
        ValidationError: when Wiki.js could not store a page at that path.
    """
    parts = rules.check_page_path(path).split("/")
    locale = default_locale
    if len(parts) > 1 and _LOCALE.match(parts[0]):
        locale = parts.pop(0).lower()
    # Files made on macOS arrive decomposed (NFD); Wiki.js matches paths by their code points.
    clean = unicodedata.normalize("NFC", "/".join(parts))
    return PageLocation(locale, rules.check_page_path(clean))


def location_of_file(relative: PurePosixPath, default_locale: str) -> PageLocation:
    """The page a file stands for: its path without the extension, read by `split_locale`."""
    check_relative(relative.as_posix())
    return split_locale(relative.with_suffix("").as_posix(), default_locale)


def inside(root: Path, relative: PurePosixPath) -> Path:
    """The absolute file for `relative` under `root`, refusing any route out of `root`.

    Refused routes: a symlinked folder on the way, or a symlink where the file should be.
    """
    base = os.path.realpath(root)
    # `base` is resolved and every segment of `relative` is a plain name (check_relative),
    # so a link can only be one of the folders below it (made by whoever else writes in the
    # folder): look at those alone, one lstat each, rather than resolving the whole path.
    *folders, name = relative.parts
    here = base
    for folder in folders:
        here = os.path.join(here, folder)
        if _is_link(here):
            raise UnsafePathError(
                f"{relative}: a folder on the way is a symbolic link", field="path"
            )
    target = os.path.join(here, name)
    if _is_link(target):
        raise UnsafePathError(f"{relative}: is a symbolic link, not followed", field="path")
    return Path(target)


def _is_link(path: str) -> bool:
    """Whether `path` is a symbolic link (False when there is nothing there)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
