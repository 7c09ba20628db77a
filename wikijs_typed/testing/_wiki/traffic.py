"""Requests in flight, so that overlapping page writes collide as they do on a real Wiki.js.

A real Wiki.js rebuilds its whole page tree in a fresh worker process on every page create,
move and delete, and creates tags by reading them all and then inserting the missing ones.
Two of those at the same time collide, and the server then answers with a failure for a page
it has already stored (as Wiki.js 2.5.314 does).

The emulator runs one request at a time under its lock, so it cannot see a race happen.
It decides from the requests' lifetimes instead: a request is in flight from the moment it
is handled until its answer is delivered (after any latency). While a write that rebuilt
the tree is in flight, another tree rebuild fails; while a write that created a tag is in
flight, another write that wants that same new tag fails on the tags' unique constraint,
because on the real server both would have read the tag list before either inserted. The
tag step is the first thing a write does, so with latency on only writes that arrive within
`race_window` seconds of each other race on their tags.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

__all__ = ["Activity", "Traffic"]


@dataclass(eq=False)
class Activity:
    """What one request did that a concurrent one can collide with."""

    rebuilt_tree: bool = False
    created_tags: set[str] = field(default_factory=set)
    # When the request was handled, on the emulator's clock.
    started: float = 0.0

    @property
    def contended(self) -> bool:
        return self.rebuilt_tree or bool(self.created_tags)


class Traffic:
    """The activities of every request between its handling and its answer."""

    def __init__(self) -> None:
        self._open: list[Activity] = []
        self._lock = threading.Lock()
        # Seconds after its start during which a write's new tags race (None: while in flight).
        self.race_window: float | None = None

    def begin(self, now: float = 0.0) -> Activity:
        activity = Activity(started=now)
        with self._lock:
            self._open.append(activity)
        return activity

    def end(self, activity: Activity) -> None:
        with self._lock:
            if activity in self._open:
                self._open.remove(activity)

    def _others(self, me: Activity | None) -> list[Activity]:
        with self._lock:
            return [activity for activity in self._open if activity is not me]

    def tree_rebuilding(self, me: Activity | None) -> bool:
        """Whether another request in flight is rebuilding the page tree."""
        return any(activity.rebuilt_tree for activity in self._others(me))

    def tags_being_created(self, me: Activity | None) -> set[str]:
        """Tags that other requests in flight are inserting."""
        names: set[str] = set()
        window = self.race_window
        for activity in self._others(me):
            if window is None or me is None or me.started - activity.started <= window:
                names |= activity.created_tags
        return names
