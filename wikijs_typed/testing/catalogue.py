"""The module catalogue of a fresh Wiki.js 2.5.314: renderers, loggers, search engines,
analytics providers, storage targets and authentication strategies.

Wiki.js lists these from the `definition.yml` of every module it ships (`catalogue.json`,
written by tools/wikijs_catalogue.py from the server's source), joined with one database
row per module that its installer created with the module's defaults. The functions here
make those rows the way the installer does and join them the way the resolvers do
(server/graph/resolvers/{rendering,logging,search,analytics,storage}.js), so the lists,
their order and their `config` strings come out as the real server's.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from importlib.resources import files
from typing import Any

Definition = dict[str, Any]
# The one search engine Wiki.js's setup enables ("Database - Basic").
DEFAULT_SEARCH_ENGINE = "db"


@functools.cache
def _catalogue() -> dict[str, list[Definition]]:
    text = files("wikijs_typed.testing").joinpath("catalogue.json").read_text(encoding="utf-8")
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
    """`config` as Wiki.js lists it: one {key, value} per setting, sorted by key, the value
    the setting's description with its current value, as a JSON string. Renderers, search
    engines and storage targets skip settings their definition does not describe."""
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
    """lodash `sortBy(items, [field])`: stable, items without the field last."""
    if not field:
        return items
    present = [item for item in items if item.get(field) is not None]
    absent = [item for item in items if item.get(field) is None]
    try:
        ordered = sorted(present, key=lambda item: item[field])
    except TypeError:  # mixed kinds of values (or lists): compare them as text
        ordered = sorted(present, key=lambda item: str(item[field]))
    return ordered + absent


def renderers() -> list[dict[str, Any]]:
    return [
        {
            **module,
            "isEnabled": module.get("enabledDefault", True),
            "config": config_entries(module, default_config(module)),
        }
        for module in definitions("rendering")
    ]


def loggers() -> list[dict[str, Any]]:
    # Only a `console` logger would start enabled, and 2.5.314 ships none.
    return [
        {
            **module,
            "isEnabled": module["key"] == "console",
            "level": module.get("defaultLevel"),
            "config": config_entries(module, default_config(module), described_only=False),
        }
        for module in definitions("logging")
    ]


def search_engines() -> list[dict[str, Any]]:
    return [
        {
            **module,
            "isEnabled": module["key"] == DEFAULT_SEARCH_ENGINE,
            "config": config_entries(module, default_config(module)),
        }
        for module in definitions("search")
    ]


def analytics_providers(is_enabled: bool | None = None) -> list[dict[str, Any]]:
    providers = [
        {
            **module,
            "isEnabled": False,
            "config": config_entries(module, default_config(module), described_only=False),
        }
        for module in definitions("analytics")
    ]
    if is_enabled is None:
        return providers
    return [p for p in providers if p["isEnabled"] is is_enabled]


def storage_targets() -> list[dict[str, Any]]:
    targets = []
    for module in definitions("storage"):
        schedule = module.get("schedule")  # absent means "has a schedule", false means none
        targets.append(
            {
                **module,
                "isAvailable": module.get("isAvailable", False),
                "isEnabled": False,
                "mode": module.get("defaultMode") or "push",
                "hasSchedule": schedule is not False,
                "syncInterval": schedule or "P0D",
                "syncIntervalDefault": schedule,
                "config": config_entries(module, default_config(module), mask_sensitive=True),
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
