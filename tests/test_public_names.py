"""The public names users had before the package was laid out anew still import from where
they did: the `__all__` of the root and of each public module and subpackage, frozen here as
they were. A name may be added to a public module; none of these may go."""

from __future__ import annotations

from importlib import import_module

import pytest

BEFORE_THE_RELAYOUT = {
    "wikijs_typed": [
        "APIError", "APIKeyAuth", "ApiKey", "Asset", "AssetFolder", "AsyncWikiJSClient",
        "AuthHandler", "AuthenticationError", "BaseCache", "BatchError", "BatchFailure",
        "BatchResult", "ClientError", "ConfigurationError", "CredentialsAuth",
        "DuplicatePathError", "ForbiddenError", "GraphQLError", "Group", "GroupCreate",
        "GroupUpdate", "HTTPStatusError", "InvalidResponseError", "JWTAuth", "MemoryCache",
        "NotFoundError", "OperationFailedError", "Page", "PageCreate", "PageUpdate",
        "PartialWriteError", "RateLimitError", "RedisCache", "ServerError", "User",
        "UserCreate", "UserProfile", "UserUpdate", "ValidationError", "WikiJSClient",
        "WikiJSConnectionError", "WikiJSError", "WikiJSException", "WikiJSPermissionError",
        "WikiJSTimeoutError", "WriteOutcomeUnknownError", "__version__", "__version_info__",
        # The SDK's names that shadow built-ins, kept out of __all__.
        "ConnectionError", "TimeoutError", "PermissionError",
    ],
    "wikijs_typed.client": ["AsyncWikiJSClient", "WikiJSClient"],
    "wikijs_typed.aio": ["AsyncWikiJSClient"],
    "wikijs_typed.utils": [
        "build_api_url", "extract_error_message", "normalize_url", "parse_wiki_response",
    ],
    "wikijs_typed.exceptions": [
        "APIError", "AuthenticationError", "BatchError", "ClientError", "ConfigurationError",
        "DuplicatePathError", "ForbiddenError", "GraphQLError", "GraphQLErrorDetail",
        "HTTPStatusError", "InvalidResponseError", "NotFoundError", "OperationFailedError",
        "PartialWriteError", "RateLimitError", "ServerError", "ValidationError",
        "WikiJSConnectionError", "WikiJSError", "WikiJSException", "WikiJSPermissionError",
        "WikiJSTimeoutError", "WriteOutcomeUnknownError", "readable",
        "ConnectionError", "TimeoutError", "PermissionError",
    ],
    "wikijs_typed.auth": ["APIKeyAuth", "AuthHandler", "CredentialsAuth", "JWTAuth"],
    "wikijs_typed.cache": ["BaseCache", "CacheKey", "CacheStats", "MemoryCache", "RedisCache"],
    "wikijs_typed.models": [
        "ApiKey", "Asset", "AssetFolder", "AuthenticationStrategy", "BatchFailure",
        "BatchResult", "CreatedApiKey", "ExportStatus", "Group", "GroupCreate",
        "GroupPageRule", "GroupUpdate", "GroupUser", "InputModel", "Locale",
        "LocalizationConfig", "LocalizationConfigUpdate", "MailConfig", "MailConfigUpdate",
        "ModuleSetting", "NavigationItem", "NavigationItemInput", "Page", "PageCreate",
        "PageUpdate", "Renderer", "SearchEngine", "SiteConfig", "SiteConfigUpdate",
        "StorageAction", "StorageStatus", "StorageTarget", "SystemExtension", "SystemInfo",
        "Theme", "ThemingConfig", "ThemingConfigUpdate", "User", "UserCreate", "UserGroup",
        "UserProfile", "UserUpdate", "WikiModel",
    ],
    "wikijs_typed.query": [
        "AsyncDocumentQuery", "AsyncImageQuery", "AsyncPageQuery", "DocumentItem",
        "DocumentQuery", "Explanation", "FieldNotSelectedError", "ImageItem", "ImageQuery",
        "Item", "Listing", "NoMatchError", "PageItem", "PageQuery", "ParentItem",
        "PersonItem", "QueryError",
    ],
    "wikijs_typed.testing": [
        "Clock", "FaultKind", "Faults", "LatencyProfile", "ManualClock", "RecordedRequest",
        "SeedError", "SystemClock", "WikiJSEmulator",
    ],
    "wikijs_typed.api": ["ApiSettings", "create_app"],
    "wikijs_typed.cli": ["build_parser", "main"],
    "wikijs_typed.settings": [
        "SCHEMA_FILE", "ApplyResult", "Change", "Problem", "SettingsDocument",
        "SettingsError", "SettingsPlan", "Step",
    ],
    "wikijs_typed.feed": ["AssetChange", "ChangeSet", "PageChange", "Watcher"],
    "wikijs_typed.mcp": ["McpSettings", "WritePrefix", "build_server"],
    "wikijs_typed.codegen.plugin": ["WikiJSPlugin"],
}  # fmt: skip


@pytest.mark.parametrize("module_name", sorted(BEFORE_THE_RELAYOUT))
def test_every_public_name_still_imports_from_where_it_did(module_name: str) -> None:
    module = import_module(module_name)
    missing = [name for name in BEFORE_THE_RELAYOUT[module_name] if not hasattr(module, name)]
    assert missing == []


@pytest.mark.parametrize("module_name", sorted(BEFORE_THE_RELAYOUT))
def test_a_public_module_lists_what_it_offers(module_name: str) -> None:
    """`__all__` names every public name (the SDK's built-in shadows excepted)."""
    offered = set(import_module(module_name).__all__)
    shadows = {"ConnectionError", "TimeoutError", "PermissionError"}
    assert set(BEFORE_THE_RELAYOUT[module_name]) - shadows <= offered


def test_the_same_object_under_every_public_name() -> None:
    import wikijs_typed
    from wikijs_typed import aio, auth, cache, client, exceptions, models

    assert wikijs_typed.WikiJSClient is client.WikiJSClient
    assert wikijs_typed.AsyncWikiJSClient is aio.AsyncWikiJSClient is client.AsyncWikiJSClient
    assert wikijs_typed.APIKeyAuth is auth.APIKeyAuth
    assert wikijs_typed.MemoryCache is cache.MemoryCache
    assert wikijs_typed.Page is models.Page
    assert wikijs_typed.BatchResult is models.BatchResult
    assert wikijs_typed.ConnectionError is exceptions.ConnectionError
