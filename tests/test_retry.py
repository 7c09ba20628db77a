"""The retry decision and the backoff calculation, with a fake clock and fake randomness."""

from __future__ import annotations

import email.utils
from typing import Any

import httpx
import pytest

from wikijs_typed._pipeline.retry import RetryPolicy, never_sent, retry_after


def response(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers)


def policy(**overrides: Any) -> RetryPolicy:
    return RetryPolicy(**{"jitter": lambda: 1.0, "clock": lambda: 0.0, **overrides})


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_reads_are_retried_on_busy_or_broken_gateways(status: int) -> None:
    assert policy().delay(1, response(status), idempotent=True, started=0.0) == 0.25


@pytest.mark.parametrize("status", [200, 400, 404, 500])
def test_other_answers_are_final(status: int) -> None:
    assert policy().delay(1, response(status), idempotent=True, started=0.0) is None


def test_backoff_is_exponential_capped_and_jittered() -> None:
    draws = iter([1.0, 1.0, 1.0, 0.5])
    retry = policy(max_attempts=10, backoff_base=1.0, backoff_max=3.0, jitter=lambda: next(draws))
    waits = [retry.delay(n, response(503), idempotent=True, started=0.0) for n in (1, 2, 3, 4)]
    assert waits == [1.0, 2.0, 3.0, 1.5]


def test_attempts_are_bounded() -> None:
    retry = policy(max_attempts=3)
    assert retry.delay(2, response(503), idempotent=True, started=0.0) is not None
    assert retry.delay(3, response(503), idempotent=True, started=0.0) is None


def test_total_time_is_bounded() -> None:
    retry = policy(max_elapsed=10.0, clock=lambda: 9.9)
    assert retry.delay(1, response(503), idempotent=True, started=0.0) is None


def test_retry_after_replaces_the_backoff() -> None:
    assert policy().delay(1, response(429, **{"Retry-After": "7"}), idempotent=True, started=0) == 7
    too_long = response(503, **{"Retry-After": "120"})
    assert policy().delay(1, too_long, idempotent=True, started=0.0) is None


def test_retry_after_as_an_http_date() -> None:
    when = email.utils.formatdate(1_000_030.0, usegmt=True)
    assert retry_after(response(503, **{"Retry-After": when}), now=lambda: 1_000_000.0) == 30.0
    assert retry_after(response(503, **{"Retry-After": "soon"})) is None
    assert retry_after(response(503)) is None


def test_a_write_is_never_resent_once_it_may_have_reached_the_server() -> None:
    retry = policy()
    for outcome in (
        response(503),
        response(429),
        httpx.ReadTimeout("slow"),
        httpx.ReadError("reset"),
        httpx.RemoteProtocolError("server disconnected"),
        httpx.WriteError("broken pipe"),
    ):
        assert retry.delay(1, outcome, idempotent=False, started=0.0) is None, outcome


def test_a_write_is_retried_when_no_connection_was_made() -> None:
    retry = policy()
    for failure in (httpx.ConnectError("refused"), httpx.ConnectTimeout("no answer")):
        assert never_sent(failure)
        assert retry.delay(1, failure, idempotent=False, started=0.0) == 0.25


def test_reads_are_retried_on_timeouts_and_dropped_connections() -> None:
    retry = policy()
    for failure in (httpx.ReadTimeout("slow"), httpx.ReadError("reset")):
        assert retry.delay(1, failure, idempotent=True, started=0.0) == 0.25
    assert retry.delay(1, httpx.UnsupportedProtocol("ftp"), idempotent=True, started=0) is None


def test_max_attempts_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        RetryPolicy(max_attempts=0)
