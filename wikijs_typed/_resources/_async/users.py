"""`client.users`: accounts, on the generated client.

Hidden quirks of Wiki.js 2.5: `users.list` ignores its filter and order, so both are applied
here; `create` answers without the new account, so it is looked up and read back; an unknown
id makes `single` fail with a JavaScript TypeError, reported here as NotFoundError; activate
and verify report success for ids that do not exist, so existence is checked first.
"""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Mapping

from wikijs_typed._resources._async.base import AsyncResource
from wikijs_typed._resources.sansio.shared import check, check_field, found, given, present
from wikijs_typed._resources.sansio.users import UserListing
from wikijs_typed.exceptions import ForbiddenError, GraphQLError, NotFoundError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._user import User, UserCreate, UserProfile, UserUpdate

__all__ = ["AsyncUsersResource"]

# Deleting a user hands their pages, history, comments and assets to someone: by default the
# administrator account Wiki.js creates at setup.
ADMINISTRATOR_ID = 1


class AsyncUsersResource(AsyncResource):
    """Users: list, search, read, create, update, delete, (de)activate, verify, profile."""

    async def list(
        self,
        limit: int | None = None,
        offset: int = 0,
        search: str | None = None,
        order_by: str = "name",
        order_direction: str = "ASC",
    ) -> builtins.list[User]:
        """Accounts (the Guest account included), filtered, ordered, `offset` skipped.

        `search` matches name or email, ignoring case; `order_by` is name, email, id,
        created_at or last_login_at (accounts that never logged in come last).
        """
        listing = UserListing.build(
            limit=limit,
            offset=offset,
            search=search,
            order_by=order_by,
            order_direction=order_direction,
        )
        return listing.window(await self._all())

    async def iter_all(self) -> AsyncIterator[User]:
        """Every account, lazily (Wiki.js lists them in one answer)."""
        for user in await self._all():
            yield user

    async def search(self, query: str, limit: int | None = None) -> builtins.list[User]:
        """Accounts whose name or email contains `query`, ignoring case."""
        rules.check_non_empty(query, "query")
        return await self.list(search=query, limit=limit)

    async def get(self, user_id: int) -> User:
        """The complete account; NotFoundError when there is none with this id."""
        rules.check_id(user_id, "user_id")
        try:
            result = await self._gql.get_user(id=user_id)
        except ForbiddenError:
            raise
        except GraphQLError as exc:
            # Wiki.js answers an unknown id with a JavaScript TypeError, not PageNotFound.
            raise NotFoundError(f"user {user_id} does not exist", errors=exc.errors) from exc
        return User.from_fields(found(present(result.users, "users").single, f"user {user_id}"))

    async def profile(self) -> UserProfile:
        """The caller's own account (with an API key: the administrator's)."""
        result = await self._gql.get_profile()
        return UserProfile.from_fields(present(present(result.users, "users").profile, "a profile"))

    async def create(self, user_data: UserCreate | Mapping[str, object]) -> User:
        """Create an account and return it complete. OperationFailedError (1004) when the
        email is taken."""
        data = UserCreate.coerce(user_data)
        result = await self._gql.create_user(
            email=data.email,
            name=data.name,
            password_raw=data.password_raw,
            provider_key=data.provider_key,
            groups=list(data.groups),
            must_change_password=data.must_change_password,
            send_welcome_email=data.send_welcome_email,
        )
        created = present(present(result.users, "users").create, "a create result")
        check(created.response_result, "users.create")
        # Wiki.js answers `user: null`; it stores the email lowercased.
        email = data.email.lower()
        user_id = next((u.id for u in await self._all() if u.email.lower() == email), None)
        user_id = found(user_id, f"the new account {email}")
        profile = data.profile_fields()
        if profile:
            return await self.update(user_id, profile)
        return await self.get(user_id)

    async def update(self, user_id: int, user_data: UserUpdate | Mapping[str, object]) -> User:
        """Change the given fields and keep the rest; returns the complete account.

        `groups` replaces the membership. Wiki.js ignores empty strings, so a field cannot be
        cleared to "".
        """
        rules.check_id(user_id, "user_id")
        data = UserUpdate.coerce(user_data)
        if data.account_changes():
            groups: list[int | None] | None = None if data.groups is None else [*data.groups]
            result = await self._gql.update_user(
                id=user_id,
                email=given(data.email),
                name=given(data.name),
                new_password=given(data.password_raw),
                groups=given(groups),
                location=given(data.location),
                job_title=given(data.job_title),
                timezone=given(data.timezone),
                date_format=given(data.date_format),
                appearance=given(data.appearance),
            )
            updated = present(present(result.users, "users").update, "an update result")
            check(updated.response_result, "users.update")
        else:
            await self.get(user_id)
        if data.is_active is True:
            await self.activate(user_id)
        elif data.is_active is False:
            await self.deactivate(user_id)
        if data.is_verified:
            await self.verify(user_id)
        return await self.get(user_id)

    async def delete(self, user_id: int, replace_id: int = ADMINISTRATOR_ID) -> bool:
        """Delete an account; its pages, history, comments and assets go to `replace_id`."""
        rules.check_id(user_id, "user_id")
        rules.check_id(replace_id, "replace_id")
        result = await self._gql.delete_user(id=user_id, replace_id=replace_id)
        check_field(result.users, lambda users: users.delete, "users.delete")
        return True

    async def activate(self, user_id: int) -> bool:
        await self.get(user_id)
        result = await self._gql.activate_user(id=user_id)
        check_field(result.users, lambda users: users.activate, "users.activate")
        return True

    async def deactivate(self, user_id: int) -> bool:
        """Block an account from logging in (the administrator and Guest cannot be)."""
        await self.get(user_id)
        result = await self._gql.deactivate_user(id=user_id)
        check_field(result.users, lambda users: users.deactivate, "users.deactivate")
        return True

    async def verify(self, user_id: int) -> bool:
        """Mark the account's email as verified."""
        await self.get(user_id)
        result = await self._gql.verify_user(id=user_id)
        check_field(result.users, lambda users: users.verify, "users.verify")
        return True

    async def _all(self) -> builtins.list[User]:
        result = await self._gql.list_users()
        listed = present(present(result.users, "users").list_, "a user list")
        return [User.from_list_item(item) for item in listed if item is not None]
