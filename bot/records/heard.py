"""News typed in the DM with no reflection open: "they said no", "still nothing",
"got the job!!" - most often the answer to a "heard back?" check-in, typed instead of
clicked. It is not recorded on a guess: the reply asks which outcome, with the buttons,
for the interview still waiting for one."""

from __future__ import annotations

from bot.context import Context
from bot.model import Outcome
from bot.records import words
from bot.records.outcome_phrases import names_no_one, read_outcome
from bot.values import Destination, Reply

__all__ = ["news_typed"]


async def news_typed(ctx: Context, text: str) -> Reply | None:
    """The outcome buttons for the latest interview without an answer yet, when ``text``
    states an outcome and names nothing else; None otherwise."""
    stated = read_outcome(text)
    if stated is None or not names_no_one(text):
        return None
    interviews = await ctx.uow.interviews.list_for_user(ctx.user_id, limit=50)
    waiting = [i for i in interviews if i.happens_at <= ctx.now
               and i.outcome in (None, Outcome.NO_REPLY)]
    if not waiting:
        return None
    ask = words.outcome_ask(waiting[0], stated=stated)
    return Reply(text=ask.text, choices=ask.choices, destination=Destination.DM)
