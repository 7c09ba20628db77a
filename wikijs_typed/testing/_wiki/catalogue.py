"""The module catalogue of a Wiki.js 2.5.314.

Renderers, loggers, search engines, analytics providers, storage targets, comment providers
and authentication strategies. Wiki.js lists these from the `definition.yml` of every module
it ships (`catalogue.json`, written by tools/wikijs_catalogue.py from the server's source),
joined with one database row per module that its installer created with the module's
defaults (and the admin's updates change). The functions here make those rows the way the
installer does and join them the way the resolvers do (server/graph/resolvers/{rendering,
logging,search,analytics,storage,comment}.js), so the lists, their order and their `config`
strings come out as the real server's.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

Definition = dict[str, Any]
# The one search engine Wiki.js's setup enables ("Database - Basic").
DEFAULT_SEARCH_ENGINE = "db"
# The one comment provider it enables (the built-in one).
DEFAULT_COMMENT_PROVIDER = "default"


@functools.cache
def _catalogue() -> dict[str, list[Definition]]:
    text = files(__package__ or "").joinpath("catalogue.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return {kind: entries for kind, entries in loaded.items() if isinstance(entries, list)}


def definitions(kind: str) -> list[Definition]:
    """The modules of one kind (`rendering`, `logging`, ...), in the server's directory order."""
    return _catalogue()[kind]


def definition(kind: str, key: str) -> Definition:
    return next(d for d in definitions(kind) if d["key"] == key)


def js_stringify(value: Any) -> str:
    """JSON the way JavaScript's JSON.stringify writes it (no spaces, non-ASCII kept)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def default_config(module: Definition) -> dict[str, Any]:
    return {key: prop["default"] for key, prop in module["props"].items()}


def config_entries(
    module: Definition,
    config: dict[str, Any],
    *,
    described_only: bool = True,
    mask_sensitive: bool = False,
) -> list[dict[str, str]]:
    """`config` as Wiki.js lists it: one {key, value} per setting, sorted by key.

    The value is the setting's description with its current value, as a JSON string.
    Renderers, search engines and storage targets skip settings their definition does not
    describe.
    """
    entries = []
    for key, value in config.items():
        prop = module["props"].get(key)
        if prop is None and described_only:
            continue
        shown = value
        if mask_sensitive and (prop or {}).get("sensitive") and isinstance(value, str) and value:
            shown = "********"
        entries.append({"key": key, "value": js_stringify({**(prop or {}), "value": shown})})
    return sorted(entries, key=lambda entry: entry["key"])


def order_by(items: list[dict[str, Any]], field: str | None) -> list[dict[str, Any]]:
    """Lodash's `sortBy(items, [field])`: stable, items without the field last."""
    if not field:
        return items
    present = [item for item in items if item.get(field) is not None]
    absent = [item for item in items if item.get(field) is None]
    try:
        ordered = sorted(present, key=lambda item: item[field])
    except TypeError:  # mixed kinds of values (or lists): compare them as text
        ordered = sorted(present, key=lambda item: str(item[field]))
    return ordered + absent


# A storage target's state until its module has been initialised (and after each update).
PENDING_STATE: dict[str, Any] = {
    "status": "pending",
    "message": "Initializing...",
    "lastAttempt": None,
}


@dataclass
class ModuleRow:
    """A module's database row: whether it is on and its settings, plus a few kinds' own columns.

    Those columns: a logger's level; a storage target's mode, sync interval and state.
    """

    key: str
    is_enabled: bool
    config: dict[str, Any]
    level: str | None = None
    mode: str = "push"
    sync_interval: str | None = None
    state: dict[str, Any] = field(default_factory=lambda: dict(PENDING_STATE))


class ModuleTable:
    """One module table (renderers, loggers, ...).

    Wiki.js reads renderers, loggers and search engines without ORDER BY, so PostgreSQL returns
    them in heap order, where an updated row usually comes after the others; a patch here moves
    the row to the end.
    """

    def __init__(self, rows: Iterable[ModuleRow]) -> None:
        self._rows = {row.key: row for row in rows}

    def rows(self) -> list[ModuleRow]:
        return list(self._rows.values())

    def get(self, key: str) -> ModuleRow | None:
        return self._rows.get(key)

    def patch(self, key: str, **changes: Any) -> bool:
        """UPDATE ... WHERE key = ?: False (and nothing written) when no row has the key."""
        row = self._rows.pop(key, None)
        if row is None:
            return False
        for name, value in changes.items():
            setattr(row, name, value)
        self._rows[key] = row
        return True


def _installed_row(kind: str, module: Definition) -> ModuleRow:
    """The row Wiki.js's installer writes for a module (each model's refresh...FromDisk)."""
    enabled_by_default = {
        "rendering": module.get("enabledDefault", True),
        "logging": module["key"] == "console",  # 2.5.314 ships no console logger
        "search": module["key"] == DEFAULT_SEARCH_ENGINE,
        "comments": module["key"] == DEFAULT_COMMENT_PROVIDER,
    }
    return ModuleRow(
        key=module["key"],
        is_enabled=bool(enabled_by_default.get(kind, False)),
        config=default_config(module),
        level=module.get("defaultLevel"),
        mode=module.get("defaultMode") or "push",
    )


MODULE_KINDS = ("rendering", "logging", "search", "analytics", "storage", "comments")


def installed_modules() -> dict[str, ModuleTable]:
    """Every module table of a fresh install, by kind, rows in the installer's order."""
    return {
        kind: ModuleTable(_installed_row(kind, module) for module in definitions(kind))
        for kind in MODULE_KINDS
    }


def _joined(kind: str, row: ModuleRow) -> dict[str, Any]:
    """The definition's fields overlaid with the row's, as the resolvers spread them."""
    return {**_definition_or_empty(kind, row.key), "key": row.key, "isEnabled": row.is_enabled}


def _definition_or_empty(kind: str, key: str) -> Definition:
    return next((d for d in definitions(kind) if d["key"] == key), {"props": {}})


def renderers(table: ModuleTable) -> list[dict[str, Any]]:
    return [
        {
            **_joined("rendering", row),
            "config": config_entries(_definition_or_empty("rendering", row.key), row.config),
        }
        for row in table.rows()
    ]


def loggers(table: ModuleTable) -> list[dict[str, Any]]:
    return [
        {
            **_joined("logging", row),
            "level": row.level,
            "config": config_entries(
                _definition_or_empty("logging", row.key), row.config, described_only=False
            ),
        }
        for row in table.rows()
    ]


def search_engines(table: ModuleTable) -> list[dict[str, Any]]:
    return [
        {
            **_joined("search", row),
            "config": config_entries(_definition_or_empty("search", row.key), row.config),
        }
        for row in table.rows()
    ]


def analytics_providers(table: ModuleTable, is_enabled: bool | None = None) -> list[dict[str, Any]]:
    providers = [
        {
            **_joined("analytics", row),
            "config": config_entries(
                _definition_or_empty("analytics", row.key), row.config, described_only=False
            ),
        }
        for row in sorted(table.rows(), key=lambda row: row.key)
    ]
    if is_enabled is None:
        return providers
    return [p for p in providers if p["isEnabled"] is is_enabled]


def comment_providers(table: ModuleTable) -> list[dict[str, Any]]:
    return [
        {
            **_joined("comments", row),
            "config": config_entries(_definition_or_empty("comments", row.key), row.config),
        }
        for row in sorted(table.rows(), key=lambda row: row.key)
    ]


def storage_targets(table: ModuleTable) -> list[dict[str, Any]]:
    targets = []
    for row in table.rows():
        module = _definition_or_empty("storage", row.key)
        schedule = module.get("schedule")  # absent means "has a schedule", false means none
        targets.append(
            {
                **_joined("storage", row),
                "isAvailable": module.get("isAvailable", False),
                "mode": row.mode,
                "hasSchedule": schedule is not False,
                "syncInterval": row.sync_interval or schedule or "P0D",
                "syncIntervalDefault": schedule,
                "config": config_entries(module, row.config, mask_sensitive=True),
            }
        )
    return sorted(targets, key=lambda t: (t["title"], t["key"]))


def enabled(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [item for item in items if item["isEnabled"]]


def authentication_strategies() -> list[dict[str, Any]]:
    return [
        {
            **module,
            "isAvailable": module.get("isAvailable") is True,
            "props": sorted(
                ({"key": k, "value": js_stringify(v)} for k, v in module["props"].items()),
                key=lambda entry: entry["key"],
            ),
        }
        for module in definitions("authentication")
    ]
