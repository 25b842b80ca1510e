"""The timeline the interviewer gave for next steps, as typed and, when it reads as one, as a
date: what the follow-up check-ins are timed by.

Stored in the answers as the text typed, ``"timeline": "by Friday"`` (what
``bot.followthrough`` reads), and beside it the date it names, ``"timeline_date":
"2026-06-12"`` (None when it is not a date: "they didn't say", "soon"), and who will be in
touch when it names them ("dana from recruiting will email": Dana, see
:mod:`bot.notes.contact`); ``back`` over the
question removes both. Read them with :func:`next_steps`; the date is
the day by which they said the person would hear, in the person's own calendar, counted
from the day of the interview:

* a day (``friday``, ``Dec 4``, ``tomorrow``, ``2026-12-01``): that day (``by``, ``on``,
  ``before`` and ``until`` are read past);
* ``this week`` / ``end of the week``: that week's Friday; ``next week``: next week's Friday;
* ``in|within N days|weeks`` (also ``a week``, ``a couple of weeks``, ``a few days``, words
  up to ten): that many calendar days after the interview; a range (``1-2 weeks``, ``one or
  two weeks``, ``a week or two``) counts to its later end;
* ``end of the month``: its last day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.followthrough.timeline import NOT_A_DATE
from bot.model import Interview
from bot.notes.contact import next_contact
from bot.timeparse import TimeParseError, parse_when

__all__ = ["TIMELINE_DATE", "NextSteps", "next_steps", "read_timeline"]

TIMELINE_DATE = "timeline_date"  # the answers' key for the date the timeline names

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "couple": 2, "a couple": 2,
            "a couple of": 2, "few": 3, "a few": 3}
_SPAN = re.compile(r"(?:in|within|about|around|roughly|under|after)?\s*(?:the next\s+)?"
                   r"(\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
                   r"(?:a )?couple(?: of)?|(?:a )?few)(?:\s*(?:-|to|or)\s*(\d{1,2}|"
                   r"two|three|four|five|six))?\s+"
                   r"(business days?|working days?|days?|weeks?)\b"
                   r"(?:\s+or\s+(\d{1,2}|two|three|four|five|six)\b)?")
_THIS_WEEK = re.compile(r"\b(?:this week|end of (?:the )?week|week'?s end|eow)\b")
_NEXT_WEEK = re.compile(r"\bnext week\b")
_MONTH_END = re.compile(r"\b(?:end of (?:the )?month|eom|this month)\b")
_LEAD = re.compile(r"^(?:they said|she said|he said|said|hopefully|probably|maybe|"
                   r"we'?ll hear|i'?ll hear|should hear|hear back|decision|answer|"
                   r"next steps?|by|on|before|until|till|no later than|around|sometime)\s+")

_BY = re.compile(r"\b(?:by|before|on|until|till)\s+")


@dataclass(frozen=True, slots=True)
class NextSteps:
    text: str
    on: date | None
    contact: str | None = None  # who will be in touch ("Dana"), when the answer names them


def read_timeline(text: str, interview: Interview, zone: ZoneInfo) -> dict[str, Any]:
    """What to store for the typed ``text`` (see the module docstring)."""
    day = _date(text, interview.happens_at, zone)
    return {"text": text, "date": day.isoformat() if day else None}


def next_steps(interview: Interview) -> NextSteps | None:
    """The timeline answer, or None when it was not asked, skipped or not answered."""
    answer: Any = interview.answers.get("timeline")
    raw: Any = interview.answers.get(TIMELINE_DATE)
    if isinstance(answer, dict):  # {"text", "date"} as read_timeline gives it
        answer, raw = answer.get("text"), answer.get("date")
    if not isinstance(answer, str) or not answer.strip():
        return None
    try:
        on = date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        on = None
    return NextSteps(answer, on, next_contact(answer))


def _date(text: str, since: datetime, zone: ZoneInfo) -> date | None:
    found = _date_in(text, since, zone)
    if found is None:  # "by friday, dana from recruiting will email me": clause by clause
        for clause in re.split(r"[,;]|\s[-–—]\s|\band\b", text)[:4]:
            if clause.strip() and clause.strip() != text.strip():
                found = _date_in(clause, since, zone)
                if found is not None:
                    break
    return found


def _date_in(text: str, since: datetime, zone: ZoneInfo) -> date | None:
    words = re.sub(r"[^a-z0-9:\- ]+", " ", text.lower().replace("’", "'"))
    words = re.sub(r"\s+", " ", words).strip()
    while True:
        shorter = _LEAD.sub("", words)
        if shorter == words:
            break
        words = shorter
    start = since.astimezone(zone).date()
    friday = start + timedelta(days=(4 - start.weekday()) % 7)
    # Each pattern is searched for only where its words are (a span's unit has "day" or
    # "week" in it): an answer that names no date no longer pays for every search.
    weekly = "week" in words
    if (weekly or "eow" in words) and _THIS_WEEK.search(words):
        return friday
    if weekly and _NEXT_WEEK.search(words):
        return friday + timedelta(days=7) if friday != start else start + timedelta(days=7)
    if ("month" in words or "eom" in words) and _MONTH_END.search(words):
        first_next = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return first_next - timedelta(days=1)
    span = _SPAN.search(words) if weekly or "day" in words else None
    if span:
        # "1-2 weeks", "one or two weeks", "a week or two": the later end (a check-in
        # before the time they gave would only worry the person).
        said = (span.group(4) or span.group(2) or span.group(1)).strip()
        count = int(said) if said.isdigit() else _NUMBERS.get(said)
        if count:
            unit = span.group(3)
            if unit.startswith(("business", "working")):
                day, left = start, count
                while left:
                    day += timedelta(days=1)
                    if day.weekday() < 5:
                        left -= 1
                return day
            return start + timedelta(days=count * (7 if unit.startswith("week") else 1))
    for candidate in (words, *_tails(words)):
        if NOT_A_DATE.fullmatch(candidate.strip()):
            continue  # "4", "10am": no day named
        try:
            when = parse_when(candidate, since, zone, ahead=True)
        except TimeParseError:
            continue
        day = when.astimezone(zone).date()
        return day if day >= start else None
    return None


def _tails(words: str) -> list[str]:
    """What follows the last "by", "before", "on" or "until" in a sentence ("they would let
    me know by friday" -> "friday"), for a date said at the end of one."""
    found = list(_BY.finditer(words))
    return [words[found[-1].end():]] if found else []
