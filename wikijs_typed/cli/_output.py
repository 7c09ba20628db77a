"""How a command shows its work.

A progress bar on a terminal, plain lines otherwise, and nothing but the result with `--json`.
Per-item lines go to stdout (so that they can be piped and grepped), progress bars and
errors to stderr; `-q` keeps only failures and the summary.
"""

from __future__ import annotations

import json
import sys
from types import TracebackType
from typing import TYPE_CHECKING, Self, TextIO

from wikijs_typed._bulk.report import Report, ReportEntry

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

__all__ = ["Output"]


class Output:
    """A command's output settings, and its listener while a run goes on."""

    def __init__(
        self,
        *,
        as_json: bool = False,
        quiet: bool = False,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.as_json, self.quiet = as_json, quiet
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    # The listener (wikijs_typed._bulk.report.Listener).

    def begin(self, label: str, total: int) -> None:
        if self._progress is not None:
            if self._task is not None:
                self._progress.update(self._task, visible=False)
            self._task = self._progress.add_task(label, total=total)
        elif not (self.as_json or self.quiet) and total:
            print(f"{label}: {total} to do", file=self.out, flush=True)

    def advance(self, count: int) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, count)

    def item(self, item: ReportEntry) -> None:
        if self.as_json:
            return
        if not item.ok:
            self._print(str(item), self.err)
        elif not self.quiet and item.action != "unchanged":
            # Unchanged items are only counted: a re-export of a big wiki is mostly them.
            self._print(str(item), self.out)

    def _print(self, text: str, stream: TextIO) -> None:
        if self._progress is not None:
            # Above the bar, which keeps drawing below.
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=stream, flush=True)

    # Progress display for the run.

    def __enter__(self) -> Self:
        if not (self.as_json or self.quiet) and self.err.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self._progress = Progress(console=Console(file=self.err), transient=True)
            self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    # Results.

    def report(self, report: Report, **extra: object) -> None:
        """The end of a run: the JSON document, or the summary line."""
        if self.as_json:
            self.data({**extra, **report.as_json()})
        else:
            print(report.summary(), file=self.out, flush=True)

    def data(self, payload: object) -> None:
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=self.out, flush=True)

    def line(self, text: str) -> None:
        if not self.as_json:
            print(text, file=self.out, flush=True)

    def error(self, text: str) -> None:
        print(text, file=self.err, flush=True)
