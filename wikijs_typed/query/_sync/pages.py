# Made from ../_async/pages.py by `python -m wikijs_typed.resources.twin`: do not edit.
"""`client.pages.query()`: the content query over Wiki.js pages (async source of the sync twin).

The query sits on the pages resource: one `pages.list` for the candidates (what it pushes
down and what it leaves to the client is in `page_plan.py`), and `try_get_many` (one batched
request per 50 pages) for the pages whose content, render, editor or author are needed.
Both go through the engine, so the normalized cache serves a repeated query without any
request, and a mutation of a page makes the reads that held it stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Literal, Protocol, Unpack

from wikijs_typed.models.batch import BatchResult
from wikijs_typed.models.page import Page
from wikijs_typed.query._sync.base import Evaluation
from wikijs_typed.query.catalogue import PAGES
from wikijs_typed.query.errors import NoMatchError, QueryError
from wikijs_typed.query.evaluate import matching
from wikijs_typed.query.explain import READS_PER_REQUEST, Explanation
from wikijs_typed.query.fields import Selection, View, resolve_fields
from wikijs_typed.query.items import Listing, PageItem
from wikijs_typed.query.names import PageFieldSpec, PageFilters, PageOrder
from wikijs_typed.query.page_plan import (
    PageAdapter,
    PagePlan,
    build_page_item,
    plan_pages,
    tree_rows,
)
from wikijs_typed.query.spec import QuerySpec

__all__ = ["PageQuery", "PageSource"]


class PageSource(Protocol):
    """What the query needs from the pages resource."""

    def list(
        self,
        *,
        locale: str | None = None,
        author_id: int | None = None,
        order_by: str | None = None,
        order_direction: str | None = None,
        creator_id: int | None = None,
        server_tags: Sequence[str] | None = None,
    ) -> list[Page]: ...

    def try_get_many(self, page_ids: Iterable[int]) -> BatchResult[Page]: ...


class _Matches:
    """One evaluation: the ordered matches, and every listed page by (locale, path)."""

    def __init__(self, rows: list[Page], by_path: dict[tuple[str, str], Page]) -> None:
        self.rows = rows
        self.by_path = by_path


class PageQuery(Evaluation[PageItem]):
    """An immutable, lazy query over pages; see docs/query.md."""

    def __init__(self, source: PageSource, wiki_url: str, spec: QuerySpec | None = None) -> None:
        self._source = source
        self._adapter = PageAdapter(wiki_url)
        self._spec = spec if spec is not None else QuerySpec(PAGES)

    # Chaining.

    def filter(self, **values: Unpack[PageFilters]) -> PageQuery:
        """Exact matches on any field; `tags` keeps pages that carry all the given tags."""
        return self._with(self._spec.with_filters(dict(values)))

    def child_of(self, page: int | str) -> PageQuery:
        """Pages directly below a page (its id) or a path (`"docs"`, `"root"` for the top)."""
        return self._with(self._spec.with_tree("child_of", page))

    def descendant_of(self, page: int | str) -> PageQuery:
        """Pages anywhere below a page (its id) or a path."""
        return self._with(self._spec.with_tree("descendant_of", page))

    def ancestor_of(self, page: int | str) -> PageQuery:
        """The pages on the way down to a page (its id) or a path, the page itself excluded."""
        return self._with(self._spec.with_tree("ancestor_of", page))

    def order_by(self, *keys: PageOrder, seed: int | None = None) -> PageQuery:
        """Order by fields (`-field`: descending), or `"random"` (the same order every time
        with a `seed`, which also allows an offset)."""
        return self._order(keys, seed)

    def fields(self, *specs: PageFieldSpec) -> PageQuery:
        """Which fields the items show, in Wagtail's grammar: `"_"` (none of the defaults),
        `"*"` (all), `"-title"` (remove), `"author(name,email)"` (nested)."""
        return self._fields(specs)

    def explain(self) -> Explanation:
        """What runs on the server, what on the client, and how many requests it costs."""
        return self._plan(self._spec, "listing").explain()

    # Evaluation.

    def count(self) -> int:
        """How many pages match (one request)."""
        return len((self._matches(self._spec, self._plan(self._spec, "count"))).rows)

    def detail(self, page_id: int) -> PageItem:
        """One page as a detail view shows it (every field unless `fields` says otherwise);
        the query's filters still apply. NoMatchError when they leave it out."""
        if isinstance(page_id, bool) or not isinstance(page_id, int) or page_id < 1:
            raise QueryError("a page id is a positive integer", field="id")
        plan = self._plan(self._spec, "detail")
        matches = self._matches(self._spec, plan)
        found = [page for page in matches.rows if page.id == page_id]
        if not found:
            raise NoMatchError(f"No {PAGES.object_name} matches the given query.")
        items = self._items(found, self._selection("detail"), plan, matches)
        if not items:
            raise NoMatchError(f"No {PAGES.object_name} matches the given query.")
        return items[0]

    def __iter__(self) -> Iterator[PageItem]:
        """Every match from the offset (to the limit, when one was set), read in chunks."""
        spec = self._spec
        plan = self._plan(spec, "listing")
        matches = self._matches(spec, plan)
        end = None if spec.limit is None else spec.offset + spec.limit
        rows = matches.rows[spec.offset : end]
        selection = self._selection("listing")
        for start in range(0, len(rows), READS_PER_REQUEST):
            chunk = rows[start : start + READS_PER_REQUEST]
            yield from self._items(chunk, selection, plan, matches)

    # Machinery.

    def _selection(self, view: View) -> Selection:
        return resolve_fields(self._spec.fields, PAGES, view)

    def _plan(self, spec: QuerySpec, view: View | Literal["count"]) -> PagePlan:
        # A count shows no field, so it reads no page.
        shown = Selection(()) if view == "count" else resolve_fields(spec.fields, PAGES, view)
        return plan_pages(spec, shown)

    def _listing(self, spec: QuerySpec) -> Listing[PageItem]:
        plan = self._plan(spec, "listing")
        matches = self._matches(spec, plan)
        window = matches.rows[spec.offset : spec.offset + spec.effective_limit]
        items = self._items(window, self._selection("listing"), plan, matches)
        return Listing(items, len(matches.rows))

    def _matches(self, spec: QuerySpec, plan: PagePlan) -> _Matches:
        rows = self._source.list(
            locale=plan.locale,
            author_id=plan.author_id,
            creator_id=plan.creator_id,
            order_by=plan.order_by,
            order_direction=plan.direction,
            server_tags=plan.tags,
        )
        by_path = {(page.locale, page.path): page for page in rows}
        if spec.tree is not None:
            rows = tree_rows(spec.tree, rows)
        if plan.read_candidates:
            rows = self._complete(rows)
        client = replace(spec, filters=plan.client_filters(spec))
        return _Matches(matching(client, self._adapter, rows), by_path)

    def _complete(self, rows: Sequence[Page]) -> list[Page]:
        """The complete pages (content, author, ...) of listed ones, in order; a page deleted
        since it was listed is left out."""
        read = self._source.try_get_many([page.id for page in rows])
        complete = {page.id: page for page in read.succeeded}
        return [complete[page.id] for page in rows if page.id in complete]

    def _items(
        self, rows: Sequence[Page], selection: Selection, plan: PagePlan, matches: _Matches
    ) -> list[PageItem]:
        needs_read = any(PAGES.by_name[name].source == "detail" for name in selection.names)
        if needs_read and not plan.read_candidates:
            rows = self._complete(rows)
        return [build_page_item(page, selection, self._adapter, matches.by_path) for page in rows]
