"""Times and timezones as people type them (issue 13): table tests, then through the service
and the CLI the way a person meets them."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_console_e2e import console_env
from test_service import World

from bot.durations import parse_duration
from bot.model import NudgeKind
from bot.timeparse import TimeParseError, parse_when
from bot.zones import UnknownZone, resolve_zone

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
# Monday 30 November 2026, 16:00 UTC = 17:00 CET in Berlin, 11:00 EST in New York.
MONDAY = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)


def local(text: str, zone: ZoneInfo, now: datetime = MONDAY) -> str:
    return parse_when(text, now, zone).astimezone(zone).strftime("%a %Y-%m-%d %H:%M %Z")


@pytest.mark.parametrize(("typed", "berlin", "new_york"), [
    ("tomorrow at 3pm", "Tue 2026-12-01 15:00 CET", "Tue 2026-12-01 15:00 EST"),
    ("3pm tomorrow", "Tue 2026-12-01 15:00 CET", "Tue 2026-12-01 15:00 EST"),
    ("Tomorrow", "Tue 2026-12-01 09:00 CET", "Tue 2026-12-01 09:00 EST"),  # default 09:00
    ("tmrw 9am", "Tue 2026-12-01 09:00 CET", "Tue 2026-12-01 09:00 EST"),
    ("next monday", "Mon 2026-12-07 09:00 CET", "Mon 2026-12-07 09:00 EST"),  # not today
    ("monday 10:00", "Mon 2026-11-30 10:00 CET", "Mon 2026-11-30 10:00 EST"),  # today
    ("last friday 14:00", "Fri 2026-11-27 14:00 CET", "Fri 2026-11-27 14:00 EST"),
    ("at 3pm on friday", "Fri 2026-12-04 15:00 CET", "Fri 2026-12-04 15:00 EST"),
    ("next week", "Mon 2026-12-07 09:00 CET", "Mon 2026-12-07 09:00 EST"),
    ("in 90 minutes", "Mon 2026-11-30 18:30 CET", "Mon 2026-11-30 12:30 EST"),
    ("in an hour", "Mon 2026-11-30 18:00 CET", "Mon 2026-11-30 12:00 EST"),
    ("5 days ago", "Wed 2026-11-25 17:00 CET", "Wed 2026-11-25 11:00 EST"),
    ("2 days from now", "Wed 2026-12-02 17:00 CET", "Wed 2026-12-02 11:00 EST"),
    ("noon", "Mon 2026-11-30 12:00 CET", "Mon 2026-11-30 12:00 EST"),
    ("tomorrow noon", "Tue 2026-12-01 12:00 CET", "Tue 2026-12-01 12:00 EST"),
    ("midnight", "Tue 2026-12-01 00:00 CET", "Tue 2026-12-01 00:00 EST"),  # tonight's
    ("Dec 4 10:30", "Fri 2026-12-04 10:30 CET", "Fri 2026-12-04 10:30 EST"),
    ("4 December at 3.30pm", "Fri 2026-12-04 15:30 CET", "Fri 2026-12-04 15:30 EST"),
    ("December 4th, 2027", "Sat 2027-12-04 09:00 CET", "Sat 2027-12-04 09:00 EST"),
    ("jan 3 9:00", "Sun 2027-01-03 09:00 CET", "Sun 2027-01-03 09:00 EST"),  # the nearest
    ("nov 2", "Mon 2026-11-02 09:00 CET", "Mon 2026-11-02 09:00 EST"),
    ("2026-12-01", "Tue 2026-12-01 09:00 CET", "Tue 2026-12-01 09:00 EST"),
    ("today", "Mon 2026-11-30 17:00 CET", "Mon 2026-11-30 11:00 EST"),  # now
])
def test_phrases_people_type_are_read_in_their_own_zone(typed: str, berlin: str,
                                                        new_york: str) -> None:
    assert local(typed, BERLIN) == berlin
    assert local(typed, NEW_YORK) == new_york


# Tuesday 1 December 2026, 14:00 CET.
TUESDAY = datetime(2026, 12, 1, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize(("typed", "berlin"), [
    # a day said as a span, then its time (was refused: "3 days ago 10:00")
    ("3 days ago 10:00", "Sat 2026-11-28 10:00 CET"),
    ("3 days ago at 10am", "Sat 2026-11-28 10:00 CET"),
    ("in 2 days at 10", "Thu 2026-12-03 10:00 CET"),
    ("a week ago 9:30", "Tue 2026-11-24 09:30 CET"),
    # "next <weekday>": that day of next week, as "next week" is its Monday
    ("next wed", "Wed 2026-12-09 09:00 CET"),
    ("next wednesday 10am", "Wed 2026-12-09 10:00 CET"),
    ("wednesday next week", "Wed 2026-12-09 09:00 CET"),
    ("wed", "Wed 2026-12-02 09:00 CET"),
    ("this wed", "Wed 2026-12-02 09:00 CET"),
    ("next mon", "Mon 2026-12-07 09:00 CET"),
    # parts of a day, after the day
    ("yesterday afternoon", "Mon 2026-11-30 14:00 CET"),
    ("this morning", "Tue 2026-12-01 09:00 CET"),
    ("friday evening", "Fri 2026-12-04 18:00 CET"),
    ("tonight", "Tue 2026-12-01 19:00 CET"),
    ("last night", "Mon 2026-11-30 19:00 CET"),
    ("yesterday afternoon at 3", "Mon 2026-11-30 15:00 CET"),  # not 03:00
    ("tonight at 8", "Tue 2026-12-01 20:00 CET"),
    ("tomorrow at 3", "Wed 2026-12-02 15:00 CET"),  # an hour alone, 1 to 6: p.m.
    ("tomorrow at 3am", "Wed 2026-12-02 03:00 CET"),
    ("tomorrow at 7", "Wed 2026-12-02 07:00 CET"),
    ("tomorrow in the morning", "Wed 2026-12-02 09:00 CET"),
    # amounts in words, short forms, and a day as a calendar invite writes it
    ("two hours ago", "Tue 2026-12-01 12:00 CET"),
    ("half an hour ago", "Tue 2026-12-01 13:30 CET"),
    ("a couple of days ago", "Sun 2026-11-29 14:00 CET"),
    ("tmr 9am", "Wed 2026-12-02 09:00 CET"),
    ("tomorrow @ 9", "Wed 2026-12-02 09:00 CET"),
    ("10 a.m.", "Tue 2026-12-01 10:00 CET"),
    ("the day before yesterday", "Sun 2026-11-29 09:00 CET"),
    ("Thursday, Dec 3 at 2:30 PM", "Thu 2026-12-03 14:30 CET"),
    ("last friday 3pm", "Fri 2026-11-27 15:00 CET"),
])
def test_phrases_said_in_passing_are_read_as_meant(typed: str, berlin: str) -> None:
    assert local(typed, BERLIN, TUESDAY) == berlin


@pytest.mark.parametrize("typed", [
    "morning", "afternoon 3pm", "3 hours ago 10:00", "Friday, Dec 3", "last week",
])
def test_parts_and_spans_that_name_no_day_are_refused(typed: str) -> None:
    """A part of a day needs the day ("Morning" may be a name); hours ago leave no day to
    put a time on; Dec 3 2026 is a Thursday."""
    with pytest.raises(TimeParseError):
        parse_when(typed, TUESDAY, BERLIN)


# Saturday 28 March 2026, 10:00 CET; Berlin's clocks go forward that night (02:00 -> 03:00).
BEFORE_SPRING = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("typed", "expected_local", "elapsed"), [
    ("tomorrow", "Sun 2026-03-29 09:00 CEST", timedelta(hours=22)),
    ("tomorrow at 10am", "Sun 2026-03-29 10:00 CEST", timedelta(hours=23)),
    ("in 1 day", "Sun 2026-03-29 10:00 CEST", timedelta(hours=23)),  # the calendar day
    ("in 24 hours", "Sun 2026-03-29 11:00 CEST", timedelta(hours=24)),  # elapsed time
    ("next monday at 10", "Mon 2026-03-30 10:00 CEST", timedelta(days=2, hours=-1)),
    ("tomorrow 2:30", "Sun 2026-03-29 03:30 CEST", timedelta(hours=16, minutes=30)),  # gap
])
def test_across_a_dst_change_days_keep_the_wall_time_and_hours_are_elapsed(
        typed: str, expected_local: str, elapsed: timedelta) -> None:
    assert local(typed, BERLIN, BEFORE_SPRING) == expected_local
    assert parse_when(typed, BEFORE_SPRING, BERLIN) - BEFORE_SPRING == elapsed


def test_days_ago_across_the_autumn_change_keep_the_wall_time() -> None:
    after_fall_back = datetime(2026, 10, 26, 9, 0, tzinfo=UTC)  # Mon 10:00 CET
    assert local("2 days ago", BERLIN, after_fall_back) == "Sat 2026-10-24 10:00 CEST"


@pytest.mark.parametrize("typed", [
    "idk", "soon", "2 hours", "tomorrow at", "meet me tomorrow blah", "feb 30", "dec 32",
    "next banana", "in a bit", "yesterday-ish", "🙂",
])
def test_phrases_that_name_no_time_are_refused(typed: str) -> None:
    with pytest.raises(TimeParseError):
        parse_when(typed, MONDAY, BERLIN)


@pytest.mark.parametrize(("typed", "zone", "abbreviation"), [
    ("Europe/Berlin", "Europe/Berlin", None),
    ("europe/berlin", "Europe/Berlin", None),
    ("america/new_york", "America/New_York", None),
    ("America/New York", "America/New_York", None),
    ("berlin", "Europe/Berlin", None),
    ("Berlin", "Europe/Berlin", None),
    ("new york", "America/New_York", None),
    ("sao paulo", "America/Sao_Paulo", None),
    ("São Paulo", "America/Sao_Paulo", None),
    ("san francisco", "America/Los_Angeles", None),
    ("mumbai", "Asia/Kolkata", None),
    ("utc", "UTC", None),
    ("EST", "America/New_York", "EST"),
    ("pst", "America/Los_Angeles", "PST"),
    ("CET", "Europe/Berlin", "CET"),
])
def test_timezone_names_cities_and_abbreviations_resolve(typed: str, zone: str,
                                                         abbreviation: str | None) -> None:
    match = resolve_zone(typed)
    assert (match.key, match.abbreviation) == (zone, abbreviation)


@pytest.mark.parametrize(("typed", "first_suggestion"), [
    ("berln", "Europe/Berlin"), ("europe/berlinn", "Europe/Berlin"),
    ("new yrok", "America/New_York"), ("asia/kolkatta", "Asia/Kolkata"),
])
def test_a_near_miss_zone_is_refused_with_did_you_mean(typed: str,
                                                      first_suggestion: str) -> None:
    with pytest.raises(UnknownZone) as refused:
        resolve_zone(typed)
    assert refused.value.suggestions[0] == first_suggestion


@pytest.mark.parametrize("typed", ["Mars/Olympus", "localtime", "../../etc/passwd", "x" * 80])
def test_nonsense_zones_are_refused(typed: str) -> None:
    with pytest.raises(UnknownZone):
        resolve_zone(typed)


# -- through the service ---------------------------------------------------------------------


@pytest.fixture
def world() -> World:
    return World()


async def test_settings_timezone_takes_a_lowercase_name_or_a_city(world: World) -> None:
    (reply,) = await world.say("/debrief settings timezone america/new_york")
    assert "Saved your timezone. Your timezone: America/New_York" in reply.text
    assert world.user().timezone == "America/New_York"
    (reply,) = await world.say("/debrief settings timezone berlin")
    assert world.user().timezone == "Europe/Berlin"
    (reply,) = await world.say("/debrief settings sao paulo")
    assert world.user().timezone == "America/Sao_Paulo"


async def test_an_abbreviation_says_which_zone_it_became(world: World) -> None:
    (reply,) = await world.say("/debrief settings timezone EST")
    assert world.user().timezone == "America/New_York"
    assert '(I read "EST" as America/New_York: the local time there all year, summer time ' \
           "included." in reply.text


async def test_a_mistyped_zone_gets_did_you_mean_and_changes_nothing(world: World) -> None:
    await world.say("/debrief settings timezone Europe/Paris")
    (reply,) = await world.say("/debrief settings timezone berln")
    assert reply.text == ('I don\'t know the timezone "berln" - did you mean '
                          "`Europe/Berlin`? Nothing was changed.")
    assert world.user().timezone == "Europe/Paris"


async def test_quiet_hours_off_no_longer_claims_to_hold_reminders(world: World) -> None:
    (reply,) = await world.say("/debrief settings quiet off")
    assert "Quiet hours: off - reminders arrive whenever they are due." in reply.text
    assert "hold reminders" not in reply.text
    (reply,) = await world.say("/debrief settings quiet 22:00-07:00")
    assert "Quiet hours: 22:00-07:00 - I hold reminders until they end." in reply.text


async def test_an_interview_logged_for_tomorrow_at_3pm_is_at_3pm_local(world: World) -> None:
    await world.say("/debrief settings timezone berlin")
    (reply,) = await world.say('/debrief interview Acme when:"tomorrow at 3pm"')
    assert "Thu 11 Jun 15:00 CEST" in reply.text
    assert world.interview().happens_at == datetime(2026, 6, 11, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize(("typed", "delay"), [
    ("for 2h", timedelta(hours=2)), ("2 hours", timedelta(hours=2)), ("2h", timedelta(hours=2)),
    ("two hours", timedelta(hours=2)), ("a couple of hours", timedelta(hours=2)),
    ("half an hour", timedelta(minutes=30)),  # was "I couldn't read "half an hour" …"
])
async def test_snooze_n_for_a_duration_in_words(world: World, typed: str,
                                                delay: timedelta) -> None:
    await world.say("/debrief interview Acme")
    first = world.nudges(NudgeKind.THANK_YOU)[0]
    (reply,) = await world.say(f"/debrief nudges snooze {first.id} {typed}")
    assert reply.text.startswith("Snoozed")
    assert world.store.nudges.rows[first.id or 0].due_at == first.due_at + delay


def test_words_for_durations_do_not_change_what_operators_type() -> None:
    assert parse_duration("7d") == timedelta(days=7)
    assert parse_duration("1h30m") == timedelta(hours=1, minutes=30)


# -- the CLI's --tz ---------------------------------------------------------------------------


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", "console", "--user", "ann", *args],
        input="/debrief settings\n", text=True, capture_output=True, cwd=tmp_path,
        env=console_env(tmp_path), timeout=60)


def test_the_cli_takes_a_city_for_tz(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--tz", "berlin")
    assert result.returncode == 0, result.stderr
    assert "Your timezone: Europe/Berlin (from your chat profile" in result.stdout


def test_the_cli_suggests_zones_for_a_near_miss(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--tz", "new yrok")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "debrief: unknown timezone 'new yrok' - did you mean America/New_York?")


async def test_interview_and_followup_take_days_ago_with_a_time(world: World) -> None:
    """"3 days ago 10:00" was refused ("I couldn't read the time …") for both. The world's
    clock: Wednesday 10 June 2026, 14:00 in London."""
    await world.say("/debrief interview Acme when:3 days ago 10:00")
    interview = world.interview()
    assert interview.happens_at == datetime(2026, 6, 7, 9, 0, tzinfo=UTC)  # 10:00 BST
    (reply,) = await world.say("/debrief followup Acme when:3 days ago at 6pm")
    assert "8 h after the interview" in reply.text
    assert world.interview().thank_you_sent_at == datetime(2026, 6, 7, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(("typed", "berlin"), [
    ("friday 17:00", "Fri 2026-11-27 17:00 CET"),  # the last Friday, not the next
    ("tuesday 9:00", "Tue 2026-12-01 09:00 CET"),  # today
    ("next friday", "Fri 2026-12-11 09:00 CET"),  # said outright: as ever
])
def test_a_weekday_alone_for_a_time_past_is_the_last_one(typed: str, berlin: str) -> None:
    assert parse_when(typed, TUESDAY, BERLIN, past=True).astimezone(BERLIN).strftime(
        "%a %Y-%m-%d %H:%M %Z") == berlin


async def test_followup_when_a_weekday_is_the_day_the_note_went_out(world: World) -> None:
    """"/debrief followup when:monday 18:00" typed on a Wednesday was refused as "still
    ahead" (next Monday)."""
    await world.say('/debrief interview Acme when:"2 days ago"')  # Monday 14:00 in London
    (reply,) = await world.say("/debrief followup Acme when:monday 18:00")
    assert "4 h after the interview - inside the 24-hour window" in reply.text
