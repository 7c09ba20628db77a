"""The small admin namespaces: site, system, localization, navigation, theming, contribute,
mail. Mostly the settings of a default install, plus live totals."""

from __future__ import annotations

import uuid
from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing.errors import JSError, not_emulated, success
from wikijs_typed.testing.site_data import (
    ENVIRONMENT,
    EXTENSIONS,
    MAIL,
    SITE_DEFAULTS,
    THEMES,
    THEMING,
)
from wikijs_typed.testing.state import Database
from wikijs_typed.testing.wiki import context_of

site_query = ObjectType("SiteQuery")
site_mutation = ObjectType("SiteMutation")
system_query = ObjectType("SystemQuery")
localization_query = ObjectType("LocalizationQuery")
navigation_query = ObjectType("NavigationQuery")
navigation_mutation = ObjectType("NavigationMutation")
theming_query = ObjectType("ThemingQuery")
theming_mutation = ObjectType("ThemingMutation")
contribute_query = ObjectType("ContributeQuery")
mail_query = ObjectType("MailQuery")
bindables = [
    site_query,
    site_mutation,
    system_query,
    localization_query,
    navigation_query,
    navigation_mutation,
    theming_query,
    theming_mutation,
    contribute_query,
    mail_query,
]

Info = GraphQLResolveInfo


def _db(info: Info) -> Database:
    return context_of(info).db


@site_query.field("config")
def resolve_site_config(_obj: Any, info: Info) -> dict[str, Any]:
    site = _db(info).site
    return {
        **SITE_DEFAULTS,
        "host": site.host,
        "title": site.title,
        "description": site.description,
        "company": site.company,
        "contentLicense": site.content_license,
        "logoUrl": site.logo_url,
        "pageExtensions": ", ".join(site.page_extensions),
        "authJwtExpiration": site.jwt_expiration,
        "authJwtRenewablePeriod": site.jwt_renewable_period,
        "uploadMaxFileSize": site.upload_max_file_size,
        "uploadMaxFiles": site.upload_max_files,
        "uploadForceDownload": site.upload_force_download,
        **site.extra,
    }


_SITE_FIELDS = {
    "host": "host",
    "title": "title",
    "description": "description",
    "company": "company",
    "contentLicense": "content_license",
    "logoUrl": "logo_url",
    "authJwtExpiration": "jwt_expiration",
    "authJwtRenewablePeriod": "jwt_renewable_period",
    "uploadMaxFileSize": "upload_max_file_size",
    "uploadMaxFiles": "upload_max_files",
    "uploadForceDownload": "upload_force_download",
}


@site_mutation.field("updateConfig")
def resolve_update_config(_obj: Any, info: Info, **settings: Any) -> dict[str, Any]:
    site = _db(info).site
    for key, value in settings.items():
        if value is None:
            continue
        if key == "pageExtensions":
            site.page_extensions = tuple(e.strip() for e in str(value).split(",") if e.strip())
        elif key in _SITE_FIELDS:
            setattr(site, _SITE_FIELDS[key], value)
        else:
            site.extra[key] = value
    return {"responseResult": success("Site configuration updated successfully")}


@system_query.field("info")
def resolve_system_info(_obj: Any, info: Info) -> dict[str, Any]:
    db = _db(info)
    return {
        **ENVIRONMENT,
        "telemetryClientId": db.site.telemetry_client_id,
        "groupsTotal": len(db.groups),
        "pagesTotal": len(db.pages),
        "tagsTotal": len(db.tags),
        "usersTotal": len(db.users),
    }


@system_query.field("flags")
def resolve_system_flags(_obj: Any, _info: Info) -> list[dict[str, Any]]:
    return [{"key": "ldapdebug", "value": False}, {"key": "sqllog", "value": False}]


@system_query.field("extensions")
def resolve_system_extensions(_obj: Any, _info: Info) -> list[dict[str, Any]]:
    return [dict(extension) for extension in EXTENSIONS]


@system_query.field("exportStatus")
def resolve_export_status(_obj: Any, _info: Info) -> dict[str, Any]:
    # No export ever runs in the emulator: the state a server has after it started.
    return {"status": "notrunning", "progress": 0, "message": "", "startedAt": None}


@mail_query.field("config")
def resolve_mail_config(_obj: Any, _info: Info) -> dict[str, Any]:
    return {**MAIL, "pass": "********" if MAIL["pass"] else ""}


@localization_query.field("translations")
def resolve_translations(_obj: Any, _info: Info, locale: str, namespace: str) -> list[Any]:
    # Wiki.js's i18n engine loads one bundle, the installed locale's `common` namespace;
    # anything else is refused. Its strings are not part of the emulator.
    if (locale, namespace) != ("en", "common"):
        raise JSError("Invalid locale or namespace")
    raise not_emulated("LocalizationQuery.translations", "the strings of the en/common bundle")


@localization_query.field("locales")
def resolve_locales(_obj: Any, info: Info) -> list[dict[str, Any]]:
    db = _db(info)
    return [
        {
            "availability": 0,
            "code": "en",
            "createdAt": db.site.installed_at,
            "installDate": db.site.installed_at,
            "isInstalled": True,
            "isRTL": False,
            "name": "English",
            "nativeName": "English",
            "updatedAt": db.site.installed_at,
        }
    ]


@localization_query.field("config")
def resolve_localization_config(_obj: Any, _info: Info) -> dict[str, Any]:
    return {"locale": "en", "autoUpdate": True, "namespacing": False, "namespaces": []}


@navigation_query.field("tree")
def resolve_navigation_tree(_obj: Any, info: Info) -> list[dict[str, Any]]:
    return _db(info).site.navigation


@navigation_query.field("config")
def resolve_navigation_config(_obj: Any, info: Info) -> dict[str, Any]:
    return {"mode": _db(info).site.navigation_mode}


@navigation_mutation.field("updateTree")
def resolve_update_navigation(_obj: Any, info: Info, tree: list[dict[str, Any]]) -> dict[str, Any]:
    _db(info).site.navigation = [dict(entry) for entry in tree if entry is not None]
    return {"responseResult": success("Navigation updated successfully")}


@navigation_mutation.field("updateConfig")
def resolve_update_navigation_config(_obj: Any, info: Info, mode: str) -> dict[str, Any]:
    _db(info).site.navigation_mode = mode
    return {"responseResult": success("Navigation config updated successfully")}


@theming_query.field("config")
def resolve_theming_config(_obj: Any, _info: Info) -> dict[str, Any]:
    return dict(THEMING)


@theming_query.field("themes")
def resolve_themes(_obj: Any, _info: Info) -> list[dict[str, Any]]:
    return [dict(theme) for theme in THEMES]


@theming_mutation.field("setConfig")
def resolve_set_theming(_obj: Any, _info: Info, **_: Any) -> dict[str, Any]:
    return {"responseResult": success("Theme config updated")}


@contribute_query.field("contributors")
def resolve_contributors(_obj: Any, _info: Info) -> None:
    return None  # the list comes from an outside service; an offline install answers null


def default_navigation() -> list[dict[str, Any]]:
    home = {
        "id": str(uuid.uuid4()),
        "kind": "link",
        "label": "Home",
        "icon": "mdi-home",
        "targetType": "home",
        "target": "/",
        "visibilityMode": "all",
        "visibilityGroups": None,
    }
    return [{"locale": "en", "items": [home]}]
