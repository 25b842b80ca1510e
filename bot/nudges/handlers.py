"""``/debrief nudges``: list, cancel and snooze reminders."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot import copy
from bot.context import Context, UserError
from bot.durations import DurationError, parse_duration
from bot.model import Nudge, NudgeStatus
from bot.nudges import words
from bot.timeparse import TimeParseError, parse_when
from bot.values import Command, Reply

__all__ = ["nudges"]

MAX_SNOOZE = timedelta(days=30)
DEFAULT_SNOOZE = timedelta(hours=1)


async def nudges(ctx: Context, cmd: Command) -> list[Reply]:
    action = (cmd.option("action") or "").lower()
    words_ = cmd.text.split()
    if not action and words_:
        action, words_ = words_[0].lower(), words_[1:]
    number = cmd.option("nudge") or (words_[0] if words_ else "")
    until = cmd.option("until") or " ".join(words_[1:])
    if action in ("", "list"):
        return [await _list(ctx)]
    if action not in ("cancel", "snooze"):
        raise UserError(copy.unknown_nudge_action(action))
    nudge = await _find(ctx, number)
    if action == "cancel":
        assert nudge.id is not None
        await ctx.uow.nudges.cancel(ctx.user_id, nudge_id=nudge.id)
        return [Reply(text=words.cancelled(nudge))]
    if nudge.status is NudgeStatus.CLAIMED:  # going out right now: it can't be moved
        raise UserError(copy.NUDGE_BEING_SENT)
    nudge.due_at = ctx.policy.outside_quiet(_snooze_until(ctx, until), ctx.user)
    assert nudge.id is not None
    await ctx.uow.nudges.reschedule(nudge.id, nudge.due_at)
    ctx.scheduled.append(nudge.due_at)
    return [Reply(text=words.snoozed(nudge, ctx.zone))]


async def _list(ctx: Context) -> Reply:
    pending = await ctx.uow.nudges.list_for_user(ctx.user_id)
    if not pending:
        return Reply(text=copy.NO_NUDGES)
    ids = [n.interview_id for n in pending if n.interview_id is not None]
    interviews = await ctx.uow.interviews.get_many(ids)
    return words.nudge_list([
        words.nudge_line(n, interviews.get(n.interview_id) if n.interview_id else None,
                         ctx.zone) for n in pending])


async def _find(ctx: Context, number: str) -> Nudge:
    m = re.fullmatch(r"#?(\d{1,12})", number.strip())
    if not m:
        raise UserError(copy.which_nudge())
    nudge = await ctx.uow.nudges.get(ctx.user_id, int(m.group(1)))
    if nudge is None or nudge.status.value not in ("pending", "claimed"):
        raise UserError(copy.no_such_nudge(m.group(1)))
    return nudge


def _snooze_until(ctx: Context, text: str) -> datetime:
    text = text.strip()
    if not text:
        return ctx.now + DEFAULT_SNOOZE
    try:
        when = ctx.now + parse_duration(text.replace(" ", ""))
    except DurationError:
        try:
            when = parse_when(text, ctx.now, ctx.zone)
        except TimeParseError as exc:
            raise UserError(copy.bad_duration(text)) from exc
    if not ctx.now < when <= ctx.now + MAX_SNOOZE:
        raise UserError(copy.snooze_out_of_range())
    return when
