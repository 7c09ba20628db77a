"""The content query: Wagtail API v2's listing features over Wiki.js pages, images and documents.

    listing = client.pages.query().filter(tags=["guide"]).order_by("-updated_at")[0:20]
    listing.total_count, [item.title for item in listing.items]

The pure logic (field grammar, parameters, planning, client-side filters, search and order,
Wagtail's JSON shapes) is sans-IO and shared; `_async/` holds the async queries and `_sync/`
their twins. See docs/query.md.
"""

from __future__ import annotations

from wikijs_typed.query.errors import FieldNotSelectedError, NoMatchError, QueryError
from wikijs_typed.query.items import (
    DocumentItem,
    ImageItem,
    Item,
    Listing,
    PageItem,
    ParentItem,
    PersonItem,
)
from wikijs_typed.query.page_plan import Explanation

__all__ = [
    "DocumentItem",
    "Explanation",
    "FieldNotSelectedError",
    "ImageItem",
    "Item",
    "Listing",
    "NoMatchError",
    "PageItem",
    "ParentItem",
    "PersonItem",
    "QueryError",
]
