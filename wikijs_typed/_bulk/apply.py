"""`import`: carry out a plan through the pages resource's batch writes.

Each success is recorded in the state file as soon as its batch is done. The resource decides
how writes may overlap on the server (`_pipeline.write_turns`); this module only hands it
batches small enough that the state file is saved often, so a run that is interrupted, or
whose writes partly fail, is continued by the next run: a page that was created is then found
at its path, one that was updated is found to say what its file says. Updates (and moves) go
first, then creates, then deletes, so that a path freed by a move can be taken by a new page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from wikijs_typed._bulk.assets import import_assets
from wikijs_typed._bulk.pagefile import to_iso_string
from wikijs_typed._bulk.plan import ImportOptions, Plan, PlanRefusedError, Step, make_plan
from wikijs_typed._bulk.report import Listener, Report, ReportEntry, SilentListener, reason
from wikijs_typed._bulk.state import PageRecord
from wikijs_typed.client import WikiJSClient
from wikijs_typed.models import Page
from wikijs_typed.models._batch import BatchFailure, BatchResult

__all__ = ["WRITE_BATCH", "import_folder"]

# Writes handed to the resource at a time: the state file is saved after each such batch.
WRITE_BATCH = 10

T = TypeVar("T")


class _Apply:
    def __init__(self, client: WikiJSClient, root: Path, plan: Plan, report: Report) -> None:
        self.client, self.root, self.plan, self.report = client, root, plan, report
        self.state = plan.state

    def run(self) -> None:
        for step in self.plan.of("unchanged", "conflict"):
            self.report.add(step.item())
            if step.resync:
                self._record(step, step.page)
        writes = self.plan.of("update", "move", "create", "delete")
        self.report.listener.begin("import", len(writes))
        try:
            self._write_all()
        finally:
            # Stopped or not, each write that is known to have succeeded is recorded.
            self.state.save(self.root)

    def _write_all(self) -> None:
        self._in_batches(
            self.plan.of("update", "move"),
            lambda steps: self.client.pages.try_update_many(
                [s.update for s in steps if s.update is not None]
            ),
            self._record,
        )
        self._in_batches(
            self.plan.of("create"),
            lambda steps: self.client.pages.try_create_many(
                [s.create for s in steps if s.create is not None]
            ),
            self._record,
        )
        self._in_batches(
            self.plan.of("delete"),
            lambda steps: self.client.pages.try_delete_many(
                [s.page.id for s in steps if s.page is not None]
            ),
            self._forget,
        )

    def _in_batches(
        self,
        steps: Sequence[Step],
        write: Callable[[Sequence[Step]], BatchResult[T]],
        done: Callable[[Step, T], None],
    ) -> None:
        for start in range(0, len(steps), WRITE_BATCH):
            batch = steps[start : start + WRITE_BATCH]
            result = write(batch)
            for step, outcome in zip(batch, result.outcomes, strict=True):
                if isinstance(outcome, BatchFailure):
                    why = reason(outcome.error)
                    self.report.add(ReportEntry(step.action, step.name, False, why))
                else:
                    done(step, outcome)
                    self.report.add(step.item())
            self.report.listener.advance(len(batch))
            self.state.save(self.root)

    def _record(self, step: Step, page: Page | None) -> None:
        if page is None or step.file is None:
            return
        for name, record in list(self.state.pages.items()):
            if record.id == page.id and name != step.name:
                del self.state.pages[name]
        self.state.pages[step.name] = PageRecord(
            id=page.id,
            locale=page.locale,
            path=page.path,
            updated_at=to_iso_string(page.updated_at),
            fingerprint=step.file.fingerprint(),
        )

    def _forget(self, step: Step, page_id: int) -> None:
        for name, record in list(self.state.pages.items()):
            if record.id == page_id:
                del self.state.pages[name]


def import_folder(
    client: WikiJSClient,
    root: Path,
    options: ImportOptions,
    *,
    dry_run: bool = False,
    assets: bool = False,
    listener: Listener | None = None,
) -> Report:
    """Import `root` into the wiki (or, with `dry_run`, only report the plan).

    With `assets`, the folder's other files are also uploaded as assets. Every file's and every
    pruned page's outcome is in the report.

    Raises:
        PlanRefusedError: before any write, when a guard trips (in a dry run, after every step
            of the plan is reported).
        StateError: when the folder belongs to another wiki.
    """
    report = Report(listener or SilentListener(), dry_run=dry_run)
    plan = make_plan(client, root, options, report)
    for problem in plan.problems:
        report.add(problem)
    if dry_run:
        for step in plan.steps:
            report.add(step.item())
    if plan.refusal is not None:
        if not dry_run:
            for step in plan.of("conflict"):
                report.add(step.item())
        after = "" if dry_run else "; --dry-run lists the whole plan"
        raise PlanRefusedError(f"{plan.refusal}; nothing was changed{after}", report=report)
    if not dry_run:
        _Apply(client, root, plan, report).run()
    if assets:
        import_assets(client, root, plan.state, report, dry_run=dry_run)
    return report
