"""Numbers the benchmarks read from the environment, checked: a bad one is one clear line."""

from __future__ import annotations

import os


def env_number(name: str, default: int, *, minimum: int = 1) -> int:
    """The whole number `name` holds, or `default` when it is unset or empty.

    Raises:
        SystemExit: The value is not a whole number, or is below `minimum`.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise SystemExit(f"{name} must be at least {minimum}, not {value}")
    return value


def env_positive(name: str, default: float) -> float:
    """The positive number `name` holds, or `default` when it is unset or empty.

    Raises:
        SystemExit: The value is not a positive number.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a number, not {raw!r}") from None
    if not value > 0:
        raise SystemExit(f"{name} must be more than 0, not {raw}")
    return value
