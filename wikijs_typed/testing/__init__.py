"""An in-memory Wiki.js 2.5 for tests and the demo (needs the `testing` extra).

    from wikijs_typed.testing import WikiJSEmulator
    emu = WikiJSEmulator()
    client = WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport())

The names below load on first use: the pytest plugin lives in this package and must import
without the `testing` extra's dependencies (ariadne, graphql-core, ...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wikijs_typed._lazy import lazy_exports

if TYPE_CHECKING:
    from wikijs_typed.testing._clock import Clock, ManualClock, SystemClock
    from wikijs_typed.testing._emulator import SeedError, WikiJSEmulator
    from wikijs_typed.testing._faults import FaultKind, Faults
    from wikijs_typed.testing._http.app import RecordedRequest
    from wikijs_typed.testing._latency import LatencyProfile

_HOMES = {
    "Clock": "wikijs_typed.testing._clock",
    "FaultKind": "wikijs_typed.testing._faults",
    "Faults": "wikijs_typed.testing._faults",
    "LatencyProfile": "wikijs_typed.testing._latency",
    "ManualClock": "wikijs_typed.testing._clock",
    "RecordedRequest": "wikijs_typed.testing._http.app",
    "SeedError": "wikijs_typed.testing._emulator",
    "SystemClock": "wikijs_typed.testing._clock",
    "WikiJSEmulator": "wikijs_typed.testing._emulator",
}

__all__ = [
    "Clock",
    "FaultKind",
    "Faults",
    "LatencyProfile",
    "ManualClock",
    "RecordedRequest",
    "SeedError",
    "SystemClock",
    "WikiJSEmulator",
]


if not TYPE_CHECKING:
    # Out of type checkers' sight, which see the imports above instead (see wikijs_typed._lazy).
    __getattr__ = lazy_exports(__name__, _HOMES)
