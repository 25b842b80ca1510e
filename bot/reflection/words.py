"""The reflection's words: questions as replies, the summary, and the thank-you draft."""

from __future__ import annotations

from typing import Any

from bot.model import Area, Interview
from bot.reflection.questions import ALL_QUESTIONS, AREA_NAMES, Question, questions_for
from bot.values import AnswerKey, Choice, Destination, Reply, ReplyField

__all__ = [
    "FOCUS_TIPS",
    "WENT_WELL",
    "already_answered",
    "already_complete",
    "answer_lines",
    "crossed_answer",
    "invalid_answer",
    "question_reply",
    "reflection_intro",
    "reflection_not_open",
    "summary_reply",
    "when_did_it_go_out",
]

NAV_ACTIONS = (
    Choice("Skip", "skip"),
    Choice("Back", "back"),
    Choice("Cancel", "cancel", "danger"),
)

WENT_WELL: dict[Area, str] = {
    Area.STAND_OUT: "You left them with something to remember you by.",
    Area.FOLLOW_UP: "Your follow-up is on track.",
    Area.PROFESSIONAL: "You kept things friendly and on topic.",
    Area.PREPARED: "You came prepared and asked your own questions.",
    Area.RIGHT_JOBS: "This role fits what you bring - that shows in an interview.",
}

FOCUS_TIPS: dict[Area, str] = {
    Area.STAND_OUT: (
        "Before your next interview, write down three short stories (problem, what you did, "
        "the result in numbers) and tell at least one of them. A story is what they repeat "
        "to the hiring manager."),
    Area.FOLLOW_UP: (
        "Send the thank-you note within 24 hours and mention one specific thing you "
        "discussed - it shows you listened, and it's the easiest way to be remembered. "
        "Your draft is below."),
    Area.PROFESSIONAL: (
        "Be warm, but steer back within a minute: when small talk runs long, link it to the "
        "role (\"That reminds me of how your team…\"). Aim to be personable, not their new "
        "friend."),
    Area.PREPARED: (
        "Next time spend 30 minutes on the company's recent news, the industry's big "
        "challenge, the job description and the interviewer's profile, and bring two "
        "questions only you could ask."),
    Area.RIGHT_JOBS: (
        "Check the fit before you apply: list the role's top five requirements and mark the "
        "ones you clearly meet. Three or more is a good sign; fewer, and a related field or "
        "another place may value you more."),
}


def reflection_intro(interview: Interview) -> str:
    what = interview.company + (f" ({interview.role})" if interview.role else "")
    return (f"Let's reflect on your interview at {what} while it's fresh - "
            f"{len(questions_for(interview))} quick questions. Answer by number or in your own "
            "words; type `skip`, `back` or `cancel` any time.")


def question_reply(question: Question, number: int, total: int, *, key: AnswerKey | None,
                   lead: str = "") -> Reply:
    """A question; ``key`` names it, so its buttons answer this question and no other."""
    text = f"{lead}\n\n" if lead else ""
    text += f"{AREA_NAMES[question.area]} · question {number} of {total}\n"
    text += question.prompt
    choices: tuple[Choice, ...] = ()
    if question.options:
        choices = tuple(Choice(o.label, o.value) for o in question.options)
    if question.hint:
        text += f"\n{question.hint}"
    tags = {"question", "free_text"} if question.kind == "text" else {"question"}
    return Reply(text=text, choices=choices, multi=question.kind == "multi",
                 actions=NAV_ACTIONS, destination=Destination.DM, tags=frozenset(tags),
                 answer_key=key)


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


def summary_reply(interview: Interview, scores: dict[Area, float], focus: Area | None,
                  note: str, nudge_lines: list[str], *, note_intro: str,
                  note_actions: tuple[Choice, ...]) -> Reply:
    well = [WENT_WELL[a] for a in Area if scores.get(a, 0) >= 1.5]
    fields = [ReplyField("What went well", "\n".join(f"• {w}" for w in well) if well else
                         "• You showed up and reflected - that's how people get better.")]
    if focus is not None:
        fields.append(ReplyField(f"One thing to focus on: {AREA_NAMES[focus]}",
                                 FOCUS_TIPS[focus]))
    fields.append(ReplyField("Reminders scheduled",
                             "\n".join(nudge_lines) if nudge_lines else "None"))
    answered = answer_lines(interview.answers)
    if answered:
        fields.insert(0, ReplyField("Your answers", "\n".join(answered)))
    return Reply(
        title=f"Your reflection: {interview.company}",
        text=f"That's it - thank you for taking the time. {note_intro}",
        fields=tuple(fields), copy_text=note, destination=Destination.DM,
        actions=note_actions,
        tags=frozenset({"summary"}),
    )


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
        else:
            shown = str(value)
        lines.append(f"• {question.prompt} {shown}")
    return lines
