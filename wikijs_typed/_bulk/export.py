"""`export`: the wiki's pages (and, if asked, its assets) into a folder, incrementally.

One listing says every page's path and update time; only pages the state file does not have
at that update time are read, in batches (`pages.try_get_many`), and the state is saved every
few hundred pages written, so an interrupted export resumes where it stopped. Files of pages
deleted on the server are removed. A file edited in the folder since it was exported is not
overwritten when its page changed too: that is a conflict, reported and left alone unless
`overwrite`.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from wikijs_typed._bulk import files
from wikijs_typed._bulk.assets import export_assets
from wikijs_typed._bulk.pagefile import PageFileError, parse, render, to_iso_string
from wikijs_typed._bulk.paths import PageLocation, UnsafePathError, check_relative, page_file
from wikijs_typed._bulk.report import Listener, Report, ReportEntry, SilentListener, reason
from wikijs_typed._bulk.state import FolderState, PageRecord
from wikijs_typed.client import WikiJSClient
from wikijs_typed.models import Page
from wikijs_typed.models._batch import BatchFailure, BatchResult

__all__ = ["READ_SIZE", "ExportOptions", "export_wiki"]

# Pages read per `try_get_many` call: one JSON-array request of the engine's size.
READ_SIZE = 50
# Reads in flight while pages are written, as many as the engine itself sends at a time.
READS_AHEAD = 4
# Pages written between two saves of the state file (each save writes all of it).
SAVE_EVERY = 200
# What a conflict leaves as it is: the file, edited here.
_KEPT_CHANGED = "edited here and changed on the wiki; the file is kept"
_KEPT_DELETED = "edited here and deleted on the wiki; the file is kept"


@dataclass(frozen=True, slots=True)
class ExportOptions:
    url: str
    other_wiki: bool = False
    assets: bool = False
    overwrite: bool = False
    locale: str | None = None


def _edited_locally(root: Path, relative: str, record: PageRecord) -> bool:
    """Whether the file no longer says what was last synced (a person edited it)."""
    path = PurePosixPath(relative)
    try:
        text = files.read_text(root, path)
        return text is not None and parse(text, path.suffix).fingerprint() != record.fingerprint
    except (OSError, UnicodeDecodeError, PageFileError, UnsafePathError):
        return True


class _Export:
    def __init__(
        self, client: WikiJSClient, root: Path, options: ExportOptions, report: Report
    ) -> None:
        self.client, self.root, self.options, self.report = client, root, options, report
        self.state = FolderState.for_wiki(root, options.url, other_wiki=options.other_wiki)
        self.unsaved = 0

    def run(self) -> None:
        self.client.test_connection()
        listed = self.client.pages.list(locale=self.options.locale)
        changed = self._changed(listed)
        self.report.listener.begin("export pages", len(changed))
        try:
            self._export_pages(changed)
            self._remove_deleted({page.id for page in listed})
        finally:
            # Stopped or not (Ctrl-C, a lost connection), every file written is recorded: a
            # rerun reads only what is still missing.
            self.state.save(self.root)
        if self.options.assets:
            export_assets(self.client, self.root, self.state, self.report, self._remove)

    def _export_pages(self, changed: list[tuple[Page, str, str | None]]) -> None:
        batches = [changed[i : i + READ_SIZE] for i in range(0, len(changed), READ_SIZE)]
        # Reads run a few requests ahead of the writing, each on its own thread: the server's
        # work and ours overlap, and the first files are written after one round trip.
        with ThreadPoolExecutor(max_workers=READS_AHEAD) as reader:
            upcoming = deque(reader.submit(self._read, batch) for batch in batches[:READS_AHEAD])
            for index, batch in enumerate(batches):
                result = upcoming.popleft().result()
                if index + READS_AHEAD < len(batches):
                    upcoming.append(reader.submit(self._read, batches[index + READS_AHEAD]))
                self._export_batch(batch, result)

    def _changed(self, listed: list[Page]) -> list[tuple[Page, str, str | None]]:
        """The pages to read: new, updated or moved since the last export, or whose file is gone.

        The others are reported unchanged.
        """
        files_by_id = self.state.files_by_id()
        changed: list[tuple[Page, str, str | None]] = []
        for page in listed:
            try:
                relative = page_file(PageLocation(page.locale, page.path), page.content_type)
            except UnsafePathError as exc:
                self.report.add(
                    ReportEntry("write", f"page {page.id} ({page.url_path})", False, str(exc))
                )
                continue
            name = relative.as_posix()
            record = self.state.pages.get(name)
            if (
                files_by_id.get(page.id) == name
                and record is not None
                and record.updated_at == to_iso_string(page.updated_at)
                and (self.root / name).is_file()
            ):
                self.report.add(ReportEntry("unchanged", name))
            else:
                changed.append((page, name, files_by_id.get(page.id)))
        return changed

    def _read(self, batch: list[tuple[Page, str, str | None]]) -> BatchResult[Page]:
        return self.client.pages.try_get_many([page.id for page, _, _ in batch])

    def _export_batch(
        self, batch: list[tuple[Page, str, str | None]], result: BatchResult[Page]
    ) -> None:
        for (_, name, old_name), outcome in zip(batch, result.outcomes, strict=True):
            if isinstance(outcome, BatchFailure):
                self.report.add(ReportEntry("write", name, False, reason(outcome.error)))
            else:
                self._write_page(outcome, name, old_name)
        self.report.listener.advance(len(batch))
        self.unsaved += len(batch)
        if self.unsaved >= SAVE_EVERY:
            # A rerun after an interruption starts from here.
            self.state.save(self.root)
            self.unsaved = 0

    def _write_page(self, page: Page, name: str, old_name: str | None) -> None:
        if not self.options.overwrite:
            for candidate in {name, old_name} - {None}:
                assert candidate is not None
                record = self.state.pages.get(candidate)
                if record is not None and _edited_locally(self.root, candidate, record):
                    self.report.add(ReportEntry("conflict", candidate, True, _KEPT_CHANGED))
                    return
        relative = PurePosixPath(name)
        text, written = render(page, relative.suffix)
        try:
            files.write_text(self.root, relative, text)
            if old_name is not None and old_name != name:
                files.remove(self.root, check_relative(old_name))
                del self.state.pages[old_name]
        except (OSError, UnsafePathError) as exc:
            self.report.add(ReportEntry("write", name, False, reason(exc)))
            return
        self.state.pages[name] = PageRecord(
            id=page.id,
            locale=page.locale,
            path=page.path,
            # What `render` wrote: the update time and the fingerprint.
            updated_at=written.updated_at or to_iso_string(page.updated_at),
            fingerprint=written.content_hash or written.fingerprint(),
        )
        moved = f"moved from {old_name}" if old_name not in (None, name) else ""
        self.report.add(ReportEntry("write", name, True, moved))

    def _remove_deleted(self, live: set[int]) -> None:
        for name, record in list(self.state.pages.items()):
            if record.id in live:
                continue
            if self.options.locale is not None and record.locale != self.options.locale:
                continue
            if not self.options.overwrite and _edited_locally(self.root, name, record):
                self.report.add(ReportEntry("conflict", name, True, _KEPT_DELETED))
                continue
            if self._remove(name):
                del self.state.pages[name]

    def _remove(self, name: str) -> bool:
        """Remove the file of something deleted on the wiki; False (reported) if it fails."""
        try:
            files.remove(self.root, check_relative(name))
        except (OSError, UnsafePathError) as exc:
            self.report.add(ReportEntry("remove", name, False, reason(exc)))
            return False
        self.report.add(ReportEntry("remove", name, True, "deleted on the wiki"))
        return True


def export_wiki(
    client: WikiJSClient,
    root: Path,
    options: ExportOptions,
    listener: Listener | None = None,
) -> Report:
    """Export into `root`; every page's (and asset's) outcome is in the report.

    StateError (before any request) when `root` was exported from another wiki.
    """
    report = Report(listener or SilentListener())
    _Export(client, root, options, report).run()
    return report
