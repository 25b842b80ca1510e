"""Commands typed in the middle of a reflection do what they say and are never stored as
answers; the help and the copy fit the surface the person is on (issue 13)."""

from __future__ import annotations

import pytest
from test_service import ANSWERS, INTERVIEW, World, said

from bot.model import ReflectionState
from bot.shortcuts import near_subcommand, read_shortcut
from bot.values import Surface

CONSOLE = Surface(buttons=False, channels=False)


@pytest.fixture
def world() -> World:
    return World()


async def in_reflection(world: World, answered: int = 2) -> None:
    await world.say(INTERVIEW)
    for answer in ANSWERS[:answered]:
        await world.say(answer)


@pytest.mark.parametrize("typed", ["help", "Help", "help!", "?", "HELP ME"])
async def test_help_inside_a_reflection_shows_the_help_and_stores_nothing(
        world: World, typed: str) -> None:
    await in_reflection(world)
    before = dict(world.interview().answers)
    replies = await world.say(typed)
    assert "Here's what I can do" in replies[0].text
    assert "Your reflection is still open" in replies[-1].text
    assert world.interview().answers == before
    assert world.interview().reflection_state is ReflectionState.OPEN
    # and the reflection carries on where it was
    replies = await world.say(ANSWERS[2])
    assert "question 4 of 11" in said(replies)


@pytest.mark.parametrize("typed", ["quit", "exit", "Exit.", "stop", "pause"])
async def test_quit_inside_a_reflection_pauses_it_and_says_how_to_resume(
        world: World, typed: str) -> None:
    await in_reflection(world)
    before = dict(world.interview().answers)
    (reply,) = await world.say(typed)
    assert "paused this reflection and kept your answers" in reply.text
    assert "`/debrief reflect` picks it up" in reply.text
    assert world.interview().reflection_state is ReflectionState.CANCELLED
    assert world.interview().answers == before
    replies = await world.say("/debrief reflect")
    assert "question 3 of 11" in said(replies)


async def test_quit_with_no_reflection_open_says_there_is_nothing_to_pause(
        world: World) -> None:
    (reply,) = await world.say("quit")
    assert "nothing to pause" in reply.text
    (reply,) = await world.say("stop")  # maybe the reminders: said how
    assert "`/debrief nudges cancel all` stops them" in reply.text


@pytest.mark.parametrize(("typed", "expected"), [
    ("/debreif help", "Here's what I can do"),
    ("/Debrief help", "Here's what I can do"),
    ("/debief history", "Your interviews\n#1 Acme"),
    ("debrief history", "Your interviews\n#1 Acme"),
    ("/history", "Your interviews\n#1 Acme"),
    ("/debrief hlep", "Here's what I can do"),
    ("/debrief histroy", "Your interviews\n#1 Acme"),
])
async def test_near_miss_commands_in_a_reflection_run_and_are_not_answers(
        world: World, typed: str, expected: str) -> None:
    await in_reflection(world, answered=4)  # at the free-text reference-point question
    before = dict(world.interview().answers)
    replies = await world.say(typed)
    assert expected in said(replies)
    assert world.interview().answers == before


async def test_a_guessed_subcommand_says_what_it_was_read_as(world: World) -> None:
    replies = await world.say("/debrief hlep")
    assert replies[0].text == "(I read `hlep` as `/debrief help`.)"


async def test_a_mistyped_forget_is_never_guessed(world: World) -> None:
    await world.say(INTERVIEW)
    (reply,) = await world.say("/debrief forgt confirm")
    assert reply.text == "I don't know the command `forgt` - did you mean `/debrief forget`?"
    assert world.interviews()  # nothing deleted


@pytest.mark.parametrize("answer", ["debriefing went well, we talked about Kafka",
                                    "debrief was fine", "helpful people, their Kafka move"])
async def test_answers_that_merely_look_like_commands_are_still_answers(
        world: World, answer: str) -> None:
    await in_reflection(world, answered=4)  # at the reference-point question
    await world.say(answer)
    answers = world.interview().answers
    # Taken as an answer: stored, or (not usable in a note) asked about once more.
    assert answers.get("reference") is not None or \
        answers.get("_pending", {}).get("question") == "reference"


@pytest.mark.parametrize(("text", "kind"), [
    ("help", "help"), ("quit", "pause"), ("/debreif help", "command"),
    ("debrief tip", "command"), ("Acme's data team", None), ("/shrug it went ok", None),
    ("debrief", None), ("stop by the office", None),
])
def test_what_counts_as_a_typed_command(text: str, kind: str | None) -> None:
    shortcut = read_shortcut(text)
    assert (shortcut.kind if shortcut else None) == kind


@pytest.mark.parametrize(("word", "meant"), [
    ("hlep", "help"), ("interveiw", "interview"), ("histroy", "history"),
    ("nudge", "nudges"), ("banana", None), ("x", None),
])
def test_near_subcommands(word: str, meant: str | None) -> None:
    assert near_subcommand(word) == meant


# -- the surface the person is on ----------------------------------------------------------


async def test_console_help_lists_only_what_works_there(world: World) -> None:
    (console_help,) = await world.say("/debrief help", surface=CONSOLE)
    assert "/debrief tips" not in console_help.text
    assert "/debrief community" not in console_help.text
    assert "/debrief stats" in console_help.text
    (chat_help,) = await world.say("/debrief help")
    assert "/debrief tips" in chat_help.text and "/debrief community" in chat_help.text


@pytest.mark.parametrize("command", ["/debrief tips subscribe daily 09:00",
                                     "/debrief community"])
async def test_community_commands_in_the_console_say_where_they_work(
        world: World, command: str) -> None:
    (reply,) = await world.say(command, surface=CONSOLE)
    assert "works in a community with channels" in reply.text


async def test_forget_mentions_a_button_only_where_there_is_one(world: World) -> None:
    await world.say(INTERVIEW)
    (console,) = await world.say("/debrief forget", surface=CONSOLE)
    assert "press the button" not in console.text
    assert "type `/debrief forget confirm`." in console.text
    (chat,) = await world.say("/debrief forget")
    assert "or press the button" in chat.text
    assert world.interviews()  # asking deletes nothing


# -- asking for one's figures in everyday words ---------------------------------------------


@pytest.mark.parametrize("typed", ["my stats", "how am i doing", "stats pls", "How am I doing?",
                                   "stats", "show me my stats please",
                                   "how's my search going?"])
async def test_asking_for_stats_in_the_dm_shows_them(world: World, typed: str) -> None:
    """It was "There's no reflection open right now. Log an interview with …"."""
    await world.reflect_fully()
    replies = await world.say(typed)
    assert replies[0].title == "Your interview patterns"
    assert "no reflection open" not in said(replies)


async def test_asking_for_stats_inside_a_reflection_is_not_an_answer(world: World) -> None:
    await in_reflection(world, answered=4)  # at the free-text reference-point question
    before = dict(world.interview().answers)
    replies = await world.say("how am i doing?")
    assert replies[0].title == "Your interview patterns"
    assert world.interview().answers == before
    # and it says the question is still waiting, as help does
    assert "Your reflection is still open" in replies[-1].text


@pytest.mark.parametrize("typed", ["/debrief statistics", "/debrief patterns",
                                   "/debrief progress", "/debrief my numbers",
                                   "/debrief how's it going", "/debrief how am i doin",
                                   "/debrief how is my job search going",
                                   "/debrief overview", "/debrief report"])
async def test_other_words_for_stats_after_the_prefix_run_it(world: World, typed: str) -> None:
    await world.reflect_fully()
    replies = await world.say(typed)
    assert "Your interview patterns" in [r.title for r in replies]
    assert "I don't know the command" not in said(replies)


@pytest.mark.parametrize("typed", ["tip", "any tips?", "tip pls", "give me a tip"])
async def test_asking_for_a_tip_in_the_dm_gives_one(world: World, typed: str) -> None:
    """It was "There's no reflection open right now. Log an interview with …"."""
    await world.reflect_fully()
    (reply,) = await world.say(typed)
    assert reply.text.startswith("Tip · ")


async def test_a_tip_asked_for_politely_is_a_tip_not_an_area_called_pls(world: World) -> None:
    """"/debrief tip pls" answered "I don't have tips for "pls"."."""
    (reply,) = await world.say("/debrief tip pls")
    assert reply.text.startswith("Tip · ")
    (area,) = await world.say("/debrief tip follow up please")
    assert area.text.startswith("Tip · Follow up\n")


async def test_help_says_what_stats_and_tip_give_a_person(world: World) -> None:
    """Help described stats as "ratings, thank-yous, callbacks": figures, not the step
    they lead to."""
    (reply,) = await world.say("/debrief help", surface=CONSOLE)
    assert "`/debrief stats` - Your next step, from what came before your callbacks" \
        in reply.text
    assert "`/debrief tip [area]` - One interview tip; without an area, picked from your " \
           "record" in reply.text


async def test_a_tip_asked_for_inside_a_reflection_says_the_question_waits(
        world: World) -> None:
    await in_reflection(world, answered=4)
    before = dict(world.interview().answers)
    replies = await world.say("any tips?")
    assert replies[0].text.startswith("Tip · ")
    assert "Your reflection is still open" in replies[-1].text
    assert world.interview().answers == before


@pytest.mark.parametrize("typed", ["delete my data", "forget me", "Delete my account please"])
async def test_asking_to_be_forgotten_in_words_asks_first_and_deletes_nothing(
        world: World, typed: str) -> None:
    """It got "There's no reflection open right now": privacy asked for, not heard."""
    await world.say(INTERVIEW)
    await world.say("cancel")
    (reply,) = await world.say(typed)
    assert reply.text.startswith("This deletes everything Debrief knows about you")
    assert "`/debrief forget confirm`" in reply.text
    assert len(world.interviews()) == 1  # nothing deleted on a sentence


async def test_what_do_you_know_about_me_shows_the_export(world: World) -> None:
    await world.say(INTERVIEW)
    await world.say("cancel")
    (reply,) = await world.say("what do you know about me?")
    assert reply.text.startswith("Here is everything Debrief stores about you")


@pytest.mark.parametrize("typed", ["stop reminding me", "no more reminders please", "mute",
                                   "unsubscribe"])
async def test_asking_for_fewer_messages_shows_the_reminders_and_how_to_stop_them(
        world: World, typed: str) -> None:
    """It got "There's no reflection open right now"; nothing is cancelled on a sentence."""
    await world.say(INTERVIEW)
    await world.say("cancel")
    (reply,) = await world.say(typed)
    assert reply.title == "Your reminders" and "`cancel all`" in reply.text
    assert all(n.status.value == "pending" for n in world.nudges())
