"""Images and documents: how an asset becomes a row, a filter value and an item (no I/O here).

Wiki.js lists assets by folder and kind, so the query walks the folder tree (one batched
request per depth, as `client.assets.iter_all` does) and filters, searches and orders on the
client. Images are the assets of kind IMAGE; documents every other asset. An asset's title is
its file name (Wiki.js keeps no other), its tags are always empty (Wiki.js has none for
assets). `width` and `height` come from the file's header, read only when a query shows,
filters or orders by them, and then only for the assets that need it. Reading them needs
`imagesize` (the `images` extra, also part of `api`); without it every size is None (null in
the content API), and filtering or ordering on a size treats every image as sizeless.
"""

from __future__ import annotations

import functools
import io
import logging
from datetime import datetime
from typing import TypeVar

from wikijs_typed._resources.sansio.assets import download_path
from wikijs_typed.models._asset import Asset
from wikijs_typed.query._catalogue import Catalogue
from wikijs_typed.query._explain import Explanation
from wikijs_typed.query._fields import Selection
from wikijs_typed.query._items import DocumentItem
from wikijs_typed.query._spec import QuerySpec

__all__ = [
    "AssetAdapter",
    "Size",
    "build_asset_item",
    "explain_assets",
    "image_size",
    "in_folder",
    "needs_size",
]

log = logging.getLogger("wikijs_typed.query")

Size = tuple[int, int] | None
SIZE_FIELDS = ("width", "height")
ItemT = TypeVar("ItemT", bound=DocumentItem)


def image_size(data: bytes) -> Size:
    """(width, height) from an image file's header.

    None when the format is unknown, or when `imagesize` is not installed (pip install
    'wikijs-typed[images]').
    """
    try:
        import imagesize
    except ImportError:
        _warn_no_imagesize()
        return None
    width, height = imagesize.get(io.BytesIO(data))
    if not isinstance(width, int) or not isinstance(height, int) or width < 0 or height < 0:
        return None
    return width, height


@functools.cache
def _warn_no_imagesize() -> None:
    # Once per process: a listing would otherwise say it for every image.
    log.warning(
        "image sizes are null: reading them needs imagesize (pip install 'wikijs-typed[images]')"
    )


def needs_size(spec: QuerySpec, *, shown: Selection | None) -> bool:
    """Whether every candidate's header must be read (a filter or an order on the size)."""
    names = {name for name, _ in spec.filters} | {key.name for key in spec.order}
    if shown is not None:
        names |= set(shown.names)
    return any(name in SIZE_FIELDS for name in names)


def in_folder(folder: str, rows: list[Asset]) -> list[Asset]:
    """The assets in `folder` (a path of slugs) or any folder below it; "" is every asset."""
    base = folder.strip("/")
    if not base:
        return rows
    return [
        row
        for row in rows
        if (row.folder_path or "") == base or (row.folder_path or "").startswith(base + "/")
    ]


# Image versions whose sizes an adapter keeps (a wiki's images; cleared when full).
_KEPT_SIZES = 100_000


class AssetAdapter:
    """Reads an asset's fields; sizes come from the headers read so far, by image version.

    A query keeps one adapter for all its evaluations, so an image is downloaded for its size
    once per version (its id, last update and size in bytes), not on every evaluation.
    """

    def __init__(self, catalogue: Catalogue, wiki_url: str) -> None:
        self.catalogue = catalogue
        self.wiki_url = wiki_url.rstrip("/")
        self._sizes: dict[tuple[int, datetime, int], Size] = {}

    def knows_size(self, row: Asset) -> bool:
        return _version(row) in self._sizes

    def keep_size(self, row: Asset, size: Size) -> None:
        if len(self._sizes) >= _KEPT_SIZES:
            self._sizes.clear()
        self._sizes[_version(row)] = size

    def value(self, row: Asset, name: str) -> object:
        if name == "title":
            return row.filename
        if name == "folder":
            return row.folder_path or ""
        if name == "tags":
            return []
        if name == "type":
            return self.catalogue.type_name
        if name == "detail_url":
            return f"/{self.catalogue.endpoint}/{row.id}/"
        if name == "download_url":
            return self.wiki_url + download_path(row.folder_path or "", row.filename)
        if name in SIZE_FIELDS:
            size = self._sizes.get(_version(row))
            return None if size is None else size[SIZE_FIELDS.index(name)]
        return getattr(row, name)

    def texts(self, row: Asset, *, include_content: bool) -> list[str]:
        return [row.filename, row.folder_path or ""]

    def default_key(self, row: Asset) -> tuple[object, ...]:
        return (row.id,)


def _version(row: Asset) -> tuple[int, datetime, int]:
    # A file uploaded again in an asset's place changes its last update (and mostly its size).
    return (row.id, row.updated_at, row.file_size)


def build_asset_item(
    row: Asset, selection: Selection, adapter: AssetAdapter, item_type: type[ItemT]
) -> ItemT:
    values = {name: adapter.value(row, name) for name in selection.names}
    return item_type(row.id, values, selection, adapter.catalogue.endpoint)


def explain_assets(spec: QuerySpec, shown: Selection) -> Explanation:
    """The plan of an asset query: Wiki.js lists assets by folder, so all the rest is local."""
    kind = "IMAGE" if "width" in spec.catalogue.by_name else "ALL (images left out)"
    server = [
        f"assets.list(kind: {kind}) of the root folder",
        "assets.folders and assets.list, batched, one request per folder depth",
    ]
    if needs_size(spec, shown=None):
        server.append("a download of every candidate image, for its size")
    elif needs_size(spec, shown=shown):
        server.append("a download of each image of the window, for its size")
    client = []
    if spec.folder is not None:
        client.append(f"in folder {spec.folder!r} and below")
    if spec.filters:
        client.append("exact filters: " + ", ".join(name for name, _ in spec.filters))
    if spec.search is not None:
        client.append(f"search {' '.join(spec.search.terms)!r} ({spec.search.operator})")
    if spec.random:
        client.append("random order")
    elif spec.order:
        client.append("order by " + ", ".join(str(key) for key in spec.order))
    client.append(f"window offset {spec.offset}, limit {spec.effective_limit}; count all matches")
    # At least the root's listing; each folder depth adds one request.
    return Explanation(tuple(server), tuple(client), 1)
