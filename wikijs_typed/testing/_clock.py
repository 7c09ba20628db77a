"""Time for the emulator: JWT expiry, rate-limit windows, timestamps and latency all read it.

`SystemClock` follows the wall clock (plus whatever `advance` added); `ManualClock` only moves
when told to, so tests can cross a 30-minute token lifetime or a 60-second login window
without waiting. Latency injection "sleeps" through the clock: on a manual clock that just
moves time forward.
"""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds since the Unix epoch."""

    def advance(self, seconds: float) -> None:
        """Move this clock forward without waiting."""

    def sleep(self, seconds: float) -> None:
        """Let `seconds` pass (blocking)."""

    async def asleep(self, seconds: float) -> None:
        """Let `seconds` pass without blocking the event loop."""


class SystemClock:
    """Wall-clock time, shifted by everything `advance` added."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += seconds

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        if seconds > 0:
            await asyncio.sleep(seconds)


class ManualClock:
    """A clock that stands still until `advance` (or a simulated sleep) moves it."""

    def __init__(self, start: float | datetime | None = None) -> None:
        if isinstance(start, datetime):
            start = start.timestamp()
        self._now = time.time() if start is None else float(start)
        self._lock = threading.Lock()

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        with self._lock:
            self._now += seconds

    def set(self, when: float | datetime) -> None:
        """Jump to `when` (never backwards)."""
        target = when.timestamp() if isinstance(when, datetime) else float(when)
        with self._lock:
            self._now = max(self._now, target)

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.advance(seconds)

    async def asleep(self, seconds: float) -> None:
        if seconds > 0:
            self.advance(seconds)
        await asyncio.sleep(0)


def iso(timestamp: float) -> str:
    """The way JavaScript's `Date.prototype.toISOString` writes an instant."""
    moment = datetime.fromtimestamp(timestamp, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_iso(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
