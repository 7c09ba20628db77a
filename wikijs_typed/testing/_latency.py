"""How long the emulator takes to answer, modelled on a real Wiki.js 2.5 on a small machine.

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
    """How long each piece of a request's server-side work takes, in seconds.

    The defaults are a real Wiki.js 2.5 on a small machine; `WikiJSEmulator(latency=
    LatencyProfile())` turns them on (latency is off by default). Delays pass on the
    emulator's clock, so with a `ManualClock` they cost no real time.

    Attributes:
        read: The round trip every request costs.
        create: A page create, without its page-tree rebuild (insert, tags, render).
        update: A page update (render included).
        delete: A page delete, without its page-tree rebuild.
        tree: The page-tree rebuild after a page create, move or delete, on an empty wiki.
        tree_per_page: What the tree rebuild adds for each page of the wiki.
        hash: Hashing a password (a login, a new or changed account).
        write: Any other write.
        scale: A factor on every cost (see `scaled`).
        tag_race_window: How soon after one another two writes must arrive to race on a new
            tag (unscaled; see `tag_race`).
    """

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
        """The window, in seconds and scaled, in which two writes race on a new tag."""
        return self.tag_race_window * self.scale

    def scaled(self, factor: float) -> LatencyProfile:
        """The same profile, every cost multiplied by `factor`.

        Args:
            factor: Below 1 is faster (0.01 keeps the proportions at a hundredth of the
                time), above 1 slower; it multiplies an earlier scale.

        Returns:
            A new profile.
        """
        return replace(self, scale=self.scale * factor)

    def cost(self, item: str, pages: int = 0) -> float:
        """Seconds one piece of work takes on a wiki of `pages` pages, scaled.

        Args:
            item: The work, named as a field above (`"create"`, `"tree"`, ...); a name that
                is none of them costs `write`.
            pages: How many pages the wiki has (the tree rebuild grows with it).

        Returns:
            The seconds it takes.
        """
        if item == "tree":
            return (self.tree + self.tree_per_page * pages) * self.scale
        return float(getattr(self, item, self.write)) * self.scale

    def split(self, work: Iterable[str], pages: int = 0) -> tuple[float, float]:
        """A request's delay, split into the page work that takes turns and the rest.

        The page work (create, update, delete, tree) of concurrent requests is done one
        request after another, as a real Wiki.js does it; everything else overlaps.

        Args:
            work: The pieces of work the request did, named as the fields above.
            pages: How many pages the wiki has.

        Returns:
            (seconds of page work, seconds of everything else, the round trip included).
        """
        turns = 0.0
        free = self.read * self.scale
        for item in work:
            if item in PAGE_WORK:
                turns += self.cost(item, pages)
            else:
                free += self.cost(item, pages)
        return turns, free

    def delay(self, work: Iterable[str], pages: int = 0) -> float:
        """Seconds to hold a request that did `work`, when nothing else is being worked on.

        Args:
            work: The pieces of work the request did, named as the fields above.
            pages: How many pages the wiki has.

        Returns:
            The whole delay, the round trip included.
        """
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
