"""Sort keys that imitate PostgreSQL's en_US collation (case and accents matter last)."""

from __future__ import annotations

import unicodedata


def collation_key(text: str) -> tuple[str, str, str]:
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    primary = "".join(ch for ch in base.casefold() if ch.isalnum())
    return primary, base.casefold(), text
