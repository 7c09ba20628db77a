"""Locales and the site's language settings."""

from __future__ import annotations

from datetime import datetime

from pydantic import field_validator

from wikijs_typed.models import _rules as rules
from wikijs_typed.models._base import WikiModel
from wikijs_typed.models._config import ConfigUpdate

__all__ = ["Locale", "LocalizationConfig", "LocalizationConfigUpdate"]


class Locale(WikiModel):
    code: str
    name: str
    native_name: str
    is_rtl: bool
    is_installed: bool
    # Percentage of the interface translated.
    availability: int
    install_date: datetime | None = None
    created_at: datetime
    updated_at: datetime

    repr_fields = ("code", "name", "is_installed")


class LocalizationConfig(WikiModel):
    """`locale` is the site's language; with `namespacing`, pages live per locale in the
    `namespaces` listed."""

    locale: str
    auto_update: bool
    namespacing: bool
    namespaces: list[str]


class LocalizationConfigUpdate(ConfigUpdate):
    what = "localization config"

    locale: str | None = None
    auto_update: bool | None = None
    namespacing: bool | None = None
    namespaces: list[str] | None = None

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str | None) -> str | None:
        return None if value is None else rules.check_locale(value)

    @field_validator("namespaces")
    @classmethod
    def _namespaces(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else [rules.check_locale(v, "namespaces") for v in value]
