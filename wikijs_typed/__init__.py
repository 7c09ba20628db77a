"""A typed client for Wiki.js 2.x, with the API of the Wiki.js Python SDK.

    from wikijs_typed import WikiJSClient            # or AsyncWikiJSClient
    with WikiJSClient("https://wiki.example.com", auth="api-key") as client:
        page = client.pages.get(123)

Names load on first use, so `import wikijs_typed` stays cheap (httpx and pydantic are imported
only when a client or a model is first touched). The exceptions Python already has a name for
(`ConnectionError`, `TimeoutError`, `PermissionError`) are reachable here and in
`wikijs_typed.exceptions` under those names too, but are not in `__all__`, so
`from wikijs_typed import *` never shadows the built-ins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikijs_typed._lazy import lazy_exports
from wikijs_typed._version import __version__, __version_info__

if TYPE_CHECKING:
    from wikijs_typed.auth import APIKeyAuth, AuthHandler, CredentialsAuth, JWTAuth
    from wikijs_typed.cache import BaseCache, MemoryCache, RedisCache
    from wikijs_typed.client import AsyncWikiJSClient, WikiJSClient
    from wikijs_typed.exceptions import (
        APIError,
        AuthenticationError,
        BatchError,
        BatchFailure,
        BatchResult,
        ClientError,
        ConfigurationError,
        DuplicatePathError,
        ForbiddenError,
        GraphQLError,
        HTTPStatusError,
        InvalidResponseError,
        NotFoundError,
        OperationFailedError,
        PartialWriteError,
        RateLimitError,
        ServerError,
        ValidationError,
        WikiJSConnectionError,
        WikiJSError,
        WikiJSException,
        WikiJSPermissionError,
        WikiJSTimeoutError,
        WriteOutcomeUnknownError,
    )

    # The SDK's names that shadow built-ins (not in __all__); `as` marks them as re-exported.
    from wikijs_typed.exceptions import ConnectionError as ConnectionError  # noqa: A004
    from wikijs_typed.exceptions import PermissionError as PermissionError  # noqa: A004
    from wikijs_typed.exceptions import TimeoutError as TimeoutError  # noqa: A004
    from wikijs_typed.models import (
        ApiKey,
        Asset,
        AssetFolder,
        Group,
        GroupCreate,
        GroupUpdate,
        Page,
        PageCreate,
        PageUpdate,
        User,
        UserCreate,
        UserProfile,
        UserUpdate,
    )

__all__ = [
    "APIError",
    "APIKeyAuth",
    "ApiKey",
    "Asset",
    "AssetFolder",
    "AsyncWikiJSClient",
    "AuthHandler",
    "AuthenticationError",
    "BaseCache",
    "BatchError",
    "BatchFailure",
    "BatchResult",
    "ClientError",
    "ConfigurationError",
    "CredentialsAuth",
    "DuplicatePathError",
    "ForbiddenError",
    "GraphQLError",
    "Group",
    "GroupCreate",
    "GroupUpdate",
    "HTTPStatusError",
    "InvalidResponseError",
    "JWTAuth",
    "MemoryCache",
    "NotFoundError",
    "OperationFailedError",
    "Page",
    "PageCreate",
    "PageUpdate",
    "PartialWriteError",
    "RateLimitError",
    "RedisCache",
    "ServerError",
    "User",
    "UserCreate",
    "UserProfile",
    "UserUpdate",
    "ValidationError",
    "WikiJSClient",
    "WikiJSConnectionError",
    "WikiJSError",
    "WikiJSException",
    "WikiJSPermissionError",
    "WikiJSTimeoutError",
    "WriteOutcomeUnknownError",
    "__version__",
    "__version_info__",
]

# Where each name lives; anything not listed comes from `wikijs_typed.exceptions`, including
# the names kept out of `__all__` because they would shadow built-ins (ConnectionError,
# TimeoutError, PermissionError).
_HOMES = {
    "WikiJSClient": "wikijs_typed.client",
    "AsyncWikiJSClient": "wikijs_typed.client",
    "APIKeyAuth": "wikijs_typed.auth",
    "AuthHandler": "wikijs_typed.auth",
    "CredentialsAuth": "wikijs_typed.auth",
    "JWTAuth": "wikijs_typed.auth",
    "BaseCache": "wikijs_typed.cache",
    "MemoryCache": "wikijs_typed.cache",
    "RedisCache": "wikijs_typed.cache",
    "ApiKey": "wikijs_typed.models",
    "Asset": "wikijs_typed.models",
    "AssetFolder": "wikijs_typed.models",
    "Group": "wikijs_typed.models",
    "GroupCreate": "wikijs_typed.models",
    "GroupUpdate": "wikijs_typed.models",
    "Page": "wikijs_typed.models",
    "PageCreate": "wikijs_typed.models",
    "PageUpdate": "wikijs_typed.models",
    "User": "wikijs_typed.models",
    "UserCreate": "wikijs_typed.models",
    "UserProfile": "wikijs_typed.models",
    "UserUpdate": "wikijs_typed.models",
}
_SHADOWING = ("ConnectionError", "TimeoutError", "PermissionError")


if not TYPE_CHECKING:
    # Out of type checkers' sight, which see the imports above instead (see wikijs_typed._lazy).
    __getattr__ = lazy_exports(
        __name__,
        {
            **dict.fromkeys([*__all__, *_SHADOWING], "wikijs_typed.exceptions"),
            **_HOMES,
        },
    )


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_SHADOWING})
