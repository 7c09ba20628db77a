# Made from ../_async/assets.py by `python -m tools.twin`: do not edit.
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

from wikijs_graphql.enums import AssetKind

from wikijs_typed._pipeline.operation import GraphQLRequest
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
from wikijs_typed._resources.sansio.shared import check_field, prepared, present, read_outcome
from wikijs_typed.cache._base import listing_tag, resource_tag
from wikijs_typed.exceptions import InvalidResponseError, NotFoundError
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._asset import Asset, AssetFolder

# The generated result models are imported where they are read: listing folders does not load
# the assets listing's models, nor the reverse.
if TYPE_CHECKING:
    from wikijs_graphql.list_asset_folders import ListAssetFolders

    from wikijs_typed.query._sync.assets import Documents, Images

__all__ = ["AssetsResource"]

ROOT = AssetFolder(id=0, slug="", name="", parent_id=None, path="")


class AssetsResource(Resource):
    """Assets: list by folder and kind, folders, upload, download, rename, delete."""

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
        """The assets directly in a folder (0: the root), optionally only `image` or `binary`."""
        folder = check_folder_id(folder_id)
        result = self._gql.list_assets(folder_id=folder, kind=kind_of(kind))
        listed = present(present(result.assets, "assets").list_, "an asset list")
        path = "" if folder == 0 else None
        return [
            Asset.from_fields(item, folder_id=folder, folder_path=path) for item in listed if item
        ]

    def folders(self, parent_folder_id: int = 0) -> builtins.list[AssetFolder]:
        """The folders directly in a folder (0: the root)."""
        parent = check_folder_id(parent_folder_id, "parent_folder_id")
        result = self._gql.list_asset_folders(parent_folder_id=parent)
        return _children(result, parent, "" if parent == 0 else None)

    # The SDK's name for `folders`.
    list_folders = folders

    def all_folders(self) -> builtins.list[AssetFolder]:
        """Every folder, with its path, walking the tree one level per request."""
        found_folders: builtins.list[AssetFolder] = []
        for level in self._levels():
            found_folders.extend(level)
        return found_folders

    def folder(self, folder_id: int) -> AssetFolder:
        """One folder, with its path; NotFoundError when there is none with this id."""
        wanted = check_folder_id(folder_id)
        if wanted == 0:
            return ROOT
        for level in self._levels():
            for candidate in level:
                if candidate.id == wanted:
                    return candidate
        raise NotFoundError(f"asset folder {wanted} does not exist")

    def iter_all(self, kind: str | None = None) -> Iterator[Asset]:
        """Every asset in every folder, lazily, with its folder's path."""
        wanted = kind_of(kind)
        for asset in self._assets_of([ROOT], wanted):
            yield asset
        for level in self._levels():
            for asset in self._assets_of(level, wanted):
                yield asset

    def download(self, asset: Asset | int | str, destination: str | Path | None = None) -> bytes:
        """The file's bytes (also written to `destination` when given).

        `asset` is an Asset, an asset id, or the file's path (`folder/sub/name.png`).
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
        """Upload a file (a path, bytes or a binary file object) into a folder; returns it.

        Wiki.js stores the name lowercased with spaces, `,`, `;` and `#` made `_`, and a file
        of the same name in the same folder is replaced.
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
        """Create a folder (Wiki.js lowercases the slug and names it after the slug).

        ValidationError, before anything is sent, for a slug Wiki.js would not store as given
        (too long, control characters, `?`, `:`, ...).
        """
        clean = check_filename(slug, "slug")
        label = clean if name is None else rules.check_non_empty(name, "name")
        parent = self.folder(check_folder_id(parent_folder_id, "parent_folder_id"))
        result = self._gql.create_asset_folder(parent_folder_id=parent.id, slug=clean, name=label)
        check_field(result.assets, lambda assets: assets.create_folder, "assets.createFolder")
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
        """Rename an asset in its folder (the extension cannot change)."""
        rules.check_id(asset_id, "asset_id")
        result = self._gql.rename_asset(
            id=asset_id, filename=check_filename(new_filename, "new_filename")
        )
        check_field(result.assets, lambda assets: assets.rename_asset, "assets.renameAsset")
        return True

    def delete(self, asset_id: int) -> bool:
        """Delete an asset; NotFoundError when there is none with this id."""
        rules.check_id(asset_id, "asset_id")
        result = self._gql.delete_asset(id=asset_id)
        check_field(result.assets, lambda assets: assets.delete_asset, "assets.deleteAsset")
        return True

    # The folder tree.

    def _levels(self) -> Iterator[builtins.list[AssetFolder]]:
        """The folders below the root, one depth at a time, each level in one request."""
        from wikijs_graphql.list_asset_folders import ListAssetFolders

        parents: builtins.list[AssetFolder] = [ROOT]
        while parents:
            outcomes = self._engine.execute_many([_folders_request(p.id) for p in parents])
            level: builtins.list[AssetFolder] = []
            for parent, outcome in zip(parents, outcomes, strict=True):
                result = read_outcome(outcome, self._gql.get_data, ListAssetFolders)
                level.extend(_children(result, parent.id, parent.path))
            if level:
                yield level
            parents = level

    def _assets_of(self, folders: Sequence[AssetFolder], kind: AssetKind) -> builtins.list[Asset]:
        """The assets of several folders, in one request."""
        from wikijs_graphql.list_assets import ListAssets

        outcomes = self._engine.execute_many(
            [_assets_request(folder.id, kind) for folder in folders]
        )
        listed: builtins.list[Asset] = []
        for folder, outcome in zip(folders, outcomes, strict=True):
            result = read_outcome(outcome, self._gql.get_data, ListAssets)
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


def _folders_request(parent_id: int) -> GraphQLRequest:
    return prepared(lambda gql: gql.list_asset_folders(parent_folder_id=parent_id))


def _assets_request(folder_id: int, kind: AssetKind) -> GraphQLRequest:
    return prepared(lambda gql: gql.list_assets(folder_id=folder_id, kind=kind))
