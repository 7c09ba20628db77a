"""The async client, where the Wiki.js SDK keeps it (`wikijs.aio`).

Code moving from that SDK can keep `from ... aio import AsyncWikiJSClient`; it is the same class
as `wikijs_typed.AsyncWikiJSClient`.
"""

from wikijs_typed._resources._async.client import AsyncWikiJSClient

__all__ = ["AsyncWikiJSClient"]
