"""When to send a request again, and how long to wait first.

One decision (`RetryPolicy.delay`) and one backoff calculation serve both engines, for GraphQL
and for REST calls alike; the engines only differ in how they sleep.

What is retried: connection failures, timeouts, a connection the server dropped, and the
answers 429, 502, 503 and 504 (honouring `Retry-After`). What is never resent: anything that
is not idempotent (a mutation, a POST upload) once it may have reached the server. Such a
request is retried only when the connection could not be set up at all, so the server cannot
have seen it.

Time and randomness are injectable so that tests never sleep.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

log = logging.getLogger("wikijs_typed._pipeline.retry")

RETRY_STATUSES = frozenset({429, 502, 503, 504})

# Failures that happen before a single byte of the request left this machine.
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Failures worth another try for a request that may be repeated safely.
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


def retry_after(response: httpx.Response, *, now: Callable[[], float] = time.time) -> float | None:
    """The wait a `Retry-After` header asks for, in seconds (delta-seconds or an HTTP date)."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())


def never_sent(exc: httpx.TransportError) -> bool:
    """True when the server cannot have seen the request (no connection was made)."""
    return isinstance(exc, _NEVER_SENT)


async def _asyncio_sleep(seconds: float) -> None:
    # asyncio is imported here, not at module level: a sync program never needs it, and an
    # async one has it loaded already.
    import asyncio

    await asyncio.sleep(seconds)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how patiently to retry.

    `max_attempts` counts the first try. `max_elapsed` bounds the whole affair, waits
    included: a retry that would end after it is not made. Backoff is exponential with full
    jitter (a random wait between 0 and `backoff_base * 2**(n-1)`, capped at `backoff_max`);
    a `Retry-After` answer replaces it, and one asking for more than `max_retry_after`
    seconds ends the retries.
    """

    max_attempts: int = 3
    backoff_base: float = 0.25
    backoff_max: float = 8.0
    max_elapsed: float = 30.0
    max_retry_after: float = 60.0
    statuses: frozenset[int] = RETRY_STATUSES
    sleep: Callable[[float], None] = time.sleep
    async_sleep: Callable[[float], Awaitable[None]] = _asyncio_sleep
    clock: Callable[[], float] = time.monotonic
    jitter: Callable[[], float] = random.random

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")

    def backoff(self, attempt: int) -> float:
        """The wait after the `attempt`-th failure when the server did not say how long.

        Args:
            attempt: How many tries have failed so far (1 after the first).

        Returns:
            Seconds: a random share (`jitter`) of `backoff_base * 2**(attempt-1)`, capped at
            `backoff_max`.
        """
        ceiling = min(self.backoff_max, self.backoff_base * 2.0 ** (attempt - 1))
        return self.jitter() * ceiling

    def delay(
        self,
        attempt: int,
        outcome: httpx.Response | httpx.TransportError,
        *,
        idempotent: bool,
        started: float,
    ) -> float | None:
        """Seconds to wait before trying again after `attempt` tries, or None to stop.

        Args:
            attempt: How many tries have been made.
            outcome: The answer of the last try, or the transport error it ended with.
            idempotent: Whether sending the request twice is harmless; a request that may
                have reached the server is retried only then.
            started: `clock()` before the first try.

        Returns:
            The wait (the `Retry-After` the server asked for, else `backoff`), or None when
            the outcome is not worth another try, the tries are used up, or the wait would
            end after `max_elapsed`.
        """
        if attempt >= self.max_attempts:
            return None
        if isinstance(outcome, httpx.TransportError):
            if never_sent(outcome) or (idempotent and isinstance(outcome, _TRANSIENT)):
                wait = self.backoff(attempt)
            else:
                return None
        else:
            if outcome.status_code not in self.statuses or not idempotent:
                return None
            asked = retry_after(outcome)
            if asked is not None and asked > self.max_retry_after:
                return None
            wait = self.backoff(attempt) if asked is None else asked
        if self.clock() - started + wait > self.max_elapsed:
            return None
        return wait

    def log_retry(self, what: str, attempt: int, reason: str, wait: float) -> None:
        """Log, at INFO, that a request is about to be tried again.

        Args:
            what: The request, as the log names it.
            attempt: How many tries have been made.
            reason: Why the last one failed (`describe` of its outcome).
            wait: Seconds until the next try.
        """
        log.info(
            "retrying %s in %.3f s after %s (attempt %d of %d)",
            what,
            wait,
            reason,
            attempt + 1,
            self.max_attempts,
        )


NO_RETRY = RetryPolicy(max_attempts=1)


def describe(outcome: httpx.Response | httpx.TransportError) -> str:
    if isinstance(outcome, httpx.Response):
        return f"HTTP {outcome.status_code}"
    return type(outcome).__name__
