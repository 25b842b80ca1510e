"""When the interviewer was the problem: rude, dismissive, interrupting, bored, late.

The reflection asks about the candidate, so an interviewer who talked over them came back
as advice for the candidate: "the interviewer was rude and kept interrupting me" at "what
will they remember about you?", and "no" at "did the personal talk stay professional?",
gave "You felt the conversation got too personal. … Personable, not their new friend." -
blaming the person for the interviewer's manners, on a day that was already hard. Read
here: a free-text answer that says the interviewer treated them badly. Then the summary
says it once, kindly (it is on them, and it is a look at the team), the professional area
is not theirs to fix, and the interviewer's behaviour is not what they'll remember about
the candidate.
"""

from __future__ import annotations

import functools
import re
from typing import Any

__all__ = ["FREE_TEXT", "about_them", "treated_badly", "treated_badly_words"]

# The free-text answers where people say how the interview went.
FREE_TEXT = ("remember", "interest", "reference", "hardest", "bring", "timeline")

_BADLY = re.compile(
    r"\b(?:rude|dismissive|condescending|arrogant|hostile|unprofessional|impatient|"
    r"interrupt(?:ed|ing|s) me|kept interrupting|cut me off|cutting me off|talked over me|"
    r"talked down to me|belittl\w*|bored|disinterested|uninterested|(?:seemed|was|were|"
    r"looked) (?:totally |completely )?(?:checked out|distracted)|(?:on|checking|looking at) "
    r"(?:his|her|their) phone|yawn(?:ed|ing)|didn'?t listen|wasn'?t listening|snapped at me|"
    r"laughed at me|showed up late|(?:was|were|came) (?:\w+ )?(?:min(?:ute)?s? )?late|"
    r"no[- ]show(?:ed)?)\b", re.I)
# "they were never rude", "not bored at all": said to rule it out.
_NOT = re.compile(r"\b(?:never|not|n't|wasn'?t|weren'?t|no)\s+(?:\w+\s+)?$", re.I)
_THEM = re.compile(r"\b(?:interviewers?|he|she|they|him|her|them|guy|woman|man|manager|"
                   r"recruiter|panel|lead|ceo|cto|founder|director|hr)\b", re.I)
# "i was late", "i got impatient", "i interrupted them": the person speaking of themselves.
_ME = re.compile(r"\bi(?:'m| am| was| got| felt| seemed)\s+(?:\w+\s+)?(?:rude|late|bored|"
                 r"impatient|dismissive|unprofessional)\b|\bi (?:kept )?(?:interrupt\w*|cut "
                 r"(?:them|him|her) off|talked over)", re.I)


def about_them(text: object) -> bool:
    """The answer tells how the interviewer treated them, not about the candidate."""
    return isinstance(text, str) and _about_them(text)


# Asked of the same answers several times a summary (scores, what went well, the focus),
# like bot.reflection.reading's readings: made once.
@functools.lru_cache(maxsize=1024)
def _about_them(text: str) -> bool:
    if _ME.search(text):
        return False
    if not any(not _NOT.search(text[:m.start()]) for m in _BADLY.finditer(text)):
        return False
    return bool(_THEM.search(text)) or bool(re.match(r"\s*(?:was |were )?(?:so |very |"
                                                     r"really )?rude", text, re.I))


def treated_badly(answers: dict[str, Any]) -> bool:
    return any(about_them(answers.get(key)) for key in FREE_TEXT)


def treated_badly_words() -> str:
    return ("Being talked over, brushed off or kept waiting is hard on anyone, and it says "
            "more about them than about you. It's also a look at the team: if that's how "
            "they work, weigh it when you decide about an offer.")
