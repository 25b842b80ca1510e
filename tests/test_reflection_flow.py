"""The reflection's shape as a person meets it: the interview type, the questions it
chooses, the thank-you "no" asked about once, the reference asked about once, the copy."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from test_service import ANSWERS, INTERVIEW, World, said

from bot.model import InterviewType, NudgeKind, NudgeStatus


@pytest.fixture
def world() -> World:
    return World()


def keys(world: World) -> list[str]:
    return list(world.interview().answers)


async def test_without_a_type_the_first_question_asks_it_and_the_set_follows() -> None:
    world = World()
    (first,) = await world.say("/debrief interview Acme")
    assert "What kind of interview was it?" in first.text
    (second,) = await world.say("phone screen")
    assert world.interview().interview_type is InterviewType.RECRUITER
    assert "question 2 of 9" in second.text  # the type, then a recruiter screen's eight
    answers = ["2", "a story", "skip", "not yet", "their roadmap", "yes", "none", "skip"]
    replies = []
    for answer in answers:
        replies = await world.say(answer)
    assert replies[-1].title == "Your reflection: Acme"
    assert "fit" not in world.interview().answers  # a recruiter screen skips the fit depth


def _progress(text: str) -> tuple[int, int | None]:
    found = re.search(r"· question (\d+)(?: of (\d+))?\n", text)
    assert found, text
    return int(found.group(1)), int(found.group(2)) if found.group(2) else None


@pytest.mark.parametrize("typed, total", [
    ("phone screen", 9), ("Technical", 11), ("panel", 11), ("onsite", 12), ("skip", 12),
])
async def test_the_progress_count_never_shows_a_total_it_takes_back(typed: str,
                                                                    total: int) -> None:
    """The type question chooses the set, so it shows no total; from question 2 the total
    is known and the count only goes up, ending at it."""
    world = World()
    (first,) = await world.say("/debrief interview acme")
    assert _progress(first.text) == (1, None)
    seen = [_progress((await world.say(typed))[-1].text)]
    while True:
        replies = await world.say("skip")
        if replies[-1].title == "Your reflection: Acme":  # typed "acme", shown as written
            break
        seen.append(_progress(replies[-1].text))
    assert seen == [(n, total) for n in range(2, total + 1)]


@pytest.mark.parametrize("typed, kind, asks, skips", [
    ("technical", InterviewType.TECHNICAL, "hardest", "professional"),
    ("panel", InterviewType.PANEL, "interviewers", "bring"),
    ("final", InterviewType.FINAL, "hardest", "researched"),
    ("recruiter", InterviewType.RECRUITER, "interest", "fit"),
])
async def test_a_type_given_on_the_command_chooses_the_questions(
        world: World, typed: str, kind: InterviewType, asks: str, skips: str) -> None:
    (first,) = await world.say(f"/debrief interview Acme type:{typed}")
    assert "How memorable" in first.text
    assert world.interview().interview_type is kind
    seen: list[str] = []
    replies = [first]
    while replies[-1].answer_key is not None:
        seen.append(replies[-1].answer_key.question)
        replies = await world.say("skip")
    assert asks in seen and skips not in seen
    assert len(seen) <= 11


async def test_an_unknown_type_is_refused_and_nothing_is_logged(world: World) -> None:
    (reply,) = await world.say("/debrief interview Acme type:coffee chat")
    assert "I don't know the interview type" in reply.text and "`technical`" in reply.text
    assert world.is_empty() or not world.interviews()


async def test_back_over_the_type_question_asks_it_again(world: World) -> None:
    await world.say("/debrief interview Acme")
    await world.say("technical")
    (reply,) = await world.say("back")
    assert "What kind of interview" in reply.text
    assert world.interview().interview_type is None


async def test_no_to_the_thank_you_asks_once_before_the_reminders_stop(world: World) -> None:
    await world.say(INTERVIEW)
    for answer in ANSWERS[:3]:
        await world.say(answer)
    (ask,) = await world.say("no")
    assert "Just to check" in ask.text and "24 hours" in ask.text
    assert [c.label for c in ask.choices] == ["I'll send one", "Yes, I'm sure"]
    assert len(world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING)) == 2  # not yet
    assert "thank_you" not in world.interview().answers
    (next_question,) = await world.say("sure")
    assert "What did you discuss" in next_question.text
    assert world.interview().answers["thank_you"] == "no"
    assert world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING) == []


@pytest.mark.parametrize(("typed", "stored"), [
    ("are you sure? yes", "no"),  # it used to be read as "Already sent" (its "yes")
    ("ok yes, no note", "no"),
    ("yes i will send one", "planned"),
    ("not sure", None),  # asked again, nothing stored
])
async def test_the_check_reads_a_typed_sentence_by_what_it_confirms(
        world: World, typed: str, stored: str | None) -> None:
    await world.say(INTERVIEW)
    for answer in [*ANSWERS[:3], "no"]:
        await world.say(answer)
    await world.say(typed)
    assert world.interview().answers.get("thank_you") == stored


async def test_changing_your_mind_at_the_check_keeps_the_reminders(world: World) -> None:
    await world.say(INTERVIEW)
    for answer in [*ANSWERS[:3], "not going to send one", "I'll send one"]:
        await world.say(answer)
    assert world.interview().answers["thank_you"] == "planned"
    assert len(world.nudges(NudgeKind.THANK_YOU, NudgeStatus.PENDING)) == 2


@pytest.mark.parametrize("first, why", [("idk", "one thing you really talked about"),
                                        ("none", "one thing you really talked about"),
                                        ("the salary range", "Pay and benefits"),
                                        ("the toxic culture at my old job", "stays positive")])
async def test_a_reference_that_cannot_go_in_a_note_is_asked_about_once(
        world: World, first: str, why: str) -> None:
    await world.say(INTERVIEW)
    for answer in ANSWERS[:4]:
        await world.say(answer)
    (again,) = await world.say(first)
    assert why in again.text and "`skip`" in again.text
    assert "reference" not in world.interview().answers
    (onward,) = await world.say("their migration to Kubernetes")
    assert "professional" in onward.text
    assert world.interview().answers["reference"] == "their migration to Kubernetes"


async def test_a_second_non_answer_is_kept_and_the_reflection_moves_on(world: World) -> None:
    await world.say(INTERVIEW)
    for answer in [*ANSWERS[:4], "idk", "nothing really"]:
        await world.say(answer)
    assert world.interview().answers["reference"] == "nothing really"


async def test_summaries_do_not_all_open_alike_and_fresh_is_said_only_within_a_day() -> None:
    openers = set()
    for n in range(3):
        world = World()
        for earlier in range(n):  # earlier interviews give the next one another id
            await world.say(f"/debrief interview Other{earlier} type:other")
            await world.say("cancel")
        await world.say(INTERVIEW)
        replies = []
        for answer in ANSWERS:
            replies = await world.say(answer)
        openers.add(replies[-1].text.split(".")[0])
    assert len(openers) == 3
    world = World()
    (fresh,) = await world.say(INTERVIEW)
    assert "while it's fresh" in fresh.text
    world.clock.advance(timedelta(days=3))
    await world.say("cancel")
    replies = await world.say('/debrief interview Globex when:"2 days ago" type:other')
    assert "Globex" in said(replies) and "while it's fresh" not in said(replies)


async def test_the_scale_reads_natural_ratings_end_to_end(world: World) -> None:
    await world.say(INTERVIEW)
    for answer in ANSWERS[:8]:
        await world.say(answer)
    (rating,) = await world.say("meh")  # the fit question was open
    assert "question 10 of 11" in rating.text
    assert world.interview().answers["fit"] == "3"
    (question,) = await world.say("back")
    assert "scale" in question.tags
    assert [c.label for c in question.choices][:2] == ["1 · Poor fit", "2 · Weak fit"]


async def test_the_timeline_is_stored_as_typed_with_the_date_it_names(world: World) -> None:
    await world.say(INTERVIEW)
    for answer in [*ANSWERS[:-1], "by Friday"]:
        await world.say(answer)
    stored = world.interview().answers
    assert (stored["timeline"], stored["timeline_date"]) == ("by Friday", "2026-06-12")
    await world.say("/debrief reflect redo")
    for answer in [*ANSWERS[:-1], "they didn't say"]:
        await world.say(answer)
    stored = world.interview().answers
    assert (stored["timeline"], stored["timeline_date"]) == ("they didn't say", None)
