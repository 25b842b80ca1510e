"""Business days for the follow-up cadence with the employer.

Employers answer on working days, so the "heard back?" check-ins count business days:
Monday to Friday on the person's own calendar (their zone), weekends skipped. Public
holidays are not known to Debrief and count as business days.

* The interviewer named a date for next steps: the first check-in is two business days
  after that date, at 10:00 the person's time (a morning, when a follow-up e-mail is read).
* They named none: ``DEBRIEF_CHECK_IN_AFTER`` after the interview (default ``5d``); its
  whole days are business days, at the interview's own local time, any hours and minutes
  in it elapsed time after that. 5 business days is the short end of the usual 5-7: for a
  Monday-to-Friday interview it is the same weekday a week later.
* Each later check-in or follow-up: the same business-day delay after the previous one.

Wall-clock times are local, so a check-in across a DST change keeps its local hour.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.timeparse import local_to_utc

__all__ = [
    "AFTER_NAMED_DATE",
    "CHECK_IN_TIME",
    "add_business_days",
    "add_business_delay",
    "check_in_after_named_date",
    "is_business_day",
]

AFTER_NAMED_DATE = 2  # business days after the date the interviewer named
CHECK_IN_TIME = time(10, 0)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5


def add_business_days(day: date, count: int) -> date:
    """``count`` business days after ``day`` (``day`` itself may be a weekend day)."""
    if count < 0:
        raise ValueError("count must not be negative")
    while count:
        day += timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def add_business_delay(start: datetime, delay: timedelta, zone: ZoneInfo) -> datetime:
    """``start`` + ``delay``: whole days as business days on the local calendar (same local
    time of day), the rest as elapsed time."""
    days = delay.days
    rest = delay - timedelta(days=days)
    if days:
        local = start.astimezone(zone)
        day = add_business_days(local.date(), days)
        start = local_to_utc(day, local.time().replace(tzinfo=None), zone)
    return start + rest


def check_in_after_named_date(named: date, zone: ZoneInfo) -> datetime:
    """Two business days after the date the interviewer named, 10:00 local."""
    return local_to_utc(add_business_days(named, AFTER_NAMED_DATE), CHECK_IN_TIME, zone)
