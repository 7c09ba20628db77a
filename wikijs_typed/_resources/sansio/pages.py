"""The page logic that needs no I/O: listing windows and filters, and complete update states.

Two quirks of Wiki.js 2.5 are handled here:
- `pages.list(limit)` counts page-by-tag rows, not pages, and has no offset. A listing asks for
  rows, keeps only the pages it is sure are complete, and falls back to the full list when that
  is not enough; offset, search and tag filters are applied on the client.
- `pages.update` needs the whole page state (without content it fails, without isPublished it
  unpublishes, without tags it fails after writing), so an update sends the current page merged
  with the changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, TypedDict

from wikijs_graphql import requests
from wikijs_graphql.base_model import UnsetType
from wikijs_graphql.enums import PageOrderBy, PageOrderByDirection

from wikijs_typed._resources.sansio.shared import Outcome, found, given, present
from wikijs_typed.exceptions import ValidationError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._page import Page, PageCreate, PageUpdate

if TYPE_CHECKING:
    from wikijs_graphql.fragments import PageListItemFields

    from wikijs_typed.query._audience import PageSchedule

__all__ = [
    "CreatePageArgs",
    "ListPagesArgs",
    "PageListing",
    "UpdatePageArgs",
    "complete_page",
    "complete_page_at_path",
    "create_args",
    "list_args",
    "list_variables",
    "page_of",
    "schedule_of",
    "update_args",
]

_ORDER_BY = {
    "id": PageOrderBy.ID,
    "title": PageOrderBy.TITLE,
    "path": PageOrderBy.PATH,
    "created": PageOrderBy.CREATED,
    "created_at": PageOrderBy.CREATED,
    "createdat": PageOrderBy.CREATED,
    "updated": PageOrderBy.UPDATED,
    "updated_at": PageOrderBy.UPDATED,
    "updatedat": PageOrderBy.UPDATED,
}
# The first listing asks for this many rows per wanted page: pages rarely carry more tags.
ROWS_PER_PAGE = 4
MIN_ROWS = 50


def _order_by(value: object) -> PageOrderBy | None:
    if value is None:
        return None
    key = value.value if isinstance(value, PageOrderBy) else value
    if not isinstance(key, str) or key.lower() not in _ORDER_BY:
        raise ValidationError(
            "order_by must be one of title, path, created_at, updated_at, id", field="order_by"
        )
    return _ORDER_BY[key.lower()]


def _direction(value: object) -> PageOrderByDirection | None:
    if value is None:
        return None
    key = value.value if isinstance(value, PageOrderByDirection) else value
    if not isinstance(key, str) or key.upper() not in ("ASC", "DESC"):
        raise ValidationError("order_direction must be ASC or DESC", field="order_direction")
    return PageOrderByDirection(key.upper())


def _tags(value: object) -> list[str] | None:
    if value is None:
        return None
    items = rules.check_items(value, "tags")
    return rules.normalize_tags(rules.check_text(tag, "tags") for tag in items)


def rows_used(items: Sequence[PageListItemFields]) -> int:
    """How many page-by-tag rows a listing consumed: an untagged page still takes one."""
    return sum(max(1, len(item.tags or ())) for item in items)


@dataclass(frozen=True)
class PageListing:
    """A checked `pages.list` request: what to ask the server, and what to do on the client."""

    limit: int | None = None
    offset: int = 0
    search: str | None = None
    tags: list[str] | None = None
    match_all: bool = True
    locale: str | None = None
    author_id: int | None = None
    creator_id: int | None = None
    # Tags Wiki.js filters by itself (its listed pages then carry only the matched tags).
    server_tags: list[str] | None = None
    order_by: PageOrderBy | None = None
    order_direction: PageOrderByDirection | None = None

    @classmethod
    def build(
        cls,
        *,
        limit: object = None,
        offset: object = 0,
        search: object = None,
        tags: object = None,
        match_all: object = True,
        locale: object = None,
        author_id: object = None,
        creator_id: object = None,
        server_tags: object = None,
        order_by: object = None,
        order_direction: object = None,
    ) -> PageListing:
        """Checked arguments, or ValidationError before anything is sent."""
        if search is not None and not isinstance(search, str):
            raise ValidationError("search must be a string", field="search")
        if not isinstance(match_all, bool):
            raise ValidationError("match_all must be True or False", field="match_all")
        return cls(
            limit=rules.check_limit(limit),
            offset=rules.check_offset(0 if offset is None else offset),
            search=search.strip().casefold() or None if search else None,
            tags=_tags(tags) or None,
            match_all=match_all,
            # "" means any locale, like None.
            locale=rules.check_locale(locale) if locale not in (None, "") else None,
            author_id=None if author_id is None else rules.check_id(author_id, "author_id"),
            creator_id=None if creator_id is None else rules.check_id(creator_id, "creator_id"),
            server_tags=_tags(server_tags) or None,
            order_by=_order_by(order_by),
            order_direction=_direction(order_direction),
        )

    @property
    def wanted(self) -> int | None:
        """How many pages from the start of the ordered list the answer needs (None: all)."""
        return None if self.limit is None else self.offset + self.limit

    @property
    def filters_on_client(self) -> bool:
        return self.search is not None or self.tags is not None

    def first_rows(self) -> int | None:
        """The row limit for the first request; None asks for every page at once."""
        wanted = self.wanted
        if wanted is None or self.filters_on_client:
            return None
        # Never more than a GraphQL Int holds, whatever limit and offset add up to.
        return min(rules.MAX_INT, max(MIN_ROWS, wanted * ROWS_PER_PAGE))

    def complete(self, items: Sequence[PageListItemFields], rows: int) -> list[Page] | None:
        """The pages listed with a row limit when they are enough, else None (ask for all).

        When the server used every row it was allowed, the last page's tags may be cut short,
        so that page is dropped.
        """
        pages = [Page.from_list_item(item) for item in items]
        if rows_used(items) < rows:
            return pages
        pages = pages[:-1]
        wanted = self.wanted
        return pages if wanted is not None and len(pages) >= wanted else None

    def matches(self, page: Page) -> bool:
        if self.search is not None:
            text = " ".join((page.title, page.path, page.description)).casefold()
            if self.search not in text:
                return False
        if self.tags is not None:
            have = set(rules.normalize_tags(page.tags))
            hits = [tag in have for tag in self.tags]
            return all(hits) if self.match_all else any(hits)
        return True

    def window(self, pages: Iterable[Page]) -> list[Page]:
        """The filtered pages after `offset`, at most `limit` of them."""
        kept = [page for page in pages if self.matches(page)]
        end = None if self.limit is None else self.offset + self.limit
        return kept[self.offset : end]


class CreatePageArgs(TypedDict):
    """The generated `create_page` arguments for a `PageCreate`."""

    content: str
    description: str
    editor: str
    is_published: bool
    is_private: bool
    locale: str
    path: str
    tags: list[str]
    title: str
    publish_start_date: str
    publish_end_date: str
    script_css: str
    script_js: str


class UpdatePageArgs(TypedDict):
    """Every `update_page` argument, so that nothing is reset or half-written."""

    id: int
    content: str
    description: str
    editor: str
    is_private: bool
    is_published: bool
    locale: str
    path: str
    publish_start_date: str
    publish_end_date: str
    script_css: str
    script_js: str
    tags: list[str | None]
    title: str


def create_args(data: PageCreate) -> CreatePageArgs:
    return CreatePageArgs(
        content=data.content,
        description=data.description or "",
        editor=data.editor,
        is_published=data.is_published,
        is_private=data.is_private,
        locale=data.locale,
        path=data.path,
        tags=list(data.tags),
        title=data.title,
        publish_start_date=data.publish_start_date,
        publish_end_date=data.publish_end_date,
        script_css=data.script_css,
        script_js=data.script_js,
    )


def update_args(current: Page, update: PageUpdate) -> UpdatePageArgs:
    """The page as it is (a complete page, from `get`) with the update's fields applied."""
    page = current.model_copy(update=update.changes())
    if page.content is None or page.editor is None:
        raise ValueError("merging an update needs a complete page, not a listed one")
    return UpdatePageArgs(
        id=page.id,
        content=page.content,
        description=page.description,
        editor=page.editor,
        is_private=page.is_private,
        is_published=page.is_published,
        locale=page.locale,
        path=page.path,
        publish_start_date=page.publish_start_date or "",
        publish_end_date=page.publish_end_date or "",
        script_css=page.script_css or "",
        script_js=page.script_js or "",
        tags=list(page.tags),
        title=page.title,
    )


class ListPagesArgs(TypedDict):
    """The generated `list_pages` arguments for a listing (unset ones are not sent)."""

    limit: int | UnsetType
    order_by: PageOrderBy | UnsetType
    order_by_direction: PageOrderByDirection | UnsetType
    locale: str | UnsetType
    author_id: int | UnsetType
    creator_id: int | UnsetType
    tags: list[str] | UnsetType


def list_args(listing: PageListing, rows: int | None) -> ListPagesArgs:
    """What to ask the server: its own filters and order, and a row limit (None: every page)."""
    return ListPagesArgs(
        limit=given(rows),
        order_by=given(listing.order_by),
        order_by_direction=given(listing.order_direction),
        locale=given(listing.locale),
        author_id=given(listing.author_id),
        creator_id=given(listing.creator_id),
        tags=given(listing.server_tags),
    )


# The GraphQL variable the generated `list_pages` sends each of its arguments as.
_LIST_VARIABLES = {
    "limit": "limit",
    "order_by": "orderBy",
    "order_by_direction": "orderByDirection",
    "locale": "locale",
    "author_id": "authorId",
    "creator_id": "creatorId",
    "tags": "tags",
}


def list_variables(listing: PageListing, rows: int | None) -> dict[str, object]:
    """`list_args` as the variables `list_pages` sends (what its cache key is made of).

    An order is given as the text it is sent as: a plain value, so that the key is found
    without building the request.
    """
    return {
        _LIST_VARIABLES[name]: value.value if isinstance(value, Enum) else value
        for name, value in list_args(listing, rows).items()
    }


# Views of a read's data (see `wikijs_typed.cache._views`): a cache hit on `pages.get` hands out
# a copy of the `Page` they made the first time. None: the page does not exist.


def complete_page(data: dict[str, Any]) -> Page | None:
    """The page a `GetPage` answer holds."""
    from wikijs_graphql.get_page import GetPage

    single = present(GetPage.model_validate(data).pages, "pages").single
    return None if single is None else Page.from_fields(single)


def complete_page_at_path(data: dict[str, Any]) -> Page | None:
    """The page a `GetPageByPath` answer holds."""
    from wikijs_graphql.get_page_by_path import GetPageByPath

    single = present(GetPageByPath.model_validate(data).pages, "pages").single_by_path
    return None if single is None else Page.from_fields(single)


# Converting one batch item. Pure functions of the answer, and the same objects for every client,
# sync and async: the engine keeps what they made of a cached answer by them (`pure=True`).


def page_of(outcome: Outcome) -> Page:
    """The complete page a `get_page` answer holds.

    Raises:
        NotFoundError: There is no such page.
    """
    result = requests.parse_get_page(outcome)
    return Page.from_fields(found(present(result.pages, "pages").single, "the page"))


def schedule_of(outcome: Outcome) -> PageSchedule:
    """What decides who may view the page a `get_page_schedule` answer holds.

    Raises:
        NotFoundError: There is no such page.
    """
    from wikijs_typed.query._audience import PageSchedule, PublishWindow

    result = requests.parse_get_page_schedule(outcome)
    page = found(present(result.pages, "pages").single, "the page")
    tags = tuple(tag.tag for tag in page.tags if tag is not None)
    window = PublishWindow(page.publish_start_date, page.publish_end_date)
    return PageSchedule(page.id, page.updated_at, tags, window)
