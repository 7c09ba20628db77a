"""The content API's dates: `iso_utc` writes exactly what the plain formatting writes.

`iso_utc` builds the string from the UTC date's and time's own `isoformat` (cheaper than an
aware datetime's, which formats an offset only for it to be replaced by `Z`); these tests hold
it to the plain `astimezone(UTC).isoformat().replace("+00:00", "Z")` over many moments: every
kind of offset, named zones, naive (local) times, with and without microseconds, the edges of
the calendar, and the errors it raises where the plain formatting raises.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from wikijs_typed.query._wagtail import iso_utc


def plain(moment: datetime) -> str:
    """The straightforward formatting `iso_utc` stands for."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def outcome(format_date: Callable[[datetime], str], moment: datetime) -> str:
    """The string, or the error's type when formatting fails (a moment beyond year 9999)."""
    try:
        return format_date(moment)
    except (OverflowError, ValueError) as error:
        return type(error).__name__


# Whole minutes, seconds and odd microseconds: every offset `timezone` takes.
offsets = st.timedeltas(
    min_value=timedelta(hours=-23, minutes=-59, seconds=-59, microseconds=-999_999),
    max_value=timedelta(hours=23, minutes=59, seconds=59, microseconds=999_999),
).map(timezone)
zones = st.one_of(st.just(UTC), offsets, st.timezones(), st.none())


@settings(max_examples=500, deadline=None)
@given(st.datetimes(timezones=zones))
def test_iso_utc_is_the_plain_formatting(moment: datetime) -> None:
    assert outcome(iso_utc, moment) == outcome(plain, moment)


@settings(max_examples=300, deadline=None)
@given(st.datetimes(timezones=zones), st.sampled_from([0, 1, 999_999]))
def test_iso_utc_with_or_without_microseconds(moment: datetime, microsecond: int) -> None:
    moment = moment.replace(microsecond=microsecond)
    assert outcome(iso_utc, moment) == outcome(plain, moment)


def test_iso_utc_over_many_seeded_moments() -> None:
    # Not left to a search's taste: 20,000 moments spread over the whole calendar, in zones
    # with and without daylight saving time, and the folds of a repeated hour.
    draw = random.Random(20261207)
    tzs = [
        UTC,
        None,
        timezone(timedelta(hours=5, minutes=30)),
        timezone(-timedelta(hours=9, seconds=1, microseconds=7)),
        ZoneInfo("Europe/Berlin"),
        ZoneInfo("America/St_Johns"),
        ZoneInfo("Australia/Lord_Howe"),
    ]
    lowest = datetime(1, 1, 1, tzinfo=UTC).timestamp()
    highest = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp()
    for _ in range(20_000):
        moment = datetime.fromtimestamp(draw.uniform(lowest, highest), UTC).replace(
            microsecond=draw.choice([0, draw.randrange(1_000_000)]),
            tzinfo=draw.choice(tzs),
            fold=draw.randrange(2),
        )
        assert outcome(iso_utc, moment) == outcome(plain, moment), repr(moment)


def test_iso_utc_examples() -> None:
    assert iso_utc(datetime(2024, 5, 1, 12, 30, tzinfo=UTC)) == "2024-05-01T12:30:00Z"
    assert (
        iso_utc(datetime(2024, 5, 1, 14, 30, 0, 250_000, tzinfo=timezone(timedelta(hours=2))))
        == "2024-05-01T12:30:00.250000Z"
    )
    assert iso_utc(datetime(1, 1, 1, 0, 0, 0, 1, tzinfo=UTC)) == "0001-01-01T00:00:00.000001Z"


def test_kept_strings_follow_the_instant_not_the_wall_time() -> None:
    # Equal moments in two fixed offsets are one instant: one kept string serves both.
    utc = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
    paris = datetime(2024, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    assert iso_utc(utc) == iso_utc(paris) == "2024-05-01T10:00:00Z"
    # The hour a named zone repeats: equal wall times an hour apart get their own strings,
    # in either order.
    first = datetime(2024, 10, 27, 2, 30, tzinfo=ZoneInfo("Europe/Paris"))
    second = first.replace(fold=1)
    assert first == second
    for moment in (first, second, first):
        assert iso_utc(moment) == plain(moment)
    assert iso_utc(first) != iso_utc(second)
