"""The small admin namespaces: site, localization, navigation, contribute and mail.

They hold the settings of the install, which the admin's mutations change.
"""

from __future__ import annotations

import ipaddress
import uuid
from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._graphql.errors import (
    JSError,
    WikiError,
    not_emulated,
    respond,
    success,
    wiki_error,
)
from wikijs_typed.testing._wiki.site_data import SITE_DEFAULTS
from wikijs_typed.testing._wiki.state import Database
from wikijs_typed.testing._wiki.wiki import context_of

site_query = ObjectType("SiteQuery")
site_mutation = ObjectType("SiteMutation")
localization_query = ObjectType("LocalizationQuery")
localization_mutation = ObjectType("LocalizationMutation")
navigation_query = ObjectType("NavigationQuery")
navigation_mutation = ObjectType("NavigationMutation")
contribute_query = ObjectType("ContributeQuery")
mail_query = ObjectType("MailQuery")
mail_mutation = ObjectType("MailMutation")
bindables = [
    site_query,
    site_mutation,
    localization_query,
    localization_mutation,
    navigation_query,
    navigation_mutation,
    contribute_query,
    mail_query,
    mail_mutation,
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


# Arguments Wiki.js trims (lodash `_.trim`, which turns null into ""); the others are stored
# as sent, an explicit null included, except the settings the emulator itself runs on
# (token lifetimes, upload limits): a null there keeps the old value, as what the server
# then does with a null lifetime or limit is not modelled.
_TRIMMED = {"host", "title", "company", "logoUrl"}
_NEVER_NULL = {
    "authJwtExpiration",
    "authJwtRenewablePeriod",
    "uploadMaxFileSize",
    "uploadMaxFiles",
    "uploadForceDownload",
}


def _js_trim(value: Any) -> str:
    return "" if value is None else str(value).strip()


@site_mutation.field("updateConfig")
def resolve_update_config(_obj: Any, info: Info, **settings: Any) -> dict[str, Any]:
    # Only the arguments present change (`hasOwnProperty` / `_.get` with the old value).
    site = _db(info).site
    for key, sent in settings.items():
        if sent is None and key in _NEVER_NULL:
            continue
        value = _js_trim(sent) if key in _TRIMMED else sent
        if key == "host":
            value = value.removesuffix("/")
        if key == "pageExtensions":
            extensions = (e.strip().lower() for e in _js_trim(value).split(","))
            site.page_extensions = tuple(e for e in extensions if e)
        elif key in _SITE_FIELDS:
            setattr(site, _SITE_FIELDS[key], value)
        else:
            site.extra[key] = value
    return {"responseResult": success("Site configuration updated successfully")}


@mail_query.field("config")
def resolve_mail_config(_obj: Any, info: Info) -> dict[str, Any]:
    mail = _db(info).admin.mail
    return {**mail, "pass": "********" if mail["pass"] else ""}


@mail_mutation.field("updateConfig")
def resolve_update_mail(_obj: Any, info: Info, **config: Any) -> dict[str, Any]:
    # Every argument is required and the whole config is replaced; the read format's
    # masked password sent back keeps the stored one.
    admin = _db(info).admin
    if config["pass"] == "********":
        config["pass"] = admin.mail["pass"]
    admin.mail = config
    return {"responseResult": success("Mail configuration updated successfully.")}


@mail_mutation.field("sendTest")
def resolve_send_test(_obj: Any, info: Info, recipientEmail: str) -> dict[str, Any]:
    mail = _db(info).admin.mail

    def send() -> None:
        if len(recipientEmail) < 6:
            raise wiki_error("MailInvalidRecipient")
        raise mail_failure(mail)

    return respond(send, "Test email sent successfully.")


def mail_failure(mail: dict[str, Any]) -> WikiError | JSError:
    """Why a mail cannot go: no transport is set up, or the SMTP server cannot be reached.

    The emulator has no network, so a configured transport fails as Node's does where nothing
    answers (an address refuses the connection, a name does not resolve).
    """
    host, port = mail["host"], mail["port"]
    if len(host) <= 2:  # Wiki.js sets no transport up for a shorter host
        return wiki_error("MailNotConfigured")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return JSError(f"getaddrinfo ENOTFOUND {host}")
    return JSError(f"connect ECONNREFUSED {host}:{port}")


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
def resolve_localization_config(_obj: Any, info: Info) -> dict[str, Any]:
    language = _db(info).admin.language
    return {
        "locale": language.locale,
        "autoUpdate": language.auto_update,
        "namespacing": language.namespacing,
        "namespaces": list(language.namespaces),
    }


@localization_mutation.field("downloadLocale")
def resolve_download_locale(_obj: Any, info: Info, locale: str) -> dict[str, Any]:
    """Install a locale, answering as a download that worked.

    Wiki.js fetches the locale's strings from its Graph endpoint in a job that logs, never
    reports, a failure. The emulator fetches nothing and answers as a download that worked:
    the locale is installed, so pages can be written in it and the site can switch to it.
    """
    db = _db(info)
    if locale not in db.locales:
        db.locales = (*db.locales, locale)
    return {"responseResult": success("Locale downloaded successfully")}


@localization_mutation.field("updateLocale")
def resolve_update_locale(
    _obj: Any,
    info: Info,
    locale: str,
    autoUpdate: bool,
    namespacing: bool,
    namespaces: list[str | None],
) -> dict[str, Any]:
    db = _db(info)

    def apply() -> None:
        # Wiki.js changes its in-memory config first, then looks the locale up: a locale
        # that is not installed fails there, the config already changed (not saved).
        language = db.admin.language
        language.locale = locale
        language.auto_update = autoUpdate
        language.namespacing = namespacing
        language.namespaces = _union(namespaces, [locale])
        if locale not in db.locales:
            raise JSError("Cannot read properties of undefined (reading 'isRTL')", "TypeError")

    return respond(apply, "Locale config updated")


def _union(*lists: list[Any]) -> list[Any]:
    """Lodash's `_.union`: the distinct values, in order of first appearance."""
    return list(dict.fromkeys(value for values in lists for value in values))


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
