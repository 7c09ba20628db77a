"""`groups { ... }`: groups, their permissions and page rules, and memberships.

Every failure here is a top-level GraphQL error, never a `responseResult`.
"""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType
from graphql import GraphQLResolveInfo

from wikijs_typed.testing._graphql.errors import RaisedGraphQLError, success
from wikijs_typed.testing._graphql.validation import unsafe_regex
from wikijs_typed.testing._graphql.views import group_detail
from wikijs_typed.testing._wiki.identity import Identity
from wikijs_typed.testing._wiki.state import Database, Group
from wikijs_typed.testing._wiki.wiki import context_of

query = ObjectType("GroupQuery")
mutation = ObjectType("GroupMutation")
bindables = [query, mutation]

Info = GraphQLResolveInfo
DEFAULT_PERMISSIONS = ["read:pages", "read:assets", "read:comments", "write:comments"]
_ELEVATED = ("users", "groups", "navigation", "theme", "api", "system")


def _exclusive(user: Identity | None, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    """Wiki.js's checkExclusiveAccess: holds one of `include` and none of `exclude`."""
    if user is None:
        return False
    held = set(user.permissions)
    return bool(held.intersection(include)) and not held.intersection(exclude)


def _elevated(permissions: list[str]) -> bool:
    return any(permission.split(":")[-1] in _ELEVATED for permission in permissions)


@query.field("list")
def resolve_list(_obj: Any, info: Info, **_: Any) -> list[dict[str, Any]]:
    db = context_of(info).db
    return [
        {
            "id": group.id,
            "name": group.name,
            "isSystem": group.is_system,
            "userCount": len(db.members_of(group.id)),
            "createdAt": group.created_at,
            "updatedAt": group.updated_at,
        }
        for group in db.groups.scan()
    ]


@query.field("single")
def resolve_single(_obj: Any, info: Info, id: int) -> dict[str, Any] | None:  # noqa: A002
    db = context_of(info).db
    group = db.groups.get(id)
    return group_detail(db, group) if group else None


def insert_default_group(db: Database, name: str, now: str) -> Group:
    """A new group with Wiki.js's default permissions and its one default page rule."""
    rule = {
        "id": "default",
        "deny": False,
        "match": "START",
        "roles": list(DEFAULT_PERMISSIONS),
        "path": "",
        "locales": [],
    }
    group = Group(db.groups.next_id(), name, list(DEFAULT_PERMISSIONS), [rule], now, now)
    return db.groups.insert(group)


@mutation.field("create")
def resolve_create(_obj: Any, info: Info, name: str) -> dict[str, Any]:
    ctx = context_of(info)
    group = insert_default_group(ctx.db, name, ctx.wiki.now())
    return {
        "responseResult": success("Group created successfully."),
        "group": group_detail(ctx.db, group),
    }


@mutation.field("update")
def resolve_update(
    _obj: Any,
    info: Info,
    id: int,  # noqa: A002
    name: str,
    redirectOnLogin: str,
    permissions: list[str],
    pageRules: list[dict[str, Any]],
) -> dict[str, Any]:
    ctx = context_of(info)
    if any(
        rule.get("match") == "REGEX" and unsafe_regex(str(rule.get("path", "")))
        for rule in pageRules
    ):
        raise RaisedGraphQLError("Some Page Rules contains unsafe or exponential time regex.")
    permissions = [p for p in permissions if p is not None]
    if _exclusive(ctx.user, ("write:groups",), ("manage:groups", "manage:system")) and _elevated(
        permissions
    ):
        raise RaisedGraphQLError(
            "You are not authorized to manage this group or assign these permissions."
        )
    if _exclusive(ctx.user, ("manage:groups",), ("manage:system",)) and any(
        p.split(":")[-1] == "system" for p in permissions
    ):
        raise RaisedGraphQLError(
            "You are not authorized to manage this group or assign the manage:system permissions."
        )
    group = ctx.db.groups.get(id)
    if group is not None:
        group.name, group.redirect_on_login = name, redirectOnLogin or "/"
        group.permissions = permissions
        group.page_rules = [dict(rule) for rule in pageRules if rule is not None]
        group.updated_at = ctx.wiki.now()
        ctx.db.groups.touch(group)
    ctx.wiki.tokens.revoke("g", id)
    return {"responseResult": success("Group has been updated.")}


@mutation.field("delete")
def resolve_delete(_obj: Any, info: Info, id: int) -> dict[str, Any]:  # noqa: A002
    if id in (1, 2):
        raise RaisedGraphQLError("Cannot delete this group.")
    ctx = context_of(info)
    ctx.db.groups.delete(id)
    ctx.db.user_groups[:] = [pair for pair in ctx.db.user_groups if pair[1] != id]
    ctx.wiki.tokens.revoke("g", id)
    return {"responseResult": success("Group has been deleted.")}


@mutation.field("assignUser")
def resolve_assign_user(_obj: Any, info: Info, groupId: int, userId: int) -> dict[str, Any]:
    ctx = context_of(info)
    db = ctx.db
    if userId == 2:
        raise RaisedGraphQLError("Cannot assign the Guest user to a group.")
    group = db.groups.get(groupId)
    if group is None:
        raise RaisedGraphQLError("Invalid Group ID")
    if _exclusive(ctx.user, ("write:groups",), ("manage:groups", "manage:system")) and _elevated(
        group.permissions
    ):
        raise RaisedGraphQLError("You are not authorized to assign a user to this elevated group.")
    if db.users.get(userId) is None:
        raise RaisedGraphQLError("Invalid User ID")
    if (userId, groupId) in db.user_groups:
        raise RaisedGraphQLError("User is already assigned to group.")
    db.user_groups.append((userId, groupId))
    ctx.wiki.tokens.revoke("u", userId)
    return {"responseResult": success("User has been assigned to group.")}


@mutation.field("unassignUser")
def resolve_unassign_user(_obj: Any, info: Info, groupId: int, userId: int) -> dict[str, Any]:
    ctx = context_of(info)
    db = ctx.db
    if userId == 2:
        raise RaisedGraphQLError("Cannot unassign Guest user")
    if userId == 1 and groupId == 1:
        raise RaisedGraphQLError("Cannot unassign Administrator user from Administrators group.")
    if db.groups.get(groupId) is None:
        raise RaisedGraphQLError("Invalid Group ID")
    if db.users.get(userId) is None:
        raise RaisedGraphQLError("Invalid User ID")
    db.user_groups[:] = [pair for pair in db.user_groups if pair != (userId, groupId)]
    ctx.wiki.tokens.revoke("u", userId)
    return {"responseResult": success("User has been unassigned from group.")}
