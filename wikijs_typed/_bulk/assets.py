"""Assets in the folder, both ways, by the wiki's folder tree.

The layout is `DIR/<folder path>/<file name>`, as Wiki.js's disk storage dumps them. Wiki.js
tells an asset's size and update time but no digest of its bytes, so the state file keeps one
per file: an export downloads only assets whose update time or size moved, an import uploads
only files whose bytes differ from what was last synced (or, for a file the state does not
know, from the asset on the wiki, downloaded once to compare). Uploads and folder creation go
through the assets resource, one at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from wikijs_typed._bulk import files
from wikijs_typed._bulk.pagefile import to_iso_string
from wikijs_typed._bulk.paths import UnsafePathError, check_relative
from wikijs_typed._bulk.report import Report, ReportEntry, reason
from wikijs_typed._bulk.state import AssetRecord, FolderState
from wikijs_typed._resources.sansio.assets import stored_filename
from wikijs_typed.client import WikiJSClient
from wikijs_typed.exceptions import WikiJSError
from wikijs_typed.models import Asset, AssetFolder

__all__ = ["export_assets", "import_assets"]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _name(asset: Asset) -> str:
    return f"{asset.folder_path or ''}/{asset.filename}".lstrip("/")


def _record(asset: Asset, data: bytes) -> AssetRecord:
    return AssetRecord(
        id=asset.id,
        updated_at=to_iso_string(asset.updated_at),
        size=asset.file_size,
        fingerprint=_digest(data),
    )


def export_assets(
    client: WikiJSClient,
    root: Path,
    state: FolderState,
    report: Report,
    remove: Callable[[str], bool],
) -> None:
    """Download new and changed assets; remove (with `remove`) the files of deleted ones."""
    assets = list(client.assets.iter_all())
    report.listener.begin("export assets", len(assets))
    for asset in assets:
        name = _name(asset)
        known = state.assets.get(name)
        unchanged = (
            known is not None
            and (known.id, known.updated_at, known.size)
            == (asset.id, to_iso_string(asset.updated_at), asset.file_size)
            and (root / name).is_file()
        )
        if unchanged:
            report.add(ReportEntry("unchanged", name))
        else:
            try:
                data = client.assets.download(asset)
                files.write_bytes(root, check_relative(name), data)
            except (OSError, UnsafePathError, WikiJSError) as exc:
                report.add(ReportEntry("write", name, False, reason(exc)))
            else:
                state.assets[name] = _record(asset, data)
                state.save(root)
                report.add(ReportEntry("write", name))
        report.listener.advance(1)
    live = {asset.id for asset in assets}
    for name, known_asset in list(state.assets.items()):
        if known_asset.id not in live and remove(name):
            del state.assets[name]
    state.save(root)


class _Uploads:
    def __init__(
        self, client: WikiJSClient, root: Path, state: FolderState, report: Report
    ) -> None:
        self.client, self.root, self.state, self.report = client, root, state, report
        self.assets = {_name(asset): asset for asset in client.assets.iter_all()}
        self.folders = {folder.path or "": folder for folder in client.assets.all_folders()}

    def plan(self, relative: PurePosixPath) -> tuple[str, bytes] | None:
        """Where the file goes on the wiki and its bytes, or None when the wiki has them."""
        name = relative.as_posix()
        data = (self.root / name).read_bytes()
        folder = relative.parent.as_posix().lower().strip(".")
        target = f"{folder}/{stored_filename(relative.name)}".lstrip("/")
        known = self.state.assets.get(name)
        on_wiki = self.assets.get(target)
        if on_wiki is not None and known is not None and known.fingerprint == _digest(data):
            # Untouched here since the last sync (a change on the wiki is not undone).
            self.report.add(ReportEntry("unchanged", name))
            return None
        if (
            on_wiki is not None
            and known is None
            and on_wiki.file_size == len(data)
            and self.client.assets.download(on_wiki) == data
        ):
            self.state.assets[name] = _record(on_wiki, data)
            self.report.add(ReportEntry("unchanged", name, True, "the wiki already has it"))
            return None
        return target, data

    def upload(self, relative: PurePosixPath, target: str, data: bytes) -> None:
        name = relative.as_posix()
        try:
            folder = self._folder(PurePosixPath(target).parent.as_posix().strip("."))
            asset = self.client.assets.upload(data, folder_id=folder.id, filename=relative.name)
        except WikiJSError as exc:
            self.report.add(ReportEntry("upload", name, False, reason(exc)))
            return
        self.state.assets[name] = _record(asset, data)
        self.state.save(self.root)
        self.report.add(ReportEntry("upload", name, True, f"as {_name(asset)}"))

    def _folder(self, path: str) -> AssetFolder:
        """The folder at `path`, made (with its parents) when the wiki has none."""
        found = self.folders.get(path)
        if found is not None:
            return found
        parent_path, _, slug = path.rpartition("/")
        parent = self._folder(parent_path) if parent_path else self.folders[""]
        made = self.client.assets.create_folder(slug, parent.id)
        self.folders[path] = made
        return made


def import_assets(
    client: WikiJSClient, root: Path, state: FolderState, report: Report, *, dry_run: bool
) -> None:
    """Upload the folder's non-page files that the wiki does not have as they are."""
    local = []
    for found in files.scan(root, pages=False):
        if found.problem is None:
            local.append(found)
        else:
            report.add(ReportEntry("skip", found.relative.as_posix(), False, found.problem))
    uploads = _Uploads(client, root, state, report)
    uploads.folders.setdefault("", AssetFolder(id=0, slug="", name="", path=""))
    planned = [(found.relative, uploads.plan(found.relative)) for found in local]
    todo = [(relative, plan) for relative, plan in planned if plan is not None]
    report.listener.begin("upload assets", 0 if dry_run else len(todo))
    for relative, (target, data) in todo:
        if dry_run:
            report.add(ReportEntry("upload", relative.as_posix(), True, f"as {target}"))
        else:
            uploads.upload(relative, target, data)
            report.listener.advance(1)
    if not dry_run:
        state.save(root)
