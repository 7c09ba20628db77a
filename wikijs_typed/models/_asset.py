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
    """A folder of assets; 0 is the root (which has no record of its own)."""

    id: int
    slug: str
    name: str | None = None
    # The folder this one is in (0 for the root); known when it was listed by its parent.
    parent_id: int | None = None
    # Slash-separated slugs from the root, e.g. "docs/images"; "" for the root.
    path: str | None = None

    @classmethod
    def from_fields(
        cls, fields: AssetFolderFields, *, parent_id: int, parent_path: str | None
    ) -> AssetFolder:
        """A listed folder; its path is known when its parent's is."""
        path = None if parent_path is None else f"{parent_path}/{fields.slug}".lstrip("/")
        return cls(id=fields.id, slug=fields.slug, name=fields.name, parent_id=parent_id, path=path)


class Asset(WikiModel):
    """An uploaded file. Wiki.js lists assets by folder, so the folder is known from the listing."""

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
    # The folder's slugs from the root ("" for the root), when known: the download address.
    folder_path: str | None = None

    @classmethod
    def from_fields(cls, fields: AssetFields, *, folder_id: int, folder_path: str | None) -> Asset:
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
        return self.file_size / 1024

    @property
    def size_mb(self) -> float:
        return self.file_size / (1024 * 1024)
