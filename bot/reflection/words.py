"""The reflection's words: questions as replies, the summary, and the thank-you draft."""

from __future__ import annotations

import functools
from datetime import datetime, timedelta
from typing import Any

from bot.copy.naming import interview_label
from bot.model import Interview
from bot.reflection.questions import ALL_QUESTIONS, AREA_NAMES, Question, questions_for
from bot.values import AnswerKey, Choice, Destination, Reply

__all__ = [
    "SKIPPED_UNSURE",
    "already_answered",
    "already_complete",
    "answer_lines",
    "crossed_answer",
    "invalid_answer",
    "kept_for_later",
    "question_reply",
    "reflection_intro",
    "reflection_not_open",
    "when_did_it_go_out",
]

# "While it's fresh" is said only this soon after the interview.
FRESH_FOR = timedelta(days=1)

NAV_ACTIONS = (
    Choice("Skip", "skip"),
    Choice("Back", "back"),
    Choice("Cancel", "cancel", "danger"),
)

def reflection_intro(interview: Interview, now: datetime) -> str:
    """"While it's fresh" only within a day of the interview; the number of questions once
    the interview's type has chosen them."""
    what = interview_label(interview)
    fresh = " while it's fresh" if now - interview.happens_at <= FRESH_FOR else ""
    questions = questions_for(interview)
    how_many = "a few quick questions" if questions[0].key == "type" else \
        f"{len(questions)} quick questions"
    return (f"Let's reflect on your interview at {what}{fresh} - {how_many}. Answer by "
            "number or in your own words; type `skip`, `back` or `cancel` any time.")


def question_reply(question: Question, number: int, total: int | None, *,
                   key: AnswerKey | None, lead: str = "") -> Reply:
    """A question; ``key`` names it, so its buttons answer this question and no other.
    ``total`` None: not known yet (the answer chooses the questions that follow)."""
    text = f"{lead}\n\n" if lead else ""
    area = AREA_NAMES[question.area] if question.area else "About the interview"
    of = f" of {total}" if total is not None else ""
    text += f"{area} · question {number}{of}\n"
    text += question.prompt
    choices, tags = _buttons(question)
    if question.hint:
        text += f"\n{question.hint}"
    return Reply(text=text, choices=choices, multi=question.kind == "multi",
                 actions=NAV_ACTIONS, destination=Destination.DM, tags=tags,
                 answer_key=key)


# A question's buttons and tags never change (questions are frozen, defined at import):
# made once per question rather than on every turn that asks it.
@functools.lru_cache(maxsize=128)
def _buttons(question: Question) -> tuple[tuple[Choice, ...], frozenset[str]]:
    choices = tuple(Choice(o.label, o.value) for o in question.options)
    tags = {"question", "free_text"} if question.kind == "text" else {"question"}
    if question.scale:
        tags.add("scale")  # labels carry their numbers ("4 · Good fit"): not numbered again
    return choices, frozenset(tags)


# "idk" twice at a choice: skipped, and said so without fuss.
SKIPPED_UNSURE = "No problem - we'll skip that one."

_KEPT = {
    "interviewers": "Thanks - I'll keep those as the people on the panel, a note for each.",
    "remember": "Thanks - I'll keep that as what they'll remember about you.",
    "bring": "Thanks - I'll keep that as what you bring to the table.",
    "reference": "Thanks - I'll keep that for your thank-you note.",
    "questions_asked": "Thanks - I'll keep that as a question you asked them.",
    "hardest": ("That happens to everyone - I'll keep it as what to study before the next "
                "round."),
}


def kept_for_later(later: Question, value: object = None) -> str:
    """Said before a question is asked again, after what was typed at it was kept as the
    answer to ``later`` (bot.reflection.later): a free-text one, or the choice after it
    (``value``, named by its label so a misreading shows)."""
    label = next((o.label for o in later.options if o.value == value), None)
    if label is not None:
        return (f"Thanks - I've noted \"{label}\" for the next question, so I won't ask it. "
                "First, this one:")
    return _KEPT.get(later.key, "Thanks - I'll keep that for a later question.")


def already_answered() -> Reply:
    """A click on a question that is no longer the open one: nothing changed."""
    return Reply(text="That one is already answered - type `back` to change it.",
                 destination=Destination.DM, tags=frozenset({"already_answered"}))


def crossed_answer(text: str) -> str:
    """A typed message that arrived while an earlier answer was being saved."""
    shown = text.strip()
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return (f"\"{shown}\" crossed with your previous answer, so I didn't use it for the "
            "question below. If it was meant for this one, just send it again.")


def reflection_not_open() -> Reply:
    """A click on a question of a reflection that is paused, finished or another one."""
    return Reply(text=("That question belongs to a reflection that isn't open right now - "
                       "nothing changed. `/debrief reflect` picks up where you left off."),
                 destination=Destination.DM, tags=frozenset({"already_answered"}))


def invalid_answer(reason: str, question: Question, limit: int, length: int) -> str:
    if reason == "empty":
        return "I didn't catch an answer there. Type your answer, or `skip`."
    if reason == "too_long":
        return (f"That answer is {length} characters; I keep at most {limit}. Please shorten "
                "it - nothing was saved.")
    numbers = ", ".join(str(i) for i in range(1, len(question.options) + 1))
    if question.kind == "multi":
        return (f"I couldn't match that to the options. Type numbers such as 1,3 (from "
                f"{numbers}), the options' words, or none.")
    return f"I couldn't match that to an option. Type one of {numbers}, or the option's words."


def already_complete() -> str:
    return ("This reflection is complete. Type `back` to change your last answer, or "
            "`/debrief reflect redo` to start it over.")


def when_did_it_go_out(interview: Interview) -> str:
    """Lead for the next question after "Already sent" was answered past the 24 hours."""
    return (f"Good that it's sent. When did it go out? If you remember, "
            f"`/debrief followup #{interview.id} when:\"yesterday 18:00\"` records it; "
            "until then I count it as sent on time.")




def answer_lines(answers: dict[str, Any]) -> list[str]:
    lines = []
    for question in ALL_QUESTIONS:
        if question.key not in answers:
            continue
        value = answers[question.key]
        if value is None:
            shown = "(skipped)"
        elif question.kind == "choice":
            shown = next((o.label for o in question.options if o.value == value), str(value))
        elif question.kind == "multi":
            labels = [o.label for o in question.options if o.value in value]
            shown = ", ".join(labels) if labels else "none"
        elif isinstance(value, dict):  # the timeline: as typed
            shown = str(value.get("text") or "")
        else:
            shown = str(value)
        lines.append(f"• {question.prompt} {shown}")
    return lines
