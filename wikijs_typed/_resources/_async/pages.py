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
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from wikijs_graphql import requests
from wikijs_graphql.base_model import UNSET
from wikijs_graphql.operations import OPERATIONS

from wikijs_typed._pipeline.engine import Reads
from wikijs_typed._pipeline.operation import GraphQLRequest
from wikijs_typed._resources._async.base import AsyncResource
from wikijs_typed._resources._async.page_writes import AsyncPageWrites
from wikijs_typed._resources.sansio.pages import (
    PageListing,
    UpdatePageArgs,
    complete_page,
    complete_page_at_path,
    list_args,
    list_variables,
    page_of,
    schedule_of,
    update_args,
)
from wikijs_typed._resources.sansio.shared import (
    Outcome,
    chain,
    collect,
    found,
    gathered,
    present,
)
from wikijs_typed._resources.sansio.write_outcomes import as_sent
from wikijs_typed.exceptions import (
    DuplicatePathError,
    NotFoundError,
    ValidationError,
    WikiJSError,
)
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._batch import BatchFailure, BatchResult, DeleteSummary
from wikijs_typed.models._page import Page, PageCreate, PageUpdate

# Each method imports the generated result model it reads where it reads it: a first `get`
# loads the `get_page` module alone, not the models of every pages operation.
if TYPE_CHECKING:
    from wikijs_graphql import AsyncGraphQLClient
    from wikijs_graphql.fragments import PageListItemFields

    from wikijs_typed._pipeline._async.engine import (
        AsyncEngine,
        AsyncStampedRead,
        AsyncStampedReads,
    )
    from wikijs_typed.query._async.pages import AsyncPageQuery
    from wikijs_typed.query._audience import PageSchedule

__all__ = ["AsyncPagesResource"]

# Read through `read` (cache hits skip the request and the validation): the generated documents.
_GET_PAGE = OPERATIONS["GetPage"]
_GET_PAGE_BY_PATH = OPERATIONS["GetPageByPath"]
# Batched reads of these build requests only for what the cache does not answer (`Reads`).
_GET_PAGE_SCHEDULE = OPERATIONS["GetPageSchedule"]
_LIST_PAGES = OPERATIONS["ListPages"]
# Plain content updates (no move, no new tag) cannot collide: a few at a time.
WRITE_CONCURRENCY = 4
# Wiki.js's code for a move onto a taken path.
PATH_COLLISION = 6006


class AsyncPagesResource(AsyncResource):
    """Pages: list, read, search, create, update, delete, one at a time or in batches.

    Reached as `client.pages`. Any call can also raise AuthenticationError (the credentials are
    refused), ForbiddenError (they lack a permission on the page), WikiJSConnectionError or
    WikiJSTimeoutError (the server cannot be reached in time), and another APIError when the
    server fails.

    Args:
        gql: The generated client the calls go through; it leaves a failed mutation's status to
            the resource, which needs the answer to tell what the write did.
        engine: The client's pipeline (cache, retries, batching), for batches of requests.
    """

    def __init__(self, gql: AsyncGraphQLClient, engine: AsyncEngine) -> None:
        super().__init__(gql, engine)
        self._writes = AsyncPageWrites(gql)

    # Reads.

    def query(self, site_url: str | None = None) -> AsyncPageQuery:
        """The content query over pages: filters, tree, search, order, fields, windows.

        Args:
            site_url: The wiki's address as readers know it, which each page's `html_url` starts
                with (default: the address this client talks to, which may be an internal one).

        Returns:
            A query over every page; nothing is sent until it is run.

        Raises:
            ValidationError: `site_url` is not an http(s) address without query or fragment.
        """
        from wikijs_typed.query._async.pages import AsyncPageQuery  # loaded when first queried

        return AsyncPageQuery(self, rules.check_site_url(site_url, str(self._engine.base_url)))

    async def list(
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

        Exactly the pages asked for come back, each with all its tags, but without content (`get`
        reads that).

        Args:
            limit: At most this many pages (positive); None: all of them.
            offset: How many pages of the filtered, ordered list to skip (0 or more).
            search: Text the title, path or description must contain, ignoring case.
            tags: Tags a page must carry, compared trimmed and lowercased: all of them, or any of
                them with `match_all=False`.
            locale: Only pages in this locale (`en`, `pt-br`); None or "": every locale.
            author_id: Only pages this user edited last (a positive id); Wiki.js combines it with
                `creator_id` by OR.
            order_by: title, path, created_at, updated_at or id; None: Wiki.js's own order.
            order_direction: ASC or DESC.
            match_all: Whether a page must carry every one of `tags`, or one is enough.
            creator_id: Only pages this user created (a positive id).
            server_tags: Tags Wiki.js itself filters on, all required: fewer pages to transfer, but
                each page it lists then carries only the matched tags.

        Returns:
            The pages, in the order asked for.

        Raises:
            ValidationError: An argument breaks the rules above (nothing is sent).
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
        return listing.window(await self._listed(listing))

    async def listing_stamp(
        self,
        *,
        locale: str | None = None,
        author_id: int | None = None,
        order_by: str | None = None,
        order_direction: str | None = None,
        creator_id: int | None = None,
        server_tags: Sequence[str] | None = None,
    ) -> str | None:
        """The cache's stamp of the listing `list` reads with these arguments and no limit.

        The stamp is unchanged exactly while that cached listing is, so what was derived from the
        listing (the content query's index) stays current without reading it again.

        Args:
            locale: As for `list`.
            author_id: As for `list`.
            order_by: As for `list`.
            order_direction: As for `list`.
            creator_id: As for `list`.
            server_tags: As for `list`.

        Returns:
            The stamp, or None when the listing is not cached or the cache cannot tell.

        Raises:
            ValidationError: An argument breaks `list`'s rules.
        """
        return await self.stamped_listing(
            locale=locale,
            author_id=author_id,
            order_by=order_by,
            order_direction=order_direction,
            creator_id=creator_id,
            server_tags=server_tags,
        ).stamp()

    def stamped_listing(
        self,
        *,
        locale: str | None = None,
        author_id: int | None = None,
        order_by: str | None = None,
        order_direction: str | None = None,
        creator_id: int | None = None,
        server_tags: Sequence[str] | None = None,
    ) -> AsyncStampedRead:
        """`listing_stamp` for one set of arguments, to be asked again and again.

        The arguments are checked once and the cache key found once per caller identity;
        each `stamp()` asks the cache for the entry's current stamp, as `listing_stamp` does.

        Args:
            locale: As for `list`.
            author_id: As for `list`.
            order_by: As for `list`.
            order_direction: As for `list`.
            creator_id: As for `list`.
            server_tags: As for `list`.

        Returns:
            What tells the listing's stamp on each `stamp()`.

        Raises:
            ValidationError: An argument breaks `list`'s rules.
        """
        listing = PageListing.build(
            locale=locale,
            author_id=author_id,
            creator_id=creator_id,
            server_tags=server_tags,
            order_by=order_by,
            order_direction=order_direction,
        )
        variables = list_variables(listing, None)
        return self._engine.stamped_read(self._gql, _LIST_PAGES, variables)

    async def iter_all(
        self,
        *,
        locale: str | None = None,
        with_content: bool = False,
        batch_size: int = 50,
    ) -> AsyncIterator[Page]:
        """Every page, lazily, in Wiki.js's order.

        The listing is read at once; with `with_content=True` the complete pages are read as the
        iteration goes. A page deleted since the listing is skipped, not an error.

        Args:
            locale: Only pages in this locale; None: every locale.
            with_content: Whether to read each complete page (content, rendering, scripts).
            batch_size: Complete pages per request (positive), with `with_content=True`.

        Yields:
            Each page: listed (no content), or complete with `with_content=True`.

        Raises:
            ValidationError: `batch_size` is not a positive integer, or `locale` not a
                locale code.
        """
        rules.check_id(batch_size, "batch_size")
        listing = PageListing.build(locale=locale)
        pages = await self._listed(listing)
        if not with_content:
            for page in pages:
                yield page
            return
        for start in range(0, len(pages), batch_size):
            ids = [page.id for page in pages[start : start + batch_size]]
            batch = await self.try_get_many(ids)
            # A page deleted since the listing is skipped, not an error.
            for complete in batch.succeeded:
                yield complete

    async def get(self, page_id: int) -> Page:
        """The complete page with this id.

        Args:
            page_id: The page's id (a positive integer).

        Returns:
            The page with its content, tags and every field Wiki.js keeps.

        Raises:
            ValidationError: `page_id` is not a positive integer (nothing is sent).
            NotFoundError: There is no page with this id.
        """
        rules.check_id(page_id, "page_id")
        page = await self._gql.read(_GET_PAGE, {"id": page_id}, complete_page)
        if page is None:  # the message is made only when it is needed: a hit is hot
            raise NotFoundError(f"page {page_id} does not exist")
        return page

    def stamped_pages(self) -> AsyncStampedReads:
        """The stamps of pages' cached reads (what `get` and `get_many` read), many at once.

        Each page's cache key is found once per caller identity; each `stamps(ids)` asks the
        cache for the current stamps of those pages' entries together (see
        `BaseCache.stamp`): a store, an invalidation or an expiry of a page's entry changes
        its stamp.

        Returns:
            What tells the stamps of any pages' reads, on each `stamps(page_ids)`.
        """
        return self._engine.stamped_reads(self._gql, _GET_PAGE)

    async def get_by_path(self, path: str, locale: str = "en") -> Page:
        """The complete page at a path.

        Args:
            path: The page's path (`docs/setup`); a leading or trailing `/` is fine, a dot, space,
                backslash, `//`, `?`, `#` or control character is not.
            locale: The page's locale code (`en`, `pt-br`).

        Returns:
            The page with its content, tags and every field Wiki.js keeps.

        Raises:
            ValidationError: `path` or `locale` breaks the rules above (nothing is sent).
            NotFoundError: There is no page at that path in that locale.
        """
        clean = rules.check_page_path(path)
        variables = {"path": clean, "locale": rules.check_locale(locale)}
        page = await self._gql.read(_GET_PAGE_BY_PATH, variables, complete_page_at_path)
        return found(page, f"page {locale}/{clean}")

    async def search(
        self, query: str, limit: int | None = None, locale: str | None = None
    ) -> builtins.list[Page]:
        """Published pages that match `query`, best match first, in one round trip.

        Wiki.js's search engine decides what matches; the built-in one looks at title, description
        and path, not at content. Each hit comes with its tags and dates, like a listed page.

        Args:
            query: The text to look for (not empty).
            limit: At most this many pages (positive); None: every hit.
            locale: Only pages in this locale; None: every locale.

        Returns:
            The matching pages, without content.

        Raises:
            ValidationError: `query` is empty, `limit` not positive, or `locale` not a locale code.
        """
        text = rules.check_non_empty(query, "query")
        wanted = rules.check_limit(limit)
        listing = PageListing.build(locale=locale)
        # One round trip: the search hits, and the listing that completes them (tags, dates).
        outcomes = await self._engine.execute_many(
            [
                requests.search_pages(query=text, locale=listing.locale or UNSET),
                requests.list_pages(**list_args(listing, None)),
            ]
        )
        hits = requests.parse_search_pages(outcomes[0])
        listed = {page.id: page for page in self._pages_of(outcomes[1])}
        found_ids = [int(hit.id) for hit in present(hits.pages, "pages").search.results if hit]
        pages = [listed[page_id] for page_id in found_ids if page_id in listed]
        return pages[:wanted]

    async def get_by_tags(
        self, tags: Sequence[str], match_all: bool = True, limit: int | None = None
    ) -> builtins.list[Page]:
        """Pages that carry all of `tags` (any of them with `match_all=False`).

        Args:
            tags: The tags (a non-empty list), compared trimmed and lowercased.
            match_all: Whether a page must carry every tag, or one is enough.
            limit: At most this many pages (positive); None: all of them.

        Returns:
            The pages, without content.

        Raises:
            ValidationError: `tags` is a string or empty, or `limit` is not positive.
        """
        if isinstance(tags, str) or not tags:
            raise ValidationError("tags must be a non-empty list of strings", field="tags")
        return await self.list(limit=limit, tags=tags, match_all=match_all)

    async def get_many(self, page_ids: Iterable[int]) -> builtins.list[Page]:
        """The complete pages with these ids, in order, read in as few requests as possible.

        Args:
            page_ids: The pages' ids (positive integers), as a list, tuple, set or generator.

        Returns:
            The pages, in the order of `page_ids`.

        Raises:
            ValidationError: `page_ids` is not a list of positive integers (nothing is sent).
            BatchError: A page could not be read; its `result` still holds the pages that were.
        """
        result = await self.try_get_many(page_ids)
        return result.unwrap()

    async def try_get_many(self, page_ids: Iterable[int]) -> BatchResult[Page]:
        """Like `get_many`, but every item's outcome is returned instead of raising.

        Args:
            page_ids: The pages' ids (positive integers), as a list, tuple, set or generator.

        Returns:
            A BatchResult in the order of `page_ids`: each complete Page, or a BatchFailure with
            the id and its error (NotFoundError for a missing page).

        Raises:
            ValidationError: `page_ids` is not a list of positive integers (nothing is sent).
        """
        ids = [rules.check_id(i, "page_ids") for i in rules.check_items(page_ids, "page_ids")]
        reads = Reads(_GET_PAGE, [{"id": i} for i in ids], UNSET)
        pages = await self._engine.execute_converted(reads, page_of, pure=True)
        return gathered(ids, pages)

    async def try_get_schedules(self, page_ids: Iterable[int]) -> BatchResult[PageSchedule]:
        """Each page's tags and publish window with its version, without its content.

        That is what decides whether an audience may view a page, read as `try_get_many` reads
        pages (batched, cached) for a fraction of the bytes.

        Args:
            page_ids: The pages' ids (positive integers), as a list, tuple, set or generator.

        Returns:
            A BatchResult in the order of `page_ids`: each page's PageSchedule, or a BatchFailure
            with the id and its error.

        Raises:
            ValidationError: `page_ids` is not a list of positive integers (nothing is sent).
        """
        ids = [rules.check_id(i, "page_ids") for i in rules.check_items(page_ids, "page_ids")]
        reads = Reads(_GET_PAGE_SCHEDULE, [{"id": i} for i in ids], UNSET)
        schedules = await self._engine.execute_converted(reads, schedule_of, pure=True)
        return gathered(ids, schedules)

    # Writes.

    async def create(self, page_data: PageCreate | Mapping[str, object]) -> Page:
        """Create a page and return it complete, as stored (tags lowercased, path trimmed).

        Args:
            page_data: A PageCreate, or a dict of its fields: `title`, `path` and `content` are
                required; the path follows `get_by_path`'s rules, the editor is one Wiki.js ships.

        Returns:
            The new page, read back (the page as sent when reading it back fails).

        Raises:
            ValidationError: `page_data` is not a PageCreate or breaks its rules (nothing is sent).
            DuplicatePathError: A page already exists at that locale and path.
            OperationFailedError: Wiki.js refused the page for another reason.
            WriteOutcomeUnknownError: The answer was lost and reading back cannot tell whether the
                page was stored.
            PartialWriteError: The page was stored (its id is on the error) but could not be
                completed.
        """
        return await self._writes.create(PageCreate.coerce(page_data))

    async def update(self, page_id: int, page_data: PageUpdate | Mapping[str, object]) -> Page:
        """Change the given fields and keep everything else; returns the complete page.

        Wiki.js resets or half-writes whatever an update leaves out, so the current page is read
        first (fresh, not from the cache) and sent back whole with the changes. A new `path` (and
        `locale`) moves the page.

        Args:
            page_id: The page's id (a positive integer).
            page_data: A PageUpdate, or a dict of the fields to change (None or left out: kept).

        Returns:
            The page as stored after the update (unchanged when nothing was asked to change).

        Raises:
            ValidationError: An argument breaks the page rules (nothing is sent).
            NotFoundError: There is no page with this id.
            DuplicatePathError: The page would move onto a path that is taken (checked before
                anything is written).
            OperationFailedError: Wiki.js refused the update.
            WriteOutcomeUnknownError: The answer was lost and reading back cannot tell what was
                stored.
            PartialWriteError: Part of the update was stored and the rest could not be sent.
        """
        rules.check_id(page_id, "page_id")
        update = PageUpdate.coerce(page_data)
        # Fresh from the server: sending a stale cached state back would undo others' edits.
        current = await self._gql.get_page(id=page_id, cache="network-only")
        page = Page.from_fields(found(present(current.pages, "pages").single, f"page {page_id}"))
        if not update.changes():
            return page
        args = update_args(page, update)
        # Wiki.js would save the content first and only then refuse a move onto a taken path.
        checked = await self._moves_allowed([page.id], [args], [page])
        [allowed] = checked.outcomes
        if isinstance(allowed, BatchFailure):
            raise allowed.error
        return await self._writes.update(allowed, page)

    async def delete(self, page_id: int) -> bool:
        """Delete a page, with its comments.

        Args:
            page_id: The page's id (a positive integer).

        Returns:
            True once the page is gone.

        Raises:
            ValidationError: `page_id` is not a positive integer (nothing is sent).
            NotFoundError: There is no page with this id.
            OperationFailedError: Wiki.js refused the delete.
            WriteOutcomeUnknownError: The answer was lost and the page was still there when read
                back: the server may yet delete it.
        """
        rules.check_id(page_id, "page_id")
        await self._writes.delete(page_id)
        return True

    async def create_many(
        self, pages_data: Iterable[PageCreate | Mapping[str, object]]
    ) -> builtins.list[Page]:
        """Create every page, one at a time, and return them complete, in order.

        A failure does not stop the others; `try_create_many` returns every outcome instead.

        Args:
            pages_data: PageCreate objects or dicts of their fields, as for `create`.

        Returns:
            The new pages, in the order of `pages_data`.

        Raises:
            ValidationError: An item is not a PageCreate or breaks its rules (nothing is sent).
            BatchError: A page could not be created; its `result` holds every success and failure.
        """
        result = await self.try_create_many(pages_data)
        return result.unwrap()

    async def try_create_many(
        self, pages_data: Iterable[PageCreate | Mapping[str, object]]
    ) -> BatchResult[Page]:
        """Like `create_many`, but every item's outcome is returned instead of raising.

        Args:
            pages_data: PageCreate objects or dicts of their fields, as for `create`.

        Returns:
            A BatchResult in the order of `pages_data`: each new Page, or a BatchFailure keyed by
            `locale/path` with the error `create` would have raised.

        Raises:
            ValidationError: An item is not a PageCreate or breaks its rules (nothing is sent).
        """
        data = [PageCreate.coerce(item) for item in rules.check_items(pages_data, "pages_data")]
        results: builtins.list[Page | BatchFailure] = []
        for index, item in enumerate(data):
            try:
                results.append(await self._writes.create(item))
            except WikiJSError as error:
                results.append(BatchFailure(index, f"{item.locale}/{item.path}", error))
        return BatchResult(results)

    async def update_many(self, updates: Iterable[Mapping[str, object]]) -> builtins.list[Page]:
        """Apply `{"id": ..., <fields to change>}` updates and return the complete pages.

        Plain content updates run a few at a time; moves and updates that may add a new tag take
        turns, in order.

        Args:
            updates: Dicts, each with the page's `id` and the PageUpdate fields to change.

        Returns:
            The pages as stored after the updates, in the order of `updates`.

        Raises:
            ValidationError: An item has no `id` or breaks the page rules (nothing is sent).
            BatchError: An update failed; its `result` holds every success and failure.
        """
        result = await self.try_update_many(updates)
        return result.unwrap()

    async def try_update_many(self, updates: Iterable[Mapping[str, object]]) -> BatchResult[Page]:
        """Like `update_many`, but every item's outcome is returned instead of raising.

        Args:
            updates: Dicts, each with the page's `id` and the PageUpdate fields to change.

        Returns:
            A BatchResult in the order of `updates`: each updated Page, or a BatchFailure keyed
            by the page's id with the error `update` would have raised.

        Raises:
            ValidationError: An item has no `id` or breaks the page rules (nothing is sent).
        """
        checked: builtins.list[tuple[int, PageUpdate]] = []
        for item in rules.check_items(updates, "updates"):
            if not isinstance(item, Mapping) or "id" not in item:
                raise ValidationError("each update must be a dict with an 'id'", field="id")
            fields = {name: value for name, value in item.items() if name != "id"}
            checked.append((rules.check_id(item["id"], "id"), PageUpdate.coerce(fields)))
        keys: builtins.list[int | str] = [page_id for page_id, _ in checked]
        # Current states in one round trip, fresh from the server.
        current = await self._engine.execute_many(
            [_get_request(page_id, fresh=True) for page_id, _ in checked]
        )
        read = collect(keys, current, page_of)
        planned = [update_args(page, update) for page, (_, update) in _zip_read(read, checked)]
        allowed = chain(keys, read, await self._moves_allowed(keys, planned, read.succeeded))
        pages = {page.id: page for page in read.succeeded}
        known = {tag for page in read.succeeded for tag in rules.normalize_tags(page.tags)}
        args = allowed.succeeded
        results: dict[int, Page | WikiJSError] = {}
        # Plain updates overlap; the others take turns (in the engine too), in order.
        plain = [i for i, a in enumerate(args) if _plain_update(a, pages[a["id"]], known)]
        written = await self._engine.execute_many(
            [requests.update_page(**args[i]) for i in plain],
            chunk_size=1,
            concurrency=WRITE_CONCURRENCY,
            may_overlap=True,
        )
        landed = []
        for i, outcome in zip(plain, written, strict=True):
            settled = await self._settled_update(args[i], pages[args[i]["id"]], outcome)
            if settled is None:
                landed.append(i)
            else:
                results[i] = settled
        # Read back what landed in one round trip; a failed read does not undo the write.
        reread = await self.try_get_many([args[i]["id"] for i in landed])
        for i, again in zip(landed, reread.outcomes, strict=True):
            results[i] = (
                again if isinstance(again, Page) else as_sent(pages[args[i]["id"]], args[i])
            )
        for i, a in enumerate(args):
            if i not in results:
                try:
                    results[i] = await self._writes.update(a, pages[a["id"]])
                except WikiJSError as error:
                    results[i] = error
        updated = BatchResult(
            [
                BatchFailure(i, a["id"], r) if isinstance(r := results[i], WikiJSError) else r
                for i, a in enumerate(args)
            ]
        )
        return chain(keys, allowed, updated)

    async def _settled_update(
        self, args: UpdatePageArgs, current: Page, outcome: Outcome
    ) -> Page | WikiJSError | None:
        """A plain update's outcome from its batch answer.

        Returns:
            None when it succeeded (it is read back with the others), else what reading back
            found, or the failure.
        """
        try:
            # The typed error of a failed answer, as the single update raises it.
            requests.parse_update_page(outcome)
        except WikiJSError as error:
            try:
                return await self._writes.settle_update(args, current, error)
            except WikiJSError as settled:
                return settled
        return None

    async def delete_many(self, page_ids: Iterable[int]) -> DeleteSummary:
        """Delete every page, one at a time; a failure does not stop the others.

        Args:
            page_ids: The pages' ids (positive integers), as a list, tuple, set or generator.

        Returns:
            The Wiki.js SDK's summary: `{"successful": n, "failed": m, "errors": [{"page_id": id,
            "error": message}]}`; `try_delete_many` returns every outcome typed instead.

        Raises:
            ValidationError: `page_ids` is not a list of positive integers (nothing is sent).
        """
        result = await self.try_delete_many(page_ids)
        return {
            "successful": len(result.succeeded),
            "failed": len(result.failed),
            "errors": [{"page_id": f.key, "error": str(f.error)} for f in result.failed],
        }

    async def try_delete_many(self, page_ids: Iterable[int]) -> BatchResult[int]:
        """Delete every page, one at a time, and return every item's outcome.

        Args:
            page_ids: The pages' ids (positive integers), as a list, tuple, set or generator.

        Returns:
            A BatchResult in the order of `page_ids`: each deleted page's id, or a BatchFailure
            with the id and the error `delete` would have raised.

        Raises:
            ValidationError: `page_ids` is not a list of positive integers (nothing is sent).
        """
        ids = [rules.check_id(i, "page_ids") for i in rules.check_items(page_ids, "page_ids")]
        results: builtins.list[int | BatchFailure] = []
        for index, page_id in enumerate(ids):
            try:
                await self._writes.delete(page_id)
            except WikiJSError as error:
                results.append(BatchFailure(index, page_id, error))
            else:
                results.append(page_id)
        return BatchResult(results)

    async def _moves_allowed(
        self,
        keys: Sequence[int | str],
        planned: Sequence[UpdatePageArgs],
        pages: Sequence[Page],
    ) -> BatchResult[UpdatePageArgs]:
        """The planned updates, except those that would move a page onto a taken path.

        Those fail with DuplicatePathError: Wiki.js would save their content and only then refuse
        the move.
        """
        moving = [
            index
            for index, (args, page) in enumerate(zip(planned, pages, strict=True))
            if (args["locale"], args["path"]) != (page.locale, page.path)
        ]
        outcomes = await self._engine.execute_many(
            [
                requests.get_page_by_path(
                    path=planned[index]["path"],
                    locale=planned[index]["locale"],
                    cache="network-only",
                )
                for index in moving
            ]
        )
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
        try:
            taken = requests.parse_get_page_by_path(outcome)
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

    async def _list_items(
        self, listing: PageListing, rows: int | None
    ) -> builtins.list[PageListItemFields]:
        result = await self._gql.list_pages(**list_args(listing, rows))
        return present(result.pages, "pages").list_

    async def _listed(self, listing: PageListing) -> builtins.list[Page]:
        """The ordered listing the window is cut from: complete pages, each with all its tags."""
        rows = listing.first_rows()
        if rows is not None:
            first = await self._list_items(listing, rows)
            pages = listing.complete(first, rows)
            if pages is not None:
                return pages
        return [Page.from_list_item(item) for item in await self._list_items(listing, None)]

    # Converting one batch item.

    def _pages_of(self, outcome: Outcome) -> builtins.list[Page]:
        result = requests.parse_list_pages(outcome)
        return [Page.from_list_item(item) for item in present(result.pages, "pages").list_]


def _get_request(page_id: int, *, fresh: bool = False) -> GraphQLRequest:
    if fresh:
        return requests.get_page(id=page_id, cache="network-only")
    return requests.get_page(id=page_id)


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
