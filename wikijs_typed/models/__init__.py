"""The data models: what the client returns, and what a caller sends (checked before sending).

Each loads when first used: a program that reads pages does not build the user models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikijs_typed.lazy import lazy_exports

if TYPE_CHECKING:
    from wikijs_typed.models.api_key import ApiKey, CreatedApiKey
    from wikijs_typed.models.asset import Asset, AssetFolder
    from wikijs_typed.models.base import InputModel, WikiModel
    from wikijs_typed.models.batch import BatchFailure, BatchResult
    from wikijs_typed.models.group import Group, GroupCreate, GroupPageRule, GroupUpdate, GroupUser
    from wikijs_typed.models.localization import (
        Locale,
        LocalizationConfig,
        LocalizationConfigUpdate,
    )
    from wikijs_typed.models.mail import MailConfig, MailConfigUpdate
    from wikijs_typed.models.modules import (
        AuthenticationStrategy,
        ModuleSetting,
        Renderer,
        SearchEngine,
        StorageAction,
        StorageStatus,
        StorageTarget,
    )
    from wikijs_typed.models.navigation import NavigationItem, NavigationItemInput
    from wikijs_typed.models.page import Page, PageCreate, PageUpdate
    from wikijs_typed.models.site import SiteConfig, SiteConfigUpdate
    from wikijs_typed.models.system import ExportStatus, SystemExtension, SystemInfo
    from wikijs_typed.models.theming import Theme, ThemingConfig, ThemingConfigUpdate
    from wikijs_typed.models.user import User, UserCreate, UserGroup, UserProfile, UserUpdate

__all__ = [
    "ApiKey",
    "Asset",
    "AssetFolder",
    "AuthenticationStrategy",
    "BatchFailure",
    "BatchResult",
    "CreatedApiKey",
    "ExportStatus",
    "Group",
    "GroupCreate",
    "GroupPageRule",
    "GroupUpdate",
    "GroupUser",
    "InputModel",
    "Locale",
    "LocalizationConfig",
    "LocalizationConfigUpdate",
    "MailConfig",
    "MailConfigUpdate",
    "ModuleSetting",
    "NavigationItem",
    "NavigationItemInput",
    "Page",
    "PageCreate",
    "PageUpdate",
    "Renderer",
    "SearchEngine",
    "SiteConfig",
    "SiteConfigUpdate",
    "StorageAction",
    "StorageStatus",
    "StorageTarget",
    "SystemExtension",
    "SystemInfo",
    "Theme",
    "ThemingConfig",
    "ThemingConfigUpdate",
    "User",
    "UserCreate",
    "UserGroup",
    "UserProfile",
    "UserUpdate",
    "WikiModel",
]

if not TYPE_CHECKING:
    __getattr__ = lazy_exports(
        __name__,
        {
            "ApiKey": "wikijs_typed.models.api_key",
            "Asset": "wikijs_typed.models.asset",
            "AssetFolder": "wikijs_typed.models.asset",
            "AuthenticationStrategy": "wikijs_typed.models.modules",
            "BatchFailure": "wikijs_typed.models.batch",
            "BatchResult": "wikijs_typed.models.batch",
            "CreatedApiKey": "wikijs_typed.models.api_key",
            "ExportStatus": "wikijs_typed.models.system",
            "Group": "wikijs_typed.models.group",
            "GroupCreate": "wikijs_typed.models.group",
            "GroupPageRule": "wikijs_typed.models.group",
            "GroupUpdate": "wikijs_typed.models.group",
            "GroupUser": "wikijs_typed.models.group",
            "InputModel": "wikijs_typed.models.base",
            "Locale": "wikijs_typed.models.localization",
            "LocalizationConfig": "wikijs_typed.models.localization",
            "LocalizationConfigUpdate": "wikijs_typed.models.localization",
            "MailConfig": "wikijs_typed.models.mail",
            "MailConfigUpdate": "wikijs_typed.models.mail",
            "ModuleSetting": "wikijs_typed.models.modules",
            "NavigationItem": "wikijs_typed.models.navigation",
            "NavigationItemInput": "wikijs_typed.models.navigation",
            "Page": "wikijs_typed.models.page",
            "PageCreate": "wikijs_typed.models.page",
            "PageUpdate": "wikijs_typed.models.page",
            "Renderer": "wikijs_typed.models.modules",
            "SearchEngine": "wikijs_typed.models.modules",
            "SiteConfig": "wikijs_typed.models.site",
            "SiteConfigUpdate": "wikijs_typed.models.site",
            "StorageAction": "wikijs_typed.models.modules",
            "StorageStatus": "wikijs_typed.models.modules",
            "StorageTarget": "wikijs_typed.models.modules",
            "SystemExtension": "wikijs_typed.models.system",
            "SystemInfo": "wikijs_typed.models.system",
            "Theme": "wikijs_typed.models.theming",
            "ThemingConfig": "wikijs_typed.models.theming",
            "ThemingConfigUpdate": "wikijs_typed.models.theming",
            "User": "wikijs_typed.models.user",
            "UserCreate": "wikijs_typed.models.user",
            "UserGroup": "wikijs_typed.models.user",
            "UserProfile": "wikijs_typed.models.user",
            "UserUpdate": "wikijs_typed.models.user",
            "WikiModel": "wikijs_typed.models.base",
        },
    )
