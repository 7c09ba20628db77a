"""What a run did (or, in a dry run, would do), item by item, and how it tells its listener.

Every item gets exactly one `Item`: writes that succeeded, failures with their reason, pages
skipped as conflicts, files left alone. The CLI shows them as they come (a progress bar, plain
lines or nothing) and the counts at the end.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, Protocol

__all__ = ["Action", "Item", "Listener", "Report", "SilentListener"]

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


_DONE = {
    "create": "created",
    "update": "updated",
    "move": "moved",
    "delete": "deleted",
    "conflict": "conflicts skipped",
    "write": "written",
    "remove": "removed",
    "skip": "skipped",
    "upload": "uploaded",
}
_PLANNED = {
    "create": "to create",
    "update": "to update",
    "move": "to move",
    "delete": "to delete",
    "conflict": "conflicts to skip",
    "upload": "to upload",
}


@dataclass(frozen=True, slots=True)
class Item:
    """One item's outcome: what was done to what (a file or a page), and whether it worked."""

    action: Action
    target: str
    ok: bool = True
    detail: str = ""

    def as_json(self) -> dict[str, object]:
        return {"action": self.action, "target": self.target, "ok": self.ok, "detail": self.detail}

    def __str__(self) -> str:
        status = self.action if self.ok else f"failed to {self.action}"
        return f"{status} {self.target}" + (f": {self.detail}" if self.detail else "")


class Listener(Protocol):
    """Told about a run as it goes (the CLI's progress display)."""

    def begin(self, label: str, total: int) -> None: ...

    def item(self, item: Item) -> None: ...

    def advance(self, count: int) -> None: ...


class SilentListener:
    def begin(self, label: str, total: int) -> None:
        pass

    def item(self, item: Item) -> None:
        pass

    def advance(self, count: int) -> None:
        pass


@dataclass
class Report:
    """Every item of a run, in the order they were decided."""

    listener: Listener = field(default_factory=SilentListener)
    items: list[Item] = field(default_factory=list)
    dry_run: bool = False

    def add(self, item: Item) -> None:
        self.items.append(item)
        self.listener.item(item)

    @property
    def failed(self) -> list[Item]:
        return [item for item in self.items if not item.ok]

    def counts(self) -> dict[str, int]:
        """How many items of each action succeeded, and how many failed."""
        counted = Counter(item.action for item in self.items if item.ok)
        return {**dict(sorted(counted.items())), "failed": len(self.failed)}

    def summary(self) -> str:
        """One line of counts: `2 created, 1 updated, 40 unchanged, 0 failed`."""
        words = _PLANNED if self.dry_run else _DONE
        shown = ", ".join(
            f"{count} {words.get(name, name)}" for name, count in self.counts().items()
        )
        return ("dry run, nothing changed: " if self.dry_run else "") + shown

    def as_json(self) -> dict[str, object]:
        return {
            "dry_run": self.dry_run,
            "counts": self.counts(),
            "items": [item.as_json() for item in self.items],
        }
