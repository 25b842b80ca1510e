"""An interview logged twice (a double click, a resent command) is refused kindly.

Two logs count as one interview when the company is the same (case and spacing aside) and
the times are within :data:`SAME_TIME` of each other. The person is pointed at the one
already logged; a second interview at the same company is logged with its own time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.context import Context, UserError
from bot.records.words import already_logged

__all__ = ["SAME_TIME", "SENT_AGAIN", "refuse_duplicate"]

SAME_TIME = timedelta(minutes=5)
# An interview logged as "just ended" and sent again within this (back at the desk, the
# command pasted once more): the same one. A second interview there gives its time.
SENT_AGAIN = timedelta(hours=1)
_LOGGED_AS_IT_ENDED = timedelta(seconds=1)  # logged with no time: it happened as logged


def _same_company(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


async def refuse_duplicate(ctx: Context, company: str, happens_at: datetime, *,
                           timed: bool = True) -> None:
    """Raise a friendly :class:`UserError` if this interview is already logged. ``timed``:
    its time was typed; else it "just ended", and one logged so within :data:`SENT_AGAIN`
    is the same."""
    for interview in await ctx.uow.interviews.list_for_user(ctx.user_id, limit=200):
        near = abs(interview.happens_at - happens_at) < SAME_TIME or (
            not timed and abs(interview.logged_at - interview.happens_at) < _LOGGED_AS_IT_ENDED
            and timedelta(0) <= happens_at - interview.happens_at < SENT_AGAIN)
        if _same_company(interview.company, company) and near:
            raise UserError(already_logged(interview, ctx.zone, ctx.now))
