"""An in-memory Wiki.js 2.5 for tests and the demo (needs the `testing` extra).

    from wikijs_typed.testing import WikiJSEmulator
    emu = WikiJSEmulator()
    client = WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport())

The names below load on first use: the pytest plugin lives in this package and must import
without the `testing` extra's dependencies (ariadne, graphql-core, ...).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wikijs_typed.testing.app import RecordedRequest
    from wikijs_typed.testing.clock import Clock, ManualClock, SystemClock
    from wikijs_typed.testing.emulator import SeedError, WikiJSEmulator
    from wikijs_typed.testing.faults import FaultKind, Faults
    from wikijs_typed.testing.latency import LatencyProfile

_HOMES = {
    "Clock": "clock",
    "FaultKind": "faults",
    "Faults": "faults",
    "LatencyProfile": "latency",
    "ManualClock": "clock",
    "RecordedRequest": "app",
    "SeedError": "emulator",
    "SystemClock": "clock",
    "WikiJSEmulator": "emulator",
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


# Hidden from type checkers: they see the names imported under TYPE_CHECKING above, so a
# misspelt name is an error instead of an `object` that this hook would seem to return.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(f"{__name__}.{home}"), name)
        globals()[name] = value
        return value
