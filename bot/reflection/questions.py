"""The reflection questionnaire: wording and options. The logic lives in bot.reflection.dialogue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.model import Area, Interview

__all__ = ["ALL_QUESTIONS", "AREA_NAMES", "AREA_WORDS", "QUESTIONS", "Option", "Question",
           "questions_for"]

AREA_NAMES: dict[Area, str] = {
    Area.STAND_OUT: "Stand out",
    Area.FOLLOW_UP: "Follow up",
    Area.PROFESSIONAL: "Professional",
    Area.PREPARED: "Prepared",
    Area.RIGHT_JOBS: "Right jobs",
}

# What people may type to name an area (`/debrief tip prepared`, `tips … areas:follow up`).
AREA_WORDS: dict[str, Area] = {a.value.replace("_", " "): a for a in Area} | {
    a.value: a for a in Area} | {
    "standout": Area.STAND_OUT, "followup": Area.FOLLOW_UP, "prep": Area.PREPARED,
    "preparation": Area.PREPARED, "fit": Area.RIGHT_JOBS, "right job": Area.RIGHT_JOBS}


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str
    score: int | None = None  # 0 weak, 1 so-so, 2 strong; None: not scored


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    area: Area
    prompt: str
    kind: Literal["choice", "multi", "text"]
    options: tuple[Option, ...] = ()
    hint: str = ""


QUESTIONS: tuple[Question, ...] = (
    Question(
        "memorable", Area.STAND_OUT,
        "How memorable do you think you were?", "choice",
        (Option("generic", "I probably blended in", 0),
         Option("some", "A few moments stood out", 1),
         Option("memorable", "They'll remember me", 2)),
    ),
    Question(
        "remember", Area.STAND_OUT,
        "What is the one thing the interviewer will remember about you?", "text",
        hint="A story you told, a result you named, a question that made them think.",
    ),
    Question(
        "thank_you", Area.FOLLOW_UP,
        "Your thank-you note: where are you with it?", "choice",
        (Option("sent", "Already sent", 2),
         Option("planned", "Planning to send it", 1),
         Option("no", "Not going to send one", 0)),
    ),
    Question(
        "reference", Area.FOLLOW_UP,
        "What did you discuss that your thank-you note should mention?", "text",
        hint="A project they described, a challenge the team has, something you both enjoyed.",
    ),
    Question(
        "professional", Area.PROFESSIONAL,
        "Did the personal talk stay professional and on topic?", "choice",
        (Option("on_topic", "Friendly and on topic", 2),
         Option("drifted", "It drifted a little", 1),
         Option("too_personal", "It got too personal or off-topic", 0)),
    ),
    Question(
        "researched", Area.PREPARED,
        "What did you research beforehand? Pick all that apply.", "multi",
        (Option("company", "The company"),
         Option("industry", "The industry"),
         Option("role", "The role"),
         Option("interviewer", "The interviewer")),
        hint="Type the numbers separated by commas (like 1,3), or none.",
    ),
    Question(
        "questions_asked", Area.PREPARED,
        "Which questions did you ask them?", "text",
        hint="Type them in one message, or none.",
    ),
    Question(
        "fit", Area.RIGHT_JOBS,
        "How well does this role fit what you bring to the table?", "choice",
        (Option("1", "1 - Poor fit", 0),
         Option("2", "2", 0),
         Option("3", "3 - Partly", 1),
         Option("4", "4", 2),
         Option("5", "5 - Great fit", 2)),
    ),
    Question(
        "bring", Area.RIGHT_JOBS,
        "In a sentence: what do you bring to the table for this role?", "text",
    ),
)

# Every question any interview type may ask, in the order they are asked.
ALL_QUESTIONS: tuple[Question, ...] = QUESTIONS


def questions_for(interview: Interview) -> tuple[Question, ...]:
    """The questions this interview's reflection asks, in order."""
    return QUESTIONS
