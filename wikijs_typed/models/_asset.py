"""Assets (uploaded files) and asset folders."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from wikijs_typed.models._base import WikiModel

if TYPE_CHECKING:
    from wikijs_graphql.fragments import AssetFields, AssetFolderFields

__all__ = ["Asset", "AssetFolder", "AssetKind"]

AssetKind = Literal["IMAGE", "BINARY"]


class AssetFolder(WikiModel):
    """A folder of assets; 0 is the root (which has no record of its own).

    Attributes:
        slug: The folder's name in URLs, unique among its siblings.
        parent_id: The folder this one is in (0 for the root); known when it was listed by
            its parent.
        path: Slash-separated slugs from the root, e.g. "docs/images"; "" for the root; None
            when the parent's path is unknown.
    """

    id: int
    slug: str
    name: str | None = None
    parent_id: int | None = None
    path: str | None = None

    @classmethod
    def from_fields(
        cls, fields: AssetFolderFields, *, parent_id: int, parent_path: str | None
    ) -> AssetFolder:
        """Build a folder from its parent's listing.

        Args:
            fields: The generated `AssetFolderFields` selection of one listed folder.
            parent_id: The folder that was listed (0 for the root).
            parent_path: That folder's path ("" for the root), or None when unknown.

        Returns:
            The folder; its path is known when its parent's is.
        """
        path = None if parent_path is None else f"{parent_path}/{fields.slug}".lstrip("/")
        return cls(id=fields.id, slug=fields.slug, name=fields.name, parent_id=parent_id, path=path)


class Asset(WikiModel):
    """An uploaded file. Wiki.js lists assets by folder, so the folder is known from the listing.

    Attributes:
        filename: The file's name as stored: Wiki.js lowercases it and replaces spaces.
        ext: The extension, with its dot: ".png".
        kind: "IMAGE" for images, "BINARY" for any other file.
        file_size: The size in bytes.
        metadata: What Wiki.js recorded about the file, as a JSON string, if anything.
        folder_id: The folder it is in; 0 for the root.
        folder_path: The folder's slugs from the root ("" for the root), when known: part of
            the download address.
    """

    id: int
    filename: str
    ext: str
    kind: AssetKind
    mime: str
    file_size: int
    created_at: datetime
    updated_at: datetime
    metadata: str | None = None
    folder_id: int = 0
    folder_path: str | None = None

    @classmethod
    def from_fields(cls, fields: AssetFields, *, folder_id: int, folder_path: str | None) -> Asset:
        """Build an asset from its folder's listing.

        Args:
            fields: The generated `AssetFields` selection of one listed asset.
            folder_id: The folder that was listed (0 for the root).
            folder_path: That folder's path ("" for the root), or None when unknown.

        Returns:
            The asset.
        """
        kind: AssetKind = "IMAGE" if fields.kind.value == "IMAGE" else "BINARY"
        return cls(
            id=fields.id,
            filename=fields.filename,
            ext=fields.ext,
            kind=kind,
            mime=fields.mime,
            file_size=fields.file_size,
            created_at=fields.created_at,
            updated_at=fields.updated_at,
            metadata=fields.metadata,
            folder_id=folder_id,
            folder_path=folder_path,
        )

    @property
    def url_path(self) -> str | None:
        """Where Wiki.js serves the file (`/<folder path>/<filename>`), when the folder is known."""
        if self.folder_path is None:
            return None
        return f"/{self.folder_path}/{self.filename}" if self.folder_path else f"/{self.filename}"

    @property
    def size_kb(self) -> float:
        """The size in kibibytes (1024 bytes)."""
        return self.file_size / 1024

    @property
    def size_mb(self) -> float:
        """The size in mebibytes (1024 * 1024 bytes)."""
        return self.file_size / (1024 * 1024)
