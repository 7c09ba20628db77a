"""Asset logic without I/O: arguments, the upload request, and what the REST routes answer.

Upload and download are not GraphQL in Wiki.js 2.5: a multipart `POST /u` with two
parts both named `mediaUpload` (`{"folderId": N}` first, then the file), answered `ok` or a
JSON `{succeeded: false, message}`; and `GET /<folder slugs>/<filename>`.
"""

from __future__ import annotations

import json
import mimetypes
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

import httpx
from wikijs_graphql.enums import AssetKind

from wikijs_typed._pipeline.transport import UPLOAD_PATH
from wikijs_typed.exceptions import (
    ClientError,
    ForbiddenError,
    GraphQLErrorDetail,
    NotFoundError,
    ServerError,
    ValidationError,
    WikiJSError,
)
from wikijs_typed.models import _rules as rules

__all__ = [
    "UPLOAD_PATH",
    "FileInput",
    "Upload",
    "check_destination",
    "download_failure",
    "download_path",
    "kind_of",
    "stored_filename",
    "upload_failure",
]

# Wiki.js serves URLs with these extensions as pages (its default `pageExtensions`), so assets
# named like that cannot be downloaded by URL.
PAGE_EXTENSIONS = (".md", ".html", ".txt")
_RENAMED = re.compile(r"[\s,;#]+")
_EXCERPT = 200
# What Wiki.js's `sanitize-filename` (1.6.3) removes from folder slugs and file names: it would
# store a different name than the one given (or an empty one), and the client could not find
# the folder or file it made.
_UNSANITARY = re.compile(r'[/?<>\\:*|"\x00-\x1f\x80-\x9f]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
_MAX_NAME_BYTES = 255

FileInput = str | os.PathLike[str] | bytes | BinaryIO


def kind_of(kind: object) -> AssetKind:
    """`image`, `binary`, `all` (any case) or an AssetKind; None means all."""
    if kind is None:
        return AssetKind.ALL
    if isinstance(kind, AssetKind):
        return kind
    if isinstance(kind, str) and kind.upper() in AssetKind.__members__:
        return AssetKind[kind.upper()]
    raise ValidationError("kind must be 'image', 'binary' or 'all'", field="kind")


def check_folder_id(folder_id: object, name: str = "folder_id") -> int:
    """0 (the root) or a folder id."""
    return rules.check_offset(folder_id, name)


def check_filename(filename: object, name: str = "filename") -> str:
    """A file or folder name that Wiki.js stores as given (apart from lowercasing it)."""
    text = rules.check_non_empty(filename, name).strip()
    if "/" in text or "\\" in text:
        raise ValidationError(f"{name} must be a file name, not a path", field=name)
    if _UNSANITARY.search(text):
        raise ValidationError(
            f'{name} must not contain control characters or any of ? < > : * | "', field=name
        )
    if not text.strip("."):
        raise ValidationError(f"{name} must not be only dots", field=name)
    if text.endswith("."):
        raise ValidationError(f"{name} must not end with a dot", field=name)
    if _WINDOWS_RESERVED.match(text):
        raise ValidationError(f"{name} must not be a reserved device name", field=name)
    if len(text.encode()) > _MAX_NAME_BYTES:
        raise ValidationError(f"{name} must be at most {_MAX_NAME_BYTES} bytes long", field=name)
    return text


def check_destination(destination: object) -> Path | None:
    """Where a download is written: None (nowhere), or a file path.

    The path is given as text or os.PathLike, in a folder that exists (checked before the
    download, not after it).
    """
    if destination is None:
        return None
    if isinstance(destination, os.PathLike):
        destination = os.fspath(destination)
    if not isinstance(destination, str):
        raise ValidationError("destination must be a path", field="destination")
    target = Path(rules.check_non_empty(destination, "destination"))
    if target.is_dir():
        raise ValidationError("destination is a folder, not a file path", field="destination")
    if not target.parent.is_dir():
        raise ValidationError("destination's folder does not exist", field="destination")
    return target


def stored_filename(filename: str) -> str:
    """The name Wiki.js stores an upload under.

    Lowercased, runs of whitespace, `,`, `;` and `#` made `_` (`Release Notes #1.TXT` →
    `release_notes_1.txt`).
    """
    return _RENAMED.sub("_", filename.strip()).lower()


def _read_file(file: str | os.PathLike[str]) -> bytes:
    """The bytes of a local file to upload; ValidationError when it cannot be read."""
    path = Path(file)
    try:
        return path.read_bytes()
    except (OSError, ValueError) as exc:
        # The message names the path (the caller's own) but not the contents.
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a file"
        raise ValidationError(f"cannot read {path}: {reason}", field="file") from None


@dataclass(frozen=True)
class Upload:
    """A checked upload: the file's name, bytes and type, and the target folder."""

    folder_id: int
    filename: str
    content: bytes
    content_type: str

    @classmethod
    def build(
        cls,
        file: object,
        *,
        folder_id: object,
        filename: object,
        content_type: object,
    ) -> Upload:
        folder = check_folder_id(folder_id)
        name: object = filename
        if isinstance(file, str | os.PathLike):
            content = _read_file(file)
            name = Path(file).name if filename is None else filename
        elif isinstance(file, bytes | bytearray):
            content = bytes(file)
        elif hasattr(file, "read"):
            data = file.read()
            if not isinstance(data, bytes):
                raise ValidationError("file must be opened in binary mode", field="file")
            content = data
            given = getattr(file, "name", None)
            if filename is None and isinstance(given, str):
                name = Path(given).name
        else:
            raise ValidationError("file must be a path, bytes or a binary file", field="file")
        if name is None:
            raise ValidationError("filename is required when uploading bytes", field="filename")
        checked = check_filename(name)
        if content_type is not None and not isinstance(content_type, str):
            raise ValidationError("content_type must be a string", field="content_type")
        guessed = mimetypes.guess_type(checked)[0]
        return cls(folder, checked, content, content_type or guessed or "application/octet-stream")

    def form(self) -> dict[str, str]:
        """The metadata part; httpx sends form fields before files, as Wiki.js wants."""
        return {"mediaUpload": json.dumps({"folderId": self.folder_id})}

    def files(self) -> dict[str, tuple[str, bytes, str]]:
        return {"mediaUpload": (self.filename, self.content, self.content_type)}

    @property
    def stored_as(self) -> str:
        return stored_filename(self.filename)


def _message(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return str(body["message"])
    text = response.text.strip()
    return text[:_EXCERPT] or f"HTTP {response.status_code}"


def upload_failure(response: httpx.Response) -> WikiJSError | None:
    """None when `POST /u` answered `ok`, else the typed error its answer means."""
    status = response.status_code
    if status == 200 and response.text.strip() == "ok":
        return None
    message = _message(response)
    if status == 403:
        return ForbiddenError([GraphQLErrorDetail(message=message)])
    if status >= 500:
        return ServerError(f"upload failed: {message}", status_code=status, body_excerpt=message)
    return ClientError(f"upload refused: {message}", status_code=status, body_excerpt=message)


def download_path(folder_path: str, filename: str) -> str:
    """The URL path an asset is served at, each segment percent-encoded.

    ValidationError for a segment that is not a plain name (`..`, a control character, ...):
    the request would ask for another address than the asset's.
    """
    segments = [s for s in folder_path.split("/") if s] + [filename]
    for segment in segments:
        check_filename(segment, "asset")
    return "/" + "/".join(quote(segment) for segment in segments)


def download_failure(response: httpx.Response, path: str) -> WikiJSError | None:
    """None for a served file, else the typed error (NotFoundError for 404)."""
    status = response.status_code
    if status < 300:
        return None
    hint = ""
    if path.lower().endswith(PAGE_EXTENSIONS):
        hint = " (Wiki.js serves .md, .html and .txt addresses as pages, not as assets)"
    if status == 404:
        return NotFoundError(f"no asset at {path}{hint}")
    message = _message(response)
    if status >= 500:
        return ServerError(
            f"download of {path} failed with HTTP {status}{hint}",
            status_code=status,
            body_excerpt=message,
        )
    return ClientError(
        f"download of {path} refused with HTTP {status}{hint}",
        status_code=status,
        body_excerpt=message,
    )
