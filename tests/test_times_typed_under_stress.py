"""Times as a stressed person types them when logging an interview, marking the note sent
or snoozing a reminder: a day in numbers (``12/3``) in an unknown locale, what has begun
today said in the past tense ("this morning" at 07:30), typos, emoji, a zone named after
the time, and "idk". Each lands on the right moment in the person's zone, or is refused
kindly with nothing stored; the reply names the moment it understood."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from test_service import World, said

from bot.clock import FixedClock
from bot.model import NudgeKind, ReflectionState
from bot.timeparse import TimeParseError, parse_when

BERLIN = ZoneInfo("Europe/Berlin")
LONDON = ZoneInfo("Europe/London")
# Tuesday 1 December 2026, 07:30 in Berlin (CET): before the morning's usual 09:00.
EARLY = datetime(2026, 12, 1, 6, 30, tzinfo=UTC)


def local(typed: str, now: datetime = EARLY, zone: ZoneInfo = BERLIN, **tense: bool) -> str:
    return parse_when(typed, now, zone, **tense).astimezone(zone).strftime(
        "%a %d %b %H:%M %Z")


# -- a day in numbers, day and month in either order ------------------------------------


@pytest.mark.parametrize(("typed", "read"), [
    ("13/3", "Sat 13 Mar 09:00 CET"),  # only one way round: 13 March, the nearest
    ("3/13", "Sat 13 Mar 09:00 CET"),
    ("12/3", "Thu 03 Dec 09:00 CET"),  # 3 Dec (in 2 days), not 12 March
    ("3/12", "Thu 03 Dec 09:00 CET"),
    ("12/3 2pm", "Thu 03 Dec 14:00 CET"),
    ("at 14:30 on 3/12", "Thu 03 Dec 14:30 CET"),
    ("11/29", "Sun 29 Nov 09:00 CET"),
    ("3/12/2026", "Thu 03 Dec 09:00 CET"),
    ("25/12/26", "Fri 25 Dec 09:00 CET"),
])
def test_a_day_in_numbers_is_read_the_way_that_is_near(typed: str, read: str) -> None:
    assert local(typed) == read


def test_a_day_in_numbers_fits_the_tense_it_is_asked_in() -> None:
    """Sent already: 11/12 is 11 November (20 days ago), not 12 November ahead... nor 11
    December; still to come: 11 December, not last month's 12th."""
    assert local("11/12", past=True) == "Thu 12 Nov 09:00 CET"
    assert local("11/12", ahead=True) == "Fri 11 Dec 09:00 CET"


def test_the_weekday_said_with_a_day_in_numbers_says_which_way_round() -> None:
    """Typed on Wednesday 10 June: 12 June is a Friday, 6 December a Sunday."""
    june = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
    assert local("sun 6/12", june, LONDON) == "Sun 06 Dec 09:00 GMT"
    assert local("fri 6/12 10am", june, LONDON) == "Fri 12 Jun 10:00 BST"
    with pytest.raises(TimeParseError):
        parse_when("wed 6/12", june, LONDON)


@pytest.mark.parametrize("typed", ["6/7", "5/6/2026", "12/3"])
def test_a_day_in_numbers_near_in_neither_reading_is_refused_with_both(typed: str) -> None:
    now = datetime(2026, 6, 10, 13, 0, tzinfo=UTC) if typed == "12/3" else EARLY
    with pytest.raises(TimeParseError) as refused:
        parse_when(typed, now, BERLIN)
    assert len(refused.value.readings) == 2


@pytest.mark.parametrize("typed", ["2/30", "13/13", "0/5"])
def test_numbers_that_name_no_day_either_way_are_refused(typed: str) -> None:
    with pytest.raises(TimeParseError):
        parse_when(typed, EARLY, BERLIN)


async def test_interview_with_a_day_in_numbers_names_the_day_it_read() -> None:
    world = World()  # Wednesday 10 June 2026, 14:00 in London
    replies = await world.say("/debrief interview acme 6/7")
    assert "Logged it for Sun 07 Jun 09:00 BST (#1)." in said(replies)
    assert world.interview().company == "acme"


async def test_a_day_in_numbers_that_fits_neither_way_asks_and_stores_nothing() -> None:
    world = World()
    (reply,) = await world.say("/debrief interview acme 12/3")
    assert reply.text == (
        '"12/3" could be 12 March or 3 December, and I can\'t tell which you meant. Write '
        "the month as a word - `12 Mar` or `3 Dec` - and add the time if you know it "
        "(`3 Dec 14:30`). Nothing was saved.")
    assert world.interviews() == []
    (reply,) = await world.say('/debrief interview acme when:"12/3"')
    assert "could be 12 March or 3 December" in reply.text
    assert world.interviews() == []


async def test_a_day_in_numbers_too_far_away_names_the_day_it_was_read_as() -> None:
    world = World()  # Wednesday 10 June 2026
    (reply,) = await world.say('/debrief interview acme when:"3/14/2025"')
    assert reply.text.startswith('"3/14/2025" (Fri 14 Mar 2025) is too far away')
    assert world.interviews() == []


async def test_a_name_with_24_7_in_it_stays_a_name() -> None:
    world = World()
    await world.say("/debrief interview Fitness 24/7")
    assert world.interview().company == "Fitness 24/7"


# -- what has begun today, said in the past tense -----------------------------------------


@pytest.mark.parametrize(("typed", "read"), [
    ("this morning", "Tue 01 Dec 07:30 CET"),  # begun, so not 09:00 still to come
    ("earlier", "Tue 01 Dec 06:30 CET"),
    ("earlier today", "Tue 01 Dec 06:30 CET"),
    ("an hour ago", "Tue 01 Dec 06:30 CET"),
    ("just now", "Tue 01 Dec 07:30 CET"),
    ("last night", "Mon 30 Nov 19:00 CET"),
    ("yesterday afternoon", "Mon 30 Nov 14:00 CET"),
    ("yesterday at lunch", "Mon 30 Nov 12:00 CET"),
    ("at lunch yesterday", "Mon 30 Nov 12:00 CET"),
])
def test_past_phrases_land_in_the_past(typed: str, read: str) -> None:
    assert local(typed) == read
    assert local(typed, past=True) == read


def test_a_part_of_today_still_to_come_keeps_its_usual_time() -> None:
    assert local("this morning", ahead=True) == "Tue 01 Dec 09:00 CET"  # a reminder
    assert local("this afternoon") == "Tue 01 Dec 14:00 CET"  # not begun at 07:30
    assert local("at lunch") == "Tue 01 Dec 12:00 CET"
    assert local("monday morning", past=True) == "Mon 30 Nov 09:00 CET"
    with pytest.raises(TimeParseError):
        parse_when("earlier", EARLY, BERLIN, ahead=True)


async def test_an_interview_this_morning_logged_before_nine_is_over_not_ahead() -> None:
    """At 07:30 "interview acme this morning" was logged for 09:00, still ahead: no
    reflection, a prep offer, a reflection prompt at 10:00."""
    world = World(clock=FixedClock(datetime(2026, 6, 10, 6, 30, tzinfo=UTC)))  # 07:30 BST
    replies = await world.say("/debrief interview acme this morning")
    interview = world.interview()
    assert interview.happens_at == world.clock.now()
    assert interview.reflection_state is ReflectionState.OPEN
    assert "Logged it for today at 07:30 (#1)." in said(replies)
    assert "Good luck" not in said(replies)


async def test_an_interview_told_as_over_on_a_weekday_is_the_last_one() -> None:
    world = World()  # Wednesday
    replies = await world.say("/debrief i had an interview at acme monday morning")
    assert world.interview().happens_at.astimezone(LONDON).strftime("%a %d %b %H:%M") == \
        "Mon 08 Jun 09:00"
    assert "Logged it for Mon 08 Jun 09:00 BST (#1)." in said(replies)


async def test_the_time_a_note_went_out_is_named_in_the_reply() -> None:
    world = World()
    await world.say('/debrief interview Acme when:"yesterday 10:00"')
    (reply,) = await world.say("/debrief followup acme last night")
    assert reply.text.startswith(
        "Marked your thank-you note to Acme as sent, 9 h after the interview - inside the "
        "24-hour window (yesterday at 19:00). Well done.")


async def test_logged_in_a_channel_the_reply_there_names_the_time_read() -> None:
    world = World()
    replies = await world.say("/debrief interview acme yesterday afternoon", in_dm=False,
                              channel_id="C1")
    assert replies[0].text.startswith(
        "Logged your interview at Acme yesterday at 14:00 (#1). I've sent you a direct "
        "message")
    other = await world.say("/debrief interview globex", in_dm=False, channel_id="C1")
    assert "Logged your interview at Globex (#2). I've sent you" in said(other)  # just ended


# -- a stressed person's sweep ---------------------------------------------------------------


@pytest.mark.parametrize(("typed", "read"), [
    ("tmrw 2pm", "Wed 02 Dec 14:00 CET"),
    ("tomorrow 2 pm", "Wed 02 Dec 14:00 CET"),
    ("2pm tmr", "Wed 02 Dec 14:00 CET"),
    ("next tuesday at 10", "Tue 08 Dec 10:00 CET"),
    ("tues 10am", "Tue 01 Dec 10:00 CET"),
    ("dec 3", "Thu 03 Dec 09:00 CET"),
    ("3rd dec", "Thu 03 Dec 09:00 CET"),
    ("3 December at 14:30", "Thu 03 Dec 14:30 CET"),
    ("14h30", "Tue 01 Dec 14:30 CET"),
    ("tomorrow 9h05", "Wed 02 Dec 09:05 CET"),
    ("noon", "Tue 01 Dec 12:00 CET"),
    ("midnight", "Wed 02 Dec 00:00 CET"),
    ("in 2 hrs", "Tue 01 Dec 09:30 CET"),
    ("friday", "Fri 04 Dec 09:00 CET"),
    ("tomorow", "Wed 02 Dec 09:00 CET"),
    ("yesterdy", "Mon 30 Nov 09:00 CET"),
    ("yestreday at 3pm", "Mon 30 Nov 15:00 CET"),
    ("wensday 10am", "Wed 02 Dec 10:00 CET"),
    ("tomorrow 🙂", "Wed 02 Dec 09:00 CET"),
    ("🗓️ dec 3 at 2pm!", "Thu 03 Dec 14:00 CET"),
    ("3pm EST", "Tue 01 Dec 21:00 CET"),  # 15:00 in New York
    ("tmrw 9am pacific", "Wed 02 Dec 18:00 CET"),
    ("10am london time", "Tue 01 Dec 11:00 CET"),
    ("tomorrow 3pm (CET)", "Wed 02 Dec 15:00 CET"),
    ("3pm my time", "Tue 01 Dec 15:00 CET"),
])
def test_what_a_stressed_person_types_is_read_in_their_zone(typed: str, read: str) -> None:
    assert local(typed) == read


# Tuesday 1 December 2026, 14:30 in Berlin.
AFTERNOON = datetime(2026, 12, 1, 13, 30, tzinfo=UTC)


@pytest.mark.parametrize(("typed", "read"), [
    ("around 10am", "Tue 01 Dec 10:00 CET"),
    ("10ish", "Tue 01 Dec 10:00 CET"),
    ("~10am", "Tue 01 Dec 10:00 CET"),
    ("at about 3pm", "Tue 01 Dec 15:00 CET"),
    ("yesterday around 4", "Mon 30 Nov 16:00 CET"),
    ("an hour ago-ish", "Tue 01 Dec 13:30 CET"),
    ("a few hours ago", "Tue 01 Dec 11:30 CET"),
    ("couple hours ago", "Tue 01 Dec 12:30 CET"),
    ("just finished", "Tue 01 Dec 14:30 CET"),
    ("earlier this morning", "Tue 01 Dec 09:00 CET"),
    ("this am", "Tue 01 Dec 09:00 CET"),
    ("tonite", "Tue 01 Dec 19:00 CET"),
    ("2moro", "Wed 02 Dec 09:00 CET"),
    ("tomorrow morn", "Wed 02 Dec 09:00 CET"),
    ("this coming friday", "Fri 04 Dec 09:00 CET"),
    ("next week tuesday", "Tue 08 Dec 09:00 CET"),
    ("the 3rd", "Thu 03 Dec 09:00 CET"),
    ("on the 28th at 2pm", "Sat 28 Nov 14:00 CET"),  # nearer than 28 December
    ("tuesday the 3rd", "Tue 03 Nov 09:00 CET"),  # 3 December is a Thursday
])
def test_rough_and_shorthand_times_are_read(typed: str, read: str) -> None:
    assert local(typed, AFTERNOON) == read


def test_the_day_of_the_month_alone_fits_the_tense() -> None:
    assert local("the 28th", AFTERNOON, ahead=True) == "Mon 28 Dec 09:00 CET"
    assert local("the 3rd", AFTERNOON, past=True) == "Tue 03 Nov 09:00 CET"


async def test_on_the_3rd_after_the_company_is_its_day_and_3rd_alone_a_name() -> None:
    world = World()  # Wednesday 10 June 2026
    await world.say("/debrief interview acme on the 3rd")
    assert world.interview().happens_at == datetime(2026, 6, 3, 8, 0, tzinfo=UTC)
    await world.say("/debrief interview Acme 3rd")
    assert world.interviews()[-1].company == "Acme 3rd"


def test_a_zone_named_after_the_time_follows_its_summer_time() -> None:
    """3pm EST in June is 15:00 in New York's summer time (EDT), 21:00 in Berlin."""
    june = datetime(2026, 6, 10, 6, 30, tzinfo=UTC)
    assert local("3pm EST", june) == "Wed 10 Jun 21:00 CEST"
    assert local("tomorrow 10am new york time", june) == "Thu 11 Jun 16:00 CEST"


@pytest.mark.parametrize("typed", ["Acme Sundae", "Mondays", "Yesterdays"])
def test_words_that_only_look_like_a_misspelt_day_stay_unread(typed: str) -> None:
    with pytest.raises(TimeParseError):
        parse_when(typed, EARLY, BERLIN)


@pytest.mark.parametrize("typed", ["idk", "not sure", "i don't know", "dunno", "🤷", "??",
                                   "can't remember"])
def test_not_knowing_is_refused_as_such(typed: str) -> None:
    with pytest.raises(TimeParseError) as refused:
        parse_when(typed, EARLY, BERLIN)
    assert refused.value.unsure


async def test_idk_as_the_time_is_met_kindly_and_nothing_is_stored() -> None:
    world = World()
    (reply,) = await world.say('/debrief interview acme when:"not sure"')
    assert reply.text == (
        "No problem if you don't know the exact time - a rough one is enough, such as "
        "`this morning`, `yesterday afternoon`, `last friday` or `3 days ago`. Nothing was "
        "saved.")
    assert world.interviews() == []


async def test_a_typo_after_the_company_is_the_time_not_part_of_the_name() -> None:
    world = World()
    replies = await world.say("/debrief interview acme yesterdy")
    assert world.interview().company == "acme"
    assert "Logged it for yesterday at 09:00 (#1)." in said(replies)


async def test_an_interview_at_3pm_est_is_logged_at_that_moment_in_their_zone() -> None:
    world = World()
    replies = await world.say("/debrief interview acme tomorrow 3pm EST")
    assert world.interview().happens_at == datetime(2026, 6, 11, 19, 0, tzinfo=UTC)
    assert "Logged your interview at Acme on Thu 11 Jun 20:00 BST" in said(replies)


async def test_snooze_to_a_day_in_numbers_is_the_one_ahead() -> None:
    world = World()  # Wednesday 10 June 2026
    await world.say("/debrief interview Acme")
    first = world.nudges(NudgeKind.THANK_YOU)[0]
    (reply,) = await world.say(f"/debrief nudges snooze {first.id} 6/12 10am")
    assert reply.text == "Snoozed - I'll remind you again Fri 12 Jun 10:00 BST."


async def test_not_sure_when_to_snooze_to_gets_the_default_that_needs_no_decision() -> None:
    world = World()
    await world.say("/debrief interview Acme")
    first = world.nudges(NudgeKind.THANK_YOU)[0]
    before = world.snapshot()
    (reply,) = await world.say(f"/debrief nudges snooze {first.id} not sure")
    assert reply.text == (
        f"No problem - `/debrief nudges snooze {first.id}` on its own puts it off for an "
        "hour, and `tomorrow` brings it back at 09:00. Nothing was changed.")
    assert world.snapshot() == before


async def test_the_example_in_the_refusal_is_one_of_the_two_dates() -> None:
    world = World(clock=FixedClock(EARLY))  # 1 December: 5 April and 4 May are both far
    (reply,) = await world.say("/debrief interview acme 4/5")
    assert "could be 5 April or 4 May" in reply.text
    assert "(`4 May 14:30`)" in reply.text
    assert world.interviews() == []
