"""Times people type, read in their own timezone (DST-correct via zoneinfo).

Accepted (case-insensitive): ``now``; ``today``/``tomorrow``/``yesterday`` or a weekday
(``mon`` … ``sunday``, meaning the next one) or ``YYYY-MM-DD``, optionally followed by a
time; a bare time (``14:30``, ``3pm``, ``9:15am``) meaning today; ``in 2h``; ``2h ago``;
an ISO 8601 instant with an offset (``2026-12-01T10:00:00+01:00``), which is what the date
pickers of Slack forms give us.
A small grammar of our own rather than a natural-language library: it is predictable,
imports in microseconds and every form is listed in the error message.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.durations import DurationError, parse_duration

__all__ = ["TimeParseError", "local_to_utc", "parse_clock_time", "parse_when"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


class TimeParseError(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def parse_clock_time(text: str) -> time:
    """``14:30``, ``9``, ``3pm``, ``9:15am`` → a wall-clock time."""
    m = _TIME.match(text.strip())
    if not m:
        raise TimeParseError(text)
    hour, minute, meridiem = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            raise TimeParseError(text)
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    elif m.group(2) is None and not text.strip().isdigit():
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


def parse_when(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """Parse what a person typed into a UTC instant, relative to ``now`` in ``zone``."""
    raw = " ".join(text.strip().lower().split())
    if not raw:
        raise TimeParseError(text)
    if raw in {"now", "just now", "just ended"}:
        return now
    instant = _iso_instant(text.strip())
    if instant is not None:
        return instant
    relative = _relative(raw, now)
    if relative is not None:
        return relative
    local_now = now.astimezone(zone)
    day, rest = _day(raw, local_now.date())
    if rest:
        at = parse_clock_time(rest)
    elif day is not None:
        raise TimeParseError(text)  # a day without a time is ambiguous for an interview
    else:
        raise TimeParseError(text)
    return local_to_utc(day or local_now.date(), at, zone)


def _iso_instant(text: str) -> datetime | None:
    """``2026-12-01T10:00:00+01:00`` / ``…Z``: an exact instant, as date pickers send it."""
    if "t" not in text.lower() or not re.search(r"(z|[+-]\d{2}:?\d{2})$", text.lower()):
        return None
    try:
        parsed = datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo is not None else None


def _relative(raw: str, now: datetime) -> datetime | None:
    try:
        if raw.startswith("in "):
            return now + parse_duration(raw[3:].replace(" ", ""))
        if raw.endswith(" ago"):
            return now - parse_duration(raw[:-4].replace(" ", ""))
    except DurationError as exc:
        raise TimeParseError(raw) from exc
    return None


def _day(raw: str, today: date) -> tuple[date | None, str]:
    first, _, rest = raw.partition(" ")
    if first == "today":
        return today, rest
    if first == "tomorrow":
        return today + timedelta(days=1), rest
    if first == "yesterday":
        return today - timedelta(days=1), rest
    for index, name in enumerate(_WEEKDAYS):
        # "fri", "frid", "friday" (and "weds"), but not any word that starts like a day.
        if len(first) >= 3 and (name.startswith(first) or first == name[:3] + "s"):
            ahead = (index - today.weekday()) % 7
            return today + timedelta(days=ahead), rest
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:t(\S+))?$", first)
    if m:
        try:
            day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError as exc:
            raise TimeParseError(raw) from exc
        return day, (m.group(4) or rest).strip()
    return None, raw
