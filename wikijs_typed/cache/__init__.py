"""Caches for GraphQL reads, invalidated by the mutations that make them stale.

`MemoryCache` is the embedded default; `RedisCache` shares one cache between processes and
needs the `redis` extra (imported only when `RedisCache` is first used).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikijs_typed._lazy import lazy_exports
from wikijs_typed.cache._base import BaseCache, CacheKey, CacheStats
from wikijs_typed.cache._memory import MemoryCache

if TYPE_CHECKING:
    from wikijs_typed.cache._redis_cache import RedisCache

__all__ = ["BaseCache", "CacheKey", "CacheStats", "MemoryCache", "RedisCache"]


if not TYPE_CHECKING:
    # Out of type checkers' sight, which see the imports above instead (see wikijs_typed._lazy).
    __getattr__ = lazy_exports(__name__, {"RedisCache": "wikijs_typed.cache._redis_cache"})
