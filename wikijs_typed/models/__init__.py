"""The data models: what the client returns, and what a caller sends (checked before sending).

Each loads when first used: a program that reads pages does not build the user models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikijs_typed._lazy import lazy_exports

if TYPE_CHECKING:
    from wikijs_typed.models._api_key import ApiKey, CreatedApiKey
    from wikijs_typed.models._asset import Asset, AssetFolder
    from wikijs_typed.models._base import InputModel, WikiModel
    from wikijs_typed.models._batch import BatchFailure, BatchResult
    from wikijs_typed.models._group import Group, GroupCreate, GroupPageRule, GroupUpdate, GroupUser
    from wikijs_typed.models._localization import (
        Locale,
        LocalizationConfig,
        LocalizationConfigUpdate,
    )
    from wikijs_typed.models._mail import MailConfig, MailConfigUpdate
    from wikijs_typed.models._modules import (
        AuthenticationStrategy,
        ModuleSetting,
        Renderer,
        SearchEngine,
        StorageAction,
        StorageStatus,
        StorageTarget,
    )
    from wikijs_typed.models._navigation import NavigationItem, NavigationItemInput
    from wikijs_typed.models._page import Page, PageCreate, PageUpdate
    from wikijs_typed.models._site import SiteConfig, SiteConfigUpdate
    from wikijs_typed.models._system import ExportStatus, SystemExtension, SystemInfo
    from wikijs_typed.models._theming import Theme, ThemingConfig, ThemingConfigUpdate
    from wikijs_typed.models._user import User, UserCreate, UserGroup, UserProfile, UserUpdate

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
            "ApiKey": "wikijs_typed.models._api_key",
            "Asset": "wikijs_typed.models._asset",
            "AssetFolder": "wikijs_typed.models._asset",
            "AuthenticationStrategy": "wikijs_typed.models._modules",
            "BatchFailure": "wikijs_typed.models._batch",
            "BatchResult": "wikijs_typed.models._batch",
            "CreatedApiKey": "wikijs_typed.models._api_key",
            "ExportStatus": "wikijs_typed.models._system",
            "Group": "wikijs_typed.models._group",
            "GroupCreate": "wikijs_typed.models._group",
            "GroupPageRule": "wikijs_typed.models._group",
            "GroupUpdate": "wikijs_typed.models._group",
            "GroupUser": "wikijs_typed.models._group",
            "InputModel": "wikijs_typed.models._base",
            "Locale": "wikijs_typed.models._localization",
            "LocalizationConfig": "wikijs_typed.models._localization",
            "LocalizationConfigUpdate": "wikijs_typed.models._localization",
            "MailConfig": "wikijs_typed.models._mail",
            "MailConfigUpdate": "wikijs_typed.models._mail",
            "ModuleSetting": "wikijs_typed.models._modules",
            "NavigationItem": "wikijs_typed.models._navigation",
            "NavigationItemInput": "wikijs_typed.models._navigation",
            "Page": "wikijs_typed.models._page",
            "PageCreate": "wikijs_typed.models._page",
            "PageUpdate": "wikijs_typed.models._page",
            "Renderer": "wikijs_typed.models._modules",
            "SearchEngine": "wikijs_typed.models._modules",
            "SiteConfig": "wikijs_typed.models._site",
            "SiteConfigUpdate": "wikijs_typed.models._site",
            "StorageAction": "wikijs_typed.models._modules",
            "StorageStatus": "wikijs_typed.models._modules",
            "StorageTarget": "wikijs_typed.models._modules",
            "SystemExtension": "wikijs_typed.models._system",
            "SystemInfo": "wikijs_typed.models._system",
            "Theme": "wikijs_typed.models._theming",
            "ThemingConfig": "wikijs_typed.models._theming",
            "ThemingConfigUpdate": "wikijs_typed.models._theming",
            "User": "wikijs_typed.models._user",
            "UserCreate": "wikijs_typed.models._user",
            "UserGroup": "wikijs_typed.models._user",
            "UserProfile": "wikijs_typed.models._user",
            "UserUpdate": "wikijs_typed.models._user",
            "WikiModel": "wikijs_typed.models._base",
        },
    )
