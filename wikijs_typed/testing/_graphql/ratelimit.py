"""The `@rateLimit` directive: fixed windows per client and field, counted in memory."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from wikijs_typed.testing._clock import Clock
from wikijs_typed.testing._graphql.errors import RaisedGraphQLError

# "Type.field" -> (calls allowed, window in seconds)
LIMITS: dict[str, tuple[int, int]] = {
    "AuthenticationMutation.login": (5, 60),
    "AuthenticationMutation.loginTFA": (5, 60),
    "AuthenticationMutation.loginChangePassword": (5, 60),
    "AuthenticationMutation.forgotPassword": (3, 60),
    "CommentMutation.create": (1, 15),
}


@dataclass
class RateLimiter:
    clock: Clock
    _windows: dict[str, tuple[float, int]] = field(default_factory=dict)

    def consume(self, client: str, key: str) -> None:
        """Count one call; raise the error Wiki.js answers when the window is used up."""
        limit, duration = LIMITS[key]
        now = self.clock.now()
        bucket = f"{client}:{key}"
        ends, used = self._windows.get(bucket, (0.0, 0))
        if now >= ends:
            ends, used = now + duration, 0
        used += 1
        self._windows[bucket] = (ends, used)
        if used > limit:
            seconds = max(1, math.ceil(ends - now))
            raise RaisedGraphQLError(f"Too many requests, please try again in {seconds} seconds.")
