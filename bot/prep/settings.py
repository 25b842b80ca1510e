"""``/debrief settings prep 18:00|off``: when the prep message comes the evening before.

A change applies at once to prep messages still to come: they move to the new time, or
are cancelled with ``off`` (``/debrief prep`` keeps working on demand).
"""

from __future__ import annotations

from bot.context import Context, UserError
from bot.model import NudgeKind
from bot.nudges.policy import quiet_hours
from bot.prep.timing import PREP_OFF, parse_prep_setting, prep_due

__all__ = ["apply_prep_setting", "bad_prep_time", "prep_setting_words"]


def bad_prep_time(text: str) -> str:
    return (f"I couldn't read \"{text[:40]}\" as a time for your prep message. Use a time "
            "such as `18:00` or `7pm`, or `off`. Nothing was changed.")


def prep_setting_words(value: str | None) -> str:
    if value == PREP_OFF:
        return "Prep message: off (`/debrief prep` still works any time)."
    return (f"Prep message: {value or '18:00'} the evening before an interview you log "
            "ahead.")


async def apply_prep_setting(ctx: Context, text: str) -> None:
    try:
        ctx.user.prep_time = parse_prep_setting(text)
    except ValueError as exc:
        raise UserError(bad_prep_time(text)) from exc
    pending = [n for n in await ctx.uow.nudges.list_for_user(ctx.user_id)
               if n.kind is NudgeKind.PREP and n.interview_id is not None]
    if not pending:
        return
    interviews = await ctx.uow.interviews.get_many([n.interview_id for n in pending
                                                    if n.interview_id is not None])
    for nudge in pending:
        assert nudge.id is not None and nudge.interview_id is not None
        interview = interviews.get(nudge.interview_id)
        due = None if interview is None else prep_due(
            interview, ctx.user, ctx.zone, ctx.now, quiet_hours(ctx.user))
        if due is None:
            await ctx.uow.nudges.cancel(ctx.user_id, nudge_id=nudge.id)
        else:
            await ctx.uow.nudges.reschedule(nudge.id, due)
            ctx.scheduled.append(due)
