"""Pages: what to ask Wiki.js, what to do on the client, and how a page becomes an item.

Wiki.js's `pages.list` (one request) gives every page's id, path, locale, title,
description, flags, dates and tags. Pushed down to it: the locale, the author or the creator,
the tags, and one order field. Everything else runs on the client over that listing:
- search: see `search.py`;
- the tree filters: paths are in the listing.
Only content, render, editor and the author/creator need each page's own read: for the items
a window returns, in one batched request, or for every candidate when a filter, an order or a
content search needs them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from types import MethodType
from typing import TypeAlias

from wikijs_typed.models._page import Page
from wikijs_typed.query._catalogue import PAGES
from wikijs_typed.query._explain import Explanation
from wikijs_typed.query._fields import Selection
from wikijs_typed.query._items import PageItem, ParentItem, PersonItem
from wikijs_typed.query._spec import QuerySpec
from wikijs_typed.query._wagtail import JSONObject, Reader, item_shape

__all__ = ["PageAdapter", "PageItems", "PagePlan", "plan_pages", "segments"]

# Orders `pages.list` can apply itself.
SERVER_ORDERS = ("id", "title", "path", "created_at", "updated_at")


@dataclass(frozen=True)
class PagePlan:
    locale: str | None = None
    author_id: int | None = None
    creator_id: int | None = None
    tags: tuple[str, ...] | None = None
    order_by: str | None = None
    descending: bool = False
    # Reads of every candidate page, or only of the window's pages.
    read_candidates: bool = False
    read_window: bool = False
    client_steps: tuple[str, ...] = field(default=())
    # The filters Wiki.js applies itself.
    pushed: frozenset[str] = frozenset()

    @property
    def direction(self) -> str | None:
        if self.order_by is None:
            return None
        return "DESC" if self.descending else "ASC"

    def client_filters(self, spec: QuerySpec) -> tuple[tuple[str, object], ...]:
        return tuple((name, value) for name, value in spec.filters if name not in self.pushed)

    def explain(self) -> Explanation:
        pushed = [
            f"{name}={value!r}"
            for name, value in (
                ("locale", self.locale),
                ("authorId", self.author_id),
                ("creatorId", self.creator_id),
                ("tags", list(self.tags) if self.tags else None),
            )
            if value is not None
        ]
        if self.order_by is not None:
            direction = "DESC" if self.descending else "ASC"
            pushed.append(f"orderBy={self.order_by.upper()} {direction}")
        server = [f"pages.list({', '.join(pushed)})"]
        if self.read_candidates:
            server.append("pages.single for every candidate, batched")
        elif self.read_window:
            server.append("pages.single for the window's pages, one batched request")
        requests = 1 + (1 if self.read_candidates or self.read_window else 0)
        return Explanation(tuple(server), self.client_steps, requests, self.read_candidates)


def plan_pages(spec: QuerySpec, selection: Selection) -> PagePlan:
    filters = dict(spec.filters)
    steps: list[str] = []
    # A parent, or the page a tree filter names by id, is looked up in the listing, which
    # must then hold every page: nothing that narrows it is pushed down.
    whole = "parent" in selection or (spec.tree is not None and isinstance(spec.tree.target, int))
    locale = filters.get("locale")
    push_locale = isinstance(locale, str) and locale != "" and not whole
    author = None if whole else filters.get("author_id")
    # Wiki.js ORs authorId and creatorId: with both, only the author is pushed down.
    creator = None if whole or author is not None else filters.get("creator_id")
    # Wiki.js 2.5's `pages.list(tags:)` cuts each listed page's tags down to the matched
    # ones: not pushed down when the items show their tags.
    tags = filters.get("tags")
    push_tags = bool(tags) and not whole and "tags" not in selection
    pushed = {
        name
        for name, held in (
            ("locale", push_locale),
            ("author_id", author),
            ("creator_id", creator),
            ("tags", push_tags),
        )
        if held
    }
    on_client = [name for name in filters if name not in pushed]
    if spec.tree is not None:
        steps.append(f"{spec.tree.relation} {spec.tree.target!r} (path tree)")
    if on_client:
        steps.append("exact filters: " + ", ".join(on_client))
    if spec.search is not None:
        where = "title, description, path" + (", content" if spec.search.include_content else "")
        steps.append(f"search {' '.join(spec.search.terms)!r} ({spec.search.operator}) in {where}")
    order_by: str | None = None
    descending = False
    if spec.random:
        steps.append("random order" + (f" (seed {spec.seed})" if spec.seed is not None else ""))
    elif spec.order:
        if len(spec.order) == 1 and spec.order[0].name in SERVER_ORDERS:
            order_by, descending = spec.order[0].name, spec.order[0].descending
            steps.append(f"order by {spec.order[0]} (sorted by Wiki.js; ties in path order)")
        else:
            steps.append("order by " + ", ".join(str(k) for k in spec.order))
    elif spec.search is not None:
        steps.append("rank by matched terms")
    else:
        steps.append("tree order (path)")
    steps.append(f"window offset {spec.offset}, limit {spec.effective_limit}; count all matches")
    detail = {
        name
        for name in (*PAGES.shown, "author_id", "creator_id")
        if PAGES.by_name[name].source == "detail"
    }
    needs_all = (
        any(name in detail for name in on_client)
        or any(key.name in detail for key in spec.order)
        or (spec.search is not None and spec.search.include_content)
    )
    return PagePlan(
        locale=locale if push_locale and isinstance(locale, str) else None,
        author_id=author if isinstance(author, int) else None,
        creator_id=creator if isinstance(creator, int) else None,
        tags=tags if push_tags and isinstance(tags, tuple) else None,
        pushed=frozenset(pushed),
        order_by=order_by,
        descending=descending,
        read_candidates=needs_all,
        read_window=any(name in detail for name in selection.names),
        client_steps=tuple(steps),
    )


def segments(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.split("/") if part)


def _slug(adapter: PageAdapter, row: Page) -> str:
    return row.path.rstrip("/").rpartition("/")[2]


def _html_url(adapter: PageAdapter, row: Page) -> str:
    return f"{adapter.wiki_url}/{row.locale}/{row.path}"


def _detail_url(adapter: PageAdapter, row: Page) -> str:
    return f"/{PAGES.endpoint}/{row.id}/"


def _type(adapter: PageAdapter, row: Page) -> str:
    return PAGES.type_name


# The fields `PageAdapter.value` computes, each from the page (and the wiki's address).
_COMPUTED: dict[str, Callable[[PageAdapter, Page], object]] = {
    "slug": _slug,
    "type": _type,
    "html_url": _html_url,
    "detail_url": _detail_url,
}
# The fields that are another attribute of the page under Wagtail's name; every other field
# is the page's attribute of its own name.
_ALIASES = {
    "seo_title": "title",
    "search_description": "description",
    "first_published_at": "created_at",
}


class PageAdapter:
    """Reads a page's fields, listed or complete, for filters, order and search."""

    catalogue = PAGES

    def __init__(self, wiki_url: str) -> None:
        self.wiki_url = wiki_url.rstrip("/")

    def value(self, row: Page, name: str) -> object:
        compute = _COMPUTED.get(name)
        if compute is not None:
            return compute(self, row)
        return getattr(row, _ALIASES.get(name, name))

    def texts(self, row: Page, *, include_content: bool) -> list[str]:
        texts = [row.title, row.description, row.path]
        if include_content:
            texts.append(row.content or "")
        return texts

    def default_key(self, row: Page) -> tuple[object, ...]:
        return (segments(row.path), row.locale, row.id)


# How an item reads one of its fields from a page; None: the page's attribute of that name.
PageReader: TypeAlias = "Reader[Page]"


class _People:
    """Reads a page's author or creator as a nested item of the fields `names`."""

    def __init__(self, role: str, names: tuple[str, ...]) -> None:
        # The page's attributes that hold the person's id, name and e-mail address.
        self.id_field, self.name_field = f"{role}_id", f"{role}_name"
        self.email_field = f"{role}_email"
        self.names = names
        # One selection for every person this reads: they all show the same fields.
        self.selection = Selection(names)

    def __call__(self, page: Page) -> PersonItem | None:
        person_id = getattr(page, self.id_field)
        if person_id is None:
            return None
        every: dict[str, object] = {
            "id": person_id,
            "type": "wikijs.User",
            "name": getattr(page, self.name_field) or "",
            "email": getattr(page, self.email_field) or "",
        }
        values = {name: every[name] for name in self.names}
        return PersonItem(person_id, values, self.selection, "users")


def _sorted_tags(page: Page) -> list[str]:
    return sorted(page.tags)


class PageItems:
    """Makes the items of one selection from pages.

    Which reader each field takes is decided here, once for the selection (a query keeps
    this for its view), and not again for every page of every listing.

    Args:
        selection: The fields the items show.
        adapter: Reads the fields a page does not hold as they are shown (URLs, slug, ...).
    """

    def __init__(self, selection: Selection, adapter: PageAdapter) -> None:
        self.selection = selection
        self.adapter = adapter
        # The selection by value (a selection compares by identity): items of equal layouts
        # from one adapter are the same JSON, whichever query made them.
        self.layout = (selection.names, tuple(sorted(selection.nested.items())))
        # Whether the items show fields only a page's own read has (content, author, ...).
        self.reads_detail = any(PAGES.by_name[name].source == "detail" for name in selection.names)
        self._readers: dict[str, PageReader] = {
            name: self._reader(name, selection) for name in selection.names
        }

    def _reader(self, name: str, selection: Selection) -> PageReader:
        if name in ("author", "creator"):
            return _People(name, selection.nested[name])
        if name == "tags":  # a sorted copy: Wiki.js lists them in no particular order
            return _sorted_tags
        compute = _COMPUTED.get(name)
        if compute is not None:
            # Bound to the adapter as a method is: cheaper to call than a partial.
            return MethodType(compute, self.adapter)
        if name in _ALIASES:
            return attrgetter(_ALIASES[name])
        # The parent is set per evaluation (see `make`); other fields are the page's own.
        return None

    def _bound(self, by_path: dict[tuple[str, str], Page]) -> dict[str, PageReader]:
        """The readers, the parent's with the pages it is looked up in (by locale and path)."""
        if "parent" not in self._readers:
            return self._readers
        # Replacing a key keeps its place: the fields stay in declaration order.
        return {**self._readers, "parent": functools.partial(_parent, self.adapter, by_path)}

    def make(self, pages: Iterable[Page], by_path: dict[tuple[str, str], Page]) -> list[PageItem]:
        """The items of `pages`; a parent is looked up in `by_path` (the visible pages)."""
        readers = self._bound(by_path)
        items = []
        for page in pages:
            values: dict[str, object] = {}
            for name, read in readers.items():
                # Most fields are read here, without a call: a call costs more than the read.
                values[name] = getattr(page, name) if read is None else read(page)
            items.append(PageItem(page.id, values, self.selection, PAGES.endpoint))
        return items

    def shape(
        self, pages: Iterable[Page], by_path: dict[tuple[str, str], Page], base_url: str
    ) -> list[JSONObject]:
        """What `make` gives in Wagtail's shape (each item's `to_wagtail(base_url)`).

        Made straight from the pages, with no item in between: the content API shows the
        items and nothing else, and this reads each value once where making and shaping
        the items goes over every value twice.
        """
        shape = item_shape(PAGES.endpoint, self.selection)
        return shape.shape_rows(pages, self._bound(by_path), base_url)


def _parent(
    adapter: PageAdapter, by_path: dict[tuple[str, str], Page], page: Page
) -> ParentItem | None:
    parts = segments(page.path)
    if len(parts) < 2:
        return None
    up = by_path.get((page.locale, "/".join(parts[:-1])))
    if up is None:
        return None
    return ParentItem(up.id, up.title, _html_url(adapter, up))
