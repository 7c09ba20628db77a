# Made from ../_async/assets.py by `python -m tools.sync_twins`: do not edit.
"""`client.assets.images.query()` and `client.assets.documents.query()` (async source of the twin).

The same grammar as the pages' query over Wiki.js assets, across every folder: the folder tree
is walked by the assets resource (one batched request per depth); `in_folder(path)` keeps a
folder and everything below it. An image's `width` and `height` are read from its file's
header, downloaded only for the images that need them (see asset_plan.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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
from wikijs_typed.query._sync.base import Evaluation
from wikijs_typed.query._sync.pages import AudienceSource, fixed_audience
from wikijs_typed.query._wagtail import wagtail_json

__all__ = ["AssetSource", "DocumentQuery", "Documents", "ImageQuery", "Images"]

ItemT = TypeVar("ItemT", bound=DocumentItem)
# Renderings (a window or a detail, by base URL) a query keeps the JSON of.
_KEPT_RENDERINGS = 512


class _StampedWalk(Protocol):
    """A walk of the folder tree and its reads' stamps (`AsyncStampedWalk`)."""

    def walk(self) -> list[Asset]: ...
    def stamps(self) -> tuple[str | None, ...] | None: ...


class AssetSource(Protocol):
    """What the query needs from the assets resource.

    The assets resource also has `stamped_walk(kind)`, which the query uses when a source
    has it: the walk's assets are then kept, and what is rendered from them, while the
    stamps of what the walk read are unchanged (without it, every evaluation walks).
    """

    def iter_all(self, kind: str | None = None) -> Iterator[Asset]: ...

    def download(
        self, asset: Asset | int | str, destination: str | Path | None = None
    ) -> bytes: ...


class _AsyncAssetQuery(Evaluation[ItemT]):
    """What the images' and the documents' queries share: the folder walk, the sizes, access.

    Args:
        source: Where the assets come from: the client's assets resource.
        wiki_url: The wiki's address as readers know it, which `download_url` starts with.
        spec: The query's state; None for a new query over every asset of the kind.
    """

    _catalogue: Catalogue
    _item_type: type[ItemT]

    def __init__(self, source: AssetSource, wiki_url: str, spec: QuerySpec | None = None) -> None:
        self._source = source
        self._wiki_url = wiki_url
        self._spec = spec if spec is not None else QuerySpec(self._catalogue)
        self._viewer: AudienceSource | None = None
        # Shared by every query chained from this one: it keeps the images' sizes read.
        self._adapter = AssetAdapter(self._catalogue, wiki_url)
        stamped_walk = getattr(source, "stamped_walk", None)
        kind = "image" if self._catalogue is IMAGES else None
        self._walk: _StampedWalk | None = None if stamped_walk is None else stamped_walk(kind)
        # The last walk's assets under the stamps they were read at (shared like the walk).
        self._walked: dict[str, tuple[tuple[str | None, ...], list[Asset]]] = {}
        # This query's JSON by what it renders, under what it was made from (see `_held`).
        self._rendered: dict[tuple[object, ...], tuple[object, bytes]] = {}

    def _with(self, spec: QuerySpec) -> Self:
        clone = super()._with(spec)
        clone._rendered = {}
        return clone

    def visible_to(self, audience: Audience | AudienceSource) -> Self:
        """Only the assets `audience` may download (`read:assets` on their address).

        An asset whose folder is unknown has no address to check, and is left out.

        Args:
            audience: Whose view: an `Audience` (a group's permissions and page rules, or
                `Audience.key()` for everything the key reads), or a source that gives the
                audience on each evaluation.

        Returns:
            A new query scoped to what the audience may download.
        """
        clone = self._with(self._spec)
        clone._viewer = fixed_audience(audience)
        return clone

    def in_folder(self, path: str) -> _AsyncAssetQuery[ItemT]:
        """Only the assets in the folder at `path` or in any folder below it.

        Args:
            path: A folder path such as `"docs/images"` (leading and trailing slashes do not
                count); `""` is the top folder, so every asset.

        Returns:
            A new query limited to that folder (it replaces an earlier one).

        Raises:
            QueryError: When `path` is not a string.
        """
        if not isinstance(path, str):
            raise QueryError("in_folder takes a folder path", field="in_folder")
        return self._with(self._spec.with_folder(path))

    def explain(self) -> Explanation:
        """What runs on the server and what on the client, and how many requests it costs.

        Nothing is sent. The folder walk costs one request per depth of the folder tree, so the
        count is a lower bound; reading images' sizes adds a download per image.

        Returns:
            The steps on each side and at least how many requests a cold cache costs.
        """
        return explain_assets(self._spec, self._selection("listing"))

    def count(self) -> int:
        """How many assets match, whatever the window.

        Returns:
            The number of matching assets.
        """
        adapter = self._adapter
        return len(self._matches(self._spec, adapter))

    def detail(self, asset_id: int) -> ItemT:
        """One asset as a detail view shows it (every field, the size of an image too).

        The query's folder, filters and audience still apply; its window does not.

        Args:
            asset_id: The asset's id; a positive integer.

        Returns:
            The asset's item.

        Raises:
            QueryError: When `asset_id` is not a positive integer.
            NoMatchError: When no asset of this kind has this id, or the query leaves it out
                (a NotFoundError).
        """
        if isinstance(asset_id, bool) or not isinstance(asset_id, int) or asset_id < 1:
            raise QueryError("an asset id is a positive integer", field="id")
        adapter = self._adapter
        found = [row for row in self._matches(self._spec, adapter) if row.id == asset_id]
        if not found:
            raise NoMatchError(f"No {self._catalogue.object_name} matches the given query.")
        return (self._items(found, self._selection("detail"), adapter))[0]

    def __iter__(self) -> Iterator[ItemT]:
        """Every match from the offset (to the limit, when one was set).

        Yields:
            Each matching asset's item, in the query's order.
        """
        spec = self._spec
        adapter = self._adapter
        rows = self._matches(spec, adapter)
        end = None if spec.limit is None else spec.offset + spec.limit
        rows = rows[spec.offset : end]
        selection = self._selection("listing")
        for start in range(0, len(rows), READS_PER_REQUEST):
            yield from self._items(rows[start : start + READS_PER_REQUEST], selection, adapter)

    def _selection(self, view: View) -> Selection:
        return resolve_fields(self._spec.fields, self._catalogue, view, self._spec.hidden)

    def _listing(self, spec: QuerySpec) -> Listing[ItemT]:
        selection = resolve_fields(spec.fields, self._catalogue, "listing", spec.hidden)
        adapter = self._adapter
        rows = self._matches(spec, adapter)
        window = rows[spec.offset : spec.offset + spec.effective_limit]
        return Listing(self._items(window, selection, adapter), len(rows))

    def fetch_wagtail_json(self, base_url: str = "") -> bytes:
        """`fetch_wagtail` as compact JSON, kept while what it is made from is unchanged.

        The standard library's bytes for the same body, kept while the stamps of what the
        folder walk read and the audience are the same (an unseeded random order is drawn
        anew every time).

        Args:
            base_url: As `fetch_wagtail` takes it.

        Returns:
            The listing as UTF-8 JSON.
        """
        random = self._spec.random and self._spec.seed is None
        rendering = None if random else ("listing", base_url)
        made_from, body = self._held(rendering)
        if body is None:
            body = wagtail_json(self.fetch_wagtail(base_url))
            self._keep(rendering, made_from, body)
        return body

    def detail_wagtail_json(self, asset_id: int, base_url: str = "", /) -> bytes:
        """`detail_wagtail` as compact JSON, kept as `fetch_wagtail_json` keeps it.

        Args:
            asset_id: The asset's id; a positive integer.
            base_url: As `detail_wagtail` takes it.

        Returns:
            The asset's item as UTF-8 JSON.

        Raises:
            QueryError: As `detail` raises.
            NoMatchError: As `detail` raises.
        """
        rendering = ("detail", asset_id, base_url)
        made_from, body = self._held(rendering)
        if body is None:
            body = wagtail_json(self.detail_wagtail(asset_id, base_url))
            self._keep(rendering, made_from, body)
        return body

    def _held(
        self, rendering: tuple[object, ...] | None
    ) -> tuple[tuple[object, ...] | None, bytes | None]:
        """What the rendering is made from now, and its JSON when kept from the same."""
        if rendering is None:
            return None, None
        made_from = self._made_from()
        held = self._rendered.get(rendering)
        if held is not None and made_from is not None and held[0] == made_from:
            return made_from, held[1]
        return made_from, None

    def _keep(self, rendering: tuple[object, ...] | None, made_from: object, body: bytes) -> None:
        # Kept only when nothing it was made from changed meanwhile (a cold walk stores its
        # answers: the next evaluation keeps its own).
        if rendering is None or made_from is None or made_from != self._made_from():
            return
        if len(self._rendered) >= _KEPT_RENDERINGS:
            self._rendered.clear()
        self._rendered[rendering] = (made_from, body)

    def _made_from(self) -> tuple[object, ...] | None:
        """The walk's reads' stamps and the audience; None when they cannot be told."""
        stamps = None if self._walk is None else self._walk.stamps()
        if stamps is None or None in stamps:
            return None
        audience = None if self._viewer is None else self._viewer.audience()
        return (stamps, audience)

    def _assets(self) -> list[Asset]:
        """Every asset of this query's kind, walked again only when what the walk read changed."""
        images = self._catalogue is IMAGES
        walk = self._walk
        before: tuple[str | None, ...] | None = None
        if walk is None:
            kind = "image" if images else None
            listed = [asset for asset in self._source.iter_all(kind)]
        else:
            before = walk.stamps()
            kept = self._walked.get("assets")
            if kept is not None and before is not None and kept[0] == before:
                return kept[1]
            listed = walk.walk()
        rows = [asset for asset in listed if images or asset.kind != "IMAGE"]
        # Kept only when nothing the walk read changed while it walked.
        if walk is None or before is None or None in before:
            return rows
        if walk.stamps() == before:
            self._walked["assets"] = (before, rows)
        return rows

    def _matches(self, spec: QuerySpec, adapter: AssetAdapter) -> list[Asset]:
        images = self._catalogue is IMAGES
        rows = self._assets()
        if spec.folder is not None:
            rows = in_folder(spec.folder, rows)
        rows = self._visible(rows)
        if images and needs_size(spec, shown=None):
            self._read_sizes(rows, adapter)
        return matching(spec, adapter, rows)

    def _visible(self, rows: list[Asset]) -> list[Asset]:
        if self._viewer is None:
            return rows
        audience = self._viewer.audience()
        if audience.is_key:
            return rows
        # An asset whose folder is unknown has no address to check: it is not shown.
        return [
            row
            for row in rows
            if row.folder_path is not None
            and audience.can_read_asset(row.folder_path, row.filename)
        ]

    def _read_sizes(self, rows: Sequence[Asset], adapter: AssetAdapter) -> None:
        for row in rows:
            if not adapter.knows_size(row):
                adapter.keep_size(row, image_size(self._source.download(row)))

    def _items(
        self, rows: Sequence[Asset], selection: Selection, adapter: AssetAdapter
    ) -> list[ItemT]:
        if any(name in SIZE_FIELDS for name in selection.names):
            self._read_sizes(rows, adapter)
        return [build_asset_item(row, selection, adapter, self._item_type) for row in rows]


class ImageQuery(_AsyncAssetQuery[ImageItem]):
    """A query over the wiki's images (assets of kind IMAGE)."""

    _catalogue = IMAGES
    _item_type = ImageItem

    def filter(self, **values: Unpack[ImageFilters]) -> ImageQuery:
        """Only the images whose fields equal the given values.

        Filters of several calls add up; a field filtered again takes the new value. They run
        on the client, over every image of the folder tree.

        Args:
            **values: Field names and the values they must equal: an int (`id`, `file_size`,
                `width`, `height`; a size filter downloads every candidate image), a
                timezone-aware datetime (`created_at`, `updated_at`), or a string (the other
                fields). `tags` takes a string or a sequence of strings (Wiki.js keeps no
                tags on assets, so any tag leaves every asset out).

        Returns:
            A new query with these filters.

        Raises:
            QueryError: When a name is not a filterable field (or is hidden), or a value is not
                of the field's type, an int is beyond 32 bits, a string holds a null
                character, or a datetime is naive.
        """
        return self._with(self._spec.with_filters(dict(values)))

    def order_by(self, *keys: ImageOrder, seed: int | None = None) -> ImageQuery:
        """The order of the results; without one, images come by id.

        Text is compared case-sensitively (upper case first), as Wagtail does.

        Args:
            *keys: Field names, in order of precedence; `-name` orders descending (ordering
                by `width` or `height` downloads every candidate image for its size). Or
                `"random"` alone, a new order on every evaluation. No keys: back to the
                default order (search results by rank).
            seed: Only with `"random"`: the same order every time, which also allows an
                offset.

        Returns:
            A new query with this order (it replaces an earlier one).

        Raises:
            QueryError: When a key is not an orderable field, `"random"` is combined with
                fields, a seed comes without `"random"` or is not an int, or an unseeded
                random order meets an offset.
        """
        return self._order(keys, seed)

    def fields(self, *specs: ImageFieldSpec) -> ImageQuery:
        """Which fields the items show, in Wagtail's grammar.

        A listing shows `id, title` and the meta fields (`type, detail_url, tags,
        download_url`) by default, a detail view every field. Reading a field an item does not
        show raises FieldNotSelectedError.

        Args:
            *specs: Applied in order from the view's defaults: `"title"` adds a field,
                `"-title"` removes one; a first `"*"` starts from every field, a first `"_"`
                from none.

        Returns:
            A new query showing these fields (it replaces an earlier choice).

        Raises:
            QueryError: When a spec is not a string, is malformed (the message is Wagtail's,
                with the position), or names an unknown or hidden field.
        """
        return self._fields(specs)


class DocumentQuery(_AsyncAssetQuery[DocumentItem]):
    """A query over the wiki's documents (every asset that is not an image)."""

    _catalogue = DOCUMENTS
    _item_type = DocumentItem

    def filter(self, **values: Unpack[AssetFilters]) -> DocumentQuery:
        """Only the documents whose fields equal the given values.

        Filters of several calls add up; a field filtered again takes the new value. They run
        on the client, over every document of the folder tree.

        Args:
            **values: Field names and the values they must equal: an int (`id`,
                `file_size`), a timezone-aware datetime (`created_at`, `updated_at`), or a
                string (the other fields). `tags` takes a string or a sequence of strings
                (Wiki.js keeps no tags on assets, so any tag leaves every asset out).

        Returns:
            A new query with these filters.

        Raises:
            QueryError: When a name is not a filterable field (or is hidden), or a value is not
                of the field's type, an int is beyond 32 bits, a string holds a null
                character, or a datetime is naive.
        """
        return self._with(self._spec.with_filters(dict(values)))

    def order_by(self, *keys: AssetOrder, seed: int | None = None) -> DocumentQuery:
        """The order of the results; without one, documents come by id.

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
            QueryError: When a key is not an orderable field, `"random"` is combined with
                fields, a seed comes without `"random"` or is not an int, or an unseeded
                random order meets an offset.
        """
        return self._order(keys, seed)

    def fields(self, *specs: AssetFieldSpec) -> DocumentQuery:
        """Which fields the items show, in Wagtail's grammar.

        A listing shows `id, title` and the meta fields (`type, detail_url, tags,
        download_url`) by default, a detail view every field. Reading a field an item does not
        show raises FieldNotSelectedError.

        Args:
            *specs: Applied in order from the view's defaults: `"title"` adds a field,
                `"-title"` removes one; a first `"*"` starts from every field, a first `"_"`
                from none.

        Returns:
            A new query showing these fields (it replaces an earlier choice).

        Raises:
            QueryError: When a spec is not a string, is malformed (the message is Wagtail's,
                with the position), or names an unknown or hidden field.
        """
        return self._fields(specs)


class _AsyncEndpoint:
    def __init__(self, source: AssetSource, wiki_url: str) -> None:
        self._source = source
        self._wiki_url = wiki_url


class Images(_AsyncEndpoint):
    """`client.assets.images`: the images of the wiki, as a content query."""

    def query(self, site_url: str | None = None) -> ImageQuery:
        """The content query over images: filters, folder, search, order, fields, windows.

        Args:
            site_url: The wiki's address as readers know it, which `download_url` starts
                with; None for the address this client talks to.

        Returns:
            A new query over every image.

        Raises:
            ValidationError: When `site_url` is not an http(s) address.
        """
        return ImageQuery(self._source, rules.check_site_url(site_url, self._wiki_url))


class Documents(_AsyncEndpoint):
    """`client.assets.documents`: the wiki's assets that are not images, as a content query."""

    def query(self, site_url: str | None = None) -> DocumentQuery:
        """The content query over documents: filters, folder, search, order, fields, windows.

        Args:
            site_url: The wiki's address as readers know it, which `download_url` starts
                with; None for the address this client talks to.

        Returns:
            A new query over every document.

        Raises:
            ValidationError: When `site_url` is not an http(s) address.
        """
        return DocumentQuery(self._source, rules.check_site_url(site_url, self._wiki_url))
