"""The summary's "One thing to focus on" fits the kind of interview (recruiter screen,
technical, panel, final round), still quotes what the person typed, never contradicts it,
and never repeats itself for two interviews in a row."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

import pytest

from bot.model import Area, Interview, InterviewType, ThankYou
from bot.reflection.dialogue import area_scores
from bot.reflection.questions import BY_TYPE
from bot.reflection.summary import focus_tip

T0 = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
WINDOW = timedelta(hours=24)
OPEN = T0 + timedelta(hours=1)  # the thank-you window is open
LATER = T0 + timedelta(days=2)  # it has closed

# What each kind's tips must mention: something of that kind, not of interviews in general.
KIND_WORDS: dict[InterviewType, tuple[str, ...]] = {
    InterviewType.RECRUITER: ("screen", "recruiter"),
    InterviewType.TECHNICAL: ("technical",),
    InterviewType.PANEL: ("panel",),
    InterviewType.FINAL: ("final round", "final stage"),
}
KINDS = tuple(KIND_WORDS)

# Weak answers to every question (what a hard day looks like), each area's own words.
WEAK: dict[str, Any] = {
    "memorable": "generic", "remember": "I'm a hard worker and a team player",
    "thank_you": "planned", "reference": "we talked about their Kafka migration",
    "professional": "drifted", "researched": ["company"],
    "questions_asked": "what are the next steps", "fit": "2", "bring": "passionate",
}


def interview(kind: InterviewType, answers: dict[str, Any] | None = None,
              thank_you: ThankYou | None = ThankYou.PLANNED,
              interviewer: str | None = None) -> Interview:
    asked = {q.key for q in BY_TYPE[kind]}
    given = {k: v for k, v in (WEAK if answers is None else answers).items() if k in asked}
    return Interview(user_id=1, company="Acme", happens_at=T0, logged_at=T0, id=7,
                     answers={"type": kind.value, **given}, thank_you=thank_you,
                     interview_type=kind, interviewer=interviewer)


def focus_areas(kind: InterviewType) -> list[Area]:
    """The areas this kind's questions can make the focus (those they score)."""
    return sorted(area_scores(interview(kind).answers), key=list(Area).index)


@pytest.mark.parametrize("kind", KINDS)
def test_every_focus_tip_names_something_of_its_kind(kind: InterviewType) -> None:
    for area in focus_areas(kind):
        for now in ((OPEN, LATER) if area is Area.FOLLOW_UP else (LATER,)):
            for variant in range(3):
                tip = focus_tip(area, interview(kind), now, WINDOW, "Thu 14:00", variant)
                assert any(w in tip.lower() for w in KIND_WORDS[kind]), (area, tip)
                assert "{" not in tip and "}" not in tip
                general = focus_tip(area, interview(InterviewType.OTHER, {
                    **interview(kind).answers, "type": "other"}), now, WINDOW, "Thu 14:00",
                    variant)
                assert tip != general


def test_come_prepared_means_different_things_after_a_screen_and_a_technical_round() -> None:
    screen = focus_tip(Area.PREPARED, interview(InterviewType.RECRUITER), LATER, WINDOW, "",
                       0)
    technical = focus_tip(Area.PREPARED, interview(InterviewType.TECHNICAL), LATER, WINDOW,
                          "", 0)
    assert "pay range" in screen and "when you could start" in screen
    assert "live coding" in technical and "format" in technical
    for tip in (screen, technical):  # still about what they asked, with an example of theirs
        assert tip.startswith('"what are the next steps" is a question every candidate asks.')
        assert "your Kafka migration" in tip


@pytest.mark.parametrize("kind", KINDS)
def test_the_tip_still_quotes_what_they_typed(kind: InterviewType) -> None:
    tip = focus_tip(Area.STAND_OUT, interview(kind), LATER, WINDOW, "", 1)
    assert tip.startswith('"hard worker" is what most candidates say about themselves.')
    tip = focus_tip(Area.FOLLOW_UP, interview(kind), OPEN, WINDOW, "Thu 14:00", 0)
    assert "Thu 14:00" in tip and 'mention "your Kafka migration"' in tip


@pytest.mark.parametrize("kind", KINDS)
def test_the_tip_never_contradicts_their_answers(kind: InterviewType) -> None:
    none_asked = {**WEAK, "questions_asked": "idk"}
    tip = focus_tip(Area.PREPARED, interview(kind, none_asked), LATER, WINDOW, "", 0)
    assert tip.startswith("You didn't get to ask questions of your own this time.")
    assert "next steps" not in tip
    for variant in range(3):  # planned, not sent: never told it is out or to send it again
        tip = focus_tip(Area.FOLLOW_UP, interview(kind), OPEN, WINDOW, "Thu 14:00", variant)
        assert not re.search(r"already (?:sent|out)|is out\b|again", tip)
    refused = focus_tip(Area.FOLLOW_UP, interview(kind, thank_you=ThankYou.NO), OPEN, WINDOW,
                        "Thu 14:00", 0)
    assert refused.startswith("You decided not to send a note")


@pytest.mark.parametrize("kind", KINDS)
def test_two_interviews_in_a_row_never_get_the_same_paragraph(kind: InterviewType) -> None:
    for area in focus_areas(kind):
        tips = [focus_tip(area, interview(kind), LATER, WINDOW, "", n) for n in range(6)]
        assert all(a != b for a, b in pairwise(tips)), area


def test_the_recruiter_screen_note_goes_to_the_recruiter_by_name() -> None:
    named = focus_tip(Area.FOLLOW_UP, interview(InterviewType.RECRUITER,
                                                interviewer="Dana Smith"),
                      OPEN, WINDOW, "Thu 14:00", 0)
    assert named.startswith("Send Dana a short note before Thu 14:00")
    unnamed = focus_tip(Area.FOLLOW_UP, interview(InterviewType.RECRUITER), OPEN, WINDOW,
                        "Thu 14:00", 0)
    assert unnamed.startswith("Send the recruiter a short note before Thu 14:00")


def test_after_a_panel_each_person_gets_their_own_note_by_name() -> None:
    tip = focus_tip(Area.FOLLOW_UP, interview(InterviewType.PANEL,
                                              interviewer="Dana Smith, Lee Park and Sam"),
                    OPEN, WINDOW, "Thu 14:00", 0)
    assert "send Dana, Lee and Sam a short note of their own" in tip
    assert tip.endswith("Your drafts are ready, one each.")
    nobody = focus_tip(Area.FOLLOW_UP, interview(InterviewType.PANEL), OPEN, WINDOW,
                       "Thu 14:00", 0)
    assert "send each person on the panel a short note of their own" in nobody
    assert nobody.endswith("Your draft is below.")


def test_without_a_kind_the_general_tip_is_kept() -> None:
    answers = {"remember": "I'm a hard worker", "thank_you": "sent"}
    untyped = Interview(user_id=1, company="Acme", happens_at=T0, logged_at=T0, id=7,
                        answers=answers, thank_you=ThankYou.SENT)
    tip = focus_tip(Area.STAND_OUT, untyped, LATER, WINDOW, "", 0)
    assert tip == ('"hard worker" is what most candidates say about themselves. This week, '
                   "write down one short story - the problem, what you did, the result in "
                   "numbers - and save it with `/debrief stories add <title> | <story>`; prep "
                   "puts it in front of you before your next interview.")
