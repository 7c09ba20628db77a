"""`storage { targets, status, updateTargets, executeAction }`.

After an update Wiki.js initialises every enabled target (ordered by key) and records the
outcome in the row's `state`, which `status` reports. The emulator writes no files: the
local disk target initialises and runs its `dump` and `backup` actions without effect; a
target that needs an outside service reports that it is not emulated.
"""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._graphql.errors import JSError, not_emulated, respond
from wikijs_typed.testing._graphql.resolvers.modules import Item, listed, settings, table
from wikijs_typed.testing._wiki.catalogue import PENDING_STATE, definition, storage_targets
from wikijs_typed.testing._wiki.wiki import context_of

query = ObjectType("StorageQuery")
mutation = ObjectType("StorageMutation")
bindables = [query, mutation]

MASK = "********"
# The targets that need nothing outside the server, and the actions the emulator runs.
LOCAL_TARGETS = {"disk": ("dump", "backup")}


@query.field("targets")
def resolve_targets(_obj: Any, info: GraphQLResolveInfo) -> list[dict[str, Any]]:
    return storage_targets(table(info, "storage"))


@query.field("status")
def resolve_status(_obj: Any, info: GraphQLResolveInfo) -> list[dict[str, Any]]:
    return [
        {
            "key": row.key,
            "title": definition("storage", row.key).get("title"),
            "status": row.state.get("status", "pending"),
            "message": row.state.get("message", "Initializing..."),
            "lastAttempt": row.state.get("lastAttempt"),
        }
        for row in table(info, "storage").rows()
        if row.is_enabled
    ]


@mutation.field("updateTargets")
def resolve_update_targets(
    _obj: Any, info: GraphQLResolveInfo, targets: list[Item | None]
) -> dict[str, Any]:
    rows = table(info, "storage")

    def apply() -> None:
        for item in listed(targets, "targets", first_read="key"):
            current = rows.get(item["key"])
            if current is None:
                continue

            config = settings(item.get("config"))
            for key, value in config.items():
                if value == MASK:  # the read format's mask sent back keeps the stored secret
                    config[key] = current.config.get(key, "")
            changes: Item = {
                "is_enabled": item["isEnabled"],
                "mode": item["mode"],
                "config": config,
                "state": dict(PENDING_STATE),
            }
            if "syncInterval" in item:  # an omitted (undefined) column is not written
                changes["sync_interval"] = item["syncInterval"]
            rows.patch(item["key"], **changes)
        _initialise(info)

    return respond(apply, "Storage targets updated successfully")


def _initialise(info: GraphQLResolveInfo) -> None:
    rows = table(info, "storage")
    now = context_of(info).wiki.now()
    for row in sorted((row for row in rows.rows() if row.is_enabled), key=lambda r: r.key):
        if row.key in LOCAL_TARGETS:
            state = {"status": "operational", "message": "", "lastAttempt": now}
        else:
            message = not_emulated(f"storage target {row.key}", "it needs an outside service")
            state = {"status": "error", "message": message.message, "lastAttempt": now}
        rows.patch(row.key, state=state)


@mutation.field("executeAction")
def resolve_execute_action(
    _obj: Any, info: GraphQLResolveInfo, targetKey: str, handler: str
) -> dict[str, Any]:
    row = table(info, "storage").get(targetKey)

    def run() -> None:
        if row is None or not row.is_enabled:
            raise JSError("Invalid or Inactive Storage Target")
        actions = definition("storage", targetKey).get("actions") or []
        handlers = {action["handler"] for action in actions}
        if handler not in handlers:
            raise JSError("Invalid Handler for Storage Target")
        if handler not in LOCAL_TARGETS.get(targetKey, ()):
            raise not_emulated(f"StorageMutation.executeAction({targetKey}, {handler})")

    return respond(run, "Action completed.")
