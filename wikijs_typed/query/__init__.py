"""The content query: Wagtail API v2's listing features over Wiki.js pages, images and documents.

    listing = client.pages.query().filter(tags=["guide"]).order_by("-updated_at")[0:20]
    listing.total_count, [item.title for item in listing.items]

The pure logic (field grammar, parameters, planning, client-side filters, search and order,
Wagtail's JSON shapes) is sans-IO and shared; `_async/` holds the async queries and `_sync/`
their twins. See docs/query.md.
"""

from __future__ import annotations

from wikijs_typed.query._async.assets import AsyncDocumentQuery, AsyncImageQuery
from wikijs_typed.query._async.pages import AsyncPageQuery
from wikijs_typed.query._sync.assets import DocumentQuery, ImageQuery
from wikijs_typed.query._sync.pages import PageQuery
from wikijs_typed.query.errors import FieldNotSelectedError, NoMatchError, QueryError
from wikijs_typed.query.explain import Explanation
from wikijs_typed.query.items import (
    DocumentItem,
    ImageItem,
    Item,
    Listing,
    PageItem,
    ParentItem,
    PersonItem,
)

__all__ = [
    "AsyncDocumentQuery",
    "AsyncImageQuery",
    "AsyncPageQuery",
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
