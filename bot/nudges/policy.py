"""When nudges are due, and what happens to one that comes due.

Delays in whole days are added on the local calendar (a thank-you "1d" after a 14:00
interview is at 14:00 local the next day, across a DST change); the "heard back?"
check-in's days are business days (``bot.nudges.cadence``); hours, minutes and seconds are
elapsed time. Quiet hours move a nudge to the end of the window, in the person's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config import CoreConfig
from bot.model import Interview, Nudge, NudgeKind, Outcome, ReflectionState, ThankYou, User
from bot.nudges.cadence import CHECK_IN_TIME, add_business_days, add_business_delay
from bot.prep.timing import prep_due
from bot.timeparse import local_to_utc

__all__ = [
    "DEFAULT_QUIET",
    "Decision",
    "NudgePolicy",
    "add_local",
    "quiet_hours",
    "user_zone",
]

DEFAULT_QUIET = (time(22, 0), time(8, 0))
RETRY_AT_LEAST = timedelta(hours=1)
RETRY_FOR_A_DAY = timedelta(days=1)


def user_zone(user: User, config: CoreConfig) -> ZoneInfo:
    for name in (user.timezone, user.platform_timezone, config.default_timezone):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def quiet_hours(user: User) -> tuple[time, time] | None:
    """The person's quiet window; None when they turned it off (stored as equal times)."""
    if user.quiet_start is None or user.quiet_end is None:
        return DEFAULT_QUIET
    if user.quiet_start == user.quiet_end:
        return None
    return user.quiet_start, user.quiet_end


def add_local(start: datetime, delta: timedelta, zone: ZoneInfo) -> datetime:
    """``start`` + ``delta``: whole days on the local calendar, the rest as elapsed time."""
    days = timedelta(days=delta.days)
    rest = delta - days
    if days:
        local = start.astimezone(zone)
        start = local_to_utc(local.date() + days, local.time().replace(tzinfo=None), zone)
    return start + rest


def _in_window(at: time, start: time, end: time) -> bool:
    if start < end:
        return start <= at < end
    return at >= start or at < end  # wraps past midnight


# Silence this long after the interview counts as no callback (bot.insights.patterns):
# an interview logged later gets no "heard back?" check-in.
LOGGED_LATE_UNTIL = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class Decision:
    action: str  # "send" | "defer" | "drop"
    until: datetime | None = None
    reason: str = ""
    late: bool = False


class NudgePolicy:
    def __init__(self, config: CoreConfig) -> None:
        self.config = config

    def outside_quiet(self, due: datetime, user: User) -> datetime:
        """``due``, or the end of the quiet window it falls in (local wall clock)."""
        window = quiet_hours(user)
        if window is None:
            return due
        zone = user_zone(user, self.config)
        local = due.astimezone(zone)
        start, end = window
        if not _in_window(local.time().replace(tzinfo=None), start, end):
            return due
        day = local.date()
        if local.time().replace(tzinfo=None) >= end and start > end:
            day += timedelta(days=1)  # evening part of an overnight window: ends tomorrow
        return max(due, local_to_utc(day, end, zone))

    def plan(self, interview: Interview, user: User, now: datetime) -> list[Nudge]:
        """The nudges for a newly logged interview (nothing already in the past)."""
        assert interview.id is not None
        zone = user_zone(user, self.config)
        planned: list[tuple[NudgeKind, datetime, str]] = []
        at = interview.happens_at
        if at > now:
            planned.append((NudgeKind.REFLECT, at + self.config.reflect_after, "0"))
            prep = prep_due(interview, user, zone, now, quiet_hours(user))
            if prep is not None:
                planned.append((NudgeKind.PREP, prep, "0"))
        window_end = at + self.config.thank_you_window
        for index, delay in enumerate(self.config.thank_you_delays):
            due = at + delay
            if due < window_end:
                planned.append((NudgeKind.THANK_YOU, due, str(index)))
        check_in = add_business_delay(at, self.config.check_in_after, zone)
        if check_in <= now < at + LOGGED_LATE_UNTIL:
            # Logged after its "heard back?" time (a week of silence, then the log): the
            # check-in still comes, the next business day at 10:00, not never.
            day = add_business_days(now.astimezone(zone).date(), 1)
            check_in = local_to_utc(day, CHECK_IN_TIME, zone)
        planned.append((NudgeKind.CHECK_IN, check_in, "0"))
        nudges = []
        for kind, due, seq in planned:
            if due <= now:
                continue
            due = self.outside_quiet(due, user)
            nudges.append(self.make(user, interview, kind, due, seq))
        return nudges

    def next_check_in(self, interview: Interview, user: User, now: datetime,
                      asked: int, *, seq: int) -> Nudge | None:
        """Another "heard back?" after "no reply yet", while fewer than ``max_check_ins``
        have reached the person (``asked``); ``seq`` numbers every check-in ever made for
        the interview, cancelled ones included, so the new one gets a key of its own."""
        if asked >= self.config.max_check_ins:
            return None
        zone = user_zone(user, self.config)
        due = self.outside_quiet(add_business_delay(now, self.config.check_in_after, zone),
                                 user)
        return self.make(user, interview, NudgeKind.CHECK_IN, due, str(seq))

    @staticmethod
    def make(user: User, interview: Interview, kind: NudgeKind, due: datetime,
             seq: str) -> Nudge:
        assert user.id is not None
        return Nudge(
            user_id=user.id, interview_id=interview.id, kind=kind, due_at=due,
            original_due_at=due, idempotency_key=f"i{interview.id}:{kind.value}:{seq}",
        )

    def keep_trying_until(self, nudge: Nudge, interview: Interview) -> datetime:
        """Until when a reminder whose sends keep failing (a platform outage) is worth
        retrying: a thank-you reminder while the thank-you window is open (and at least an
        hour after it was due: after downtime it may come due late), a check-in or a
        reflection prompt for a day after it was due."""
        first_due = nudge.original_due_at or nudge.due_at
        if nudge.kind is NudgeKind.THANK_YOU:
            window_end = interview.happens_at + self.config.thank_you_window
            return max(window_end, first_due + RETRY_AT_LEAST)
        return first_due + RETRY_FOR_A_DAY

    def at_claim(self, nudge: Nudge, user: User, interview: Interview | None,
                 now: datetime) -> Decision:
        """Decide, when a nudge is claimed, whether it still makes sense to send now."""
        if interview is None:
            return Decision("drop", reason="interview deleted")
        if nudge.kind is NudgeKind.THANK_YOU and interview.thank_you in (ThankYou.SENT,
                                                                           ThankYou.NO):
            return Decision("drop", reason=f"thank-you {interview.thank_you.value}")
        if nudge.kind is NudgeKind.THANK_YOU and interview.outcome in (Outcome.REJECTED,
                                                                        Outcome.OFFER):
            return Decision("drop", reason="outcome already recorded")
        if nudge.kind is NudgeKind.REFLECT and interview.reflection_state is \
                ReflectionState.COMPLETED:
            return Decision("drop", reason="reflection already done")
        if nudge.kind is NudgeKind.CHECK_IN and interview.outcome not in (None,
                                                                          Outcome.NO_REPLY):
            return Decision("drop", reason="outcome already recorded")
        if nudge.kind in (NudgeKind.FOLLOW_UP, NudgeKind.CLOSE) and \
                interview.outcome not in (None, Outcome.NO_REPLY):
            return Decision("drop", reason="outcome already recorded")
        if nudge.kind is NudgeKind.PREP and now >= interview.happens_at:
            return Decision("drop", reason="interview already started")
        later = self.outside_quiet(now, user)
        if later > now:
            if nudge.kind is NudgeKind.PREP and later >= interview.happens_at:
                return Decision("drop", reason="quiet hours last until the interview")
            return Decision("defer", until=later, reason="quiet hours")
        return Decision("send", late=now - nudge.due_at > self.config.late_after)
