"""The reflection as a pure state machine over data.

State is just the answers dict stored on the interview: ``{question_key: value}``, where a
skipped question holds ``None``. The next question is always the first one without a key,
so a reflection resumes exactly where it was after a restart, and ``back`` simply removes
the previous key.

One extra key, ``_pending``, holds a question's follow-up while it waits for the reply:
``{"question": "thank_you", "why": "confirm_no"}`` (the person said they won't send a note:
are they sure?), ``{"question": "reference", "why": <refusal reason>}`` (the reference
cannot go in a note) or ``{"question": "interviewers", "why": "no_names"}`` (no name in
the answer): asked once more, and whatever comes next is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.model import Area
from bot.notes import Refusal, RefusalReason, names_nobody, reference_phrase
from bot.reflection.choices import Picked, Unclear, norm, read_choice
from bot.reflection.later import kept_early, kept_for_later
from bot.reflection.prompts import doubts_the_note, sounds_unsure
from bot.reflection.questions import ALL_QUESTIONS, QUESTIONS, Question
from bot.reflection.reading import asked, is_nothing, specifics
from bot.reflection.their_side import about_them

__all__ = [
    "PENDING",
    "Answered",
    "Back",
    "Cancel",
    "Held",
    "Invalid",
    "Kept",
    "Skipped",
    "TurnResult",
    "apply_turn",
    "area_scores",
    "next_question",
    "question_number",
]

NONE_WORDS = {"none", "nothing", "no", "n/a", "-"}
# A multiple choice answered with none of its options (besides what reading.is_nothing
# knows: "none really", "no time", "forgot").
_NONE_OF_THEM = NONE_WORDS | {"nope", "nah", "idk", "not really", "nothing really",
                              "none of them", "i did not", "did not", "not much",
                              "nothing much", "none at all", "nothing at all", "not a lot",
                              "none of those", "neither"}
_HAS_LETTER = re.compile(r"[a-z]")
_ABOUT_ASKING = re.compile(r"\b(?:questions?|qs|ask\w*)\b")
PENDING = "_pending"
# A reply that answers a yes/no question, typed at an open one ("What will they remember
# about you?" - "yes"): a nod, a bare number, an emoji. Asked about once ("bare"); "no",
# "none" and "idk" are answers there (nothing asked, nothing comes to mind) and are kept.
_NODS = {"yes", "yeah", "yea", "yep", "yup", "ya", "ye", "y", "ok", "okay", "k", "kk",
         "sure", "fine", "good", "great", "cool", "alright", "right", "true", "maybe",
         "yes yes", "ok ok", "okay sure", "sure thing", "ok sure", "yes sure", "done"}
# Replies that confirm "not going to send one" when asked whether they are sure.
_SURE = {"yes", "yep", "yeah", "sure", "i am sure", "yes i am sure", "yes sure", "i am",
         "confirm", "no note", "not sending", "not sending one", "no thank you note"}
# "are you sure? yes", "ok yes, no note": a yes anywhere confirms it - unless the reply
# talks of sending after all ("yes i will send one") or not ("yes, not sending"): the
# choice reads those.
_CONFIRMED = re.compile(r"\b(?:yes|correct|confirm(?:ed)?)\b|(?<!not )\bsure\b")
_WILL_SEND = re.compile(r"\b(?:send|sending|sent|will|planning|plan|later|tonight|"
                        r"tomorrow)\b")
_OFF_LIMITS = {RefusalReason.PAY, RefusalReason.PRIVATE, RefusalReason.NEGATIVE}
# Reference refusals worth asking once more about: all of them (an answer too long to cut,
# a whole story pasted with no topic named in it, wants its short version).
_REASK = {RefusalReason.EMPTY, RefusalReason.NON_ANSWER, RefusalReason.GENERIC,
          RefusalReason.PAY, RefusalReason.PRIVATE, RefusalReason.NEGATIVE,
          RefusalReason.TOO_LONG, RefusalReason.OTHER_LANGUAGE}


@dataclass(frozen=True, slots=True)
class Answered:
    answers: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Skipped:
    answers: dict[str, Any]
    unsure: bool = False  # "idk" twice at a choice: skipped for them


@dataclass(frozen=True, slots=True)
class Back:
    answers: dict[str, Any]
    moved: bool  # False when already at the first question


@dataclass(frozen=True, slots=True)
class Cancel:
    pass


@dataclass(frozen=True, slots=True)
class Held:
    """The answer needs one more word first: ``why`` is ``confirm_no``, ``no_names`` or a
    refusal reason of the reference; ``answers`` carry the ``_pending`` marker (so it
    survives restarts)."""

    answers: dict[str, Any]
    question: Question
    why: str


@dataclass(frozen=True, slots=True)
class Invalid:
    reason: str  # "empty" | "too_long" | "unclear"
    question: Question
    candidates: tuple[str, ...] = ()  # option values to offer first ("unclear")


@dataclass(frozen=True, slots=True)
class Kept:
    """A reply kept as the answer to another question it answers (bot.reflection.later):
    a sentence typed at a choice, for a later free-text question, or the next choice's
    answer typed at a free-text question; ``question`` is asked again."""

    answers: dict[str, Any]
    question: Question
    kept_for: Question


TurnResult = Answered | Skipped | Back | Cancel | Held | Invalid | Kept


Questions = tuple[Question, ...]


def next_question(answers: dict[str, Any], questions: Questions = QUESTIONS) -> Question | None:
    for question in questions:
        if question.key not in answers:
            return question
    return None


def question_number(question: Question, questions: Questions = QUESTIONS) -> int:
    return questions.index(question) + 1


def pending(answers: dict[str, Any]) -> dict[str, str] | None:
    held = answers.get(PENDING)
    return held if isinstance(held, dict) else None


def apply_turn(answers: dict[str, Any], text: str, *, max_length: int,
               questions: Questions = QUESTIONS) -> TurnResult:
    """One typed reply (or button value) against the current question. Never mutates."""
    word = norm(text)
    settled = {k: v for k, v in answers.items() if k != PENDING}
    if word == "cancel":
        return Cancel()
    if word == "back":
        return _back(settled, questions)
    question = next_question(answers, questions)
    if question is None:  # complete; only back/cancel make sense
        return Back(dict(answers), moved=False)
    if word == "skip":
        return Skipped({**settled, question.key: None})
    held = pending(answers)
    value = _parse(question, text.strip(), max_length)
    early = kept_early(question, text.strip(), settled, questions) \
        if not isinstance(value, Invalid) else None
    if early is not None:  # "sent it already" at "what were they most interested in?"
        return Kept({**settled, early[0].key: early[1]}, question, early[0])
    unsure = isinstance(value, Invalid) and value.reason == "unclear" and \
        sounds_unsure(text) and not (question.key == "thank_you" and doubts_the_note(text))
    if held is not None and held.get("question") == question.key:
        if held["why"] != "unsure":
            return _follow_up(settled, question, held["why"], text.strip(), max_length)
        if unsure:  # "idk" again: skipped for them, no third time
            return Skipped({**settled, question.key: None}, unsure=True)
    if isinstance(value, Invalid) and value.reason == "unclear" and question.kind == "choice":
        later = kept_for_later(question, text.strip(), settled, questions)
        if later is not None:  # "I walked them through my dashboard…" at "how memorable?"
            return Kept({**settled, later.key: text.strip()}, question, later)
    if unsure:
        return Held({**settled, PENDING: {"question": question.key, "why": "unsure"}},
                    question, "unsure")
    if isinstance(value, Invalid):
        return value
    if question.key == "thank_you" and value == "no":
        return Held({**settled, PENDING: {"question": question.key, "why": "confirm_no"}},
                    question, "confirm_no")
    if question.key == "interviewers" and names_nobody(value):
        return Held({**settled, PENDING: {"question": question.key, "why": "no_names"}},
                    question, "no_names")
    if question.kind == "text" and question.key not in ("reference", "interviewers") and \
            is_bare(text):
        return Held({**settled, PENDING: {"question": question.key, "why": "bare"}},
                    question, "bare")
    if question.key == "reference":
        refusal = reference_phrase(value)
        if isinstance(refusal, Refusal) and refusal.reason in _REASK:
            why = refusal.reason.value
            return Held({**settled, PENDING: {"question": question.key, "why": why}},
                        question, why)
    return Answered({**settled, question.key: value})


def _follow_up(answers: dict[str, Any], question: Question, why: str, text: str,
               max_length: int) -> TurnResult:
    if why == "confirm_no":
        words = norm(text)
        sure = words in _SURE or re.match(r"(?:yes|yep|yeah|yup|sure|correct|right|"
                                          r"i am sure|im sure|i m sure)\b", words)
        if (sure or _CONFIRMED.search(words)) and not _WILL_SEND.search(words):
            return Answered({**answers, question.key: "no"})
        if words in ("no", "nope", "nah", "not sure"):
            return Invalid("unclear", question, ("planned", "no"))
        value = _parse(question, text, max_length)
        if isinstance(value, Invalid):
            return value
        return Answered({**answers, question.key: value})
    value = _parse(question, text, max_length)  # asked once more: whatever comes is kept,
    if isinstance(value, Invalid):               # unless it is another off-limits topic
        return value
    if why == "bare":  # a nod again: skipped for them, no third time
        return Skipped({**answers, question.key: None}) if is_bare(text) else \
            Answered({**answers, question.key: value})
    refusal = reference_phrase(value)
    if isinstance(refusal, Refusal) and refusal.reason in _OFF_LIMITS and \
            refusal.reason.value != why:
        return Held({**answers, PENDING: {"question": question.key,
                                          "why": refusal.reason.value}},
                    question, refusal.reason.value)
    return Answered({**answers, question.key: value})


def is_bare(text: str) -> bool:
    """"yes", "ok", "4", "👍": a nod or a number, not an answer to an open question."""
    words = norm(text)
    if not words:
        return bool(text.strip()) and not any(c.isalnum() for c in text)  # "👍", "..."
    return words in _NODS or (words.isdigit() and words != "0")  # "0" questions asked: none


def _back(answers: dict[str, Any], questions: Questions) -> Back:
    current = next_question(answers, questions)
    index = questions.index(current) if current else len(questions)
    if index == 0:
        return Back(dict(answers), moved=False)
    previous = questions[index - 1].key
    return Back({k: v for k, v in answers.items() if k != previous}, moved=True)


_ALL_WORDS = {"all", "all of them", "everything", "all four", "every one", "all of it"}


def _parse(question: Question, text: str, max_length: int) -> Any:
    if not text:
        return Invalid("empty", question)
    if len(text) > max_length:
        return Invalid("too_long", question)
    if question.kind == "text":
        return text
    if question.kind == "choice":
        read = read_choice(question, text)
        if isinstance(read, Picked):
            return read.value
        return Invalid("unclear", question, read.candidates)
    words = norm(text)
    if words in _NONE_OF_THEM or (_HAS_LETTER.search(words) and is_nothing(text) and
                                  not _ABOUT_ASKING.search(words)):
        return []  # "none really", "didn't have time", "idk" (not "1,3": numbers are picks;
        # not "no questions, sorry": that answers the questions-asked question, not this)
    if words in _ALL_WORDS:
        return [o.value for o in question.options]
    whole = read_choice(question, text)
    if isinstance(whole, Picked) and "," not in text and " and " not in f" {words} ":
        return [whole.value]
    values: list[str] = []
    for part in re.split(r"[,;&+/]+|\s+and\s+|\s+", text) if \
            re.fullmatch(r"[\d\s,;]+", text) else re.split(r"[,;&+/]+|\s+and\s+", text):
        if not part.strip():
            continue
        picked = read_choice(question, part.strip())
        if isinstance(picked, Unclear):
            return Invalid("unclear", question, picked.candidates)
        if picked.value not in values:
            values.append(picked.value)
    if not values:
        return Invalid("unclear", question)
    return [o.value for o in question.options if o.value in values]


def area_scores(answers: dict[str, Any]) -> dict[Area, float]:
    """0 (weak) … 2 (strong) per area, from whatever was answered; unanswered areas absent.
    Free text counts by what it says (:mod:`bot.reflection.reading`): a specific story or
    result is strong, a stock self-description weak, "idk" or "didn't ask any" none."""
    totals: dict[Area, list[int]] = {}
    for question in ALL_QUESTIONS:
        score = _score(question, answers.get(question.key))
        if score is not None and question.area is not None:
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
        read = asked(str(value))
        return 0 if read.nothing else 2 if read.own else 1
    if question.key in ("remember", "bring"):
        if about_them(value):  # "the interviewer was rude": nothing about the candidate
            return None
        found = specifics(str(value))
        if not str(value).strip() or norm(str(value)) in NONE_WORDS | {"idk", "not sure"}:
            return 0
        return 2 if found.specific else 0 if found.only_generic else 1
    return None
