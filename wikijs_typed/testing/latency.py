"""How long the emulator takes to answer, modelled on a real Wiki.js (FACTS "Speed").

Off unless asked for. Reads cost a round trip; writes cost what the server-side work they
did costs (rendering a created page ~1 s, an update ~0.7 s, a delete ~0.33 s, hashing a
password ~0.24 s). Failed writes that did no work answer as fast as reads, as on the real
server.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class LatencyProfile:
    read: float = 0.0024
    create: float = 1.05
    update: float = 0.7
    delete: float = 0.33
    hash: float = 0.24
    write: float = 0.005
    scale: float = 1.0

    def scaled(self, factor: float) -> LatencyProfile:
        """The same profile, `factor` times faster (<1) or slower (>1)."""
        return replace(self, scale=self.scale * factor)

    def delay(self, work: Iterable[str]) -> float:
        """Seconds to hold a request that did `work` (names of the fields above)."""
        total = self.read
        for item in work:
            total += float(getattr(self, item, self.write))
        return total * self.scale
