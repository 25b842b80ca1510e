"""Tip schedules people type, and when they fire in a community's timezone (DST included)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.tips.schedule import ScheduleError, latest_occurrence, next_occurrence, parse_schedule

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize("typed, canonical", [
    ("daily 09:00", "daily 09:00"),
    ("Daily 9am", "daily 09:00"),
    ("every day at 9:00 am", "daily 09:00"),
    ("weekdays 12:30", "weekdays 12:30"),
    ("every weekday 12:30", "weekdays 12:30"),
    ("mon-fri 12:30", "weekdays 12:30"),
    ("weekends 10:00", "weekends 10:00"),
    ("sat,sun 10:00", "weekends 10:00"),
    ("weekly mon 09:00", "weekly mon 09:00"),
    ("every Monday 9am", "weekly mon 09:00"),
    ("weekly tuesday 17:45", "weekly tue 17:45"),
    ("mon, wed, fri 08:00", "mon,wed,fri 08:00"),
    ("0 9 * * 1-5", "cron 0 9 * * 1-5"),
    ("cron 30 8 * * 0", "cron 30 8 * * 0"),
    ("0   9 1 * *", "cron 0 9 1 * *"),
])
def test_schedules_a_person_types_are_read(typed: str, canonical: str) -> None:
    schedule = parse_schedule(typed)
    assert schedule.text == canonical
    assert parse_schedule(schedule.text) == schedule  # the stored form reads back the same


@pytest.mark.parametrize("typed, why", [
    ("", "unreadable"),
    ("daily", "unreadable"),
    ("sometimes 09:00", "unreadable"),
    ("daily 25:00", "unreadable"),
    ("weekly 09:00", "unreadable"),
    ("* 9 * * *", "too_often"),
    ("*/5 * * * *", "too_often"),
    ("0 9 1 * 1", "both_days"),
    ("0 9 31 2 *", "never"),
    ("0 9 * * 8", "unreadable"),
    ("0 24 * * *", "unreadable"),
    ("x" * 200, "unreadable"),
])
def test_unreadable_or_unwise_schedules_are_refused_with_the_reason(typed: str,
                                                                    why: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        parse_schedule(typed)
    assert caught.value.why == why


@pytest.mark.parametrize("dow, days", [
    ("0", {6}), ("7", {6}), ("1-5", {0, 1, 2, 3, 4}), ("5-7", {4, 5, 6}),
    ("5-0", {4, 5, 6}), ("*/2", {6, 1, 3, 5}), ("mon,sun", {0, 6}), ("sat-sun", {5, 6}),
])
def test_cron_day_of_week_is_read_as_crontab_reads_it(dow: str, days: set[int]) -> None:
    """0 and 7 are Sunday (APScheduler 3 on its own would read 0 as Monday)."""
    schedule = parse_schedule(f"0 9 * * {dow}")
    start = datetime(2026, 6, 1, tzinfo=UTC)  # a Monday
    fired = set()
    at = start
    while at < start + timedelta(days=7):
        nxt = next_occurrence(schedule, BERLIN, at)
        assert nxt is not None
        if nxt < start + timedelta(days=7):
            fired.add(nxt.astimezone(BERLIN).weekday())
        at = nxt
    assert fired == days


def test_daily_nine_is_nine_local_on_both_sides_of_the_spring_change() -> None:
    schedule = parse_schedule("daily 09:00")
    at = datetime(2026, 3, 27, 12, 0, tzinfo=UTC)
    fires = []
    for _ in range(4):
        nxt = next_occurrence(schedule, BERLIN, at)
        assert nxt is not None
        fires.append(nxt)
        at = nxt
    assert [f.astimezone(BERLIN).strftime("%d %H:%M %Z") for f in fires] == [
        "28 09:00 CET", "29 09:00 CEST", "30 09:00 CEST", "31 09:00 CEST"]
    assert [f.hour for f in fires] == [8, 7, 7, 7]  # in UTC the hour moves by one
    assert all(f.tzinfo is UTC for f in fires)


def test_weekdays_nine_is_nine_local_on_both_sides_of_the_autumn_change() -> None:
    schedule = parse_schedule("weekdays 09:00")
    at = datetime(2026, 10, 29, 14, 0, tzinfo=UTC)  # Thursday 10:00 EDT; clocks go back Nov 1
    fires = []
    for _ in range(3):
        nxt = next_occurrence(schedule, NEW_YORK, at)
        assert nxt is not None
        fires.append(nxt)
        at = nxt
    assert [f.astimezone(NEW_YORK).strftime("%a %H:%M %Z") for f in fires] == [
        "Fri 09:00 EDT", "Mon 09:00 EST", "Tue 09:00 EST"]


def test_latest_occurrence_is_the_newest_missed_one_only() -> None:
    schedule = parse_schedule("daily 09:00")
    after = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
    now = datetime(2026, 3, 29, 12, 0, tzinfo=UTC)  # nine days of downtime
    assert latest_occurrence(schedule, BERLIN, after, now) == datetime(
        2026, 3, 29, 7, 0, tzinfo=UTC)
    # Nothing new since the last one: nothing to post.
    assert latest_occurrence(schedule, BERLIN, datetime(2026, 3, 29, 7, 0, tzinfo=UTC),
                             now) is None
    # Exactly at the time counts; a second before does not.
    at_nine = datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert latest_occurrence(schedule, BERLIN, now, at_nine) == at_nine
    assert latest_occurrence(schedule, BERLIN, now, at_nine - timedelta(seconds=1)) is None


def test_latest_occurrence_finds_rare_schedules_far_back() -> None:
    yearly = parse_schedule("0 9 1 1 *")
    now = datetime(2026, 12, 31, tzinfo=UTC)
    assert latest_occurrence(yearly, BERLIN, datetime(2020, 1, 1, tzinfo=UTC), now) == \
        datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
