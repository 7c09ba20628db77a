"""PostgreSQL's `LIKE` and `ILIKE`, which Wiki.js's searches build from what the caller typed.

Wiki.js puts the search text into the pattern as it is (`%${query}%`), so `%` and `_` in it
are wildcards and a backslash escapes the next character, exactly as in SQL.
"""

from __future__ import annotations

import re


def like(pattern: str, text: str, *, ignore_case: bool = False) -> bool:
    parts: list[str] = []
    escaped = False
    for char in pattern:
        if escaped:
            parts.append(re.escape(char))
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    flags = re.DOTALL | (re.IGNORECASE if ignore_case else 0)
    return re.fullmatch("".join(parts), text, flags) is not None


def contains(needle: str, text: str, *, ignore_case: bool = False) -> bool:
    """`text LIKE '%needle%'`."""
    return like(f"%{needle}%", text, ignore_case=ignore_case)
