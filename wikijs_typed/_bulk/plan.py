"""`import` planning: what each file in the folder asks of the wiki.

A file's page is the one the state file (or, in a folder synced with this wiki, the file's own
front matter) says it was exported from; otherwise the page at the file's locale and path.
Then, per file:
- no such page: create it;
- the file says what it said when last synced: nothing to write (or a move, when the file
  was moved);
- the file changed, the page did not: update (a move too when the file was moved);
- both changed: a conflict, unless the page already says what the file says.
Files with no record (plain Markdown, Wiki.js's own storage folder) are compared with the page
itself, read in one batch. With `prune`, pages no file stands for are deleted.
Making the plan sends no write: one identity check, one listing and, when needed, batched reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Literal

from wikijs_typed._bulk import files
from wikijs_typed._bulk.pagefile import PageFile, parse, render, to_iso_string
from wikijs_typed._bulk.paths import EXTENSIONS, PageLocation, location_of_file
from wikijs_typed._bulk.report import Report, ReportEntry, plural, reason
from wikijs_typed._bulk.state import FolderState, PageRecord
from wikijs_typed.client import WikiJSClient
from wikijs_typed.exceptions import ValidationError, WikiJSError
from wikijs_typed.models import Page, PageCreate, PageUpdate
from wikijs_typed.models._batch import BatchFailure

__all__ = ["ConflictPolicy", "ImportOptions", "Plan", "PlanRefusedError", "Step", "make_plan"]

ConflictPolicy = Literal["skip", "overwrite", "fail"]
StepAction = Literal["create", "update", "move", "delete", "unchanged", "conflict"]
# The editor a new page gets when its file does not name one.
DEFAULT_EDITORS = {".md": "markdown", ".html": "code"}
# What each conflict policy does with a file and a page that both changed since the last sync.
_CONFLICT_LEFT = "changed on the wiki and in the file; left alone"
_CONFLICT_OVERWRITTEN = (
    "changed on the wiki and in the file; the file's version replaces the wiki's"
    " (--on-conflict overwrite)"
)
_CONFLICT_REFUSED = "changed on the wiki and in the file; nothing written (--on-conflict fail)"


class PlanRefusedError(WikiJSError):
    """The plan is not carried out: a guard tripped.

    The guards: too many deletes, and conflicts with `--on-conflict fail`. Nothing was written;
    `report` says what the run would have done (every step in a dry run, the refusing conflicts
    otherwise).
    """

    def __init__(self, message: str, *, report: Report | None = None) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True, slots=True)
class ImportOptions:
    url: str
    default_locale: str = "en"
    on_conflict: ConflictPolicy = "skip"
    prune: bool = False
    max_delete: int = 10
    other_wiki: bool = False


@dataclass(frozen=True, slots=True)
class Step:
    """One thing the import does (or leaves alone), for one file or one page.

    `resync`: an unchanged file whose record should now say the page's current update time
    (the file and the page were compared and found the same). `refusing`: a conflict under
    `--on-conflict fail`, which stops the whole run.
    """

    action: StepAction
    name: str
    location: PageLocation
    page: Page | None = None
    file: PageFile | None = None
    detail: str = ""
    create: PageCreate | None = None
    update: dict[str, object] | None = None
    resync: bool = False
    refusing: bool = False

    def item(self) -> ReportEntry:
        return ReportEntry(self.action, self.name, not self.refusing, self.detail)


@dataclass
class Plan:
    state: FolderState
    steps: list[Step] = field(default_factory=list)
    problems: list[ReportEntry] = field(default_factory=list)
    # Why the plan must not be carried out (a guard tripped), if it must not.
    refusal: str | None = None

    def of(self, *actions: StepAction) -> list[Step]:
        return [step for step in self.steps if step.action in actions]


@dataclass(frozen=True, slots=True)
class _Wanted:
    """A readable file: what it says, where it points, and what it was last synced as."""

    name: str
    location: PageLocation
    file: PageFile
    record: PageRecord | None
    page_id: int | None


def _read(
    root: Path, relative: PurePosixPath, default_locale: str
) -> tuple[PageLocation, PageFile]:
    text = files.read_text(root, relative)
    if text is None:
        raise FileNotFoundError(relative.as_posix())
    file = parse(text, relative.suffix.lower())
    location = location_of_file(relative, default_locale)
    if file.title is None or not file.title.strip():
        file = replace(file, title=location.path.rsplit("/", 1)[-1])
    return location, file


def _fields(file: PageFile) -> dict[str, object]:
    return {
        "title": file.title,
        "content": file.content,
        "description": file.description,
        "is_published": file.published,
        "is_private": file.private,
        "tags": list(file.tags),
    }


def _moves(want: _Wanted, page: Page) -> bool:
    """Whether importing the file moves its page: the page is elsewhere, and the file moved.

    A page moved on the wiki under a file that stayed put stays where it is.
    """
    if PageLocation(page.locale, page.path) == want.location:
        return False
    record = want.record
    if record is None or not record.path:
        return True
    return PageLocation(record.locale, record.path) != want.location


class _Planner:
    def __init__(
        self, client: WikiJSClient, root: Path, options: ImportOptions, report: Report
    ) -> None:
        self.client, self.root, self.options, self.report = client, root, options, report
        loaded = FolderState.load(root)
        self.state = FolderState.for_wiki(root, options.url, other_wiki=options.other_wiki)
        # Page ids written in files are this wiki's only when the folder was synced with it.
        self.trusted = loaded is not None and loaded.url == options.url
        self.files_by_id = self.state.files_by_id()
        self.plan = Plan(self.state)

    def make(self) -> Plan:
        wanted = self._files()
        self.client.test_connection()
        listed = self.client.pages.list()
        by_id = {page.id: page for page in listed}
        by_location = {PageLocation(page.locale, page.path): page for page in listed}
        claimed: set[int] = set()
        to_compare: list[tuple[_Wanted, Page]] = []
        # Files that name their page claim it first: a new file at a moved page's old path
        # must not take that page from the file that moved.
        wanted.sort(key=lambda want: want.page_id not in by_id)
        for want in wanted:
            page = by_id.get(want.page_id) if want.page_id is not None else None
            if page is None or page.id in claimed:
                page = by_location.get(want.location)
            if page is None or page.id in claimed:
                self._create(want)
                continue
            claimed.add(page.id)
            undecided = self._decide(want, page)
            if undecided is not None:
                to_compare.append((undecided, page))
        self._compare(to_compare)
        self._prune(listed, claimed)
        return self.plan

    def _files(self) -> list[_Wanted]:
        read = self._read_files()
        # The pages that files name in their own front matter: a file that took the old name
        # of a moved file does not inherit that name's record.
        named = {file.page_id for _, _, file in read if self.trusted and file.page_id}
        return [self._wanted(name, location, file, named) for name, location, file in read]

    def _decide(self, want: _Wanted, page: Page) -> _Wanted | None:
        """Plan what the record alone decides; else the file, to compare with the page."""
        record = want.record
        if record is not None and record.id != page.id:
            # Its page is gone and another took its place: what the record says is not about
            # this one.
            want, record = replace(want, record=None), None
        moved = _moves(want, page)
        if record is not None and want.file.fingerprint() == record.fingerprint:
            if moved:
                self._write("move", want, page, "")
            else:
                self.plan.steps.append(Step("unchanged", want.name, want.location, page))
            return None
        if record is not None and record.updated_at == to_iso_string(page.updated_at):
            self._write("move" if moved else "update", want, page, "")
            return None
        return want

    def _read_files(self) -> list[tuple[str, PageLocation, PageFile]]:
        seen: dict[PageLocation, str] = {}
        read: list[tuple[str, PageLocation, PageFile]] = []
        for found in files.scan(self.root, frozenset(self.state.assets)):
            name = found.relative.as_posix()
            if found.problem is not None:
                self.plan.problems.append(ReportEntry("skip", name, False, found.problem))
                continue
            try:
                location, file = _read(self.root, found.relative, self.options.default_locale)
            except (OSError, UnicodeDecodeError, ValidationError) as exc:
                self.plan.problems.append(ReportEntry("skip", name, False, reason(exc)))
                continue
            if location in seen:
                self.plan.problems.append(
                    ReportEntry(
                        "skip", name, False, f"{location} is already the page of {seen[location]}"
                    )
                )
                continue
            seen[location] = name
            read.append((name, location, file))
        return read

    def _wanted(
        self, name: str, location: PageLocation, file: PageFile, named: set[int]
    ) -> _Wanted:
        """The file with the record it was last synced as, and the page it names."""
        own_id = file.page_id if self.trusted else None
        record = self.state.pages.get(name)
        if record is not None and record.id != own_id and record.id in named:
            record = None
        page_id = record.id if record is not None else own_id
        if record is None and page_id is not None:
            # A file moved within the folder: the record of its old name stands in, or,
            # when the state has none, the file's own record of the export (whose place
            # on the wiki it does not know).
            old_name = self.files_by_id.get(page_id)
            if old_name is not None:
                record = self.state.pages[old_name]
            elif file.content_hash is not None:
                record = PageRecord(
                    id=page_id,
                    locale=file.locale or location.locale,
                    path="",
                    updated_at=file.updated_at or "",
                    fingerprint=file.content_hash,
                )
        return _Wanted(name, location, file, record, page_id)

    def _create(self, want: _Wanted) -> None:
        extension = PurePosixPath(want.name).suffix.lower()
        try:
            create = PageCreate.coerce(
                {
                    **_fields(want.file),
                    "path": want.location.path,
                    "locale": want.location.locale,
                    "editor": want.file.editor or DEFAULT_EDITORS.get(extension, "markdown"),
                }
            )
        except ValidationError as exc:
            self.plan.problems.append(ReportEntry("create", want.name, False, str(exc)))
            return
        self.plan.steps.append(
            Step("create", want.name, want.location, file=want.file, create=create)
        )

    def _write(self, action: StepAction, want: _Wanted, page: Page, detail: str) -> None:
        fields = {
            **_fields(want.file),
            "path": want.location.path,
            "locale": want.location.locale,
        }
        try:
            PageUpdate.coerce(fields)
        except ValidationError as exc:
            self.plan.problems.append(ReportEntry(action, want.name, False, str(exc)))
            return
        if action == "move" and not detail:
            detail = f"from {page.locale}/{page.path}"
        update = {"id": page.id, **fields}
        self.plan.steps.append(
            Step(action, want.name, want.location, page, want.file, detail, update=update)
        )

    def _compare(self, pairs: list[tuple[_Wanted, Page]]) -> None:
        """Decide the files whose page may have changed, or that have no record.

        Their pages are read, in one batch.
        """
        if not pairs:
            return
        result = self.client.pages.try_get_many([page.id for _, page in pairs])
        for (want, _), outcome in zip(pairs, result.outcomes, strict=True):
            if isinstance(outcome, BatchFailure):
                self.plan.problems.append(
                    ReportEntry("update", want.name, False, reason(outcome.error))
                )
                continue
            extension = PurePosixPath(want.name).suffix.lower()
            _, on_wiki = render(outcome, extension if extension in EXTENSIONS.values() else ".md")
            moved = _moves(want, outcome)
            if on_wiki.fingerprint() == want.file.fingerprint():
                if moved:
                    self._write("move", want, outcome, "")
                else:
                    self.plan.steps.append(
                        Step(
                            "unchanged",
                            want.name,
                            want.location,
                            outcome,
                            want.file,
                            "the wiki already says the same",
                            resync=True,
                        )
                    )
            elif self._changed_on_wiki(want, outcome):
                self._conflict(want, outcome, "move" if moved else "update")
            else:
                self._write("move" if moved else "update", want, outcome, "")

    @staticmethod
    def _changed_on_wiki(want: _Wanted, page: Page) -> bool:
        """Whether the page changed since the file's version of it (when that is known)."""
        current = to_iso_string(page.updated_at)
        if want.record is not None:
            return want.record.updated_at != current
        # Wiki.js's own `date`: the page's update time when the file was written.
        since = want.file.updated_at
        return since is not None and current > since

    def _conflict(self, want: _Wanted, page: Page, action: StepAction) -> None:
        policy = self.options.on_conflict
        if policy == "overwrite":
            self._write(action, want, page, _CONFLICT_OVERWRITTEN)
            return
        refusing = policy == "fail"
        detail = _CONFLICT_REFUSED if refusing else _CONFLICT_LEFT
        self.plan.steps.append(
            Step("conflict", want.name, want.location, page, want.file, detail, refusing=refusing)
        )

    def _prune(self, listed: list[Page], claimed: set[int]) -> None:
        if not self.options.prune:
            return
        # A file that could not be read still stands for its page: never delete that one.
        unreadable = {item.target for item in self.plan.problems}
        kept = {record.id for name, record in self.state.pages.items() if name in unreadable}
        for page in listed:
            if page.id in claimed or page.id in kept:
                continue
            location = PageLocation(page.locale, page.path)
            self.plan.steps.append(
                Step("delete", f"page {page.id} ({location})", location, page, detail="no file")
            )


def make_plan(client: WikiJSClient, root: Path, options: ImportOptions, report: Report) -> Plan:
    """The plan for importing `root`; files that cannot be imported are in `plan.problems`.

    `plan.refusal` says why it must not be carried out: it deletes more than `max_delete`
    pages, or, with `on_conflict="fail"`, a page conflicts.
    """
    plan = _Planner(client, root, options, report).make()
    plan.refusal = _refusal(plan, options)
    return plan


def _refusal(plan: Plan, options: ImportOptions) -> str | None:
    deletes = len(plan.of("delete"))
    if deletes > options.max_delete:
        return (
            f"refusing: would delete {plural(deletes, 'page')}, more than --max-delete"
            f" {options.max_delete}; raise --max-delete, or add files for the pages to keep"
        )
    conflicts = len(plan.of("conflict"))
    if conflicts and options.on_conflict == "fail":
        return (
            f"refusing: {plural(conflicts, 'page')} changed on the wiki and in the files"
            " (--on-conflict fail); sync the conflicts first, or choose skip or overwrite"
        )
    return None
