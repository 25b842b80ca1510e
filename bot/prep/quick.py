"""Two questions everyone asks the night before, answered in a few lines.

"how do i answer tell me about yourself" and "what do i wear" got "Nothing is logged yet.
Right after an interview …" in the DM. Each now gets its answer, fitted to the next
interview when there is one (its company, its saved story, video or on site), else in
general with how to log it. Asked after ``/debrief`` they are ``prep intro`` and ``prep
wear``.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.copy.naming import employer, when_in_words
from bot.model import Interview

__all__ = ["QUICK", "quick_answer", "quick_asked"]

QUICK = ("intro", "wear")
_INTRO = re.compile(r"\b(?:tell (?:me|you|them|us) about (?:yourself|myself)|introduce myself|"
                    r"intro(?:duction)? (?:of|about) myself|elevator pitch|walk (?:me|you|them) "
                    r"through (?:your|my) (?:resume|cv|background)|about myself)\b", re.I)
_WEAR = re.compile(r"\b(?:what (?:should|do|can|could) i wear|what to wear|dress code|"
                   r"how (?:should|do) i dress|what (?:should|do) i put on|outfit|"
                   r"suit or|formal or casual)\b", re.I)
_REMOTE = re.compile(r"\b(?:video|zoom|teams|meet|remote|call|online|phone)\b", re.I)


def quick_asked(said: str) -> str | None:
    """``"intro"`` or ``"wear"`` when ``said`` (normalised) asks it, else None."""
    if _INTRO.search(said):
        return "intro"
    if _WEAR.search(said):
        return "wear"
    return None


def quick_answer(asked: str, interview: Interview | None, story: str | None,
                 zone: ZoneInfo, now: datetime) -> str:
    """The answer, for ``interview`` (the next one) when there is one; ``story``: its
    saved story to name ("story 3 ("Churn fix")")."""
    where = f" at {employer(interview)}" if interview is not None else ""
    if asked == "intro":
        result = (f"one result you're proud of with its number - {story} -"
                  if story else "one result you're proud of with its number,")
        lead = (f"For {employer(interview)} {when_in_words(interview.happens_at, now, zone)}, "
                "\"tell me about yourself\"" if interview is not None else
                "\"Tell me about yourself\"")
        return (f"{lead} in about two minutes: where you are now, {result} and why this "
                f"role{where} is the next step. Say it out loud once before you go in - the "
                "rest of the interview builds on it.")
    remote = interview is not None and bool(_REMOTE.search(
        f"{interview.location or ''} {interview.notes or ''}"))
    setting = (" On video: the same from the waist up, a plain background and good light."
               if remote else "")
    return (f"One step smarter than what people wear{where} day to day - if you're not "
            "sure, ask the recruiter; it's a normal question. Lay it out tonight so the "
            f"morning is easy.{setting}")
