"""`system { info, flags, extensions, exportStatus }` and its mutations.

The mutations: flags, telemetry, HTTPS, upgrades, the v1 user import and the export of the
wiki's content to a directory.
"""

from __future__ import annotations

import posixpath
import uuid
from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._graphql.errors import JSError, failure, respond, success, wiki_error
from wikijs_typed.testing._graphql.resolvers.groups import insert_default_group
from wikijs_typed.testing._wiki.site_data import ENVIRONMENT, EXTENSIONS
from wikijs_typed.testing._wiki.state import Database
from wikijs_typed.testing._wiki.wiki import context_of

query = ObjectType("SystemQuery")
mutation = ObjectType("SystemMutation")
bindables = [query, mutation]

Info = GraphQLResolveInfo
# WIKI.ROOTPATH of the recorded installation: export paths are resolved against it.
ROOT_PATH = ENVIRONMENT["workingDirectory"]
# What system.export writes files for; it skips any other name without a word.
EXPORTED_ENTITIES = frozenset(
    ("assets", "comments", "groups", "history", "navigation", "pages", "settings", "users")
)


def _db(info: Info) -> Database:
    return context_of(info).db


@query.field("info")
def resolve_info(_obj: Any, info: Info) -> dict[str, Any]:
    db = _db(info)
    return {
        **ENVIRONMENT,
        "httpRedirection": db.admin.https_redirection,
        "telemetry": db.admin.telemetry,
        "telemetryClientId": db.site.telemetry_client_id,
        "groupsTotal": len(db.groups),
        "pagesTotal": len(db.pages),
        "tagsTotal": len(db.tags),
        "usersTotal": len(db.users),
    }


@query.field("flags")
def resolve_flags(_obj: Any, info: Info) -> list[dict[str, Any]]:
    return [{"key": key, "value": value} for key, value in _db(info).admin.flags.items()]


@query.field("extensions")
def resolve_extensions(_obj: Any, _info: Info) -> list[dict[str, Any]]:
    return [dict(extension) for extension in EXTENSIONS]


@query.field("exportStatus")
def resolve_export_status(_obj: Any, info: Info) -> dict[str, Any]:
    status = _db(info).admin.export_status
    return {
        "status": status.status,
        "progress": status.progress,
        "message": status.message,
        "startedAt": status.started_at,
    }


@mutation.field("updateFlags")
def resolve_update_flags(_obj: Any, info: Info, flags: list[dict[str, Any] | None]) -> Any:
    # The list replaces the whole set: a flag left out is gone, an unknown key is kept.
    _db(info).admin.flags = {flag["key"]: flag["value"] for flag in flags if flag is not None}
    return {"responseResult": success("System Flags applied successfully")}


@mutation.field("setTelemetry")
def resolve_set_telemetry(_obj: Any, info: Info, enabled: bool) -> dict[str, Any]:
    _db(info).admin.telemetry = enabled
    # Wiki.js 2.5 swapped this message with resetTelemetryClientId's.
    return {"responseResult": success("Telemetry Client ID has been reset successfully")}


@mutation.field("resetTelemetryClientId")
def resolve_reset_telemetry_client_id(_obj: Any, info: Info) -> dict[str, Any]:
    _db(info).site.telemetry_client_id = str(uuid.uuid4())
    return {"responseResult": success("Telemetry state updated successfully")}


@mutation.field("export")
def resolve_export(_obj: Any, info: Info, entities: list[str | None], path: str) -> Any:
    """Start an export of the wiki's content, as Wiki.js does.

    Wiki.js checks, starts the export in the background and answers at once; the emulator's
    export has nothing to write and is finished by the next request.
    """
    db, now = _db(info), context_of(info).wiki.now()
    target = posixpath.normpath(posixpath.join(ROOT_PATH, path))

    def start() -> None:
        if db.admin.export_status.status == "running":
            raise JSError("Another export is already running.")
        if len(entities) < 1:
            raise JSError("Must specify at least 1 entity to export.")
        if target in db.admin.export_directories:
            raise JSError("Target directory must be empty!")
        if EXPORTED_ENTITIES.intersection(entities):
            db.admin.export_directories.add(target)
        status = db.admin.export_status
        status.status, status.progress, status.message = "success", 100, ""
        status.started_at = now

    return respond(start, "Export started successfully.")


@mutation.field("setHTTPSRedirection")
def resolve_set_https_redirection(_obj: Any, info: Info, enabled: bool) -> dict[str, Any]:
    _db(info).admin.https_redirection = enabled
    return {"responseResult": success("HTTP Redirection state set successfully.")}


@mutation.field("renewHTTPSCertificate")
def resolve_renew_https_certificate(_obj: Any, _info: Info) -> dict[str, Any]:
    # The emulated install serves plain HTTP (ssl.enabled is false), as the recorded one does.
    return {"responseResult": failure(wiki_error("SystemSSLDisabled"))}


@mutation.field("performUpgrade")
def resolve_perform_upgrade(_obj: Any, _info: Info) -> dict[str, Any]:
    # Upgrades go through the wiki-update-companion container, which the emulator never has.
    error = JSError(
        "You must run the wiki-update-companion container and pass the UPGRADE_COMPANION env"
        " var in order to use this feature."
    )
    return {"responseResult": failure(error)}


@mutation.field("importUsersFromV1")
def resolve_import_users_from_v1(
    _obj: Any, info: Info, mongoDbConnString: str, groupMode: str
) -> dict[str, Any]:
    """Import users from Wiki.js 1.x, as far as the emulator can.

    Wiki.js refuses a connection string of 10 characters or fewer. A longer one is read as
    a Wiki.js 1.x MongoDB holding no users: the emulator reaches no MongoDB, so it answers as
    the import of an empty database succeeds, which still makes the SINGLE mode's group.
    """
    if len(mongoDbConnString) <= 10:
        error = JSError("MongoDB Connection String is missing or invalid.")
        return {
            "responseResult": failure(error),
            "usersCount": None,
            "groupsCount": None,
            "failed": None,
        }
    groups = 0
    if groupMode == "SINGLE":
        now = context_of(info).wiki.now()
        insert_default_group(_db(info), f"Import_{now}", now)
        groups = 1
    return {
        "responseResult": success("Import completed."),
        "usersCount": 0,
        "groupsCount": groups,
        "failed": [],
    }
