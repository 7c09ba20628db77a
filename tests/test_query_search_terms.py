"""A search's score is the plain definition's: terms that start a word of the texts, counted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wikijs_typed.query._search import Operator, SearchTerms, words


def _plain_score(terms: SearchTerms, texts: list[str]) -> int:
    found = {word for text in texts for word in words(text)}
    hits = sum(1 for term in terms.terms if any(word.startswith(term) for word in found))
    if terms.operator == "and" and hits < len(terms.terms):
        return 0
    return hits


# Few letters, so that terms often start (or are) words of the texts; accents and case too.
_text = st.text(alphabet="abcAéÉ _-/.0", max_size=30)


@given(
    st.text(alphabet="abcAéÉ 0", max_size=12),
    st.sampled_from(["and", "or"]),
    st.lists(_text, max_size=3),
)
def test_a_score_is_the_plain_definitions(
    search: str, operator: Operator, texts: list[str]
) -> None:
    terms = SearchTerms.build(search, operator)
    assert terms.score(texts) == _plain_score(terms, texts)


def test_a_term_starts_words_in_any_of_the_texts() -> None:
    terms = SearchTerms.build("inst guide", "and")
    assert terms.score(["Installing", "the user guide"]) == 2
    assert terms.score(["Installing", "the user"]) == 0
    assert SearchTerms.build("inst guide", "or").score(["Installing", "the user"]) == 1
    assert SearchTerms.build("", "or").score(["anything"]) == 0
