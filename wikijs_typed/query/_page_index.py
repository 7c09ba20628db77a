"""The decoded page listing kept between evaluations, indexed (no I/O here).

A warm query's cost must not grow with the wiki. Decoding the cached listing, deciding every
page's visibility and sorting them all cost time in proportion to the wiki; a query that shows
twenty pages should not pay that on every evaluation. So the listing is decoded once and kept
while the cache's stamp of its entry (`BaseCache.stamp`) is unchanged: any store, invalidation
or expiry of that entry changes the stamp, and the next evaluation decodes the new listing. For
each scope and audience, a `PageView` holds the pages they see in the default (tree) order, by
id, by path and by parent, until the first publish window among them opens or closes.

What a view's pages alone decide is kept with the view, and goes with it: each query's matches
(filtered, searched and ordered) and its window's JSON, and the JSON of each item shaped from
them. Kept pages never
leave: the query builds new items from them on every evaluation.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from datetime import datetime
from typing import TypeVar

from wikijs_typed.models._page import Page
from wikijs_typed.query._errors import QueryError
from wikijs_typed.query._page_plan import PageAdapter, segments
from wikijs_typed.query._spec import MISSING_TREE_TARGET, ROOT, TreeFilter

__all__ = ["KeptMatches", "PageIndex", "PageIndexes", "PageView"]

# Greater than any real path segment: the end of the range of paths below a folder.
_AFTER_EVERY_SEGMENT = "\U0010ffff"
# Queries whose matches a view keeps, and item renderings (a selection and a base URL) whose
# JSON it keeps: a content API asks the same few again and again.
_KEPT_MATCHES = 64
_KEPT_RENDERINGS = 8
# Items of one rendering whose JSON a view keeps: every listing item of a large wiki, but
# only as many details (each with its content) as a response memo would keep.
_KEPT_ITEMS = 20_000
_KEPT_DETAILS = 512


_V = TypeVar("_V")


def _kept(
    renderings: dict[Hashable, dict[int, _V]], rendering: Hashable, most: int
) -> dict[int, _V]:
    """The items rendered one way, emptied once there are `most` (a bounded number of ways)."""
    kept = renderings.get(rendering)
    if kept is None:
        if len(renderings) >= _KEPT_RENDERINGS:
            renderings.clear()
        kept = renderings[rendering] = {}
    elif len(kept) >= most:
        kept.clear()
    return kept


class KeptMatches:
    """What one query (one plan) matched among a view's pages, and its window's JSON.

    The window's JSON is kept by the base URL its links start with, with the versions of the
    items it shows (the stamps of the pages' own reads when it shows them); the plan, and so
    the query's window and fields, is the same for all of them.
    """

    __slots__ = ("plan", "rows", "windows")

    def __init__(self, plan: object, rows: list[Page]) -> None:
        self.plan = plan
        self.rows = rows
        self.windows: dict[str, tuple[tuple[str | None, ...], bytes]] = {}


class PageView:
    """The pages one scope and one audience see, in the default order, indexed."""

    def __init__(
        self, rows: Sequence[Page], adapter: PageAdapter, valid_until: datetime | None
    ) -> None:
        self.rows = sorted(rows, key=adapter.default_key)
        self.valid_until = valid_until
        self._paths = [segments(page.path) for page in self.rows]
        self.by_id = {page.id: page for page in self.rows}
        self.by_path = {(page.locale, page.path): page for page in self.rows}
        self._by_segments: dict[tuple[str, ...], list[Page]] = {}
        self._children: dict[tuple[str, ...], list[Page]] = {}
        for page, parts in zip(self.rows, self._paths, strict=True):
            self._by_segments.setdefault(parts, []).append(page)
            self._children.setdefault(parts[:-1], []).append(page)
        self._matches: dict[int, KeptMatches] = {}
        self._renderings: dict[Hashable, dict[int, bytes]] = {}
        self._details: dict[Hashable, dict[int, tuple[str, bytes]]] = {}

    def kept_matches(self, plan: object) -> KeptMatches | None:
        """The matches kept for `plan` (by identity: a query keeps its plans), or None."""
        kept = self._matches.get(id(plan))
        # The plan is held with its matches, so its id cannot be another's while kept.
        return kept if kept is not None and kept.plan is plan else None

    def keep_matches(self, plan: object, rows: list[Page]) -> KeptMatches:
        """Keep what the query of `plan` matched among these pages (they decide it alone)."""
        if len(self._matches) >= _KEPT_MATCHES:
            self._matches.clear()
        kept = self._matches[id(plan)] = KeptMatches(plan, rows)
        return kept

    def rendered_items(self, rendering: Hashable) -> dict[int, bytes]:
        """The JSON of the items rendered from these pages one way (`rendering`), by page id.

        The caller adds what it renders. Only items made from these pages alone belong here
        (not from a page's own read, which can change while the listing does not).
        """
        return _kept(self._renderings, rendering, _KEPT_ITEMS)

    def rendered_details(self, rendering: Hashable) -> dict[int, tuple[str, bytes]]:
        """The JSON of detail items rendered one way, by page id, with the version it shows.

        The version is the stamp of the page's own read for an item that shows it, `""` for
        one made from these pages alone. The caller adds what it renders.
        """
        return _kept(self._details, rendering, _KEPT_DETAILS)

    def current(self, clock: Callable[[], datetime]) -> bool:
        # The clock is asked only when a publish window can close the view.
        return self.valid_until is None or clock() < self.valid_until

    def tree(self, tree: TreeFilter) -> list[Page]:
        """The pages `tree` keeps, in the default order, looked up rather than scanned.

        A folder without a page counts as the path it is; a page named by id limits the tree
        to its locale.
        """
        locale: str | None = None
        if tree.target == ROOT:
            base: tuple[str, ...] = ()
        elif isinstance(tree.target, int):
            target = self.by_id.get(tree.target)
            if target is None:
                raise QueryError(MISSING_TREE_TARGET[tree.relation])
            base, locale = segments(target.path), target.locale
        else:
            base = segments(tree.target)
        if tree.relation == "child_of":
            kept = self._children.get(base, [])
        elif tree.relation == "descendant_of":
            # Paths below `base` sort right after it, together.
            start = bisect_right(self._paths, base)
            end = bisect_left(self._paths, (*base, _AFTER_EVERY_SEGMENT), lo=start)
            kept = self.rows[start:end]
        else:
            kept = [
                page
                for depth in range(len(base))
                for page in self._by_segments.get(base[:depth], [])
            ]
        return [page for page in kept if locale is None or page.locale == locale]


class PageIndex:
    """One decoded listing under the stamp it was read at, and its views."""

    def __init__(self, stamp: str, rows: Sequence[Page], max_views: int = 16) -> None:
        self.stamp = stamp
        self.rows = rows
        self._views: OrderedDict[Hashable, PageView] = OrderedDict()
        self._max_views = max_views

    def view(self, key: Hashable, clock: Callable[[], datetime]) -> PageView | None:
        view = self._views.get(key)
        if view is None or not view.current(clock):
            return None
        if len(self._views) > 1:  # one view is the most recent already
            self._views.move_to_end(key)
        return view

    def keep(self, key: Hashable, view: PageView) -> None:
        self._views[key] = view
        self._views.move_to_end(key)
        while len(self._views) > self._max_views:
            self._views.popitem(last=False)


class PageIndexes:
    """The kept listings, one per set of `pages.list` arguments (a few at most)."""

    def __init__(self, max_listings: int = 8) -> None:
        self._kept: OrderedDict[Hashable, PageIndex] = OrderedDict()
        self._max_listings = max_listings

    def get(self, listing: Hashable, stamp: str | None) -> PageIndex | None:
        """The index of `listing` when it was read at `stamp`, else None.

        A different or no stamp means the cached listing changed or is gone, and the index
        with it.
        """
        index = self._kept.get(listing)
        if index is None or stamp is None or index.stamp != stamp:
            self._kept.pop(listing, None)
            return None
        if len(self._kept) > 1:  # one listing is the most recent already
            self._kept.move_to_end(listing)
        return index

    def keep(self, listing: Hashable, index: PageIndex) -> None:
        self._kept[listing] = index
        while len(self._kept) > self._max_listings:
            self._kept.popitem(last=False)
