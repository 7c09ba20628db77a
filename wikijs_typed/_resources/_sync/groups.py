# Made from ../_async/groups.py by `python -m tools.twin`: do not edit.
"""`client.groups`: groups, their permissions, page rules and members.

Hidden quirks of Wiki.js 2.5: `groups.update` needs all five arguments and replaces permissions
and rules wholesale, so an update sends the current group merged with the changes; `create`
takes only a name, so other settings are applied right after; an unknown id is null for
`single`, "success" for `update` and `delete`, and "Invalid Group ID" for membership changes:
all of them are reported here as NotFoundError.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Mapping

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.groups import membership_errors, update_args
from wikijs_typed._resources.sansio.shared import check, check_field, found, present
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._group import Group, GroupCreate, GroupUpdate

__all__ = ["GroupsResource"]


class GroupsResource(Resource):
    """Groups: list, read, create, update, delete, and assign or unassign members."""

    def list(self) -> builtins.list[Group]:
        """Every group, the system groups (Administrators, Guests) included, with member counts.

        Listed groups carry no permissions, rules or members: `get` reads those.
        """
        result = self._gql.list_groups()
        listed = present(present(result.groups, "groups").list_, "a group list")
        return [Group.from_list_item(item) for item in listed if item is not None]

    def iter_all(self) -> Iterator[Group]:
        """Every group, lazily (Wiki.js lists them in one answer)."""
        yield from self.list()

    def get(self, group_id: int) -> Group:
        """The complete group; NotFoundError when there is none with this id."""
        rules.check_id(group_id, "group_id")
        return self._read(group_id, fresh=False)

    def create(self, group_data: GroupCreate | Mapping[str, object]) -> Group:
        """Create a group and return it complete (with Wiki.js's default permissions and page
        rule unless others are given)."""
        data = GroupCreate.coerce(group_data)
        result = self._gql.create_group(name=data.name)
        created = present(present(result.groups, "groups").create, "a create result")
        check(created.response_result, "groups.create")
        group = Group.from_fields(present(created.group, "the created group"))
        settings = data.settings()
        if settings.changes():
            return self.update(group.id, settings)
        return group

    def update(self, group_id: int, group_data: GroupUpdate | Mapping[str, object]) -> Group:
        """Change the given fields and keep the rest; returns the complete group.

        `permissions` and `page_rules`, when given, replace the group's lists.
        """
        rules.check_id(group_id, "group_id")
        update = GroupUpdate.coerce(group_data)
        current = self._read(group_id, fresh=True)
        if not update.changes():
            return current
        result = self._gql.update_group(**update_args(current, update))
        check_field(result.groups, lambda groups: groups.update, "groups.update")
        return self._read(group_id, fresh=False)

    def delete(self, group_id: int) -> bool:
        """Delete a group (its members stay, without it). The system groups cannot be."""
        self.get(group_id)
        result = self._gql.delete_group(id=group_id)
        check_field(result.groups, lambda groups: groups.delete, "groups.delete")
        return True

    def assign_user(self, group_id: int, user_id: int) -> bool:
        """Add a user to a group. GraphQLError when already a member (or the Guest user)."""
        rules.check_id(group_id, "group_id")
        rules.check_id(user_id, "user_id")
        with membership_errors(group_id, user_id):
            result = self._gql.assign_user_to_group(group_id=group_id, user_id=user_id)
        check_field(result.groups, lambda groups: groups.assign_user, "groups.assignUser")
        return True

    def unassign_user(self, group_id: int, user_id: int) -> bool:
        """Remove a user from a group (fine when not a member). The administrator cannot leave
        Administrators."""
        rules.check_id(group_id, "group_id")
        rules.check_id(user_id, "user_id")
        with membership_errors(group_id, user_id):
            result = self._gql.unassign_user_from_group(group_id=group_id, user_id=user_id)
        check_field(result.groups, lambda groups: groups.unassign_user, "groups.unassignUser")
        return True

    def _read(self, group_id: int, *, fresh: bool) -> Group:
        # Fresh before an update: sending back a stale cached state would undo others' edits.
        result = self._gql.get_group(id=group_id, cache="network-only" if fresh else None)
        group = present(result.groups, "groups").single
        return Group.from_fields(found(group, f"group {group_id}"))
