"""Answers keyed to their question, in the core: a click counts only while its question is
the open one; a typed message that crossed an earlier answer is not applied to the next."""

from __future__ import annotations

from datetime import timedelta

from test_service import ANN, INTERVIEW, World, said

from bot.values import AnswerKey, Incoming


async def click(world: World, key: AnswerKey | None, value: str) -> str:
    replies = await world.bot.handle(Incoming(ANN, text=value, answer_key=key))
    return said(replies)


async def test_every_question_names_itself_and_the_version_it_was_asked_at() -> None:
    world = World()
    (question,) = await world.say(INTERVIEW)
    interview = world.interview()
    assert question.answer_key == AnswerKey(interview.id or 0, "memorable", 0)
    (second,) = await world.say("2")
    assert second.answer_key == AnswerKey(interview.id or 0, "remember", 1)


async def test_a_second_click_on_an_answered_question_changes_nothing() -> None:
    world = World()
    (question,) = await world.say(INTERVIEW)
    assert "question 2 of" in await click(world, question.answer_key, "memorable")
    before = world.snapshot()
    assert "already answered - type `back` to change it" in await click(
        world, question.answer_key, "some")
    assert world.snapshot() == before
    assert world.interview().answers == {"memorable": "memorable"}


async def test_after_back_the_old_buttons_of_that_question_are_spent() -> None:
    world = World()
    (question,) = await world.say(INTERVIEW)
    await click(world, question.answer_key, "memorable")
    (again,) = await world.say("back")
    assert again.answer_key is not None and again.answer_key.version == 2
    assert "already answered" in await click(world, question.answer_key, "generic")
    assert "question 2 of" in await click(world, again.answer_key, "generic")
    assert world.interview().answers == {"memorable": "generic"}


async def test_a_click_on_a_paused_reflection_changes_nothing() -> None:
    world = World()
    (question,) = await world.say(INTERVIEW)
    await world.say("cancel")
    before = world.snapshot()
    assert "isn't open right now" in await click(world, question.answer_key, "memorable")
    assert world.snapshot() == before


async def test_a_typed_message_that_crossed_a_click_is_not_used_for_the_next_question() -> None:
    world = World()
    (question,) = await world.say(INTERVIEW)
    typed_at = world.clock.now()  # the person typed "3" here, while the click was on its way
    world.clock.advance(timedelta(milliseconds=200))
    await click(world, question.answer_key, "memorable")
    replies = await world.bot.handle(Incoming(ANN, text="3", received_at=typed_at))
    assert "crossed with your previous answer" in said(replies)
    assert replies[-1].answer_key is not None
    assert replies[-1].answer_key.question == "remember"  # asked again, unanswered
    assert world.interview().answers == {"memorable": "memorable"}
    world.clock.advance(timedelta(seconds=5))
    await world.bot.handle(Incoming(ANN, text="the outage story",
                                    received_at=world.clock.now()))
    assert world.interview().answers["remember"] == "the outage story"
