"""Two interviews on one day: each one's prep names the other.

"prep for tomorrow" with a screen at 10:00 and a technical round at 15:00 showed the
10:00 one as if it were the only one, and each evening message read as if the other did
not exist - someone with two interviews the same day prepared for one, or found out at
18:01 that a second message came with another twenty minutes of work. Now each says,
in one line, which other interviews fall on the same day and where their prep is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.copy.naming import employer, listed
from bot.model import Interview

__all__ = ["same_day", "same_day_line"]


def same_day(interview: Interview, interviews: Sequence[Interview], zone: ZoneInfo,
             now: datetime) -> list[Interview]:
    """Their other interviews still ahead on the same day, in their zone, soonest first."""
    day = interview.happens_at.astimezone(zone).date()
    return sorted((i for i in interviews
                   if i.id != interview.id and i.happens_at > now
                   and i.happens_at.astimezone(zone).date() == day),
                  key=lambda i: i.happens_at)


def same_day_line(interview: Interview, others: Sequence[Interview], zone: ZoneInfo) -> str:
    """"Same day: Globex at 15:00 too - `/debrief prep #2` has its prep." """
    named = listed([f"{employer(i)} at {i.happens_at.astimezone(zone):%H:%M}" for i in others])
    where = " and ".join(f"`/debrief prep #{i.id}`" for i in others)
    first = others[0].happens_at < interview.happens_at
    order = " first" if first and len(others) == 1 else " too"
    return (f"Same day: {named}{order} - {where} "
            f"{'has its' if len(others) == 1 else 'have their'} prep.")
