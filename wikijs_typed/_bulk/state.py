"""The state file an export leaves in its folder, and every later export or import updates.

It records, for every file, which page it holds and the page's update time when the file was
last synced, with the file's fingerprint then. That is what makes runs incremental (only
pages whose update time moved are read again), resumable (it is saved every few hundred pages, so
a rerun continues where an interrupted one stopped) and safe (a page changed on the server
since it was synced is a conflict, not something to overwrite).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from wikijs_typed.exceptions import ConfigurationError

__all__ = ["STATE_FILE", "AssetRecord", "FolderState", "PageRecord", "StateError"]

STATE_FILE = ".wikijs-typed.json"
STATE_VERSION = 1


class StateError(ConfigurationError):
    """The state file is unreadable, or belongs to another wiki."""


class PageRecord(BaseModel):
    """One page file as last synced."""

    model_config = ConfigDict(frozen=True)

    id: int
    locale: str
    path: str
    updated_at: str
    fingerprint: str


class AssetRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    updated_at: str
    size: int
    # The bytes' SHA-256 when last synced (Wiki.js tells no digest of its own).
    fingerprint: str = ""


class FolderState(BaseModel):
    """The whole state file: the wiki it syncs with, and its files (keyed by relative path)."""

    version: int = STATE_VERSION
    url: str
    pages: dict[str, PageRecord] = Field(default_factory=dict)
    assets: dict[str, AssetRecord] = Field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> FolderState | None:
        """The folder's state, or None when it has never been synced."""
        file = root / STATE_FILE
        if not file.exists():
            return None
        if file.is_symlink():
            raise StateError(f"{file} is a symbolic link; refusing to read it")
        try:
            return cls.model_validate_json(file.read_bytes())
        except (OSError, PydanticValidationError) as exc:
            raise StateError(f"{file} is not a state file this tool can read: {exc}") from exc

    @classmethod
    def for_wiki(cls, root: Path, url: str, *, other_wiki: bool = False) -> FolderState:
        """The folder's state for syncing with `url`: a new one when there is none.

        Raises:
            StateError: when the folder was synced with another wiki, unless `other_wiki` (then the
                old records are dropped: their ids mean nothing on this wiki).
        """
        state = cls.load(root)
        if state is None:
            return cls(url=url)
        if state.url != url:
            if not other_wiki:
                raise StateError(
                    f"{root} was synced with {state.url}, not {url}; pass --other-wiki to use"
                    " it with this wiki anyway (its records of the other wiki are dropped)"
                )
            return cls(url=url)
        return state

    def save(self, root: Path) -> None:
        """Write the state atomically (a crash leaves the old state or the new, never half)."""
        root.mkdir(parents=True, exist_ok=True)
        data = self.model_dump_json(indent=1).encode("utf-8")
        handle, temporary = tempfile.mkstemp(dir=root, prefix=".wikijs-typed.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data + b"\n")
            os.replace(temporary, root / STATE_FILE)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def files_by_id(self) -> dict[int, str]:
        """Which file holds each page."""
        return {record.id: relative for relative, record in self.pages.items()}
