"""`from_params`: Wagtail's parameters parsed and checked, with Wagtail's own messages."""

from __future__ import annotations

import pytest

from wikijs_typed.query._catalogue import DOCUMENTS, PAGES
from wikijs_typed.query._errors import QueryError
from wikijs_typed.query._fields import parse_fields, resolve_fields
from wikijs_typed.query._params import parse_params
from wikijs_typed.query._spec import QuerySpec, TreeFilter


def parsed(params: dict[str, str], **options: object) -> QuerySpec:
    return parse_params(QuerySpec(PAGES), params, **options)  # type: ignore[arg-type]


def message(params: dict[str, str], catalogue: object = PAGES) -> str:
    with pytest.raises(QueryError) as caught:
        parse_params(QuerySpec(catalogue), params)  # type: ignore[arg-type]
    return str(caught.value)


def test_the_issues_example_parses_to_one_spec() -> None:
    spec = parsed(
        {
            "order": "-title",
            "fields": "_,title",
            "child_of": "2",
            "search": "james joyce",
            "search_operator": "and",
            "limit": "10",
            "offset": "20",
            "slug": "about",
        }
    )
    assert [str(key) for key in spec.order] == ["-title"]
    assert spec.tree == TreeFilter("child_of", 2)
    assert spec.search is not None
    assert spec.search.terms == ("james", "joyce")
    assert (spec.limit, spec.offset) == (10, 20)
    assert spec.filters == (("slug", "about"),)
    assert resolve_fields(spec.fields, PAGES, "listing").names == ("title",)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"foo": "1"}, "query parameter is not an operation or a recognised field: foo"),
        ({"b": "1", "a": "2"}, "query parameter is not an operation or a recognised field: a, b"),
        ({"html_url": "x"}, "query parameter is not an operation or a recognised field: html_url"),
        ({"limit": "abc"}, "limit must be a positive integer"),
        ({"limit": "-1"}, "limit must be a positive integer"),
        ({"limit": "1.5"}, "limit must be a positive integer"),
        ({"limit": "1001"}, "limit cannot be higher than 1000"),
        ({"limit": "9" * 40}, "limit cannot be higher than 1000"),
        ({"offset": "abc", "limit": "abc"}, "offset must be a positive integer"),
        ({"offset": "-3"}, "offset must be a positive integer"),
        ({"order": "-random"}, "cannot order by '-random' (unknown field)"),
        ({"order": "random", "offset": "0"}, "random ordering with offset is not supported"),
        ({"order": "random,id"}, "random ordering cannot be combined with other fields"),
        ({"order": "not_a_field"}, "cannot order by 'not_a_field' (unknown field)"),
        ({"order": "title,"}, "cannot order by '' (unknown field)"),
        ({"order": "html_url"}, "cannot order by 'html_url' (unknown field)"),
        (
            {"is_published": "abc"},
            "field filter error. 'abc' is not a valid value for is_published "
            "(expected 'true' or 'false', got 'abc')",
        ),
        (
            {"is_published": "True"},
            "field filter error. 'True' is not a valid value for is_published "
            "(expected 'true' or 'false', got 'True')",
        ),
        (
            {"id": "abc"},
            "field filter error. 'abc' is not a valid value for id "
            "(invalid literal for int() with base 10: 'abc')",
        ),
        ({"slug": "a\0b"}, "field filter error. null characters are not allowed for slug"),
        ({"child_of": "abc"}, "child_of must be a positive integer"),
        ({"child_of": "-1"}, "child_of must be a positive integer"),
        ({"descendant_of": "abc"}, "descendant_of must be a positive integer"),
        ({"ancestor_of": "root"}, "ancestor_of must be a positive integer"),
        (
            {"descendant_of": "6", "child_of": "5"},
            "filtering by descendant_of with child_of is not supported",
        ),
        ({"search": "blog", "tags": "x"}, "filtering by tag with a search query is not supported"),
        ({"search": "blog", "search_operator": "xor"}, "search_operator must be 'and' or 'or'"),
        ({"type": "wikijs.Nope"}, "type doesn't exist"),
        ({"type": "nodot"}, "type doesn't exist"),
        ({"type": "a.b.c"}, "type doesn't exist"),
        ({"type": "WikiJS.Page"}, "type doesn't exist"),
        ({"fields": "123,title,abc"}, "unknown fields: 123, abc"),
        ({"fields": "-123,-title,-abc"}, "unknown fields: 123, abc"),
        ({"fields": "parent"}, "unknown fields: parent"),
        ({"fields": "title(foo,bar)"}, "'title' does not support nested fields"),
        ({"fields": "author(123,name,abc)"}, "unknown fields: 123, abc"),
    ],
)
def test_wagtails_messages(params: dict[str, str], expected: str) -> None:
    assert message(params) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("test#", "unexpected char '#' at position 4"),
        (" test", "unexpected whitespace at position 0"),
        ("test ", "unexpected whitespace at position 4"),
        ("test, test", "unexpected whitespace at position 5"),
        ("test ,test", "unexpected whitespace at position 4"),
        ("test-", "unexpected char '-' at position 4"),
        ("test,(foo)", "unexpected char '(' at position 5"),
        ("test)", "unexpected char ')' at position 4"),
        ("test,,foo", "unexpected char ',' at position 5"),
        ("test,foo,", "unexpected char ',' at position 9"),
        ("test(foo", "unexpected end of input (did you miss out a close bracket?)"),
        ("-test(foo)", "unexpected char '(' at position 5"),
        ("test,*", "'*' must be in the first position"),
        ("-*", "'*' cannot be negated"),
        ("*(foo,bar)", "unexpected char '(' at position 1"),
        ("*foo", "unexpected char 'f' at position 1"),
        ("foo*", "unexpected char '*' at position 3"),
        ("*,foo", "additional fields with '*' doesn't make sense"),
        ("test,_", "'_' must be in the first position"),
        ("*,_", "'_' must be in the first position"),
        ("-_", "'_' cannot be negated"),
        ("_(foo,bar)", "unexpected char '(' at position 1"),
        ("_,-foo", "negated fields with '_' doesn't make sense"),
    ],
)
def test_the_fields_grammars_errors(fields: str, expected: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_fields(fields)
    assert str(caught.value) == f"fields error: {expected}"


@pytest.mark.parametrize(
    "fields",
    [
        "test",
        "test,another_test",
        "-test",
        "test(foo,bar)",
        "*,-test",
        "*,test(foo)",
        "_,test",
        "a_test",
        "-a_test",
        "_test",
        "test_",
    ],
)
def test_valid_fields_parse(fields: str) -> None:
    assert parse_fields(fields)


@pytest.mark.parametrize(
    ("fields", "names"),
    [
        ("", ("id", "title", "type", "detail_url", "html_url", "slug", "first_published_at")),
        ("-title", ("id", "type", "detail_url", "html_url", "slug", "first_published_at")),
        ("_,id,type", ("id", "type")),
        ("_", ()),
        (
            "-title,title",
            ("id", "title", "type", "detail_url", "html_url", "slug", "first_published_at"),
        ),
        ("title,-title", ("id", "type", "detail_url", "html_url", "slug", "first_published_at")),
    ],
)
def test_fields_apply_in_order_from_the_defaults(fields: str, names: tuple[str, ...]) -> None:
    assert resolve_fields(parse_fields(fields), PAGES, "listing").names == names


def test_booleans_repeated_values_and_detail_views() -> None:
    assert parsed({"is_published": "true"}).filters == (("is_published", True),)
    assert parsed({"is_published": "0"}).filters == (("is_published", False),)
    # The last of repeated values counts, as in Django.
    assert parsed({"limit": ["5", "7"]}).limit == 7  # type: ignore[dict-item]
    assert parsed({"tags": "wagtail,bird"}).filters == (("tags", ("wagtail", "bird")),)
    assert parsed({"limit": " +5"}).limit == 5
    # A detail view ignores unknown parameters and the window.
    detail = parsed({"extended": "1", "limit": "abc"}, view="detail")
    assert detail.limit is None
    with pytest.raises(QueryError, match=r"^child_of must be a positive integer$"):
        parsed({"child_of": "abc"}, view="detail")
    assert parsed({"type": "wikijs.page,wikijs.Page", "order": ""}).order == ()
    assert parsed({"search": "", "search_operator": "xor"}).search is not None


def test_assets_know_no_page_parameters() -> None:
    assert message({"child_of": "1"}, DOCUMENTS) == (
        "query parameter is not an operation or a recognised field: child_of"
    )
    assert message({"fields": "width"}, DOCUMENTS) == "unknown fields: width"


GARBAGE = [
    "",
    " ",
    "-1",
    "0",
    "1e3",
    "1.5",
    "9" * 400,
    "\0",
    "true",
    "abc",
    "a,b,",
    ",",
    "(",
    "*",
    "_,-x",
    "é",
    "random",
]


@pytest.mark.parametrize("catalogue", [PAGES, DOCUMENTS])
def test_garbage_values_give_a_query_error_or_a_query(catalogue: object) -> None:
    """Any string in any parameter is either accepted or refused with a QueryError."""
    names = [
        "limit",
        "offset",
        "fields",
        "order",
        "search",
        "search_operator",
        "type",
        "child_of",
        "descendant_of",
        "ancestor_of",
        "in_folder",
        "nope",
        *catalogue.filters,
    ]  # type: ignore[attr-defined]
    refused: list[str] = []
    accepted = 0
    for name in names:
        for value in GARBAGE:
            try:
                parse_params(QuerySpec(catalogue), {name: value})  # type: ignore[arg-type]
            except QueryError as error:  # anything else fails the test
                refused.append(str(error))
            else:
                accepted += 1
    assert accepted
    assert all(refused)
    assert "limit cannot be higher than 1000" in refused
    assert "query parameter is not an operation or a recognised field: nope" in refused
