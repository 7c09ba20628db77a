"""How a user and a group look in GraphQL answers.

Each shows the other (a group lists its members, a user its groups), so the users and groups
resolvers take both shapes from here instead of from each other.
"""

from __future__ import annotations

from typing import Any

from wikijs_typed.testing._wiki.state import Database, Group, User


def minimal_view(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "providerKey": user.provider_key,
        "isSystem": user.is_system,
        "isActive": user.is_active,
        "createdAt": user.created_at,
        "lastLoginAt": user.last_login_at,
    }


def group_detail(db: Database, group: Group) -> dict[str, Any]:
    return {
        "id": group.id,
        "name": group.name,
        "isSystem": group.is_system,
        "redirectOnLogin": group.redirect_on_login,
        "permissions": list(group.permissions),
        "pageRules": [dict(rule) for rule in group.page_rules],
        "users": [minimal_view(user) for user in db.members_of(group.id)],
        "createdAt": group.created_at,
        "updatedAt": group.updated_at,
    }
