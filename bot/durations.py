"""Durations as people and operators type them: ``90s``, ``15m``, ``2h``, ``7d``, ``1h30m``."""

from __future__ import annotations

import re
from datetime import timedelta

__all__ = ["DurationError", "format_duration", "parse_duration"]

_PART = re.compile(r"(\d+)\s*(d|h|m|s)", re.IGNORECASE)
_WHOLE = re.compile(r"^\s*(?:\d+\s*[dhms]\s*)+$", re.IGNORECASE)
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


class DurationError(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(f"{text!r} is not a duration: use forms like 90s, 15m, 2h, 7d or 1h30m")
        self.text = text


def parse_duration(text: str) -> timedelta:
    if not _WHOLE.match(text or ""):
        raise DurationError(text)
    seconds = sum(int(n) * _UNITS[u.lower()] for n, u in _PART.findall(text))
    if seconds <= 0:
        raise DurationError(text)
    return timedelta(seconds=seconds)


def format_duration(delta: timedelta) -> str:
    """``timedelta(hours=1, minutes=30)`` → ``1h30m`` (the same form parse_duration reads)."""
    seconds = int(delta.total_seconds())
    out = []
    for unit, size in _UNITS.items():
        if seconds >= size:
            out.append(f"{seconds // size}{unit}")
            seconds %= size
    return "".join(out) or "0s"
