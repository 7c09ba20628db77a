"""Wagtail API v2's JSON shapes: `{"meta": {"total_count"}, "items"}` and `{"id", "meta", ...}`.

An item's keys come in Wagtail's order whatever order the fields were asked in: `id`, then
`meta` (left out when no meta field is selected), then the body fields in declaration order.
Dates are ISO 8601 in UTC with a `Z`; nested objects shape themselves (`to_wagtail`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timezone
from functools import lru_cache
from typing import Protocol, TypeAlias, TypeVar

from pydantic_core import PydanticSerializationError, TzInfo, to_json

from wikijs_typed.query._catalogue import DOCUMENTS, IMAGES, PAGES, PERSON, Catalogue
from wikijs_typed.query._fields import Selection

__all__ = [
    "ItemShape",
    "JSONObject",
    "JSONValue",
    "detail_url",
    "iso_utc",
    "item_shape",
    "listing_json",
    "shape_listing",
    "wagtail_json",
]


class Row(Protocol):
    """A page or an asset: what an item is made of, keyed by its id."""

    @property
    def id(self) -> int: ...


RowT = TypeVar("RowT", bound=Row)
# How a field's value is read from a row; None: the row's attribute of the field's name.
Reader: TypeAlias = "Callable[[RowT], object] | None"

JSONValue: TypeAlias = "None | bool | int | float | str | list[JSONValue] | dict[str, JSONValue]"
JSONObject: TypeAlias = "dict[str, JSONValue]"

_CATALOGUES: dict[str, Catalogue] = {c.endpoint: c for c in (PAGES, IMAGES, DOCUMENTS)}
# A nested author or creator: `type` is its only meta field.
PERSON_ENDPOINT = "users"


def detail_url(base_url: str, endpoint: str, key: int) -> str:
    """`<base_url>/<endpoint>/<id>/` (relative when there is no base URL)."""
    return f"{base_url.rstrip('/')}/{endpoint}/{key}/"


# Values that are their own JSON (a str enum's member too). One isinstance with a tuple is a
# single C call, checked before anything else: nearly every value is one of these.
_PLAIN = (str, int, float, type(None))  # a bool is an int
_SEQUENCES = (list, tuple)


def iso_utc(moment: datetime) -> str:
    """`moment` in UTC, ISO 8601 with a `Z`: `2024-05-01T12:30:00.250000Z`.

    The same string as `moment.astimezone(UTC).isoformat().replace("+00:00", "Z")` (a naive
    moment is local time, as `astimezone` reads it), made from the date's and the time's own
    `isoformat`: an aware datetime's `isoformat` also formats the offset, which costs about a
    third of the whole, only for `+00:00` to be replaced. Both show the microseconds exactly
    when they are not zero.
    """
    if type(moment.tzinfo) in _FIXED_OFFSETS:
        return _kept_iso_utc(moment)
    return _iso_utc(moment)


def _iso_utc(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    return f"{utc.date().isoformat()}T{utc.time().isoformat()}Z"


# A zone of one fixed offset: equal moments in it are the same instant, whatever their `fold`
# (two wall times of a zone that moves its clocks back can be equal and yet an hour apart).
_FIXED_OFFSETS = (timezone, TzInfo)


# Every response shows the same pages' dates again: their strings are kept (a bounded number,
# the most recently shown). Only for fixed offsets, where an equal moment is the same instant.
@lru_cache(maxsize=65_536)
def _kept_iso_utc(moment: datetime) -> str:
    return _iso_utc(moment)


def _json(value: object, base_url: str) -> JSONValue:
    # Dates first: the callers have taken the plain values already (see `ItemShape.shape`).
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, _SEQUENCES):
        return [item if isinstance(item, _PLAIN) else _json(item, base_url) for item in value]
    # A nested item or parent shapes itself (looked up, not checked against a runtime
    # Protocol, which costs more than the shaping).
    shape = getattr(value, "to_wagtail", None)
    if shape is not None:
        shaped: JSONObject = shape(base_url)
        return shaped
    raise TypeError(f"cannot shape {type(value).__name__} as JSON")


class ItemShape:
    """Where each key of an item's Wagtail shape comes from, for the items of one selection.

    Worked out once per selection (`item_shape`), not for every item: which names go to
    `meta` and which to the body, in declaration order.

    Args:
        endpoint: The items' endpoint (`users` for a nested author or creator).
        names: The fields the items show.
    """

    def __init__(self, endpoint: str, names: tuple[str, ...]) -> None:
        every: tuple[str, ...]
        if endpoint == PERSON_ENDPOINT:
            every, meta_names = PERSON, {"type"}
        else:
            catalogue = _CATALOGUES[endpoint]
            every, meta_names = catalogue.shown, {f.name for f in catalogue.fields if f.meta}
        self.endpoint = endpoint
        self.has_id = "id" in names
        self.meta = tuple(name for name in every if name in meta_names and name in names)
        self.body = tuple(
            name for name in every if name != "id" and name not in meta_names and name in names
        )

    def shape(self, key: int, values: Mapping[str, object], base_url: str) -> JSONObject:
        """One item: `values` holds its fields (URLs that need `base_url` are made here)."""
        # Plain values are taken as they are here, without a call to `_json`: they are most
        # of an item, and the call would cost more than the check.
        shaped: JSONObject = {}
        if self.has_id:
            value = values["id"]
            shaped["id"] = value if isinstance(value, _PLAIN) else _json(value, base_url)
        if self.meta:
            meta: JSONObject = {}
            for name in self.meta:
                value = values[name]
                if name == "detail_url":
                    meta[name] = detail_url(base_url, self.endpoint, key)
                else:
                    meta[name] = value if isinstance(value, _PLAIN) else _json(value, base_url)
            shaped["meta"] = meta
        for name in self.body:
            value = values[name]
            shaped[name] = value if isinstance(value, _PLAIN) else _json(value, base_url)
        return shaped

    def shape_rows(
        self, rows: Iterable[RowT], readers: Mapping[str, Reader[RowT]], base_url: str
    ) -> list[JSONObject]:
        """The shapes of the items `readers` would make of `rows`, straight from the rows.

        The same JSON as making each row's item (its values read by `readers`) and shaping
        it with `shape`, without the item and its dict of values in between: each value is
        read and shaped in one go (the content API's listings and detail views).

        Args:
            rows: The pages or assets, each with the `id` its item is keyed by.
            readers: How each selected field is read from a row; None: the row's attribute
                of that name.
            base_url: The API's root URL, which `meta.detail_url` starts with.

        Returns:
            One shape per row, in order.
        """
        # Paired with their readers once per call, not looked up per row; the loop below
        # walks the same layout as `shape` does.
        meta = tuple((name, readers[name]) for name in self.meta)
        body = tuple((name, readers[name]) for name in self.body)
        id_reader = readers["id"] if self.has_id else None
        shaped_rows: list[JSONObject] = []
        for row in rows:
            shaped: JSONObject = {}
            if self.has_id:
                value = row.id if id_reader is None else id_reader(row)
                shaped["id"] = value if isinstance(value, _PLAIN) else _json(value, base_url)
            if meta:
                shaped_meta: JSONObject = {}
                for name, read in meta:
                    if name == "detail_url":
                        shaped_meta[name] = detail_url(base_url, self.endpoint, row.id)
                        continue
                    value = getattr(row, name) if read is None else read(row)
                    shaped_meta[name] = (
                        value if isinstance(value, _PLAIN) else _json(value, base_url)
                    )
                shaped["meta"] = shaped_meta
            for name, read in body:
                value = getattr(row, name) if read is None else read(row)
                shaped[name] = value if isinstance(value, _PLAIN) else _json(value, base_url)
            shaped_rows.append(shaped)
        return shaped_rows


# Keyed by the selection itself (compared by identity): the queries keep theirs, so a hot
# request finds its shape without hashing the selected names.
@lru_cache(maxsize=512)
def item_shape(endpoint: str, selection: Selection) -> ItemShape:
    """The shape of the items of `selection` on `endpoint`."""
    return ItemShape(endpoint, selection.names)


def shape_listing(items: list[JSONObject], total_count: int) -> JSONObject:
    shaped_items: list[JSONValue] = list(items)
    return {"meta": {"total_count": total_count}, "items": shaped_items}


def wagtail_json(body: JSONObject) -> bytes:
    """`body` as compact JSON, the standard library's bytes (`separators=(",", ":")`, UTF-8).

    Raises:
        ValueError: When `body` holds a float that is not a number, or a lone surrogate.
    """
    # pydantic-core writes the standard library's bytes in a fraction of its time. But it
    # writes a float that is not a number as `NaN`, which is not JSON, and it cannot write a
    # lone surrogate: for those (and for text that merely contains `NaN` or `Infinity`) the
    # standard library renders the body, refusing what it refuses, as Wagtail's renderer does.
    try:
        content = to_json(body, inf_nan_mode="constants")
    except PydanticSerializationError:
        content = None
    if content is None or b"NaN" in content or b"Infinity" in content:
        return json.dumps(body, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
    return content


def listing_json(items: Sequence[bytes], total_count: int) -> bytes:
    """The JSON of `shape_listing` made of its items' own JSON (each `wagtail_json`)."""
    return b'{"meta":{"total_count":%d},"items":[%b]}' % (total_count, b",".join(items))
