"""The reflection as a pure state machine over data.

State is just the answers dict stored on the interview: ``{question_key: value}``, where a
skipped question holds ``None``. The next question is always the first one without a key,
so a reflection resumes exactly where it was after a restart, and ``back`` simply removes
the previous key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.model import Area
from bot.reflection.questions import ALL_QUESTIONS, QUESTIONS, Question

__all__ = [
    "Answered",
    "Back",
    "Cancel",
    "Invalid",
    "Skipped",
    "TurnResult",
    "apply_turn",
    "area_scores",
    "next_question",
    "question_number",
]

NONE_WORDS = {"none", "nothing", "no", "n/a", "-"}


@dataclass(frozen=True, slots=True)
class Answered:
    answers: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Skipped:
    answers: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Back:
    answers: dict[str, Any]
    moved: bool  # False when already at the first question


@dataclass(frozen=True, slots=True)
class Cancel:
    pass


@dataclass(frozen=True, slots=True)
class Invalid:
    reason: str  # "empty" | "too_long" | "not_an_option"
    question: Question


TurnResult = Answered | Skipped | Back | Cancel | Invalid


Questions = tuple[Question, ...]


def next_question(answers: dict[str, Any], questions: Questions = QUESTIONS) -> Question | None:
    for question in questions:
        if question.key not in answers:
            return question
    return None


def question_number(question: Question, questions: Questions = QUESTIONS) -> int:
    return questions.index(question) + 1


def apply_turn(answers: dict[str, Any], text: str, *, max_length: int,
               questions: Questions = QUESTIONS) -> TurnResult:
    """One typed reply (or button value) against the current question. Never mutates."""
    word = text.strip().lower()
    if word == "cancel":
        return Cancel()
    if word == "back":
        return _back(answers, questions)
    question = next_question(answers, questions)
    if question is None:  # complete; only back/cancel make sense
        return Back(dict(answers), moved=False)
    if word == "skip":
        return Skipped({**answers, question.key: None})
    value = _parse(question, text.strip(), max_length)
    if isinstance(value, Invalid):
        return value
    return Answered({**answers, question.key: value})


def _back(answers: dict[str, Any], questions: Questions) -> Back:
    current = next_question(answers, questions)
    index = questions.index(current) if current else len(questions)
    if index == 0:
        return Back(dict(answers), moved=False)
    previous = questions[index - 1].key
    return Back({k: v for k, v in answers.items() if k != previous}, moved=True)


def _parse(question: Question, text: str, max_length: int) -> Any:
    if not text:
        return Invalid("empty", question)
    if len(text) > max_length:
        return Invalid("too_long", question)
    if question.kind == "text":
        return text
    if question.kind == "choice":
        picked = _pick(question, text)
        return picked if picked is not None else Invalid("not_an_option", question)
    if text.lower() in NONE_WORDS:
        return []
    if text.lower() == "all":
        return [o.value for o in question.options]
    values: list[str] = []
    for part in re.split(r"[,;]+|\s+and\s+", text):
        if not part.strip():
            continue
        picked = _pick(question, part.strip())
        if picked is None:
            return Invalid("not_an_option", question)
        if picked not in values:
            values.append(picked)
    if not values:
        return Invalid("not_an_option", question)
    return [o.value for o in question.options if o.value in values]


_CONTRACTIONS = (("’", "'"), ("'ll", " will"), ("n't", " not"), ("'re", " are"),
                 ("'ve", " have"), ("'m", " am"))


def _norm(text: str) -> str:
    """Lower case, contractions spelled out, punctuation gone: "They'll" == "they will"."""
    text = text.lower()
    for short, long in _CONTRACTIONS:
        text = text.replace(short, long)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _pick(question: Question, text: str) -> str | None:
    """An option by its number, value or label (case-insensitive), or a unique prefix."""
    typed = _norm(text)
    if text.strip().isdigit() and 1 <= int(typed) <= len(question.options):
        if not any(o.value == typed for o in question.options):
            return question.options[int(typed) - 1].value
    for option in question.options:
        if typed in (_norm(option.value), _norm(option.label)):
            return option.value
    if len(typed) >= 3:
        hits = [o.value for o in question.options
                if _norm(o.label).startswith(typed) or _norm(o.value).startswith(typed)
                or f" {typed} " in f" {_norm(o.label)} "]
        if len(hits) == 1:
            return hits[0]
    return None


def area_scores(answers: dict[str, Any]) -> dict[Area, float]:
    """0 (weak) … 2 (strong) per area, from whatever was answered; unanswered areas absent."""
    totals: dict[Area, list[int]] = {}
    for question in ALL_QUESTIONS:
        score = _score(question, answers.get(question.key))
        if score is not None:
            totals.setdefault(question.area, []).append(score)
    return {area: sum(s) / len(s) for area, s in totals.items()}


def _score(question: Question, value: Any) -> int | None:
    if value is None:
        return None
    if question.kind == "choice":
        return next((o.score for o in question.options if o.value == value), None)
    if question.kind == "multi":
        count = len(value)
        return 2 if count >= 3 else 1 if count >= 1 else 0
    if question.key == "questions_asked":
        return 0 if _norm(value) in NONE_WORDS else 2
    return None
