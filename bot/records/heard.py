"""What people type in the DM with no reflection open, answering a question Debrief asked
outside one (DESIGN.md: every question with buttons also takes a typed reply):

* news, most often under a "heard back?" check-in, typed instead of clicked ("they said
  no", "still nothing", "still waiting, nothing from zalando", "got the job!!"): not
  recorded on a guess; the reply asks which outcome, with the buttons, for the interview
  it names, else the latest still waiting for one;
* how the interview came about, right after the optional question that follows an outcome
  ("a referral", "my friend referred me", "a recruiter reached out"): recorded, as the
  button would, for the interview whose outcome was just recorded."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from bot.context import Context
from bot.followthrough.flow import FOLLOW_UP_KINDS, after_no_reply
from bot.insights.patterns import CALLBACKS, analyse
from bot.insights.profile import SOURCES
from bot.insights.words import lead
from bot.model import Interview, Outcome
from bot.prep.asked import asks_for
from bot.prep.evening_story import story_to_tell
from bot.prep.handlers import practised_in_passing, prep_asked
from bot.prep.typed import practised_said
from bot.records import words
from bot.records.outcome_phrases import names_no_one, read_outcome
from bot.records.small_talk import OnRecord, is_before_one, nothing_open, said_in_passing
from bot.reflection.choices import norm
from bot.stories import words as story_words
from bot.stories.bank import looks_like_story, said_removal, said_story
from bot.stories.handlers import stories
from bot.values import Command, Destination, Reply

__all__ = ["typed_outside_a_reflection"]

# How long after an outcome a typed answer is taken for its "how did it come about?".
SOURCE_ANSWER_WITHIN = timedelta(hours=12)
# The words people use for the question's options (its buttons carry no numbers outside
# the console, which maps a typed number itself): the recruiter first ("a recruiter found
# me on linkedin"), then a referral ("my friend referred me"), then their own application.
_SAID = (
    ("recruiter", re.compile(r"\b(?:a )?(?:recruiter|headhunter|head hunter|agency|"
                             r"they reached out|reached out to me|found me)\b")),
    ("referral", re.compile(r"\b(?:a )?(?:referral|referred|refer(?:red)? me|friend|"
                            r"(?:ex )?colleague|someone i know|network(?:ing)?)\b")),
    ("application", re.compile(r"\b(?:my )?(?:application|applied|apply|job board|"
                               r"careers page|job ad|posting|cold applied)\b")),
    ("other", re.compile(r"^(?:another way|other|something else)$")),
)


async def _story_to_tell(ctx: Context, record: OnRecord,
                         interviews: list[Interview]) -> str | None:
    """For nerves before the next interview: the saved story to say out loud, the one its
    prep names (bot.prep.evening_story)."""
    ahead = record.ahead
    if ahead is None or ahead.id is None:
        return None
    bank = await ctx.uow.stories.list_for_user(ctx.user_id)
    prep = await ctx.uow.preps.get(ctx.user_id, ahead.id) if bank else None
    return story_to_tell(bank, ahead, prep, interviews, ctx.now)


# Whether to write to them: "should i follow up?", "should i email them", "is it too soon
# to check in" - answered as "no reply yet" is, for the latest interview still waiting.
_FOLLOW_UP_Q = re.compile(r"\b(?:should|can|could) i (?:follow up|send (?:a |another )?"
                          r"(?:follow ?up|email|e mail|note|message)|email them|e mail them|"
                          r"reach out|check in|chase|write to them|ping them|nudge them)\b|"
                          r"\btoo (?:soon|early) to (?:follow up|check in|email|reach out)\b")
# Asking what to do, with nothing open: "what should i do next?", "any advice?".
_NEXT = re.compile(r"\b(?:what (?:should|do|can) i do(?: next| now)?|what now|what next|"
                   r"any (?:advice|tips for me)|give me (?:some )?advice|advice please|"
                   r"where do i go from here|what would you (?:do|suggest|recommend)|"
                   r"what do you (?:suggest|recommend)|next steps?)\b")


def read_source(text: str) -> str | None:
    """The stored source a typed answer gives, or None."""
    words_ = norm(text)
    for value, pattern in _SAID:
        if pattern.search(words_):
            return value
    return SOURCES.parse(text) if len(words_.split()) <= 2 else None


async def typed_outside_a_reflection(ctx: Context, text: str) -> Reply:
    """The answer to news or to the source question, a reply in kind to thanks or a hard
    day, or where to go from here (bot.records.small_talk)."""
    story, gone = said_story(text), said_removal(text)
    if story is not None or gone is not None:  # "save this story: …", "delete story 2"
        typed = f"add {story}" if story is not None else f"remove {gone}"  # (asks first)
        (reply,) = await stories(ctx, Command("stories", typed))
        return replace(reply, destination=Destination.DM)
    interviews = await ctx.uow.interviews.list_for_user(ctx.user_id, limit=50)
    stated = read_outcome(text)  # news first: "the recruiter called, they said no"
    source = read_source(text) if stated is None else None
    if source is not None:
        asked = _source_asked(interviews, ctx)
        if asked is not None:
            asked.source = source
            await ctx.uow.interviews.save(asked)
            return Reply(text=words.profile_saved(asked), destination=Destination.DM)
    if stated is None and len(text) <= ctx.config.max_answer_length and \
            looks_like_story(text):  # a story pasted with nothing open: offered, not saved
        return replace(story_words.offer_to_save(text), destination=Destination.DM)
    waiting = [i for i in interviews if i.happens_at <= ctx.now
               and i.outcome in (None, Outcome.NO_REPLY)]
    if stated is None and waiting and _FOLLOW_UP_Q.search(norm(text)):
        stated = Outcome.NO_REPLY  # "should i follow up?": whether it is time, as news would
    about = None if stated is None else _named(waiting, text) or (
        waiting[0] if waiting and names_no_one(text) else None)
    if about is None and practised_said(text):  # "i practised my story", before one ahead
        said = await practised_in_passing(ctx)
        if said is not None:
            return said
    if about is None and (wanted := asks_for(text)) is not None:
        return await prep_asked(ctx, wanted, text)  # "what should i prepare", in the DM
    if about is None and interviews and _NEXT.search(norm(text)):
        return _next_step(ctx, interviews)  # "what should i do next?", "any advice?"
    if about is None:
        # thanks, or a hard day: met in kind, with what is on record
        record = OnRecord.read(interviews, ctx.now, ctx.config.thank_you_window)
        a_no = stated is Outcome.REJECTED and not waiting
        story = await _story_to_tell(ctx, record, interviews) if is_before_one(text) else None
        return said_in_passing(text, record, ctx.now, ctx.zone, a_no=a_no, story=story) or \
            nothing_open(record, ctx.now, ctx.zone, good_news=stated in CALLBACKS)
    if stated is Outcome.NO_REPLY and about.outcome is Outcome.NO_REPLY:
        # Said again once the follow-ups are under way: where they stand, not the buttons
        # for an e-mail they already have.
        assert about.id is not None
        nudges = await ctx.uow.nudges.list_for_interview(about.id)
        if any(n.kind in FOLLOW_UP_KINDS for n in nudges) and \
                (where := await after_no_reply(ctx, about, nudges)) is not None:
            return replace(where, destination=Destination.DM)
    ask = words.outcome_ask(about, stated=stated)
    return Reply(text=ask.text, choices=ask.choices, destination=Destination.DM)


def _next_step(ctx: Context, interviews: list[Interview]) -> Reply:
    """The one next step ``/debrief stats`` leads with, asked for in a sentence; after only
    noes, the line that acknowledges them first (as stats says it)."""
    patterns = analyse(interviews, ctx.now, ctx.config.thank_you_window)
    situation, step = lead(patterns)
    only_noes = bool(situation) and bool(patterns.with_outcome) and not patterns.callbacks
    lines = (situation if only_noes else "", f"Your next step: {step}",
             "`/debrief stats` shows what it rests on.")
    return Reply(text="\n".join(line for line in lines if line), destination=Destination.DM)


def _named(waiting: list[Interview], text: str) -> Interview | None:
    """The waiting interview a sentence names ("still nothing from zalando", "acme said
    no"), its other words naming no one; the latest such interview when several match."""
    said = f" {norm(text)} "
    for interview in waiting:  # newest first
        company = norm(interview.company)
        if company and f" {company} " in said and names_no_one(said.replace(company, " ")):
            return interview
    return None


def _source_asked(interviews: list[Interview], ctx: Context) -> Interview | None:
    """The interview whose "how did it come about?" was just asked: the latest outcome,
    recorded in the last few hours, with the source still unknown."""
    recent = [i for i in interviews if i.outcome_at is not None
              and ctx.now - i.outcome_at <= SOURCE_ANSWER_WITHIN]
    latest = max(recent, key=lambda i: i.outcome_at or ctx.now, default=None)
    return latest if latest is not None and latest.source is None else None
