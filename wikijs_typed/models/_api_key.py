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
    id: int
    name: str
    # "..." and the last 20 characters of the key.
    key_short: str
    expiration: datetime
    created_at: datetime
    updated_at: datetime
    is_revoked: bool

    @classmethod
    def from_fields(cls, fields: ApiKeyFields) -> ApiKey:
        return cls.model_validate(fields.model_dump())


class CreatedApiKey(WikiModel):
    """A new key: `key` is the secret bearer token, shown by Wiki.js this once only."""

    key: str = Field(repr=False)
    api_key: ApiKey
