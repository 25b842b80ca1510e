"""What a finished reflection's summary adds: what was prepared, and a story worth keeping.

Called once by the reflection when its summary is shown (a small hook in
``bot.reflection.handlers``), so the reflection knows what the person prepared:

* if their "what will they remember" answer reads like a story (something specific in it:
  :func:`bot.stories.bank.worth_keeping`) and is not in the bank yet,
  the summary gets a field offering to save it (``/debrief stories save #n``, typed: the
  summary keeps its one button, the thank-you's);
* if their answer about the timeline they were given names a date, the first check-in
  moves to two business days after it, and the summary says when;
* if they prepared questions or stories for this interview (``/debrief prep``), a message
  after the summary names the questions and asks whether they asked them (buttons: all /
  one / none), and one per planned story asks whether they told it (its button marks it
  told in the story bank).
"""

from __future__ import annotations

from dataclasses import replace

from bot.context import Context
from bot.copy.naming import their_words
from bot.followthrough.flow import timeline_from_reflection
from bot.model import Interview
from bot.nudges.words import nudge_line
from bot.prep import words
from bot.reflection.their_side import about_them
from bot.stories.bank import worth_keeping
from bot.stories.handlers import REMEMBER_KEY
from bot.stories.model import Story
from bot.values import Reply, ReplyField

__all__ = ["after_reflection", "save_offer"]

# The summary's field listing the reminders (bot.reflection.words.summary_reply).
REMINDERS_FIELD = "Reminders scheduled"


async def after_reflection(ctx: Context, interview: Interview, summary: Reply) -> list[Reply]:
    """The summary (with the story offer in it), then what was prepared, if anything."""
    assert interview.id is not None
    bank = await ctx.uow.stories.list_for_user(ctx.user_id)
    offer = save_offer(interview, bank)
    if offer is not None:
        summary = replace(summary, fields=(*summary.fields, offer))
    timeline = await timeline_from_reflection(ctx, interview)
    if timeline is not None:
        summary = replace(summary, fields=(
            *await _reminders_now(ctx, interview, summary.fields),
            ReplyField("Next steps", timeline)))
    prep = await ctx.uow.preps.get(ctx.user_id, interview.id)
    if prep is None or prep.asked_questions is not None:
        return [summary]
    planned = [s for s in bank if s.number in prep.stories and interview.id not in s.told_in]
    return [summary, *words.recall_replies(interview, prep, planned)]


async def _reminders_now(ctx: Context, interview: Interview,
                         fields: tuple[ReplyField, ...]) -> tuple[ReplyField, ...]:
    """The summary's list of reminders, again after the timeline moved the check-in."""
    assert interview.id is not None
    pending = [n for n in await ctx.uow.nudges.list_for_interview(interview.id)
               if n.status.value in ("pending", "claimed")]
    lines = "\n".join(nudge_line(n, interview, ctx.zone) for n in pending)
    return tuple(replace(f, value=lines) if f.name == REMINDERS_FIELD and lines else f
                 for f in fields)


def save_offer(interview: Interview, bank: list[Story]) -> ReplyField | None:
    """A field offering to keep the "what will they remember" answer as a story (typed,
    so the summary's own button stays the only one)."""
    answer = interview.answers.get(REMEMBER_KEY)
    if not isinstance(answer, str) or not worth_keeping(answer) or about_them(answer):
        return None  # generic ("I'm a hard worker") or a non-answer: nothing to tell again
    if any(s.source_interview_id == interview.id for s in bank):
        return None
    return ReplyField(
        "Worth keeping",
        f"\"{their_words(answer, interview.company, 200)}\" is worth telling again. Save it "
        f"to your story bank: `/debrief stories save #{interview.id}`.")
