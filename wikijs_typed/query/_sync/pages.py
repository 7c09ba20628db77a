# Made from ../_async/pages.py by `python -m tools.sync_twins`: do not edit.
"""`client.pages.query()`: the content query over Wiki.js pages (async source of the sync twin).

The query sits on the pages resource: one `pages.list` for the candidates (what it pushes
down and what it leaves to the client is in `page_plan.py`), and `try_get_many` (one batched
request per 50 pages) for the pages whose content, render, editor or author are needed.
Both go through the engine, so the normalized cache serves a repeated query without any
request, and a mutation of a page makes the reads that held it stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Literal, Protocol, Self, TypeVar, Unpack

from wikijs_typed.exceptions import NotFoundError
from wikijs_typed.models._batch import BatchResult
from wikijs_typed.models._page import Page
from wikijs_typed.query._audience import Audience, PageSchedule, PublishWindow
from wikijs_typed.query._catalogue import PAGES
from wikijs_typed.query._errors import NoMatchError, QueryError
from wikijs_typed.query._evaluate import in_scope, matching
from wikijs_typed.query._explain import READS_PER_REQUEST, Explanation
from wikijs_typed.query._fields import Selection, View, resolve_fields
from wikijs_typed.query._items import Listing, PageItem
from wikijs_typed.query._names import PageFieldSpec, PageFilters, PageOrder
from wikijs_typed.query._page_index import PageIndex, PageIndexes, PageView
from wikijs_typed.query._page_plan import PageAdapter, PageItems, PagePlan, plan_pages
from wikijs_typed.query._spec import QuerySpec
from wikijs_typed.query._sync.base import Evaluation
from wikijs_typed.query._wagtail import JSONObject, listing_json, shape_listing, wagtail_json

__all__ = ["AudienceSource", "PageQuery", "PageSource", "fixed_audience"]

_T = TypeVar("_T")


class PageSource(Protocol):
    """What the query needs from the pages resource.

    The pages resource has three more methods the query uses when a source has them:
    `stamped_listing(**list_arguments)` (without it, the listing is read again on every
    evaluation), `stamped_pages()` (without it, nothing rendered from a page's own read is
    kept) and `try_get_schedules(page_ids)` (without it, an audience's publish windows are
    read from the complete pages).
    """

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


class AudienceSource(Protocol):
    """Where a query reads its audience from on each evaluation.

    It reads through the client's cache, so that a rule changed on the wiki is seen once the
    cached group expires.
    """

    def audience(self) -> Audience: ...


class _Fixed:
    def __init__(self, audience: Audience) -> None:
        self._audience = audience

    def audience(self) -> Audience:
        return self._audience


def fixed_audience(audience: Audience | AudienceSource) -> AudienceSource:
    """A source for `audience` (itself when it is one already)."""
    return _Fixed(audience) if isinstance(audience, Audience) else audience


def _utc_now() -> datetime:
    return datetime.now(UTC)


class _PageFacts:
    """What decides a page's visibility beyond its listing (every tag, the publish dates).

    Kept per page version: the listing's `updated_at` changes with any edit of them.
    """

    def __init__(self, max_entries: int = 100_000) -> None:
        self._kept: dict[tuple[int, datetime], tuple[tuple[str, ...], PublishWindow]] = {}
        self._max_entries = max_entries

    def get(self, page: Page) -> tuple[tuple[str, ...], PublishWindow] | None:
        return self._kept.get((page.id, page.updated_at))

    def keep(self, listed: Page, read: PageSchedule) -> tuple[tuple[str, ...], PublishWindow]:
        facts = (read.tags, read.window)
        # Facts read from another version than the listed one (one of the two cached longer)
        # are used, not kept: kept, they would outlive the cache's own expiry.
        if read.updated_at == listed.updated_at:
            if len(self._kept) >= self._max_entries:
                self._kept.clear()
            self._kept[(listed.id, listed.updated_at)] = facts
        return facts


class _Matches:
    """One evaluation: the ordered matches, and the view of the visible pages they come from."""

    __slots__ = ("by_path", "own", "rows", "view", "windows")

    def __init__(
        self,
        rows: list[Page],
        view: PageView,
        *,
        own: bool,
        windows: dict[str, tuple[tuple[str | None, ...], bytes]] | None = None,
    ) -> None:
        self.rows = rows
        self.view = view
        self.by_path = view.by_path
        # Whether the rows are the view's own pages (not complete pages read for them).
        self.own = own
        # The JSON of the query's window by base URL, when the view keeps the matches.
        self.windows = windows

    def find(self, page_id: int) -> list[Page]:
        if self.rows is self.view.rows:  # every page of the view, which indexes them by id
            page = self.view.by_id.get(page_id)
            return [] if page is None else [page]
        return [page for page in self.rows if page.id == page_id]


def _still_there(read: BatchResult[_T]) -> list[_T]:
    """What a batched read of listed pages gave, the pages deleted since left out.

    Raises:
        WikiJSError: The first failure other than a page not found: a wiki that cannot be
            read is not one without those pages.
    """
    for failure in read.failed:
        if not isinstance(failure.error, NotFoundError):
            raise failure.error
    return read.succeeded


def _listed_json(
    pages: Sequence[Page], page_items: PageItems, matches: _Matches, base_url: str
) -> list[bytes]:
    """The JSON of the items of the view's `pages` made from the listing alone, kept with it."""
    kept = matches.view.rendered_items((page_items.layout, base_url))
    # Read from the kept ones once: another thread may empty them meanwhile (sync twin).
    parts = [kept.get(page.id) for page in pages]
    unrendered = [page for page, part in zip(pages, parts, strict=True) if part is None]
    if unrendered:
        made = iter(page_items.shape(unrendered, matches.by_path, base_url))
        for n, page in enumerate(pages):
            if parts[n] is None:
                parts[n] = kept[page.id] = wagtail_json(next(made))
    return [part for part in parts if part is not None]


def _in_default_order(spec: QuerySpec) -> bool:
    """Whether the spec keeps every candidate in the default order (nothing to filter or sort)."""
    return not (spec.filters or spec.search or spec.random or spec.order)


class _Stamped(Protocol):
    """What tells the stamp of one cached read, again and again (`AsyncStampedRead`)."""

    def stamp(self) -> str | None: ...


class _StampedPages(Protocol):
    """What tells the stamps of many pages' reads at once (`AsyncStampedReads`)."""

    def stamps(self, ids: Sequence[int]) -> list[str | None]: ...


class _Listing:
    """One `pages.list` the query reads: its arguments and what tells its entry's stamp."""

    __slots__ = ("args", "stamped")

    def __init__(self, args: dict[str, Any], stamped: _Stamped | None) -> None:
        self.args = args
        self.stamped = stamped


def _listing_key(plan: PagePlan) -> tuple[object, ...]:
    return (plan.locale, plan.author_id, plan.creator_id, plan.order_by, plan.direction, plan.tags)


# Different `pages.list` arguments a query keeps the stamps of (the filters pushed down make
# them: a content API serving many authors or locales makes many).
_MAX_LISTINGS = 64
# Base URLs a query's window keeps its JSON for (a content API's clients choose its Host).
_MAX_BASE_URLS = 4


class PageQuery(Evaluation[PageItem]):
    """An immutable, lazy query over pages, made by `client.pages.query()`.

    Chaining methods return a new query and send nothing; a slice, `fetch`, `count`, `first`,
    `exists`, `detail` or an iteration evaluates it. One `pages.list` request reads the
    candidates (with what can be pushed down to Wiki.js), and the pages whose content, render,
    editor or author are needed are read 50 to a request; a client with a cache serves a
    repeated query without any request.

    Args:
        source: Where the pages come from: the client's pages resource.
        wiki_url: The wiki's address as readers know it, which `html_url` starts with.
        spec: The query's state; None for a new query over every page.
    """

    def __init__(self, source: PageSource, wiki_url: str, spec: QuerySpec | None = None) -> None:
        self._source = source
        self._adapter = PageAdapter(wiki_url)
        self._spec = spec if spec is not None else QuerySpec(PAGES)
        self._viewer: AudienceSource | None = None
        self._clock: Callable[[], datetime] = _utc_now
        self._facts = _PageFacts()
        # Shared by every query chained from this one (the content API's per-request queries).
        self._indexes = PageIndexes()
        # This query's own plans, by view (a chained query starts without any).
        self._plans: dict[str, PagePlan] = {}
        # By `pages.list` arguments, for every query chained from this one: they depend on the
        # source alone.
        self._listings: dict[tuple[object, ...], _Listing] = {}
        # How this query's items are made, by view (see `_page_items`).
        self._makers: dict[str, PageItems] = {}
        # What tells the stamps of pages' own reads, for every query chained from this one;
        # None for a source that cannot tell (a custom one): then no such item is kept.
        stamped_pages = getattr(source, "stamped_pages", None)
        self._page_stamps: _StampedPages | None = None if stamped_pages is None else stamped_pages()

    def _with(self, spec: QuerySpec) -> Self:
        clone = super()._with(spec)
        clone._plans = {}
        clone._makers = {}
        return clone

    # Chaining.

    def visible_to(
        self, audience: Audience | AudienceSource, *, clock: Callable[[], datetime] | None = None
    ) -> PageQuery:
        """Only the pages `audience` may view, as a Wiki.js page view decides.

        A page is visible when the audience's page rules allow `read:pages` on it and, unless
        the audience may also write it, the page is inside its publish window. The other pages
        are out of scope like unpublished ones: neither listed, nor found by id, nor anyone's
        parent. It costs reading the complete pages of the listing (batched, cached) for their
        publish dates and every tag.

        Args:
            audience: Whose view: an `Audience` (a group's permissions and page rules, e.g.
                `Audience.of_group(group, "guests")`, or `Audience.key()` for everything the
                key reads), or a source that gives the audience on each evaluation.
            clock: What gives the time the publish windows are checked at (aware datetimes);
                None for the current time in UTC.

        Returns:
            A new query scoped to what the audience may view (replacing an earlier audience).
        """
        clone = self._with(self._spec)
        clone._viewer = fixed_audience(audience)
        clone._clock = clock if clock is not None else _utc_now
        clone._facts = _PageFacts()
        return clone

    def filter(self, **values: Unpack[PageFilters]) -> PageQuery:
        """Only the pages whose fields equal the given values.

        Filters of several calls add up; a field filtered again takes the new value. The
        `locale`, `author_id`, `creator_id` and `tags` filters are sent to Wiki.js where they
        can be; the others run on the client over the listing.

        Args:
            **values: Field names and the values they must equal: an int (`id`, `author_id`,
                `creator_id`; 32-bit), a bool (`is_published`, `is_private`), a timezone-aware
                datetime (`created_at`, `updated_at`, `first_published_at`) or a string (the
                other fields). `tags` takes a string or a sequence of strings and keeps the
                pages that carry all of them (compared lowercased, as Wiki.js stores tags).

        Returns:
            A new query with these filters.

        Raises:
            QueryError: When a name is not a filterable field (or is hidden), or a value is not
                of the field's type, an int is beyond 32 bits, a string holds a null
                character, or a datetime is naive.
        """
        return self._with(self._spec.with_filters(dict(values)))

    def scope(self, **values: Unpack[PageFilters]) -> PageQuery:
        """The pages the query can see at all, e.g. `scope(is_published=True)`.

        Unlike `filter`, a scope makes the other pages not exist for the query: they are
        neither listed, nor found by id, nor tree targets, nor anyone's parent. Later filters
        narrow the scope, never widen it.

        Args:
            **values: Field names and the values they must equal, as `filter` takes them.

        Returns:
            A new query with this scope (added to an earlier one).

        Raises:
            QueryError: As `filter` does, for an unknown field or a value of the wrong type.
        """
        return self._with(self._spec.with_scope(dict(values)))

    def child_of(self, page: int | str) -> PageQuery:
        """Only the pages one path segment below a page or a path.

        A folder without a page of its own counts as its path: `child_of("docs/advanced")`
        works without a page there.

        Args:
            page: A page id (then only its locale counts), a path such as `"docs/setup"` (in
                any locale unless a locale filter says otherwise), or `"root"`, the top of the
                wiki's tree.

        Returns:
            A new query with this tree filter (it replaces an earlier one).

        Raises:
            QueryError: When `page` is neither an int nor a string or is a negative id, or
                the query already has a `descendant_of` (the two do not combine); when
                evaluated, when no page has the id `page`.
        """
        return self._with(self._spec.with_tree("child_of", page))

    def descendant_of(self, page: int | str) -> PageQuery:
        """Only the pages anywhere below a page or a path.

        `descendant_of("root")` is every page.

        Args:
            page: A page id (then only its locale counts), a path such as `"docs/setup"` (in
                any locale unless a locale filter says otherwise), or `"root"`, the top of the
                wiki's tree.

        Returns:
            A new query with this tree filter (it replaces an earlier one).

        Raises:
            QueryError: When `page` is neither an int nor a string or is a negative id, or
                the query already has a `child_of` (the two do not combine); when
                evaluated, when no page has the id `page`.
        """
        return self._with(self._spec.with_tree("descendant_of", page))

    def ancestor_of(self, page: int | str) -> PageQuery:
        """Only the pages on the way down to a page or a path, the page itself excluded.

        Args:
            page: A page id (then only its locale counts), a path such as `"docs/setup"` (in
                any locale unless a locale filter says otherwise), or `"root"`, the top of the
                wiki's tree.

        Returns:
            A new query with this tree filter (it replaces an earlier one).

        Raises:
            QueryError: When `page` is neither an int nor a string or is a negative id;
                when evaluated, when no page has the id `page`.
        """
        return self._with(self._spec.with_tree("ancestor_of", page))

    def order_by(self, *keys: PageOrder, seed: int | None = None) -> PageQuery:
        """The order of the results; without one, pages come in path-tree order.

        Text is compared case-sensitively (upper case first), as Wagtail does.

        Args:
            *keys: Field names, in order of precedence; `-name` orders descending. Or
                `"random"` alone, a new order on every evaluation. No keys: back to the
                default order (search results by rank).
            seed: Only with `"random"`: the same order every time, which also allows an
                offset.

        Returns:
            A new query with this order (it replaces an earlier one).

        Raises:
            QueryError: When a key is not an orderable field (nested and URL fields are not),
                `"random"` is combined with fields, a seed comes without `"random"` or is not
                an int, or an unseeded random order meets an offset.
        """
        return self._order(keys, seed)

    def fields(self, *specs: PageFieldSpec) -> PageQuery:
        """Which fields the items show, in Wagtail's grammar.

        A listing shows `id, title, type, detail_url, html_url, slug, first_published_at` by
        default, a detail view every field. Reading a field an item does not show raises
        FieldNotSelectedError.

        Args:
            *specs: Applied in order from the view's defaults: `"title"` adds a field,
                `"-title"` removes one, `"author(name,email)"` chooses a nested object's
                fields. A first `"*"` starts from every field, a first `"_"` from none.

        Returns:
            A new query showing these fields (it replaces an earlier choice).

        Raises:
            QueryError: When a spec is not a string, is malformed (the message is Wagtail's,
                with the position), or names an unknown or hidden field.
        """
        return self._fields(specs)

    def explain(self) -> Explanation:
        """What runs on the server, what on the client, and how many requests it costs.

        Nothing is sent: the plan is made from the query alone.

        Returns:
            The steps on each side and the requests a cold cache costs (`str()` of it reads
            as a short report).
        """
        return self._plan(self._spec, "listing").explain()

    # Evaluation.

    def count(self) -> int:
        """How many pages match, whatever the window (one request unless a filter needs more).

        Returns:
            The number of matching pages.

        Raises:
            QueryError: When a tree filter names a page id that does not exist.
        """
        return len((self._matches(self._spec, self._plan(self._spec, "count"))).rows)

    def detail(self, page_id: int) -> PageItem:
        """One page as a detail view shows it (every field unless `fields` says otherwise).

        The query's scope, filters and tree filter still apply; its window does not.

        Args:
            page_id: The page's id; a positive integer.

        Returns:
            The page's item.

        Raises:
            QueryError: When `page_id` is not a positive integer, or a tree filter names a
                page id that does not exist.
            NoMatchError: When no page has this id, or the query leaves it out (a
                NotFoundError).
        """
        page_items, rows, matches = self._detail_rows(page_id)
        return page_items.make(rows, matches.by_path)[0]

    def detail_wagtail(self, page_id: int, base_url: str = "") -> JSONObject:
        """One page in Wagtail API v2's detail shape, made straight from the page.

        The same JSON as `(await query.detail(page_id)).to_wagtail(base_url)`, each value
        read and shaped once, with no item in between.

        Args:
            page_id: The page's id; a positive integer.
            base_url: The API's root URL, which `meta.detail_url` starts with; `""` makes it
                a relative path.

        Returns:
            A JSON-ready dict: `{"id": ..., "meta": {...}, ...}`.

        Raises:
            QueryError: As `detail` raises.
            NoMatchError: As `detail` raises.
        """
        page_items, rows, matches = self._detail_rows(page_id)
        return page_items.shape(rows, matches.by_path, base_url)[0]

    def detail_wagtail_json(self, page_id: int, base_url: str = "") -> bytes:
        """`detail_wagtail` as compact JSON, kept while what it shows is unchanged.

        The standard library's bytes for the same body. Kept with the audience's view of
        the listing (until the listing changes or a publish window opens or closes), and,
        when the item shows what the page's own read holds (content, author, ...), only while
        the cache's entry of that read is the same.

        Args:
            page_id: The page's id; a positive integer.
            base_url: As `detail_wagtail` takes it.

        Returns:
            The page's item as UTF-8 JSON.

        Raises:
            QueryError: As `detail` raises.
            NoMatchError: As `detail` raises.
        """
        plan, matches, found = self._detail_match(page_id)
        page_items = self._page_items("detail")
        if not matches.own:  # complete pages read for the candidates: rendered every time
            rows = self._readable(found, page_items, plan)
            return wagtail_json(page_items.shape(rows, matches.by_path, base_url)[0])
        versions = self._versions(found, page_items)
        rendered = self._versioned_json(found, versions, page_items, plan, matches, base_url)
        if not rendered:  # deleted since it was listed
            raise NoMatchError(f"No {PAGES.object_name} matches the given query.")
        return rendered[0]

    def _versions(self, pages: Sequence[Page], page_items: PageItems) -> tuple[str | None, ...]:
        """The version each page's item shows (see `_versioned_json`); None: unknown."""
        if not page_items.reads_detail:
            return ("",) * len(pages)
        return self._versions_of([page.id for page in pages])

    def _versions_of(self, page_ids: list[int]) -> tuple[str | None, ...]:
        """The stamps of these pages' own reads, asked at once; None each without a way."""
        if self._page_stamps is None:
            return (None,) * len(page_ids)
        return tuple(self._page_stamps.stamps(page_ids))

    def _versioned_json(
        self,
        pages: Sequence[Page],
        versions: Sequence[str | None],
        page_items: PageItems,
        plan: PagePlan,
        matches: _Matches,
        base_url: str,
    ) -> list[bytes]:
        """The JSON of the items of the view's `pages`, kept with the view per page version.

        The version of an item made from the listing alone is `""`; of one that shows the
        page's own read (content, author, ...), the stamp of that read's cache entry, so the
        item is rendered again exactly when the read changes (None, no stamp: nothing is
        kept). A page deleted since it was listed is left out.
        """
        kept = matches.view.rendered_details((page_items.layout, base_url))
        reads = page_items.reads_detail
        parts: list[bytes | None] = []
        for page, version in zip(pages, versions, strict=True):
            held = kept.get(page.id)
            parts.append(held[1] if held is not None and held[0] == version else None)
        stale = [page for page, part in zip(pages, parts, strict=True) if part is None]
        if not stale:
            return [part for part in parts if part is not None]
        rows = self._readable(stale, page_items, plan)
        shaped = page_items.shape(rows, matches.by_path, base_url)
        made = {row.id: wagtail_json(item) for row, item in zip(rows, shaped, strict=True)}
        # Kept only when the page's entry is the one stamped before the read (a cold read
        # stores it: the next evaluation keeps what it renders).
        keep = [
            (page.id, version)
            for page, version in zip(pages, versions, strict=True)
            if page.id in made and version is not None
        ]
        if reads and keep:
            after = self._versions_of([page_id for page_id, _ in keep])
            keep = [pair for pair, now in zip(keep, after, strict=True) if pair[1] == now]
        for page_id, version in keep:
            kept[page_id] = (version, made[page_id])
        rendered: list[bytes] = []
        for page, part in zip(pages, parts, strict=True):
            if part is not None:
                rendered.append(part)
            elif page.id in made:
                rendered.append(made[page.id])
        return rendered

    def _detail_match(self, page_id: int) -> tuple[PagePlan, _Matches, list[Page]]:
        """The detail view's plan, the matches, and the page with this id among them."""
        if isinstance(page_id, bool) or not isinstance(page_id, int) or page_id < 1:
            raise QueryError("a page id is a positive integer", field="id")
        plan = self._plan(self._spec, "detail")
        matches = self._matches(self._spec, plan)
        found = matches.find(page_id)
        if not found:
            raise NoMatchError(f"No {PAGES.object_name} matches the given query.")
        return plan, matches, found

    def _detail_rows(self, page_id: int) -> tuple[PageItems, Sequence[Page], _Matches]:
        """How the detail view's item is made, its page (read as it needs), and the matches."""
        plan, matches, found = self._detail_match(page_id)
        page_items = self._page_items("detail")
        rows = self._readable(found, page_items, plan)
        if not rows:  # deleted since it was listed
            raise NoMatchError(f"No {PAGES.object_name} matches the given query.")
        return page_items, rows, matches

    def __iter__(self) -> Iterator[PageItem]:
        """Every match from the offset (to the limit, when one was set), read in chunks.

        Unlike a window, an iteration without a limit goes on to the last match; the pages
        whose fields need a read are read 50 to a request as the iteration reaches them.

        Yields:
            Each matching page's item, in the query's order.

        Raises:
            QueryError: When a tree filter names a page id that does not exist.
        """
        spec = self._spec
        plan = self._plan(spec, "listing")
        matches = self._matches(spec, plan)
        end = None if spec.limit is None else spec.offset + spec.limit
        rows = matches.rows[spec.offset : end]
        page_items = self._page_items("listing")
        for start in range(0, len(rows), READS_PER_REQUEST):
            chunk = rows[start : start + READS_PER_REQUEST]
            yield from self._items(chunk, page_items, plan, matches)

    # Machinery.

    def _page_items(self, view: View) -> PageItems:
        # Made once per query and view, as the plans are: the content API's queries serve
        # many evaluations, and each would otherwise decide again how to read every field.
        page_items = self._makers.get(view)
        if page_items is None:
            selection = resolve_fields(self._spec.fields, PAGES, view, self._spec.hidden)
            page_items = self._makers[view] = PageItems(selection, self._adapter)
        return page_items

    def _plan(self, spec: QuerySpec, view: View | Literal["count"]) -> PagePlan:
        # Made once per query and view: a query reused for many evaluations (the content
        # API's, one per distinct request) does not plan again.
        plan = self._plans.get(view) if spec is self._spec else None
        if plan is None:
            # A count shows no field, so it reads no page.
            if view == "count":
                shown = Selection(())
            else:
                shown = resolve_fields(spec.fields, PAGES, view, spec.hidden)
            plan = plan_pages(spec, shown)
            if spec is self._spec:
                self._plans[view] = plan
        return plan

    def _listing(self, spec: QuerySpec) -> Listing[PageItem]:
        page_items, rows, matches = self._window(spec)
        return Listing(page_items.make(rows, matches.by_path), len(matches.rows))

    def _window(self, spec: QuerySpec) -> tuple[PageItems, Sequence[Page], _Matches]:
        """How the window's items are made, its pages (read as they need), and the matches."""
        plan = self._plan(spec, "listing")
        matches = self._matches(spec, plan)
        window = matches.rows[spec.offset : spec.offset + spec.effective_limit]
        page_items = self._page_items("listing")
        return page_items, self._readable(window, page_items, plan), matches

    def fetch_wagtail(self, base_url: str = "") -> JSONObject:
        """The query's window in Wagtail API v2's listing shape, made without items.

        The same JSON as `(await query.fetch()).to_wagtail(base_url)`, made straight from
        the pages: each value is read and shaped once (the content API's listings).

        Args:
            base_url: The API's root URL, which each item's `meta.detail_url` starts with;
                `""` makes them relative paths.

        Returns:
            A JSON-ready dict: `{"meta": {"total_count": n}, "items": [...]}`.

        Raises:
            QueryError: When a tree filter names a page id that does not exist.
        """
        page_items, rows, matches = self._window(self._spec)
        shaped = page_items.shape(rows, matches.by_path, base_url)
        return shape_listing(shaped, len(matches.rows))

    def fetch_wagtail_json(self, base_url: str = "") -> bytes:
        """`fetch_wagtail` as compact JSON, kept while the listing alone decides it.

        The standard library's bytes for the same body. Kept with the audience's view of the
        listing (until the listing changes or a publish window opens or closes): the JSON of
        each item, for any query that shows it in the same fields, and, when the items show
        only what the listing holds, the window's JSON. An item that shows what the page's
        own read holds (content, author, ...) is kept only while the cache's entry of that
        read is the same.

        Args:
            base_url: As `fetch_wagtail` takes it.

        Returns:
            The listing as UTF-8 JSON.

        Raises:
            QueryError: As `fetch` raises.
        """
        spec = self._spec
        plan = self._plan(spec, "listing")
        matches = self._matches(spec, plan)
        window = matches.rows[spec.offset : spec.offset + spec.effective_limit]
        page_items = self._page_items("listing")
        total = len(matches.rows)
        if not matches.own:  # complete pages read for the candidates: rendered every time
            shaped = page_items.shape(window, matches.by_path, base_url)
            return wagtail_json(shape_listing(shaped, total))
        # The window's JSON is kept for the versions of the items it shows (none when the
        # listing alone decides them): the same body object answers again, ETag and all.
        versions = self._versions(window, page_items) if page_items.reads_detail else ()
        windows = matches.windows
        held = None if windows is None else windows.get(base_url)
        if held is not None and held[0] == versions:
            return held[1]
        if page_items.reads_detail:
            items = self._versioned_json(window, versions, page_items, plan, matches, base_url)
        else:
            items = _listed_json(window, page_items, matches, base_url)
        body = listing_json(items, total)
        if windows is not None and None not in versions:
            if len(windows) >= _MAX_BASE_URLS:  # the base URL is the client's to choose
                windows.clear()
            windows[base_url] = (versions, body)
        return body

    def _matches(self, spec: QuerySpec, plan: PagePlan) -> _Matches:
        view = self._view(spec, plan)
        own = not plan.read_candidates
        # Kept with the view for the query's own spec: the view's pages alone decide them,
        # unless the candidates' own reads do (they can change while the listing does not) or
        # the order is drawn anew every time.
        if not (spec is self._spec and own and not (spec.random and spec.seed is None)):
            return _Matches(self._match(spec, plan, view), view, own=own)
        kept = view.kept_matches(plan)
        if kept is None:
            kept = view.keep_matches(plan, self._match(spec, plan, view))
        return _Matches(kept.rows, view, own=own, windows=kept.windows)

    def _match(self, spec: QuerySpec, plan: PagePlan, view: PageView) -> list[Page]:
        rows = view.tree(spec.tree) if spec.tree is not None else view.rows
        if plan.read_candidates:
            rows = self._complete(rows)
        filters = plan.client_filters(spec) if spec.filters else spec.filters
        client = spec if filters == spec.filters else replace(spec, filters=filters)
        if _in_default_order(client):
            return rows
        # The view's rows, its tree's and the complete pages read for them keep its order.
        return matching(client, self._adapter, rows, ordered_already=True)

    def _view(self, spec: QuerySpec, plan: PagePlan) -> PageView:
        """The pages in the spec's scope that the audience may view, indexed.

        Kept while the cached listing is unchanged and no publish window among them opens or
        closes.
        """
        listing_key = _listing_key(plan)
        listing = self._listings.get(listing_key)
        if listing is None:
            listing = self._listing_of(plan)
            if len(self._listings) >= _MAX_LISTINGS:
                self._listings.clear()
            self._listings[listing_key] = listing
        stamped = listing.stamped
        stamp = None if stamped is None else stamped.stamp()
        index = self._indexes.get(listing_key, stamp)
        if index is None:
            rows = self._source.list(**listing.args)
            index = PageIndex(stamp or "", rows)
            # Kept only when the listing was read from the entry stamped before the read (a
            # cold read, or a store in between, is kept by the next evaluation).
            if stamped is not None and stamp is not None and stamped.stamp() == stamp:
                self._indexes.keep(listing_key, index)
        audience = None if self._viewer is None else self._viewer.audience()
        view_key = (spec.scope, audience)
        view = index.view(view_key, self._clock)
        if view is None:
            scoped = in_scope(spec, self._adapter, index.rows)
            visible, valid_until = self._visible(scoped, audience, self._clock())
            view = PageView(visible, self._adapter, valid_until)
            index.keep(view_key, view)
        return view

    def _listing_of(self, plan: PagePlan) -> _Listing:
        """The `pages.list` a plan reads, and what tells its cached entry's stamp.

        The stamp is the one `AsyncPagesResource.stamped_listing` tells; a source that has
        none (a custom one) is read again on every evaluation.
        """
        args: dict[str, Any] = {
            "locale": plan.locale,
            "author_id": plan.author_id,
            "creator_id": plan.creator_id,
            "order_by": plan.order_by,
            "order_direction": plan.direction,
            "server_tags": plan.tags,
        }
        stamped_listing = getattr(self._source, "stamped_listing", None)
        stamped: _Stamped | None = None if stamped_listing is None else stamped_listing(**args)
        return _Listing(args, stamped)

    def _visible(
        self, rows: list[Page], audience: Audience | None, now: datetime
    ) -> tuple[list[Page], datetime | None]:
        """The rows the query's audience may view, and when the first publish window changes.

        Without an audience every row is visible; the time is when the first publish window
        among the rows opens or closes (None when none does).
        """
        if audience is None or audience.is_key:
            return rows, None
        if not audience.reads_pages:
            return [], None
        # Without a TAG rule, the path alone can rule a page out before it is read.
        if not audience.has_tag_rules:
            rows = [page for page in rows if audience.can_read_page(page.path, page.locale)]
        facts = self._facts_of(rows)
        visible: list[Page] = []
        changes: list[datetime] = []
        for page in rows:
            if page.id not in facts:
                continue
            tags, window = facts[page.id]
            if not audience.can_read_page(page.path, page.locale, tags):
                continue
            if not audience.needs_window(page.path, page.locale, tags):
                visible.append(page)
                continue
            if window.is_open(now):
                visible.append(page)
            change = window.next_change(now)
            if change is not None:
                changes.append(change)
        return visible, min(changes, default=None)

    def _facts_of(self, rows: Sequence[Page]) -> dict[int, tuple[tuple[str, ...], PublishWindow]]:
        """Every tag and the publish window of each page (none for a page deleted since)."""
        known = {page.id: self._facts.get(page) for page in rows}
        unread = [page for page in rows if known[page.id] is None]
        if unread:
            listed = {page.id: page for page in unread}
            for schedule in self._schedules(unread):
                known[schedule.id] = self._facts.keep(listed[schedule.id], schedule)
        return {page_id: facts for page_id, facts in known.items() if facts is not None}

    def _schedules(self, rows: Sequence[Page]) -> list[PageSchedule]:
        """The tags and publish window of each page still there, read as slim as the source can.

        A page deleted since it was listed is left out. The slim read is used when the source
        has one, else the complete pages.
        """
        slim = getattr(self._source, "try_get_schedules", None)
        if slim is not None:
            read: BatchResult[PageSchedule] = slim([page.id for page in rows])
            return _still_there(read)
        return [
            PageSchedule(
                page.id,
                page.updated_at,
                tuple(page.tags),
                PublishWindow(page.publish_start_date, page.publish_end_date),
            )
            for page in self._complete(rows)
        ]

    def _complete(self, rows: Sequence[Page]) -> list[Page]:
        """The complete pages (content, author, ...) of listed ones, in order.

        A page deleted since it was listed is left out.
        """
        read = self._source.try_get_many([page.id for page in rows])
        complete = {page.id: page for page in _still_there(read)}
        return [complete[page.id] for page in rows if page.id in complete]

    def _items(
        self, rows: Sequence[Page], page_items: PageItems, plan: PagePlan, matches: _Matches
    ) -> list[PageItem]:
        rows = self._readable(rows, page_items, plan)
        return page_items.make(rows, matches.by_path)

    def _readable(
        self, rows: Sequence[Page], page_items: PageItems, plan: PagePlan
    ) -> Sequence[Page]:
        # The complete pages when the items show what only a page's own read has (content,
        # author, ...) and the plan has not read them yet.
        if page_items.reads_detail and not plan.read_candidates:
            return self._complete(rows)
        return rows
