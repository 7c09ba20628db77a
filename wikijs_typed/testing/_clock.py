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
    """What the emulator reads the time from; `WikiJSEmulator(clock=...)` takes any of these.

    `SystemClock` and `ManualClock` are the two the package has; a test may bring its own.
    """

    def now(self) -> float:
        """The current time.

        Returns:
            Seconds since the Unix epoch.
        """

    def advance(self, seconds: float) -> None:
        """Move this clock forward without waiting.

        Args:
            seconds: How far; not negative.
        """

    def sleep(self, seconds: float) -> None:
        """Let `seconds` pass, blocking the calling thread (latency injection sleeps so).

        Args:
            seconds: How long; 0 or less returns at once.
        """

    async def asleep(self, seconds: float) -> None:
        """Let `seconds` pass without blocking the event loop.

        Args:
            seconds: How long; 0 or less returns at once.
        """


class SystemClock:
    """Wall-clock time, shifted by everything `advance` added (the emulator's default).

    Its sleeps really wait; `advance` jumps ahead at once (to expire a token without waiting
    for it) and the clock then runs on from there.
    """

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        """The wall-clock time plus every advance so far.

        Returns:
            Seconds since the Unix epoch.
        """
        return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        """Move this clock forward without waiting (it keeps running from there).

        Args:
            seconds: How far.
        """
        with self._lock:
            self._offset += seconds

    def sleep(self, seconds: float) -> None:
        """Wait `seconds` of real time, blocking the calling thread.

        Args:
            seconds: How long; 0 or less returns at once.
        """
        if seconds > 0:
            time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        """Wait `seconds` of real time on the event loop.

        Args:
            seconds: How long; 0 or less returns at once.
        """
        if seconds > 0:
            await asyncio.sleep(seconds)


class ManualClock:
    """A clock that stands still until `advance` (or a simulated sleep) moves it.

    Tests with it cross a 30-minute token lifetime or a 60-second login window without
    waiting, and injected latency costs no real time: a sleep just moves the clock. It is safe
    to move from several threads.

    Args:
        start: Where it starts: seconds since the Unix epoch, or a datetime (a naive one is
            taken as local time, as `datetime.timestamp` does); None for the current time.
    """

    def __init__(self, start: float | datetime | None = None) -> None:
        if isinstance(start, datetime):
            start = start.timestamp()
        self._now = time.time() if start is None else float(start)
        self._lock = threading.Lock()

    def now(self) -> float:
        """The time this clock stands at.

        Returns:
            Seconds since the Unix epoch.
        """
        return self._now

    def advance(self, seconds: float) -> None:
        """Move this clock forward.

        Args:
            seconds: How far; not negative.

        Raises:
            ValueError: When `seconds` is negative.
        """
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        with self._lock:
            self._now += seconds

    def set(self, when: float | datetime) -> None:
        """Jump to `when`, if it is ahead: the clock never goes backwards.

        Args:
            when: Seconds since the Unix epoch, or a datetime (a naive one is local time).
        """
        target = when.timestamp() if isinstance(when, datetime) else float(when)
        with self._lock:
            self._now = max(self._now, target)

    def sleep(self, seconds: float) -> None:
        """Move the clock forward by `seconds` at once, instead of waiting.

        Args:
            seconds: How long the sleep would have lasted; 0 or less does nothing.
        """
        if seconds > 0:
            self.advance(seconds)

    async def asleep(self, seconds: float) -> None:
        """Move the clock forward by `seconds`, then let other tasks run once.

        Args:
            seconds: How long the sleep would have lasted; 0 or less only yields.
        """
        if seconds > 0:
            self.advance(seconds)
        await asyncio.sleep(0)


def iso(timestamp: float) -> str:
    """The way JavaScript's `Date.prototype.toISOString` writes an instant."""
    moment = datetime.fromtimestamp(timestamp, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_iso(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
