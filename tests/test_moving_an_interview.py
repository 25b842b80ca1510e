"""Moving an interview logged at the wrong time: ``/debrief history #n edit when:…``.

Through the core as a person types it (the World of tests/test_service.py): the reply
names the old and the new time and the reminders now planned, and the reminders are the
ones logging it at the new time would have planned, under fresh keys, in one unit of work.
"""

from __future__ import annotations

from datetime import UTC, datetime

from test_reminders_respect_time import deliver_due
from test_service import World, said
from test_service import world as world  # the fixture, as the service tests use it

from bot import copy as words
from bot.model import NudgeKind, NudgeStatus, Outcome, ReflectionState

# T0 is Wed 10 June 2026, 14:00 in London (BST). 26 Oct 2026 is the Monday after the
# clocks go back (25 Oct): 10:00 that day is 10:00 UTC, while 10:00 on 23 Oct is 09:00 UTC.
MOVED_TO = "Oct 26 10:00"


def pending(world: World) -> list[tuple[NudgeKind, datetime]]:
    return [(n.kind, n.due_at) for n in world.nudges(status=NudgeStatus.PENDING)]


async def test_moving_an_interview_replans_its_reminders_as_if_logged_at_the_new_time(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"Oct 23 10:00"')
    old = world.nudges(status=NudgeStatus.PENDING)
    assert {n.kind for n in old} == {NudgeKind.REFLECT, NudgeKind.PREP, NudgeKind.THANK_YOU,
                                     NudgeKind.CHECK_IN}

    (reply,) = await world.say(f'/debrief history #1 edit when:"{MOVED_TO}"')

    text = reply.text
    assert "Moved Acme (#1) from Fri 23 Oct 10:00 BST to Mon 26 Oct 10:00 GMT." in text
    assert "Your reminders:" in text
    assert "Sun 25 Oct 18:00 GMT: Prep for your interview - Acme" in text
    assert "Mon 26 Oct 11:00 GMT: Reflection prompt - Acme" in text
    assert '"Heard back?" check-in - Acme' in text
    assert 'Move it back with `/debrief history #1 edit when:"2026-10-23 10:00"`' in text
    assert world.interview().happens_at == datetime(2026, 10, 26, 10, 0, tzinfo=UTC)
    # the old ones are cancelled, kept as history; the new ones have keys of their own
    assert {n.status for n in world.store.nudges.rows.values() if n.id in
            {o.id for o in old}} == {NudgeStatus.CANCELLED}
    keys = [n.idempotency_key for n in world.store.nudges.rows.values()]
    assert len(keys) == len(set(keys)) == 2 * len(old)

    # exactly what logging it at the new time plans (DST-correct in London)
    fresh = World()
    await fresh.say(f'/debrief interview Acme when:"{MOVED_TO}"')
    assert pending(world) == pending(fresh)


async def test_moving_it_back_with_the_command_the_reply_gives_restores_the_reminders(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"Oct 23 10:00"')
    first = pending(world)
    (moved,) = await world.say(f'/debrief history #1 edit when:"{MOVED_TO}"')
    back = moved.text.split("Move it back with `", 1)[1].split("`", 1)[0]
    (reply,) = await world.say(back)
    assert "Moved Acme (#1) from Mon 26 Oct 10:00 GMT to Fri 23 Oct 10:00 BST." in reply.text
    assert pending(world) == first


async def test_reminders_already_sent_stay_and_only_pending_ones_move(world: World) -> None:
    await world.say('/debrief interview Acme when:"friday 10:00"')  # Fri 12 June
    world.clock.set(datetime(2026, 6, 11, 17, 5, tzinfo=UTC))  # the evening before, 18:05
    await deliver_due(world)
    (prep,) = world.nudges(NudgeKind.PREP)
    assert prep.status is NudgeStatus.SENT

    (reply,) = await world.say('/debrief history #1 edit when:"next tuesday 10:00"')

    assert "from Fri 12 Jun 10:00 BST to Tue 16 Jun 10:00 BST" in reply.text
    assert world.store.nudges.rows[prep.id or 0].status is NudgeStatus.SENT  # history
    assert "Mon 15 Jun 18:00 BST: Prep for your interview" in reply.text  # a new one


async def test_an_interview_moved_from_ahead_into_the_past_offers_its_reflection(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 10:00"')

    (reply,) = await world.say('/debrief history #1 edit when:"today 11:00"')

    text = reply.text
    assert "from Thu 11 Jun 10:00 BST to Wed 10 Jun 11:00 BST" in text
    assert "Reflection prompt" not in text and "Prep for your interview" not in text
    # the 2 h one has passed; the 20 h one falls in quiet hours, so it waits until 08:00
    assert "Thu 11 Jun 08:00 BST: Thank-you reminder - Acme" in text
    assert [a.label for a in reply.actions] == ["Reflect now"]
    assert pending(world)[0][0] is NudgeKind.THANK_YOU
    replies = await world.say(reply.actions[0].value)
    assert "What kind of interview" in said(replies)  # it starts: it is over now


async def test_a_reflection_opened_but_untouched_waits_again_when_moved_ahead(
        world: World) -> None:
    await world.say("/debrief interview Acme")  # just ended: the first question is open
    assert world.user().active_interview_id == 1

    (reply,) = await world.say('/debrief history #1 edit when:"tomorrow 10:00"')

    assert "Reflection prompt - Acme" in reply.text
    assert world.interview().reflection_state is ReflectionState.NOT_STARTED
    assert world.user().active_interview_id is None
    (early,) = await world.say("/debrief reflect #1")
    assert early.text.startswith("Your interview at Acme is tomorrow at 10:00 - ")


async def test_a_completed_reflection_stays_and_gets_no_new_prompt(world: World) -> None:
    await world.reflect_fully()
    assert world.interview().reflection_state is ReflectionState.COMPLETED

    (reply,) = await world.say('/debrief history #1 edit when:"tomorrow 10:00"')

    assert reply.text.startswith("Moved Acme (#1) from Wed 10 Jun 14:00 BST to Thu 11 Jun")
    assert world.interview().reflection_state is ReflectionState.COMPLETED
    assert world.interview().answers  # nothing lost
    assert "Reflection prompt" not in reply.text
    assert NudgeKind.REFLECT not in {k for k, _ in pending(world)}


async def test_with_an_outcome_recorded_the_time_moves_but_no_check_in_is_replanned(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"2 days ago 10:00"')
    await world.say("/debrief outcome #1 callback")
    checks_before = world.nudges(NudgeKind.CHECK_IN)

    (reply,) = await world.say('/debrief history #1 edit when:"yesterday 10:00"')

    assert "from Mon 08 Jun 10:00 BST to Tue 09 Jun 10:00 BST" in reply.text
    assert "check-in" not in reply.text
    assert world.interview().outcome is Outcome.CALLBACK
    assert world.nudges(NudgeKind.CHECK_IN) == checks_before  # left as they were


async def test_a_time_that_cant_be_read_changes_nothing(world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 10:00"')
    before = world.snapshot()

    (reply,) = await world.say('/debrief history #1 edit when:"whenever"')
    assert reply.text == words.bad_time("whenever")
    (far,) = await world.say('/debrief history #1 edit when:"2030-01-01 10:00"')
    assert "too far away" in far.text and "Nothing was saved" in far.text
    (unsure,) = await world.say('/debrief history #1 edit when:"idk"')
    assert "rough one is enough" in unsure.text
    assert world.snapshot() == before


async def test_a_move_with_a_profile_value_that_cant_be_read_stores_neither(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 10:00"')
    before = world.snapshot()
    (reply,) = await world.say('/debrief history #1 edit when:"friday 10:00" '
                               'seniority:wizard')
    assert reply.text.startswith('I don\'t know "wizard" as a seniority.')
    assert world.snapshot() == before  # one unit of work: the move is rolled back too


async def test_interview_with_a_number_and_a_time_moves_that_interview(world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 10:00"')

    replies = await world.say('/debrief interview #1 when:"friday 10:00"')

    text = said(replies)
    assert 'I read this as `/debrief history #1 edit when:"friday 10:00"`' in text
    assert "Moved Acme (#1) from Thu 11 Jun 10:00 BST to Fri 12 Jun 10:00 BST" in text
    assert [i.company for i in world.interviews()] == ["Acme"]  # no interview called "#1"


async def test_an_interview_logged_ahead_moved_within_the_past_offers_its_reflection(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 10:00"')
    world.clock.set(datetime(2026, 6, 11, 9, 30, tzinfo=UTC))  # 10:30 BST: it has begun

    (reply,) = await world.say('/debrief history #1 edit when:"today 08:00"')

    assert "Reflection prompt" not in reply.text
    assert [a.label for a in reply.actions] == ["Reflect now"]
    assert world.nudges(NudgeKind.REFLECT, NudgeStatus.PENDING) == []
