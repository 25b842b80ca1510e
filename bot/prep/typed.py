"""``/debrief prep`` as people type it, read into (which interview, what to do, with what).

The grammar is ``prep [interview] [action value]``, but nobody types it that way on a
nervous evening: "prep for tomorrow", "prep for my acme interview", "prep tick all",
"prep tick 1, 2 & 5", "prep i practised", "prep tikc 3". Each is read here:

* the interview: ``#12``, a company, or a day ("tomorrow", "friday", "today"), with the
  words around it ("for", "my", "the … interview") taken off; among several at the same
  company, the soonest one still ahead;
* the action: its word or a close typo of it ("tikc", "qustion"), and the phrases that
  mean "I said my story out loud";
* checklist numbers: ``1,3``, ``1 and 3``, ``1, 2 & 5``, ``1-3``, ``all``.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.model import Interview
from bot.timeparse import TimeParseError, parse_when

__all__ = ["ACTIONS", "action_word", "interview_named", "names_a_day", "practised_said",
           "read_ref", "tick_numbers"]

ACTIONS = {"tick": "tick", "check": "tick", "done": "tick", "untick": "untick",
           "question": "question", "q": "question", "story": "story",
           "practised": "practised", "practiced": "practised", "practise": "practised",
           "practice": "practised", "asked": "asked", "questions": "questions",
           "intro": "intro", "wear": "wear"}

# "I said it out loud", typed after prep: the same as ``practised``.
_PRACTISED = re.compile(
    r"^(?:i\s+|i've\s+|ive\s+|i have\s+|just\s+)*(?:practi[sc]ed|rehearsed|(?:said|told|did) "
    r"(?:it|my story|the story|my stories) (?:out loud|aloud))\b.*$", re.I)

# The words around an interview's name: "for my acme interview", "the globex one".
_AROUND = re.compile(r"^(?:(?:for|with|at|about|my|the|our|an?)\s+)+|"
                     r"(?:'s|s')?(?:\s+(?:interview|one|round|call|screen|chat|meeting|"
                     r"tomorrow))+$", re.I)


# Words that name no interview but the next one: "prep for my next interview".
NEXT = frozenset({"", "next", "upcoming", "it", "this", "me", "now", "next one"})


def read_ref(ref: str) -> str:
    """The interview's name or day, without "for my … interview" around it ("" for the
    next one: "for my next interview")."""
    bare = " ".join(ref.split()).strip(" ?.!")
    if bare.casefold() in NEXT:
        return ""
    while True:
        shorter = _AROUND.sub("", bare).strip()
        if shorter == bare or not shorter:
            bare = shorter or bare
            return "" if bare.casefold() in NEXT else bare
        bare = shorter


def action_word(word: str) -> str | None:
    """The action a word names, a small typo forgiven ("tikc", "qustion", "practsed")."""
    word = word.lower()
    if word in ACTIONS:
        return ACTIONS[word]
    if len(word) < 4:
        return None
    close = difflib.get_close_matches(word, [w for w in ACTIONS if len(w) >= 4], n=1,
                                      cutoff=0.75)
    return ACTIONS[close[0]] if close else None


def practised_said(text: str) -> bool:
    return bool(_PRACTISED.match(" ".join(text.split())))


def interview_named(ref: str, ahead: list[Interview], now: datetime,
                    zone: ZoneInfo) -> Interview | None:
    """The interview ahead that ``ref`` names by its company, else by its day; the
    soonest of several (a screen tomorrow before the final round next week)."""
    wanted = ref.casefold()
    soonest = sorted(ahead, key=lambda i: i.happens_at)
    for match in (lambda c: c == wanted, lambda c: c.startswith(wanted),
                  lambda c: wanted in c):
        for interview in soonest:
            if match(" ".join(interview.company.split()).casefold()):
                return interview
    day = _day(ref, now, zone)
    if day is None:
        return None
    return next((i for i in soonest if i.happens_at.astimezone(zone).date() == day), None)


def names_a_day(ref: str, now: datetime, zone: ZoneInfo) -> bool:
    """``ref`` is a day ("tomorrow", "friday"), not a company."""
    return _day(ref, now, zone) is not None


def _day(ref: str, now: datetime, zone: ZoneInfo) -> date | None:
    """The day ``ref`` names: "tomorrow", "friday", "tomorrows" (as in "tomorrows
    interview", its apostrophe left out)."""
    for said in dict.fromkeys((ref, ref.removesuffix("s"))):
        try:
            return parse_when(said, now, zone, ahead=True).astimezone(zone).date()
        except TimeParseError:
            continue
    return None


_ALL = re.compile(r"^(?:them\s+)?(?:all|everything|every one|all of them|all (?:5|five))$",
                  re.I)
_RANGE = re.compile(r"(\d+)\s*(?:-|–|to|through|thru)\s*(\d+)")
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                 "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5"}


def tick_numbers(value: str, count: int) -> list[int] | None:
    """The checklist numbers typed, 1 … ``count``; None when it isn't only numbers."""
    value = " ".join(_NUMBER_WORDS.get(w.lower(), w) for w in value.split()).strip(" .!")
    if _ALL.match(value):
        return list(range(1, count + 1))
    value = _RANGE.sub(lambda m: ",".join(
        str(n) for n in range(int(m.group(1)), int(m.group(2)) + 1)), value)
    numbers = [int(n) for n in re.findall(r"\d+", value)]
    if not numbers or re.sub(r"\d+|[,;&+\s]|\band\b", "", value.lower()):
        return None
    if not all(1 <= n <= count for n in numbers):
        return None
    return numbers
