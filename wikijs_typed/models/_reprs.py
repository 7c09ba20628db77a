"""Values as a repr shows them: short enough for a terminal, whatever the wiki holds.

A page's content can be megabytes and a listing thousands of items; printing one must not
flood the screen. A short text is shown whole, a long title or path is cut, a body of text is
summed up by its length, and a long list shows its first items and how many more there are.
"""

from __future__ import annotations

from typing import Final

__all__ = ["bounded"]

# A one-line text up to this long is shown whole; a longer one is cut to this length.
TEXT_SHOWN: Final = 48
# Longer than this, or over several lines, a text is a body: its start says little about it.
LINE_SHOWN: Final = 200
ITEMS_SHOWN: Final = 3


class _Shown:
    """Stands in for a value in a repr: its repr is the given text, unquoted."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def bounded(value: object) -> object:
    """`value` as a repr should show it: itself when short, else a stand-in that is."""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, list | tuple) and len(value) > ITEMS_SHOWN:
        first = ", ".join(repr(bounded(item)) for item in value[:ITEMS_SHOWN])
        return _Shown(f"[{first}, … {len(value) - ITEMS_SHOWN:,} more]")
    return value


def _text(text: str) -> object:
    if len(text) <= TEXT_SHOWN:
        return text
    if len(text) > LINE_SHOWN or "\n" in text:
        return _Shown(f"<{len(text):,} chars>")
    return text[: TEXT_SHOWN - 1] + "…"
