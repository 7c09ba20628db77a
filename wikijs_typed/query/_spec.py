"""The state of a content query: filters, tree position, search, order, fields and window.

A `QuerySpec` is immutable; every chaining call of a query makes a new one. Its values are
checked when they are set (a typed QueryError before anything is sent), with Wagtail's
messages where Wagtail has one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

from wikijs_typed.models import _rules as rules
from wikijs_typed.query._catalogue import PERSON, Catalogue, FieldDef
from wikijs_typed.query._errors import QueryError
from wikijs_typed.query._fields import FieldItem
from wikijs_typed.query._search import SearchTerms

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_MAX_LIMIT",
    "ROOT",
    "OrderKey",
    "QuerySpec",
    "Relation",
    "TreeFilter",
    "check_filter_value",
]

# GraphQL's Int, which every Wiki.js id is.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
# Wagtail's default page size, and this client's default cap on a page size.
DEFAULT_LIMIT = 20
DEFAULT_MAX_LIMIT = 1000
# `child_of("root")`: the top of the wiki's path tree (which has no page of its own).
ROOT = "root"
Relation = Literal["child_of", "descendant_of", "ancestor_of"]
# What Wagtail says when the page a tree filter names does not exist.
MISSING_TREE_TARGET: dict[Relation, str] = {
    "child_of": "parent page doesn't exist",
    "descendant_of": "ancestor page doesn't exist",
    "ancestor_of": "descendant page doesn't exist",
}


@dataclass(frozen=True)
class TreeFilter:
    relation: Relation
    # A page id, a path (`docs/setup`), or ROOT.
    target: int | str


@dataclass(frozen=True)
class OrderKey:
    name: str
    descending: bool = False

    def __str__(self) -> str:
        return f"-{self.name}" if self.descending else self.name


def check_filter_value(definition: FieldDef, value: object) -> object:
    """A filter value of the right type for its field, or QueryError."""
    name = definition.name
    if definition.kind == "tags":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, Sequence) or not all(isinstance(t, str) for t in items):
            raise QueryError(f"{name} must be a list of strings", field=name)
        return tuple(rules.normalize_tags(items))
    expected: type | tuple[type, ...] = {
        "int": int,
        "bool": bool,
        "datetime": datetime,
    }.get(definition.kind, str)
    if (isinstance(value, bool) and expected is int) or not isinstance(value, expected):
        raise QueryError(f"{name} must be {_article(definition.kind)}", field=name)
    if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
        # Some int filters go to Wiki.js as GraphQL Ints, which it refuses beyond 32 bits.
        raise QueryError(
            f"field filter error. '{value}' is not a valid value for {name} "
            "(Wiki.js numbers are 32-bit integers)",
            field=name,
        )
    if isinstance(value, str) and "\0" in value:
        raise QueryError(f"field filter error. null characters are not allowed for {name}")
    if isinstance(value, datetime) and value.tzinfo is None:
        raise QueryError(f"{name} must be a timezone-aware datetime", field=name)
    return value


def _article(kind: str) -> str:
    return {
        "int": "an integer",
        "bool": "True or False",
        "datetime": "a datetime",
    }.get(kind, "a string")


@dataclass(frozen=True)
class QuerySpec:
    """Everything a query says, checked; the planner and the evaluation read it."""

    catalogue: Catalogue = field(repr=False)
    filters: tuple[tuple[str, object], ...] = ()
    tree: TreeFilter | None = None
    # A folder of assets and everything below it.
    folder: str | None = None
    search: SearchTerms | None = None
    order: tuple[OrderKey, ...] = ()
    random: bool = False
    seed: int | None = None
    fields: tuple[FieldItem, ...] = ()
    limit: int | None = None
    offset: int = 0
    max_limit: int | None = DEFAULT_MAX_LIMIT
    # The base set (exact matches): items outside it do not exist for the query, neither as
    # results nor as tree targets or parents; later filters narrow it, never widen it.
    scope: tuple[tuple[str, object], ...] = ()
    # Field names the query neither shows nor accepts, at any level (`email` of an author).
    hidden: frozenset[str] = frozenset()

    def _checked(
        self, values: dict[str, object], held: tuple[tuple[str, object], ...]
    ) -> tuple[tuple[str, object], ...]:
        known = set(self.catalogue.filters) - self.hidden
        unknown = sorted(set(values) - known)
        if unknown:
            raise QueryError(
                "query parameter is not an operation or a recognised field: " + ", ".join(unknown)
            )
        checked = dict(held)
        for name, value in values.items():
            checked[name] = check_filter_value(self.catalogue.by_name[name], value)
        return tuple(checked.items())

    def with_filters(self, values: dict[str, object]) -> QuerySpec:
        return replace(self, filters=self._checked(values, self.filters))

    def with_scope(self, values: dict[str, object]) -> QuerySpec:
        return replace(self, scope=self._checked(values, self.scope))

    def with_hidden(self, names: Sequence[str]) -> QuerySpec:
        known = {*self.catalogue.shown, *self.catalogue.filters, *PERSON}
        unknown = sorted(name for name in names if name not in known)
        if unknown:
            raise QueryError(f"unknown fields: {', '.join(unknown)}", field="hide")
        return replace(self, hidden=self.hidden | frozenset(names))

    def with_tree(self, relation: Relation, target: object) -> QuerySpec:
        if isinstance(target, bool) or not isinstance(target, int | str):
            raise QueryError(f"{relation} must be a page id or a path", field=relation)
        if isinstance(target, int) and target < 0:
            raise QueryError(f"{relation} must be a positive integer", field=relation)
        if isinstance(target, str):
            target = target.strip().strip("/") or ROOT
        if self.tree is not None and {self.tree.relation, relation} == {
            "child_of",
            "descendant_of",
        }:
            raise QueryError("filtering by descendant_of with child_of is not supported")
        return replace(self, tree=TreeFilter(relation, target))

    def with_folder(self, path: str) -> QuerySpec:
        return replace(self, folder=path.strip().strip("/"))

    def with_order(self, keys: Sequence[str], seed: int | None) -> QuerySpec:
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise QueryError("seed must be an integer", field="seed")
        if not keys:
            return replace(self, order=(), random=False, seed=None)
        if "random" in keys:
            if len(keys) > 1:
                raise QueryError("random ordering cannot be combined with other fields")
            spec = replace(self, order=(), random=True, seed=seed)
            spec.check_window()
            return spec
        if seed is not None:
            raise QueryError("a seed only goes with order_by('random')", field="seed")
        parsed: list[OrderKey] = []
        for key in keys:
            if not isinstance(key, str):
                raise QueryError("order_by takes field names", field="order")
            descending = key.startswith("-")
            name = key[1:] if descending else key
            if name not in self.catalogue.orders or name in self.hidden:
                raise QueryError(f"cannot order by {key!r} (unknown field)")
            parsed.append(OrderKey(name, descending))
        return replace(self, order=tuple(parsed), random=False, seed=None)

    def with_window(self, *, limit: object = None, offset: object = None) -> QuerySpec:
        spec = self
        if offset is not None:
            if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
                raise QueryError("offset must be a positive integer", field="offset")
            spec = replace(spec, offset=offset)
        if limit is not None:
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
                raise QueryError("limit must be a positive integer", field="limit")
            if spec.max_limit is not None and limit > spec.max_limit:
                raise QueryError(f"limit cannot be higher than {spec.max_limit}")
            spec = replace(spec, limit=limit)
        spec.check_window()
        return spec

    def with_max_limit(self, maximum: object) -> QuerySpec:
        if maximum is not None and (
            isinstance(maximum, bool) or not isinstance(maximum, int) or maximum < 1
        ):
            raise QueryError("max_limit must be a positive integer or None", field="max_limit")
        return replace(self, max_limit=maximum)

    def check_window(self) -> None:
        if self.random and self.seed is None and self.offset:
            raise QueryError("random ordering with offset is not supported")

    @property
    def effective_limit(self) -> int:
        """The page size: as given, else Wagtail's 20 (or the cap, when lower)."""
        if self.limit is not None:
            return self.limit
        if self.max_limit is None:
            return DEFAULT_LIMIT
        return min(DEFAULT_LIMIT, self.max_limit)

    def filter_value(self, name: str) -> object | None:
        return dict(self.filters).get(name)
