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


# -- the time left -------------------------------------------------------------------------


def _field(reply: object, name: str) -> str:
    return next(f.value for f in reply.fields if f.name.startswith(name))  # type: ignore[attr-defined]


async def test_two_hours_before_only_the_quick_items_in_order_of_urgency() -> None:
    """Two hours before a technical round it was the evening's checklist: a news search
    over three months and a trade article on the industry."""
    world = World()
    await world.say('/debrief interview Globex when:"in 2 hours" type:technical '
                    'interviewer:"Sam Lee"')
    (prep,) = await world.say("/debrief prep")
    lines = prep.text.splitlines()
    assert lines[0].startswith("About 2 hours to go")
    assert [line[:4] for line in lines[1:5]] == ["5. ☐", "3. ☐", "1. ☐", "4. ☐"]
    assert "industry" not in prep.text and "three months" not in prep.text
    assert "The interviewer, Sam Lee" in prep.text
    assert [a.label for a in prep.actions][:4] == [
        "Tick 5: Logistics", "Tick 3: Role's top requirements",
        "Tick 1: Company's recent news", "Tick 4: Interviewer"]
    assert "stories add" not in _field(prep, "Stories")  # no time for the story bank
    assert "before you go in" in _field(prep, "Stories")
    (ticked,) = await world.say("/debrief prep tick 5")
    assert "1 of 4 done; next: the role's top requirements" in ticked.text


async def test_an_hour_before_with_no_interviewer_named_leaves_that_item_out() -> None:
    world = World()
    await world.say('/debrief interview Globex when:"in 50 minutes"')
    (prep,) = await world.say("/debrief prep")
    assert prep.text.startswith("Under an hour to go")
    assert "4. ☐" not in prep.text and "2. ☐" not in prep.text


async def test_the_evening_before_keeps_the_whole_checklist(world: World) -> None:
    (prep,) = await world.say("/debrief prep")
    assert prep.text.startswith("1. ☐ Acme's recent news")
    assert "2. ☐ The industry's main challenge" in prep.text


async def test_a_week_ahead_spreads_it_over_the_evenings(world: World) -> None:
    (prep,) = await world.say("/debrief prep #3")
    assert prep.text.startswith("8 days to go: one item an evening is plenty")


async def test_once_all_are_ticked_it_no_longer_asks_to_tick_them(world: World) -> None:
    await world.say("/debrief prep tick 1,2,3")
    (prep,) = await world.say("/debrief prep")
    assert "tick 4,5`" in prep.text
    await world.say("/debrief prep tick all")
    (prep,) = await world.say("/debrief prep")
    assert "Tick them" not in prep.text


# -- in the interview's own names -----------------------------------------------------------


async def test_a_panel_of_two_is_prepared_for_by_name() -> None:
    world = World()
    await world.say('/debrief interview Initech when:"tue 16 jun 14:00" role:"product manager" '
                    'type:panel interviewer:"Priya Raman (VP Product) and Tom Berg"')
    (prep,) = await world.say("/debrief prep")
    assert "1. ☐ Initech's recent news" in prep.text
    assert "3. ☐ The Product Manager role's top requirements" in prep.text
    assert ("4. ☐ The interviewers, Priya Raman (VP Product) and Tom Berg - Each one's "
            "profile") in prep.text
    panel = _field(prep, "What's different about a panel")
    assert panel.startswith("Priya Raman (VP Product) and Tom Berg: answer the one who asked "
                            "while including the other,")
    assert "note each name" not in panel


@pytest.mark.parametrize("who, how", [
    ("Maria Lopez, hiring manager", "what their team is working on: it's who you'd work for"),
    ("Dana from recruiting", "which teams they hire for"),
])
async def test_the_interviewer_item_fits_who_they_are(who: str, how: str) -> None:
    world = World()
    await world.say(f'/debrief interview Umbrella when:"fri 11:00" interviewer:"{who}"')
    (prep,) = await world.say("/debrief prep")
    line = next(line for line in prep.text.splitlines() if line.startswith("4. "))
    assert how in line


async def test_ticking_names_what_comes_next_in_their_names() -> None:
    world = World()
    await world.say('/debrief interview Umbrella when:"fri 11:00" role:"data analyst"')
    await world.say("/debrief prep tick 1")
    (ticked,) = await world.say("/debrief prep tick 2")
    assert ticked.text.endswith("next: the Data Analyst role's top requirements, matched to "
                                "what you bring.")


async def test_i_practised_typed_in_the_dm_is_recorded_for_the_next_interview(
        world: World) -> None:
    """It was "There's no question open right now. Your next interview is …"."""
    (reply,) = await world.say("i practised my story out loud")
    assert "said out loud" in reply.text and "Acme" in reply.text
    (prep,) = world.store.preps.rows.values()
    assert (prep.interview_id, prep.practised) == (1, True)


async def test_i_practised_with_nothing_ahead_is_small_talk_and_stores_nothing() -> None:
    world = World()
    (reply,) = await world.say("i practised")
    assert "Nothing is logged yet" in reply.text
    assert world.store.preps.rows == {}


@pytest.mark.parametrize("who, title", [
    ("Dana from recruiting", "What's different about a recruiter screen"),
    ("Priya Raman and Tom Berg", "What differs by kind of interview"),
])
async def test_who_they_meet_says_which_kinds_it_can_be(who: str, title: str) -> None:
    """With a recruiter only it is their screen; with two people it is no screen (it
    showed the screen's salary advice to someone meeting two engineers)."""
    world = World()
    await world.say(f'/debrief interview Umbrella when:"fri 11:00" interviewer:"{who}"')
    (prep,) = await world.say("/debrief prep")
    kind = _field(prep, title)
    assert ("salary range" in kind) is (title.endswith("recruiter screen"))


@pytest.mark.parametrize("typed, done", [
    ("/debrief prep tick one", "1 of 5 done"),
    ("/debrief prep tick 1 through 3", "3 of 5 done"),
    ("/debrief prep tick 1 2 3", "3 of 5 done"),
])
async def test_more_checklist_numbers_as_typed(world: World, typed: str, done: str) -> None:
    (reply,) = await world.say(typed)
    assert done in reply.text


async def test_tomorrows_interview_without_its_apostrophe(world: World) -> None:
    (reply,) = await world.say("/debrief prep tomorrows interview")
    assert reply.title == "Prep: Acme, Thu 11 Jun 10:00 BST"


async def test_a_story_is_planned_by_its_title_and_a_wrong_one_gets_the_prep_hint(
        world: World) -> None:
    await world.say("/debrief stories add Churn fix | churn was 8%; I rebuilt onboarding; 5%")
    (planned,) = await world.say("/debrief prep story churn fix")
    assert "Planned: you'll tell \"Churn fix\" at Acme" in planned.text
    (unknown,) = await world.say("/debrief prep story the one about hiring")
    assert "`/debrief prep #1 story 2`" in unknown.text
    assert "stories told" not in unknown.text


async def test_replacing_a_question_names_the_one_it_replaced(world: World) -> None:
    """"question 2 …" typed first is question 1; "question 1: …" then replaced it with
    only "Saved as question 1 of 2." - the first question gone unseen."""
    await world.say("/debrief prep question 2 what will analysts own after the Looker move?")
    (reply,) = await world.say("/debrief prep question 1: How is Acme using the churn study?")
    assert reply.text.startswith(
        "Saved as question 1 of 2, in place of \"what will analysts own after the Looker "
        "move?\".")
    await world.say("/debrief prep question what will analysts own after the Looker move?")
    (again,) = await world.say("/debrief prep question 1 How is Acme using its churn study?")
    assert "One more" not in again.text  # both are there


async def test_a_saved_question_is_named_by_its_own_number_not_by_how_many_there_are(
        world: World) -> None:
    """Replacing question 1 with two saved said "Saved as question 2 of 2, in place of"
    question 1's text, and its hint offered `question 2` to replace it again."""
    await world.say("/debrief prep question How is the Looker rollout changing reporting?")
    await world.say("/debrief prep question What did the Q3 churn study change for you?")
    (first,) = await world.say("/debrief prep question 1 What does a typical day look like?")
    assert first.text.startswith("Saved as question 1 of 2, in place of \"How is the Looker")
    assert "`/debrief prep #1 question 1 <new question>`" in first.text
    (second,) = await world.say("/debrief prep question 2 How will the Looker move change "
                                "what analysts own?")
    assert second.text.startswith("Saved as question 2 of 2, in place of \"What did the Q3")


async def test_with_nothing_logged_prep_does_not_promise_only_an_evening_message() -> None:
    """"… and I'll send your prep the evening before" to someone whose interview is in two
    hours: logging it opens prep at once."""
    (reply,) = await World().say("/debrief prep")
    assert "your prep is ready at once" in reply.text


async def test_the_last_tick_names_only_what_is_left(world: World) -> None:
    """"Now your two questions and one story out loud." to someone who had both."""
    await world.say("/debrief prep practised")
    await world.say("/debrief prep question How is the Looker rollout changing reporting?")
    (one_left,) = await world.say("/debrief prep tick all")
    assert one_left.text.endswith("all 5 ticked. Now your second question.")
    await world.say("/debrief prep question What did the Q3 churn study change for you?")
    await world.say("/debrief prep untick 5")
    (ready,) = await world.say("/debrief prep tick 5")
    assert ready.text.endswith("all 5 ticked. You're ready - good luck!")


@pytest.mark.parametrize("typed", ["/debrief prepare for acme", "/debrief preparation acme"])
async def test_prepare_is_read_as_prep(world: World, typed: str) -> None:
    took, prep = await world.say(typed)
    assert "as `/debrief prep`" in took.text
    assert prep.title == "Prep: Acme, Thu 11 Jun 10:00 BST"


async def test_an_interviewer_known_by_job_alone_is_named_with_its_article() -> None:
    """"The interviewer, hiring manager"."""
    world = World()
    await world.say('/debrief interview Acme when:"fri 10:00" interviewer:"hiring manager"')
    (prep,) = await world.say("/debrief prep")
    assert "4. ☐ The interviewer, the hiring manager - " in prep.text


@pytest.mark.parametrize("typed", ["i said it was a bad fit", "said it went fine",
                                   "i told them my salary range"])
async def test_saying_something_else_is_not_practising(world: World, typed: str) -> None:
    await world.say(typed)
    assert world.store.preps.rows == {}
