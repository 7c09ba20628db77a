"""The data models: what the client returns, and what a caller sends (checked before sending)."""

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
