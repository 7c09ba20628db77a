"""The API's JSON is the standard library's, byte for byte, and refuses what it refuses."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wikijs_typed.api import _responses as responses
from wikijs_typed.api._memo import Rendered
from wikijs_typed.api._responses import render
from wikijs_typed.query._wagtail import (
    JSONObject,
    JSONValue,
    listing_json,
    shape_listing,
    wagtail_json,
)


def _stdlib(body: JSONObject) -> bytes:
    return json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


# What an API body holds: text (any, control characters and U+2028 included), integers of any
# size, booleans, nulls, lists and objects. (Shaped items hold no floats.)
_scalars = st.none() | st.booleans() | st.integers() | st.text()
_values: st.SearchStrategy[JSONValue] = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(), _values, max_size=6))
def test_a_body_is_rendered_as_the_standard_library_renders_it(body: JSONObject) -> None:
    assert render(body).content == _stdlib(body)


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_a_float_that_is_not_a_number_is_refused(number: float) -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        render({"items": [{"value": number}]})


def test_text_that_looks_like_not_a_number_is_text() -> None:
    body: JSONObject = {"title": "NaN and -Infinity", "id": 1}
    assert render(body).content == _stdlib(body)


def test_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(UnicodeEncodeError):
        render({"title": "\ud800"})


@given(
    st.lists(st.dictionaries(st.text(), _values, max_size=4), max_size=5),
    st.integers(min_value=0, max_value=10**6),
)
def test_a_listing_made_of_its_items_json_is_the_listing_rendered(
    items: list[JSONObject], total_count: int
) -> None:
    parts = [wagtail_json(item) for item in items]
    assert listing_json(parts, total_count) == _stdlib(shape_listing(items, total_count))


def test_a_renderer_digests_a_body_it_is_given_again_once(monkeypatch: pytest.MonkeyPatch) -> None:
    digested: list[bytes] = []
    plain = responses.render

    def counted(body: JSONObject | bytes, audience: str = "") -> Rendered:
        assert isinstance(body, bytes)
        digested.append(body)
        return plain(body, audience)

    monkeypatch.setattr(responses, "render", counted)
    renderer = responses.Renderer("guests")
    body = b'{"id":1}'
    assert renderer(body) == plain(body, "guests") != plain(body, "")
    assert renderer(body) is renderer(body)
    equal = bytes(bytearray(body))  # the same bytes, another object: digested again
    assert renderer(equal) == renderer(body)
    assert digested == [body, equal]
