"""``/debrief prep [interview] [tick <n,…> | question [1|2] <text> | story <n> | practised
| asked <n>]``: getting ready for an interview ahead, on demand.

Without an interview it is the soonest one still ahead (``asked``: the latest one that
happened). Prep is for interviews ahead; ``asked`` (after the interview: how many of the
prepared questions were asked) is the one action for an interview that happened.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.context import Context, UserError
from bot.model import Interview
from bot.prep import typed, words
from bot.prep.asked import nothing_logged
from bot.prep.checklist import (
    CHECKLIST,
    MAX_QUESTION,
    earlier_at_company,
    fitting_stories,
    is_generic_question,
    is_pay_question,
    likely_kinds,
)
from bot.prep.evening_story import ready_first, story_to_tell
from bot.prep.guard import prep_offer, still_ahead
from bot.prep.quick import QUICK, quick_answer
from bot.prep.time_left import time_left
from bot.stories import words as story_words
from bot.stories.bank import story_named
from bot.stories.model import Prep
from bot.values import Command, Destination, Reply

__all__ = ["practised_in_passing", "prep", "prep_asked"]


def _split(cmd: Command) -> tuple[str, str, str]:
    """(interview ref, action, value) from options or ``#12 tick 1,3`` as typed: an
    action's word anywhere, a typo of it only where what follows fits it ("tikc 3", not
    the company "Stork"), "i practised" for ``practised``."""
    ref = cmd.option("interview") or ""
    action = (cmd.option("action") or "").lower()
    value = cmd.option("value") or ""
    if action:
        return ref or cmd.text.strip(), typed.action_word(action) or action, value
    words_ = cmd.text.split()
    for i, word in enumerate(words_):
        before, after = " ".join(words_[:i]), " ".join(words_[i + 1:])
        if typed.practised_said(" ".join(words_[i:])):
            return ref or before, "practised", value
        meant = typed.ACTIONS.get(word.lower()) or _typo(typed.action_word(word), after)
        if meant is not None:
            return ref or before, meant, after or value
    return ref or cmd.text.strip(), "show", value


def _typo(meant: str | None, after: str) -> str | None:
    """A mistyped action, when what follows it is what that action takes."""
    takes = {"tick": r"#?\d", "untick": r"#?\d", "story": r"#?\d", "asked": r"\d",
             "question": r"(?:\S+\s+){2}\S", "practised": r"$", "questions": r"$",
             "intro": r"$", "wear": r"$"}
    return meant if meant is not None and re.match(takes[meant], after) else None


async def prep(ctx: Context, cmd: Command) -> list[Reply]:
    ref, action, value = _split(cmd)
    if action not in ("show", *set(typed.ACTIONS.values())):
        raise UserError(words.unknown_prep_action(action))
    interviews = await ctx.uow.interviews.list_for_user(ctx.user_id, limit=200)
    if action in QUICK:  # "tell me about yourself", "what do i wear": for the next one
        return [await _quick(ctx, action, interviews)]
    interview = await _interview(ctx, ref, interviews, after=action == "asked",
                                 questions=action == "questions")
    assert interview.id is not None
    if action == "asked":
        return [await _asked(ctx, interview, value)]
    if not still_ahead(ctx, interview):
        raise UserError(words.past_interview(interview, ctx.zone, ctx.now))
    saved = await ctx.uow.preps.get(ctx.user_id, interview.id)
    current = saved or Prep(user_id=ctx.user_id, interview_id=interview.id,
                            created_at=ctx.now)
    if action == "show":
        return [await _show(ctx, interview, saved, interviews)]
    if action == "questions" or (action == "question" and not value.strip()):
        return [words.questions_reply(interview, saved, ctx.zone, ctx.now)]
    if action in ("tick", "untick"):
        text = _tick(current, value, on=action == "tick")
        left = time_left(interview, ctx.now, ctx.zone)
        reply = words.ticked(interview, current, left) if action == "tick" else text
    elif action == "question":
        reply = _question(ctx, interview, current, value)
    elif action == "story":
        reply = await _story(ctx, interview, current, value)
    else:
        current.practised = True
        reply = words.practised_saved(interview)
    current.updated_at = ctx.now
    await ctx.uow.preps.save(current)
    return [Reply(text=reply)]


async def practised_in_passing(ctx: Context) -> Reply | None:
    """"i practised my story" typed in the DM: recorded for the next interview ahead, as
    ``/debrief prep practised`` would; None with no interview ahead."""
    try:
        (reply,) = await prep(ctx, Command("prep", "practised"))
    except UserError:
        return None
    return replace(reply, destination=Destination.DM)


async def prep_asked(ctx: Context, asked: str, text: str) -> Reply:
    """Prep asked for in a sentence typed in the DM (:mod:`bot.prep.asked`): the
    questions part or the whole of it, for the interview it names or the next one; with
    none ahead, what matters the night before and how to log it."""
    said = " ".join(text.split())
    first, _, rest = said.partition(" ")
    ref = rest if asked == "prep" and typed.ACTIONS.get(first.lower()) is None and \
        first.lower().strip("?!.") in ("prep", "prepare", "prepping") else ""
    try:
        (reply,) = await prep(ctx, Command("prep", ref if asked == "prep" else asked))
    except UserError:
        return Reply(text=nothing_logged(asked, text), destination=Destination.DM)
    return replace(reply, destination=Destination.DM)


async def _quick(ctx: Context, asked: str, interviews: list[Interview]) -> Reply:
    ahead = min((i for i in interviews if still_ahead(ctx, i)), key=lambda i: i.happens_at,
                default=None)
    story = None
    if ahead is not None and ahead.id is not None and asked == "intro":
        bank = await ctx.uow.stories.list_for_user(ctx.user_id)
        prep_ = await ctx.uow.preps.get(ctx.user_id, ahead.id) if bank else None
        story = story_to_tell(bank, ahead, prep_, interviews, ctx.now)
    return Reply(text=quick_answer(asked, ahead, story, ctx.zone, ctx.now),
                 actions=prep_offer(ahead) if ahead is not None else ())


async def _interview(ctx: Context, ref: str, interviews: list[Interview], *,
                     after: bool, questions: bool = False) -> Interview:
    """The interview ``ref`` names among ``interviews`` (theirs, newest first): by number,
    else by company or day among those ahead (:mod:`bot.prep.typed`), else any by company
    (an interview that has passed is told so)."""
    ahead = [i for i in interviews if still_ahead(ctx, i)]
    ref = typed.read_ref(ref)
    if re.fullmatch(r"#?\d+", ref):
        return await ctx.find_interview(ref)
    if ref:
        found = None if after else typed.interview_named(ref, ahead, ctx.now, ctx.zone)
        if found is not None:
            return found
        try:
            return await ctx.find_interview(ref)
        except UserError:
            if typed.names_a_day(ref, ctx.now, ctx.zone):  # "prep for tomorrow", none then
                raise UserError(nothing_logged("prep", ref)) from None
            raise UserError(words.nothing_ahead(ref)) from None
    if after:
        for interview in interviews:  # newest first
            if not still_ahead(ctx, interview):
                return interview
        raise UserError(words.nothing_happened())
    if not ahead:  # what matters the night before, and how to log it
        raise UserError(nothing_logged("questions" if questions else "prep", ""))
    return min(ahead, key=lambda i: i.happens_at)


async def _show(ctx: Context, interview: Interview, prep_: Prep | None,
                history: list[Interview]) -> Reply:
    bank = await ctx.uow.stories.list_for_user(ctx.user_id)
    earlier = earlier_at_company(interview, history)
    kinds = likely_kinds(interview, earlier)
    kind = kinds[0] if len(kinds) == 1 else None
    fitting = ready_first(bank, fitting_stories(bank, interview, kind), interview, prep_,
                          history, ctx.now)  # the evening message's story first
    return words.prep_reply(interview, prep_, ctx.zone, kinds, fitting, bank, now=ctx.now,
                            earlier=earlier, history=history)


def _tick(current: Prep, value: str, *, on: bool) -> str:
    numbers = typed.tick_numbers(value, len(CHECKLIST))
    if numbers is None:
        raise UserError(words.bad_tick(value))
    keys = [CHECKLIST[n - 1].key for n in numbers]
    if on:
        current.checked = [i.key for i in CHECKLIST if i.key in current.checked or i.key in keys]
        return ""
    current.checked = [k for k in current.checked if k not in keys]
    return f"Unticked. {len(current.checked)} of {len(CHECKLIST)} done."


def _question(ctx: Context, interview: Interview, current: Prep, value: str) -> str:
    m = re.match(r"^\s*#?([12])[.):]?\s+(.*)$", value, re.DOTALL)
    slot = int(m.group(1)) if m else None
    text = " ".join((m.group(2) if m else value).split())
    text = ctx.check_length("question", text, MAX_QUESTION)
    if len(text.split()) < 3:
        raise UserError(words.generic_question())
    replaced = None
    if slot is None and len(current.questions) >= 2:
        raise UserError(words.questions_full(interview))
    if slot is None or slot > len(current.questions):
        current.questions.append(text)  # "question 2 …" typed first is question 1
        slot = len(current.questions)
    else:
        replaced = current.questions[slot - 1]
        current.questions[slot - 1] = text
    return words.question_saved(interview, current, is_generic_question(text, interview),
                                slot, pay=is_pay_question(text), replaced=replaced)


async def _story(ctx: Context, interview: Interview, current: Prep, value: str) -> str:
    """The story by its number, or by its title as typed ("story churn fix")."""
    m = re.fullmatch(r"#?(\d{1,9})", value.strip())
    if m:
        story = await ctx.uow.stories.get(ctx.user_id, int(m.group(1)))
        if story is None:
            raise UserError(story_words.no_such_story(m.group(1)))
    else:
        named = story_named(await ctx.uow.stories.list_for_user(ctx.user_id), value)
        if named is None:
            raise UserError(words.which_story(interview))
        story = named
    if story.number not in current.stories:
        current.stories.append(story.number)
    return words.story_planned(story, interview)


async def _asked(ctx: Context, interview: Interview, value: str) -> Reply:
    assert interview.id is not None
    if still_ahead(ctx, interview):
        raise UserError(words.asked_too_early(interview, ctx.zone, ctx.now))
    m = re.fullmatch(r"\s*([0-2]|none|one|both|all)\s*", value.lower())
    if not m:
        raise UserError(words.bad_asked(value))
    count = {"none": 0, "one": 1, "both": 2, "all": 2}.get(m.group(1))
    count = int(m.group(1)) if count is None else count
    current = await ctx.uow.preps.get(ctx.user_id, interview.id) or Prep(
        user_id=ctx.user_id, interview_id=interview.id, created_at=ctx.now)
    current.asked_questions = count > 0
    current.updated_at = ctx.now
    await ctx.uow.preps.save(current)
    return Reply(text=words.asked_saved(count))
