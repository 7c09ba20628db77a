"""Following a wiki's changes: `client.changes(since=token)` says what changed (changes.py);
a `Watcher` turns that into precise invalidation of a cache (watcher.py)."""

from __future__ import annotations

from wikijs_typed.feed._changes import AssetChange, ChangeSet, PageChange
from wikijs_typed.feed._watcher import Watcher

__all__ = ["AssetChange", "ChangeSet", "PageChange", "Watcher"]
