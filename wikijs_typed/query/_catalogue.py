"""Which fields a page, an image and a document have, and what each one costs to read.

One table per endpoint drives everything else: the fields grammar checks names against it,
the planner reads `source` to decide what must be fetched (the listing, every page's own
read, an image's header), the filters read `kind` to parse and compare values, and the
Wagtail shaping reads `meta` and the declaration order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

__all__ = [
    "DOCUMENTS",
    "IMAGES",
    "PAGES",
    "PERSON",
    "Catalogue",
    "FieldDef",
    "Kind",
    "Source",
]

# "listing": one `pages.list` (or asset listing) answer has it for every item;
# "detail": only a page's own read has it (content, render, author, ...);
# "header": read from the image file's header (width, height);
# "derived": computed from other fields (URLs, slug, parent).
Source = Literal["listing", "detail", "header", "derived"]
Kind = Literal["int", "str", "bool", "datetime", "tags", "person", "page", "url"]


@dataclass(frozen=True)
class FieldDef:
    name: str
    kind: Kind = "str"
    source: Source = "listing"
    meta: bool = False
    listing_default: bool = False
    filterable: bool = True
    orderable: bool = True
    # Wagtail offers `parent` in detail views only.
    detail_only: bool = False
    # Only for filters (`author_id`): not a field an item shows.
    filter_only: bool = False


# Compared and hashed by identity: there is one catalogue per endpoint, and hashing one by its
# fields would cost more than the work it keys (`resolve_fields`'s cache).
@dataclass(frozen=True, eq=False)
class Catalogue:
    """The fields of one endpoint, in Wagtail's declaration order (body, then meta)."""

    endpoint: str
    type_name: str
    object_name: str
    fields: tuple[FieldDef, ...]

    @cached_property
    def by_name(self) -> dict[str, FieldDef]:
        return {field.name: field for field in self.fields}

    @cached_property
    def shown(self) -> tuple[str, ...]:
        """Every field an item can show (what `*` selects in a detail view)."""
        return tuple(f.name for f in self.fields if not f.filter_only)

    @cached_property
    def listing_all(self) -> tuple[str, ...]:
        """What `*` selects in a listing: everything but the detail-only fields."""
        return tuple(f.name for f in self.fields if not f.filter_only and not f.detail_only)

    @cached_property
    def listing_defaults(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.listing_default)

    @cached_property
    def filters(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.filterable)

    @cached_property
    def orders(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.orderable and not f.filter_only)

    def is_nested(self, name: str) -> bool:
        return self.by_name[name].kind == "person"


def _derived(name: str, *, kind: Kind = "url", default: bool = True) -> FieldDef:
    """A URL or type marker computed for every item: shown, never filtered or ordered."""
    return FieldDef(
        name,
        kind=kind,
        source="derived",
        meta=True,
        listing_default=default,
        filterable=False,
        orderable=False,
    )


PAGES = Catalogue(
    endpoint="pages",
    type_name="wikijs.Page",
    object_name="Page",
    fields=(
        FieldDef("id", kind="int", listing_default=True),
        FieldDef("title", listing_default=True),
        FieldDef("path"),
        FieldDef("description"),
        FieldDef("content", source="detail"),
        FieldDef("render", source="detail"),
        FieldDef("is_published", kind="bool"),
        FieldDef("is_private", kind="bool"),
        FieldDef("tags", kind="tags", orderable=False),
        FieldDef("author", kind="person", source="detail", filterable=False, orderable=False),
        FieldDef("creator", kind="person", source="detail", filterable=False, orderable=False),
        FieldDef("editor", source="detail"),
        FieldDef("content_type"),
        FieldDef("created_at", kind="datetime"),
        FieldDef("updated_at", kind="datetime"),
        _derived("type", kind="str"),
        _derived("detail_url"),
        _derived("html_url"),
        FieldDef("slug", source="derived", meta=True, listing_default=True),
        FieldDef("seo_title", source="derived", meta=True),
        FieldDef("search_description", source="derived", meta=True),
        FieldDef(
            "first_published_at",
            kind="datetime",
            source="derived",
            meta=True,
            listing_default=True,
        ),
        FieldDef(
            "parent",
            kind="page",
            source="derived",
            meta=True,
            filterable=False,
            orderable=False,
            detail_only=True,
        ),
        FieldDef("locale", meta=True),
        # Filters on who wrote a page: Wiki.js filters its listing by them itself.
        FieldDef("author_id", kind="int", source="detail", filter_only=True),
        FieldDef("creator_id", kind="int", source="detail", filter_only=True),
    ),
)


def _asset_fields(*, images: bool) -> tuple[FieldDef, ...]:
    size = (
        (
            FieldDef("width", kind="int", source="header"),
            FieldDef("height", kind="int", source="header"),
        )
        if images
        else ()
    )
    return (
        FieldDef("id", kind="int", listing_default=True),
        FieldDef("title", listing_default=True),
        *size,
        FieldDef("filename"),
        FieldDef("ext"),
        FieldDef("mime"),
        FieldDef("file_size", kind="int"),
        FieldDef("folder"),
        FieldDef("created_at", kind="datetime"),
        FieldDef("updated_at", kind="datetime"),
        _derived("type", kind="str"),
        _derived("detail_url"),
        # Wiki.js assets have no tags: the list is always empty, kept for Wagtail's shape.
        FieldDef("tags", kind="tags", meta=True, listing_default=True, orderable=False),
        _derived("download_url"),
    )


IMAGES = Catalogue(
    endpoint="images",
    type_name="wikijs.Image",
    object_name="Image",
    fields=_asset_fields(images=True),
)
DOCUMENTS = Catalogue(
    endpoint="documents",
    type_name="wikijs.Document",
    object_name="Document",
    fields=_asset_fields(images=False),
)
# The nested object of `author(...)` / `creator(...)`; `type` goes to its `meta`.
PERSON = ("id", "type", "name", "email")
