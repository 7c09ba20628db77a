"""What `explain()` answers: the steps on the server, the steps on the client, the cost."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["READS_PER_REQUEST", "Explanation"]

# The engine's chunk size: page reads go this many to a request.
READS_PER_REQUEST = 50


@dataclass(frozen=True)
class Explanation:
    """What a query runs where, and how many HTTP requests it makes with a cold cache.

    `str()` of it is a short report: the steps on the server, on the client, and the cost.

    Attributes:
        server: What Wiki.js does: the requests and the arguments pushed down to them.
        client: What the client does over the answers (filters, search, order, window).
        requests: The HTTP requests a cold cache costs (a lower bound for the assets' folder
            walk, one request per depth); a warm cache costs none.
        reads_every_candidate: Whether every candidate page is read too, which adds one
            request per 50 candidates beyond the first.
    """

    server: tuple[str, ...]
    client: tuple[str, ...]
    requests: int
    # A pass over every candidate page's own read costs one request per 50 candidates.
    reads_every_candidate: bool = False

    def __str__(self) -> str:
        lines = ["on the server:", *(f"  {step}" for step in self.server)]
        lines += ["on the client:", *(f"  {step}" for step in self.client or ("nothing",))]
        count = f"{self.requests} HTTP request{'s' if self.requests != 1 else ''}"
        if self.reads_every_candidate:
            count += f" (+1 per {READS_PER_REQUEST} candidate pages beyond the first)"
        return "\n".join([*lines, f"cost: {count}; 0 when cached"])
