"""The core's own knobs, filled from adapters.settings by the composition root."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

__all__ = ["CoreConfig"]


@dataclass(frozen=True, slots=True)
class CoreConfig:
    default_timezone: str = "UTC"
    thank_you_delays: tuple[timedelta, ...] = (timedelta(hours=2), timedelta(hours=20))
    # Whole days are business days (Mon-Fri in the person's zone): bot.nudges.cadence.
    check_in_after: timedelta = timedelta(days=5)
    # An interview logged ahead of time gets a reflection prompt this long after it starts.
    reflect_after: timedelta = timedelta(hours=1)
    # The thank-you window DESIGN.md talks about.
    thank_you_window: timedelta = timedelta(hours=24)
    # Free-text answers longer than this are refused (with a message saying so).
    max_answer_length: int = 1000
    max_name_length: int = 100
    # A nudge delivered more than this after it was due says it is late.
    late_after: timedelta = timedelta(minutes=10)
    # How many "heard back?" check-ins before we stop asking.
    max_check_ins: int = 3
