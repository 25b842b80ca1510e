"""Prep asked for in a sentence, the night before: "what should i prepare", "prep for
tomorrow", "what questions should i ask them", typed in the DM or after ``/debrief``.

They got "There's no question open right now. Your next interview is …" (the DM), a
stand-out tip ("/debrief what should i prepare" was read as ``tip``) or "I couldn't tell
which command that was" ("/debrief what questions should i ask them"). Now prep asked for
is prep, and questions asked about are the questions part of it, for their next interview;
with none logged, the few things that matter the night before and how to log it.

A nervous sentence that names the interview ("i have an interview tomorrow at google and
im freaking out") is read for the company and the day, so the way to log it is theirs
(:func:`interview_said`), not ``<company> when:"fri 10am"``.
"""

from __future__ import annotations

import re

from bot.prep.quick import quick_asked
from bot.reflection.choices import norm

__all__ = ["asks_for", "interview_said", "log_it", "nothing_logged"]

_QUESTIONS = re.compile(
    r"\b(?:what|which|any|good|smart|some)\b(?:\s+\w+){0,3}\s+questions?\b(?:\s+\w+){0,4}\s+"
    r"(?:ask|asking)\b|\bquestions?\s+(?:to|i\s+(?:should|could|can)|should\s+i|can\s+i)\s+"
    r"ask\b|\bwhat\s+(?:should|do|can|could)\s+i\s+ask\b|\bwhat\s+to\s+ask\b", re.I)
_PREP = re.compile(
    r"\b(?:prep|prepare|preparing|preparation|get ready|getting ready|be ready|"
    r"what should i (?:do|study|know|read|look at|revise|focus on)(?: before| for| tonight|"
    r" tomorrow)|how (?:do|should|can) i prepare)\b", re.I)
# Said before the company: "an interview at google", "interviewing with stripe".
_COMPANY = re.compile(r"\b(?:interview\w*|one|call|screen|round)\b[^.!?,]*?\b(?:at|with)\s+"
                      r"(?P<name>[A-Za-z0-9][\w&'.-]*(?:\s+[A-Z][\w&'.-]*)*)")
_DAY = re.compile(r"\b(?P<day>today|tonight|tomorrow|tmrw|tmr|this (?:morning|afternoon|evening)|"
                  r"(?:on |this |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                  r"in (?:an?|one|two|\d+) (?:hours?|hrs?|minutes?|mins?))\b", re.I)
_NOT_A_NAME = frozenset("a an the my their them this that it and so i im".split())


def asks_for(text: str) -> str | None:
    """``"questions"`` when ``text`` asks what to ask them, ``"prep"`` when it asks how to
    get ready, ``"intro"`` or ``"wear"`` (:mod:`bot.prep.quick`), else None."""
    said = norm(text)
    quick = quick_asked(said)  # "tell me about yourself", "what do i wear"
    if quick is not None:
        return quick
    if _QUESTIONS.search(said):
        return "questions"
    if _PREP.search(said):
        return "prep"
    return None


def interview_said(text: str) -> tuple[str | None, str | None]:
    """(the company, the day) a sentence about an interview names, each None when it names
    none: "i have an interview tomorrow at google and im freaking out" -> ("Google",
    "tomorrow")."""
    company = None
    found = _COMPANY.search(text)
    if found is not None:
        name = found.group("name").strip(" .'")
        first = name.split()[0].casefold()
        if first not in _NOT_A_NAME and not _DAY.fullmatch(name):
            company = name if any(c.isupper() for c in name) else name.title()
    day = _DAY.search(text)
    said = day.group("day").lower() if day else None
    return company, {"tmrw": "tomorrow", "tmr": "tomorrow"}.get(said or "", said)


def log_it(company: str | None, day: str | None) -> str:
    """How to log the interview a sentence told of, in its own company and day: "`/debrief
    interview Google when:"tomorrow 10:00"` (with its real time)"."""
    name = company or "<company>"
    if day and day.startswith("in "):  # "in an hour": the time itself
        return f"`/debrief interview {name} when:\"{day}\"`"
    if day:
        return f"`/debrief interview {name} when:\"{day} 10:00\"` (with its real time)"
    return f"`/debrief interview {name} when:\"tomorrow 10:00\"` (with its real day and time)"


def nothing_logged(asked: str, text: str) -> str:
    """Prep or questions asked for with no interview ahead: what matters the night before,
    and how to log it so prep fits it."""
    company, day = interview_said(text)
    log = (f"Log it with {log_it(company, day)} and your prep is ready at once, fitted to "
           f"{company or 'it'}.")
    if asked == "questions":
        return ("Two questions only you could ask: one about something you found in their "
                "recent news, one about the role's hardest part - not \"what does a typical "
                "day look like\". For example: \"Your last update mentioned moving to "
                "self-serve - what has that changed for this team?\" " + log)
    return ("You have no interview coming up yet. The night before one, four things matter "
            "most: the role's top requirements, each matched to something you did; two "
            "questions only you could ask; one story said out loud (what happened, what you "
            "did, the result); and the logistics - time, link or address, who you'll meet. "
            f"{log}")
