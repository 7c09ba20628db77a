"""The typed results of the MCP tools: each is the tool's output schema, and its answer."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, Self

from pydantic import BaseModel, Field

from wikijs_typed.models._page import Page

__all__ = [
    "FolderEntry",
    "PageDocument",
    "PageRef",
    "PageSummary",
    "QueryResult",
    "SearchResult",
    "TreeListing",
    "VersionEntry",
    "VersionList",
    "WriteReport",
]


class PageRef(BaseModel):
    """Where a page is: enough to name it in another call."""

    id: int
    locale: str
    path: str
    title: str

    @classmethod
    def of(cls, page: Page, **more: object) -> Self:
        """The page's fields this result shows, and `more` (what the page does not hold)."""
        return cls.model_validate({**page.model_dump(include=set(cls.model_fields)), **more})


class PageSummary(PageRef):
    description: str
    tags: list[str]
    is_published: bool
    updated_at: datetime


class PageDocument(PageSummary):
    """A page with its content, cut at the server's size limit (`note` says when)."""

    content: str
    content_chars: int = Field(description="the length of the whole content")
    truncated: bool
    rendered_text: str | None = Field(
        default=None, description="the rendered page as plain text, when asked for"
    )
    is_private: bool
    content_type: str | None
    editor: str | None
    author_name: str | None
    creator_name: str | None
    created_at: datetime
    note: str | None = None


class SearchResult(BaseModel):
    query: str
    pages: list[PageSummary]


class QueryResult(BaseModel):
    """One window of a content query, in Wagtail's item shape."""

    total_count: int = Field(description="how many pages match, in all")
    items: list[dict[str, Any]]
    next_offset: int | None = Field(description="the offset of the next window; null at the end")
    note: str | None = None


class FolderEntry(BaseModel):
    path: str
    pages: int = Field(description="how many pages are anywhere below it")
    has_page: bool = Field(description="whether a page sits at the folder's own path")


class TreeListing(BaseModel):
    locale: str
    folder: str = Field(description="the folder listed; empty for the top of the tree")
    pages: list[PageRef] = Field(description="the pages directly in the folder")
    folders: list[FolderEntry] = Field(description="the folders directly in it")
    note: str | None = None


class VersionEntry(BaseModel):
    version_id: int
    version_date: str
    author_id: int | None
    author_name: str
    action: str
    value_before: str | None
    value_after: str | None


class VersionList(BaseModel):
    page: PageRef
    total: int = Field(description="how many versions the page has, in all")
    versions: list[VersionEntry] = Field(description="newest first")
    next_offset_page: int | None


class WriteReport(BaseModel):
    """Exactly what a write did."""

    action: Literal["created", "updated", "moved", "deleted", "unchanged"]
    page: PageRef
    moved_from: PageRef | None = None
    note: str
