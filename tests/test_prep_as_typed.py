"""``/debrief prep`` as a nervous person types it the evening before: a day instead of a
company, "for my … interview", "tick all", "1, 2 & 5", "i practised", a typo."""

from __future__ import annotations

import pytest
from test_service import World


@pytest.fixture
async def world() -> World:
    """Wed 10 Jun 2026, 14:00 BST: a screen at Acme tomorrow, Globex on Friday, Acme's
    final round the week after."""
    world = World()
    await world.say('/debrief interview Acme when:"tomorrow 10:00" type:recruiter')
    await world.say('/debrief interview Globex when:"fri 15:00"')
    await world.say('/debrief interview Acme when:"thu 18 jun 10:00" type:final')
    return world


@pytest.mark.parametrize("typed, title", [
    ("/debrief prep for tomorrow", "Prep: Acme, Thu 11 Jun 10:00 BST"),
    ("/debrief prep tomorrow", "Prep: Acme, Thu 11 Jun 10:00 BST"),
    ("/debrief prep friday", "Prep: Globex, Fri 12 Jun 15:00 BST"),
    ("/debrief prep for my globex interview", "Prep: Globex, Fri 12 Jun 15:00 BST"),
    ("/debrief prep the globex one", "Prep: Globex, Fri 12 Jun 15:00 BST"),
    # the soonest of two at Acme, not the newest logged
    ("/debrief prep acme", "Prep: Acme, Thu 11 Jun 10:00 BST"),
    ("/debrief prep for my next interview", "Prep: Acme, Thu 11 Jun 10:00 BST"),
])
async def test_the_interview_is_found_by_its_day_or_company_as_typed(
        world: World, typed: str, title: str) -> None:
    (reply,) = await world.say(typed)
    assert reply.title == title


@pytest.mark.parametrize("typed, done", [
    ("/debrief prep tick all", "all 5 ticked"),
    ("/debrief prep tick all of them", "all 5 ticked"),
    ("/debrief prep tick 1, 2 & 5", "3 of 5 done"),
    ("/debrief prep tick 1 and 3", "2 of 5 done"),
    ("/debrief prep tick 1-4", "4 of 5 done"),
    ("/debrief prep tikc 2", "1 of 5 done"),
    ("/debrief prep acme tick 2", "1 of 5 done"),
])
async def test_checklist_numbers_are_read_as_typed(world: World, typed: str, done: str) -> None:
    (reply,) = await world.say(typed)
    assert done in reply.text
    (prep,) = world.store.preps.rows.values()
    assert prep.interview_id == 1


@pytest.mark.parametrize("typed", ["/debrief prep i practised", "/debrief prep practiced",
                                   "/debrief prep i said it out loud",
                                   "/debrief prep practsed"])
async def test_saying_they_practised_in_their_own_words_is_recorded(
        world: World, typed: str) -> None:
    (reply,) = await world.say(typed)
    assert "said out loud" in reply.text
    (prep,) = world.store.preps.rows.values()
    assert prep.practised is True


async def test_a_company_that_looks_like_a_typo_of_an_action_is_a_company() -> None:
    world = World()
    await world.say('/debrief interview Stork when:"fri 10:00"')
    (reply,) = await world.say("/debrief prep stork")
    assert reply.title == "Prep: Stork, Fri 12 Jun 10:00 BST"


async def test_a_mistyped_question_action_still_saves_the_question(world: World) -> None:
    (reply,) = await world.say("/debrief prep qustion how is the Kafka migration going "
                               "for the analysts?")
    assert "Saved as question 1 of 2" in reply.text
