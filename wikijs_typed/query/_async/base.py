"""What every query evaluates the same way: slices, indexing, `fetch`, `first`, `exists`."""

from __future__ import annotations

from typing import Generic, TypeVar, overload

from wikijs_typed.query._chain import QueryChain
from wikijs_typed.query._errors import QueryError
from wikijs_typed.query._items import Item, Listing
from wikijs_typed.query._spec import QuerySpec
from wikijs_typed.query._wagtail import JSONObject, wagtail_json

__all__ = ["AsyncEvaluation"]

ItemT = TypeVar("ItemT", bound=Item)


class AsyncEvaluation(QueryChain, Generic[ItemT]):
    """The evaluation half every endpoint shares; each endpoint says how a window is read.

    Evaluating sends the requests the query needs (`explain()` says how many). Besides the
    QueryErrors listed, each evaluation can raise what the client's reads raise: ForbiddenError
    when the key may not read the endpoint, WikiJSConnectionError, WikiJSTimeoutError, ...
    """

    async def _listing(self, spec: QuerySpec) -> Listing[ItemT]:
        raise NotImplementedError

    async def count(self) -> int:
        """How many items match, whatever the window.

        Returns:
            The number of matches.

        Raises:
            QueryError: When a tree filter names a page id that does not exist.
        """
        raise NotImplementedError

    async def fetch(self) -> Listing[ItemT]:
        """The query's window (offset, limit) and the number of matches.

        Returns:
            The items of the window (20 unless a limit is set), and `total_count`, the
            number of matches.

        Raises:
            QueryError: When a tree filter names a page id that does not exist, or a field that
                has no nested fields is given some.
        """
        return await self._listing(self._spec)

    async def fetch_wagtail(self, base_url: str = "") -> JSONObject:
        """The query's window in Wagtail API v2's listing shape.

        The same JSON as `(await query.fetch()).to_wagtail(base_url)`; a query may make it
        without the items in between.

        Args:
            base_url: The API's root URL, which each item's `meta.detail_url` starts with;
                `""` makes them relative paths.

        Returns:
            A JSON-ready dict: `{"meta": {"total_count": n}, "items": [...]}`.

        Raises:
            QueryError: As `fetch` raises.
        """
        return (await self.fetch()).to_wagtail(base_url)

    async def detail(self, item_id: int, /) -> ItemT:
        raise NotImplementedError

    async def detail_wagtail(self, item_id: int, base_url: str = "", /) -> JSONObject:
        """One item in Wagtail API v2's detail shape.

        The same JSON as `(await query.detail(item_id)).to_wagtail(base_url)`; a query may
        make it without the item in between.

        Args:
            item_id: The item's id; a positive integer.
            base_url: The API's root URL, which `meta.detail_url` starts with; `""` makes it
                a relative path.

        Returns:
            A JSON-ready dict: `{"id": ..., "meta": {...}, ...}`.

        Raises:
            QueryError: As `detail` raises.
            NoMatchError: As `detail` raises.
        """
        return (await self.detail(item_id)).to_wagtail(base_url)

    async def detail_wagtail_json(self, item_id: int, base_url: str = "", /) -> bytes:
        """`detail_wagtail` as compact JSON: the bytes the content API serves.

        The standard library's bytes for the same body; a query may keep the JSON while what
        the item shows is unchanged.

        Args:
            item_id: As `detail_wagtail` takes it.
            base_url: As `detail_wagtail` takes it.

        Returns:
            The item as UTF-8 JSON.

        Raises:
            QueryError: As `detail` raises.
            NoMatchError: As `detail` raises.
        """
        return wagtail_json(await self.detail_wagtail(item_id, base_url))

    async def fetch_wagtail_json(self, base_url: str = "") -> bytes:
        """`fetch_wagtail` as compact JSON: the bytes the content API serves.

        The standard library's bytes for the same body (`separators=(",", ":")`, UTF-8); a
        query may keep the JSON of items it has shown while what they show is unchanged.

        Args:
            base_url: As `fetch_wagtail` takes it.

        Returns:
            The listing as UTF-8 JSON.

        Raises:
            QueryError: As `fetch` raises.
        """
        return wagtail_json(await self.fetch_wagtail(base_url))

    @overload
    async def __getitem__(self, index: slice) -> Listing[ItemT]: ...
    @overload
    async def __getitem__(self, index: int) -> ItemT: ...
    async def __getitem__(self, index: slice | int) -> Listing[ItemT] | ItemT:
        """`q[a:b]`: a window (`q[a:]` takes the default page size); `q[n]`: one item.

        Args:
            index: A slice without a step, or a non-negative integer.

        Returns:
            A listing for a slice, the item at that position for an integer.

        Raises:
            QueryError: When the index is negative, not an integer, or a slice with a step.
            IndexError: When an integer index is past the last match.
        """
        if isinstance(index, slice):
            return await self._listing(self._windowed(index))
        if isinstance(index, bool) or not isinstance(index, int) or index < 0:
            raise QueryError("a query is indexed by a non-negative integer", field="offset")
        listing = await self._listing(self._windowed(slice(index, index + 1)))
        if not listing.items:
            raise IndexError(f"the query has no item at {index}")
        return listing.items[0]

    async def first(self) -> ItemT | None:
        """The first match, in the query's order.

        Returns:
            The first item, or None when nothing matches.

        Raises:
            QueryError: When a tree filter names a page id that does not exist.
        """
        listing = await self._listing(self._spec.with_window(limit=1))
        return listing.items[0] if listing.items else None

    async def exists(self) -> bool:
        """Whether anything matches (costs what `count` costs).

        Returns:
            True when at least one item matches.

        Raises:
            QueryError: When a tree filter names a page id that does not exist.
        """
        return await self.count() > 0
