"""Wagtail's `fields` grammar: parsing `_,title,author(name,email)` and resolving it to a selection.

Parsing reports Wagtail's own messages and 0-based positions ("fields error: unexpected char
'#' at position 4"). Resolving starts from the view's defaults (a listing's, a detail view's,
or a nested object's), or from everything (`*`) or nothing (`_`), then applies each item in
the order given: a name adds the field, `-name` removes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from wikijs_typed.query._catalogue import PERSON, Catalogue
from wikijs_typed.query._errors import QueryError

__all__ = ["FieldItem", "Selection", "View", "parse_fields", "resolve_fields"]

View = Literal["listing", "detail"]
PERSON_DEFAULT = ("id", "type", "name")
# The parser recurses once per bracket: a bound keeps `a(a(a(...)))` from exhausting the
# stack (no field nests more than one level anyway).
MAX_NESTING = 16


@dataclass(frozen=True)
class FieldItem:
    """One item of a fields parameter: a name, maybe negated, maybe with its own items."""

    name: str
    negated: bool = False
    children: tuple[FieldItem, ...] | None = None


def _error(message: str) -> QueryError:
    return QueryError(f"fields error: {message}", field="fields")


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def _peek(self) -> str | None:
        return self.text[self.pos] if self.pos < len(self.text) else None

    def _unexpected(self) -> QueryError:
        return _error(f"unexpected char {self.text[self.pos]!r} at position {self.pos}")

    def _identifier(self) -> tuple[str, bool]:
        name, negated, start = "", False, self.pos
        while (char := self._peek()) is not None:
            if char in "(),":
                # A name must come first, and `*` / `_` take no nested fields.
                if not name or (char == "(" and name in ("*", "_")):
                    raise self._unexpected()
                break
            if char == "-":
                if self.pos != start:
                    raise self._unexpected()
                negated = True
            elif char == "*":
                if name:
                    raise self._unexpected()
                name = "*"
            elif char.isalnum() or char == "_":
                if name == "*":
                    raise self._unexpected()
                name += char
            elif char.isspace():
                raise _error(f"unexpected whitespace at position {self.pos}")
            else:
                raise self._unexpected()
            self.pos += 1
        return name, negated

    def items(self, *, depth: int = 0) -> tuple[FieldItem, ...]:
        nested = depth > 0
        found: list[FieldItem] = []
        while self._peek() is not None:
            name, negated = self._identifier()
            if name in ("*", "_"):
                if found:
                    raise _error(f"'{name}' must be in the first position")
                if negated:
                    raise _error(f"'{name}' cannot be negated")
            children = None
            if self._peek() == "(":
                if negated:
                    raise self._unexpected()
                if depth >= MAX_NESTING:
                    raise _error(f"fields nest at most {MAX_NESTING} levels deep")
                self.pos += 1
                children = self.items(depth=depth + 1)
            if found and found[0].name == "_" and negated:
                raise _error("negated fields with '_' doesn't make sense")
            if found and found[0].name == "*" and not negated and not children:
                raise _error("additional fields with '*' doesn't make sense")
            found.append(FieldItem(name, negated, children))
            if self._peek() == ")":
                if not nested:
                    raise self._unexpected()
                self.pos += 1
                return tuple(found)
            if self._peek() == ",":
                self.pos += 1
                if self._peek() in (None, ","):
                    raise _error(f"unexpected char ',' at position {self.pos}")
        if nested:
            raise _error("unexpected end of input (did you miss out a close bracket?)")
        return tuple(found)


def parse_fields(text: str) -> tuple[FieldItem, ...]:
    """The items of a fields parameter; QueryError with Wagtail's message when malformed."""
    return _Parser(text).items()


# Compared and hashed by identity, as a catalogue is: the shape of a selection's items is kept
# by selection (`item_shape`), and the queries keep their selections.
@dataclass(frozen=True, eq=False)
class Selection:
    """The fields an item shows, in declaration order, and the sub-fields of nested ones."""

    names: tuple[str, ...]
    nested: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __contains__(self, name: object) -> bool:
        return name in self.names


def _apply(
    items: tuple[FieldItem, ...],
    known: tuple[str, ...],
    all_names: tuple[str, ...],
    defaults: tuple[str, ...],
) -> dict[str, tuple[FieldItem, ...] | None]:
    unknown = sorted({item.name for item in items if item.name not in ("*", "_")} - set(known))
    if unknown:
        raise QueryError(f"unknown fields: {', '.join(unknown)}", field="fields")
    start: tuple[str, ...] = defaults
    rest = items
    if items and items[0].name == "*":
        start, rest = all_names, items[1:]
    elif items and items[0].name == "_":
        start, rest = (), items[1:]
    chosen: dict[str, tuple[FieldItem, ...] | None] = dict.fromkeys(start)
    for item in rest:
        if item.negated:
            chosen.pop(item.name, None)
        else:
            chosen[item.name] = item.children
    return chosen


def _visible(names: tuple[str, ...], hidden: frozenset[str]) -> tuple[str, ...]:
    return tuple(name for name in names if name not in hidden)


def _person(items: tuple[FieldItem, ...] | None, hidden: frozenset[str]) -> tuple[str, ...]:
    if items is None:
        return _visible(PERSON_DEFAULT, hidden)
    known = _visible(PERSON, hidden)
    chosen = _apply(items, known, known, _visible(PERSON_DEFAULT, hidden))
    for name, children in chosen.items():
        if children is not None:
            raise QueryError(f"'{name}' does not support nested fields", field="fields")
    return tuple(name for name in PERSON if name in chosen)


def check_names(
    items: tuple[FieldItem, ...], catalogue: Catalogue, hidden: frozenset[str] = frozenset()
) -> None:
    """Unknown names are an error whichever view the fields end up in."""
    _apply(items, _visible(catalogue.shown, hidden), (), ())


# Pure and asked again for every evaluation of the same fields: the answers are kept.
@lru_cache(maxsize=512)
def resolve_fields(
    items: tuple[FieldItem, ...],
    catalogue: Catalogue,
    view: View,
    hidden: frozenset[str] = frozenset(),
) -> Selection:
    """The selection `items` gives in `view` (no items: the view's defaults).

    `hidden` names are unknown fields, at the top level and in nested objects alike.
    """
    if view == "listing":
        known, all_names, defaults = (
            catalogue.listing_all,
            catalogue.listing_all,
            catalogue.listing_defaults,
        )
    else:
        known, all_names, defaults = catalogue.shown, catalogue.shown, catalogue.shown
    known, all_names, defaults = (_visible(n, hidden) for n in (known, all_names, defaults))
    chosen = _apply(items, known, all_names, defaults)
    nested: dict[str, tuple[str, ...]] = {}
    for name, children in chosen.items():
        if catalogue.is_nested(name):
            nested[name] = _person(children, hidden)
        elif children is not None:
            raise QueryError(f"'{name}' does not support nested fields", field="fields")
    return Selection(tuple(n for n in catalogue.shown if n in chosen), nested)
