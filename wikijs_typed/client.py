"""`WikiJSClient` and `AsyncWikiJSClient`: the facades users start from.

Both are written once, async, in `resources/_async/client.py`; the sync one is derived from it
(see `wikijs_typed.resources.twin`), so the two always offer the same API. Each is imported
only when asked for: a sync program does not load the async resources, nor the reverse.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wikijs_typed.resources._async.client import AsyncWikiJSClient
    from wikijs_typed.resources._sync.client import WikiJSClient

__all__ = ["AsyncWikiJSClient", "WikiJSClient"]

_HOMES = {
    "AsyncWikiJSClient": "wikijs_typed.resources._async.client",
    "WikiJSClient": "wikijs_typed.resources._sync.client",
}


# Hidden from type checkers: they see the names imported under TYPE_CHECKING above, so a
# misspelt name is an error instead of an `object` that this hook would seem to return.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name not in _HOMES:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
