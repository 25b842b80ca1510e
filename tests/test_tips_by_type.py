"""Tips given to a person about their own interview fit its kind (recruiter screen,
technical, panel, final round); channel tips and untyped interviews keep the general ones."""

from __future__ import annotations

import pytest
from test_service import World

from bot.model import Area, InterviewType
from bot.tips.library import TIPS, TYPE_TIPS, tip_for_interview


def test_every_kind_of_interview_has_a_tip_for_every_area() -> None:
    for kind in (InterviewType.RECRUITER, InterviewType.TECHNICAL, InterviewType.PANEL,
                 InterviewType.FINAL):
        assert set(TYPE_TIPS[kind]) == set(Area)
    everything = [t for by_area in TYPE_TIPS.values() for t in by_area.values()]
    assert len(set(everything)) == len(everything)  # none said twice
    assert not set(everything) & {t for _, t in TIPS}  # channel tips are untouched


@pytest.mark.parametrize("typed, kind, words", [
    ("technical", InterviewType.TECHNICAL, "technical interview"),
    ("recruiter", InterviewType.RECRUITER, "recruiter screen"),
    ("panel", InterviewType.PANEL, "panel interview"),
    ("final", InterviewType.FINAL, "final round"),
])
async def test_a_tip_before_an_interview_fits_its_kind_and_says_so(
        typed: str, kind: InterviewType, words: str) -> None:
    world = World()
    await world.say(f'/debrief interview Acme when:"tomorrow 10am" type:{typed}')
    (first,) = await world.say("/debrief tip prepared")
    assert first.text == (f"Tip · Prepared\nFor your {words} at Acme: "
                          f"{TYPE_TIPS[kind][Area.PREPARED]}")
    (again,) = await world.say("/debrief tip prepared")  # the next one is a general tip
    assert "For your" not in again.text and again.text != first.text


async def test_the_type_chosen_in_the_reflection_picks_the_tip_after_it() -> None:
    world = World()
    await world.say("/debrief interview Globex")
    await world.say("phone screen")  # the reflection's first question: what kind
    reply, *_still_open = await world.say("/debrief tip follow up")
    assert TYPE_TIPS[InterviewType.RECRUITER][Area.FOLLOW_UP] in reply.text
    assert "your recruiter screen at Globex" in reply.text


async def test_without_a_kind_the_tip_is_a_general_one() -> None:
    world = World()
    await world.say('/debrief interview Acme when:"tomorrow 10am" type:other')
    (reply,) = await world.say("/debrief tip prepared")
    assert "For your" not in reply.text
    assert reply.text.split("\n", 1)[1] in [t for a, t in TIPS if a is Area.PREPARED]


async def test_after_a_rejection_the_lesson_fits_the_kind_of_interview() -> None:
    world = World()
    await world.say("/debrief interview Initech type:panel")
    for answer in ("1", "idk", "skip", "not yet", "skip", "1", "none", "none", "skip",
                   "skip"):
        await world.say(answer)
    reply, _source_question = await world.say("/debrief outcome Initech rejected")
    lesson = next(f for f in reply.fields if f.name.startswith("To carry to the next one:"))
    assert lesson.value in TYPE_TIPS[InterviewType.PANEL].values()


def test_asking_again_alternates_the_kinds_tip_with_the_general_ones() -> None:
    shown = [tip_for_interview(Area.STAND_OUT, InterviewType.TECHNICAL, n)[0]
             for n in range(4)]
    own = TYPE_TIPS[InterviewType.TECHNICAL][Area.STAND_OUT]
    assert shown[0] == shown[2] == own
    assert shown[1] != shown[3] and own not in (shown[1], shown[3])


async def test_a_follow_up_tip_is_for_the_interview_just_had_others_for_the_next() -> None:
    world = World()
    await world.say('/debrief interview Acme when:"tomorrow 10am" type:technical')
    await world.say("/debrief interview Globex type:recruiter")  # just ended
    follow_up, *_still_open = await world.say("/debrief tip follow up")
    assert "For your recruiter screen at Globex" in follow_up.text
    await world.say("/debrief tip follow up")  # a general one in between
    prepared, *_still_open = await world.say("/debrief tip prepared")
    assert "For your technical interview at Acme" in prepared.text


async def test_a_tip_claims_to_come_from_reflections_only_when_there_are_some() -> None:
    world = World()
    (first,) = await world.say("/debrief tip")
    assert first.text.startswith("Tip · ") and "reflections" not in first.text
    await world.reflect_fully()
    (later,) = await world.say("/debrief tip")
    assert "picked from where your reflections show the most room to grow" in later.text


@pytest.mark.parametrize("typed, heading", [
    ("folow up", "Tip · Follow up"), ("PREPARD", "Tip · Prepared"),
    ("stand-out", "Tip · Stand out"),
])
async def test_a_small_typo_in_the_area_still_gets_its_tip(typed: str, heading: str) -> None:
    (reply,) = await World().say(f"/debrief tip {typed}")
    assert reply.text.startswith(heading)


async def test_an_area_that_is_no_area_is_still_refused() -> None:
    (reply,) = await World().say("/debrief tip charm")
    assert "I don't have tips for \"charm\"" in reply.text
