"""`from_params`: Wagtail's query parameters (strings, as an HTTP request carries them) to a spec.

All parsing and checking happens here, in Wagtail's order, so that a request with several
problems gets the error Wagtail would give: `type`, then unknown parameters (listings only),
then the field filters, the tree filters, `order`, `search`, then `offset` and `limit`
(listings only), then `fields`. Every error is a QueryError carrying Wagtail's message.

A parameter given several times counts with its last value, as Django's `request.GET` does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from wikijs_typed.query._catalogue import PAGES, FieldDef
from wikijs_typed.query._errors import QueryError
from wikijs_typed.query._fields import View, parse_fields, resolve_fields
from wikijs_typed.query._search import Operator, SearchTerms
from wikijs_typed.query._spec import ROOT, QuerySpec, Relation

__all__ = ["Params", "parse_params"]

Params = Mapping[str, str | Sequence[str]]

# Parameters every endpoint knows; `_` is jQuery's cache buster, `format` the renderer's.
_COMMON = frozenset(
    {"limit", "offset", "fields", "order", "search", "search_operator", "_", "format"}
)
_PAGES = frozenset({"type", "child_of", "ancestor_of", "descendant_of", "locale"})
_ASSETS = frozenset({"in_folder"})
_TREE: tuple[Relation, ...] = ("child_of", "ancestor_of", "descendant_of")


def _last(value: str | Sequence[str]) -> str:
    if isinstance(value, str):
        return value
    items = list(value)
    return str(items[-1]) if items else ""


def _parse_value(definition: FieldDef, raw: str) -> object:
    name = definition.name
    prefix = f"field filter error. {raw!r} is not a valid value for {name}"
    if "\0" in raw:
        raise QueryError(f"field filter error. null characters are not allowed for {name}")
    if definition.kind == "int":
        try:
            return int(raw)
        except ValueError as exc:
            raise QueryError(f"{prefix} ({exc})") from None
    if definition.kind == "bool":
        booleans = {"true": True, "1": True, "false": False, "0": False}
        if raw not in booleans:
            raise QueryError(f"{prefix} (expected 'true' or 'false', got {raw!r})")
        return booleans[raw]
    if definition.kind == "datetime":
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            raise QueryError(f"{prefix} (expected an ISO 8601 date and time)") from None
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    if definition.kind == "tags":
        return [tag for tag in raw.split(",") if tag.strip()]
    return raw


def _positive(raw: str, name: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise QueryError(f"{name} must be a positive integer") from None
    if value < 0:
        raise QueryError(f"{name} must be a positive integer")
    return value


def _check_type(raw: str, type_name: str) -> None:
    """Only `wikijs.Page` exists (the model name in any case, as Django looks it up)."""
    label, _, model = type_name.partition(".")
    for wanted in raw.split(","):
        got_label, dot, got_model = wanted.partition(".")
        if not dot or got_label != label or got_model.lower() != model.lower():
            raise QueryError("type doesn't exist")


def parse_params(spec: QuerySpec, params: Params, *, view: View = "listing") -> QuerySpec:
    """`spec` narrowed by Wagtail-style parameters; QueryError with Wagtail's message."""
    values = {str(name): _last(value) for name, value in params.items()}
    catalogue = spec.catalogue
    pages = catalogue is PAGES
    if pages and values.get("type"):
        _check_type(values["type"], catalogue.type_name)
    known = _COMMON | (_PAGES if pages else _ASSETS) | (set(catalogue.filters) - spec.hidden)
    if view == "listing":
        unknown = sorted(set(values) - known)
        if unknown:
            raise QueryError(
                "query parameter is not an operation or a recognised field: " + ", ".join(unknown)
            )
    filters = {
        name: _parse_value(catalogue.by_name[name], raw)
        for name, raw in values.items()
        if name in catalogue.filters and name not in spec.hidden
    }
    if "search" in values and "tags" in filters:
        raise QueryError("filtering by tag with a search query is not supported")
    spec = spec.with_filters(filters)
    if pages:
        spec = _tree(spec, values)
    elif values.get("in_folder"):
        spec = spec.with_folder(values["in_folder"])
    spec = _order(spec, values, view)
    if "search" in values:
        spec = replace(spec, search=_search(values))
    if view == "listing":
        spec = _window(spec, values)
    if values.get("fields"):
        items = parse_fields(values["fields"])
        resolve_fields(items, catalogue, view, spec.hidden)
        spec = replace(spec, fields=items)
    return spec


def _tree(spec: QuerySpec, values: dict[str, str]) -> QuerySpec:
    for relation in _TREE:
        raw = values.get(relation)
        if raw is None:
            continue
        if relation == "descendant_of" and "child_of" in values:
            raise QueryError("filtering by descendant_of with child_of is not supported")
        # Wagtail's `ancestor_of` takes no `root`.
        target: int | str = (
            ROOT if raw == ROOT and relation != "ancestor_of" else _positive(raw, relation)
        )
        spec = spec.with_tree(relation, target)
    return spec


def _order(spec: QuerySpec, values: dict[str, str], view: View) -> QuerySpec:
    raw = values.get("order")
    if not raw:
        return spec
    keys = raw.split(",")
    if "random" in keys and len(keys) == 1 and "offset" in values and view == "listing":
        raise QueryError("random ordering with offset is not supported")
    return spec.with_order(keys, None)


def _search(values: dict[str, str]) -> SearchTerms:
    text = values["search"]
    operator: Operator = "and"
    raw = values.get("search_operator")
    if text and raw:
        lowered = raw.lower()
        if lowered not in ("and", "or"):
            raise QueryError("search_operator must be 'and' or 'or'")
        operator = "and" if lowered == "and" else "or"
    return SearchTerms.build(text, operator)


def _window(spec: QuerySpec, values: dict[str, str]) -> QuerySpec:
    offset = _positive(values["offset"], "offset") if "offset" in values else None
    limit = _positive(values["limit"], "limit") if "limit" in values else None
    return spec.with_window(limit=limit, offset=offset)
