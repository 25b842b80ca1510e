"""Business-day arithmetic for the follow-up cadence (bot.nudges.cadence), as tables."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import CoreConfig
from bot.model import Interview, NudgeKind, User
from bot.nudges.cadence import (
    add_business_days,
    add_business_delay,
    check_in_after_named_date,
)
from bot.nudges.policy import NudgePolicy
from bot.values import Identity

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize("start, count, expected", [
    (date(2026, 6, 10), 0, date(2026, 6, 10)),   # Wed + 0 = itself
    (date(2026, 6, 10), 2, date(2026, 6, 12)),   # Wed + 2 = Fri
    (date(2026, 6, 10), 3, date(2026, 6, 15)),   # Wed + 3 = Mon (weekend skipped)
    (date(2026, 6, 10), 5, date(2026, 6, 17)),   # Wed + 5 = next Wed
    (date(2026, 6, 12), 1, date(2026, 6, 15)),   # Fri + 1 = Mon
    (date(2026, 6, 12), 5, date(2026, 6, 19)),   # Fri + 5 = next Fri
    (date(2026, 6, 13), 1, date(2026, 6, 15)),   # Sat + 1 = Mon
    (date(2026, 6, 13), 5, date(2026, 6, 19)),   # Sat + 5 = Fri
    (date(2026, 6, 14), 2, date(2026, 6, 16)),   # Sun + 2 = Tue
    (date(2026, 6, 10), 7, date(2026, 6, 19)),   # Wed + 7 = Fri of the week after
    (date(2026, 12, 31), 1, date(2027, 1, 1)),   # across a year; holidays are not known
])
def test_business_days_skip_weekends(start: date, count: int, expected: date) -> None:
    assert add_business_days(start, count) == expected


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        add_business_days(date(2026, 6, 10), -1)


@pytest.mark.parametrize("start_utc, delay, zone, expected_local", [
    # Wednesday 14:00 BST + 5 business days: Wednesday 14:00 BST a week later
    (datetime(2026, 6, 10, 13, 0, tzinfo=UTC), timedelta(days=5), LONDON,
     "2026-06-17 14:00 BST"),
    # Friday 16:00 BST + 5: the next Friday
    (datetime(2026, 6, 12, 15, 0, tzinfo=UTC), timedelta(days=5), LONDON,
     "2026-06-19 16:00 BST"),
    # Friday 23:30 in New York is already Saturday in UTC: the LOCAL Friday counts
    (datetime(2026, 6, 13, 3, 30, tzinfo=UTC), timedelta(days=1), NEW_YORK,
     "2026-06-15 23:30 EDT"),
    # DST week: Thursday 22 Oct 2026 10:00 BST + 5 business days crosses the end of
    # summer time (25 Oct) and keeps 10:00 local, now GMT
    (datetime(2026, 10, 22, 9, 0, tzinfo=UTC), timedelta(days=5), LONDON,
     "2026-10-29 10:00 GMT"),
    # DST week in New York (spring forward on Sun 8 Mar 2026): Fri 09:00 EST + 1 = Mon 09:00 EDT
    (datetime(2026, 3, 6, 14, 0, tzinfo=UTC), timedelta(days=1), NEW_YORK,
     "2026-03-09 09:00 EDT"),
    # hours and minutes are elapsed time after the business days
    (datetime(2026, 6, 12, 15, 0, tzinfo=UTC), timedelta(days=1, hours=2), LONDON,
     "2026-06-15 18:00 BST"),
])
def test_business_delays_keep_the_local_time_of_day(
        start_utc: datetime, delay: timedelta, zone: ZoneInfo, expected_local: str) -> None:
    due = add_business_delay(start_utc, delay, zone).astimezone(zone)
    assert f"{due:%Y-%m-%d %H:%M} {due.tzname()}" == expected_local


@pytest.mark.parametrize("named, zone, expected_local", [
    (date(2026, 6, 12), LONDON, "2026-06-16 10:00 BST"),   # by Friday -> Tuesday
    (date(2026, 6, 10), LONDON, "2026-06-12 10:00 BST"),   # by Wednesday -> Friday
    (date(2026, 6, 13), LONDON, "2026-06-16 10:00 BST"),   # "by Saturday" -> Tuesday
    (date(2026, 10, 23), LONDON, "2026-10-27 10:00 GMT"),  # by Fri, across the DST end
    (date(2026, 3, 6), NEW_YORK, "2026-03-10 10:00 EDT"),  # by Fri, across spring forward
])
def test_the_check_in_comes_two_business_days_after_the_named_date(
        named: date, zone: ZoneInfo, expected_local: str) -> None:
    due = check_in_after_named_date(named, zone).astimezone(zone)
    assert f"{due:%Y-%m-%d %H:%M} {due.tzname()}" == expected_local


def _check_in_for(at: datetime, zone: str) -> datetime:
    user = User(identity=Identity("console", "local", "ann"), id=1, timezone=zone)
    interview = Interview(user_id=1, id=7, company="Acme", happens_at=at, logged_at=at)
    (check_in,) = [n for n in NudgePolicy(CoreConfig()).plan(interview, user, at)
                   if n.kind is NudgeKind.CHECK_IN]
    return check_in.due_at


def test_a_friday_interview_is_checked_on_the_next_friday_not_over_the_weekend() -> None:
    due = _check_in_for(datetime(2026, 6, 12, 15, 0, tzinfo=UTC), "Europe/London")
    assert due == datetime(2026, 6, 19, 15, 0, tzinfo=UTC)


def test_a_saturday_interview_is_checked_on_a_weekday() -> None:
    due = _check_in_for(datetime(2026, 6, 13, 10, 0, tzinfo=UTC), "Europe/London")
    assert due.astimezone(LONDON).weekday() < 5
    assert due == datetime(2026, 6, 19, 10, 0, tzinfo=UTC)  # Friday 11:00 BST
