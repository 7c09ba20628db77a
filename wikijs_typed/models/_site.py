"""Site settings: `SiteConfig` as Wiki.js answers it, `SiteConfigUpdate` for the changes.

`site.updateConfig` changes only the arguments it is sent: an update sends the settings the
caller set that differ from the current config, and nothing when none does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import field_validator

from wikijs_typed.models import _rules as rules
from wikijs_typed.models._base import WikiModel
from wikijs_typed.models._config import ConfigUpdate

if TYPE_CHECKING:
    from wikijs_graphql.get_site_config import GetSiteConfigSiteConfig

__all__ = ["SiteConfig", "SiteConfigUpdate"]


class _SiteSettings(WikiModel):
    """The settings `site.config` answers and `site.updateConfig` takes (one list for both)."""

    host: str | None = None
    title: str | None = None
    description: str | None = None
    robots: list[str] | None = None
    analytics_service: str | None = None
    analytics_id: str | None = None
    company: str | None = None
    content_license: str | None = None
    footer_override: str | None = None
    logo_url: str | None = None
    page_extensions: str | None = None
    auth_auto_login: bool | None = None
    auth_enforce_2_fa: bool | None = None
    auth_hide_local: bool | None = None
    auth_login_bg_url: str | None = None
    auth_jwt_audience: str | None = None
    auth_jwt_expiration: str | None = None
    auth_jwt_renewable_period: str | None = None
    edit_fab: bool | None = None
    edit_menu_bar: bool | None = None
    edit_menu_btn: bool | None = None
    edit_menu_external_btn: bool | None = None
    edit_menu_external_name: str | None = None
    edit_menu_external_icon: str | None = None
    edit_menu_external_url: str | None = None
    feature_page_ratings: bool | None = None
    feature_page_comments: bool | None = None
    feature_personal_wikis: bool | None = None
    security_open_redirect: bool | None = None
    security_iframe: bool | None = None
    security_referrer_policy: bool | None = None
    security_trust_proxy: bool | None = None
    security_sri: bool | None = None
    security_hsts: bool | None = None
    security_hsts_duration: int | None = None
    security_csp: bool | None = None
    security_csp_directives: str | None = None
    upload_max_file_size: int | None = None
    upload_max_files: int | None = None
    upload_scan_svg: bool | None = None
    upload_force_download: bool | None = None


class SiteConfig(_SiteSettings):
    """The site's settings (administrators only). A value Wiki.js has never stored is None."""

    repr_fields = ("host", "title")

    @classmethod
    def from_fields(cls, fields: GetSiteConfigSiteConfig) -> SiteConfig:
        """Build the settings from a `site.config` answer.

        Args:
            fields: The generated selection of that answer.

        Returns:
            The settings, null robots rules dropped.
        """
        data = fields.model_dump()
        if data["robots"] is not None:
            data["robots"] = [rule for rule in data["robots"] if rule is not None]
        return cls.model_validate(data)


class SiteConfigUpdate(_SiteSettings, ConfigUpdate):
    """The settings to change; the others keep their value. None means "leave as it is"."""

    what = "site config"

    @field_validator("title", check_fields=False)
    @classmethod
    def _title(cls, value: str | None) -> str | None:
        return None if value is None else rules.check_title(value, "title")

    @field_validator("host", check_fields=False)
    @classmethod
    def _host(cls, value: str | None) -> str | None:
        if value is None:
            return None
        host = rules.check_non_empty(value, "host").strip()
        if not host.startswith(("http://", "https://")):
            raise ValueError("host must start with http:// or https://")
        return host.removesuffix("/")

    @field_validator(
        "upload_max_file_size", "upload_max_files", "security_hsts_duration", check_fields=False
    )
    @classmethod
    def _not_negative(cls, value: int | None) -> int | None:
        if value is not None and value < 0:
            raise ValueError("must not be negative")
        return value
