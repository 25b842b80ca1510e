"""``/debrief interview stripe tomorrow 2pm``: a time typed after the company, without
``when:``, is the interview's time, and the company is just the company. Words that only
look like a time stay part of the name."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from test_service import World, said

from bot.model import ReflectionState
from bot.reflection.typed_when import split_trailing_when

LONDON = ZoneInfo("Europe/London")
# World's clock: Wednesday 10 June 2026, 13:00 UTC = 14:00 in London (BST).
NOW = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)


def local(instant: datetime) -> str:
    return instant.astimezone(LONDON).strftime("%a %d %b %H:%M")


@pytest.mark.parametrize(("typed", "company", "when"), [
    ("stripe tomorrow 2pm", "stripe", "Thu 11 Jun 14:00"),
    ("Acme Corp on friday at 10am", "Acme Corp", "Fri 12 Jun 10:00"),
    ("globex - next monday 9:30", "globex", "Mon 15 Jun 09:30"),
    ("Initech yesterday", "Initech", "Tue 09 Jun 09:00"),
    ("hooli in 2 hours", "hooli", "Wed 10 Jun 16:00"),
    ("Umbrella, June 12 3pm", "Umbrella", "Fri 12 Jun 15:00"),
    ("Pied Piper at 4pm", "Pied Piper", "Wed 10 Jun 16:00"),
    ("Vandelay just ended", "Vandelay", "Wed 10 Jun 14:00"),
    ("Acme 3 days ago 10:00", "Acme", "Sun 07 Jun 10:00"),
    ("Globex this morning", "Globex", "Wed 10 Jun 09:00"),
    ("Initech yesterday afternoon", "Initech", "Tue 09 Jun 14:00"),
    ("hooli tmr @ 9am", "hooli", "Thu 11 Jun 09:00"),
])
def test_a_time_after_the_company_is_read_as_its_time(typed: str, company: str,
                                                       when: str) -> None:
    found = split_trailing_when(typed, NOW, LONDON)
    assert found is not None
    assert (found[0], local(found[1])) == (company, when)


@pytest.mark.parametrize("typed", [
    "Studio 54", "Acme 9", "Friday Labs", "March Networks", "Monday.com", "Sun Life",
    "tomorrow", "Acme", "7-Eleven", "Area 51 Labs", "Morning Brew", "Acme Night",
    "Sunday Evening",
])
def test_names_that_only_look_like_times_stay_names(typed: str) -> None:
    assert split_trailing_when(typed, NOW, LONDON) is None


async def test_interview_stripe_tomorrow_2pm_is_logged_for_tomorrow() -> None:
    world = World()
    replies = await world.say("/debrief interview stripe tomorrow 2pm")
    interview = world.interview()
    assert interview.company.lower() == "stripe"
    assert local(interview.happens_at) == "Thu 11 Jun 14:00"
    # Ahead: no reflection yet, and the reply says when it was logged for.
    assert interview.reflection_state is ReflectionState.NOT_STARTED
    assert "Thu 11 Jun 14:00" in said(replies)
    assert "Tomorrow 2pm" not in said(replies) and "tomorrow 2pm" not in said(replies)


async def test_when_option_still_wins_and_the_name_is_kept_whole() -> None:
    world = World()
    await world.say('/debrief interview Friday Labs when:"tomorrow 10:00"')
    interview = world.interview()
    assert interview.company == "Friday Labs"
    assert local(interview.happens_at) == "Thu 11 Jun 10:00"


async def test_a_typed_time_out_of_range_is_refused_and_nothing_is_stored() -> None:
    world = World()
    (reply,) = await world.say("/debrief interview umbrella 2019-01-01")
    assert "too far away" in reply.text and "Nothing was saved" in reply.text
    assert world.interviews() == []


async def test_the_company_said_as_a_sentence_keeps_the_company_and_the_role() -> None:
    """"interview at meta for a data scientist role tomorrow at 2pm" was logged as "At Meta
    for A Data Scientist Role", in every reminder."""
    world = World()
    (reply,) = await world.say("/debrief interview at meta for a data scientist role "
                               "tomorrow at 2pm")
    assert reply.text.startswith("Logged your interview at Meta (Data Scientist) on Thu 11 Jun "
                                 "14:00")
    interview = world.interview()
    assert (interview.company, interview.role) == ("meta", "data scientist")
    (other,) = await world.say("/debrief interview At Home Group tomorrow 9am")
    assert "At Home Group" in other.text  # a name that starts with the word stays whole
