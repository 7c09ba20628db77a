"""Groups: `Group` as the client returns it; `GroupCreate`, `GroupUpdate` to send; page rules."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from pydantic import Field, StrictBool, field_validator

from wikijs_typed.models import _rules as rules
from wikijs_typed.models._base import InputModel, WikiModel

if TYPE_CHECKING:
    from wikijs_graphql.fragments import GroupFields, GroupListItemFields, PageRuleFields

__all__ = ["Group", "GroupCreate", "GroupPageRule", "GroupUpdate", "GroupUser"]

PageRuleMatch = Literal["START", "EXACT", "END", "REGEX", "TAG"]


class GroupPageRule(WikiModel):
    """One page rule: which roles (permissions) a group has, or is denied, on which pages.

    Attributes:
        id: The rule's id within its group, any unique string.
        path: What page paths are compared with, as `match` says.
        roles: The permissions the rule grants or denies, e.g. "read:pages", "write:pages".
        match: How `path` selects pages: "START" (paths starting with it), "EXACT", "END",
            "REGEX", or "TAG" (pages carrying the tag `path`).
        deny: Whether the rule takes `roles` away instead of granting them.
        locales: The locales the rule applies to; empty for all of them.
    """

    id: str
    path: str
    roles: list[str] = Field(default_factory=list)
    match: PageRuleMatch = "START"
    deny: StrictBool = False
    locales: list[str] = Field(default_factory=list)

    @classmethod
    def from_fields(cls, rule: PageRuleFields) -> GroupPageRule:
        """Build a rule from a group's answer.

        Args:
            rule: The generated `PageRuleFields` selection of one rule.

        Returns:
            The rule, null list entries dropped.
        """
        return cls(
            id=rule.id,
            path=rule.path,
            roles=[r for r in rule.roles if r is not None],
            match=rule.match.value,
            deny=rule.deny,
            locales=[loc for loc in rule.locales if loc is not None],
        )


class GroupUser(WikiModel):
    """A member of a group."""

    id: int
    name: str
    email: str


class Group(WikiModel):
    """A Wiki.js group.

    `get`, `create` and `update` return every field; `list` and `iter_all` carry what Wiki.js
    lists (`permissions`, `page_rules`, `users` and `redirect_on_login` are None there).

    Attributes:
        is_system: Whether Wiki.js made the group itself (Administrators, Guests): it cannot
            be deleted.
        redirect_on_login: The path members land on after logging in.
        permissions: The site-wide permissions, e.g. "read:pages", "manage:system".
        page_rules: Which permissions apply on which pages.
    """

    id: int
    name: str
    is_system: bool
    created_at: datetime
    updated_at: datetime
    user_count: int | None = None
    redirect_on_login: str | None = None
    permissions: list[str] | None = None
    page_rules: list[GroupPageRule] | None = None
    users: list[GroupUser] | None = None

    @classmethod
    def from_fields(cls, fields: GroupFields) -> Group:
        """Build a complete group from a `groups.single` answer.

        Args:
            fields: The generated `GroupFields` selection.

        Returns:
            The group, every field filled in; `user_count` is its members counted.
        """
        users = [GroupUser(id=u.id, name=u.name, email=u.email) for u in fields.users or () if u]
        return cls(
            id=fields.id,
            name=fields.name,
            is_system=fields.is_system,
            created_at=fields.created_at,
            updated_at=fields.updated_at,
            user_count=len(users),
            redirect_on_login=fields.redirect_on_login,
            permissions=[p for p in fields.permissions if p is not None],
            page_rules=[GroupPageRule.from_fields(r) for r in fields.page_rules or () if r],
            users=users,
        )

    @classmethod
    def from_list_item(cls, item: GroupListItemFields) -> Group:
        """Build a group from a listing's entry.

        Args:
            item: The generated `GroupListItemFields` selection of a `groups.list` answer.

        Returns:
            The group; the fields only a single-group read returns are None.
        """
        return cls(
            id=item.id,
            name=item.name,
            is_system=item.is_system,
            created_at=item.created_at,
            updated_at=item.updated_at,
            user_count=item.user_count,
        )


class _GroupFields(InputModel):
    what = "group data"

    @field_validator("name", check_fields=False)
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        return None if value is None else rules.check_title(value, "name")


class GroupCreate(_GroupFields):
    """A new group.

    Wiki.js creates a group from its name alone (with default permissions and one page rule);
    anything else given here is applied right after with an update.
    """

    name: str
    redirect_on_login: str | None = None
    permissions: list[str] | None = None
    page_rules: list[GroupPageRule] | None = None

    def settings(self) -> GroupUpdate:
        """Take the part of this request that Wiki.js's create does not take.

        Returns:
            The update to apply once the group exists.
        """
        return GroupUpdate(
            redirect_on_login=self.redirect_on_login,
            permissions=self.permissions,
            page_rules=self.page_rules,
        )


class GroupUpdate(_GroupFields):
    """Changes to a group; a field left out (or None) is kept.

    `permissions` and `page_rules` replace the group's lists when given.
    """

    name: str | None = None
    redirect_on_login: str | None = None
    permissions: list[str] | None = None
    page_rules: list[GroupPageRule] | None = None

    def changes(self) -> dict[str, object]:
        """Collect the fields to change.

        Returns:
            The fields set to a value, by Python name; None means "keep", so it is left out.
        """
        return {name: value for name, value in self if value is not None}
