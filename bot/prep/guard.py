"""What happens when someone acts on an interview that has not happened yet.

``followup`` (the thank-you), ``outcome`` and ``reflect`` only make sense afterwards. On
an interview still ahead they change nothing and say so, offering prep instead.
"""

from __future__ import annotations

from datetime import timedelta

from bot.context import Context
from bot.copy.naming import interview_label, when_in_words
from bot.model import Interview
from bot.values import Choice, Reply

__all__ = ["JUST_ENDED_SLACK", "not_happened_yet", "prep_offer", "still_ahead"]

# Logged within this of "now" counts as just ended (the same slack as logging one).
JUST_ENDED_SLACK = timedelta(minutes=5)

_WHAT = {
    "followup": "there's no thank-you note to send yet",
    "outcome": "there's nothing to hear back about yet",
    "reflect": "there's nothing to reflect on yet",
}


def still_ahead(ctx: Context, interview: Interview) -> bool:
    return interview.happens_at > ctx.now + JUST_ENDED_SLACK


def not_happened_yet(ctx: Context, interview: Interview, action: str) -> Reply | None:
    """The reply for ``action`` on an interview still ahead, or None once it has begun."""
    if not still_ahead(ctx, interview):
        return None
    what = interview_label(interview)
    return Reply(
        text=(f"Your interview at {what} is "
              f"{when_in_words(interview.happens_at, ctx.now, ctx.zone)} - "
              f"it hasn't happened yet, so {_WHAT.get(action, 'that has to wait')}. "
              f"Want to get ready for it instead? `/debrief prep #{interview.id}`"),
        actions=prep_offer(interview))


def prep_offer(interview: Interview) -> tuple[Choice, ...]:
    """The button that opens prep for an interview ahead."""
    return (Choice("Prepare now", f"/debrief prep #{interview.id}", "primary"),)
