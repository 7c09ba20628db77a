"""What a run did (or, in a dry run, would do), item by item, and how it tells its listener.

Every item gets exactly one `ReportEntry`: writes that succeeded, failures with their reason, pages
skipped as conflicts, files left alone. The CLI shows them as they come (a progress bar, plain
lines or nothing) and the counts at the end.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, Protocol

__all__ = ["Action", "Listener", "Report", "ReportEntry", "SilentListener", "plural", "reason"]

Action = Literal[
    "create",
    "update",
    "move",
    "delete",
    "unchanged",
    "conflict",
    "write",
    "remove",
    "skip",
    "upload",
]


# How the summary counts each action: (one, several), done and planned.
_DONE = {
    "create": ("created", "created"),
    "update": ("updated", "updated"),
    "move": ("moved", "moved"),
    "delete": ("deleted", "deleted"),
    "conflict": ("conflict left alone", "conflicts left alone"),
    "write": ("written", "written"),
    "remove": ("removed", "removed"),
    "skip": ("skipped", "skipped"),
    "upload": ("uploaded", "uploaded"),
}
_PLANNED = {
    "create": ("to create", "to create"),
    "update": ("to update", "to update"),
    "move": ("to move", "to move"),
    "delete": ("to delete", "to delete"),
    "conflict": ("conflict to leave alone", "conflicts to leave alone"),
    "upload": ("to upload", "to upload"),
}


def plural(count: int, one: str, several: str | None = None) -> str:
    """`1 page`, `2 pages`: the count with the word that fits it."""
    return f"{count} {one if count == 1 else (several or one + 's')}"


def reason(error: BaseException) -> str:
    """Why something failed, in words a user reads: no class names, no dumped bytes."""
    if isinstance(error, UnicodeDecodeError):
        byte = error.object[error.start : error.start + 1].hex()
        return f"not UTF-8 text (byte 0x{byte} at position {error.start})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror[0].lower() + error.strerror[1:]
    return str(error) or type(error).__name__


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One item's outcome: what was done to what (a file or a page), and whether it worked."""

    action: Action
    target: str
    ok: bool = True
    detail: str = ""

    def as_json(self) -> dict[str, object]:
        return {"action": self.action, "target": self.target, "ok": self.ok, "detail": self.detail}

    def __str__(self) -> str:
        """The item as one line, such as `update en/a.md` or `skipped en/b.md: why`.

        Also `could not write en/c.md: why`, or
        `conflict: en/d.md changed on the wiki and in the file; left alone`.
        """
        if self.action == "conflict":
            return f"conflict: {self.target} {self.detail}".rstrip()
        status: str = self.action
        if not self.ok:
            status = "skipped" if self.action == "skip" else f"could not {self.action}"
        return f"{status} {self.target}" + (f": {self.detail}" if self.detail else "")


class Listener(Protocol):
    """Told about a run as it goes (the CLI's progress display)."""

    def begin(self, label: str, total: int) -> None: ...

    def item(self, item: ReportEntry) -> None: ...

    def advance(self, count: int) -> None: ...


class SilentListener:
    def begin(self, label: str, total: int) -> None:
        pass

    def item(self, item: ReportEntry) -> None:
        pass

    def advance(self, count: int) -> None:
        pass


@dataclass
class Report:
    """Every item of a run, in the order they were decided."""

    listener: Listener = field(default_factory=SilentListener)
    items: list[ReportEntry] = field(default_factory=list)
    dry_run: bool = False

    def add(self, item: ReportEntry) -> None:
        self.items.append(item)
        self.listener.item(item)

    @property
    def failed(self) -> list[ReportEntry]:
        return [item for item in self.items if not item.ok]

    def counts(self) -> dict[str, int]:
        """How many items of each action succeeded, and how many failed."""
        counted = Counter(item.action for item in self.items if item.ok)
        return {**dict(sorted(counted.items())), "failed": len(self.failed)}

    def summary(self) -> str:
        """One line of counts: `2 created, 1 updated, 40 unchanged, 0 failed`."""
        words = _PLANNED if self.dry_run else _DONE
        shown = ", ".join(
            plural(count, *words.get(name, (name, name))) for name, count in self.counts().items()
        )
        return ("dry run, nothing changed: " if self.dry_run else "") + shown

    def as_json(self) -> dict[str, object]:
        return {
            "dry_run": self.dry_run,
            "counts": self.counts(),
            "items": [item.as_json() for item in self.items],
        }
