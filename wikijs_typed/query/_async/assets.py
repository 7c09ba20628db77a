"""`client.assets.images.query()` and `client.assets.documents.query()` (async source of the twin).

The same grammar as the pages' query over Wiki.js assets, across every folder: the folder tree
is walked by the assets resource (one batched request per depth); `in_folder(path)` keeps a
folder and everything below it. An image's `width` and `height` are read from its file's
header, downloaded only for the images that need them (see asset_plan.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Protocol, Self, TypeVar, Unpack

from wikijs_typed.models import _rules as rules
from wikijs_typed.models._asset import Asset
from wikijs_typed.query._asset_plan import (
    SIZE_FIELDS,
    AssetAdapter,
    build_asset_item,
    explain_assets,
    image_size,
    in_folder,
    needs_size,
)
from wikijs_typed.query._async.base import AsyncEvaluation
from wikijs_typed.query._async.pages import AsyncAudienceSource, fixed_audience
from wikijs_typed.query._audience import Audience
from wikijs_typed.query._catalogue import DOCUMENTS, IMAGES, Catalogue
from wikijs_typed.query._errors import NoMatchError, QueryError
from wikijs_typed.query._evaluate import matching
from wikijs_typed.query._explain import READS_PER_REQUEST, Explanation
from wikijs_typed.query._fields import Selection, View, resolve_fields
from wikijs_typed.query._items import DocumentItem, ImageItem, Listing
from wikijs_typed.query._names import (
    AssetFieldSpec,
    AssetFilters,
    AssetOrder,
    ImageFieldSpec,
    ImageFilters,
    ImageOrder,
)
from wikijs_typed.query._spec import QuerySpec

__all__ = [
    "AsyncAssetSource",
    "AsyncDocumentQuery",
    "AsyncDocuments",
    "AsyncImageQuery",
    "AsyncImages",
]

ItemT = TypeVar("ItemT", bound=DocumentItem)


class AsyncAssetSource(Protocol):
    """What the query needs from the assets resource."""

    def iter_all(self, kind: str | None = None) -> AsyncIterator[Asset]: ...

    async def download(
        self, asset: Asset | int | str, destination: str | Path | None = None
    ) -> bytes: ...


class _AsyncAssetQuery(AsyncEvaluation[ItemT]):
    _catalogue: Catalogue
    _item_type: type[ItemT]

    def __init__(
        self, source: AsyncAssetSource, wiki_url: str, spec: QuerySpec | None = None
    ) -> None:
        self._source = source
        self._wiki_url = wiki_url
        self._spec = spec if spec is not None else QuerySpec(self._catalogue)
        self._viewer: AsyncAudienceSource | None = None

    def visible_to(self, audience: Audience | AsyncAudienceSource) -> Self:
        """Only the assets `audience` may download (`read:assets` on their address)."""
        clone = self._with(self._spec)
        clone._viewer = fixed_audience(audience)
        return clone

    def in_folder(self, path: str) -> _AsyncAssetQuery[ItemT]:
        """Assets in the folder at `path` (`"docs/images"`) or in any folder below it."""
        if not isinstance(path, str):
            raise QueryError("in_folder takes a folder path", field="in_folder")
        return self._with(self._spec.with_folder(path))

    def explain(self) -> Explanation:
        """What runs on the server and what on the client (requests: at least this many)."""
        return explain_assets(self._spec, self._selection("listing"))

    async def count(self) -> int:
        adapter = AssetAdapter(self._catalogue, self._wiki_url)
        return len(await self._matches(self._spec, adapter))

    async def detail(self, asset_id: int) -> ItemT:
        """One asset as a detail view shows it (every field, the size of an image too)."""
        if isinstance(asset_id, bool) or not isinstance(asset_id, int) or asset_id < 1:
            raise QueryError("an asset id is a positive integer", field="id")
        adapter = AssetAdapter(self._catalogue, self._wiki_url)
        found = [row for row in await self._matches(self._spec, adapter) if row.id == asset_id]
        if not found:
            raise NoMatchError(f"No {self._catalogue.object_name} matches the given query.")
        return (await self._items(found, self._selection("detail"), adapter))[0]

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        spec = self._spec
        adapter = AssetAdapter(self._catalogue, self._wiki_url)
        rows = await self._matches(spec, adapter)
        end = None if spec.limit is None else spec.offset + spec.limit
        rows = rows[spec.offset : end]
        selection = self._selection("listing")
        for start in range(0, len(rows), READS_PER_REQUEST):
            for item in await self._items(
                rows[start : start + READS_PER_REQUEST], selection, adapter
            ):
                yield item

    def _selection(self, view: View) -> Selection:
        return resolve_fields(self._spec.fields, self._catalogue, view, self._spec.hidden)

    async def _listing(self, spec: QuerySpec) -> Listing[ItemT]:
        selection = resolve_fields(spec.fields, self._catalogue, "listing", spec.hidden)
        adapter = AssetAdapter(self._catalogue, self._wiki_url)
        rows = await self._matches(spec, adapter)
        window = rows[spec.offset : spec.offset + spec.effective_limit]
        return Listing(await self._items(window, selection, adapter), len(rows))

    async def _matches(self, spec: QuerySpec, adapter: AssetAdapter) -> list[Asset]:
        images = self._catalogue is IMAGES
        rows = [
            asset
            async for asset in self._source.iter_all("image" if images else None)
            if images or asset.kind != "IMAGE"
        ]
        if spec.folder is not None:
            rows = in_folder(spec.folder, rows)
        rows = await self._visible(rows)
        if images and needs_size(spec, shown=None):
            await self._read_sizes(rows, adapter)
        return matching(spec, adapter, rows)

    async def _visible(self, rows: list[Asset]) -> list[Asset]:
        if self._viewer is None:
            return rows
        audience = await self._viewer.audience()
        if audience.is_key:
            return rows
        # An asset whose folder is unknown has no address to check: it is not shown.
        return [
            row
            for row in rows
            if row.folder_path is not None
            and audience.can_read_asset(row.folder_path, row.filename)
        ]

    async def _read_sizes(self, rows: Sequence[Asset], adapter: AssetAdapter) -> None:
        for row in rows:
            if row.id not in adapter.sizes:
                adapter.sizes[row.id] = image_size(await self._source.download(row))

    async def _items(
        self, rows: Sequence[Asset], selection: Selection, adapter: AssetAdapter
    ) -> list[ItemT]:
        if any(name in SIZE_FIELDS for name in selection.names):
            await self._read_sizes(rows, adapter)
        return [build_asset_item(row, selection, adapter, self._item_type) for row in rows]


class AsyncImageQuery(_AsyncAssetQuery[ImageItem]):
    """A query over the wiki's images (assets of kind IMAGE)."""

    _catalogue = IMAGES
    _item_type = ImageItem

    def filter(self, **values: Unpack[ImageFilters]) -> AsyncImageQuery:
        return self._with(self._spec.with_filters(dict(values)))

    def order_by(self, *keys: ImageOrder, seed: int | None = None) -> AsyncImageQuery:
        return self._order(keys, seed)

    def fields(self, *specs: ImageFieldSpec) -> AsyncImageQuery:
        return self._fields(specs)


class AsyncDocumentQuery(_AsyncAssetQuery[DocumentItem]):
    """A query over the wiki's documents (every asset that is not an image)."""

    _catalogue = DOCUMENTS
    _item_type = DocumentItem

    def filter(self, **values: Unpack[AssetFilters]) -> AsyncDocumentQuery:
        return self._with(self._spec.with_filters(dict(values)))

    def order_by(self, *keys: AssetOrder, seed: int | None = None) -> AsyncDocumentQuery:
        return self._order(keys, seed)

    def fields(self, *specs: AssetFieldSpec) -> AsyncDocumentQuery:
        return self._fields(specs)


class _AsyncEndpoint:
    def __init__(self, source: AsyncAssetSource, wiki_url: str) -> None:
        self._source = source
        self._wiki_url = wiki_url


class AsyncImages(_AsyncEndpoint):
    """`client.assets.images`."""

    def query(self, site_url: str | None = None) -> AsyncImageQuery:
        """`site_url`: the wiki's public address for `download_url` (default: the client's)."""
        return AsyncImageQuery(self._source, rules.check_site_url(site_url, self._wiki_url))


class AsyncDocuments(_AsyncEndpoint):
    """`client.assets.documents`."""

    def query(self, site_url: str | None = None) -> AsyncDocumentQuery:
        """`site_url`: the wiki's public address for `download_url` (default: the client's)."""
        return AsyncDocumentQuery(self._source, rules.check_site_url(site_url, self._wiki_url))
