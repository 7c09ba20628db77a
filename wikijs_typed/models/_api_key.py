"""API keys, as `authentication.apiKeys` lists them (the key itself is shown only once)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import Field

from wikijs_typed.models._base import WikiModel

if TYPE_CHECKING:
    from wikijs_graphql.fragments import ApiKeyFields

__all__ = ["ApiKey", "CreatedApiKey"]


class ApiKey(WikiModel):
    """An API key as Wiki.js lists it: never the key itself, which it shows only once.

    Attributes:
        key_short: "..." and the last 20 characters of the key, enough to tell keys apart.
        expiration: When Wiki.js stops accepting the key.
        is_revoked: Whether the key was revoked; Wiki.js keeps listing revoked keys.
    """

    id: int
    name: str
    key_short: str
    expiration: datetime
    created_at: datetime
    updated_at: datetime
    is_revoked: bool

    @classmethod
    def from_fields(cls, fields: ApiKeyFields) -> ApiKey:
        """Build a key from an entry of `authentication.apiKeys`.

        Args:
            fields: The generated `ApiKeyFields` selection.

        Returns:
            The key.
        """
        return cls.model_validate(fields.model_dump())


class CreatedApiKey(WikiModel):
    """A key just created, with its secret.

    Attributes:
        key: The secret bearer token (a JWT), which Wiki.js shows this once only; it stays out
            of reprs.
        api_key: The key as listings will show it from now on.
    """

    key: str = Field(repr=False)
    api_key: ApiKey
