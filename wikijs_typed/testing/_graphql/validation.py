"""The input checks Wiki.js runs with validate.js, with its messages."""

from __future__ import annotations

import re
from collections.abc import Callable

_EMAIL = re.compile(
    r"^[a-z0-9\u007f-\uffff!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9\u007f-\uffff!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$",
    re.IGNORECASE,
)

Check = Callable[[str, object], str | None]


def email(label: str, value: object) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _EMAIL.match(value):
        return f"{label} is not a valid email"
    return None


def present(label: str, value: object) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return f"{label} can't be blank"
    return None


def length(minimum: int | None = None, maximum: int | None = None) -> Check:
    def check(label: str, value: object) -> str | None:
        if not isinstance(value, str):
            return None
        if minimum is not None and len(value) < minimum:
            return f"{label} is too short (minimum is {minimum} characters)"
        if maximum is not None and len(value) > maximum:
            return f"{label} is too long (maximum is {maximum} characters)"
        return None

    return check


def first_problem(rules: list[tuple[str, object, list[Check]]]) -> str | None:
    """The first message validate.js's flat format would list, or None."""
    for label, value, checks in rules:
        for check in checks:
            problem = check(label, value)
            if problem:
                return problem
    return None


def unsafe_regex(pattern: str) -> bool:
    """safe-regex's verdict, roughly: a repeated group that itself repeats (star height > 1)."""
    return re.search(r"\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)[*+{]", pattern) is not None
