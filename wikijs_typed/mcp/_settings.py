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
    """A subtree writes may touch: `path` and everything below it, in `locale` (None: any)."""

    locale: str | None
    path: str  # "" is the top of the tree

    @classmethod
    def parse(cls, text: str) -> WritePrefix:
        if text.strip() == "/":
            return cls(None, "")
        path = rules.check_page_path(text, "--write-path")
        first, _, rest = path.partition("/")
        if _LOCALE_SEGMENT.fullmatch(first):
            return cls(first.lower(), rest)
        return cls(None, path)

    def covers(self, locale: str, path: str) -> bool:
        if self.locale is not None and self.locale != locale.lower():
            return False
        return not self.path or path == self.path or path.startswith(self.path + "/")

    def __str__(self) -> str:
        where = "/".join(part for part in (self.locale, self.path) if part)
        return where or "/"


@dataclass(frozen=True)
class McpSettings:
    """`allow_writes` with `write_prefixes`; `max_content_chars` cuts a page's content (and the
    content shown by one query answer, in all); `max_results` caps every `limit`."""

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
        return cls(
            allow_writes=allow_writes,
            write_prefixes=tuple(WritePrefix.parse(text) for text in write_paths),
            max_content_chars=max_content_chars,
            max_results=max_results,
        )

    def write_refusal(self, locale: str, path: str) -> str | None:
        """Why a write at `locale/path` is not allowed, in one sentence; None when it is."""
        if not self.allow_writes:
            return WRITES_OFF
        if any(prefix.covers(locale, path) for prefix in self.write_prefixes):
            return None
        allowed = ", ".join(str(prefix) for prefix in self.write_prefixes)
        return f"{locale}/{path} is outside the paths this server may write ({allowed})"


def _check_between(value: int, low: int, high: int, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(f"{name} must be a whole number from {low} to {high}", field=name)
