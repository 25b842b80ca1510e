"""How much prep fits the time left before the interview.

The full checklist (``bot.prep.checklist.CHECKLIST``) is an evening's work: a news search
over three months, a trade article on the industry. Two hours before a technical round it
is the wrong advice - nobody reads an analyst summary then, and the link that doesn't open
costs more than any of it. So under :data:`SHORT` the checklist is the few items worth it
in that time, most urgent first (the logistics, the role, one thing about the company, the
interviewer when they are named), each with a quick way to do it; the numbers stay those
of the full list, so ``tick 5`` means the logistics either way. A week ahead it says one
item an evening is plenty.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.model import Interview
from bot.prep.checklist import CHECKLIST, ChecklistItem

__all__ = ["SHORT", "TimeLeft", "time_left"]

# Less than this before the interview, only the quick items are worth doing.
SHORT = timedelta(hours=4)
# This many days ahead or more, the checklist can be spread over the evenings.
SPREAD_DAYS = 3

# The quick way, in the order worth doing them with little time left.
_QUICK: dict[str, str] = {
    "logistics": "Open the link or check the route now, test your camera and microphone, "
                 "and have the time and who you'll meet written down.",
    "role": "Reread the posting; for its top three requirements, have one example of yours "
            "ready to name.",
    "company": "Five minutes on their site or latest news: one thing you could mention or "
               "ask about.",
    "interviewer": "Two minutes on their profile: their role, and one thing you have in "
                   "common.",
}


@dataclass(frozen=True, slots=True)
class TimeLeft:
    """How long until the interview: the whole span, and calendar days in their zone."""

    span: timedelta
    days: int

    @property
    def short(self) -> bool:
        return self.span < SHORT

    def items(self, interview: Interview) -> list[tuple[int, ChecklistItem]]:
        """The checklist items worth doing now, with their numbers in the full list."""
        numbered = list(enumerate(CHECKLIST, start=1))
        if not self.short:
            return numbered
        by_key = {item.key: (n, item) for n, item in numbered}
        keys = [k for k in _QUICK if k != "interviewer" or interview.interviewer]
        return [(by_key[k][0], replace(by_key[k][1], how=_QUICK[k])) for k in keys]

    def lead(self) -> str | None:
        """The line above the checklist, when the time left changes what to do."""
        if self.short:
            return (f"{self._hours()} to go, so only what's worth it now, in this order - "
                    "about 20 minutes. The rest can wait for your next interview.")
        if self.days >= SPREAD_DAYS:
            return (f"{self.days} days to go: one item an evening is plenty, and the "
                    "logistics the evening before.")
        return None

    def when(self) -> str:
        """When to do it: "before you go in" on the day, "tonight" the day before, "before
        the day" earlier (it said "tonight" to someone whose interview was in two hours)."""
        return "before you go in" if self.days <= 0 else "tonight" if self.days == 1 \
            else "before the day"

    def _hours(self) -> str:
        minutes = int(self.span.total_seconds() // 60)
        if minutes < 60:
            return "Under an hour"
        hours = round(minutes / 60)
        return "About an hour" if hours == 1 else f"About {hours} hours"


def time_left(interview: Interview, now: datetime, zone: ZoneInfo) -> TimeLeft:
    days = (interview.happens_at.astimezone(zone).date() - now.astimezone(zone).date()).days
    return TimeLeft(interview.happens_at - now, days)
