"""One interview taken off the record - a duplicate, a wrong company, one logged by mistake -
without `forget` deleting everything: asked first, confirmed, gone with its reminders, and
a time typed again beside the first gets a heads-up saying how."""

from __future__ import annotations

import pytest
from test_service import World

from bot.model import NudgeStatus

world = pytest.fixture(lambda: World(), name="world")


async def two_acmes(world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 10am"')
    await world.say('/debrief interview Acme when:"tomorrow 10:15am"')


async def test_the_first_of_two_logs_gets_a_heads_up_naming_how_to_remove_it(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 10am"')
    replies = await world.say('/debrief interview acme when:"tomorrow 10:15am"')
    assert replies[-1].text.startswith("Heads-up: Acme is also logged for ")
    assert "(#1), 15 min before this one. Two rounds that day? Then all is well. If #1 " \
        "was the wrong time, `/debrief history #1 remove` takes it off" in replies[-1].text
    far = await world.say('/debrief interview Acme when:"friday 4pm"')
    assert not any("Heads-up" in r.text for r in far)  # another day: nothing to say


async def test_removing_asks_first_and_removes_nothing_until_confirmed(world: World) -> None:
    await two_acmes(world)
    (ask,) = await world.say("/debrief history #1 remove")
    assert ask.text.startswith("Remove Acme (")
    assert "#1) from your record, with 5 reminders still to come?" in ask.text
    assert "can't be undone" in ask.text
    assert [a.value for a in ask.actions] == ["/debrief history #1 remove confirm"]
    assert len(world.interviews()) == 2


async def test_confirmed_the_interview_and_its_reminders_are_gone_once(world: World) -> None:
    await two_acmes(world)
    (done,) = await world.say("/debrief history #1 remove confirm")
    assert done.text.startswith("Removed Acme (#1, ")
    assert "`/debrief interview Acme when:\"" in done.text  # how to log it again
    assert [i.id for i in world.interviews()] == [2]
    assert {n.interview_id for n in world.nudges(status=NudgeStatus.PENDING)} == {2}
    (again,) = await world.say("/debrief history #1 remove confirm")  # a double click
    assert again.text.startswith("Interview #1 isn't on your record (already removed?)")
    assert [i.id for i in world.interviews()] == [2]


@pytest.mark.parametrize("typed", ["/debrief history remove", "/debrief history delete"])
async def test_which_one_is_never_guessed(world: World, typed: str) -> None:
    await two_acmes(world)
    (reply,) = await world.say(typed)
    assert reply.text.startswith("Which interview? `/debrief history #<n> remove`")
    assert len(world.interviews()) == 2


async def test_the_open_reflection_removed_leaves_nothing_dangling(world: World) -> None:
    await world.say("/debrief interview Initech")  # just ended: its reflection is open
    await world.say("/debrief stories add Latency | I cut p99 latency by 40% in a month")
    await world.say("/debrief stories told 1 Initech")
    await world.say("/debrief history initech remove confirm")
    assert world.interviews() == []
    assert world.store.stories.rows and all(
        s.told_in == [] for s in world.store.stories.rows.values())
    (reply,) = await world.say("2")  # the old question's answer: no reflection open now
    assert "Initech" not in reply.text
    assert world.interviews() == []
