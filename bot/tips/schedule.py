"""Tip schedules a person can type, and when they fire in a community's timezone.

Accepted (case-insensitive; ``09:00``, ``9:00``, ``9am`` all work for the time)::

    daily 09:00                 every day
    weekdays 12:30              Monday to Friday
    weekends 10:00              Saturday and Sunday
    weekly mon 09:00            one day a week (``every monday 9am`` too)
    mon,wed,fri 09:00           several days
    0 9 * * 1-5                 a 5-field cron line (``cron 0 9 * * 1-5`` too)

Cron lines are read the way crontab reads them (day of week ``0`` and ``7`` are Sunday),
not the way APScheduler 3 does (where ``0`` is Monday): the day-of-week field is translated
to day names here. Two limits keep a channel from being flooded or surprised: the minute
must be a single number (at most one tip an hour), and a line may restrict the day of the
month or the day of the week but not both (crontab would fire on either; APScheduler on
both).

Times are wall-clock times in the subscription's IANA zone, so ``daily 09:00`` in
Europe/Berlin is 09:00 local on both sides of a DST change (APScheduler's ``CronTrigger``
does the arithmetic with ``zoneinfo``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.timeparse import TimeParseError, parse_clock_time

__all__ = [
    "ScheduleError",
    "TipSchedule",
    "latest_occurrence",
    "next_occurrence",
    "parse_schedule",
]

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_WORDS = {name: i for i, name in enumerate(DAY_NAMES)} | {
    full: i for i, full in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
} | {"tues": 1, "wednes": 2, "thur": 3, "thurs": 3}
_ALIASES = {"weekday": "weekdays", "weekend": "weekends", "everyday": "daily",
            "day": "daily"}
# How far back to look for a missed occurrence, widening until one is found (a yearly cron
# line needs the widest; a daily one never gets past the second).
_LOOKBACK = (timedelta(hours=2), timedelta(days=2), timedelta(days=9), timedelta(days=33),
             timedelta(days=367), timedelta(days=4 * 366 + 1))


class ScheduleError(ValueError):
    """``text`` is not a schedule we can read; ``why`` is one of ``unreadable``,
    ``too_often``, ``both_days`` or ``never``."""

    def __init__(self, text: str, why: str = "unreadable") -> None:
        super().__init__(f"{why}: {text}")
        self.text = text
        self.why = why


@dataclass(frozen=True, slots=True)
class TipSchedule:
    """A parsed schedule. ``text`` is its canonical form (what is stored and shown)."""

    kind: str  # daily | weekdays | weekends | weekly | cron
    text: str
    at: time | None = None
    days: tuple[int, ...] = ()  # weekdays (0 = Monday) for ``weekly``
    cron: tuple[str, str, str, str, str] | None = None  # APScheduler fields (dow as names)

    def trigger(self, zone: ZoneInfo) -> CronTrigger:
        if self.cron is not None:
            minute, hour, day, month, dow = self.cron
            return CronTrigger(minute=minute, hour=hour, day=day, month=month,
                               day_of_week=dow, timezone=zone)
        assert self.at is not None
        dow = {"daily": "*", "weekdays": "mon-fri", "weekends": "sat,sun"}.get(
            self.kind) or ",".join(DAY_NAMES[d] for d in self.days)
        return CronTrigger(minute=self.at.minute, hour=self.at.hour, day_of_week=dow,
                           timezone=zone)


def parse_schedule(text: str) -> TipSchedule:
    """Read what a person typed (see the module docstring) or raise :class:`ScheduleError`."""
    raw = " ".join(text.strip().lower().split())
    if not raw or len(raw) > 100:
        raise ScheduleError(text)
    if raw.startswith("cron "):
        raw = raw[5:]
    fields = raw.split(" ")
    if len(fields) == 5 and not any(":" in f or f.endswith(("am", "pm")) for f in fields):
        return _cron(fields, text)
    words = [w for w in re.split(r"[\s,]+", raw.replace(" at ", " ")) if w]
    if words and words[0] == "every":
        words = ["daily", *words[2:]] if words[1:2] == ["day"] else words[1:]
    if len(words) >= 3 and words[-1] in ("am", "pm"):
        words = [*words[:-2], words[-2] + words[-1]]
    if len(words) < 2:
        raise ScheduleError(text)
    at = _clock(words[-1], text)
    head = [_ALIASES.get(w, w) for w in words[:-1]]
    if head in (["daily"], ["weekdays"], ["weekends"]):
        return TipSchedule(head[0], f"{head[0]} {at:%H:%M}", at)
    if head and head[0] == "weekly":
        head = head[1:]
    days = sorted({d for w in head for d in _days(w, text)})
    if not days:
        raise ScheduleError(text)
    named = {7: "daily", 5: "weekdays", 2: "weekends"}.get(len(days))
    if named and days in ([0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3, 4], [5, 6]):
        return TipSchedule(named, f"{named} {at:%H:%M}", at)
    names = ",".join(DAY_NAMES[d] for d in days)
    prefix = "weekly " if len(days) == 1 else ""
    return TipSchedule("weekly", f"{prefix}{names} {at:%H:%M}", at, tuple(days))


def _clock(word: str, text: str) -> time:
    try:
        return parse_clock_time(word)
    except TimeParseError:
        raise ScheduleError(text) from None


def _days(word: str, text: str) -> range:
    """``mon`` or a range such as ``mon-fri`` (weekdays, 0 = Monday)."""
    first, dash, last = word.partition("-")
    start = _day(first, text)
    end = _day(last, text) if dash else start
    if end < start:
        raise ScheduleError(text)
    return range(start, end + 1)


def _day(word: str, text: str) -> int:
    day = _DAY_WORDS.get(word, _DAY_WORDS.get(word.removesuffix("s")))
    if day is None:
        raise ScheduleError(text)
    return day


def _cron(fields: list[str], text: str) -> TipSchedule:
    minute, hour, day, month, dow = fields
    if not minute.isdigit() or int(minute) > 59:
        raise ScheduleError(text, "too_often")
    names = _cron_weekdays(dow, text)
    if day not in ("*", "?") and names != "*":
        raise ScheduleError(text, "both_days")
    schedule = TipSchedule("cron", "cron " + " ".join(fields),
                           cron=(str(int(minute)), hour, day, month, names))
    try:
        trigger = schedule.trigger(ZoneInfo("UTC"))
        first = trigger.get_next_fire_time(None, datetime(2000, 1, 1, tzinfo=UTC))
    except ValueError:
        raise ScheduleError(text) from None
    if first is None:
        raise ScheduleError(text, "never")
    return schedule


def _cron_weekdays(field: str, text: str) -> str:
    """A crontab day-of-week field (0/7 = Sunday, names, ranges, lists, steps) as an
    explicit list of APScheduler day names, or ``*`` for every day."""
    if field in ("*", "?"):
        return "*"
    picked: set[int] = set()  # crontab numbering, 0 = Sunday
    for item in field.split(","):
        span, _, step_text = item.partition("/")
        step = int(step_text) if step_text.isdigit() and int(step_text) > 0 else None
        if step_text and step is None:
            raise ScheduleError(text)
        if span == "*":
            first, last = 0, 6
        else:
            start, dash, end = span.partition("-")
            first = _cron_day(start, text)
            last = _cron_day(end, text) if dash else (6 if step else first)
            if last == 0 and first > 0:
                last = 7  # "5-0" or "fri-sun": up to Sunday
        if last < first:
            raise ScheduleError(text)
        picked.update(d % 7 for d in range(first, last + 1, step or 1))
    if len(picked) == 7:
        return "*"
    return ",".join(DAY_NAMES[(d - 1) % 7] for d in sorted(picked, key=lambda d: (d - 1) % 7))


def _cron_day(word: str, text: str) -> int:
    """Crontab numbering: 0 (or 7) is Sunday, 1 Monday … 6 Saturday."""
    if word.isdigit() and int(word) <= 7:
        return int(word)
    if word in _DAY_WORDS:
        return (_DAY_WORDS[word] + 1) % 7
    raise ScheduleError(text)


def _fire_times(schedule: TipSchedule, zone: ZoneInfo, after: datetime,
                until: datetime) -> Iterator[datetime]:
    """Fire times in ``(after, until]``, oldest first."""
    trigger = schedule.trigger(zone)
    current = trigger.get_next_fire_time(None, after + timedelta(microseconds=1))
    while current is not None and current <= until:
        yield current
        current = trigger.get_next_fire_time(current, current + timedelta(seconds=1))


def latest_occurrence(schedule: TipSchedule, zone: ZoneInfo, after: datetime,
                      now: datetime) -> datetime | None:
    """The newest fire time in ``(after, now]`` (UTC), or None. After downtime this is the
    one missed occurrence worth posting; the older ones are simply never posted."""
    for window in _LOOKBACK:
        start = max(after, now - window)
        latest = None
        for latest in _fire_times(schedule, zone, start, now):  # noqa: B007 - want the last
            pass
        if latest is not None:
            return latest.astimezone(UTC)
        if start == after:
            return None
    return None


def next_occurrence(schedule: TipSchedule, zone: ZoneInfo, now: datetime) -> datetime | None:
    """The first fire time after ``now`` (UTC)."""
    found = schedule.trigger(zone).get_next_fire_time(None, now + timedelta(microseconds=1))
    return found.astimezone(UTC) if found is not None else None
