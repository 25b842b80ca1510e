"""An interview logged twice (a double click, a resent command) is refused kindly.

Two logs count as one interview when the company is the same (case and spacing aside) and
the times are within :data:`SAME_TIME` of each other. The person is pointed at the one
already logged; a second interview at the same company is logged with its own time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.context import Context, UserError
from bot.records.words import already_logged

__all__ = ["SAME_TIME", "refuse_duplicate"]

SAME_TIME = timedelta(minutes=5)


def _same_company(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


async def refuse_duplicate(ctx: Context, company: str, happens_at: datetime) -> None:
    """Raise a friendly :class:`UserError` if this interview is already logged."""
    for interview in await ctx.uow.interviews.list_for_user(ctx.user_id, limit=200):
        if _same_company(interview.company, company) and \
                abs(interview.happens_at - happens_at) < SAME_TIME:
            raise UserError(already_logged(interview, ctx.zone))
