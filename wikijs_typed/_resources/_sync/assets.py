# Made from ../_async/assets.py by `python -m tools.sync_twins`: do not edit.
"""`client.assets`: uploaded files and their folders.

Wiki.js has no query for one asset or one folder, and lists folders only by parent, so the
folder tree is walked level by level (one batched request per level) whenever a folder's path
is needed: for downloads, and to check a folder exists before uploading into it (the real
server never answers an upload into a missing folder).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wikijs_graphql import requests
from wikijs_graphql.enums import AssetKind

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.assets import (
    UPLOAD_PATH,
    FileInput,
    Upload,
    check_destination,
    check_filename,
    check_folder_id,
    download_failure,
    download_path,
    kind_of,
    upload_failure,
)
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.cache._base import listing_tag, resource_tag
from wikijs_typed.exceptions import InvalidResponseError, NotFoundError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._asset import Asset, AssetFolder

# The generated result models are imported where they are read: listing folders does not load
# the assets listing's models, nor the reverse.
if TYPE_CHECKING:
    from wikijs_graphql.list_asset_folders import ListAssetFolders

    from wikijs_typed._pipeline.operation import GraphQLRequest
    from wikijs_typed.query._sync.assets import Documents, Images

__all__ = ["AssetsResource", "StampedWalk"]

ROOT = AssetFolder(id=0, slug="", name="", parent_id=None, path="")


class AssetsResource(Resource):
    """Assets: list by folder and kind, folders, upload, download, rename, delete.

    Reached as `client.assets`; folders are numbered, the root being 0. Any call can also
    raise AuthenticationError, ForbiddenError (a permission is missing), WikiJSConnectionError
    or WikiJSTimeoutError (the server is not reached in time).
    """

    # Reads.

    @property
    def images(self) -> Images:
        """The images (assets of kind IMAGE): `client.assets.images.query()`."""
        from wikijs_typed.query._sync.assets import Images  # loaded when first queried

        return Images(self, str(self._engine.base_url))

    @property
    def documents(self) -> Documents:
        """Every other asset: `client.assets.documents.query()`."""
        from wikijs_typed.query._sync.assets import Documents  # loaded when first queried

        return Documents(self, str(self._engine.base_url))

    def list(self, folder_id: int = 0, kind: str | None = None) -> builtins.list[Asset]:
        """The assets directly in a folder, optionally of one kind.

        Args:
            folder_id: The folder's id; 0 (the default) is the root.
            kind: `image`, `binary` or `all` (any case), or an AssetKind; None: all.

        Returns:
            The assets, each with its folder's id (and path, for the root).

        Raises:
            ValidationError: `folder_id` is negative or not an integer, or `kind` is unknown.
        """
        folder = check_folder_id(folder_id)
        result = self._gql.list_assets(folder_id=folder, kind=kind_of(kind))
        listed = present(present(result.assets, "assets").list_, "an asset list")
        path = "" if folder == 0 else None
        return [
            Asset.from_fields(item, folder_id=folder, folder_path=path) for item in listed if item
        ]

    def folders(self, parent_folder_id: int = 0) -> builtins.list[AssetFolder]:
        """The folders directly in a folder (`list_folders` is the Wiki.js SDK's name for it).

        Args:
            parent_folder_id: The parent folder's id; 0 (the default) is the root.

        Returns:
            The child folders (each with its path when the parent is the root).

        Raises:
            ValidationError: `parent_folder_id` is negative or not an integer.
        """
        parent = check_folder_id(parent_folder_id, "parent_folder_id")
        result = self._gql.list_asset_folders(parent_folder_id=parent)
        return _children(result, parent, "" if parent == 0 else None)

    # The SDK's name for `folders`.
    list_folders = folders

    def all_folders(self) -> builtins.list[AssetFolder]:
        """Every folder, with its path, walking the tree one level per request.

        Returns:
            The folders below the root, level by level.
        """
        found_folders: builtins.list[AssetFolder] = []
        for level in self._levels():
            found_folders.extend(level)
        return found_folders

    def folder(self, folder_id: int) -> AssetFolder:
        """One folder, with its path.

        Wiki.js has no query for one folder, so the tree is walked level by level until it is
        found.

        Args:
            folder_id: The folder's id; 0 is the root.

        Returns:
            The folder.

        Raises:
            ValidationError: `folder_id` is negative or not an integer.
            NotFoundError: There is no folder with this id.
        """
        wanted = check_folder_id(folder_id)
        if wanted == 0:
            return ROOT
        for level in self._levels():
            for candidate in level:
                if candidate.id == wanted:
                    return candidate
        raise NotFoundError(f"asset folder {wanted} does not exist")

    def iter_all(self, kind: str | None = None) -> Iterator[Asset]:
        """Every asset in every folder, lazily, with its folder's path.

        One request per level of the folder tree for the folders, and one for their assets.

        Args:
            kind: `image`, `binary` or `all` (any case), or an AssetKind; None: all.

        Yields:
            Each asset, the root's first, then level by level.

        Raises:
            ValidationError: `kind` is unknown.
        """
        wanted = kind_of(kind)
        for listed in self._walk(wanted):
            yield from listed

    def download(self, asset: Asset | int | str, destination: str | Path | None = None) -> bytes:
        """The file's bytes, also written to `destination` when given.

        Args:
            asset: An Asset, an asset id, or the file's path (`folder/sub/name.png`); an id costs
                a walk of every folder to find the file.
            destination: A file path to write the bytes to, in a folder that exists (checked
                before downloading); None: write nothing.

        Returns:
            The file's content.

        Raises:
            ValidationError: `destination` is a folder or in a folder that does not exist, or
                `asset` is not an asset, a positive id or a plain path (nothing is sent).
            NotFoundError: There is no asset with this id or at this path.
            ClientError: Wiki.js refused the download (a 4xx other than 404).
            ServerError: Wiki.js failed (a 5xx).
        """
        target = check_destination(destination)
        path = self._download_path(asset)
        response = self._engine.send("GET", path)
        failure = download_failure(response, path)
        if failure is not None:
            raise failure
        if target is not None:
            target.write_bytes(response.content)
        return response.content

    # Writes.

    def upload(
        self,
        file: FileInput,
        folder_id: int = 0,
        filename: str | None = None,
        content_type: str | None = None,
    ) -> Asset:
        """Upload a file into a folder and return it as stored.

        Wiki.js stores the name lowercased with spaces, `,`, `;` and `#` made `_`, and a file of
        the same name in the same folder is replaced.

        Args:
            file: A path to a file, its bytes, or a binary file object.
            folder_id: The folder's id; 0 (the default) is the root. It must exist: Wiki.js never
                answers an upload into a missing folder.
            filename: The name to store it under (required for bytes; default: the file's name).
            content_type: The MIME type (default: guessed from the name, else
            `application/octet-stream`).

        Returns:
            The asset as listed after the upload.

        Raises:
            ValidationError: The file cannot be read, is not binary, or has no usable name.
            NotFoundError: There is no folder with `folder_id`.
            ForbiddenError: The caller may not upload there.
            ClientError: Wiki.js refused the upload (too large, ...).
            ServerError: Wiki.js failed (a 5xx).
            InvalidResponseError: Wiki.js accepted the file but does not list it.
        """
        upload = Upload.build(
            file, folder_id=folder_id, filename=filename, content_type=content_type
        )
        target = self.folder(upload.folder_id)
        response = self._engine.send("POST", UPLOAD_PATH, data=upload.form(), files=upload.files())
        failure = upload_failure(response)
        if failure is not None:
            raise failure
        # The upload is REST: the engine cannot know which cached listings it made stale.
        if self._engine.cache is not None:
            self._engine.cache.invalidate([resource_tag("asset"), listing_tag("asset")])
        listed = self._gql.list_assets(
            folder_id=target.id, kind=kind_of(None), cache="network-only"
        )
        items = present(present(listed.assets, "assets").list_, "an asset list")
        stored = next((i for i in items if i and i.filename == upload.stored_as), None)
        if stored is None:
            raise InvalidResponseError(f"{upload.stored_as} was uploaded but is not listed")
        return Asset.from_fields(stored, folder_id=target.id, folder_path=target.path)

    def create_folder(
        self, slug: str, parent_folder_id: int = 0, name: str | None = None
    ) -> AssetFolder:
        """Create a folder; Wiki.js lowercases the slug.

        Args:
            slug: The folder's name in paths: not a path, no control characters, `?`, `:`, `*`,
                `|`, `<`, `>` or `"`, at most 255 bytes.
            parent_folder_id: The parent folder's id; 0 (the default) is the root.
            name: The folder's label (default: the slug).

        Returns:
            The new folder, with its path.

        Raises:
            ValidationError: The slug breaks the rules above, or `name` is empty (nothing is
                sent).
            NotFoundError: There is no folder with `parent_folder_id`.
            OperationFailedError: Wiki.js refused: a folder of that name is already there.
            InvalidResponseError: Wiki.js created the folder but does not list it.
        """
        clean = check_filename(slug, "slug")
        label = clean if name is None else rules.check_non_empty(name, "name")
        parent = self.folder(check_folder_id(parent_folder_id, "parent_folder_id"))
        self._gql.create_asset_folder(parent_folder_id=parent.id, slug=clean, name=label)
        # The folder exists now: a listing that does not show it is a bad answer, not a
        # missing folder.
        siblings = self._gql.list_asset_folders(parent_folder_id=parent.id, cache="network-only")
        children = _children(siblings, parent.id, parent.path)
        stored = clean.lower()
        created = next((f for f in children if f.slug == stored), None)
        if created is None:
            raise InvalidResponseError(f"the folder {stored} was created but is not listed")
        return created

    def rename(self, asset_id: int, new_filename: str) -> bool:
        """Rename an asset in its folder (the extension cannot change).

        Args:
            asset_id: The asset's id (a positive integer).
            new_filename: The new name: a file name, not a path, with the same extension.

        Returns:
            True once the asset is renamed.

        Raises:
            ValidationError: An argument breaks the rules above (nothing is sent).
            NotFoundError: There is no asset with this id.
            OperationFailedError: Wiki.js refused: another extension, or the name is taken.
        """
        rules.check_id(asset_id, "asset_id")
        self._gql.rename_asset(id=asset_id, filename=check_filename(new_filename, "new_filename"))
        return True

    def delete(self, asset_id: int) -> bool:
        """Delete an asset.

        Args:
            asset_id: The asset's id (a positive integer).

        Returns:
            True once the asset is gone.

        Raises:
            ValidationError: `asset_id` is not a positive integer (nothing is sent).
            NotFoundError: There is no asset with this id.
        """
        rules.check_id(asset_id, "asset_id")
        self._gql.delete_asset(id=asset_id)
        return True

    # The folder tree.

    def stamped_walk(self, kind: str | None = None) -> StampedWalk:
        """`iter_all` as one walk, and what tells whether walking again would read the same.

        Args:
            kind: As `iter_all` takes it.

        Returns:
            The walk: `walk()` reads every asset, `stamps()` the cache's stamps of what the
            last walk read.

        Raises:
            ValidationError: `kind` is unknown.
        """
        return StampedWalk(self, kind_of(kind))

    def _walk(
        self, kind: AssetKind, reads: builtins.list[GraphQLRequest] | None = None
    ) -> Iterator[builtins.list[Asset]]:
        """The root's assets, then each level's (the requests sent added to `reads`)."""
        yield self._assets_of([ROOT], kind, reads)
        for level in self._levels(reads):
            yield self._assets_of(level, kind, reads)

    def _levels(
        self, reads: builtins.list[GraphQLRequest] | None = None
    ) -> Iterator[builtins.list[AssetFolder]]:
        """The folders below the root, one depth at a time, each level in one request.

        The requests sent are added to `reads` when it is given.
        """
        parents: builtins.list[AssetFolder] = [ROOT]
        while parents:
            sent = [requests.list_asset_folders(parent_folder_id=p.id) for p in parents]
            if reads is not None:
                reads.extend(sent)
            outcomes = self._engine.execute_many(sent)
            level: builtins.list[AssetFolder] = []
            for parent, outcome in zip(parents, outcomes, strict=True):
                result = requests.parse_list_asset_folders(outcome)
                level.extend(_children(result, parent.id, parent.path))
            if level:
                yield level
            parents = level

    def _assets_of(
        self,
        folders: Sequence[AssetFolder],
        kind: AssetKind,
        reads: builtins.list[GraphQLRequest] | None = None,
    ) -> builtins.list[Asset]:
        """The assets of several folders, in one request (added to `reads` when given)."""
        sent = [requests.list_assets(folder_id=folder.id, kind=kind) for folder in folders]
        if reads is not None:
            reads.extend(sent)
        outcomes = self._engine.execute_many(sent)
        listed: builtins.list[Asset] = []
        for folder, outcome in zip(folders, outcomes, strict=True):
            result = requests.parse_list_assets(outcome)
            items = present(present(result.assets, "assets").list_, "an asset list")
            listed.extend(
                Asset.from_fields(i, folder_id=folder.id, folder_path=folder.path)
                for i in items
                if i
            )
        return listed

    def _download_path(self, asset: Asset | int | str) -> str:
        if isinstance(asset, str):
            path = rules.check_non_empty(asset, "asset").strip().strip("/")
            folder, _, filename = path.rpartition("/")
            return download_path(folder, filename)
        if isinstance(asset, Asset):
            folder_path = asset.folder_path
            if folder_path is None:
                folder_path = (self.folder(asset.folder_id)).path or ""
            return download_path(folder_path, asset.filename)
        wanted = rules.check_id(asset, "asset")
        for candidate in self.iter_all():
            if candidate.id == wanted:
                return download_path(candidate.folder_path or "", candidate.filename)
        raise NotFoundError(f"asset {wanted} does not exist")


def _children(
    result: ListAssetFolders, parent_id: int, parent_path: str | None
) -> builtins.list[AssetFolder]:
    folders = present(present(result.assets, "assets").folders, "a folder list")
    return [
        AssetFolder.from_fields(f, parent_id=parent_id, parent_path=parent_path)
        for f in folders
        if f is not None
    ]


class StampedWalk:
    """Every asset of the folder tree, walked as `iter_all` walks it, and its reads' stamps.

    A walk is a function of the cached answers it reads: while the stamps of the entries
    the last walk read are unchanged, walking again would read the same folders and assets
    (and what is derived from the walk stays current). Made by `assets.stamped_walk(kind)`.
    """

    def __init__(self, assets: AssetsResource, kind: AssetKind) -> None:
        self._assets = assets
        self._kind = kind
        # The reads of the last walk, replaced as a whole when a walk ends.
        self._reads: tuple[GraphQLRequest, ...] | None = None

    def walk(self) -> builtins.list[Asset]:
        """Every asset, the root's first, then level by level (see `iter_all`).

        Returns:
            The assets of every folder.
        """
        reads: builtins.list[GraphQLRequest] = []
        listed = [asset for level in self._assets._walk(self._kind, reads) for asset in level]
        self._reads = tuple(reads)
        return listed

    def stamps(self) -> tuple[str | None, ...] | None:
        """The cache's stamps of the entries the last walk read, asked at once.

        Returns:
            The stamps (None for an entry no longer cached), or None before any walk.
        """
        reads = self._reads
        if reads is None:
            return None
        return tuple(self._assets._engine.stamps(reads))
