"""The field names a query accepts, as types: a misspelled name fails mypy in user code.

Made from the catalogue by `python -m tools.query_names`, and checked against it by
tests/test_query_names.py. Nested fields are typed in the catalogue's order
(`author(name,email)`); any order works at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal, TypedDict

__all__ = [
    "AssetFieldSpec",
    "AssetFilters",
    "AssetOrder",
    "ImageFieldSpec",
    "ImageFilters",
    "ImageOrder",
    "PageFieldSpec",
    "PageFilters",
    "PageOrder",
]


# What `fields(...)` takes: names, `-name`, `*`, `_`, and nested `author(...)`.
PageFieldSpec = Literal[
    "_",
    "*",
    "id",
    "-id",
    "title",
    "-title",
    "path",
    "-path",
    "description",
    "-description",
    "content",
    "-content",
    "render",
    "-render",
    "is_published",
    "-is_published",
    "is_private",
    "-is_private",
    "tags",
    "-tags",
    "author",
    "-author",
    "creator",
    "-creator",
    "editor",
    "-editor",
    "content_type",
    "-content_type",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
    "type",
    "-type",
    "detail_url",
    "-detail_url",
    "html_url",
    "-html_url",
    "slug",
    "-slug",
    "seo_title",
    "-seo_title",
    "search_description",
    "-search_description",
    "first_published_at",
    "-first_published_at",
    "parent",
    "-parent",
    "locale",
    "-locale",
    "author(id)",
    "author(type)",
    "author(name)",
    "author(email)",
    "author(id,type)",
    "author(id,name)",
    "author(id,email)",
    "author(type,name)",
    "author(type,email)",
    "author(name,email)",
    "author(id,type,name)",
    "author(id,type,email)",
    "author(id,name,email)",
    "author(type,name,email)",
    "author(id,type,name,email)",
    "author(*)",
    "author(_,id)",
    "author(_,type)",
    "author(_,name)",
    "author(_,email)",
    "author(_,id,type)",
    "author(_,id,name)",
    "author(_,id,email)",
    "author(_,type,name)",
    "author(_,type,email)",
    "author(_,name,email)",
    "author(_,id,type,name)",
    "author(_,id,type,email)",
    "author(_,id,name,email)",
    "author(_,type,name,email)",
    "author(_,id,type,name,email)",
    "author(-id)",
    "author(-type)",
    "author(-name)",
    "author(-email)",
    "creator(id)",
    "creator(type)",
    "creator(name)",
    "creator(email)",
    "creator(id,type)",
    "creator(id,name)",
    "creator(id,email)",
    "creator(type,name)",
    "creator(type,email)",
    "creator(name,email)",
    "creator(id,type,name)",
    "creator(id,type,email)",
    "creator(id,name,email)",
    "creator(type,name,email)",
    "creator(id,type,name,email)",
    "creator(*)",
    "creator(_,id)",
    "creator(_,type)",
    "creator(_,name)",
    "creator(_,email)",
    "creator(_,id,type)",
    "creator(_,id,name)",
    "creator(_,id,email)",
    "creator(_,type,name)",
    "creator(_,type,email)",
    "creator(_,name,email)",
    "creator(_,id,type,name)",
    "creator(_,id,type,email)",
    "creator(_,id,name,email)",
    "creator(_,type,name,email)",
    "creator(_,id,type,name,email)",
    "creator(-id)",
    "creator(-type)",
    "creator(-name)",
    "creator(-email)",
]


# A field, `-field` for descending, or `random`.
PageOrder = Literal[
    "id",
    "-id",
    "title",
    "-title",
    "path",
    "-path",
    "description",
    "-description",
    "content",
    "-content",
    "render",
    "-render",
    "is_published",
    "-is_published",
    "is_private",
    "-is_private",
    "editor",
    "-editor",
    "content_type",
    "-content_type",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
    "slug",
    "-slug",
    "seo_title",
    "-seo_title",
    "search_description",
    "-search_description",
    "first_published_at",
    "-first_published_at",
    "locale",
    "-locale",
    "random",
]


class PageFilters(TypedDict, total=False):
    """The exact-match filters of `pages.query().filter(...)`."""

    id: int
    title: str
    path: str
    description: str
    content: str
    render: str
    is_published: bool
    is_private: bool
    tags: Sequence[str]
    editor: str
    content_type: str
    created_at: datetime
    updated_at: datetime
    slug: str
    seo_title: str
    search_description: str
    first_published_at: datetime
    locale: str
    author_id: int
    creator_id: int


# The fields of any asset.
AssetFieldSpec = Literal[
    "_",
    "*",
    "id",
    "-id",
    "title",
    "-title",
    "filename",
    "-filename",
    "ext",
    "-ext",
    "mime",
    "-mime",
    "file_size",
    "-file_size",
    "folder",
    "-folder",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
    "type",
    "-type",
    "detail_url",
    "-detail_url",
    "tags",
    "-tags",
    "download_url",
    "-download_url",
]


# Images only.
ImageOnlyFieldSpec = Literal[
    "width",
    "-width",
    "height",
    "-height",
]


ImageFieldSpec = AssetFieldSpec | ImageOnlyFieldSpec


# The orders of any asset.
AssetOrder = Literal[
    "id",
    "-id",
    "title",
    "-title",
    "filename",
    "-filename",
    "ext",
    "-ext",
    "mime",
    "-mime",
    "file_size",
    "-file_size",
    "folder",
    "-folder",
    "created_at",
    "-created_at",
    "updated_at",
    "-updated_at",
    "random",
]


# Images only.
ImageOnlyOrder = Literal[
    "width",
    "-width",
    "height",
    "-height",
]


ImageOrder = AssetOrder | ImageOnlyOrder


class AssetFilters(TypedDict, total=False):
    """The filters of `assets.documents.query().filter(...)`."""

    id: int
    title: str
    filename: str
    ext: str
    mime: str
    file_size: int
    folder: str
    created_at: datetime
    updated_at: datetime
    tags: Sequence[str]


class ImageFilters(AssetFilters, total=False):
    """The filters of `assets.images.query().filter(...)`."""

    width: int
    height: int
