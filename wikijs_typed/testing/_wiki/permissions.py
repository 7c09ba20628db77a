"""Who may do what: the `@auth` directive of Wiki.js's schema and its page rules.

The pinned schema comes from introspection, which does not carry directive usages, so the
`requires` lists of Wiki.js 2.5's SDL are kept here. `manage:system` passes every check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from wikijs_typed.testing._wiki.identity import Identity
from wikijs_typed.testing._wiki.state import Database

SYSTEM = "manage:system"

_READ_PAGES = ("read:pages",)
_WRITE_PAGES = ("write:pages", "manage:pages")
_USERS_READ = ("write:users", "manage:users")
_GROUPS_READ = ("write:groups", "manage:groups", "write:users", "manage:users")
_GROUPS_WRITE = ("write:groups", "manage:groups")
_TOTALS_PAGES = ("manage:navigation", "manage:pages", "delete:pages")
_TOTALS_USERS = (
    "manage:navigation",
    "manage:groups",
    "write:groups",
    "manage:users",
    "write:users",
)
_SYSTEM_ONLY: tuple[str, ...] = ()

# "Type.field" -> permissions of which the caller needs any (manage:system is implied)
REQUIRES: dict[str, tuple[str, ...]] = {
    **{
        f"PageQuery.{name}": _READ_PAGES
        for name in (
            "list",
            "search",
            "single",
            "singleByPath",
            "tags",
            "searchTags",
            "tree",
            "links",
        )
    },
    "PageQuery.history": ("read:history",),
    "PageQuery.version": ("read:history",),
    "PageQuery.checkConflicts": _WRITE_PAGES,
    "PageQuery.conflictLatest": _WRITE_PAGES,
    "PageMutation.create": _WRITE_PAGES,
    "PageMutation.update": _WRITE_PAGES,
    "PageMutation.convert": _WRITE_PAGES,
    "PageMutation.restore": _WRITE_PAGES,
    "PageMutation.move": ("manage:pages",),
    "PageMutation.delete": ("delete:pages",),
    **{
        f"PageMutation.{name}": _SYSTEM_ONLY
        for name in (
            "render",
            "rebuildTree",
            "flushCache",
            "updateTag",
            "deleteTag",
            "migrateToLocale",
            "purgeHistory",
        )
    },
    "Page.content": ("read:source", "write:pages"),
    **{
        f"Page.{name}": ("write:pages",)
        for name in (
            "isPrivate",
            "isPublished",
            "privateNS",
            "publishStartDate",
            "publishEndDate",
            "editor",
            "authorId",
            "authorName",
            "authorEmail",
            "creatorId",
            "creatorName",
            "creatorEmail",
        )
    },
    "UserQuery.list": _USERS_READ,
    "UserQuery.search": _GROUPS_READ,
    "UserQuery.lastLogins": _GROUPS_READ,
    "UserQuery.single": ("manage:users",),
    "UserMutation.create": _USERS_READ,
    **{
        f"UserMutation.{name}": ("manage:users",)
        for name in (
            "update",
            "delete",
            "verify",
            "activate",
            "deactivate",
            "enableTFA",
            "disableTFA",
        )
    },
    "GroupQuery.list": _GROUPS_READ,
    "GroupQuery.single": _GROUPS_WRITE,
    "GroupMutation.create": _GROUPS_WRITE,
    "GroupMutation.update": _GROUPS_WRITE,
    "GroupMutation.delete": _GROUPS_WRITE,
    "GroupMutation.assignUser": ("manage:users", "write:groups", "manage:groups"),
    "GroupMutation.unassignUser": ("manage:users", "write:groups", "manage:groups"),
    "AssetQuery.list": ("read:assets",),
    "AssetQuery.folders": ("read:assets",),
    "AssetMutation.createFolder": ("write:assets",),
    "AssetMutation.renameAsset": ("manage:assets",),
    "AssetMutation.deleteAsset": ("manage:assets",),
    "AssetMutation.flushTempUploads": _SYSTEM_ONLY,
    **{f"AuthenticationQuery.{name}": ("manage:api",) for name in ("apiKeys", "apiState")},
    "AuthenticationQuery.strategies": _SYSTEM_ONLY,
    **{
        f"AuthenticationMutation.{name}": ("manage:api",)
        for name in ("createApiKey", "revokeApiKey", "setApiState")
    },
    "AuthenticationMutation.updateStrategies": _SYSTEM_ONLY,
    "AuthenticationMutation.regenerateCertificates": _SYSTEM_ONLY,
    "AuthenticationMutation.resetGuestUser": _SYSTEM_ONLY,
    "CommentQuery.providers": _SYSTEM_ONLY,
    "CommentQuery.list": ("read:comments",),
    "CommentQuery.single": ("read:comments",),
    "CommentMutation.create": ("write:comments",),
    "CommentMutation.update": ("write:comments", "manage:comments"),
    "CommentMutation.delete": ("manage:comments",),
    "CommentMutation.updateProviders": _SYSTEM_ONLY,
    "CommentPost.authorEmail": _SYSTEM_ONLY,
    "CommentPost.authorIP": _SYSTEM_ONLY,
    "SiteQuery.config": _SYSTEM_ONLY,
    "SiteMutation.updateConfig": _SYSTEM_ONLY,
    "SystemQuery.flags": _SYSTEM_ONLY,
    "SystemQuery.extensions": _SYSTEM_ONLY,
    "SystemQuery.exportStatus": _SYSTEM_ONLY,
    "AnalyticsQuery.providers": _SYSTEM_ONLY,
    "AnalyticsMutation.updateProviders": _SYSTEM_ONLY,
    "NavigationQuery.tree": ("manage:navigation",),
    "NavigationQuery.config": ("manage:navigation",),
    "NavigationMutation.updateTree": ("manage:navigation",),
    "NavigationMutation.updateConfig": ("manage:navigation",),
    "ThemingQuery.config": ("manage:theme",),
    "ThemingQuery.themes": ("manage:theme",),
    "ThemingMutation.setConfig": ("manage:theme",),
    **{f"SystemInfo.{name}": _TOTALS_PAGES for name in ("pagesTotal", "tagsTotal")},
    **{f"SystemInfo.{name}": _TOTALS_USERS for name in ("usersTotal", "groupsTotal")},
}
# Every other SystemInfo field, and every field of these admin namespaces, needs manage:system.
SYSTEM_TYPES = (
    "SystemInfo",
    "SystemMutation",
    "StorageQuery",
    "StorageMutation",
    "SearchQuery",
    "SearchMutation",
    "RenderingQuery",
    "RenderingMutation",
    "LoggingQuery",
    "LoggingMutation",
    "MailQuery",
    "MailMutation",
    "LocalizationMutation",
)


def requirement(type_name: str, field_name: str) -> tuple[str, ...] | None:
    """The permissions a field needs (any of them), or None when it is open to all."""
    key = f"{type_name}.{field_name}"
    if key in REQUIRES:
        return (*REQUIRES[key], SYSTEM)
    if type_name in SYSTEM_TYPES:
        return (SYSTEM,)
    return None


def check_access(
    db: Database,
    user: Identity,
    permissions: Iterable[str],
    page: Mapping[str, Any] | None = None,
) -> bool:
    """Wiki.js's `WIKI.auth.checkAccess`: global permissions, then the groups' page rules.

    `page` is what the server passes: `path`, `locale` and, only where its caller loaded
    them, `tags` (tag names). TAG rules match nothing without tags, so `pages.list` and
    `pages.tree`, which pass none, ignore them while the page view and search apply them.
    The longest matching rule path decides, whatever the match type; on equal length a rule
    does not replace a stored one of a higher-priority type, nor a stored deny of its own type.
    No matching rule means no access.
    """
    wanted = set(permissions)
    if SYSTEM in user.permissions:
        return True
    if not wanted.intersection(user.permissions):
        return False
    if page is None:
        return True
    decision = _Decision()
    for group_id in user.groups:
        group = db.groups.get(group_id)
        for rule in group.page_rules if group else ():
            if rule.get("locales") and page.get("locale") not in rule["locales"]:
                continue
            if wanted.intersection(rule.get("roles") or ()) and _matches(rule, page):
                decision = decision.weigh(rule)
    return decision.allows


def effective_permissions(
    db: Database, user: Identity, page: Mapping[str, Any]
) -> dict[str, dict[str, bool]]:
    """What a page view hands its template (`getEffectivePermissions`).

    Page comments are enabled, as on a fresh install.
    """

    def can(permission: str) -> bool:
        return check_access(db, user, [permission], page)

    return {
        "comments": {kind: can(f"{kind}:comments") for kind in ("read", "write", "manage")},
        "history": {"read": can("read:history")},
        "source": {"read": can("read:source")},
        "pages": {
            "read": can("read:pages"),
            "write": can("write:pages"),
            "manage": can("manage:pages"),
            "delete": can("delete:pages"),
            "script": can("write:scripts"),
            "style": can("write:styles"),
        },
        "system": {"manage": can(SYSTEM)},
    }


# Match types a rule of each type may not replace at equal rule-path length.
_HIGHER = {
    "START": ("END", "REGEX", "EXACT", "TAG"),
    "END": ("REGEX", "EXACT", "TAG"),
    "REGEX": ("EXACT", "TAG"),
    "TAG": ("EXACT",),
    "EXACT": (),
}


def _js_length(text: str) -> int:
    """String.length in JavaScript: UTF-16 code units, so an emoji counts twice."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class _Decision:
    """The rule that decides so far (`checkState`): none matched yet means denied."""

    deny: bool = False
    match: str | None = None
    specificity: str = ""

    @property
    def allows(self) -> bool:
        return self.match is not None and not self.deny

    def weigh(self, rule: Mapping[str, Any]) -> _Decision:
        target, match = str(rule.get("path", "")), str(rule.get("match"))
        length, held = _js_length(target), _js_length(self.specificity)
        if length == held:
            if self.match in _HIGHER.get(match, ()):
                return self
            if self.match == match and self.deny and not rule.get("deny"):
                return self
        elif length < held:
            return self
        return _Decision(bool(rule.get("deny")), match, target)


def _matches(rule: Mapping[str, Any], page: Mapping[str, Any]) -> bool:
    match, target = rule.get("match"), str(rule.get("path", ""))
    path = str(page.get("path", ""))
    if match == "TAG":
        return target in (page.get("tags") or ())
    if match == "START":
        return f"/{path}".startswith(f"/{target}")
    if match == "END":
        return path.endswith(target)
    if match == "REGEX":
        try:  # JavaScript's RegExp, read as a Python pattern (they agree on common syntax)
            return re.search(target, path) is not None
        except re.error:
            return False
    if match == "EXACT":
        return f"/{path}" == f"/{target}"
    return False
