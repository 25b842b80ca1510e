"""When the prep message for an interview logged ahead arrives.

* The evening before the interview, at the person's prep time (``/debrief settings prep
  18:00``; default 18:00), on their own calendar and zone (DST-correct).
* If that time falls inside their quiet hours, it comes an hour before the quiet hours
  begin that evening instead (never during them, never later than the prep time).
* ``settings prep off``: no prep message (``/debrief prep`` still works on demand).
* Logged less than a day ahead - the evening before has already passed, or is less than
  an hour away from "now" - no message is scheduled: the reply to logging it offers prep
  at once (a "Prepare now" button), because the person is there right now.
* A prep message that would only arrive after the interview started is dropped.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.model import Interview, User
from bot.timeparse import TimeParseError, local_to_utc, parse_clock_time

__all__ = [
    "DEFAULT_PREP_TIME",
    "PREP_OFF",
    "SOON",
    "parse_prep_setting",
    "prep_due",
    "prep_time",
]

DEFAULT_PREP_TIME = time(18, 0)
PREP_OFF = "off"
# Closer to now than this, the logging reply offers prep at once instead of a message.
SOON = timedelta(hours=1)


def prep_time(user: User) -> time | None:
    """The person's prep time; None when they turned the prep message off."""
    if user.prep_time is None:
        return DEFAULT_PREP_TIME
    if user.prep_time == PREP_OFF:
        return None
    try:
        return parse_clock_time(user.prep_time)
    except TimeParseError:
        return DEFAULT_PREP_TIME


def parse_prep_setting(text: str) -> str:
    """What ``settings prep …`` stores: ``"18:00"`` or ``"off"``. Raises ValueError."""
    text = " ".join(text.strip().lower().split())
    if text in ("off", "none", "no", "never"):
        return PREP_OFF
    if text in ("on", "default", "yes"):
        return DEFAULT_PREP_TIME.strftime("%H:%M")
    text = re.sub(r"^(?:at|@)\s*", "", text)
    try:
        return parse_clock_time(text).strftime("%H:%M")
    except TimeParseError as exc:
        raise ValueError(text) from exc


def _in_window(at: time, start: time, end: time) -> bool:
    if start < end:
        return start <= at < end
    return at >= start or at < end


def prep_due(interview: Interview, user: User, zone: ZoneInfo, now: datetime,
             quiet: tuple[time, time] | None) -> datetime | None:
    """When to send the prep message for ``interview``; None when there is none to send
    (prep off, or too close to now: the logging reply offers it at once). ``quiet`` is
    the person's quiet window (``bot.nudges.policy.quiet_hours``)."""
    at = prep_time(user)
    if at is None:
        return None
    window = quiet
    if window is not None and _in_window(at, *window):
        start = window[0]
        at = (datetime.combine(date(2000, 1, 1), start) - timedelta(hours=1)).time()
    evening_before = interview.happens_at.astimezone(zone).date() - timedelta(days=1)
    due = local_to_utc(evening_before, at, zone)
    if due >= interview.happens_at or due < now + SOON:
        return None
    return due
