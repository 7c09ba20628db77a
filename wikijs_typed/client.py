"""`WikiJSClient` and `AsyncWikiJSClient`: the facades users start from.

Both are written once, async, in `resources/_async/client.py`; the sync one is derived from it
(see `wikijs_typed.resources.twin`), so the two always offer the same API.
"""

from wikijs_typed.resources._async.client import AsyncWikiJSClient
from wikijs_typed.resources._sync.client import WikiJSClient

__all__ = ["AsyncWikiJSClient", "WikiJSClient"]
