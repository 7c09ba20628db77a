"""Caches for GraphQL reads, invalidated by the mutations that make them stale.

`MemoryCache` is the embedded default; `RedisCache` shares one cache between processes and
needs the `redis` extra (imported only when `RedisCache` is first used).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikijs_typed.cache.base import BaseCache, CacheKey, CacheStats
from wikijs_typed.cache.memory import MemoryCache

if TYPE_CHECKING:
    from wikijs_typed.cache.redis_cache import RedisCache

__all__ = ["BaseCache", "CacheKey", "CacheStats", "MemoryCache", "RedisCache"]


# Hidden from type checkers: they see the names imported under TYPE_CHECKING above, so a
# misspelt name is an error instead of an `object` that this hook would seem to return.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name == "RedisCache":
            from wikijs_typed.cache.redis_cache import RedisCache

            return RedisCache
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
