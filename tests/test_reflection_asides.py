"""Said in passing during a reflection, typed at an open question: thanks, a hard day, or the
next question's answer one question early. Met in kind or kept for the question it answers,
never stored as the answer to the question it happened to be typed at."""

from __future__ import annotations

import pytest
from test_service import ANSWERS, INTERVIEW, World

from bot.model import NudgeKind, NudgeStatus
from bot.values import Reply


@pytest.fixture
def world() -> World:
    return World()


async def at_question(world: World, answered: int) -> None:
    """The reflection open at question ``answered + 1`` of the general set."""
    await world.say(INTERVIEW)
    for answer in ANSWERS[:answered]:
        await world.say(answer)


async def one(world: World, text: str) -> Reply:
    (reply,) = await world.say(text)
    return reply


async def test_thanks_typed_at_a_free_text_question_is_not_its_answer(world: World) -> None:
    """"thanks!" at "what will they remember?" was stored as what they'll remember."""
    await at_question(world, 1)
    reply = await one(world, "thanks!")
    assert reply.text.startswith("You're welcome!")
    assert reply.text.endswith("What is the one thing the interviewer will remember about you?"
                               "\nA story you told, a result you named, a question that made "
                               "them think.")
    assert "remember" not in world.interview().answers


async def test_a_hard_day_at_the_thank_you_question_records_nothing(world: World) -> None:
    """"i am so done with this" at the thank-you question was read as "Already sent" (its
    "done"), and the thank-you reminders were cancelled."""
    await at_question(world, 3)
    reply = await one(world, "i am so done with this")
    assert reply.text.startswith("That sounds like a hard stretch - I'm sorry.")
    assert "`cancel` pauses and keeps your answers" in reply.text
    assert "Your thank-you note: where are you with it?" in reply.text
    assert [c.label for c in reply.choices] == [
        "Already sent", "Planning to send it", "Not going to send one"]
    assert "thank_you" not in world.interview().answers
    assert len(world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING)) == 2
    question = await one(world, "sent it")  # then answered as before
    assert "What did you discuss" in question.text


@pytest.mark.parametrize("answered, typed", [
    (9, "I never give up on a hard bug - 3 outages fixed in a week"),  # what they bring
    (1, "how frustrated they were with their flaky CI"),  # what they'll remember
])
async def test_feelings_inside_a_free_text_answer_are_still_the_answer(
        world: World, answered: int, typed: str) -> None:
    await at_question(world, answered)
    question = await one(world, typed)
    assert "hard stretch" not in question.text
    assert typed in world.interview().answers.values()


async def test_how_the_talk_went_after_small_talk_is_asked_about_not_noted(
        world: World) -> None:
    """"we chatted about dogs for a bit then all business", typed at "what did you discuss
    that your note should mention?", gave "Our conversation about all business has stayed
    with me since." in the note."""
    await at_question(world, 4)
    asked = await one(world, "we chatted about dogs for a bit then all business")
    assert asked.answer_key is not None and asked.answer_key.question == "reference"
    assert "reference" not in world.interview().answers
    await world.say("their migration to Kubernetes")  # the topic, when asked once more
    replies: list[Reply] = []
    for answer in ANSWERS[5:]:
        replies = await world.say(answer)
    note = replies[0].copy_text or ""
    assert "Our conversation about your migration to Kubernetes" in note
    assert "business" not in note


async def test_the_small_talk_answer_typed_one_question_early_is_kept_for_it(
        world: World) -> None:
    """"it stayed professional" at "what did you discuss?" was the note's topic ("Our
    conversation about it stayed professional has stayed with me since.")."""
    await at_question(world, 4)
    again = await one(world, "it stayed professional")
    assert again.text.startswith('Thanks - I\'ve noted "Friendly and on topic" for the next '
                                 "question, so I won't ask it.")
    assert again.answer_key is not None and again.answer_key.question == "reference"
    assert world.interview().answers["professional"] == "on_topic"
    assert "reference" not in world.interview().answers
    after = await one(world, "their migration to Kubernetes")
    assert "What did you research beforehand?" in after.text  # not asked about the talk again


async def test_the_thank_you_status_typed_one_question_early_is_kept_for_it(
        world: World) -> None:
    """"already sent it this morning" at "what did the interviewer seem most interested
    in?" was stored as their interest (and quoted back in prep), and the thank-you question
    asked it again."""
    await at_question(world, 2)
    again = await one(world, "already sent it this morning")
    assert again.text.startswith('Thanks - I\'ve noted "Already sent" for the next question')
    assert "What did the interviewer seem most interested in?" in again.text
    interview = world.interview()
    assert "interest" not in interview.answers and interview.answers["thank_you"] == "sent"
    assert world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING) == []  # as the button does
    after = await one(world, "our on-call rotation")
    assert "What did you discuss that your thank-you note should mention?" in after.text


async def test_a_topic_beside_the_thank_you_status_is_the_answer_it_was_typed_at(
        world: World) -> None:
    await at_question(world, 2)
    after = await one(world, "their on-call rotation, sent my note already")
    assert "Your thank-you note: where are you with it?" in after.text
    assert world.interview().answers["interest"] == "their on-call rotation, sent my note already"
