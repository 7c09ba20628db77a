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
    from wikijs_typed.models.page import Page, PageCreate, PageUpdate
    from wikijs_typed.models.user import User, UserCreate, UserGroup, UserProfile, UserUpdate

__all__ = [
    "ApiKey",
    "Asset",
    "AssetFolder",
    "BatchFailure",
    "BatchResult",
    "CreatedApiKey",
    "Group",
    "GroupCreate",
    "GroupPageRule",
    "GroupUpdate",
    "GroupUser",
    "InputModel",
    "Page",
    "PageCreate",
    "PageUpdate",
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
            "BatchFailure": "wikijs_typed.models.batch",
            "BatchResult": "wikijs_typed.models.batch",
            "CreatedApiKey": "wikijs_typed.models.api_key",
            "Group": "wikijs_typed.models.group",
            "GroupCreate": "wikijs_typed.models.group",
            "GroupPageRule": "wikijs_typed.models.group",
            "GroupUpdate": "wikijs_typed.models.group",
            "GroupUser": "wikijs_typed.models.group",
            "InputModel": "wikijs_typed.models.base",
            "Page": "wikijs_typed.models.page",
            "PageCreate": "wikijs_typed.models.page",
            "PageUpdate": "wikijs_typed.models.page",
            "User": "wikijs_typed.models.user",
            "UserCreate": "wikijs_typed.models.user",
            "UserGroup": "wikijs_typed.models.user",
            "UserProfile": "wikijs_typed.models.user",
            "UserUpdate": "wikijs_typed.models.user",
            "WikiModel": "wikijs_typed.models.base",
        },
    )
