"""Wagtail API v2's JSON shapes: `{"meta": {"total_count"}, "items"}` and `{"id", "meta", ...}`.

An item's keys come in Wagtail's order whatever order the fields were asked in: `id`, then
`meta` (left out when no meta field is selected), then the body fields in declaration order.
Dates are ISO 8601 in UTC with a `Z`; nested objects shape themselves (`to_wagtail`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Protocol, TypeAlias, runtime_checkable

from wikijs_typed.query._catalogue import DOCUMENTS, IMAGES, PAGES, PERSON, Catalogue

__all__ = ["JSONObject", "JSONValue", "detail_url", "shape_item", "shape_listing"]

JSONValue: TypeAlias = "None | bool | int | float | str | list[JSONValue] | dict[str, JSONValue]"
JSONObject: TypeAlias = "dict[str, JSONValue]"

_CATALOGUES: dict[str, Catalogue] = {c.endpoint: c for c in (PAGES, IMAGES, DOCUMENTS)}
# A nested author or creator: `type` is its only meta field.
PERSON_ENDPOINT = "users"


@runtime_checkable
class Shaped(Protocol):
    def to_wagtail(self, base_url: str = "") -> JSONObject: ...


def detail_url(base_url: str, endpoint: str, key: int) -> str:
    """`<base_url>/<endpoint>/<id>/` (relative when there is no base URL)."""
    return f"{base_url.rstrip('/')}/{endpoint}/{key}/"


def _json(value: object, base_url: str) -> JSONValue:
    if isinstance(value, datetime):
        moment = value.astimezone(UTC).isoformat().replace("+00:00", "Z")
        return moment
    if isinstance(value, Shaped):
        return value.to_wagtail(base_url)
    if isinstance(value, list | tuple):
        return [_json(item, base_url) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"cannot shape {type(value).__name__} as JSON")


def shape_item(endpoint: str, key: int, values: Mapping[str, object], base_url: str) -> JSONObject:
    """One item: `values` holds the selected fields (URLs that need `base_url` are made here)."""
    names: tuple[str, ...]
    meta_names: tuple[str, ...]
    if endpoint == PERSON_ENDPOINT:
        names, meta_names = PERSON, ("type",)
    else:
        catalogue = _CATALOGUES[endpoint]
        names = catalogue.shown
        meta_names = tuple(f.name for f in catalogue.fields if f.meta)
    shaped: JSONObject = {}
    if "id" in values:
        shaped["id"] = _json(values["id"], base_url)
    meta: JSONObject = {}
    for name in names:
        if name not in meta_names or name not in values:
            continue
        if name == "detail_url":
            meta[name] = detail_url(base_url, endpoint, key)
        else:
            meta[name] = _json(values[name], base_url)
    if meta:
        shaped["meta"] = meta
    for name in names:
        if name != "id" and name not in meta_names and name in values:
            shaped[name] = _json(values[name], base_url)
    return shaped


def shape_listing(items: list[JSONObject], total_count: int) -> JSONObject:
    shaped_items: list[JSONValue] = list(items)
    return {"meta": {"total_count": total_count}, "items": shaped_items}
