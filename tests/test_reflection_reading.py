"""What the reflection reads in typed answers, and what the summary makes of it: the focus
chosen by impact and "what went well" stating only what the answers show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.model import Area, Interview, ThankYou
from bot.reflection.dialogue import area_scores
from bot.reflection.reading import asked, is_nothing, specifics
from bot.reflection.summary import IMPACT, choose_focus, focus_tip, own_question, went_well
from bot.reflection.timeline import next_steps, read_timeline

T0 = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)  # a Wednesday
WINDOW = timedelta(hours=24)
LATER = T0 + timedelta(days=2)  # the thank-you window has closed


def interview(answers: dict[str, Any], thank_you: ThankYou | None = None,
              id_: int = 1) -> Interview:
    return Interview(user_id=1, company="Acme", happens_at=T0, logged_at=T0, id=id_,
                     answers=answers, thank_you=thank_you)


# -- reading free text ---------------------------------------------------------------------


@pytest.mark.parametrize("text, specific, generic", [
    ("I told them how I cut deploy time by 80% with a Kafka pipeline", True, False),
    ("the story about migrating 40 services to Kubernetes", True, False),
    ("We launched the new onboarding flow", True, False),
    ("I'm a hard worker and a team player", False, True),
    ("passionate, detail oriented", False, True),
    ("my energy i guess", False, True),
    ("that I was nice", False, False),
    ("ten years of platform work", True, False),  # a number in words
    ("cut deploys from 2h to 10min", True, False),  # units people type
    ("two things", False, False),
    ("idk", False, False),
    # their own work put in front of them is concrete, without a number (was not specific,
    # so "What went well" left it out)
    ("I walked them through my dashboard", True, False),
    ("showed the panel my portfolio", True, False),
    ("demoed my side project", True, False),
    ("they walked me through their stack", False, False),  # theirs, not yours
])
def test_specifics_versus_stock_self_descriptions(text: str, specific: bool,
                                                  generic: bool) -> None:
    found = specifics(text)
    assert found.specific is specific
    assert found.only_generic is generic


@pytest.mark.parametrize("text", ["idk", "none", "nope", "no time", "didn't ask any",
                                  "didnt ask any", "I didn't ask anything", "ran out of time",
                                  "No questions", "n/a", "  ", "1,3", "2", "??",
                                  "didnt get to ask any tbh", "didn't ask any tbh", "none tbh",
                                  "no, ran out of time lol", "i didnt really",
                                  "nope not really", "no questions, sorry",
                                  "no questions from me", "no qs", "I forgot to ask any",
                                  "no questions - they covered it all", "no idea"])
def test_these_mean_no_questions_were_asked(text: str) -> None:
    assert is_nothing(text)
    assert asked(text).nothing


def test_a_question_typed_beside_a_denial_is_still_a_question() -> None:
    read = asked("didn't ask about pay, but asked how they measure success?")
    assert not read.nothing and read.own
    assert not is_nothing("no questions about the stack, just how they pick projects")


def test_generic_questions_are_named_and_own_ones_kept() -> None:
    read = asked("what are the next steps? how do you decide what to migrate first?")
    assert not read.nothing
    assert read.generic == ("what are the next steps",)
    assert read.own == ("how do you decide what to migrate first",)
    assert asked("What does a typical day look like").own == ()


def test_area_scores_read_the_free_text() -> None:
    assert area_scores({"remember": "cut latency by 40%"})[Area.STAND_OUT] == 2
    assert area_scores({"remember": "hard worker"})[Area.STAND_OUT] == 0
    assert area_scores({"questions_asked": "didn't ask any"})[Area.PREPARED] == 0
    assert area_scores({"questions_asked": "what are the next steps"})[Area.PREPARED] == 1
    assert area_scores({"questions_asked": "how do you pick projects?"})[Area.PREPARED] == 2


# -- focus chosen by impact ----------------------------------------------------------------


def test_follow_up_is_the_focus_while_the_window_is_open_and_the_note_unsent() -> None:
    answers = {"memorable": "generic", "thank_you": "planned", "researched": []}
    one = interview(answers, ThankYou.PLANNED)
    assert choose_focus(one, area_scores(answers), T0 + timedelta(hours=2), WINDOW) \
        is Area.FOLLOW_UP


def test_after_the_window_the_weakest_area_is_the_focus() -> None:
    answers = {"memorable": "memorable", "remember": "cut costs by 30%",
               "thank_you": "sent", "researched": ["company"], "questions_asked": "none",
               "fit": "5", "bring": "ten years of Postgres"}
    one = interview(answers, ThankYou.SENT)
    assert choose_focus(one, area_scores(answers), LATER, WINDOW) is Area.PREPARED


def test_ties_go_by_impact_not_by_list_order() -> None:
    # Stand out and right jobs both at 0: stand out has more impact.
    answers = {"memorable": "generic", "fit": "1", "thank_you": "sent"}
    scores = area_scores(answers)
    assert scores[Area.STAND_OUT] == scores[Area.RIGHT_JOBS] == 0
    assert choose_focus(interview(answers, ThankYou.SENT), scores, LATER, WINDOW) \
        is Area.STAND_OUT
    assert IMPACT.index(Area.STAND_OUT) < IMPACT.index(Area.RIGHT_JOBS)
    # Professional and prepared tie at 1: prepared first.
    answers = {"professional": "drifted", "researched": ["company"], "thank_you": "sent"}
    assert choose_focus(interview(answers, ThankYou.SENT), area_scores(answers), LATER,
                        WINDOW) is Area.PREPARED


def test_an_area_done_well_is_never_the_focus() -> None:
    answers = {"memorable": "memorable", "remember": "cut churn by 12%", "thank_you": "sent",
               "professional": "on_topic", "researched": ["company", "role", "industry"],
               "questions_asked": "how do you pick projects?", "fit": "5",
               "bring": "built the billing system at Stripe"}
    scores = area_scores(answers)
    assert all(score >= 1.5 for score in scores.values())
    assert choose_focus(interview(answers, ThankYou.SENT), scores, LATER, WINDOW) is None


def test_the_focus_tip_quotes_what_they_said() -> None:
    answers = {"remember": "I'm a hard worker", "thank_you": "sent"}
    tip = focus_tip(Area.STAND_OUT, interview(answers, ThankYou.SENT), LATER, WINDOW, "", 0)
    assert "\"hard worker\"" in tip
    answers = {"questions_asked": "what are the next steps", "reference": "their Kafka migration"}
    tip = focus_tip(Area.PREPARED, interview(answers), LATER, WINDOW, "", 0)
    assert "\"what are the next steps\"" in tip
    assert "your Kafka migration" in tip  # a question only they could ask, from their words


def test_the_same_person_never_gets_the_same_paragraph_twice_in_a_row() -> None:
    answers = {"memorable": "generic", "remember": "idk", "thank_you": "sent"}
    one = interview(answers, ThankYou.SENT)
    tips = [focus_tip(Area.STAND_OUT, one, LATER, WINDOW, "", n) for n in range(6)]
    assert all(a != b for a, b in pairwise(tips))


def test_the_follow_up_tip_names_the_deadline_and_the_reference() -> None:
    answers = {"thank_you": "planned", "reference": "we talked about their Kafka migration"}
    tip = focus_tip(Area.FOLLOW_UP, interview(answers, ThankYou.PLANNED),
                    T0 + timedelta(hours=1), WINDOW, "Thu 14:00", 0)
    assert "Thu 14:00" in tip and "your Kafka migration" in tip


# -- what went well: only what the answers show ---------------------------------------------


def test_skipped_and_idk_answers_are_never_praised() -> None:
    answers = {"memorable": None, "remember": "idk", "thank_you": "planned",
               "professional": None, "researched": [], "questions_asked": "didn't ask any",
               "fit": None, "bring": "hard worker"}
    assert went_well(interview(answers, ThankYou.PLANNED)) == []


def test_walking_them_through_your_own_work_is_quoted_as_what_went_well() -> None:
    lines = went_well(interview({"memorable": "some",
                                 "remember": "I walked them through my dashboard"}))
    assert lines == ['You gave them something specific to remember: "I walked them through '
                     'my dashboard".']


def test_a_question_only_you_could_ask_is_about_their_side_not_your_own_work() -> None:
    """"One only you could ask: "What's the hardest part of my campaign for the bakery right
    now?"" asked the interviewer about the candidate's own campaign."""
    assert own_question({"reference": "i mentioned my campaign for the bakery",
                         "interest": "their new loyalty app"}) == \
        "\"What's the hardest part of your new loyalty app right now?\""
    assert "my campaign" not in own_question({"reference": "my campaign for the bakery"})


@pytest.mark.parametrize(("typed", "line"), [
    # its question mark back (was "…: \"how will the new site change the team\".")
    ("how will the new site change the team??",
     'You asked a question of your own: "how will the new site change the team?".'),
    # told as a report, said as one (was "…: \"asked about their data stack\".")
    ("asked about their data stack",
     "You asked about their data stack - a question of your own."),
])
def test_a_question_of_your_own_is_quoted_as_a_question(typed: str, line: str) -> None:
    assert line in went_well(interview({"questions_asked": typed}))


def test_what_went_well_names_the_evidence() -> None:
    answers = {"remember": "cut deploy time by 80%", "professional": "on_topic",
               "researched": ["company", "role"], "thank_you": "sent",
               "questions_asked": "what are the next steps? how do you pick projects?"}
    lines = went_well(interview(answers, ThankYou.SENT))
    assert any("\"cut deploy time by 80%\"" in line for line in lines)
    assert "You researched the company and the role beforehand." in lines
    assert "Your thank-you note is already out." in lines
    assert any("\"how do you pick projects?\"" in line for line in lines)
    assert not any("next steps" in line for line in lines)  # generic: not praised


# -- the timeline, for the follow-ups ------------------------------------------------------


@pytest.mark.parametrize("typed, day", [
    ("by Friday", "2026-06-12"), ("they said in two weeks", "2026-06-24"),
    ("next week", "2026-06-19"), ("end of the week", "2026-06-12"),
    ("1-2 weeks", "2026-06-24"), ("in 5 business days", "2026-06-17"),
    # A range counts to its later end: no check-in before the time they gave.
    ("in a week or two", "2026-06-24"), ("one or two weeks", "2026-06-24"),
    ("within 2 to 3 days", "2026-06-13"), ("a week or so", "2026-06-17"),
    ("Dec 4", "2026-12-04"), ("they didn't say", None), ("soon", None),
    # A date said at the end of a sentence, as people type it.
    ("they said they would let me know by friday", "2026-06-12"),
    ("the recruiter will email me on Dec 4", "2026-12-04"),
    ("no idea, they went on and on", None),
    # A bare number names no date ("4" was read as 04:00 today: "you'd hear by today").
    ("4", None), ("2", None),
    # The date in one clause, who will be in touch in another.
    ("by friday, dana from recruiting will email me", "2026-06-12"),
    ("dana will email - in 2 weeks", "2026-06-24"),
])
def test_the_timeline_is_kept_as_typed_with_a_date_when_it_reads_as_one(
        typed: str, day: str | None) -> None:
    stored = read_timeline(typed, interview({}), ZoneInfo("Europe/London"))
    assert stored == {"text": typed, "date": day}
    steps = next_steps(interview({"timeline": typed, "timeline_date": day}))
    assert steps is not None and steps.text == typed
    assert (steps.on.isoformat() if steps.on else None) == day
