"""What a finished reflection's summary adds: what was prepared, and a story worth keeping.

Called once by the reflection when its summary is shown (a small hook in
``bot.reflection.handlers``), so the reflection knows what the person prepared. It adds
to the summary (the same one message, so nothing else about the summary moves):

* if they prepared questions or stories for this interview (``/debrief prep``), a field
  naming them and asking whether they asked the questions (buttons: all / one / none) and
  told each story (a button each, which marks it told in the story bank);
* if their "what will they remember" answer reads like a story and is not in the bank yet,
  a field offering to save it there, with a button (``/debrief stories save #n``).
"""

from __future__ import annotations

from dataclasses import replace

from bot.context import Context
from bot.model import Interview
from bot.prep import words
from bot.stories.handlers import REMEMBER_KEY
from bot.stories.model import Story
from bot.values import Choice, Reply, ReplyField

__all__ = ["after_reflection", "save_offer"]


async def after_reflection(ctx: Context, interview: Interview, summary: Reply) -> Reply:
    assert interview.id is not None
    fields: list[ReplyField] = []
    actions: list[Choice] = []
    prep = await ctx.uow.preps.get(ctx.user_id, interview.id)
    bank = await ctx.uow.stories.list_for_user(ctx.user_id)
    if prep is not None and prep.asked_questions is None:
        planned = [s for s in bank if s.number in prep.stories
                   and interview.id not in s.told_in]
        if prep.questions or planned:
            recall = words.recall_reply(interview, prep, planned)
            fields.append(ReplyField("What you prepared", recall.text))
            actions += [*recall.choices, *recall.actions]
    offer = save_offer(interview, bank)
    if offer is not None:
        fields.append(ReplyField("Worth keeping", offer.text))
        actions += offer.actions
    if not fields:
        return summary
    return replace(summary, fields=(*summary.fields, *fields),
                   actions=(*summary.actions, *actions))


def save_offer(interview: Interview, bank: list[Story]) -> Reply | None:
    answer = interview.answers.get(REMEMBER_KEY)
    if not isinstance(answer, str) or len(answer.split()) < 4:
        return None
    if any(s.source_interview_id == interview.id for s in bank):
        return None
    return Reply(
        text=(f"\"{answer.strip()[:200]}\" is worth telling again. Save it to your story "
              f"bank: `/debrief stories save #{interview.id}`."),
        actions=(Choice("Save as a story", f"/debrief stories save #{interview.id}"),))
