"""The async client, where the Wiki.js SDK keeps it (`wikijs.aio`)."""

from wikijs_typed._resources._async.client import AsyncWikiJSClient

__all__ = ["AsyncWikiJSClient"]
