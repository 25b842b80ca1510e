"""Rough edges a new user hit (issue 13): a mistyped outcome blames the word, an interview
logged twice is refused kindly, a stray quote is not part of a name, and asking for a tip
again never repeats the one just given (also after a restart)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from test_service import ANN, World

from bot.clock import FixedClock
from bot.model import Outcome
from bot.ports import UnitOfWorkFactory
from bot.service import Debrief
from bot.values import Incoming


@pytest.fixture
def world() -> World:
    return World()


# -- outcome ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "word", "meant"), [
    ("/debrief outcome acme rejectd", "rejectd", "rejected"),
    ("/debrief outcome #1 ofer", "ofer", "offer"),
    ("/debrief outcome Acme calback", "calback", "callback"),
    ("/debrief outcome rejectd", "rejectd", "rejected"),
])
async def test_a_mistyped_outcome_blames_the_word_and_records_nothing(
        world: World, typed: str, word: str, meant: str) -> None:
    await world.say("/debrief interview Acme")
    await world.say("cancel")
    (reply,) = await world.say(typed)
    assert reply.text == (f"I didn't recognise \"{word}\" - did you mean {meant}? "
                          "Nothing was recorded.")
    assert world.interview().outcome is None


async def test_an_unknown_outcome_word_after_a_real_interview_names_the_word(
        world: World) -> None:
    await world.say("/debrief interview Acme")
    (reply,) = await world.say("/debrief outcome acme maybe")
    assert reply.text == ('I couldn\'t tell from "maybe" what they said. What did you hear '
                          "back from Acme?")
    assert [c.label for c in reply.choices] == ["Callback", "Offer", "Rejected",
                                                "No reply yet"]
    assert world.interview().outcome is None


async def test_an_outcome_sentence_may_start_with_the_first_word_of_the_company(
        world: World) -> None:
    await world.say("/debrief interview Umbrella Corp")
    await world.say("cancel")
    reply, *_ = await world.say("/debrief outcome umbrella they want me for a second "
                                "round!! 🎉")
    assert reply.text.startswith("A callback - well done!")
    # the next step: log the next round, so its prep comes the evening before
    assert '`/debrief interview Umbrella Corp when:"…"`' in reply.text
    assert reply.text.endswith("Recorded for Umbrella Corp.")
    assert world.interview().outcome is Outcome.CALLBACK


@pytest.mark.parametrize(("typed", "outcome"), [
    ("/debrief outcome acme they said no 😞", Outcome.REJECTED),
    ("/debrief outcome i didnt get it", Outcome.REJECTED),
    ("/debrief outcome Acme - not moving forward unfortunately", Outcome.REJECTED),
    ("/debrief outcome #1 no offer :(", Outcome.REJECTED),
    ("/debrief outcome acme still waiting", Outcome.NO_REPLY),
    ("/debrief outcome acme still nothing 😕", Outcome.NO_REPLY),
    ("/debrief outcome ghosted lol", Outcome.NO_REPLY),
    ("/debrief outcome acme got the job!!", Outcome.OFFER),
    ("/debrief outcome they want a second round 🎉", Outcome.CALLBACK),
])
async def test_an_outcome_said_in_a_sentence_is_read_by_its_meaning(
        world: World, typed: str, outcome: Outcome) -> None:
    await world.say("/debrief interview Acme")
    await world.say("cancel")
    reply, *_ = await world.say(typed)
    assert world.interview().outcome is outcome, reply.text
    assert "Recorded for Acme" in reply.text or reply.text.startswith("I'm sorry")


async def test_an_unknown_interview_is_still_blamed_on_the_interview(world: World) -> None:
    await world.say("/debrief interview Acme")
    (reply,) = await world.say("/debrief outcome globex offer")
    assert "couldn't find an interview matching \"globex\"" in reply.text
    # a sentence about an interview never logged is not put on the latest one
    (reply,) = await world.say("/debrief outcome globex said no")
    assert "couldn't find an interview matching" in reply.text
    assert world.interview().outcome is None
    (reply,) = await world.say("/debrief outcome initech")
    assert "couldn't find an interview matching \"initech\"" in reply.text


async def test_correct_outcomes_still_work(world: World) -> None:
    await world.say("/debrief interview Acme")
    reply, question = await world.say("/debrief outcome acme rejected")
    assert "I'm sorry" in reply.text
    assert "come about" in question.text  # the optional question, after the reply
    assert world.interview().outcome is Outcome.REJECTED


# -- duplicates -------------------------------------------------------------------------------


async def test_the_same_interview_logged_twice_is_refused_kindly(world: World) -> None:
    await world.say('/debrief interview Acme when:"tomorrow 3pm"')
    (reply,) = await world.say('/debrief interview  acme  when:"tomorrow 15:00"')
    assert reply.text == (
        "You've already logged Acme for Thu 11 Jun 15:00 BST (#1), so I haven't added it "
        "again. `/debrief prep #1` gets you ready for it; for another interview there, "
        "give its time with `when:`.")  # still ahead: no reflection to pick up yet
    assert len(world.interviews()) == 1
    assert len(world.nudges()) == len({n.id for n in world.nudges()})  # no second plan


async def test_a_double_click_on_just_ended_logs_one_interview(world: World) -> None:
    await world.say("/debrief interview Acme")
    world.clock.advance(timedelta(seconds=2))
    (reply,) = await world.say("/debrief interview Acme")
    assert "already logged Acme" in reply.text
    assert len(world.interviews()) == 1


async def test_a_second_interview_at_the_same_company_at_another_time_is_logged(
        world: World) -> None:
    await world.say('/debrief interview Acme when:"yesterday 10:00"')
    await world.say('/debrief interview Acme when:"tomorrow 10:00"')
    await world.say("/debrief interview Globex")
    assert [i.company for i in world.interviews()] == ["Acme", "Acme", "Globex"]


# -- quotes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "company", "role"), [
    ('/debrief interview "Acme', "Acme", None),
    ('/debrief interview Acme"', "Acme", None),
    ("/debrief interview “Acme", "Acme", None),
    ('/debrief interview "Acme role:"Backend Engineer', "Acme", "Backend Engineer"),
    ("/debrief interview O'Reilly", "O'Reilly", None),
    ("/debrief interview 'Ben & Jerry's", "'Ben & Jerry's", None),
    ('/debrief interview "Ben & Jerry\'s', "Ben & Jerry's", None),
])
async def test_a_stray_quote_is_not_stored_in_the_name(world: World, typed: str,
                                                       company: str, role: str | None) -> None:
    await world.say(typed)
    assert (world.interview().company, world.interview().role) == (company, role)


# -- tips -------------------------------------------------------------------------------------


async def test_tip_three_times_in_a_row_never_repeats_the_last_tip(world: World) -> None:
    shown = [(await world.say("/debrief tip stand out"))[0].text for _ in range(3)]
    assert shown[0] != shown[1] != shown[2]
    world.restart()
    again = (await world.say("/debrief tip stand out"))[0].text
    assert again != shown[2]


async def test_tip_rotation_is_stored_so_it_survives_a_restart(
        uow_factory: UnitOfWorkFactory) -> None:
    clock = FixedClock(World().clock.now())
    first = await Debrief(uow_factory, clock).handle(
        Incoming(ANN, text="/debrief tip prepared"))
    restarted = Debrief(uow_factory, clock)  # a new process on the same database
    second = await restarted.handle(Incoming(ANN, text="/debrief tip prepared"))
    assert first[0].text != second[0].text
    async with uow_factory() as uow:
        person = await uow.users.get(ANN)
    assert person is not None and person.tips_shown == 2


# -- the company as a person writes it ---------------------------------------------------------


@pytest.mark.parametrize(("typed", "shown"), [
    ("acme corp", "Acme Corp"), ("ibm", "IBM"), ("eBay", "eBay"), ("iRobot", "iRobot"),
    ("bank of america", "Bank of America"),
])
async def test_the_company_typed_in_lowercase_is_shown_with_capitals_but_stored_as_typed(
        world: World, typed: str, shown: str) -> None:
    (question,) = await world.say(f"/debrief interview {typed} role:\"data analyst\"")
    assert f"interview at {shown} (Data Analyst)" in question.text
    for _ in range(12):
        replies = await world.say("skip")
        if replies[0].title is not None and replies[0].title.startswith("Your reflection"):
            break
    summary = replies[0]
    assert summary.title == f"Your reflection: {shown}"
    reminders = next(f.value for f in summary.fields if f.name == "Reminders scheduled")
    assert f"Thank-you reminder - {shown} (Data Analyst)" in reminders
    assert typed not in reminders or typed == shown
    (listed,) = await world.say("/debrief nudges")
    assert f"- {shown} (Data Analyst)" in listed.text
    assert world.interviews()[0].company == typed  # stored as typed
    (history,) = await world.say(f"/debrief history {typed}")  # and found as typed
    assert history.title == f"#1 {shown} (Data Analyst)"
    (saved,) = await world.say("/debrief stories save #1")  # nothing to save: says where
    assert saved.text.startswith(f"Your reflection on {shown} has no answer")
