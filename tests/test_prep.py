"""Prep before an interview: when the prep message comes, and /debrief prep on demand."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from test_reminders_respect_time import button, deliver_due
from test_service import ANSWERS, World, said

from bot.config import CoreConfig
from bot.model import Interview, NudgeKind, NudgeStatus, User
from bot.nudges.policy import NudgePolicy
from bot.values import Identity, Reply

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def world() -> World:
    return World()  # Wed 10 Jun 2026, 14:00 BST


def prep_for(interview_utc: datetime, now_utc: datetime, zone: str = "Europe/London",
             prep: str | None = None,
             quiet: tuple[time, time] | None = None) -> datetime | None:
    user = User(identity=Identity("console", "local", "ann"), id=1, timezone=zone,
                prep_time=prep)
    if quiet is not None:
        user.quiet_start, user.quiet_end = quiet
    interview = Interview(user_id=1, id=7, company="Acme", happens_at=interview_utc,
                          logged_at=now_utc)
    found = [n.due_at for n in NudgePolicy(CoreConfig()).plan(interview, user, now_utc)
             if n.kind is NudgeKind.PREP]
    return found[0] if found else None


def local(at: datetime | None, zone: str = "Europe/London") -> str:
    assert at is not None
    here = at.astimezone(ZoneInfo(zone))
    return f"{here:%a %Y-%m-%d %H:%M} {here.tzname()}"


# -- timing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("interview, now, zone, expected", [
    # Thursday 10:00 BST interview logged on Monday: Wednesday 18:00 BST
    (datetime(2026, 6, 11, 9, 0, tzinfo=UTC), datetime(2026, 6, 8, 9, 0, tzinfo=UTC),
     "Europe/London", "Wed 2026-06-10 18:00 BST"),
    # the same instant for someone in New York (05:00 EDT): the evening before, their time
    (datetime(2026, 6, 11, 9, 0, tzinfo=UTC), datetime(2026, 6, 8, 9, 0, tzinfo=UTC),
     "America/New_York", "Wed 2026-06-10 18:00 EDT"),
    # Tokyo: 18:00 JST on the day before (local dates, not UTC ones)
    (datetime(2026, 6, 11, 1, 0, tzinfo=UTC), datetime(2026, 6, 8, 9, 0, tzinfo=UTC),
     "Asia/Tokyo", "Wed 2026-06-10 18:00 JST"),
    # Monday 09:00 GMT after the clocks went back on Sunday 25 Oct: Sunday 18:00 GMT
    (datetime(2026, 10, 26, 9, 0, tzinfo=UTC), datetime(2026, 10, 20, 9, 0, tzinfo=UTC),
     "Europe/London", "Sun 2026-10-25 18:00 GMT"),
    # Monday 30 March 09:00 BST, the day after spring-forward: Sunday 18:00 BST
    (datetime(2026, 3, 30, 8, 0, tzinfo=UTC), datetime(2026, 3, 25, 9, 0, tzinfo=UTC),
     "Europe/London", "Sun 2026-03-29 18:00 BST"),
])
def test_prep_comes_the_evening_before_in_the_persons_zone(
        interview: datetime, now: datetime, zone: str, expected: str) -> None:
    assert local(prep_for(interview, now, zone), zone) == expected


def test_a_prep_time_of_their_own_is_used() -> None:
    due = prep_for(datetime(2026, 6, 11, 9, 0, tzinfo=UTC),
                   datetime(2026, 6, 8, 9, 0, tzinfo=UTC), prep="20:30")
    assert local(due) == "Wed 2026-06-10 20:30 BST"


def test_a_prep_time_inside_quiet_hours_comes_an_hour_before_they_begin() -> None:
    due = prep_for(datetime(2026, 6, 11, 9, 0, tzinfo=UTC),
                   datetime(2026, 6, 8, 9, 0, tzinfo=UTC), prep="23:00",
                   quiet=(time(21, 0), time(7, 0)))
    assert local(due) == "Wed 2026-06-10 20:00 BST"


def test_prep_off_schedules_no_prep_message() -> None:
    assert prep_for(datetime(2026, 6, 11, 9, 0, tzinfo=UTC),
                    datetime(2026, 6, 8, 9, 0, tzinfo=UTC), prep="off") is None


@pytest.mark.parametrize("now", [
    datetime(2026, 6, 10, 17, 30, tzinfo=UTC),  # 18:30 BST: the evening before has passed
    datetime(2026, 6, 10, 16, 30, tzinfo=UTC),  # 17:30 BST: it is less than an hour away
])
def test_an_interview_less_than_a_day_ahead_gets_no_prep_message(now: datetime) -> None:
    assert prep_for(datetime(2026, 6, 11, 9, 0, tzinfo=UTC), now) is None


async def test_logging_less_than_a_day_ahead_offers_prep_at_once(world: World) -> None:
    world.clock.set(datetime(2026, 6, 10, 19, 0, tzinfo=UTC))  # 20:00 BST
    (reply,) = await world.say('/debrief interview Acme when:"tomorrow 9:00"')
    assert world.nudges(NudgeKind.PREP) == []
    assert [a.label for a in reply.actions] == ["Prepare now"]
    (prep,) = await world.say(reply.actions[0].value)
    assert prep.title == "Prep: Acme, Thu 11 Jun 09:00 BST"


async def test_the_prep_message_arrives_and_opens_prep(world: World) -> None:
    (logged,) = await world.say('/debrief interview Acme when:"fri 10:00" interviewer:"Jo Kim"')
    assert "Prep for your interview" in logged.text  # listed with the reminders
    (prep_nudge,) = world.nudges(NudgeKind.PREP)
    assert local(prep_nudge.due_at) == "Thu 2026-06-11 18:00 BST"
    world.clock.set(prep_nudge.due_at)
    (delivered,) = await deliver_due(world)
    assert delivered.text.startswith("Tomorrow at 10:00: your interview at Acme with Jo Kim.")
    replies = await world.say(button(delivered, "Prepare now"))
    assert "The interviewer, Jo Kim" in said(replies)


async def test_a_prep_message_is_dropped_once_the_interview_has_started(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"fri 10:00"')
    world.clock.set(datetime(2026, 6, 12, 9, 30, tzinfo=UTC))  # during the interview
    delivered = await deliver_due(world)
    assert [r for r in delivered if "prep" in r.tags] == []
    (prep_nudge,) = world.nudges(NudgeKind.PREP)
    assert prep_nudge.status is NudgeStatus.DROPPED


async def test_settings_prep_moves_or_cancels_prep_messages_still_to_come(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"fri 10:00"')
    (reply,) = await world.say("/debrief settings prep 7pm")
    assert "Prep message: 19:00 the evening before" in reply.text
    (prep_nudge,) = world.nudges(NudgeKind.PREP)
    assert local(prep_nudge.due_at) == "Thu 2026-06-11 19:00 BST"
    await world.say("/debrief settings prep off")
    assert world.nudges(NudgeKind.PREP, NudgeStatus.PENDING) == []
    await world.say('/debrief interview Globex when:"fri 15:00"')
    assert world.nudges(NudgeKind.PREP, NudgeStatus.PENDING) == []


# "settings prep" with no time asks for one: tests/test_commands_under_stress.py
@pytest.mark.parametrize("typed", ["settings prep soonish", "settings prep 25:00",
                                   "settings prep:banana"])
async def test_a_prep_time_that_is_not_a_time_is_refused(world: World, typed: str) -> None:
    await world.say("/debrief settings")
    before = world.snapshot()
    (reply,) = await world.say(f"/debrief {typed}")
    assert "as a time for your prep message" in reply.text
    assert world.snapshot() == before


# -- /debrief prep -----------------------------------------------------------------------


async def test_prep_shows_the_checklist_questions_stories_and_kind(world: World) -> None:
    await world.say("/debrief stories add Latency | I led a sprint that cut p99 by 40%")
    await world.say('/debrief interview Acme when:"fri 10:00" role:Analyst stage:screen')
    (reply,) = await world.say("/debrief prep")
    assert reply.title == "Prep: Acme (Analyst), Fri 12 Jun 10:00 BST"
    assert "1. ☐ Acme's recent news" in reply.text
    fields = {f.name: f.value for f in reply.fields}
    assert "not \"what does a typical day look like\"" in fields[
        "Two questions only you could ask"]
    assert "1. Latency - impact in numbers, leadership" in fields["Stories for this one"]
    assert "Say story 1 out loud once" in fields["Stories for this one"]
    assert "no story yet about a disagreement" in fields["Stories for this one"]
    assert "salary range" in fields["What's different about a recruiter screen"]
    assert "private" in reply.tags


async def test_ticking_the_checklist_by_button_and_by_typed_numbers(world: World) -> None:
    await world.say('/debrief interview Acme when:"fri 10:00"')
    (first,) = await world.say("/debrief prep")
    (ticked,) = await world.say(button(first, "Tick 1: Company's recent news"))
    assert "1 of 5 done" in ticked.text
    (more,) = await world.say("/debrief prep acme tick 2, 5")
    assert "3 of 5 done" in more.text
    await world.say("/debrief prep tick 2")  # a double click changes nothing
    (shown,) = await world.say("/debrief prep")
    assert "2. ✓" in shown.text and "3. ☐" in shown.text
    assert [a.label for a in shown.actions if a.label.startswith("Tick")] == [
        "Tick 3: Role's top requirements", "Tick 4: Interviewer"]


async def test_two_questions_of_their_own_with_a_nudge_away_from_generic_ones(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"fri 10:00"')
    (generic,) = await world.say("/debrief prep question What does a typical day look like?")
    assert "could be asked in any interview" in generic.text
    (own,) = await world.say("/debrief prep question 1 Your spring post said intake moves "
                             "to mobile - what surprised the team?")
    assert "Saved as question 1 of 2, in place of \"What does a typical day" in own.text
    await world.say("/debrief prep question How is on-call shared on the payments team?")
    (full,) = await world.say("/debrief prep question One more question please")
    assert "two questions already" in full.text
    (prep,) = world.store.preps.rows.values()
    assert prep.questions == [
        "Your spring post said intake moves to mobile - what surprised the team?",
        "How is on-call shared on the payments team?"]


async def test_a_stock_question_typed_casually_gets_the_nudge_too(world: World) -> None:
    """"whats the team like" was saved as "Saved as question 2 of 2." with no word: the
    reflection already names it a question any candidate asks."""
    await world.say('/debrief interview Acme when:"fri 10:00"')
    (reply,) = await world.say("/debrief prep question whats the team like")
    assert "could be asked in any interview" in reply.text


@pytest.mark.parametrize("command, message", [
    ("/debrief prep tick 9", "couldn't read \"9\" as checklist numbers"),
    ("/debrief prep tick the first few", "as checklist numbers"),
    ("/debrief prep question hi", "A question needs a few words"),
    ("/debrief prep question " + "why " * 100, "question is 399 characters"),
    ("/debrief prep story 4", "don't have a story number 4"),
    ("/debrief prep story", "Which story?"),
    ("/debrief prep Globex", "no interview at Globex coming up"),
    ("/debrief prep #99", "couldn't find an interview matching \"#99\""),
    ("/debrief prep asked 2", "None of your interviews has happened yet"),
    ("/debrief prep acme asked 2", "tell me afterwards"),
])
async def test_bad_prep_commands_are_refused_and_store_nothing(
        world: World, command: str, message: str) -> None:
    await world.say('/debrief interview Acme when:"fri 10:00"')
    before = world.snapshot()
    (reply,) = await world.say(command)
    assert message in reply.text
    assert world.snapshot() == before
    assert world.store.preps.rows == {}


async def test_prep_for_an_interview_in_the_past_says_so(world: World) -> None:
    await world.say('/debrief interview Acme when:"yesterday 10:00"')
    (reply,) = await world.say("/debrief prep Acme")
    assert "was yesterday at 10:00, so it's too late to prepare for it" in reply.text
    (none_ahead,) = await world.say("/debrief prep")
    assert "no interview coming up" in none_ahead.text


async def test_the_reflection_asks_about_what_was_prepared(world: World) -> None:
    await world.say("/debrief stories add Latency | I led a sprint that cut p99 by 40%")
    await world.say('/debrief interview Acme when:"fri 10:00"')
    await world.say("/debrief prep question Your spring post said intake moves to mobile?")
    await world.say("/debrief prep story 1")
    world.clock.set(datetime(2026, 6, 12, 10, 0, tzinfo=UTC))  # 11:00 BST, an hour after
    replies = await world.say("/debrief reflect Acme")
    for answer in ["other", *ANSWERS]:  # logged without a type: the first question asks it
        replies = await world.say(answer)
    summary, questions, story_reply = replies
    assert summary.title == "Your reflection: Acme"
    assert [a.label for a in summary.actions] == ["Mark thank-you sent"]  # still its own
    assert "\"Your spring post said intake moves to mobile?\"" in questions.text
    assert [a.label for a in questions.actions] == ["Asked it", "Didn't get to ask"]
    assert "story 1, \"Latency\"" in story_reply.text
    (asked,) = await world.say(button(questions, "Asked it"))
    assert "asked" in asked.text
    (told,) = await world.say(button(story_reply, "I told story 1"))
    assert "you told \"Latency\" at Acme" in told.text
    (prep,) = world.store.preps.rows.values()
    assert prep.asked_questions is True
    (story,) = world.store.stories.rows.values()
    assert story.told_in == [prep.interview_id]


async def test_the_summary_offers_to_save_the_memorable_answer_as_a_story(
        world: World) -> None:
    (summary,) = await world.reflect_fully()
    offer = next(f.value for f in summary.fields if f.name == "Worth keeping")
    assert ANSWERS[1] in offer
    command = offer.split("`")[1]
    assert command == "/debrief stories save #1"
    (saved,) = await world.say(command)
    assert "Saved to your story bank as story 1" in saved.text
    await world.say(command)  # twice
    assert len(world.store.stories.rows) == 1
    await world.say("/debrief reflect Acme redo")
    for answer in ANSWERS:
        replies = await world.say(answer)
    assert "Worth keeping" not in [f.name for f in replies[0].fields]  # saved already


def _stories_field(reply: object) -> str:
    return next(f.value for f in reply.fields if f.name == "Stories for this one")  # type: ignore[attr-defined]


@pytest.mark.parametrize(("when", "said_when"), [
    ("in 2 hours", "once before you go in"), ("tomorrow 10am", "once tonight")])
async def test_the_story_nudge_fits_when_the_interview_is(when: str, said_when: str) -> None:
    """It said "out loud once tonight … it comes out right tomorrow" to someone whose
    interview was in two hours, and again after they had said it out loud."""
    world = World()
    await world.say(f'/debrief interview Stripe when:"{when}"')
    await world.say("/debrief stories add churn model | churn was 8%; I built a model; 5%")
    (prep, *_) = await world.say("/debrief prep")
    assert f"Say story 1 out loud {said_when}," in _stories_field(prep)
    assert "tomorrow" not in _stories_field(prep)
    await world.say("/debrief prep practised")
    (prep, *_) = await world.say("/debrief prep")
    assert "You've said it out loud" in _stories_field(prep)
    assert "Say story 1" not in _stories_field(prep)


async def test_prepared_questions_read_as_written_in_prep_and_after_the_interview() -> None:
    world = World()
    await world.say('/debrief interview stripe when:"tomorrow 10am"')
    await world.say("/debrief prep question how will stripe price usage for smb customers? 🤔")
    (prep, *_) = await world.say("/debrief prep")
    questions = next(f.value for f in prep.fields if f.name.startswith("Two questions"))
    assert questions.startswith("1. how will Stripe price usage for SMB customers?")
    assert "🤔" not in questions


async def prep_after_a_screen(world: World, interest: str) -> Reply:
    """Prep for a round at Acme after a screen there last Monday, where the interviewer
    seemed most interested in ``interest``."""
    await world.say('/debrief interview acme when:"last monday 10:00" type:recruiter')
    for answer in ("2", "my churn dashboard cut reporting time 50%", interest):
        await world.say(answer)
    await world.say("cancel")
    await world.say('/debrief interview Acme when:"fri 10:00"')
    (reply,) = await world.say("/debrief prep")
    return reply


async def test_a_second_round_after_a_screen_gets_prep_that_fits_it(world: World) -> None:
    """Prep showed all four kinds, the recruiter screen's salary advice included, to
    someone whose screen at the same company was two days before."""
    reply = await prep_after_a_screen(world, "their move to snowflake")
    fields = {f.name: f.value for f in reply.fields}
    kinds = fields["What this round may be"]
    assert kinds.startswith("After your recruiter screen at Acme on Mon 08 Jun, this round "
                            "usually goes deeper.")
    assert "Recruiter screen" not in kinds and "salary range" not in kinds
    assert "• Technical interview:" in kinds and "• Final round:" in kinds
    assert fields["From your last interview at Acme"] == (
        '• What they seemed most interested in: "their move to Snowflake" - expect more on '
        "it, and have an example ready.")


async def test_a_first_interview_of_unknown_kind_still_shows_every_kind(world: World) -> None:
    await world.say('/debrief interview Acme when:"fri 10:00"')
    (reply,) = await world.say("/debrief prep")
    fields = {f.name: f.value for f in reply.fields}
    assert "• Recruiter screen:" in fields["What differs by kind of interview"]
    assert not any(name.startswith("From your last") for name in fields)
