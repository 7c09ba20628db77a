"""Users: `User`, `UserProfile` as the client returns them; `UserCreate`, `UserUpdate` to send."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Self

from pydantic import Field, StrictBool, StrictInt, field_validator, model_validator

from wikijs_typed.models import _rules as rules
from wikijs_typed.models._base import InputModel, WikiModel

if TYPE_CHECKING:
    from wikijs_graphql.fragments import UserFields, UserListItemFields
    from wikijs_graphql.get_profile import GetProfileUsersProfile
    from wikijs_graphql.search_users import SearchUsersUsersSearch

__all__ = ["User", "UserCreate", "UserGroup", "UserProfile", "UserUpdate"]

MIN_PASSWORD_LENGTH = 6  # Wiki.js: "Password raw is too short (minimum is 6 characters)".


class UserGroup(WikiModel):
    """A group a user belongs to."""

    id: int
    name: str


class User(WikiModel):
    """A Wiki.js account.

    `get` returns every field. Listings (`list`, `search`, `iter_all`) carry only what Wiki.js
    lists; the other fields are None there (`search` lacks `is_system`/`is_active` too).

    Attributes:
        provider_key: The login method the account uses: "local" for a password kept by
            Wiki.js, else an authentication strategy's key.
        provider_id: The account's id at that provider, if it is not local.
        is_system: Whether Wiki.js made the account itself (the guest): it cannot be deleted.
        is_active: Whether the account may log in.
        is_verified: Whether the email address was confirmed.
        timezone: The account's IANA time zone: "America/New_York".
        appearance: The account's theme choice: "site", "light" or "dark".
        tfa_is_active: Whether two-factor authentication is on.
    """

    repr_fields = ("id", "name", "email", "provider_key", "is_active")

    id: int
    name: str
    email: str
    provider_key: str
    created_at: datetime
    is_system: bool | None = None
    is_active: bool | None = None
    last_login_at: datetime | None = None
    is_verified: bool | None = None
    provider_name: str | None = None
    provider_id: str | None = None
    location: str | None = None
    job_title: str | None = None
    timezone: str | None = None
    date_format: str | None = None
    appearance: str | None = None
    updated_at: datetime | None = None
    tfa_is_active: bool | None = None
    groups: list[UserGroup] | None = None

    @classmethod
    def from_fields(cls, fields: UserFields) -> User:
        """Build a complete account from a `users.single` answer.

        Args:
            fields: The generated `UserFields` selection.

        Returns:
            The account, every field filled in.
        """
        return cls(
            id=fields.id,
            name=fields.name,
            email=fields.email,
            provider_key=fields.provider_key,
            created_at=fields.created_at,
            is_system=fields.is_system,
            is_active=fields.is_active,
            last_login_at=fields.last_login_at,
            is_verified=fields.is_verified,
            provider_name=fields.provider_name,
            provider_id=fields.provider_id,
            location=fields.location,
            job_title=fields.job_title,
            timezone=fields.timezone,
            date_format=fields.date_format,
            appearance=fields.appearance,
            updated_at=fields.updated_at,
            tfa_is_active=fields.tfa_is_active,
            groups=[UserGroup(id=g.id, name=g.name) for g in fields.groups if g is not None],
        )

    @classmethod
    def from_list_item(cls, item: UserListItemFields | SearchUsersUsersSearch) -> User:
        """Build an account from an entry of a listing or a search.

        Args:
            item: The generated selection of one `users.list` or `users.search` entry.

        Returns:
            The account; the fields its answer lacks are None.
        """
        return cls(
            id=item.id,
            name=item.name,
            email=item.email,
            provider_key=item.provider_key,
            created_at=item.created_at,
            is_system=getattr(item, "is_system", None),
            is_active=getattr(item, "is_active", None),
            last_login_at=getattr(item, "last_login_at", None),
        )


class UserProfile(WikiModel):
    """The caller's own account (with an API key: the administrator's, user id 1).

    Attributes:
        groups: The names of the groups the account is in.
        pages_total: How many pages the account created.
    """

    repr_fields = ("id", "name", "email", "provider_key")

    id: int
    name: str
    email: str
    provider_key: str | None
    provider_name: str | None
    is_system: bool
    is_verified: bool
    location: str
    job_title: str
    timezone: str
    date_format: str
    appearance: str
    created_at: datetime
    updated_at: datetime
    last_login_at: datetime | None
    groups: list[str]
    pages_total: int

    @classmethod
    def from_fields(cls, fields: GetProfileUsersProfile) -> UserProfile:
        """Build the profile from a `users.profile` answer.

        Args:
            fields: The generated selection of that answer.

        Returns:
            The profile, null group names dropped.
        """
        data = fields.model_dump()
        data["groups"] = [name for name in fields.groups if name is not None]
        return cls.model_validate(data)


class _UserFields(InputModel):
    what = "user data"

    @field_validator("name", check_fields=False)
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        return None if value is None else rules.check_non_empty(value, "name").strip()

    @field_validator("email", check_fields=False)
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is None:
            return None
        email = rules.check_non_empty(value, "email").strip()
        local, _, domain = email.partition("@")
        if not local or "." not in domain or " " in email:
            raise ValueError("email must be an email address")
        return email

    @field_validator("password_raw", check_fields=False)
    @classmethod
    def _password(cls, value: str | None) -> str | None:
        if value is not None and len(value) < MIN_PASSWORD_LENGTH:
            raise ValueError(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
        return value

    @field_validator("groups", check_fields=False)
    @classmethod
    def _groups(cls, value: list[int] | None) -> list[int] | None:
        return None if value is None else [rules.check_id(g, "groups") for g in value]


class UserCreate(_UserFields):
    """A new account. With the default `local` provider a password is required.

    Attributes:
        password_raw: The password, at least 6 characters; never shown in reprs or error
            messages.
        provider_key: The login method: "local" (the default) or an authentication
            strategy's key.
        groups: The ids of the groups the account joins.
        must_change_password: Whether the first login asks for a new password.
        send_welcome_email: Whether Wiki.js mails the new user (it needs mail set up).
        location: Set right after creation, which Wiki.js does not take it with.
        job_title: Set right after creation, as `location`.
        timezone: Set right after creation, as `location`.
    """

    email: str
    name: str
    password_raw: str | None = Field(default=None, repr=False)
    provider_key: str = "local"
    groups: list[StrictInt] = Field(default_factory=list)
    must_change_password: StrictBool = False
    send_welcome_email: StrictBool = False
    location: str | None = None
    job_title: str | None = None
    timezone: str | None = None

    @model_validator(mode="after")
    def _local_needs_password(self) -> Self:
        if self.provider_key == "local" and self.password_raw is None:
            raise ValueError("password_raw is required for a local account")
        return self

    def profile_fields(self) -> dict[str, str]:
        """Collect the profile fields to set once the account exists.

        Returns:
            Those given, by Python name.
        """
        wanted = {"location": self.location, "job_title": self.job_title, "timezone": self.timezone}
        return {name: value for name, value in wanted.items() if value is not None}


class UserUpdate(_UserFields):
    """Changes to an account; a field left out (or None) is kept.

    `groups` replaces the membership. `is_active` and `is_verified` are applied with Wiki.js's
    activate/deactivate/verify operations (a verified account cannot be unverified).
    """

    name: str | None = None
    email: str | None = None
    password_raw: str | None = Field(default=None, repr=False)
    location: str | None = None
    job_title: str | None = None
    timezone: str | None = None
    date_format: str | None = None
    appearance: str | None = None
    groups: list[StrictInt] | None = None
    is_active: StrictBool | None = None
    is_verified: StrictBool | None = None

    def account_changes(self) -> bool:
        """Tell whether fields of the account itself change, not only its state.

        Activation and verification have mutations of their own; the rest goes in one update.

        Returns:
            True when a field other than `is_active` and `is_verified` is set.
        """
        fields = self.model_fields_set - {"is_active", "is_verified"}
        return any(getattr(self, name) is not None for name in fields)

    @field_validator("is_verified")
    @classmethod
    def _only_verify(cls, value: bool | None) -> bool | None:
        if value is False:
            raise ValueError("is_verified can only be set to True: Wiki.js cannot unverify")
        return value
