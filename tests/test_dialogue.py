"""The reflection as a pure state machine: answers in, next question out, nothing mutated."""

from __future__ import annotations

from typing import Any

import pytest

from bot.model import Area
from bot.reflection.dialogue import (
    Answered,
    Back,
    Cancel,
    Invalid,
    Skipped,
    apply_turn,
    area_scores,
    next_question,
    question_number,
)
from bot.reflection.questions import QUESTIONS, Question

LIMIT = 1000
KEYS = [q.key for q in QUESTIONS]


def answers_up_to(key: str, questions: tuple[Question, ...] = QUESTIONS) -> dict[str, Any]:
    """Answers for every question before ``key`` (so ``key`` is the one being asked)."""
    filled: dict[str, Any] = {}
    for question in questions:
        if question.key == key:
            return filled
        filled[question.key] = None
    raise KeyError(key)


def asked(answers: dict[str, Any]) -> str | None:
    """The key of the question that would be asked next."""
    question = next_question(answers)
    return question.key if question else None


def turn(answers: dict[str, Any], text: str) -> Any:
    return apply_turn(answers, text, max_length=LIMIT)


def test_the_reflection_covers_all_five_areas_in_order() -> None:
    areas = [q.area for q in QUESTIONS if q.area is not None]
    assert list(dict.fromkeys(areas)) == list(Area)


def test_the_first_question_is_asked_first() -> None:
    first = next_question({})
    assert first is QUESTIONS[0]
    assert question_number(first) == 1


@pytest.mark.parametrize("typed, expected", [
    ("1", "generic"),
    ("3", "memorable"),
    ("They'll remember me", "memorable"),
    ("THEY'LL REMEMBER ME", "memorable"),
    ("a few moments stood out", "some"),
    ("  2  ", "some"),
    ("memorable", "memorable"),
])
def test_a_choice_is_answered_by_number_or_label_case_insensitively(typed: str,
                                                                    expected: str) -> None:
    result = turn({}, typed)
    assert isinstance(result, Answered)
    assert result.answers == {"memorable": expected}


@pytest.mark.parametrize("typed, expected", [
    ("1", "sent"), ("already sent", "sent"), ("Planning to send it", "planned"),
    ("sent it", "sent"), ("not yet", "planned"),
])
def test_the_thank_you_question_reads_numbers_and_labels(typed: str, expected: str) -> None:
    result = turn(answers_up_to("thank_you"), typed)
    assert isinstance(result, Answered)
    assert result.answers["thank_you"] == expected


@pytest.mark.parametrize("typed, expected", [("4", "4"), ("5 - Great fit", "5"),
                                             ("1 - poor fit", "1"), ("partly", "3")])
def test_the_fit_rating_reads_the_digit_as_the_rating(typed: str, expected: str) -> None:
    result = turn(answers_up_to("fit"), typed)
    assert isinstance(result, Answered)
    assert result.answers["fit"] == expected


@pytest.mark.parametrize("typed, expected", [
    ("1,3", ["company", "role"]),
    ("3, 1", ["company", "role"]),
    ("1;2;4", ["company", "industry", "interviewer"]),
    ("the company and the interviewer", ["company", "interviewer"]),
    ("2,2", ["industry"]),
    ("all", ["company", "industry", "role", "interviewer"]),
    ("none", []),
    ("Nothing", []),
])
def test_multi_select_takes_several_numbers_or_labels(typed: str, expected: list[str]) -> None:
    result = turn(answers_up_to("researched"), typed)
    assert isinstance(result, Answered)
    assert result.answers["researched"] == expected


@pytest.mark.parametrize("typed", ["1,9", "company, banana", ",,"])
def test_multi_select_with_an_unknown_option_is_refused(typed: str) -> None:
    result = turn(answers_up_to("researched"), typed)
    assert isinstance(result, Invalid)
    assert result.reason == "unclear"


@pytest.mark.parametrize("typed", ["4", "0", "banana", "12"])
def test_a_choice_that_is_not_an_option_is_refused(typed: str) -> None:
    result = turn({}, typed)
    assert isinstance(result, Invalid)
    assert result.reason == "unclear"
    assert result.question.key == "memorable"


def test_free_text_is_kept_as_typed() -> None:
    result = turn(answers_up_to("reference"), "  Their move to Kubernetes, and Rust  ")
    assert isinstance(result, Answered)
    assert result.answers["reference"] == "Their move to Kubernetes, and Rust"


def test_skip_records_the_question_as_skipped_and_moves_on() -> None:
    result = turn({}, "Skip")
    assert isinstance(result, Skipped)
    assert result.answers == {"memorable": None}
    assert next_question(result.answers) is QUESTIONS[1]


def test_back_clears_the_previous_answer_so_it_is_asked_again() -> None:
    answers = {"memorable": "some", "remember": "my demo"}
    result = turn(answers, "back")
    assert isinstance(result, Back)
    assert result.moved
    assert result.answers == {"memorable": "some"}
    assert asked(result.answers) == "remember"


def test_back_after_a_skip_asks_the_skipped_question_again() -> None:
    result = turn({"memorable": None}, "BACK")
    assert isinstance(result, Back) and result.moved
    assert result.answers == {}


def test_back_at_the_first_question_changes_nothing() -> None:
    result = turn({}, "back")
    assert isinstance(result, Back)
    assert not result.moved
    assert result.answers == {}


def test_back_after_the_last_answer_reopens_the_last_question() -> None:
    complete = {key: None for key in KEYS}
    result = turn(complete, "back")
    assert isinstance(result, Back) and result.moved
    assert asked(result.answers) == KEYS[-1]


def test_cancel_at_any_question() -> None:
    assert isinstance(turn({}, "cancel"), Cancel)
    assert isinstance(turn(answers_up_to("bring"), " Cancel "), Cancel)


@pytest.mark.parametrize("key", ["memorable", "remember", "researched"])
@pytest.mark.parametrize("typed", ["", "   ", "\n"])
def test_an_empty_answer_is_refused_and_changes_nothing(key: str, typed: str) -> None:
    answers = answers_up_to(key)
    before = dict(answers)
    result = turn(answers, typed)
    assert isinstance(result, Invalid)
    assert result.reason == "empty"
    assert answers == before


@pytest.mark.parametrize("key", ["remember", "reference", "questions_asked", "bring"])
def test_an_oversized_free_text_answer_is_refused_and_changes_nothing(key: str) -> None:
    answers = answers_up_to(key)
    before = dict(answers)
    result = turn(answers, "x" * (LIMIT + 1))
    assert isinstance(result, Invalid)
    assert result.reason == "too_long"
    assert answers == before


def test_an_answer_at_the_length_limit_is_accepted() -> None:
    result = turn(answers_up_to("remember"), "x" * LIMIT)
    assert isinstance(result, Answered)


def test_a_turn_never_mutates_the_answers_it_was_given() -> None:
    answers = {"memorable": "some"}
    for typed in ("my story", "skip", "back", "cancel"):
        turn(answers, typed)
        assert answers == {"memorable": "some"}


def test_resume_asks_the_first_unanswered_question_even_out_of_order() -> None:
    # e.g. someone went back after later answers were stored by an older version
    answers = {"memorable": "some", "thank_you": "sent", "reference": "the roadmap"}
    assert asked(answers) == "remember"


def test_a_skipped_question_counts_as_answered_for_resume() -> None:
    answers = {key: None for key in KEYS[:4]}
    question = next_question(answers)
    assert question is QUESTIONS[4]
    assert question_number(question) == 5


def test_nothing_is_asked_once_every_question_is_answered() -> None:
    assert next_question({key: None for key in KEYS}) is None


def test_typing_an_answer_after_the_end_changes_nothing() -> None:
    complete = {key: None for key in KEYS}
    result = turn(complete, "5")
    assert isinstance(result, Back) and not result.moved
    assert result.answers == complete


def test_a_whole_walk_through_by_numbers_labels_and_free_text() -> None:
    answers: dict[str, Any] = {}
    for typed in ["2", "my latency story", "our on-call rotation", "already sent",
                  "their Kubernetes move", "friendly and on topic", "1,3",
                  "What does success look like?", "4", "ten years of platform work",
                  "by Friday"]:
        result = turn(answers, typed)
        assert isinstance(result, Answered), typed
        answers = result.answers
    assert next_question(answers) is None
    assert answers == {
        "memorable": "some", "remember": "my latency story",
        "interest": "our on-call rotation", "thank_you": "sent",
        "reference": "their Kubernetes move", "professional": "on_topic",
        "researched": ["company", "role"], "questions_asked": "What does success look like?",
        "fit": "4", "bring": "ten years of platform work", "timeline": "by Friday",
    }


def test_area_scores_show_the_weakest_area() -> None:
    scores = area_scores({"memorable": "generic", "thank_you": "sent",
                          "professional": "on_topic", "researched": ["company"],
                          "questions_asked": "none", "fit": "5"})
    assert scores[Area.STAND_OUT] == 0
    assert scores[Area.FOLLOW_UP] == 2
    assert scores[Area.PREPARED] == 0.5
    assert min(scores, key=lambda a: scores[a]) is Area.STAND_OUT


def test_skipped_questions_do_not_count_in_the_scores() -> None:
    assert area_scores({key: None for key in KEYS}) == {}


def test_a_choice_can_be_answered_with_the_words_of_its_label_without_its_number() -> None:
    at_fit = answers_up_to("fit")
    for typed, value in (("poor fit", "1"), ("Great fit", "5"), ("partly", "3")):
        result = apply_turn(at_fit, typed, max_length=1000)
        assert isinstance(result, Answered), typed
        assert result.answers["fit"] == value


def test_a_label_with_a_contraction_matches_it_spelled_out() -> None:
    result = apply_turn({}, "They will remember me", max_length=1000)
    assert isinstance(result, Answered)
    assert result.answers["memorable"] == "memorable"
