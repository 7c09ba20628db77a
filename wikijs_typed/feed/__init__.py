"""Following a wiki's changes, which Wiki.js 2.5 does not announce.

`client.changes(since=token)` says what changed since a token; a `Watcher` polls it and turns
each answer into precise invalidation of a cache.
"""

from __future__ import annotations

from wikijs_typed.feed._changes import AssetChange, ChangeSet, PageChange
from wikijs_typed.feed._watcher import Watcher

__all__ = ["AssetChange", "ChangeSet", "PageChange", "Watcher"]
