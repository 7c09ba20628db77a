"""Writing `wikijs_typed/query/_names.py`, the typed field names, from the query's catalogue.

    python -m tools.query_names    after a field is added to the catalogue

tests/test_query_names.py fails while the file and the catalogue disagree.
"""

from __future__ import annotations

import subprocess
import sys
from itertools import combinations
from pathlib import Path

from wikijs_typed.query._catalogue import DOCUMENTS, IMAGES, PAGES, PERSON, Catalogue

NAMES = Path(__file__).resolve().parents[1] / "wikijs_typed/query/_names.py"
PY_TYPES = {
    "int": "int",
    "str": "str",
    "bool": "bool",
    "datetime": "datetime",
    "tags": "Sequence[str]",
}
HEADER = '''"""The field names a query accepts, as types: a misspelled name fails mypy in user code.

Made from the catalogue by `python -m tools.query_names`, and checked against it by
tests/test_query_names.py. Nested fields are typed in the catalogue's order
(`author(name,email)`); any order works at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal, TypedDict

__all__ = [
    "AssetFieldSpec",
    "AssetFilters",
    "AssetOrder",
    "ImageFieldSpec",
    "ImageFilters",
    "ImageOrder",
    "PageFieldSpec",
    "PageFilters",
    "PageOrder",
]
'''


def field_specs(
    names: tuple[str, ...], nested: tuple[str, ...] = (), *, wildcards: bool = True
) -> list[str]:
    specs = ["_", "*"] if wildcards else []
    for name in names:
        specs += [name, f"-{name}"]
    subsets = [",".join(c) for k in range(1, len(PERSON) + 1) for c in combinations(PERSON, k)]
    for relation in nested:
        specs += [f"{relation}({s})" for s in subsets]
        specs += [f"{relation}(*)", *(f"{relation}(_,{s})" for s in subsets)]
        specs += [f"{relation}(-{n})" for n in PERSON]
    return specs


def orders(catalogue: Catalogue) -> list[str]:
    return [key for name in catalogue.orders for key in (name, f"-{name}")] + ["random"]


def _literal(name: str, values: list[str], comment: str) -> str:
    body = "\n".join(f'    "{value}",' for value in values)
    return f"# {comment}\n{name} = Literal[\n{body}\n]"


def _filters(name: str, doc: str, catalogue: Catalogue, base: Catalogue | None = None) -> str:
    """A TypedDict of the catalogue's filters; with `base`, only those `base` lacks."""
    inherited = set(base.filters) if base is not None else set()
    body = "\n".join(
        f"    {f.name}: {PY_TYPES[f.kind]}"
        for f in catalogue.fields
        if f.filterable and f.name not in inherited
    )
    parent = "AssetFilters" if base is not None else "TypedDict"
    return f'class {name}({parent}, total=False):\n    """{doc}"""\n\n{body}'


def render() -> str:
    image_only = tuple(n for n in IMAGES.shown if n not in DOCUMENTS.shown)
    parts = [
        HEADER,
        _literal(
            "PageFieldSpec",
            field_specs(PAGES.shown, ("author", "creator")),
            "What `fields(...)` takes: names, `-name`, `*`, `_`, and nested `author(...)`.",
        ),
        _literal("PageOrder", orders(PAGES), "A field, `-field` for descending, or `random`."),
        _filters("PageFilters", "The exact-match filters of `pages.query().filter(...)`.", PAGES),
        _literal("AssetFieldSpec", field_specs(DOCUMENTS.shown), "The fields of any asset."),
        _literal("ImageOnlyFieldSpec", field_specs(image_only, wildcards=False), "Images only."),
        "ImageFieldSpec = AssetFieldSpec | ImageOnlyFieldSpec",
        _literal("AssetOrder", orders(DOCUMENTS), "The orders of any asset."),
        _literal(
            "ImageOnlyOrder",
            [k for k in orders(IMAGES) if k not in orders(DOCUMENTS)],
            "Images only.",
        ),
        "ImageOrder = AssetOrder | ImageOnlyOrder",
        _filters(
            "AssetFilters", "The filters of `assets.documents.query().filter(...)`.", DOCUMENTS
        ),
        _filters(
            "ImageFilters",
            "The filters of `assets.images.query().filter(...)`.",
            IMAGES,
            DOCUMENTS,
        ),
    ]
    source = "\n\n\n".join(part.strip("\n") for part in parts) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(NAMES), "-"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


if __name__ == "__main__":
    NAMES.write_text(render())
