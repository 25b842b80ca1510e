"""The date an interviewer named for next steps, as people type it.

Read with the console's time grammar (``bot.timeparse``) after small rewrites of how
people say it: ``by friday`` / ``before friday`` / ``on friday`` (the day), ``end of the
week`` / ``end of next week`` (that Friday), ``within 2 weeks`` / ``2 weeks`` (in 2
weeks). Only the date counts; the check-in time comes from ``bot.nudges.cadence``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.timeparse import TimeParseError, parse_when

__all__ = ["MAX_TIMELINE", "NOT_A_DATE", "parse_timeline"]

MAX_TIMELINE = timedelta(days=120)
# A number or a clock time alone names no day: "4" is more likely a rating typed one
# question late than "today at 4".
NOT_A_DATE = re.compile(r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?")


def parse_timeline(text: str, now: datetime, zone: ZoneInfo) -> date:
    """The local date named; raises ValueError for anything else (or too far away)."""
    raw = " ".join(text.lower().strip().rstrip(".!").split())
    raw = re.sub(r"^(?:by|before|on|until|till|around|about)\s+", "", raw)
    if NOT_A_DATE.fullmatch(raw):  # "4" (a rating typed a question late), "10am"
        raise ValueError(text)
    today = now.astimezone(zone).date()
    end_of = re.fullmatch(r"(?:the\s+)?end of (?:the |this )?(next )?week", raw)
    if end_of:
        friday = today + timedelta(days=(4 - today.weekday()) % 7)
        return friday + timedelta(days=7) if end_of.group(1) else friday
    raw = re.sub(r"^within\s+", "in ", raw)
    if re.fullmatch(r"\d+\s*(?:days?|weeks?)", raw) or re.fullmatch(
            r"(?:a|one|two|three)\s+weeks?", raw):
        raw = "in " + raw
    raw = re.sub(r"^in (?:a|one) week$", "in 1 week", raw)
    raw = re.sub(r"^in two weeks$", "in 2 weeks", raw).replace("in three weeks", "in 3 weeks")
    try:
        when = parse_when(raw, now, zone, ahead=True)
    except TimeParseError as exc:
        raise ValueError(text) from exc
    day = when.astimezone(zone).date()
    if day < today or when - now > MAX_TIMELINE:
        raise ValueError(text)
    return day
