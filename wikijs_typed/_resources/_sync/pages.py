# Made from ../_async/pages.py by `python -m tools.twin`: do not edit.
"""`client.pages`: the Wiki.js SDK's pages API, on the generated client.

Every call checks its arguments first (ValidationError before any request) and hides the
server's quirks: listings return exactly the pages asked for, each with all its tags; an update
sends the complete page state; `create` and `update` return the complete page; search ids are
integers. Batches (`*_many`) send reads as JSON-array POSTs and report every item's outcome.

Writes tell the truth (`page_writes`): a success is reported even when reading the page back
fails, a failure that came after part of the write was stored is finished or reported as
such, and an answer that was lost is `WriteOutcomeUnknownError` unless reading back settles
it. Creates, moves and deletes, and updates that may add new tags, go one at a time: on
Wiki.js they collide when they overlap and are no faster for it. Plain content updates run
a few at a time.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from wikijs_graphql.base_model import UNSET
from wikijs_graphql.operations import OPERATIONS

from wikijs_typed._pipeline.operation import GraphQLRequest
from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources._sync.page_writes import PageWrites
from wikijs_typed._resources.sansio.pages import (
    PageListing,
    UpdatePageArgs,
    complete_page,
    complete_page_at_path,
    list_args,
    update_args,
)
from wikijs_typed._resources.sansio.shared import (
    Outcome,
    chain,
    check_field,
    collect,
    found,
    prepared,
    present,
    read_outcome,
)
from wikijs_typed._resources.sansio.write_outcomes import as_sent
from wikijs_typed.exceptions import DuplicatePathError, NotFoundError, ValidationError, WikiJSError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._batch import BatchFailure, BatchResult, DeleteSummary
from wikijs_typed.models._page import Page, PageCreate, PageUpdate

# Each method imports the generated result model it reads where it reads it: a first `get`
# loads the `get_page` module alone, not the models of every pages operation.
if TYPE_CHECKING:
    from wikijs_graphql import GraphQLClient
    from wikijs_graphql.fragments import PageListItemFields

    from wikijs_typed._pipeline._sync.engine import SyncEngine
    from wikijs_typed.query._audience import PageSchedule
    from wikijs_typed.query._sync.pages import PageQuery

__all__ = ["PagesResource"]

# Read through `read` (cache hits skip the request and the validation): the generated documents.
_GET_PAGE = OPERATIONS["GetPage"]
_GET_PAGE_BY_PATH = OPERATIONS["GetPageByPath"]
# Plain content updates (no move, no new tag) cannot collide: a few at a time.
WRITE_CONCURRENCY = 4
# Wiki.js's code for a move onto a taken path.
PATH_COLLISION = 6006


class PagesResource(Resource):
    """Pages: list, read, search, create, update, delete, one at a time or in batches."""

    def __init__(self, gql: GraphQLClient, engine: SyncEngine) -> None:
        super().__init__(gql, engine)
        self._writes = PageWrites(gql)

    # Reads.

    def query(self, site_url: str | None = None) -> PageQuery:
        """The content query over pages: filters, tree, search, order, fields, windows.

        `site_url` is the wiki's address as readers know it, which `html_url` starts with
        (default: the address this client talks to, which may be an internal one).
        """
        from wikijs_typed.query._sync.pages import PageQuery  # loaded when first queried

        return PageQuery(self, rules.check_site_url(site_url, str(self._engine.base_url)))

    def list(
        self,
        limit: int | None = None,
        offset: int = 0,
        search: str | None = None,
        tags: Sequence[str] | None = None,
        locale: str | None = None,
        author_id: int | None = None,
        order_by: str | None = None,
        order_direction: str | None = None,
        *,
        match_all: bool = True,
        creator_id: int | None = None,
        server_tags: Sequence[str] | None = None,
    ) -> builtins.list[Page]:
        """Pages, filtered and ordered, `offset` skipped, at most `limit` of them.

        `order_by` is title, path, created_at, updated_at or id; `order_direction` ASC or DESC.
        `search` matches title, path and description; `tags` keeps pages that carry all of
        them (any of them with `match_all=False`). `author_id` and `creator_id` are Wiki.js's
        own filters, which it combines with OR when both are given. `server_tags` has Wiki.js
        keep only the pages carrying all those tags (fewer pages to transfer), but each page
        it lists then carries only the matched tags. Listed pages carry no content.
        """
        listing = PageListing.build(
            limit=limit,
            offset=offset,
            search=search,
            tags=tags,
            match_all=match_all,
            locale=locale,
            author_id=author_id,
            creator_id=creator_id,
            server_tags=server_tags,
            order_by=order_by,
            order_direction=order_direction,
        )
        return listing.window(self._listed(listing))

    def listing_stamp(
        self,
        *,
        locale: str | None = None,
        author_id: int | None = None,
        order_by: str | None = None,
        order_direction: str | None = None,
        creator_id: int | None = None,
        server_tags: Sequence[str] | None = None,
    ) -> str | None:
        """The cache's stamp of the listing `list` reads with these arguments and no limit:
        unchanged exactly while that cached listing is (None: not cached). What was derived
        from the listing (the content query's index) stays current without reading it again."""
        listing = PageListing.build(
            locale=locale,
            author_id=author_id,
            creator_id=creator_id,
            server_tags=server_tags,
            order_by=order_by,
            order_direction=order_direction,
        )
        return self._engine.stamp(prepared(lambda gql: gql.list_pages(**list_args(listing, None))))

    def iter_all(
        self, *, locale: str | None = None, with_content: bool = False, batch_size: int = 50
    ) -> Iterator[Page]:
        """Every page, lazily. `with_content=True` reads the complete pages, `batch_size` per
        request, as the iteration goes."""
        rules.check_id(batch_size, "batch_size")
        listing = PageListing.build(locale=locale)
        pages = self._listed(listing)
        if not with_content:
            yield from pages
            return
        for start in range(0, len(pages), batch_size):
            ids = [page.id for page in pages[start : start + batch_size]]
            batch = self.try_get_many(ids)
            # A page deleted since the listing is skipped, not an error.
            yield from batch.succeeded

    def get(self, page_id: int) -> Page:
        """The complete page; NotFoundError when there is none with this id."""
        rules.check_id(page_id, "page_id")
        page = self._gql.read(_GET_PAGE.document, "GetPage", {"id": page_id}, complete_page)
        return found(page, f"page {page_id}")

    def get_by_path(self, path: str, locale: str = "en") -> Page:
        """The complete page at `path` (a leading or trailing `/` is fine) in `locale`."""
        clean = rules.check_page_path(path)
        variables = {"path": clean, "locale": rules.check_locale(locale)}
        page = self._gql.read(
            _GET_PAGE_BY_PATH.document, "GetPageByPath", variables, complete_page_at_path
        )
        return found(page, f"page {locale}/{clean}")

    def search(
        self, query: str, limit: int | None = None, locale: str | None = None
    ) -> builtins.list[Page]:
        """Published pages whose title, description or path contain `query` (Wiki.js's search
        engine decides; the built-in one does not look at content), best match first."""
        text = rules.check_non_empty(query, "query")
        wanted = rules.check_limit(limit)
        listing = PageListing.build(locale=locale)
        # One round trip: the search hits, and the listing that completes them (tags, dates).
        outcomes = self._engine.execute_many(
            [
                prepared(lambda gql: gql.search_pages(query=text, locale=listing.locale or UNSET)),
                prepared(lambda gql: gql.list_pages(**list_args(listing, None))),
            ]
        )
        from wikijs_graphql.search_pages import SearchPages

        hits = read_outcome(outcomes[0], self._gql.get_data, SearchPages)
        listed = {page.id: page for page in self._pages_of(outcomes[1])}
        found_ids = [int(hit.id) for hit in present(hits.pages, "pages").search.results if hit]
        pages = [listed[page_id] for page_id in found_ids if page_id in listed]
        return pages[:wanted]

    def get_by_tags(
        self, tags: Sequence[str], match_all: bool = True, limit: int | None = None
    ) -> builtins.list[Page]:
        """Pages that carry all of `tags` (any of them with `match_all=False`)."""
        if isinstance(tags, str) or not tags:
            raise ValidationError("tags must be a non-empty list of strings", field="tags")
        return self.list(limit=limit, tags=tags, match_all=match_all)

    def get_many(self, page_ids: Iterable[int]) -> builtins.list[Page]:
        """The complete pages, in order, read in as few requests as possible.

        BatchError when any is missing; its `result` still holds the pages that were read.
        """
        result = self.try_get_many(page_ids)
        return result.unwrap()

    def try_get_many(self, page_ids: Iterable[int]) -> BatchResult[Page]:
        """Like `get_many`, but every item's outcome is returned instead of raising."""
        ids = [rules.check_id(i, "page_ids") for i in rules.check_items(page_ids, "page_ids")]
        outcomes = self._engine.execute_many([_get_request(i) for i in ids])
        return collect(ids, outcomes, self._page_of)

    def try_get_schedules(self, page_ids: Iterable[int]) -> BatchResult[PageSchedule]:
        """Each page's tags and publish window with its version, without its content: what
        decides whether an audience may view it, read as `try_get_many` reads pages (batched,
        cached) for a fraction of the bytes."""
        ids = [rules.check_id(i, "page_ids") for i in rules.check_items(page_ids, "page_ids")]
        outcomes = self._engine.execute_many([_schedule_request(i) for i in ids])
        return collect(ids, outcomes, self._schedule_of)

    # Writes.

    def create(self, page_data: PageCreate | Mapping[str, object]) -> Page:
        """Create a page and return it complete, as stored (tags lowercased, path trimmed).

        DuplicatePathError when a page already exists at that locale and path;
        WriteOutcomeUnknownError when the answer was lost and it cannot be told whether the
        page was stored; PartialWriteError (with the page's id) when it was stored but could
        not be completed.
        """
        return self._writes.create(PageCreate.coerce(page_data))

    def update(self, page_id: int, page_data: PageUpdate | Mapping[str, object]) -> Page:
        """Change the given fields and keep everything else; returns the complete page.

        Wiki.js resets or half-writes whatever an update leaves out, so the current page is
        read first and sent back whole with the changes. A new `path` (and `locale`) moves
        the page; DuplicatePathError, before anything is written, when that path is taken.
        """
        rules.check_id(page_id, "page_id")
        update = PageUpdate.coerce(page_data)
        # Fresh from the server: sending a stale cached state back would undo others' edits.
        current = self._gql.get_page(id=page_id, cache="network-only")
        page = Page.from_fields(found(present(current.pages, "pages").single, f"page {page_id}"))
        if not update.changes():
            return page
        args = update_args(page, update)
        # Wiki.js would save the content first and only then refuse a move onto a taken path.
        checked = self._moves_allowed([page.id], [args], [page])
        [allowed] = checked.outcomes
        if isinstance(allowed, BatchFailure):
            raise allowed.error
        return self._writes.update(allowed, page)

    def delete(self, page_id: int) -> bool:
        """Delete a page (and its comments). NotFoundError when there is none with this id."""
        rules.check_id(page_id, "page_id")
        self._writes.delete(page_id)
        return True

    def create_many(
        self, pages_data: Iterable[PageCreate | Mapping[str, object]]
    ) -> builtins.list[Page]:
        """Create every page (one at a time) and return them complete, in order.

        A failure does not stop the others: BatchError then reports every success and every
        failure (its `result`); `try_create_many` returns that result instead.
        """
        result = self.try_create_many(pages_data)
        return result.unwrap()

    def try_create_many(
        self, pages_data: Iterable[PageCreate | Mapping[str, object]]
    ) -> BatchResult[Page]:
        data = [PageCreate.coerce(item) for item in rules.check_items(pages_data, "pages_data")]
        results: builtins.list[Page | BatchFailure] = []
        for index, item in enumerate(data):
            try:
                results.append(self._writes.create(item))
            except WikiJSError as error:
                results.append(BatchFailure(index, f"{item.locale}/{item.path}", error))
        return BatchResult(results)

    def update_many(self, updates: Iterable[Mapping[str, object]]) -> builtins.list[Page]:
        """Apply `{"id": ..., <fields to change>}` updates and return the complete pages.

        Like `create_many`: BatchError with every outcome when any fails.
        """
        result = self.try_update_many(updates)
        return result.unwrap()

    def try_update_many(self, updates: Iterable[Mapping[str, object]]) -> BatchResult[Page]:
        checked: builtins.list[tuple[int, PageUpdate]] = []
        for item in rules.check_items(updates, "updates"):
            if not isinstance(item, Mapping) or "id" not in item:
                raise ValidationError("each update must be a dict with an 'id'", field="id")
            fields = {name: value for name, value in item.items() if name != "id"}
            checked.append((rules.check_id(item["id"], "id"), PageUpdate.coerce(fields)))
        keys: builtins.list[int | str] = [page_id for page_id, _ in checked]
        # Current states in one round trip, fresh from the server.
        current = self._engine.execute_many(
            [_get_request(page_id, fresh=True) for page_id, _ in checked]
        )
        read = collect(keys, current, self._page_of)
        planned = [update_args(page, update) for page, (_, update) in _zip_read(read, checked)]
        allowed = chain(keys, read, self._moves_allowed(keys, planned, read.succeeded))
        pages = {page.id: page for page in read.succeeded}
        known = {tag for page in read.succeeded for tag in rules.normalize_tags(page.tags)}
        args = allowed.succeeded
        results: dict[int, Page | WikiJSError] = {}
        # Plain updates overlap; the others take turns (in the engine too), in order.
        plain = [i for i, a in enumerate(args) if _plain_update(a, pages[a["id"]], known)]
        written = self._engine.execute_many(
            [_update_request(args[i]) for i in plain],
            chunk_size=1,
            concurrency=WRITE_CONCURRENCY,
            may_overlap=True,
        )
        landed = []
        for i, outcome in zip(plain, written, strict=True):
            settled = self._settled_update(args[i], pages[args[i]["id"]], outcome)
            if settled is None:
                landed.append(i)
            else:
                results[i] = settled
        # Read back what landed in one round trip; a failed read does not undo the write.
        reread = self.try_get_many([args[i]["id"] for i in landed])
        for i, again in zip(landed, reread.outcomes, strict=True):
            results[i] = (
                again if isinstance(again, Page) else as_sent(pages[args[i]["id"]], args[i])
            )
        for i, a in enumerate(args):
            if i not in results:
                try:
                    results[i] = self._writes.update(a, pages[a["id"]])
                except WikiJSError as error:
                    results[i] = error
        updated = BatchResult(
            [
                BatchFailure(i, a["id"], r) if isinstance(r := results[i], WikiJSError) else r
                for i, a in enumerate(args)
            ]
        )
        return chain(keys, allowed, updated)

    def _settled_update(
        self, args: UpdatePageArgs, current: Page, outcome: Outcome
    ) -> Page | WikiJSError | None:
        """A plain update's outcome from its batch answer: None when it succeeded (it is
        read back with the others), else what reading back found, or the failure."""
        try:
            self._check_update(outcome)
        except WikiJSError as error:
            try:
                return self._writes.settle_update(args, current, error)
            except WikiJSError as settled:
                return settled
        return None

    def delete_many(self, page_ids: Iterable[int]) -> DeleteSummary:
        """Delete every page (one at a time). Returns the SDK's summary:
        `{"successful": n, "failed": m, "errors": [{"page_id": id, "error": message}]}`;
        `try_delete_many` returns every outcome typed instead."""
        result = self.try_delete_many(page_ids)
        return {
            "successful": len(result.succeeded),
            "failed": len(result.failed),
            "errors": [{"page_id": f.key, "error": str(f.error)} for f in result.failed],
        }

    def try_delete_many(self, page_ids: Iterable[int]) -> BatchResult[int]:
        ids = [rules.check_id(i, "page_ids") for i in rules.check_items(page_ids, "page_ids")]
        results: builtins.list[int | BatchFailure] = []
        for index, page_id in enumerate(ids):
            try:
                self._writes.delete(page_id)
            except WikiJSError as error:
                results.append(BatchFailure(index, page_id, error))
            else:
                results.append(page_id)
        return BatchResult(results)

    def _moves_allowed(
        self, keys: Sequence[int | str], planned: Sequence[UpdatePageArgs], pages: Sequence[Page]
    ) -> BatchResult[UpdatePageArgs]:
        """The planned updates, except those that would move a page onto a taken path
        (DuplicatePathError): Wiki.js would save their content and then refuse the move."""
        moving = [
            index
            for index, (args, page) in enumerate(zip(planned, pages, strict=True))
            if (args["locale"], args["path"]) != (page.locale, page.path)
        ]
        outcomes = self._engine.execute_many([_by_path_request(planned[index]) for index in moving])
        blocked = {
            index: error
            for index, outcome in zip(moving, outcomes, strict=True)
            if (error := self._collision(outcome, planned[index])) is not None
        }
        return BatchResult(
            [
                BatchFailure(index, keys[index], blocked[index]) if index in blocked else args
                for index, args in enumerate(planned)
            ]
        )

    def _collision(self, outcome: Outcome, args: UpdatePageArgs) -> WikiJSError | None:
        """Why the page cannot move to `args`' path, or None when the path is free."""
        from wikijs_graphql.get_page_by_path import GetPageByPath

        try:
            taken = read_outcome(outcome, self._gql.get_data, GetPageByPath)
        except NotFoundError:
            return None
        except WikiJSError as error:
            return error
        if present(taken.pages, "pages").single_by_path is None:
            return None
        return DuplicatePathError(
            f"a page already exists at {args['locale']}/{args['path']}",
            error_code=PATH_COLLISION,
            slug="PagePathCollision",
        )

    # Listing machinery.

    def _list_items(
        self, listing: PageListing, rows: int | None
    ) -> builtins.list[PageListItemFields]:
        result = self._gql.list_pages(**list_args(listing, rows))
        return present(result.pages, "pages").list_

    def _listed(self, listing: PageListing) -> builtins.list[Page]:
        """The ordered listing the window is cut from: complete pages, each with all its tags."""
        rows = listing.first_rows()
        if rows is not None:
            first = self._list_items(listing, rows)
            pages = listing.complete(first, rows)
            if pages is not None:
                return pages
        return [Page.from_list_item(item) for item in self._list_items(listing, None)]

    # Converting one batch item.

    def _page_of(self, outcome: Outcome) -> Page:
        from wikijs_graphql.get_page import GetPage

        result = read_outcome(outcome, self._gql.get_data, GetPage)
        return Page.from_fields(found(present(result.pages, "pages").single, "the page"))

    def _schedule_of(self, outcome: Outcome) -> PageSchedule:
        from wikijs_graphql.get_page_schedule import GetPageSchedule

        from wikijs_typed.query._audience import PageSchedule, PublishWindow

        result = read_outcome(outcome, self._gql.get_data, GetPageSchedule)
        page = found(present(result.pages, "pages").single, "the page")
        tags = tuple(tag.tag for tag in page.tags if tag is not None)
        window = PublishWindow(page.publish_start_date, page.publish_end_date)
        return PageSchedule(page.id, page.updated_at, tags, window)

    def _pages_of(self, outcome: Outcome) -> builtins.list[Page]:
        from wikijs_graphql.list_pages import ListPages

        result = read_outcome(outcome, self._gql.get_data, ListPages)
        return [Page.from_list_item(item) for item in present(result.pages, "pages").list_]

    def _check_update(self, outcome: Outcome) -> None:
        from wikijs_graphql.update_page import UpdatePage

        result = read_outcome(outcome, self._gql.get_data, UpdatePage)
        check_field(result.pages, lambda pages: pages.update, "pages.update")


def _get_request(page_id: int, *, fresh: bool = False) -> GraphQLRequest:
    if fresh:
        return prepared(lambda gql: gql.get_page(id=page_id, cache="network-only"))
    return prepared(lambda gql: gql.get_page(id=page_id))


def _schedule_request(page_id: int) -> GraphQLRequest:
    return prepared(lambda gql: gql.get_page_schedule(id=page_id))


def _by_path_request(args: UpdatePageArgs) -> GraphQLRequest:
    return prepared(
        lambda gql: gql.get_page_by_path(
            path=args["path"], locale=args["locale"], cache="network-only"
        )
    )


def _update_request(args: UpdatePageArgs) -> GraphQLRequest:
    return prepared(lambda gql: gql.update_page(**args))


def _plain_update(args: UpdatePageArgs, current: Page, known: set[str]) -> bool:
    """An update that neither moves the page nor may create a tag: it cannot collide."""
    if (args["locale"], args["path"]) != (current.locale, current.path):
        return False
    tags = rules.normalize_tags([tag for tag in args["tags"] if tag is not None])
    return set(tags) <= known


def _zip_read(
    read: BatchResult[Page], checked: Sequence[tuple[int, PageUpdate]]
) -> list[tuple[Page, tuple[int, PageUpdate]]]:
    """The pages that were read, each with its requested update."""
    return [
        (outcome, item)
        for outcome, item in zip(read.outcomes, checked, strict=True)
        if isinstance(outcome, Page)
    ]
