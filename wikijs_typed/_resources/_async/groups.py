"""`client.groups`: groups, their permissions, page rules and members.

Wiki.js 2.5's quirks, hidden here: `groups.update` needs all five arguments and replaces permissions
and rules wholesale, so an update sends the current group merged with the changes; `create`
takes only a name, so other settings are applied right after; an unknown id is null for
`single`, "success" for `update` and `delete`, and "Invalid Group ID" for membership changes:
all of them are reported here as NotFoundError.
"""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING

from wikijs_graphql.operations import OPERATIONS

from wikijs_typed._resources._async.base import AsyncResource
from wikijs_typed._resources.sansio.groups import membership_errors, update_args
from wikijs_typed._resources.sansio.shared import found, present
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._group import Group, GroupCreate, GroupUpdate

if TYPE_CHECKING:
    from wikijs_typed._pipeline._async.engine import AsyncStampedRead

__all__ = ["AsyncGroupsResource"]

# The read `get` makes, whose cache entry `stamp` finds.
_GET_GROUP = OPERATIONS["GetGroup"]


class AsyncGroupsResource(AsyncResource):
    """Groups: list, read, create, update, delete, and assign or unassign members.

    Reached as `client.groups`; changes need the `manage:groups` permission (or a full-access
    key). Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    async def list(self) -> builtins.list[Group]:
        """Every group, the system groups (Administrators, Guests) included, with member counts.

        Returns:
            The groups, without permissions, page rules or members (`get` reads those).
        """
        result = await self._gql.list_groups()
        listed = present(present(result.groups, "groups").list_, "a group list")
        return [Group.from_list_item(item) for item in listed if item is not None]

    async def iter_all(self) -> AsyncIterator[Group]:
        """Every group, lazily (Wiki.js lists them in one answer).

        Yields:
            Each group, as `list` returns it.
        """
        for group in await self.list():
            yield group

    async def get(self, group_id: int) -> Group:
        """The complete group with this id.

        Args:
            group_id: The group's id (a positive integer).

        Returns:
            The group with its permissions, page rules and members.

        Raises:
            ValidationError: `group_id` is not a positive integer (nothing is sent).
            NotFoundError: There is no group with this id.
        """
        rules.check_id(group_id, "group_id")
        return await self._read(group_id, fresh=False)

    async def stamp(self, group_id: int) -> str | None:
        """The cache's stamp of the group `get` reads, without reading it.

        The stamp is unchanged exactly while that cached group is, so what was derived from it
        (the content API's audience) stays current without decoding the group again.

        Args:
            group_id: The group's id (a positive integer).

        Returns:
            The stamp, or None when the group is not cached or the cache cannot tell.

        Raises:
            ValidationError: `group_id` is not a positive integer.
        """
        return await self.stamped(group_id).stamp()

    def stamped(self, group_id: int) -> AsyncStampedRead:
        """`stamp` for one group, to be asked again and again.

        The id is checked once and the cache key found once per caller identity; each
        `stamp()` asks the cache for the entry's current stamp, as `stamp` does.

        Args:
            group_id: The group's id (a positive integer).

        Returns:
            What tells the group's stamp on each `stamp()`.

        Raises:
            ValidationError: `group_id` is not a positive integer.
        """
        rules.check_id(group_id, "group_id")
        return self._engine.stamped_read(self._gql, _GET_GROUP, {"id": group_id})

    async def create(self, group_data: GroupCreate | Mapping[str, object]) -> Group:
        """Create a group and return it complete.

        Wiki.js creates a group from its name alone, with its default permissions and page rule;
        any other setting given is applied by an update right after.

        Args:
            group_data: A GroupCreate, or a dict of its fields: `name` is required; `permissions`
                and `page_rules`, when given, replace Wiki.js's defaults.

        Returns:
            The new group.

        Raises:
            ValidationError: `group_data` is not a GroupCreate or breaks its rules (nothing is
                sent).
            OperationFailedError: Wiki.js refused the group.
            GraphQLError: Wiki.js refused its settings (a page rule's regex it finds unsafe,
                ...); the group exists then, with the defaults.
        """
        data = GroupCreate.coerce(group_data)
        result = await self._gql.create_group(name=data.name)
        created = present(present(result.groups, "groups").create, "a create result")
        group = Group.from_fields(present(created.group, "the created group"))
        settings = data.settings()
        if settings.changes():
            return await self.update(group.id, settings)
        return group

    async def update(self, group_id: int, group_data: GroupUpdate | Mapping[str, object]) -> Group:
        """Change the given fields and keep the rest; returns the complete group.

        Wiki.js replaces a group's permissions and page rules wholesale and needs every field, so
        the current group is read first (fresh, not from the cache) and sent back with the changes.

        Args:
            group_id: The group's id (a positive integer).
            group_data: A GroupUpdate, or a dict of the fields to change (None or left out: kept);
                `permissions` and `page_rules`, when given, replace the group's lists.

        Returns:
            The group as stored after the update (unchanged when nothing was asked to change).

        Raises:
            ValidationError: An argument breaks the rules (nothing is sent).
            NotFoundError: There is no group with this id.
            GraphQLError: Wiki.js refused the update (a page rule's regex it finds unsafe, a
                permission the caller may not grant, ...).
        """
        rules.check_id(group_id, "group_id")
        update = GroupUpdate.coerce(group_data)
        current = await self._read(group_id, fresh=True)
        if not update.changes():
            return current
        await self._gql.update_group(**update_args(current, update))
        return await self._read(group_id, fresh=False)

    async def delete(self, group_id: int) -> bool:
        """Delete a group; its members stay, without it.

        Args:
            group_id: The group's id (a positive integer).

        Returns:
            True once the group is gone.

        Raises:
            ValidationError: `group_id` is not a positive integer (nothing is sent).
            NotFoundError: There is no group with this id.
            GraphQLError: Wiki.js refused: the system groups cannot be deleted.
        """
        await self.get(group_id)
        await self._gql.delete_group(id=group_id)
        return True

    async def assign_user(self, group_id: int, user_id: int) -> bool:
        """Add a user to a group.

        Args:
            group_id: The group's id (a positive integer).
            user_id: The user's id (a positive integer).

        Returns:
            True once the user is a member.

        Raises:
            ValidationError: An id is not a positive integer (nothing is sent).
            NotFoundError: There is no such group or user.
            GraphQLError: Wiki.js refused: the user is already a member, or is the Guest user.
        """
        rules.check_id(group_id, "group_id")
        rules.check_id(user_id, "user_id")
        with membership_errors(group_id, user_id):
            await self._gql.assign_user_to_group(group_id=group_id, user_id=user_id)
        return True

    async def unassign_user(self, group_id: int, user_id: int) -> bool:
        """Remove a user from a group (fine when the user is not a member).

        Args:
            group_id: The group's id (a positive integer).
            user_id: The user's id (a positive integer).

        Returns:
            True once the user is not a member.

        Raises:
            ValidationError: An id is not a positive integer (nothing is sent).
            NotFoundError: There is no such group or user.
            GraphQLError: Wiki.js refused: the administrator cannot leave Administrators.
        """
        rules.check_id(group_id, "group_id")
        rules.check_id(user_id, "user_id")
        with membership_errors(group_id, user_id):
            await self._gql.unassign_user_from_group(group_id=group_id, user_id=user_id)
        return True

    async def _read(self, group_id: int, *, fresh: bool) -> Group:
        # Fresh before an update: sending back a stale cached state would undo others' edits.
        result = await self._gql.get_group(id=group_id, cache="network-only" if fresh else None)
        group = present(result.groups, "groups").single
        return Group.from_fields(found(group, f"group {group_id}"))
