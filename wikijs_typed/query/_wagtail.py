"""Wagtail API v2's JSON shapes: `{"meta": {"total_count"}, "items"}` and `{"id", "meta", ...}`.

An item's keys come in Wagtail's order whatever order the fields were asked in: `id`, then
`meta` (left out when no meta field is selected), then the body fields in declaration order.
Dates are ISO 8601 in UTC with a `Z`; nested objects shape themselves (`to_wagtail`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from functools import lru_cache
from typing import TypeAlias, cast

from wikijs_typed.query._catalogue import DOCUMENTS, IMAGES, PAGES, PERSON, Catalogue

__all__ = ["JSONObject", "JSONValue", "detail_url", "shape_item", "shape_listing"]

JSONValue: TypeAlias = "None | bool | int | float | str | list[JSONValue] | dict[str, JSONValue]"
JSONObject: TypeAlias = "dict[str, JSONValue]"

_CATALOGUES: dict[str, Catalogue] = {c.endpoint: c for c in (PAGES, IMAGES, DOCUMENTS)}
# A nested author or creator: `type` is its only meta field.
PERSON_ENDPOINT = "users"


def detail_url(base_url: str, endpoint: str, key: int) -> str:
    """`<base_url>/<endpoint>/<id>/` (relative when there is no base URL)."""
    return f"{base_url.rstrip('/')}/{endpoint}/{key}/"


# Values that are their own JSON, by exact type: a set lookup is the cheapest check.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _json(value: object, base_url: str) -> JSONValue:
    # Scalars first: they are nearly every value.
    if type(value) in _SCALARS:
        return cast("JSONValue", value)
    if isinstance(value, str | int | float):  # an enum's member, say
        return value
    if isinstance(value, datetime):
        moment = value.astimezone(UTC).isoformat().replace("+00:00", "Z")
        return moment
    if isinstance(value, list | tuple):
        return [_json(item, base_url) for item in value]
    # A nested item or parent shapes itself (looked up, not checked against a runtime
    # Protocol, which costs more than the shaping).
    shape = getattr(value, "to_wagtail", None)
    if shape is not None:
        shaped: JSONObject = shape(base_url)
        return shaped
    raise TypeError(f"cannot shape {type(value).__name__} as JSON")


@lru_cache(maxsize=512)
def _layout(endpoint: str, names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Which of `names` go to `meta` and which to the body (`id` aside), in declaration order."""
    every: tuple[str, ...]
    if endpoint == PERSON_ENDPOINT:
        every, meta_names = PERSON, {"type"}
    else:
        catalogue = _CATALOGUES[endpoint]
        every, meta_names = catalogue.shown, {f.name for f in catalogue.fields if f.meta}
    meta = tuple(name for name in every if name in meta_names and name in names)
    body = tuple(
        name for name in every if name != "id" and name not in meta_names and name in names
    )
    return meta, body


def shape_item(endpoint: str, key: int, values: Mapping[str, object], base_url: str) -> JSONObject:
    """One item: `values` holds the selected fields (URLs that need `base_url` are made here)."""
    meta_names, body_names = _layout(endpoint, tuple(values))
    shaped: JSONObject = {}
    if "id" in values:
        shaped["id"] = _json(values["id"], base_url)
    if meta_names:
        shaped["meta"] = {
            name: detail_url(base_url, endpoint, key)
            if name == "detail_url"
            else _json(values[name], base_url)
            for name in meta_names
        }
    for name in body_names:
        shaped[name] = _json(values[name], base_url)
    return shaped


def shape_listing(items: list[JSONObject], total_count: int) -> JSONObject:
    shaped_items: list[JSONValue] = list(items)
    return {"meta": {"total_count": total_count}, "items": shaped_items}
