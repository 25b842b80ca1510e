"""``/debrief nudges``: list, cancel and snooze reminders.

Snooze semantics (what a person can rely on):

* A snooze only ever moves a reminder LATER. A duration (``2h``) counts from when the
  reminder is due, or from now if it is already due or was delivered; a time
  (``tomorrow 9:00``) must be after both now and when it is due, otherwise the reply says
  so and nothing changes.
* A reflection prompt or thank-you reminder is never moved before its interview.
* A time that has already passed is refused with a message saying it has passed.
* The buttons and commands printed on a reminder keep working after it was delivered:
  snoozing a delivered reminder schedules it again (once per delivered reminder: a double
  click does not schedule two), cancelling it stops the reminders of the same kind still
  to come for that interview (the thank-you's second reminder, the next check-in).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot import copy
from bot.context import Context, UserError
from bot.durations import DurationError, parse_duration
from bot.grammar import closest
from bot.model import Interview, Nudge, NudgeKind, NudgeStatus
from bot.nudges import words
from bot.timeparse import TimeParseError, parse_when
from bot.values import Command, Reply

__all__ = ["DEFAULT_SNOOZE", "MAX_SNOOZE", "nudges"]

MAX_SNOOZE = timedelta(days=30)
DEFAULT_SNOOZE = timedelta(hours=1)
_OPEN = (NudgeStatus.PENDING, NudgeStatus.CLAIMED)
# Kinds that only make sense once the interview has happened.
_AFTER_INTERVIEW = (NudgeKind.REFLECT, NudgeKind.THANK_YOU)


async def nudges(ctx: Context, cmd: Command) -> list[Reply]:
    action = (cmd.option("action") or "").lower()
    words_ = cmd.text.split()
    if not action and words_:
        action, words_ = words_[0].lower(), words_[1:]
    number = cmd.option("nudge") or (words_[0] if words_ else "")
    until = cmd.option("until") or " ".join(words_[1:])
    meant = _action_as_typed(action)
    if meant == "list":
        return [await _list(ctx)]
    if meant is None:
        raise UserError(copy.unknown_nudge_action(action))
    action = meant
    if action == "cancel" and (cmd.option("nudge") or " ".join(words_)).strip().lower() in (
            "all", "everything", "them all", "all of them", "all reminders"):
        return [Reply(text=words.cancelled_all(await ctx.uow.nudges.cancel(ctx.user_id)))]
    nudge = await _find(ctx, number, action)
    interview = await _interview_of(ctx, nudge)
    if action == "cancel":
        return [await _cancel(ctx, nudge, interview)]
    if nudge.status is NudgeStatus.CLAIMED:  # going out right now: it can't be moved
        raise UserError(copy.NUDGE_BEING_SENT)
    delivered = nudge.status is NudgeStatus.SENT
    due = _snooze_until(ctx, until, nudge, interview, delivered=delivered)
    due = ctx.policy.outside_quiet(due, ctx.user)
    _before_interview(nudge, interview, due)
    if delivered:
        nudge = await _schedule_again(ctx, nudge, due)
    else:
        assert nudge.id is not None
        nudge.due_at = due
        await ctx.uow.nudges.reschedule(nudge.id, due)
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


# Other words for what can be done with a reminder ("stop 3", "delete 3", "postpone 3").
_ACTIONS = {"": "list", "list": "list", "show": "list", "cancel": "cancel", "stop": "cancel",
            "delete": "cancel", "remove": "cancel", "dismiss": "cancel", "off": "cancel",
            "snooze": "snooze", "postpone": "snooze", "delay": "snooze", "later": "snooze"}
# How close a mistyped action must be (rapidfuzz ratio, 0-100): "cancle", "snoze".
_ACTION_CUTOFF = 80


def _action_as_typed(word: str) -> str | None:
    """list, cancel or snooze, as typed or with a small typo; None when it is neither."""
    near = word if word in _ACTIONS else closest(word, _ACTIONS, _ACTION_CUTOFF)
    return _ACTIONS[near] if near is not None else None


async def _find(ctx: Context, number: str, action: str) -> Nudge:
    """A reminder still to come, or one already delivered (its buttons must keep working)."""
    m = re.fullmatch(r"#?(\d{1,12})", number.strip())
    if not m:
        raise UserError(copy.which_nudge())
    nudge = await ctx.uow.nudges.get(ctx.user_id, int(m.group(1)))
    if nudge is not None and nudge.status is NudgeStatus.CANCELLED:  # a double send
        raise UserError(words.already_cancelled(nudge, snooze=action == "snooze"))
    if nudge is None or nudge.status not in (*_OPEN, NudgeStatus.SENT):
        raise UserError(copy.no_such_nudge(m.group(1)))
    return nudge


async def _interview_of(ctx: Context, nudge: Nudge) -> Interview | None:
    if nudge.interview_id is None:
        return None
    return await ctx.uow.interviews.get(ctx.user_id, nudge.interview_id)


async def _cancel(ctx: Context, nudge: Nudge, interview: Interview | None) -> Reply:
    assert nudge.id is not None
    if nudge.status is not NudgeStatus.SENT:
        await ctx.uow.nudges.cancel(ctx.user_id, nudge_id=nudge.id)
        return Reply(text=words.cancelled(nudge))
    # Delivered already: "stop this reminder" means the ones of its kind still to come.
    stopped = 0
    if nudge.interview_id is not None:
        stopped = await ctx.uow.nudges.cancel(ctx.user_id, interview_id=nudge.interview_id,
                                              kinds=[nudge.kind])
    return Reply(text=words.stopped_after_delivery(nudge, interview, stopped))


def _snooze_until(ctx: Context, text: str, nudge: Nudge, interview: Interview | None, *,
                  delivered: bool) -> datetime:
    """When the snoozed reminder is due: never earlier than it was, never in the past."""
    floor = ctx.now if delivered else max(ctx.now, nudge.due_at)
    if interview is not None and nudge.kind in _AFTER_INTERVIEW:
        floor = max(floor, interview.happens_at)
    text = text.strip()
    if not text:
        return floor + DEFAULT_SNOOZE
    try:
        delta = parse_duration(text.replace(" ", ""))
    except DurationError:
        delta = None
    if delta is not None:
        if not timedelta(0) < delta <= MAX_SNOOZE:
            raise UserError(copy.snooze_out_of_range())
        return floor + delta
    try:
        when = parse_when(text, ctx.now, ctx.zone, ahead=True)
    except TimeParseError as exc:  # "12/5" far both ways: both dates, with the month in words
        raise UserError(words.snooze_unsure(nudge) if exc.unsure else
                        copy.bad_time(text, exc) if exc.readings else
                        copy.bad_duration(text)) from exc
    if when <= ctx.now:
        raise UserError(words.snooze_in_the_past(when, ctx.zone))
    if when > ctx.now + MAX_SNOOZE:
        raise UserError(copy.snooze_out_of_range())
    if when < floor:
        raise UserError(words.snooze_earlier(nudge, floor, ctx.zone))
    return when


def _before_interview(nudge: Nudge, interview: Interview | None, due: datetime) -> None:
    """A prep message snoozed past the start of its interview would be pointless."""
    if nudge.kind is NudgeKind.PREP and interview is not None and \
            due >= interview.happens_at:
        raise UserError(words.prep_snoozed_too_late(interview))


async def _schedule_again(ctx: Context, sent: Nudge, due: datetime) -> Nudge:
    """A delivered reminder, snoozed: the same reminder again at ``due``.

    Keyed on the delivered one, so a double click schedules it once; a second snooze of
    the same delivered reminder moves the copy instead of adding another."""
    key = f"{sent.idempotency_key}:again:{sent.id}"
    again = Nudge(user_id=sent.user_id, interview_id=sent.interview_id, kind=sent.kind,
                  due_at=due, original_due_at=due, idempotency_key=key)
    added = await ctx.uow.nudges.add_many([again])
    if added:
        return added[0]
    existing = [n for n in await ctx.uow.nudges.list_for_user(ctx.user_id, pending_only=False)
                if n.idempotency_key == key]
    if not existing or existing[0].status is not NudgeStatus.PENDING:
        raise UserError(words.ALREADY_SNOOZED_ONCE)
    copy_ = existing[0]
    assert copy_.id is not None
    copy_.due_at = due
    await ctx.uow.nudges.reschedule(copy_.id, due)
    return copy_
