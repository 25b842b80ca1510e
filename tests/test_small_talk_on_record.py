"""Thanks and a hard day typed in the DM are answered with what is on record: never a
pointer at something that is not there (``/debrief stats`` "shows what has worked" to
someone with no answers yet; "After your next interview …" the day before one)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from test_service import World

from bot.values import Destination, Reply

HARD_DAY = "i am so done with this"


@pytest.fixture
def world() -> World:
    return World()


async def one(world: World, text: str) -> Reply:
    (reply,) = await world.say(text)
    return reply


async def test_a_hard_day_with_nothing_on_record_gets_a_place_to_start(world: World) -> None:
    reply = await one(world, HARD_DAY)
    assert reply.text.startswith("That sounds like a hard stretch - I'm sorry.")
    assert "/debrief stats" not in reply.text  # there is nothing in it yet
    assert "`/debrief stories add`" in reply.text
    thanks = await one(world, "thanks!")
    assert thanks.text.startswith("You're welcome - good luck. After your next interview")


async def test_thanks_the_day_before_an_interview_wishes_luck_for_it(world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 10:00"')
    thanks = await one(world, "thanks!")
    assert thanks.text.startswith("You're welcome - good luck with Acme tomorrow at 10:00!")
    assert "`/debrief prep #1`" in thanks.text and "After your next" not in thanks.text
    assert [a.value for a in thanks.actions] == ["/debrief prep #1"]
    hard = await one(world, "ugh i'm so tired of this")
    assert "Acme is still ahead (tomorrow at 10:00)" in hard.text
    assert "/debrief stats" not in hard.text


async def test_an_interview_later_this_week_is_named_by_its_day_then_by_its_date(
        world: World) -> None:
    await world.say('/debrief interview Globex role:"Data Analyst" when:"mon 9:30"')
    thanks = await one(world, "thank you so much")
    assert "good luck with Globex (Data Analyst) on Monday at 09:30!" in thanks.text
    later = World()
    await later.say('/debrief interview Globex when:"jun 30 9:30"')
    thanks = await one(later, "thanks")
    assert "good luck with Globex on Tue 30 Jun 09:30 BST!" in thanks.text


async def test_right_after_the_interview_the_thank_you_note_is_the_one_thing(
        world: World) -> None:
    await world.reflect_fully()  # "planning to send it"
    thanks = await one(world, "cheers")
    assert "the thank-you note to Acme - `/debrief draft #1`" in thanks.text
    hard = await one(world, "honestly i feel like giving up")
    assert "thank-you note to Acme" in hard.text and "Everything else can wait" in hard.text
    await world.say("/debrief followup")
    after = await one(world, "thanks")
    assert after.text == ("You're welcome - fingers crossed for Acme (Backend Engineer). "
                          "When you hear back, `/debrief outcome #1` records it.")


async def test_right_after_a_rejection_the_reply_is_about_it_not_stats(world: World) -> None:
    await world.reflect_fully()
    await world.say("/debrief outcome Acme rejected")
    hard = await one(world, HARD_DAY)
    assert "Acme's no is one answer" in hard.text and "`/debrief draft #1`" in hard.text
    assert "/debrief stats" not in hard.text  # one no: nothing has "worked" to show
    thanks = await one(world, "thanks")
    assert thanks.text.startswith("You're welcome - take care.")
    assert "good luck" not in thanks.text


@pytest.mark.parametrize("outcome, pointer", [
    ("rejected", "`/debrief stats` turns them into one next step"),  # nothing "worked" yet
    ("callback", "`/debrief stats` shows what has worked for you so far"),
])
async def test_answers_from_weeks_ago_point_to_stats_as_they_are(
        world: World, outcome: str, pointer: str) -> None:
    await world.reflect_fully()
    await world.say(f"/debrief outcome Acme {outcome}")
    world.clock.advance(timedelta(days=20))
    hard = await one(world, HARD_DAY)
    assert pointer in hard.text


async def test_waiting_for_an_answer_early_and_after_a_quiet_while(world: World) -> None:
    await world.reflect_fully()
    await world.say("/debrief followup")
    world.clock.advance(timedelta(days=2))
    early = await one(world, HARD_DAY)
    assert "Waiting on Acme (Backend Engineer) is the hard part" in early.text
    assert "no reply" not in early.text  # too early to chase
    world.clock.advance(timedelta(days=8))
    late = await one(world, HARD_DAY)
    assert "`/debrief outcome #1 no reply`" in late.text
    assert "follow-up" in late.text


@pytest.mark.parametrize("typed", ["hmm?", "ok", "2"])
async def test_anything_else_with_nothing_logged_says_where_to_start(
        world: World, typed: str) -> None:
    reply = await one(world, typed)
    assert reply.text.startswith("Nothing is logged yet.")
    assert "/debrief reflect" not in reply.text  # nothing to pick up again


async def test_anything_else_with_an_interview_ahead_names_it(world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 10:00"')
    reply = await one(world, "hi")
    assert "Your next interview is Acme tomorrow at 10:00" in reply.text
    assert "`/debrief prep #1`" in reply.text


async def test_nerves_before_an_interview_get_luck_and_prep(world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 10:00"')
    reply = await one(world, "so nervous about tomorrow lol")
    assert reply.text.startswith("Good luck with Acme tomorrow at 10:00")
    assert [a.value for a in reply.actions] == ["/debrief prep #1"]


async def test_news_no_interview_on_record_can_take_is_still_met_in_kind(
        world: World) -> None:
    no = await one(world, "they said no")
    assert no.text.startswith("That sounds like a hard stretch - I'm sorry.")
    yes = await one(world, "got the job!!")
    assert yes.text.startswith("That's great news - congratulations!")
    assert world.interviews() == []  # nothing recorded on a guess


async def test_a_paused_reflection_is_still_offered_to_pick_up(world: World) -> None:
    await world.say("/debrief interview Acme")
    await world.say("cancel")
    reply = await one(world, "hello")
    assert "`/debrief reflect #1` picks it up" in reply.text


async def test_an_interview_months_ago_is_no_longer_waited_on(world: World) -> None:
    await world.reflect_fully()
    world.clock.advance(timedelta(days=60))
    thanks = await one(world, "thanks")
    assert "fingers crossed" not in thanks.text
    hard = await one(world, HARD_DAY)
    assert "Acme" not in hard.text


async def test_thank_you_typed_as_a_command_is_met_in_kind_where_it_was_typed(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 10:00"')
    thanks = await one(world, "/debrief thank you so much")
    assert thanks.text.startswith("You're welcome - good luck with Acme tomorrow at 10:00!")
    assert thanks.destination is Destination.HERE
    unknown = await one(world, "/debrief thank god")  # not thanks: not read as one
    assert unknown.text.startswith("I couldn't tell which command that was")


async def test_let_down_after_a_no_is_met_as_a_hard_day_not_told_nothing_is_open(
        world: World) -> None:
    await world.say('/debrief interview Globex when:"3 days ago 14:00"')
    await world.say("cancel")
    await world.say("/debrief outcome globex they said no")
    reply = await one(world, "ugh i really wanted this one")
    assert reply.text.startswith("That sounds like a hard stretch - I'm sorry.")
    assert "Globex's no is one answer" in reply.text
    assert "no reflection open" not in reply.text


async def a_no_from_globex(world: World) -> None:
    await world.say('/debrief interview Globex when:"3 days ago 14:00"')
    await world.say("cancel")
    await world.say("/debrief outcome globex they said no")


@pytest.mark.parametrize("typed", ["i really thought i had this one", "so close again",
                                   "i think i bombed it", "another rejection. not again"])
async def test_other_ways_of_being_let_down_after_a_no_are_a_hard_day_too(
        world: World, typed: str) -> None:
    await a_no_from_globex(world)
    reply = await one(world, typed)
    assert reply.text.startswith("That sounds like a hard stretch - I'm sorry.")
    assert "no reflection open" not in reply.text


@pytest.mark.parametrize("typed", ["what did i do wrong", "why didnt they pick me??",
                                   "what am i doing wrong"])
async def test_what_did_i_do_wrong_after_a_no_is_answered_honestly_with_what_can_tell(
        world: World, typed: str) -> None:
    await a_no_from_globex(world)
    reply = await one(world, typed)
    assert reply.text.startswith("I'm sorry about Globex. Nobody can say for sure from the "
                                 "outside, and often it's nothing you did")
    # No reflection on it yet: looking back at it, and asking them for feedback.
    assert "`/debrief reflect #1` looks back at it with you" in reply.text
    assert "`/debrief draft #1` has a short reply that asks them for feedback" in reply.text


async def test_what_did_i_do_wrong_names_what_their_own_reflection_pointed_to(
        world: World) -> None:
    await world.say('/debrief interview Globex type:recruiter when:"3 days ago 14:00"')
    for answer in ("I probably blended in", "idk", "skip", "skip", "skip", "skip", "skip",
                   "skip", "skip", "skip", "skip", "skip", "skip"):
        await world.say(answer)
    await world.say("/debrief outcome globex rejected")
    reply = await one(world, "what did i do wrong")
    assert "The one thing your own reflection pointed to was standing out: " \
           "`/debrief tip stand out` has one concrete step for it." in reply.text
    assert "`/debrief reflect" not in reply.text


async def test_what_did_i_do_wrong_while_still_waiting_says_nothing_went_wrong_yet(
        world: World) -> None:
    await world.say('/debrief interview Globex when:"3 days ago 14:00"')
    await world.say("cancel")
    reply = await one(world, "what did i do wrong")
    assert reply.text.startswith("Nothing on record says anything went wrong: Globex hasn't "
                                 "answered yet")


@pytest.mark.parametrize("typed", ["hi", "Hello!", "hey there", "what is this?",
                                   "how does this work"])
async def test_hello_or_what_is_this_with_nothing_logged_gets_the_introduction(
        world: World, typed: str) -> None:
    reply = await one(world, typed)
    assert reply.text.startswith("Hi! I'm Debrief, your interview coach. Right after an "
                                 "interview, type `/debrief interview <company>`")
    assert "Nothing is logged yet" not in reply.text


async def test_hello_with_an_interview_ahead_points_at_its_prep(world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 10:00"')
    hello = await one(world, "hey")
    assert hello.text == ("Hi! Your next interview is Acme tomorrow at 10:00 - "
                          "`/debrief prep #1` gets you ready for it.")
    what = await one(world, "how does this work?")
    assert what.text.startswith("Hi! I'm Debrief") and what.text.endswith(hello.text[4:])


async def test_an_interview_ahead_told_during_a_reflection_is_wished_luck_not_stored(
        world: World) -> None:
    await world.say('/debrief interview Globex when:"1 hour ago"')
    await world.say("technical")
    (again,) = await world.say("i have an interview tomorrow at google and im freaking out")
    assert again.text.startswith('Good luck with it! `/debrief interview Google when:'
                                 '"tomorrow 10:00"` (with its real time) logs it')
    assert "How memorable do you think you were?" in again.text  # asked again
    assert "memorable" not in world.interviews()[0].answers
    await world.say('/debrief interview Initech when:"friday 10:00"')
    await world.say("/debrief reflect #1")
    (again,) = await world.say("my interview with initech is on friday, so nervous")
    assert again.text.startswith("Good luck with it! `/debrief prep #2` has its prep")
