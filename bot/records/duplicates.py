"""An interview logged twice (a double click, a resent command) is refused kindly.

Two logs count as one interview when the company is the same (case and spacing aside) and
the times are within :data:`SAME_TIME` of each other. The person is pointed at the one
already logged; a second interview at the same company is logged with its own time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.context import Context, UserError
from bot.copy.naming import delta_words, employer, fmt_local
from bot.model import Interview
from bot.records.words import already_logged
from bot.values import Reply

__all__ = ["SAME_TIME", "SENT_AGAIN", "TWIN_WITHIN", "refuse_duplicate"]

SAME_TIME = timedelta(minutes=5)
# An interview logged as "just ended" and sent again within this (back at the desk, the
# command pasted once more): the same one. A second interview there gives its time.
SENT_AGAIN = timedelta(hours=1)
# Logged this near another at the same company: worth a heads-up (see refuse_duplicate).
TWIN_WITHIN = timedelta(hours=3)
_LOGGED_AS_IT_ENDED = timedelta(seconds=1)  # logged with no time: it happened as logged


def _same_company(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


async def refuse_duplicate(ctx: Context, company: str, happens_at: datetime, *,
                           timed: bool = True) -> list[Reply]:
    """Raise a friendly :class:`UserError` if this interview is already logged. ``timed``:
    its time was typed; else it "just ended", and one logged so within :data:`SENT_AGAIN`
    is the same. Returns a heads-up to send with the new one's reply when the company is
    logged within :data:`TWIN_WITHIN` of it: a time typed again to correct it leaves the
    first behind (two rounds in a day are fine, and the heads-up says so)."""
    twin: Interview | None = None
    for interview in await ctx.uow.interviews.list_for_user(ctx.user_id, limit=200):
        if not _same_company(interview.company, company):
            continue
        near = abs(interview.happens_at - happens_at) < SAME_TIME or (
            not timed and abs(interview.logged_at - interview.happens_at) < _LOGGED_AS_IT_ENDED
            and timedelta(0) <= happens_at - interview.happens_at < SENT_AGAIN)
        if near:
            raise UserError(already_logged(interview, ctx.zone, ctx.now))
        if twin is None and abs(interview.happens_at - happens_at) < TWIN_WITHIN:
            twin = interview
    return [] if twin is None else [Reply(text=_twin(twin, happens_at, ctx))]


def _twin(twin: Interview, happens_at: datetime, ctx: Context) -> str:
    gap = twin.happens_at - happens_at
    side = "before" if gap < timedelta(0) else "after"
    return (f"Heads-up: {employer(twin)} is also logged for {fmt_local(twin.happens_at, ctx.zone)} "
            f"(#{twin.id}), {delta_words(abs(gap))} {side} this one. Two rounds that day? "
            f"Then all is well. If #{twin.id} was the wrong time, `/debrief history #{twin.id} "
            "remove` takes it off, reminders and all.")
