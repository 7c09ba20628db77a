"""The typed field names (`wikijs_typed/query/_names.py`) match the catalogue they stand for.

`python -m tools.query_names` rewrites the file from the catalogue after a field is added.
"""

from __future__ import annotations

from tools.query_names import NAMES, render
from wikijs_typed.query._catalogue import DOCUMENTS, PAGES


def test_the_typed_names_match_the_catalogue() -> None:
    assert NAMES.read_text() == render(), "run `python -m tools.query_names`"


def test_every_typed_field_spec_parses_and_resolves() -> None:
    from typing import get_args

    from wikijs_typed.query import _names as names
    from wikijs_typed.query._fields import parse_fields, resolve_fields

    for alias, catalogue in ((names.PageFieldSpec, PAGES), (names.AssetFieldSpec, DOCUMENTS)):
        for spec in get_args(alias):
            if spec in ("_", "*"):
                continue
            resolve_fields(parse_fields(spec), catalogue, "detail")
