"""Moving a logged interview to the time it really is (or was):
``/debrief history #n edit when:"12 Mar 09:00"``.

A time misread when it was logged ("12/3" read as 3 December, "tomorrow" typed after
midnight) would otherwise keep its wrong reminders for good. Moving it re-plans the
interview's reminders exactly as :meth:`bot.nudges.policy.NudgePolicy.plan` plans them for
an interview logged at the new time, with what is already on record taken into account
(README, "Moving an interview"):

* the pending reflection prompt, prep message, thank-you reminders and "heard back?"
  check-in are cancelled, and the planned ones added under fresh idempotency keys (the
  cancelled rows keep theirs, so the history of what was cancelled stays true); reminders
  already sent stay as they were;
* a reflection already started or completed stays; one not started yet on an interview
  moved into the past (one logged ahead) is offered at once ("Reflect now"); an
  interview moved ahead whose reflection was opened but never answered goes back to
  waiting for its time;
* no reflection prompt once the reflection is done, no thank-you reminder once the note
  is sent (or not going to be) or the answer is a rejection or an offer, and no check-in
  once an outcome is recorded or they named a date for their answer (that check-in
  follows the date, not the interview, and stays);
* a time that can't be read, or out of range, changes nothing.

It all happens in the request's one unit of work: the service commits once, or rolls the
whole move back.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot import copy
from bot.context import Context, UserError
from bot.model import Interview, Nudge, NudgeKind, Outcome, ReflectionState, ThankYou
from bot.nudges.words import nudge_line
from bot.prep.guard import JUST_ENDED_SLACK, prep_offer
from bot.records import words
from bot.reflection.typed_when import MAX_AHEAD, MAX_PAST
from bot.timeparse import TimeParseError, parse_when
from bot.values import Choice, Reply

__all__ = ["MOVED_KINDS", "move_interview", "move_named", "read_interview_time",
           "replan_reminders"]

# The reminders an interview's time decides; follow-up e-mails and the closing message
# follow the "no reply yet" answer instead, and stay.
MOVED_KINDS = (NudgeKind.REFLECT, NudgeKind.PREP, NudgeKind.THANK_YOU, NudgeKind.CHECK_IN)


async def move_interview(ctx: Context, interview: Interview, typed: str) -> list[Reply]:
    """Move ``interview`` to the time ``typed`` and re-plan its reminders."""
    if not typed.strip():
        raise UserError(words.move_how(interview))
    new_at = read_interview_time(ctx, typed.strip())
    old_at = interview.happens_at
    if abs(new_at - old_at).total_seconds() < 60:
        return [Reply(text=words.move_unchanged(interview, ctx.zone))]
    ahead = new_at > ctx.now + JUST_ENDED_SLACK
    interview.happens_at = new_at
    if ahead and interview.reflection_state is ReflectionState.OPEN and \
            not interview.answers:
        # Opened when it was logged as over, never answered: it waits for its time again,
        # as an interview logged ahead does.
        interview.reflection_state = ReflectionState.NOT_STARTED
        if ctx.user.active_interview_id == interview.id:
            ctx.user.active_interview_id = None
    await ctx.uow.interviews.save(interview)
    planned = await replan_reminders(ctx, interview)
    actions: tuple[Choice, ...] = ()
    # Moved into the past before its reflection began: no prompt is planned for a time
    # gone by, so it is offered now.
    reflect_now = not ahead and interview.reflection_state is ReflectionState.NOT_STARTED
    if reflect_now:
        actions = (Choice("Reflect now", f"/debrief reflect #{interview.id}", "primary"),)
    elif ahead and not any(n.kind is NudgeKind.PREP for n in planned):
        actions = prep_offer(interview)  # less than a day ahead: prep now, not tonight
    lines = [nudge_line(n, interview, ctx.zone) for n in planned]
    return [Reply(text=words.moved(interview, old_at, lines, ctx.zone,
                                   reflect_now=reflect_now),
                  actions=actions)]


async def move_named(ctx: Context, company: str, when: str | None) -> list[Reply] | None:
    """``/debrief interview #1 when:friday``: no company is called "#1", so it is the
    interview logged as #1, moved, and the reply says how the command was read; None
    for anything else (a company to log)."""
    number = re.fullmatch(r"#\s*(\d+)", company.strip())
    if number is None or not when:
        return None
    interview = await ctx.find_interview(f"#{number.group(1)}")
    moved = await move_interview(ctx, interview, when)
    return [Reply(text=words.read_as_move(interview, when)), *moved]


def read_interview_time(ctx: Context, text: str) -> datetime:
    """An interview's time as typed in ``when:``, logged or moved: a clear refusal for one
    that can't be read or is out of range (nothing is stored)."""
    try:
        at = parse_when(text, ctx.now, ctx.zone)
    except TimeParseError as exc:
        raise UserError(copy.bad_time(text, exc)) from exc
    if not ctx.now - MAX_PAST <= at <= ctx.now + MAX_AHEAD:
        raise UserError(copy.when_out_of_range(text, at, ctx.zone))
    return at


async def replan_reminders(ctx: Context, interview: Interview) -> list[Nudge]:
    """Cancel the pending reminders the interview's time decides and add those the policy
    plans for its new time; returns the added ones, soonest first."""
    assert interview.id is not None
    earlier = await ctx.uow.nudges.list_for_interview(interview.id)
    kinds = [k for k in MOVED_KINDS if k is not NudgeKind.CHECK_IN or _check_in_moves(
        interview, earlier)]
    await ctx.uow.nudges.cancel(ctx.user_id, interview_id=interview.id, kinds=kinds)
    wanted = set(kinds) - _not_wanted(interview)
    counts = {k: sum(1 for n in earlier if n.kind is k) for k in kinds}
    fresh = [ctx.policy.make(ctx.user, interview, n.kind, n.due_at,
                             f"{n.idempotency_key.rsplit(':', 1)[-1]}.moved{counts[n.kind]}")
             for n in ctx.policy.plan(interview, ctx.user, ctx.now) if n.kind in wanted]
    added = await ctx.uow.nudges.add_many(fresh)
    ctx.scheduled.extend(n.due_at for n in added)
    return sorted(added, key=lambda n: n.due_at)


def _check_in_moves(interview: Interview, earlier: list[Nudge]) -> bool:
    """The "heard back?" check-in follows the interview's time only while nothing else
    decides it: no outcome recorded, no date named for their answer."""
    named = any(n.kind is NudgeKind.CHECK_IN and n.idempotency_key.endswith(":named")
                for n in earlier)
    return interview.outcome is None and not named


def _not_wanted(interview: Interview) -> set[NudgeKind]:
    """Reminders that would only be dropped when they came due (the policy's
    ``at_claim``): not planned at all, so the reply lists only what will come."""
    out: set[NudgeKind] = set()
    if interview.reflection_state is ReflectionState.COMPLETED:
        out.add(NudgeKind.REFLECT)
    if interview.thank_you in (ThankYou.SENT, ThankYou.NO) or \
            interview.outcome in (Outcome.REJECTED, Outcome.OFFER):
        out.add(NudgeKind.THANK_YOU)
    return out
