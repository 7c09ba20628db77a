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

from wikijs_typed._lazy import defer_httpx_cli, lazy_exports
from wikijs_typed._version import __version__, __version_info__

defer_httpx_cli()

if TYPE_CHECKING:
    from wikijs_typed._pipeline.batching import AutoBatching
    from wikijs_typed._pipeline.retry import RetryPolicy
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
    "AutoBatching",
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
    "RetryPolicy",
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

# The names that shadow built-ins, offered but kept out of `__all__` (see above).
_SHADOWING = ("ConnectionError", "TimeoutError", "PermissionError")
# Where the names imported above live, searched in this order when a name is first used:
# cheapest first, so that `from wikijs_typed import WikiJSClient` loads nothing else. Each
# name is listed only in the imports and `__all__`, which type checkers need.
_MODULES = (
    "wikijs_typed.client",
    "wikijs_typed.exceptions",
    "wikijs_typed.cache",
    "wikijs_typed.models",
    "wikijs_typed._pipeline.batching",
    "wikijs_typed._pipeline.retry",
    "wikijs_typed.auth",
)


if not TYPE_CHECKING:
    # Out of type checkers' sight, which see the imports above instead (see wikijs_typed._lazy).
    __getattr__ = lazy_exports(__name__, dict.fromkeys((*__all__, *_SHADOWING), _MODULES))


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_SHADOWING})
