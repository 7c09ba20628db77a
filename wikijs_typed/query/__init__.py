"""The content query: Wagtail API v2's listing features over Wiki.js pages, images and documents.

    listing = client.pages.query().filter(tags=["guide"]).order_by("-updated_at")[0:20]
    listing.total_count, [item.title for item in listing.items]

The pure logic (field grammar, parameters, planning, client-side filters, search and order,
Wagtail's JSON shapes) is sans-IO and shared; `_async/` holds the async queries and `_sync/`
their twins. See docs/query.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikijs_typed._lazy import lazy_exports

# Each name loads with its module on first use: `client.pages.query()` needs the async pages
# query only, not the sync twins or the asset queries.
if TYPE_CHECKING:
    from wikijs_typed.query._async.assets import AsyncDocumentQuery, AsyncImageQuery
    from wikijs_typed.query._async.pages import AsyncPageQuery
    from wikijs_typed.query._audience import Audience
    from wikijs_typed.query._errors import FieldNotSelectedError, NoMatchError, QueryError
    from wikijs_typed.query._explain import Explanation
    from wikijs_typed.query._items import (
        DocumentItem,
        ImageItem,
        Item,
        Listing,
        PageItem,
        ParentItem,
        PersonItem,
    )
    from wikijs_typed.query._sync.assets import DocumentQuery, ImageQuery
    from wikijs_typed.query._sync.pages import PageQuery

__all__ = [
    "AsyncDocumentQuery",
    "AsyncImageQuery",
    "AsyncPageQuery",
    "Audience",
    "DocumentItem",
    "DocumentQuery",
    "Explanation",
    "FieldNotSelectedError",
    "ImageItem",
    "ImageQuery",
    "Item",
    "Listing",
    "NoMatchError",
    "PageItem",
    "PageQuery",
    "ParentItem",
    "PersonItem",
    "QueryError",
]

if not TYPE_CHECKING:
    __getattr__ = lazy_exports(
        __name__,
        {
            "AsyncDocumentQuery": "wikijs_typed.query._async.assets",
            "AsyncImageQuery": "wikijs_typed.query._async.assets",
            "AsyncPageQuery": "wikijs_typed.query._async.pages",
            "Audience": "wikijs_typed.query._audience",
            "DocumentItem": "wikijs_typed.query._items",
            "DocumentQuery": "wikijs_typed.query._sync.assets",
            "Explanation": "wikijs_typed.query._explain",
            "FieldNotSelectedError": "wikijs_typed.query._errors",
            "ImageItem": "wikijs_typed.query._items",
            "ImageQuery": "wikijs_typed.query._sync.assets",
            "Item": "wikijs_typed.query._items",
            "Listing": "wikijs_typed.query._items",
            "NoMatchError": "wikijs_typed.query._errors",
            "PageItem": "wikijs_typed.query._items",
            "PageQuery": "wikijs_typed.query._sync.pages",
            "ParentItem": "wikijs_typed.query._items",
            "PersonItem": "wikijs_typed.query._items",
            "QueryError": "wikijs_typed.query._errors",
        },
    )
