"""`WikiJSClient` and `AsyncWikiJSClient`: the facades users start from.

Both are written once, async, in `wikijs_typed._resources._async.client`; the sync one is
derived from it (see `tools.sync_twins`), so the two always offer the same API. Each is imported
only when asked for: a sync program does not load the async resources, nor the reverse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikijs_typed._lazy import lazy_exports

if TYPE_CHECKING:
    from wikijs_typed._resources._async.client import AsyncWikiJSClient
    from wikijs_typed._resources._sync.client import WikiJSClient

__all__ = ["AsyncWikiJSClient", "WikiJSClient"]

_HOMES = {
    "AsyncWikiJSClient": "wikijs_typed._resources._async.client",
    "WikiJSClient": "wikijs_typed._resources._sync.client",
}


if not TYPE_CHECKING:
    # Out of type checkers' sight, which see the imports above instead (see wikijs_typed._lazy).
    __getattr__ = lazy_exports(__name__, _HOMES)
