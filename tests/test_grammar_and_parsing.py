"""What people type: the ``/debrief`` grammar, times in their own zone, and durations."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.durations import DurationError, format_duration, parse_duration
from bot.grammar import (
    MAX_COMMAND_LENGTH,
    SUBCOMMANDS,
    CommandSyntaxError,
    is_command,
    parse_command,
)
from bot.timeparse import TimeParseError, local_to_utc, parse_clock_time, parse_when
from bot.values import Command

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
# Wednesday 25 March 2026, 10:00 UTC (= 10:00 GMT in London, 06:00 EDT in New York).
NOW = datetime(2026, 3, 25, 10, 0, tzinfo=UTC)


# -- the command grammar -------------------------------------------------------------------


def test_interview_with_quoted_and_unquoted_options() -> None:
    cmd = parse_command(
        '/debrief interview Acme when:"tomorrow 3pm" role:"Backend Engineer" '
        "interviewer:Jane Doe")
    assert cmd.name == "interview"
    assert cmd.text == "Acme"
    assert cmd.option("when") == "tomorrow 3pm"
    assert cmd.option("role") == "Backend Engineer"
    assert cmd.option("interviewer") == "Jane Doe"


@pytest.mark.parametrize("typed, company", [
    ("/debrief interview McDonald's", "McDonald's"),
    ("/debrief interview O'Reilly Media role:Editor", "O'Reilly Media"),
    ("/debrief interview Macy's Inc. interviewer:O'Brien", "Macy's Inc."),
    ('/debrief interview company:"Ben & Jerry\'s" role:Scooper', "Ben & Jerry's"),
])
def test_apostrophes_in_company_names_are_kept(typed: str, company: str) -> None:
    cmd = parse_command(typed)
    assert (cmd.option("company") or cmd.text) == company


def test_apostrophe_in_an_option_value_is_kept() -> None:
    cmd = parse_command("/debrief interview Acme interviewer:O'Brien role:'Data Analyst'")
    assert cmd.option("interviewer") == "O'Brien"
    assert cmd.option("role") == "Data Analyst"


def test_typographic_quotes_are_removed_like_straight_ones() -> None:
    cmd = parse_command("/debrief interview Acme role:“Lead Developer”")
    assert cmd.option("role") == "Lead Developer"


def test_option_names_are_case_insensitive_and_aliases_map_to_the_option() -> None:
    cmd = parse_command("/debrief interview Acme WITH: Jane Smith When: now")
    assert cmd.option("interviewer") == "Jane Smith"
    assert cmd.option("when") == "now"
    assert cmd.text == "Acme"


def test_a_word_that_only_contains_an_option_name_is_not_an_option() -> None:
    cmd = parse_command("/debrief interview Role-Play Inc ex-role:foo")
    assert cmd.text == "Role-Play Inc ex-role:foo"
    assert cmd.options == ()


def test_subcommand_is_case_insensitive_and_prefix_is_optional() -> None:
    assert parse_command("/debrief HELP").name == "help"
    assert parse_command("history").name == "history"
    assert parse_command("  /debrief   nudges  ") == Command("nudges", "", ())


def test_bare_debrief_means_help() -> None:
    assert parse_command("/debrief").name == "help"


def test_nudges_keeps_its_free_text_and_named_until() -> None:
    cmd = parse_command("/debrief nudges snooze 3 for:2h")
    assert cmd.text == "snooze 3"
    assert cmd.option("until") == "2h"


def test_unknown_subcommand_is_refused_with_the_word_that_was_typed() -> None:
    with pytest.raises(CommandSyntaxError) as info:
        parse_command("/debrief Bogus stuff")
    assert info.value.kind == "unknown"
    assert info.value.word == "Bogus"


def test_a_command_over_the_limit_is_refused_as_too_long() -> None:
    text = "/debrief interview " + "A" * MAX_COMMAND_LENGTH
    with pytest.raises(CommandSyntaxError) as info:
        parse_command(text)
    assert info.value.kind == "too_long"


def test_a_command_at_the_limit_is_read() -> None:
    text = "/debrief interview "
    text += "A" * (MAX_COMMAND_LENGTH - len(text))
    assert parse_command(text).name == "interview"


@pytest.mark.parametrize("text, expected", [
    ("/debrief help", True),
    ("  /DEBRIEF interview Acme", True),
    ("/debrief", True),
    ("/debriefing", False),
    ("debrief help", False),
    ("tell me about /debrief", False),
])
def test_what_counts_as_a_command(text: str, expected: bool) -> None:
    assert is_command(text) is expected


def test_every_subcommand_the_issue_asks_for_exists() -> None:
    names = {spec.name for spec in SUBCOMMANDS}
    assert {"help", "interview", "reflect", "followup", "draft", "outcome", "nudges",
            "history", "tip", "settings", "export", "forget"} <= names


# -- times ---------------------------------------------------------------------------------


@pytest.mark.parametrize("typed, expected_utc", [
    ("now", NOW),
    ("just ended", NOW),
    ("2h ago", datetime(2026, 3, 25, 8, 0, tzinfo=UTC)),
    ("in 3h", datetime(2026, 3, 25, 13, 0, tzinfo=UTC)),
    ("in 1h30m", datetime(2026, 3, 25, 11, 30, tzinfo=UTC)),
    ("today 14:00", datetime(2026, 3, 25, 14, 0, tzinfo=UTC)),
    ("14:30", datetime(2026, 3, 25, 14, 30, tzinfo=UTC)),
    ("9:15am", datetime(2026, 3, 25, 9, 15, tzinfo=UTC)),
    ("12am", datetime(2026, 3, 25, 0, 0, tzinfo=UTC)),
    ("12pm", datetime(2026, 3, 25, 12, 0, tzinfo=UTC)),
    ("tomorrow 3pm", datetime(2026, 3, 26, 15, 0, tzinfo=UTC)),
    ("Tomorrow   9", datetime(2026, 3, 26, 9, 0, tzinfo=UTC)),
    ("yesterday 17:00", datetime(2026, 3, 24, 17, 0, tzinfo=UTC)),
    ("fri 10:30", datetime(2026, 3, 27, 10, 30, tzinfo=UTC)),
    ("Friday 10:30", datetime(2026, 3, 27, 10, 30, tzinfo=UTC)),
    ("2026-12-01 10:00", datetime(2026, 12, 1, 10, 0, tzinfo=UTC)),
    ("2026-12-01T10:00", datetime(2026, 12, 1, 10, 0, tzinfo=UTC)),
])
def test_time_forms_are_read_in_the_persons_zone(typed: str, expected_utc: datetime) -> None:
    assert parse_when(typed, NOW, LONDON) == expected_utc


def test_the_same_wall_time_means_a_different_instant_in_another_zone() -> None:
    # 14:00 in New York (EDT, UTC-4 since 8 March) is 18:00 UTC.
    assert parse_when("today 14:00", NOW, NEW_YORK) == datetime(2026, 3, 25, 18, 0,
                                                                  tzinfo=UTC)


def test_today_is_the_persons_local_day_not_the_utc_day() -> None:
    # 02:00 UTC on the 25th is still the 24th (22:00 EDT) in New York.
    late_evening = datetime(2026, 3, 25, 2, 0, tzinfo=UTC)
    assert parse_when("today 9:00", late_evening, NEW_YORK) == datetime(2026, 3, 24, 13, 0,
                                                                        tzinfo=UTC)


def test_tomorrow_across_spring_forward_is_the_local_wall_time_not_24_hours() -> None:
    saturday = datetime(2026, 3, 28, 9, 0, tzinfo=UTC)  # 09:00 GMT, clocks go forward tonight
    at = parse_when("tomorrow 9:00", saturday, LONDON)
    assert at.astimezone(LONDON).hour == 9
    assert at == datetime(2026, 3, 29, 8, 0, tzinfo=UTC)  # 09:00 BST
    assert at - saturday == timedelta(hours=23)


def test_a_time_inside_the_spring_forward_gap_moves_forward_by_the_gap() -> None:
    # 01:30 on 29 March 2026 does not exist in London (01:00 GMT -> 02:00 BST).
    at = parse_when("2026-03-29 01:30", NOW, LONDON)
    assert at == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    local = at.astimezone(LONDON)
    assert (local.hour, local.minute, local.tzname()) == (2, 30, "BST")


def test_an_ambiguous_fall_back_time_takes_its_first_occurrence() -> None:
    # 01:30 on 25 October 2026 happens twice in London; the first is still BST.
    at = parse_when("2026-10-25 01:30", NOW, LONDON)
    assert at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_local_to_utc_is_dst_correct_on_both_sides_of_the_change() -> None:
    before = local_to_utc(datetime(2026, 3, 28).date(), time(8, 0), LONDON)
    after = local_to_utc(datetime(2026, 3, 29).date(), time(8, 0), LONDON)
    assert before == datetime(2026, 3, 28, 8, 0, tzinfo=UTC)
    assert after == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize("typed", [
    "", "   ", "13pm", "0am", "25:00", "today 9:60", "banana",
    "2026-02-30 10:00", "in banana", "in -2h", "3 ago", "2h", "frisbee 10:00", "sunny 3pm",
])
def test_unreadable_times_are_refused(typed: str) -> None:
    with pytest.raises(TimeParseError):
        parse_when(typed, NOW, LONDON)


@pytest.mark.parametrize("typed, expected", [
    ("14:30", time(14, 30)), ("9", time(9, 0)), ("3pm", time(15, 0)),
    ("9:15AM", time(9, 15)), ("12am", time(0, 0)), ("00:00", time(0, 0)),
])
def test_clock_times(typed: str, expected: time) -> None:
    assert parse_clock_time(typed) == expected


@pytest.mark.parametrize("typed", ["24:00", "13pm", "9:7", "noonish", "", "3 pm tomorrow"])
def test_unreadable_clock_times_are_refused(typed: str) -> None:
    with pytest.raises(TimeParseError):
        parse_clock_time(typed)


# -- durations ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed, expected", [
    ("90s", timedelta(seconds=90)),
    ("15m", timedelta(minutes=15)),
    ("2h", timedelta(hours=2)),
    ("7d", timedelta(days=7)),
    ("1h30m", timedelta(hours=1, minutes=30)),
    ("1d 2h", timedelta(days=1, hours=2)),
    (" 2H ", timedelta(hours=2)),
    ("2h and 3m", timedelta(hours=2, minutes=3)),
    ("2 hours", timedelta(hours=2)),
    ("90 minutes", timedelta(minutes=90)),
    ("an hour", timedelta(hours=1)),
    ("1 week", timedelta(days=7)),
    ("1 hour and 30 minutes", timedelta(hours=1, minutes=30)),
    ("for 2h", timedelta(hours=2)),  # as in `snooze 7 for 2h`
])
def test_durations_are_read(typed: str, expected: timedelta) -> None:
    assert parse_duration(typed) == expected


@pytest.mark.parametrize("typed", ["", "0s", "0h0m", "abc", "2x", "h", "-1h", "1.5h", "2",
                                   "2 hours ago", "for", "99999999999d", "5000 weeks"])
def test_unreadable_or_zero_durations_are_refused_with_the_forms_to_use(typed: str) -> None:
    with pytest.raises(DurationError) as info:
        parse_duration(typed)
    assert "90s, 15m, 2h, 7d" in str(info.value)


@pytest.mark.parametrize("delta, text", [
    (timedelta(hours=1, minutes=30), "1h30m"),
    (timedelta(days=7), "7d"),
    (timedelta(seconds=90), "1m30s"),
    (timedelta(0), "0s"),
])
def test_durations_format_in_the_form_they_are_read(delta: timedelta, text: str) -> None:
    assert format_duration(delta) == text
    if delta:
        assert parse_duration(text) == delta


def test_an_iso_instant_with_an_offset_is_exact_whatever_the_persons_zone() -> None:
    # What a form's date picker sends: the same instant for a person in any zone.
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    for zone in ("UTC", "Asia/Tokyo", "America/New_York"):
        assert parse_when("2026-12-01T10:00:00+01:00", now, ZoneInfo(zone)) == \
            datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        assert parse_when("2026-12-01T10:00:00Z", now, ZoneInfo(zone)) == \
            datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    # Without an offset it is local wall-clock time, as typed.
    assert parse_when("2026-12-01T10:00", now, ZoneInfo("Asia/Tokyo")) == \
        datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
