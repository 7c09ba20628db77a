"""What the MCP server lets an assistant do: writes, where, and how much one answer may hold.

Writes are off unless asked for, and then allowed only under the given path prefixes. A prefix
is a page path (`docs/howto`), optionally after a locale (`en/docs/howto`; without one it holds
in every locale); `/` alone is the whole wiki. Prefixes match whole path segments: `docs` covers
`docs` and `docs/a`, not `docs-old`. Paths are normalized the way the client normalizes page
paths before anything is compared, so `..`, `.` and doubled slashes are refused, never resolved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules

__all__ = ["WRITES_OFF", "McpSettings", "WritePrefix"]

WRITES_OFF = "writes are off: the server was started without --allow-writes"

DEFAULT_MAX_CONTENT_CHARS = 20_000
DEFAULT_MAX_RESULTS = 50
# Caps on the caps: an answer bigger than this floods any assistant's context.
MOST_CONTENT_CHARS = 500_000
MOST_RESULTS = 500

# Wiki.js reads a first URL segment of two letters (optionally `-` and a region) as a locale.
_LOCALE_SEGMENT = re.compile(r"[a-z]{2}(-[a-z]{2,4})?", re.IGNORECASE)


@dataclass(frozen=True)
class WritePrefix:
    """A subtree writes may touch: `path` and everything below it, in `locale`.

    Attributes:
        locale: The locale it holds in; None for every locale.
        path: The page path at its top; "" for the whole tree.
    """

    locale: str | None
    path: str

    @classmethod
    def parse(cls, text: str) -> WritePrefix:
        """Read a `--write-path` value.

        Args:
            text: A page path (`docs/howto`), optionally after a locale (`en/docs/howto`; a
                first segment of two letters, optionally with a region, is a locale); `/`
                alone is the whole wiki.

        Returns:
            The prefix.

        Raises:
            ValidationError: The path is not a valid page path (`..`, `.`, doubled slashes,
                control characters, ...).
        """
        if text.strip() == "/":
            return cls(None, "")
        path = rules.check_page_path(text, "--write-path")
        first, _, rest = path.partition("/")
        if _LOCALE_SEGMENT.fullmatch(first):
            return cls(first.lower(), rest)
        return cls(None, path)

    def covers(self, locale: str, path: str) -> bool:
        """Tell whether a page lies in this subtree; whole segments only.

        `docs` covers `docs` and `docs/a`, not `docs-old`.

        Args:
            locale: The page's locale, compared without regard to case.
            path: The page's normalized path.

        Returns:
            True when writes there are allowed by this prefix.
        """
        if self.locale is not None and self.locale != locale.lower():
            return False
        return not self.path or path == self.path or path.startswith(self.path + "/")

    def __str__(self) -> str:
        where = "/".join(part for part in (self.locale, self.path) if part)
        return where or "/"


@dataclass(frozen=True)
class McpSettings:
    """What the MCP server lets an assistant do; checked when made.

    Attributes:
        allow_writes: Whether the write tools work at all; off by default.
        write_prefixes: Where writes may go; at least one when writes are allowed.
        max_content_chars: Where a page's content is cut, and the most content one query
            answer shows in all; from 100 to 500,000.
        max_results: The cap on every `limit`; from 1 to 500.

    Raises:
        ValidationError: A cap is out of range, or writes are allowed under no prefix.
    """

    allow_writes: bool = False
    write_prefixes: tuple[WritePrefix, ...] = ()
    max_content_chars: int = DEFAULT_MAX_CONTENT_CHARS
    max_results: int = DEFAULT_MAX_RESULTS

    def __post_init__(self) -> None:
        _check_between(self.max_content_chars, 100, MOST_CONTENT_CHARS, "max_content_chars")
        _check_between(self.max_results, 1, MOST_RESULTS, "max_results")
        if self.allow_writes and not self.write_prefixes:
            raise ValidationError(
                "--allow-writes needs at least one --write-path (`/` for the whole wiki)",
                field="write_prefixes",
            )

    @classmethod
    def of(
        cls,
        *,
        allow_writes: bool = False,
        write_paths: Sequence[str] = (),
        max_content_chars: int = DEFAULT_MAX_CONTENT_CHARS,
        max_results: int = DEFAULT_MAX_RESULTS,
    ) -> McpSettings:
        """Make the settings from the command line's values.

        Args:
            allow_writes: Whether the write tools work at all.
            write_paths: The `--write-path` values (see `WritePrefix.parse`).
            max_content_chars: Where a page's content is cut.
            max_results: The cap on every `limit`.

        Returns:
            The settings.

        Raises:
            ValidationError: A path is invalid, a cap is out of range, or writes are allowed
                under no path.
        """
        return cls(
            allow_writes=allow_writes,
            write_prefixes=tuple(WritePrefix.parse(text) for text in write_paths),
            max_content_chars=max_content_chars,
            max_results=max_results,
        )

    def write_refusal(self, locale: str, path: str) -> str | None:
        """Tell why a write to a page is not allowed, in one sentence for the assistant.

        Args:
            locale: The page's locale.
            path: The page's normalized path.

        Returns:
            The reason, or None when the write is allowed.
        """
        if not self.allow_writes:
            return WRITES_OFF
        if any(prefix.covers(locale, path) for prefix in self.write_prefixes):
            return None
        allowed = ", ".join(str(prefix) for prefix in self.write_prefixes)
        return f"{locale}/{path} is outside the paths this server may write ({allowed})"


def _check_between(value: int, low: int, high: int, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(f"{name} must be a whole number from {low} to {high}", field=name)
