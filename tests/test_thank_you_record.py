"""Regression tests: what the record says about a thank-you note, and what `back` undoes.

Issue 11 saw four wrong figures come from the data itself: "Already sent" timestamped at the
answer (so a reflection three days later made the note late), `back` leaving the note marked
sent with its reminders cancelled, `/debrief followup` not reaching the Follow up rating,
and "no reply yet" counted as a failed callback. Everything goes through ``Debrief.handle``,
on memory, SQLite and PostgreSQL alike (the ``uow_factory`` fixture).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.clock import FixedClock
from bot.insights.patterns import (
    CLOSED_AFTER,
    Timing,
    analyse,
    called_back,
    interview_scores,
    timing,
)
from bot.model import Area, Interview, NudgeKind, NudgeStatus, Outcome, ThankYou
from bot.ports import UnitOfWorkFactory
from bot.service import Debrief
from bot.values import Identity, Incoming, Reply

# Wednesday 10 June 2026, 13:00 UTC = 14:00 in London.
T0 = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
ANN = Identity("console", "local", "ann")
WINDOW = timedelta(hours=24)


@dataclass
class World:
    """The core on one store (memory, SQLite or PostgreSQL), read back through its ports."""

    factory: UnitOfWorkFactory
    clock: FixedClock = field(default_factory=lambda: FixedClock(T0))

    async def say(self, text: str) -> list[Reply]:
        bot = Debrief(self.factory, self.clock)
        return await bot.handle(Incoming(ANN, text=text, display_name="Ann Lee",
                                         platform_timezone="Europe/London"))

    async def interview(self) -> Interview:
        async with self.factory() as uow:
            user = await uow.users.get(ANN)
            assert user is not None and user.id is not None
            (only,) = await uow.interviews.list_for_user(user.id)
            return only

    async def thank_you_nudges(self) -> list[tuple[NudgeStatus, datetime]]:
        interview = await self.interview()
        assert interview.id is not None
        async with self.factory() as uow:
            nudges = await uow.nudges.list_for_interview(interview.id)
        return sorted((n.status, n.due_at) for n in nudges if n.kind is NudgeKind.THANK_YOU)

    async def pending_thank_you_dues(self) -> list[datetime]:
        return [due for status, due in await self.thank_you_nudges()
                if status is NudgeStatus.PENDING]


@pytest.fixture
def world(uow_factory: UnitOfWorkFactory) -> World:
    return World(uow_factory)


def said(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


async def test_back_after_already_sent_undoes_the_status_its_time_and_the_reminders(
        world: World) -> None:
    await world.say("/debrief interview Acme type:other")  # the general questions
    await world.say("2")
    await world.say("my latency story")
    await world.say("skip")  # what they seemed most interested in
    before = await world.pending_thank_you_dues()
    assert len(before) == 2  # 2 h and 20 h after the interview
    await world.say("Already sent")
    assert (await world.interview()).thank_you is ThankYou.SENT
    assert (await world.pending_thank_you_dues()) == []

    await world.say("back")
    interview = await world.interview()
    assert "thank_you" not in interview.answers
    assert (interview.thank_you, interview.thank_you_sent_at) == (None, None)
    assert (await world.pending_thank_you_dues()) == before  # the same reminders, back again

    await world.say("Planning to send it")
    interview = await world.interview()
    assert interview.answers["thank_you"] == "planned"
    assert (interview.thank_you, interview.thank_you_sent_at) == (ThankYou.PLANNED, None)
    assert (await world.pending_thank_you_dues()) == before
    assert timing(interview, T0 + timedelta(days=2), WINDOW) is Timing.NOT_SENT


async def test_back_twice_over_the_thank_you_answer_creates_no_duplicate_reminders(
        world: World) -> None:
    await world.say("/debrief interview Acme type:other")  # the general questions
    for answer in ("2", "a story", "skip", "not going to send one", "back", "no", "back"):
        await world.say(answer)
    assert len(await world.pending_thank_you_dues()) == 2
    assert (await world.interview()).thank_you is None


async def test_redo_undoes_what_the_thank_you_answer_did(world: World) -> None:
    await world.say("/debrief interview Acme type:other")  # the general questions
    for answer in ("2", "a story", "skip", "Already sent"):
        await world.say(answer)
    await world.say("/debrief reflect redo")
    assert (await world.interview()).thank_you is None
    assert len(await world.pending_thank_you_dues()) == 2


async def test_back_leaves_a_note_marked_by_followup_as_it_is(world: World) -> None:
    await world.say("/debrief interview Acme type:other")  # the general questions
    world.clock.advance(timedelta(hours=3))
    await world.say("/debrief followup")
    for answer in ("2", "a story", "skip", "Already sent", "back"):
        await world.say(answer)
    interview = await world.interview()
    assert interview.thank_you is ThankYou.SENT
    assert interview.thank_you_sent_at == T0 + timedelta(hours=3)
    assert (await world.pending_thank_you_dues()) == []


async def test_already_sent_reported_days_later_is_not_counted_late_and_is_asked_about(
        world: World) -> None:
    await world.say("/debrief interview Acme type:other")  # the general questions
    world.clock.advance(timedelta(days=3))
    await world.say("/debrief reflect")
    await world.say("2")
    await world.say("a story")
    await world.say("skip")  # what they seemed most interested in
    replies = await world.say("Already sent")
    assert "When did it go out?" in said(replies)
    assert "/debrief followup #1 when:" in said(replies)
    interview = await world.interview()
    assert interview.thank_you is ThankYou.SENT and interview.thank_you_sent_at is None
    assert timing(interview, world.clock.now(), WINDOW) is Timing.ON_TIME


async def test_already_sent_inside_the_window_is_dated_at_the_answer(world: World) -> None:
    await world.say("/debrief interview Acme type:other")  # the general questions
    world.clock.advance(timedelta(hours=5))
    for answer in ("2", "a story", "skip"):
        await world.say(answer)
    replies = await world.say("1")
    assert "When did it go out?" not in said(replies)
    assert (await world.interview()).thank_you_sent_at == T0 + timedelta(hours=5)


async def test_followup_when_records_the_time_the_note_went_out(world: World) -> None:
    await world.say("/debrief interview Acme type:other")  # the general questions
    world.clock.advance(timedelta(days=3))
    (reply,) = await world.say('/debrief followup #1 when:"yesterday 14:00"')
    interview = await world.interview()
    assert interview.thank_you_sent_at == T0 + timedelta(days=2)
    assert "2 days after the interview" in reply.text
    assert timing(interview, world.clock.now(), WINDOW) is Timing.LATE
    # Said again with another time: corrected, not refused.
    await world.say('/debrief followup #1 when:"72h ago"')
    assert (await world.interview()).thank_you_sent_at == T0


@pytest.mark.parametrize(("when", "expected"), [
    ("in 2h", "is still ahead"),
    ("96h ago", "is before the interview itself"),
    ("whenever", "couldn't read the time"),
])
async def test_followup_refuses_an_impossible_time_and_changes_nothing(
        world: World, when: str, expected: str) -> None:
    await world.say("/debrief interview Acme type:other")  # the general questions
    world.clock.advance(timedelta(hours=2))
    (reply,) = await world.say(f'/debrief followup #1 when:"{when}"')
    assert expected in reply.text
    assert (await world.interview()).thank_you is None
    assert len(await world.pending_thank_you_dues()) == 2  # nothing was cancelled


async def test_followup_after_planning_lifts_the_follow_up_rating(world: World) -> None:
    await world.say("/debrief interview Acme type:other")  # the general questions
    for answer in ("2", "a story", "skip", "Planning to send it"):
        await world.say(answer)
    assert interview_scores((await world.interview()), T0, WINDOW)[Area.FOLLOW_UP] == 1.0
    world.clock.advance(timedelta(hours=8))
    await world.say("/debrief followup")
    interview = await world.interview()
    assert interview.answers["thank_you"] == "planned"  # the answer stays what was said
    assert interview_scores(interview, world.clock.now(), WINDOW)[Area.FOLLOW_UP] == 2.0


def _interview(**fields: Any) -> Interview:
    return Interview(user_id=1, company="Acme", happens_at=T0, logged_at=T0, id=1, **fields)


def test_no_reply_yet_is_waiting_until_the_interview_is_closed() -> None:
    quiet = _interview(outcome=Outcome.NO_REPLY)
    assert called_back(quiet, T0 + CLOSED_AFTER - timedelta(days=1)) is None
    assert called_back(quiet, T0 + CLOSED_AFTER) is False
    soon = analyse([quiet], T0 + timedelta(days=10), WINDOW)
    assert (soon.with_outcome, soon.waiting, soon.callbacks) == (0, 1, 0)
    late = analyse([quiet], T0 + timedelta(days=40), WINDOW)
    assert (late.with_outcome, late.waiting) == (1, 0)


async def test_tip_stops_pointing_at_follow_up_once_the_planned_note_is_sent(
        world: World) -> None:
    await world.say("/debrief interview Acme type:other")  # the general questions
    for answer in ("3", "a story", "skip", "Planning to send it", "their roadmap", "1",
                   "all", "What does success look like?", "5", "ten years of platform work",
                   "skip"):
        await world.say(answer)
    (before,) = await world.say("/debrief tip")
    assert before.text.startswith("Tip · Follow up")
    await world.say("/debrief followup")
    (after,) = await world.say("/debrief tip")
    assert not after.text.startswith("Tip · Follow up")
