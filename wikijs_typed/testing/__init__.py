"""An in-memory Wiki.js 2.5 for tests and the demo (needs the `testing` extra).

from wikijs_typed.testing import WikiJSEmulator
emu = WikiJSEmulator()
client = WikiJSClient(emu.base_url, emu.api_key, transport=emu.transport())
"""

from wikijs_typed.testing.app import RecordedRequest
from wikijs_typed.testing.clock import Clock, ManualClock, SystemClock
from wikijs_typed.testing.emulator import SeedError, WikiJSEmulator
from wikijs_typed.testing.faults import FaultKind, Faults
from wikijs_typed.testing.latency import LatencyProfile

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
