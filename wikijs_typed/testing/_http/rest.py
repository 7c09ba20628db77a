"""The two non-GraphQL routes the API needs: `POST /u` (upload) and `GET /<path>` (download).

Both behave as on Wiki.js 2.5.314: uploads are multipart with a `mediaUpload`
metadata part (`{"folderId": N}`) and one file part, filenames are lowercased and sanitised,
a second upload of the same name replaces the file in place; downloads need read:assets on
the file's path (a bare 403 before any lookup), force non-images to download, and URLs
ending in a page extension (.md, .html, .txt) or without a dot are page views (`pageview`).
"""

from __future__ import annotations

import json
import mimetypes
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

from python_multipart.multipart import MultipartParser, parse_options_header

from wikijs_typed.testing._http import pageview
from wikijs_typed.testing._http.wire import (
    Request,
    Response,
    error_page,
    json_response,
    text_response,
)
from wikijs_typed.testing._wiki.permissions import check_access
from wikijs_typed.testing._wiki.render import _LOCALE_SEGMENT
from wikijs_typed.testing._wiki.state import DEFAULT_LOCALE, Asset
from wikijs_typed.testing._wiki.wiki import Context

_IMAGE_EXTENSIONS = (
    ".png",
    ".apng",
    ".jpg",
    ".jpeg",
    ".gif",
    ".bmp",
    ".webp",
    ".tiff",
    ".ico",
    ".avif",
)
_UNSAFE = re.compile(r'[/?<>\\:*|"\x00-\x1f\x80-\x9f]')
_ONLY_DOTS = re.compile(r"^\.+$")
_MAX_NAME_BYTES = 255
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def sanitize_filename(name: str) -> str:
    """What the `sanitize-filename` package (1.6.3) leaves of a name.

    Unsafe characters removed, a name of only dots or a Windows device name emptied, trailing
    dots and spaces dropped, then cut to 255 bytes of UTF-8 (never inside a character).
    """
    cleaned = _UNSAFE.sub("", name)
    if _ONLY_DOTS.match(cleaned) or _WINDOWS_RESERVED.match(cleaned):
        return ""
    cut = cleaned.rstrip(". ")[:_MAX_NAME_BYTES]
    while len(cut.encode(errors="surrogatepass")) > _MAX_NAME_BYTES:
        cut = cut[:-1]
    return cut


def upload_name(name: str) -> str:
    return sanitize_filename(re.sub(r"[\s,;#]+", "_", name.lower()))


def extension(filename: str) -> str:
    """Node's path.extname: '' for dotfiles and names without a dot."""
    dot = filename.rfind(".")
    return filename[dot:] if dot > 0 else ""


@dataclass
class _Part:
    headers: dict[str, str] = field(default_factory=dict)
    data: bytearray = field(default_factory=bytearray)

    @property
    def disposition(self) -> dict[str, str]:
        _, options = parse_options_header(self.headers.get("content-disposition", ""))
        return {k.decode(): v.decode("utf-8", errors="replace") for k, v in options.items()}


def parse_multipart(request: Request) -> list[_Part]:
    _, options = parse_options_header(request.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if not boundary:
        return []
    parts: list[_Part] = []
    header: dict[str, bytearray] = {"field": bytearray(), "value": bytearray()}

    def on_part_begin() -> None:
        parts.append(_Part())

    def on_part_data(data: bytes, start: int, end: int) -> None:
        parts[-1].data.extend(data[start:end])

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header["field"].extend(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header["value"].extend(data[start:end])

    def on_header_end() -> None:
        name = header["field"].decode("latin-1").strip().lower()
        parts[-1].headers[name] = header["value"].decode("utf-8", errors="replace").strip()
        header["field"], header["value"] = bytearray(), bytearray()

    callbacks: Any = {
        "on_part_begin": on_part_begin,
        "on_part_data": on_part_data,
        "on_header_field": on_header_field,
        "on_header_value": on_header_value,
        "on_header_end": on_header_end,
    }
    parser = MultipartParser(boundary, callbacks)
    try:
        parser.write(request.body)
        parser.finalize()
    except Exception:  # a broken body yields whatever parts were complete
        return parts
    return parts


def _refusal(status: int, message: str) -> Response:
    return json_response(status, {"succeeded": False, "message": message})


def upload(context: Context, request: Request) -> Response:
    db, user = context.db, context.user
    if user is None or not check_access(db, user, ["write:assets"]):
        return _refusal(403, "You are not authorized to upload files.")
    parts = parse_multipart(request)
    fields = [
        p
        for p in parts
        if "filename" not in p.disposition and p.disposition.get("name") == "mediaUpload"
    ]
    files = [p for p in parts if "filename" in p.disposition]
    if not fields:
        return _refusal(400, "Missing upload folder metadata.")
    try:
        metadata = json.loads(bytes(fields[0].data).decode("utf-8"))
        folder_id = metadata.get("folderId") if isinstance(metadata, dict) else None
    except (ValueError, UnicodeDecodeError):
        return _refusal(400, "Invalid upload folder metadata.")
    if not files:
        return _refusal(400, "Missing upload payload.")
    if len(files) > 1:
        return _refusal(400, "You cannot upload multiple files within the same request.")
    folder_id = folder_id or None
    if folder_id is not None and db.folders.get(folder_id) is None:
        return error_page(500, "Invalid folder")
    part = files[0]
    filename = upload_name(part.disposition.get("filename", ""))
    folder = db.folder_path(folder_id)
    asset_path = f"{folder}/{filename}" if folder else filename
    if not check_access(db, user, ["write:assets"], {"path": asset_path}):
        return _refusal(403, "You are not authorized to upload files to this folder.")
    mime = part.headers.get("content-type", "application/octet-stream")
    store_asset(context, filename, folder_id, mime, bytes(part.data))
    return text_response(200, "ok")


def store_asset(
    context: Context, filename: str, folder_id: int | None, mime: str, data: bytes
) -> Asset:
    db, now = context.db, context.wiki.now()
    kind = "image" if mime.startswith("image/") else "binary"
    user_id = context.user.id if context.user else 1
    existing = next(
        (a for a in db.assets.scan() if a.filename == filename and a.folder_id == folder_id), None
    )
    if existing is not None:
        existing.ext, existing.kind, existing.mime = extension(filename), kind, mime
        existing.file_size, existing.data, existing.author_id = len(data), data, user_id
        existing.updated_at = now
        db.assets.touch(existing)
        asset = existing
    else:
        asset = db.assets.insert(
            Asset(
                id=db.assets.next_id(),
                filename=filename,
                ext=extension(filename),
                kind=kind,
                mime=mime,
                file_size=len(data),
                folder_id=folder_id,
                author_id=user_id,
                created_at=now,
                updated_at=now,
                data=data,
            )
        )
    db.asset_cache.add(db.asset_path(asset))
    return asset


@dataclass(frozen=True)
class RoutePath:
    """What pageHelper.parsePath makes of a URL path, and whether the route serves a page."""

    path: str
    locale: str
    explicit_locale: bool
    is_page: bool


def route_path(raw: str, page_extensions: tuple[str, ...]) -> RoutePath:
    """Whether a URL is a page view or an asset download, as Wiki.js's common controller decides.

    A URL ending in a page extension, or whose path has no dot, is a page view; anything else is
    an asset download.
    """
    strip = any(raw.endswith(f".{ext}") for ext in page_extensions)
    text = unquote(raw).strip().lstrip("/") or "home"
    parts = [p for p in text.split("/") if p.strip() and p not in (".", "..")]
    if parts and len(parts[0]) == 1:
        parts.pop(0)
    locale, explicit = DEFAULT_LOCALE, False
    if parts and _LOCALE_SEGMENT.match(parts[0]):
        locale, explicit = parts.pop(0), True
    if strip and parts and "." in parts[-1][1:]:
        parts[-1] = parts[-1].rsplit(".", 1)[0]
    path = "/".join(parts)
    return RoutePath(path, locale, explicit, strip or "." not in path)


def download(context: Context, raw_path: str) -> Response:
    """`GET /<path>`: a page view, or an asset, which needs read:assets on its path."""
    db = context.db
    route = route_path(raw_path, db.site.page_extensions)
    if route.is_page:
        return pageview.view(context, raw_path, route.path, route.locale)
    path, target = route.path, {"path": route.path, "locale": route.locale}
    if context.user is None or not check_access(db, context.user, ["read:assets"], target):
        return text_response(403, "Forbidden", "text/plain; charset=utf-8")
    asset = next((a for a in db.assets.scan() if db.asset_path(a) == path), None)
    if asset is None:
        return text_response(404, "Not Found", "text/plain; charset=utf-8")
    content_type = mimetypes.guess_type(asset.filename)[0] or "application/octet-stream"
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"
    headers = [("content-type", content_type)]
    if path in db.asset_cache:
        headers.append(("cache-control", "public, max-age=0"))
    db.asset_cache.add(path)
    if db.site.upload_force_download and asset.ext.lower() not in _IMAGE_EXTENSIONS:
        name = quote(asset.filename, safe="!~*'()")  # like encodeURIComponent
        headers.append(("content-disposition", f"attachment; filename={name}"))
    headers.append(("content-length", str(len(asset.data))))
    return Response(200, asset.data, headers)
