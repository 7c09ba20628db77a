"""`wikijs_typed.utils`: the SDK's URL and response helpers."""

from __future__ import annotations

import httpx
import pytest

from wikijs_typed.exceptions import (
    ConfigurationError,
    GraphQLError,
    InvalidResponseError,
    NotFoundError,
)
from wikijs_typed.utils import (
    build_api_url,
    extract_error_message,
    normalize_url,
    parse_wiki_response,
)


def test_normalize_url_strips_slashes_and_keeps_sub_paths() -> None:
    assert normalize_url(" https://wiki.example.com/ ") == "https://wiki.example.com"
    assert normalize_url("http://host:3000/wiki//") == "http://host:3000/wiki"


@pytest.mark.parametrize(
    "bad", ["", "   ", "wiki.example.com", "ftp://wiki.example.com", "https://", "https://h/?q=1"]
)
def test_normalize_url_refuses_what_is_not_a_wiki_address(bad: str) -> None:
    with pytest.raises(ConfigurationError):
        normalize_url(bad)


def test_build_api_url() -> None:
    assert build_api_url("https://wiki.example.com/", "/graphql") == (
        "https://wiki.example.com/graphql"
    )
    assert build_api_url("https://h/wiki", "graphql") == "https://h/wiki/graphql"


def test_parse_wiki_response_returns_data_or_raises_typed_errors() -> None:
    assert parse_wiki_response({"data": {"pages": {"single": {"id": 1}}}}) == {
        "pages": {"single": {"id": 1}}
    }
    missing = {
        "errors": [
            {
                "message": "This page does not exist.",
                "path": ["pages", "single"],
                "extensions": {"exception": {"code": 6003}},
            }
        ],
        "data": {"pages": {"single": None}},
    }
    with pytest.raises(NotFoundError):
        parse_wiki_response(missing)
    partial = {"errors": [{"message": "boom", "path": ["pages", "x"]}], "data": {"pages": {}}}
    with pytest.raises(GraphQLError) as caught:
        parse_wiki_response(partial)
    assert caught.value.data == {"pages": {}}
    with pytest.raises(InvalidResponseError):
        parse_wiki_response(["not", "an", "object"])


def test_extract_error_message_prefers_the_server_s_words() -> None:
    graphql = httpx.Response(400, json={"errors": [{"message": "Cannot query field"}]})
    upload = httpx.Response(403, json={"succeeded": False, "message": "You are not authorized"})
    text = httpx.Response(500, text="POST body missing. Did you forget use body-parser?")
    empty = httpx.Response(502)

    assert extract_error_message(graphql) == "Cannot query field"
    assert extract_error_message(upload) == "You are not authorized"
    assert extract_error_message(text).startswith("POST body missing")
    assert extract_error_message(empty) == "HTTP 502 Bad Gateway"
