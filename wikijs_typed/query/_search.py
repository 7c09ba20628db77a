"""Full-text matching on the client: terms split on word boundaries, lowercased and unaccented.

Wiki.js's own `pages.search` matches a case-insensitive substring of title, description and
path, never unaccents (`CAFE` misses "Café"), leaves unpublished pages out and knows no
operator. The listing already carries those three fields for every page, so matching them
here costs no request and follows Wagtail's rules: `and` keeps items that contain every term,
`or` at least one, ranked by how many terms they contain.

A term matches a word of the text when the word starts with it (`instal` finds "installing").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

__all__ = ["Operator", "SearchTerms", "normalise", "words"]

Operator = Literal["and", "or"]
_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lowercased, accents removed (NFKD, combining marks dropped): "Café" → "cafe"."""
    if text.isascii():  # nothing to unaccent, and ASCII's casefold is its lower case
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


# A search looks at the same titles, descriptions and paths on every request: their words are
# kept (a bounded number of texts, the most recently searched), distinct and sorted.
@lru_cache(maxsize=65_536)
def _sorted_words(text: str) -> tuple[str, ...]:
    return tuple(sorted(set(words(text))))


def _has_word_starting(text: str, term: str) -> bool:
    found = _sorted_words(text)
    # The words a term starts sort together, from the first word not before the term.
    at = bisect_left(found, term)
    return at < len(found) and found[at].startswith(term)


@dataclass(frozen=True)
class SearchTerms:
    """A checked search: its terms (none for an empty search, which matches nothing)."""

    terms: tuple[str, ...]
    operator: Operator = "and"
    # Also look in the page content (costs reading every candidate page).
    include_content: bool = False

    @classmethod
    def build(
        cls, text: str, operator: Operator = "and", *, include_content: bool = False
    ) -> SearchTerms:
        # Repeated terms count once.
        return cls(tuple(dict.fromkeys(words(text))), operator, include_content)

    def score(self, texts: Iterable[str]) -> int:
        """How many terms the texts contain; 0 when the item does not match at all."""
        texts = tuple(texts)
        hits = 0
        # Plain loops: this runs for every candidate of every search.
        for term in self.terms:
            for text in texts:
                if _has_word_starting(text, term):
                    hits += 1
                    break
            else:
                if self.operator == "and":
                    return 0
        return hits
