"""How long the emulator takes to answer, modelled on a real Wiki.js 2.5.314.

Off unless asked for. Reads cost a round trip; writes cost what the server-side work they
did costs: rendering a created page ~0.7 s, an update ~0.7 s, hashing a password ~0.24 s,
and for every page create, move and delete a rebuild of the whole page tree, whose cost
grows with the number of pages (~0.3 s plus a few ms a page). Failed writes that did no
work answer as fast as reads, as on the real server.

A real Wiki.js does this work in worker processes on a small machine: concurrent page writes
do not finish sooner than the same writes one after the other (120 creates took 1.3 s each
at concurrency 4 and 1.05-2 s each one at a time). So the page work of every request takes
its turn in one `WriteLane`: a write that arrives while another is being worked on waits for
it, and a benchmark of overlapping writes gains nothing over serialized ones.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace

__all__ = ["LatencyProfile", "WriteLane"]

# Work done by the server's page machinery, which takes turns (see the module docstring).
PAGE_WORK = frozenset({"create", "update", "delete", "tree"})


@dataclass(frozen=True)
class LatencyProfile:
    read: float = 0.0024
    # A create without its tree rebuild (insert, tags, render): ~1.05 s in all on a small wiki.
    create: float = 0.72
    update: float = 0.7
    # A delete without its tree rebuild (~0.33 s in all on a small wiki).
    delete: float = 0.03
    tree: float = 0.3
    tree_per_page: float = 0.006
    hash: float = 0.24
    write: float = 0.005
    scale: float = 1.0
    # How soon after one another two writes must arrive to race on a new tag (read, insert).
    tag_race_window: float = 0.01

    @property
    def tag_race(self) -> float:
        return self.tag_race_window * self.scale

    def scaled(self, factor: float) -> LatencyProfile:
        """The same profile, `factor` times faster (<1) or slower (>1)."""
        return replace(self, scale=self.scale * factor)

    def cost(self, item: str, pages: int = 0) -> float:
        """Seconds one piece of work (a field name above) takes on a wiki of `pages` pages."""
        if item == "tree":
            return (self.tree + self.tree_per_page * pages) * self.scale
        return float(getattr(self, item, self.write)) * self.scale

    def split(self, work: Iterable[str], pages: int = 0) -> tuple[float, float]:
        """(page work that takes turns, everything else) for a request that did `work`."""
        turns = 0.0
        free = self.read * self.scale
        for item in work:
            if item in PAGE_WORK:
                turns += self.cost(item, pages)
            else:
                free += self.cost(item, pages)
        return turns, free

    def delay(self, work: Iterable[str], pages: int = 0) -> float:
        """Seconds to hold a request that did `work`, when nothing else is being worked on."""
        turns, free = self.split(work, pages)
        return turns + free


class WriteLane:
    """The server's page work, one request after another, on the emulator's clock."""

    def __init__(self) -> None:
        self._busy_until = 0.0
        self._lock = threading.Lock()

    def book(self, now: float, seconds: float) -> float:
        """Queue `seconds` of work arriving at `now`; returns when it is done, from `now`."""
        if seconds <= 0:
            return 0.0
        with self._lock:
            start = max(now, self._busy_until)
            self._busy_until = start + seconds
            return self._busy_until - now
