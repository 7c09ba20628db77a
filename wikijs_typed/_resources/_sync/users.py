# Made from ../_async/users.py by `python -m tools.sync_twins`: do not edit.
"""`client.users`: accounts, on the generated client.

Wiki.js 2.5's quirks, hidden here: `users.list` ignores its filter and order, so both are applied
here; `create` answers without the new account, so it is looked up and read back; an unknown
id makes `single` fail with a JavaScript TypeError, reported here as NotFoundError; activate
and verify report success for ids that do not exist, so existence is checked first.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Mapping

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import found, given, present
from wikijs_typed._resources.sansio.users import UserListing
from wikijs_typed.exceptions import ForbiddenError, GraphQLError, NotFoundError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._user import User, UserCreate, UserProfile, UserUpdate

__all__ = ["UsersResource"]

# Deleting a user hands their pages, history, comments and assets to someone: by default the
# administrator account Wiki.js creates at setup.
ADMINISTRATOR_ID = 1


class UsersResource(Resource):
    """User accounts: list, search, read, create, update, delete, (de)activate, verify, profile.

    Reached as `client.users`; most calls need the `manage:users` permission (or a full-access
    key). Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def list(
        self,
        limit: int | None = None,
        offset: int = 0,
        search: str | None = None,
        order_by: str = "name",
        order_direction: str = "ASC",
    ) -> builtins.list[User]:
        """Accounts (the Guest account included), filtered, ordered, `offset` skipped.

        Wiki.js ignores the filter and order it is given, so both are applied here, on the one
        answer that lists every account.

        Args:
            limit: At most this many accounts (positive); None: all of them.
            offset: How many accounts of the filtered, ordered list to skip (0 or more).
            search: Text the name or email must contain, ignoring case.
            order_by: name, email, id, created_at or last_login_at (accounts that never logged in
                come last).
            order_direction: ASC or DESC.

        Returns:
            The accounts, without their groups or profile fields (`get` reads those).

        Raises:
            ValidationError: An argument breaks the rules above (nothing is sent).
        """
        listing = UserListing.build(
            limit=limit,
            offset=offset,
            search=search,
            order_by=order_by,
            order_direction=order_direction,
        )
        return listing.window(self._all())

    def iter_all(self) -> Iterator[User]:
        """Every account, lazily (Wiki.js lists them in one answer).

        Yields:
            Each account, as `list` returns it.
        """
        yield from self._all()

    def search(self, query: str, limit: int | None = None) -> builtins.list[User]:
        """Accounts whose name or email contains `query`, ignoring case.

        Args:
            query: The text to look for (not empty).
            limit: At most this many accounts (positive); None: all of them.

        Returns:
            The matching accounts, by name.

        Raises:
            ValidationError: `query` is empty or `limit` is not positive.
        """
        rules.check_non_empty(query, "query")
        return self.list(search=query, limit=limit)

    def get(self, user_id: int) -> User:
        """The complete account with this id, with its groups and profile.

        Args:
            user_id: The account's id (a positive integer).

        Returns:
            The account.

        Raises:
            ValidationError: `user_id` is not a positive integer (nothing is sent).
            NotFoundError: There is no account with this id (Wiki.js itself answers a JavaScript
                TypeError).
        """
        rules.check_id(user_id, "user_id")
        try:
            result = self._gql.get_user(id=user_id)
        except (ForbiddenError, NotFoundError):
            raise
        except GraphQLError as exc:
            # Wiki.js answers an unknown id with a JavaScript TypeError, not PageNotFound.
            raise NotFoundError(f"user {user_id} does not exist", errors=exc.errors) from exc
        return User.from_fields(found(present(result.users, "users").single, f"user {user_id}"))

    def profile(self) -> UserProfile:
        """The caller's own account (with an API key: the administrator's).

        Returns:
            The profile: name, email, groups, preferences and the number of pages written.
        """
        result = self._gql.get_profile()
        return UserProfile.from_fields(present(present(result.users, "users").profile, "a profile"))

    def create(self, user_data: UserCreate | Mapping[str, object]) -> User:
        """Create an account and return it complete.

        Wiki.js answers without the new account, so it is looked up by email and read back; profile
        fields (location, job title, timezone) are set by an update right after.

        Args:
            user_data: A UserCreate, or a dict of its fields: `email` and `name` are required, and
                `password_raw` (6 characters or more) for a local account; `groups` are group ids.

        Returns:
            The new account.

        Raises:
            ValidationError: `user_data` is not a UserCreate or breaks its rules (nothing is sent).
            OperationFailedError: Wiki.js refused the account: the email is taken (1004), a group
                or the provider does not exist, ...
        """
        data = UserCreate.coerce(user_data)
        self._gql.create_user(
            email=data.email,
            name=data.name,
            password_raw=data.password_raw,
            provider_key=data.provider_key,
            groups=list(data.groups),
            must_change_password=data.must_change_password,
            send_welcome_email=data.send_welcome_email,
        )
        # Wiki.js answers `user: null`; it stores the email lowercased.
        email = data.email.lower()
        user_id = next((u.id for u in self._all() if u.email.lower() == email), None)
        user_id = found(user_id, f"the new account {email}")
        profile = data.profile_fields()
        if profile:
            return self.update(user_id, profile)
        return self.get(user_id)

    def update(self, user_id: int, user_data: UserUpdate | Mapping[str, object]) -> User:
        """Change the given fields and keep the rest; returns the complete account.

        Wiki.js ignores empty strings, so a field cannot be cleared to "".

        Args:
            user_id: The account's id (a positive integer).
            user_data: A UserUpdate, or a dict of the fields to change (None or left out: kept);
                `groups` replaces the membership, `is_active` and `is_verified` (True only)
                activate, deactivate or verify the account.

        Returns:
            The account as stored after the update.

        Raises:
            ValidationError: An argument breaks the rules (nothing is sent).
            NotFoundError: There is no account with this id.
            OperationFailedError: Wiki.js refused a change (an email already taken, ...).
        """
        rules.check_id(user_id, "user_id")
        data = UserUpdate.coerce(user_data)
        if data.account_changes():
            groups: list[int | None] | None = None if data.groups is None else [*data.groups]
            self._gql.update_user(
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
        else:
            self.get(user_id)
        if data.is_active is True:
            self.activate(user_id)
        elif data.is_active is False:
            self.deactivate(user_id)
        if data.is_verified:
            self.verify(user_id)
        return self.get(user_id)

    def delete(self, user_id: int, replace_id: int = ADMINISTRATOR_ID) -> bool:
        """Delete an account; its pages, history, comments and assets go to another.

        Args:
            user_id: The account's id (a positive integer).
            replace_id: The account that receives what the deleted one owned (default: the
                administrator Wiki.js creates at setup, id 1).

        Returns:
            True once the account is gone.

        Raises:
            ValidationError: An id is not a positive integer (nothing is sent).
            NotFoundError: There is no account with `user_id`.
            OperationFailedError: Wiki.js refused: the administrator and Guest cannot be deleted,
                or `replace_id` does not exist.
        """
        rules.check_id(user_id, "user_id")
        rules.check_id(replace_id, "replace_id")
        self._gql.delete_user(id=user_id, replace_id=replace_id)
        return True

    def activate(self, user_id: int) -> bool:
        """Allow an account to log in again.

        Wiki.js reports success for an id that does not exist, so the account is read first.

        Args:
            user_id: The account's id (a positive integer).

        Returns:
            True once the account is active.

        Raises:
            ValidationError: `user_id` is not a positive integer (nothing is sent).
            NotFoundError: There is no account with this id.
            OperationFailedError: Wiki.js refused the change.
        """
        self.get(user_id)
        self._gql.activate_user(id=user_id)
        return True

    def deactivate(self, user_id: int) -> bool:
        """Block an account from logging in.

        Args:
            user_id: The account's id (a positive integer).

        Returns:
            True once the account is inactive.

        Raises:
            ValidationError: `user_id` is not a positive integer (nothing is sent).
            NotFoundError: There is no account with this id.
            OperationFailedError: Wiki.js refused: the administrator and Guest cannot be
                deactivated.
        """
        self.get(user_id)
        self._gql.deactivate_user(id=user_id)
        return True

    def verify(self, user_id: int) -> bool:
        """Mark the account's email as verified (Wiki.js cannot unmark it).

        Args:
            user_id: The account's id (a positive integer).

        Returns:
            True once the account is verified.

        Raises:
            ValidationError: `user_id` is not a positive integer (nothing is sent).
            NotFoundError: There is no account with this id.
            OperationFailedError: Wiki.js refused the change.
        """
        self.get(user_id)
        self._gql.verify_user(id=user_id)
        return True

    def _all(self) -> builtins.list[User]:
        result = self._gql.list_users()
        listed = present(present(result.users, "users").list_, "a user list")
        return [User.from_list_item(item) for item in listed if item is not None]
