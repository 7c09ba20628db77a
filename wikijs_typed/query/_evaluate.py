"""Filtering, searching and ordering rows on the client, for any endpoint (no I/O here).

A row is what a listing gave for one item (a page, an asset); an `Adapter` says how to read a
field of it. `matching` applies the spec's tree or folder filter, its exact filters, its search
and its order, and returns the ordered matches: their number is a listing's `total_count`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

from wikijs_typed.query._catalogue import Catalogue
from wikijs_typed.query._spec import QuerySpec

__all__ = ["Adapter", "in_scope", "matching", "sort_rows"]

R = TypeVar("R")
R_contra = TypeVar("R_contra", contravariant=True)


class Adapter(Protocol[R_contra]):
    catalogue: Catalogue

    def value(self, row: R_contra, name: str) -> object: ...
    def texts(self, row: R_contra, *, include_content: bool) -> list[str]: ...
    def default_key(self, row: R_contra) -> tuple[object, ...]: ...


def _equal(kind: str, have: object, want: object) -> bool:
    if kind == "tags" and isinstance(have, list | tuple) and isinstance(want, tuple):
        # All the wanted tags (lowercased when the filter was checked), in any case.
        held = {str(tag).strip().lower() for tag in have}
        return all(tag in held for tag in want)
    return have == want


def _sort_key(value: object) -> tuple[bool, object]:
    # Missing values first (ascending), then the values themselves; strings compare by code
    # point, so case matters ("Z" before "a"), as Wagtail documents.
    return (value is not None, value if value is not None else 0)


def sort_rows(rows: list[R], keys: Sequence[tuple[Callable[[R], object], bool]]) -> list[R]:
    """Rows sorted by several keys, each ascending or descending (stable)."""
    ordered = list(rows)
    for pick, descending in reversed(keys):
        ordered.sort(key=lambda row: _sort_key(pick(row)), reverse=descending)
    return ordered


class _Matcher(Generic[R]):
    def __init__(
        self, spec: QuerySpec, adapter: Adapter[R], filters: tuple[tuple[str, object], ...]
    ) -> None:
        self.by_name = spec.catalogue.by_name
        self.adapter = adapter
        self.filters = filters

    def keep(self, row: R) -> bool:
        return all(
            _equal(self.by_name[name].kind, self.adapter.value(row, name), want)
            for name, want in self.filters
        )


def in_scope(spec: QuerySpec, adapter: Adapter[R], rows: Sequence[R]) -> list[R]:
    """The rows inside the spec's scope, in their order: the only ones the query can see."""
    matcher = _Matcher(spec, adapter, spec.scope)
    return [row for row in rows if matcher.keep(row)]


def _reader(adapter: Adapter[R], name: str) -> Callable[[R], object]:
    return lambda row: adapter.value(row, name)


def matching(
    spec: QuerySpec, adapter: Adapter[R], rows: Sequence[R], *, ordered_already: bool = False
) -> list[R]:
    """The rows the spec keeps, in the spec's order (tree and folder filters already applied).

    `ordered_already` says the rows come in the default order (a page view's), which is then
    not made again.
    """
    matcher = _Matcher(spec, adapter, spec.filters)
    kept = [row for row in rows if matcher.keep(row)] if spec.filters else list(rows)
    ordered = kept if ordered_already else sorted(kept, key=adapter.default_key)
    scores: dict[int, int] = {}
    if spec.search is not None:
        terms = spec.search
        scored = [
            (row, terms.score(adapter.texts(row, include_content=terms.include_content)))
            for row in ordered
        ]
        ordered = [row for row, score in scored if score > 0]
        scores = {id(row): score for row, score in scored}
    if spec.random:
        shuffled = list(ordered)
        random.Random(spec.seed).shuffle(shuffled)
        return shuffled
    if spec.order:
        return sort_rows(ordered, [(_reader(adapter, k.name), k.descending) for k in spec.order])
    if spec.search is not None:
        # Ranked: most terms matched first, the default order among equals.
        return sorted(ordered, key=lambda row: -scores[id(row)])
    return ordered
