"""What the admin's module updates share.

The modules are renderers, loggers, search engines, analytics, storage and comment
providers. Wiki.js walks the submitted list with `for ... of` and patches one row per item,
reading each `{key, value}` setting the module kind's way. A failure stops the walk (the rows
already patched stay patched) and becomes the responseResult.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from graphql import GraphQLResolveInfo

from wikijs_typed.testing._graphql.errors import JSError, respond
from wikijs_typed.testing._http.jsonsyntax import parse_error
from wikijs_typed.testing._wiki.catalogue import ModuleTable, order_by
from wikijs_typed.testing._wiki.wiki import context_of

Item = dict[str, Any]


def table(info: GraphQLResolveInfo, kind: str) -> ModuleTable:
    return context_of(info).db.modules[kind]


def listing(kind: str, joined: Callable[[ModuleTable], list[Item]]) -> Callable[..., list[Item]]:
    """The resolver of a `(filter, orderBy)` list.

    `filter` is accepted and ignored (Wiki.js has that line commented out), `orderBy` sorts the
    heap-ordered rows.
    """

    def resolve(
        _obj: Any, info: GraphQLResolveInfo, orderBy: str | None = None, **_filter: Any
    ) -> list[Item]:
        return order_by(joined(table(info, kind)), orderBy)

    return resolve


def listed(
    items: list[Item | None] | None, argument: str, first_read: str = "isEnabled"
) -> Iterator[Item]:
    """The items of a submitted list, walked as `for (const item of args.<argument>)` walks them.

    An omitted (nullable) list is not iterable, and a null item fails on its first property
    read, after the items before it were written.
    """
    if items is None:
        raise JSError(f"args.{argument} is not iterable", "TypeError")
    for item in items:
        if item is None:
            raise JSError(f"Cannot read properties of null (reading '{first_read}')", "TypeError")
        yield item


def unwrapped(text: str) -> Any:
    """`_.get(JSON.parse(text), 'v', null)`: a setting's value read from its envelope.

    The `{"v": ...}` envelope is what every module kind but logging uses; a JSON value without
    it is stored as null.
    """
    problem = parse_error(text)
    if problem is not None:
        raise JSError(problem, "SyntaxError")
    value = json.loads(text)
    return value.get("v") if isinstance(value, dict) else None


def settings(pairs: list[Item | None] | None, read: Callable[[str], Any] = unwrapped) -> Item:
    """The config object `_.reduce` builds from the submitted pairs (later keys win)."""
    return {pair["key"]: read(pair["value"]) for pair in pairs or [] if pair is not None}


def update_rows(
    info: GraphQLResolveInfo,
    kind: str,
    items: list[Item | None] | None,
    argument: str,
    message: str,
    columns: Callable[[Item], Item],
) -> dict[str, Any]:
    """Patch the row of every listed module (unknown keys match no row and change nothing)."""

    def apply() -> None:
        rows = table(info, kind)
        for item in listed(items, argument):
            rows.patch(item["key"], **columns(item))

    return respond(apply, message)


def enabled_and_config(item: Item) -> Item:
    return {"is_enabled": item["isEnabled"], "config": settings(item.get("config"))}
