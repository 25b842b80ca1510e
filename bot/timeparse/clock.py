"""Clock times and the instant of a local wall-clock time (DST-correct via zoneinfo)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

__all__ = ["DEFAULT_TIME", "TimeParseError", "local_to_utc", "parse_clock_time"]

# What a day without a time means: "tomorrow", "next monday", "Dec 4".
DEFAULT_TIME = time(9, 0)

# "14:30", "3.30pm", "10 a.m.", and "14h30" as much of Europe writes it.
_TIME = re.compile(r"^(\d{1,2})(?:(?:[:.]|h(?=\d{2}$))(\d{2}))?\s*(am|pm|a\.m\.?|p\.m\.?)?$",
                   re.IGNORECASE)
_NOON = ("noon", "midday", "12 noon")


class TimeParseError(ValueError):
    """``text`` names no time. ``unsure``: it says the person doesn't know ("idk"), so the
    reply can say a rough time is fine; ``readings``: the days a number such as ``12/5``
    can be (5 December, 12 May) when neither fits, so the reply can show both."""

    def __init__(self, text: str, *, unsure: bool = False,
                 readings: tuple[date, ...] = ()) -> None:
        super().__init__(text)
        self.text = text
        self.unsure = unsure
        self.readings = readings


def parse_clock_time(text: str) -> time:
    """``14:30``, ``9``, ``3pm``, ``9:15am``, ``3.30pm``, ``noon``, ``midnight`` → a
    wall-clock time (midnight is 00:00)."""
    raw = " ".join(text.strip().lower().split())
    if raw in _NOON:
        return time(12, 0)
    if raw == "midnight":
        return time(0, 0)
    m = _TIME.match(raw)
    if not m:
        raise TimeParseError(text)
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    meridiem = (m.group(3) or "").replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            raise TimeParseError(text)
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    elif m.group(2) is None and not raw.isdigit():
        raise TimeParseError(text)
    if hour > 23 or minute > 59:
        raise TimeParseError(text)
    return time(hour, minute)


def local_to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall-clock time. A time skipped by a DST jump moves forward
    by the gap (02:30 on spring-forward day is 03:30); an ambiguous one takes the first."""
    # fold=0 does both (PEP 495): a gap time takes the offset before the jump, which lands
    # after it; an ambiguous time takes its first occurrence.
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)

