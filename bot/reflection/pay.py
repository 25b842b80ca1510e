"""Pay in a reflection: what Debrief says when an answer is about salary, benefits or the
range. Pay never goes in a note (bot.notes refuses it), but asking about it is fair and
being asked about it is normal, so the coaching says so: a pay question is not called a
stock question to be "tied to your research", an interviewer's interest in pay gets no
"have an example ready", and a hard pay question is prepared with a range, not studied.
(COACHING.md: recruiters ask about pay early; give a researched range, not one number.)
"""

from __future__ import annotations

from bot.model import InterviewType
from bot.notes import Refusal, RefusalReason, reference_phrase

__all__ = ["RANGE_ADVICE", "about_pay", "asked_pay", "pay_hardest", "pay_interest",
           "pay_question"]

RANGE_ADVICE = ("look up what this role pays where it's based and settle on a range you can "
                "back up, rather than one number")


def about_pay(text: str) -> bool:
    """An answer whose only topic is pay ("my salary expectations and notice period");
    one that names something else too ("their data platform, and salary") is not."""
    read = reference_phrase(text)
    return isinstance(read, Refusal) and read.reason is RefusalReason.PAY


def pay_question(quoted: str, kind: InterviewType | None, example: str) -> str:
    """The "Specific or generic" line when the only questions they asked were about pay."""
    if kind is InterviewType.RECRUITER:
        return (f"Fair to ask - \"{quoted}\" belongs in a screen, and it's better to know "
                f"early. To be remembered as well, add one about the work: {example}")
    return (f"Fair to ask - \"{quoted}\" is a reasonable question, usually best put to the "
            "recruiter. It won't be what they remember you by, though; next time add one "
            f"about the work: {example}")


def asked_pay(quoted: str) -> str:
    """What the preparation focus says of it, before its advice."""
    return f"Asking \"{quoted}\" was fair, but it isn't what they'll remember."


def pay_hardest(quoted: str) -> str:
    return (f"You found \"{quoted}\" hardest - pay questions are hard for most people. "
            f"Before the next round, {RANGE_ADVICE}.")


def pay_interest(quoted: str) -> str:
    """Prep for the next interview at the same company, when they seemed most interested
    in pay last time."""
    return (f"• Last time they asked about pay (\"{quoted}\") - it may come up again, so "
            f"{RANGE_ADVICE}.")
