"""Regression tests for the reminder bugs seen on the console (issue 10, "What was seen").

Each test replays what a person did and asserts what they read and what is stored.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from test_service import ANSWERS, INTERVIEW, T0, World, said

from bot.memory import memory_uow_factory
from bot.model import NudgeKind, NudgeStatus, ReflectionState, ThankYou, User
from bot.nudges.dispatcher import Dispatcher
from bot.values import Reply

AHEAD = '/debrief interview Globex when:"tomorrow 3pm"'  # Thu 11 Jun 15:00 BST


class Inbox:
    """A chat gateway that keeps what it was asked to deliver."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []

    async def deliver(self, user: User, reply: Reply) -> str:
        self.replies.append(reply)
        return str(len(self.replies))


async def deliver_due(world: World) -> list[Reply]:
    inbox = Inbox()
    await Dispatcher(memory_uow_factory(world.store), inbox, world.clock).run_until_idle()
    return inbox.replies


@pytest.fixture
def world() -> World:
    return World()


def button(reply: Reply, label: str) -> str:
    return next(c.value for c in (*reply.choices, *reply.actions) if c.label == label)


# -- snooze never moves a reminder earlier ------------------------------------------------


async def test_snoozing_the_prompt_of_an_interview_ahead_moves_it_later_not_to_now(
        world: World) -> None:
    await world.say(AHEAD)
    (prompt,) = world.nudges(NudgeKind.REFLECT)
    assert prompt.due_at == datetime(2026, 6, 11, 15, 0, tzinfo=UTC)  # 16:00 BST
    (reply,) = await world.say(f"/debrief nudges snooze {prompt.id}")
    # an hour later than it was due - not an hour from now, the day before the interview
    assert "Thu 11 Jun 17:00 BST" in reply.text
    assert world.store.nudges.rows[prompt.id or 0].due_at == prompt.due_at + timedelta(hours=1)
    world.clock.set(datetime(2026, 6, 11, 13, 59, tzinfo=UTC))  # 14:59 BST, before it
    assert [r for r in await deliver_due(world) if "reflect" in r.tags] == []


async def test_snoozing_to_a_time_before_the_reminder_is_due_is_refused(
        world: World) -> None:
    await world.say(AHEAD)
    (prompt,) = world.nudges(NudgeKind.REFLECT)
    before = world.snapshot()
    (reply,) = await world.say(f"/debrief nudges snooze {prompt.id} today 18:00")
    assert "already due Thu 11 Jun 16:00 BST" in reply.text
    assert "only moves a reminder later" in reply.text
    assert world.snapshot() == before


async def test_a_snooze_to_a_time_that_has_passed_says_so_and_changes_nothing(
        world: World) -> None:
    await world.say(INTERVIEW)  # now: Wed 14:00 BST
    first = world.nudges()[0]
    before = world.snapshot()
    (reply,) = await world.say(f"/debrief nudges snooze {first.id} 9:00")
    assert "Wed 10 Jun 09:00 BST has already passed" in reply.text
    assert world.snapshot() == before


# -- the buttons on a delivered reminder --------------------------------------------------


async def test_snoozing_a_delivered_reminder_schedules_it_again_once(world: World) -> None:
    await world.say(INTERVIEW)
    world.clock.advance(timedelta(hours=2))  # 16:00 BST: the first thank-you reminder
    (nudge,) = await deliver_due(world)
    snooze = button(nudge, "Snooze 1h")
    (reply,) = await world.say(snooze)
    assert "Wed 10 Jun 17:00 BST" in reply.text
    (again,) = await world.say(snooze)  # a double click
    assert "Wed 10 Jun 17:00 BST" in again.text
    pending = world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING)
    assert [n.due_at for n in pending] == [T0 + timedelta(hours=3), T0 + timedelta(hours=20)]
    world.clock.advance(timedelta(hours=1))
    (back,) = await deliver_due(world)
    assert "thank-you note to Acme" in back.text


async def test_stopping_a_delivered_reminder_stops_its_repeats(world: World) -> None:
    await world.say(INTERVIEW)
    world.clock.advance(timedelta(hours=2))
    (nudge,) = await deliver_due(world)
    (reply,) = await world.say(button(nudge, "Stop this reminder"))
    assert "no more thank-you reminders for Acme" in reply.text
    assert world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING) == []
    # the "heard back?" check-in is another kind of reminder: it stays
    assert len(world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING)) == 1
    world.clock.advance(timedelta(hours=20))
    assert await deliver_due(world) == []


async def test_stopping_the_last_delivered_reminder_says_nothing_more_is_coming(
        world: World) -> None:
    await world.say(INTERVIEW)
    world.clock.advance(timedelta(hours=20))
    replies = await deliver_due(world)  # both thank-you reminders
    (reply,) = await world.say(button(replies[-1], "Stop this reminder"))
    assert "already delivered, and there are no more of them coming" in reply.text


# -- an interview that has not happened yet ----------------------------------------------


async def test_followup_outcome_and_reflect_on_a_future_interview_offer_prep_instead(
        world: World) -> None:
    await world.say(AHEAD)
    before = world.snapshot()
    for command in ("/debrief followup", "/debrief followup Globex",
                    "/debrief outcome Globex offer", "/debrief outcome",
                    "/debrief reflect Globex", "/debrief reflect"):
        (reply,) = await world.say(command)
        assert "hasn't happened yet" in reply.text, command
        assert "is tomorrow at 15:00 - " in reply.text
        assert any("prep" in a.value for a in reply.actions)
        assert "while it's fresh" not in reply.text
    assert world.snapshot() == before
    interview = world.interview()
    assert interview.thank_you is None and interview.outcome is None


async def test_the_interview_counts_as_happened_once_it_has_started(world: World) -> None:
    await world.say(AHEAD)
    world.clock.set(datetime(2026, 6, 11, 14, 30, tzinfo=UTC))  # half an hour in
    (reply,) = await world.say("/debrief followup Globex")
    assert "Marked" in reply.text
    assert world.interview().thank_you is ThankYou.SENT


# -- check-ins ---------------------------------------------------------------------------


async def test_cancelled_check_ins_do_not_count_toward_the_limit(world: World) -> None:
    await world.say(INTERVIEW)
    for _ in range(3):
        await world.say("/debrief outcome no reply")
    # each "no reply yet" replaced the check-in still to come; none reached Ann, so one
    # is still coming
    assert len(world.nudges(NudgeKind.CHECK_IN, NudgeStatus.PENDING)) == 1


# -- a new interview while a reflection is open ------------------------------------------


async def test_logging_an_interview_during_a_reflection_pauses_it_and_says_how_to_resume(
        world: World) -> None:
    await world.say(INTERVIEW)
    await world.say(ANSWERS[0])
    replies = await world.say("/debrief interview Initech")
    text = said(replies)
    acme, initech = world.interviews()
    assert "paused your reflection on Acme (Backend Engineer)" in text
    assert f"/debrief reflect #{acme.id}" in text
    assert "question 1\n" in text  # the new one starts (its type question: no total)
    assert acme.reflection_state is ReflectionState.CANCELLED
    assert acme.answers  # kept
    assert world.user().active_interview_id == initech.id
    resumed = await world.say(f"/debrief reflect #{acme.id}")
    assert "question 2 of 11" in said(resumed)


async def test_logging_an_interview_ahead_leaves_the_open_reflection_open(
        world: World) -> None:
    await world.say(INTERVIEW)
    await world.say(ANSWERS[0])
    (reply,) = await world.say(AHEAD)
    assert "paused" not in reply.text
    acme = world.interviews()[0]
    assert acme.reflection_state is ReflectionState.OPEN
    assert world.user().active_interview_id == acme.id
