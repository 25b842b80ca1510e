"""The reflection's thank-you answer as a record: "Already sent" counts like
``/debrief followup`` (unless the command marked it first), "Not going to send one" stops
the reminders, and ``back`` over the answer (or ``redo``) undoes both, bringing back the
reminders still ahead. Called by :mod:`bot.reflection.handlers` around its one
conditional write."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.context import Context
from bot.model import Interview, NudgeKind, ThankYou

__all__ = [
    "THANK_YOU_BY_FOLLOWUP",
    "THANK_YOU_BY_REFLECTION",
    "apply_thank_you",
    "late_sent_report",
    "reported_sent_at",
    "restore_thank_you_reminders",
    "undo_thank_you_answer",
    "undo_thank_you_fields",
]

# Interview.thank_you_source: who marked the thank-you status.
THANK_YOU_BY_REFLECTION = "reflection"
THANK_YOU_BY_FOLLOWUP = "followup"


def apply_thank_you(ctx: Context, interview: Interview, value: str | None) -> bool:
    """The reflection's answer about the note counts like /debrief followup, unless the
    command already marked it (the command is the more exact record; the answer never
    overrides it). What it does here, :func:`undo_thank_you_answer` undoes. True when the
    thank-you reminders are to be cancelled (sent, or not going to be)."""
    if value is None or interview.thank_you_source == THANK_YOU_BY_FOLLOWUP:
        return False
    if interview.thank_you is ThankYou.SENT and interview.thank_you_source is None:
        return False  # marked sent before anyone recorded who did it: leave it as it is
    interview.thank_you = ThankYou(value)
    interview.thank_you_source = THANK_YOU_BY_REFLECTION
    interview.thank_you_sent_at = None
    if interview.thank_you is ThankYou.SENT:
        interview.thank_you_sent_at = reported_sent_at(interview, ctx.now,
                                                       ctx.config.thank_you_window)
    return interview.thank_you in (ThankYou.SENT, ThankYou.NO)


def reported_sent_at(interview: Interview, now: datetime, window: timedelta) -> datetime | None:
    """When a note reported as "Already sent" in the reflection went out.

    It went out no later than the answer. Inside the 24-hour window that is all we need: the
    answer's time is recorded and the note counts as on time, rightly. After the window the
    moment is unknown (an interview logged three days later whose note went out that
    evening is not late), so no time is recorded: the note counts as sent on time, as the
    person said it was sent, and the reflection asks when it went out
    (``/debrief followup #n when:…`` records it exactly). README: "Thank-you timing".
    """
    return now if now <= interview.happens_at + window else None


def late_sent_report(interview: Interview, now: datetime, window: timedelta) -> bool:
    """Answered "Already sent" after the window: the note's time is unknown, so ask it."""
    return (interview.thank_you is ThankYou.SENT and interview.thank_you_sent_at is None
            and interview.thank_you_source == THANK_YOU_BY_REFLECTION)


async def undo_thank_you_answer(ctx: Context, interview: Interview) -> None:
    """``back`` over (or ``redo`` of) the thank-you answer undoes what the answer did: the
    status and its time go, and cancelled thank-you reminders still ahead come back."""
    if undo_thank_you_fields(interview):
        await restore_thank_you_reminders(ctx, interview)


def undo_thank_you_fields(interview: Interview) -> bool:
    """The status part of :func:`undo_thank_you_answer`; True when the reminders it had
    cancelled are to come back."""
    if interview.thank_you_source != THANK_YOU_BY_REFLECTION:
        return False
    stopped = interview.thank_you in (ThankYou.SENT, ThankYou.NO)
    interview.thank_you = None
    interview.thank_you_sent_at = None
    interview.thank_you_source = None
    return stopped


async def restore_thank_you_reminders(ctx: Context, interview: Interview) -> None:
    """Plan the thank-you reminders again (only those still ahead), under fresh keys: the
    cancelled rows keep theirs, so the history of what was cancelled stays true."""
    assert interview.id is not None
    earlier = [n for n in await ctx.uow.nudges.list_for_interview(interview.id)
               if n.kind is NudgeKind.THANK_YOU]
    again = [ctx.policy.make(ctx.user, interview, NudgeKind.THANK_YOU, n.due_at,
                             f"{n.idempotency_key.rsplit(':', 1)[-1]}.{len(earlier)}")
             for n in ctx.policy.plan(interview, ctx.user, ctx.now)
             if n.kind is NudgeKind.THANK_YOU]
    added = await ctx.uow.nudges.add_many(again)
    ctx.scheduled.extend(n.due_at for n in added)
