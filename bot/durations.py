"""Durations as people and operators type them: ``90s``, ``15m``, ``2h``, ``7d``, ``1h30m``,
and in words: ``2 hours``, ``90 minutes``, ``an hour``, ``two hours``, ``a couple of days``,
``half an hour``, ``a few hours`` (three), ``1 week``, ``1 hour and 30 minutes``, ``for 2h``
(as in ``snooze 7 for 2h``)."""

from __future__ import annotations

import re
from datetime import timedelta

__all__ = ["DurationError", "calendar_parts", "format_duration", "parse_duration"]

_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_WORD_UNITS = {
    "weeks": 604800, "week": 604800, "wks": 604800, "wk": 604800, "w": 604800,
    "days": 86400, "day": 86400, "d": 86400,
    "hours": 3600, "hour": 3600, "hrs": 3600, "hr": 3600, "h": 3600,
    "minutes": 60, "minute": 60, "mins": 60, "min": 60, "m": 60,
    "seconds": 1, "second": 1, "secs": 1, "sec": 1, "s": 1,
}
# Amounts said in words ("two hours ago", "a couple of days"); "half an hour" is half a unit.
_AMOUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "a couple of": 2, "couple of": 2, "a couple": 2, "couple": 2, "a few": 3,
            "few": 3}
_HALF = frozenset({"half an", "half a"})
# The same, as read with or without their spaces ("halfan", "acoupleof").
_SPOKEN = {a.replace(" ", ""): n for a, n in _AMOUNTS.items()}
_HALVES = frozenset(a.replace(" ", "") for a in _HALF)
# One "<amount> <unit>" after an optional "," or "and"; longest amounts and unit names first.
# (spaces optional: ``snooze 7 half an hour`` is read with its spaces taken out)
_PART = re.compile(
    r"\s*(?:(?:,|and)\s*)?(\d{1,9}|"
    + "|".join(a.replace(" ", r"\s*") for a in sorted([*_AMOUNTS, *_HALF], key=len,
                                                      reverse=True)) + r")\s*("
    + "|".join(sorted(_WORD_UNITS, key=len, reverse=True)) + r")", re.IGNORECASE)
_FOR = re.compile(r"^\s*for\s*", re.IGNORECASE)
# Longer than any reminder, interview or setting could want; keeps datetime arithmetic safe.
_MAX_SECONDS = 10 * 365 * 86400


class DurationError(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(f"{text!r} is not a duration: use forms like 90s, 15m, 2h, 7d or 1h30m")
        self.text = text


def parse_duration(text: str) -> timedelta:
    days, seconds = calendar_parts(text)
    return timedelta(days=days, seconds=seconds)


def calendar_parts(text: str) -> tuple[int, int]:
    """``(days, seconds)``: what was typed in days and weeks, and in smaller units, so a
    caller can move whole days along a local calendar (``24 hours`` is ``(0, 86400)``)."""
    body = _FOR.sub("", text or "").rstrip()
    days = seconds = position = 0
    while position < len(body):
        part = _PART.match(body, position)
        if part is None or part.end() == position:
            raise DurationError(text)
        said = re.sub(r"\s+", "", part.group(1).lower())
        amount = int(said) if said.isdigit() else _SPOKEN.get(said, 1)
        size = _WORD_UNITS[part.group(2).lower()] // (2 if said in _HALVES else 1)
        if size % 86400 == 0:
            days += amount * size // 86400
        else:
            seconds += amount * size
        position = part.end()
    if not 0 < days * 86400 + seconds <= _MAX_SECONDS:
        raise DurationError(text)
    return days, seconds


def format_duration(delta: timedelta) -> str:
    """``timedelta(hours=1, minutes=30)`` → ``1h30m`` (the same form parse_duration reads)."""
    seconds = int(delta.total_seconds())
    out = []
    for unit, size in _UNITS.items():
        if seconds >= size:
            out.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(out) or "0s"
