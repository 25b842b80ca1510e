"""Told in passing with no question open: an interview just had, good news already on
record, and the question an offer brings - each met with the step that fits the record,
not "There's no reflection open right now" or "log it" for what is logged."""

from __future__ import annotations

import pytest
from test_service import World
from test_small_talk_on_record import one

world = pytest.fixture(lambda: World(), name="world")


async def an_offer_from_stripe(world: World) -> None:
    await world.say('/debrief interview Stripe when:"3 days ago 14:00"')
    await world.say("cancel")
    await world.say("/debrief outcome stripe offer")


@pytest.mark.parametrize("typed, company", [
    ("i just had an interview with google", "Google"),
    ("just finished my final round at Stripe!!", "Stripe"),
    ("had a phone screen today", "<company>"),
])
async def test_an_interview_just_had_and_not_logged_is_offered_its_reflection(
        world: World, typed: str, company: str) -> None:
    reply = await one(world, typed)
    assert reply.text.startswith("How did it go? Let's go over it while it's fresh: "
                                 f"`/debrief interview {company}`")
    assert world.interviews() == []  # nothing logged on a guess


async def test_one_just_had_and_logged_is_picked_up_where_it_was_left(world: World) -> None:
    await world.say('/debrief interview Acme when:"1 hour ago"')
    await world.say("cancel")
    reply = await one(world, "just finished my interview!!")
    assert reply.text.startswith("How did it go? Let's go over Acme while it's fresh: "
                                 "`/debrief reflect #1`")


async def test_one_just_had_and_reflected_on_points_at_the_thank_you(world: World) -> None:
    await world.reflect_fully()
    reply = await one(world, "i just had my interview at acme")
    assert reply.text.startswith("Your reflection on Acme is done. What counts most now is "
                                 "the thank-you within 24 hours: `/debrief draft #1`")


async def test_good_news_told_again_after_the_offer_is_recorded_is_not_told_to_log_it(
        world: World) -> None:
    await an_offer_from_stripe(world)
    again = await one(world, "omg i got it!!")
    assert again.text.startswith("Congratulations again on Stripe - it's on record")
    assert "/debrief interview" not in again.text


async def test_should_i_negotiate_after_an_offer_gets_a_short_honest_answer(
        world: World) -> None:
    await an_offer_from_stripe(world)
    reply = await one(world, "should i negotiate?")
    assert reply.text.startswith("Usually, yes: a polite, specific ask rarely costs you "
                                 "Stripe's offer.")
    assert "in writing" in reply.text


async def a_quiet_wait_at_stripe(world: World) -> None:
    await world.say('/debrief interview Stripe when:"2 weeks ago"')
    await world.say("cancel")


@pytest.mark.parametrize("typed", ["they never replied", "they didnt get back to me",
                                   "recruiter never got back to me", "should i follow up?",
                                   "is it too soon to check in"])
async def test_silence_and_whether_to_follow_up_get_the_no_reply_buttons(
        world: World, typed: str) -> None:
    """"they didnt get back to me" was read as a rejection ("did not get"); the rest got
    "There's no reflection open right now"."""
    await a_quiet_wait_at_stripe(world)
    ask = await one(world, typed)
    assert ask.text.startswith("No word yet from Stripe? Tap \"No reply yet\"")
    assert world.interviews()[0].outcome is None  # nothing recorded on a guess


@pytest.mark.parametrize("typed", ["what should i do next", "any advice?", "what now"])
async def test_what_should_i_do_next_gets_the_one_step_stats_leads_with(
        world: World, typed: str) -> None:
    await a_quiet_wait_at_stripe(world)
    reply = await one(world, typed)
    assert reply.text.startswith("Your next step: it's been 14 days since Stripe and no "
                                 "word yet - time for one short follow-up. `/debrief outcome "
                                 "#1 no reply` drafts it")
    assert reply.text.endswith("`/debrief stats` shows what it rests on.")


async def test_the_step_never_says_a_zero_back(world: World) -> None:
    """It read "send every thank-you inside 24 hours - 0 of 1 went out in time so far"."""
    await a_quiet_wait_at_stripe(world)
    await world.say("/debrief outcome stripe callback")
    reply = await one(world, "what do i do now")
    assert reply.text.startswith("Your next step: send every thank-you inside 24 hours - "
                                 "none has gone out in time yet, and it's the one habit")


@pytest.mark.parametrize("typed, shown", [
    ("can you write my thank you note?", "Your thank-you note for Stripe, worded for after"),
    ("show me my interview history please", "#1 Stripe"),
    ("what reminders do i have", '#1 Thu 11 Jun 10:00 BST: "Heard back?" check-in'),
])
async def test_a_sentence_asking_to_see_something_is_shown_it(
        world: World, typed: str, shown: str) -> None:
    """With nothing open, a sentence asking for the draft got "There's no reflection open
    right now" - the command it names is run and said so."""
    await a_quiet_wait_at_stripe(world)
    replies = await world.say(typed)
    assert replies[0].text.startswith("(I read that as `/debrief ")
    assert replies[1].text.startswith(shown)


async def test_a_sentence_asking_to_delete_is_never_run_from_the_dm(world: World) -> None:
    await a_quiet_wait_at_stripe(world)
    reply = await one(world, "hmm should i just delete all my data and forget it")
    assert "(I read that as" not in reply.text
    assert len(world.interviews()) == 1


async def test_being_somewhere_is_not_an_offer(world: World) -> None:
    """"im in london now" was congratulated as an offer ("i am in")."""
    await a_quiet_wait_at_stripe(world)
    reply = await one(world, "im in london now")
    assert "ongratulations" not in reply.text
    assert world.interviews()[0].outcome is None
    news = await one(world, "I'M IN!!! 🎉")
    assert news.text.startswith("Is that news from Stripe?")  # still heard as news
