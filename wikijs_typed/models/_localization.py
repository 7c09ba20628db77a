"""Locales and the site's language settings."""

from __future__ import annotations

from datetime import datetime

from pydantic import field_validator

from wikijs_typed.models import _rules as rules
from wikijs_typed.models._base import WikiModel
from wikijs_typed.models._config import ConfigUpdate

__all__ = ["Locale", "LocalizationConfig", "LocalizationConfigUpdate"]


class Locale(WikiModel):
    """A language Wiki.js offers for its interface and namespaces.

    Attributes:
        code: The locale's code: "en", "pt-br".
        name: Its name in English; `native_name` is its name in itself.
        is_rtl: Whether it is written right to left.
        is_installed: Whether its interface translation is downloaded.
        availability: The percentage of the interface translated.
        install_date: When it was downloaded; None when it is not installed.
    """

    code: str
    name: str
    native_name: str
    is_rtl: bool
    is_installed: bool
    availability: int
    install_date: datetime | None = None
    created_at: datetime
    updated_at: datetime

    repr_fields = ("code", "name", "is_installed")


class LocalizationConfig(WikiModel):
    """The site's language settings.

    Attributes:
        locale: The site's language, a locale code.
        auto_update: Whether Wiki.js updates the installed translations itself.
        namespacing: Whether pages live per locale, in the `namespaces` listed.
        namespaces: The locale codes pages may live in, when `namespacing` is on.
    """

    locale: str
    auto_update: bool
    namespacing: bool
    namespaces: list[str]


class LocalizationConfigUpdate(ConfigUpdate):
    """Language settings to change; a field left out, or None, keeps its value.

    Wiki.js replaces all the language settings at once: the client sends the current ones with
    these applied. Locale codes are checked ("en", "pt-br") before anything is sent.
    """

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
