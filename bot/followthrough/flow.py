"""Following through with the employer: timeline, follow-ups, rejection, closing.

The cadence (COACHING.md), in business days on the person's calendar
(``bot.nudges.cadence``):

* ``/debrief outcome <interview> when:friday`` - the date they named - moves the first
  "heard back?" check-in to two business days after it, 10:00 local.
* "No reply yet" before that check-in's time: too early to chase; the check-in stays.
* "No reply yet" once it has come (the check-in was delivered, or its time has passed):
  the reply carries follow-up e-mail 1 (``bot.notes.followups``), and two reminders are
  scheduled: follow-up 2 ``DEBRIEF_CHECK_IN_AFTER`` later (5 business days by default)
  and, the same delay after that, a kind closing message that records the interview as
  "no reply". At most two follow-ups; each reminder can be cancelled with
  ``/debrief nudges cancel`` (or its Stop button). Any other outcome cancels them.
* "Rejected": one line of acknowledgement first, then the strongest moments in their own
  answers, a reply draft asking for feedback (the composer), and one thing to carry to the
  next interview.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.context import Context, UserError
from bot.copy.naming import their_words
from bot.followthrough import words
from bot.followthrough.timeline import MAX_TIMELINE, parse_timeline
from bot.model import Area, Interview, Nudge, NudgeKind, NudgeStatus, Outcome
from bot.notes.compose import sender_name
from bot.notes.followups import follow_up_email, rejection_reply
from bot.nudges.cadence import add_business_delay, check_in_after_named_date
from bot.ports import UnitOfWork
from bot.reflection.dialogue import area_scores
from bot.reflection.questions import AREA_NAMES
from bot.reflection.reading import asked, specifics
from bot.reflection.timeline import next_steps
from bot.tips.library import tip_for_interview
from bot.values import Choice, Reply, ReplyField

__all__ = [
    "FOLLOW_UP_KINDS",
    "after_no_reply",
    "after_outcome",
    "close_silently",
    "schedule_check_in",
    "set_timeline",
    "timeline_from_reflection",
]

FOLLOW_UP_KINDS = (NudgeKind.FOLLOW_UP, NudgeKind.CLOSE)
# Reflection answers that may hold the timeline the interviewer gave for next steps.
TIMELINE_KEYS = ("timeline", "next_steps")
_OPEN = (NudgeStatus.PENDING, NudgeStatus.CLAIMED)
# Answers that show the person at their best, in their own words, best first.
_STRONG_KEYS = (("remember", "What they'll remember"), ("questions_asked", "What you asked"),
                ("bring", "What you bring"))


async def set_timeline(ctx: Context, interview: Interview, text: str) -> Reply:
    """The date they named: the first check-in moves to two business days after it."""
    try:
        named = parse_timeline(text, ctx.now, ctx.zone)
    except ValueError as exc:
        raise UserError(words.bad_timeline(text)) from exc
    due = await schedule_check_in(ctx, interview, named)
    return Reply(text=words.timeline_saved(interview, named, due, ctx.zone))


async def timeline_from_reflection(ctx: Context, interview: Interview) -> str | None:
    """The reflection's answer about the timeline they gave, if it names a date: the first
    check-in moves to two business days after it. Returns a line for the summary.

    The date the reflection read when the answer came (bot.reflection.timeline: "they said
    2 weeks", "in a week or two") comes first; the text is read again only without one."""
    if interview.outcome not in (None, Outcome.NO_REPLY):
        return None  # they have answered already: no "heard back?" to time
    stored = next_steps(interview)
    named = stored.on if stored is not None else None
    today = ctx.now.astimezone(ctx.zone).date()
    if named is not None and not \
            today <= named <= (ctx.now + MAX_TIMELINE).astimezone(ctx.zone).date():
        named = None  # already past, or further than any check-in is planned
    for key in TIMELINE_KEYS:
        answer = interview.answers.get(key)
        if named is not None or not isinstance(answer, str):
            continue
        try:
            named = parse_timeline(answer, ctx.now, ctx.zone)
        except ValueError:
            continue
    if named is None:
        return None
    due = await schedule_check_in(ctx, interview, named)
    return words.timeline_saved(interview, named, due, ctx.zone,
                                stored.contact if stored is not None else None)


async def schedule_check_in(ctx: Context, interview: Interview, named: date) -> datetime:
    """Replace the check-ins still to come with one two business days after ``named``."""
    assert interview.id is not None
    due = ctx.policy.outside_quiet(check_in_after_named_date(named, ctx.zone), ctx.user)
    await ctx.uow.nudges.cancel(ctx.user_id, interview_id=interview.id,
                                kinds=[NudgeKind.CHECK_IN])
    existing = [n for n in await ctx.uow.nudges.list_for_interview(interview.id)
                if n.kind is NudgeKind.CHECK_IN]
    nudge = ctx.policy.make(ctx.user, interview, NudgeKind.CHECK_IN, due,
                            f"{len(existing)}:named")
    await ctx.uow.nudges.add_many([nudge])
    ctx.scheduled.append(due)
    return due


def _follow_up_time(nudges: list[Nudge], interview: Interview, ctx: Context) -> datetime:
    """When chasing the employer makes sense: the first check-in's time."""
    checks = [n for n in nudges if n.kind is NudgeKind.CHECK_IN]
    if any(n.status is NudgeStatus.SENT for n in checks):
        return min(n.due_at for n in checks if n.status is NudgeStatus.SENT)
    named = [n for n in checks if n.idempotency_key.endswith(":named")]
    if named:
        return max(n.original_due_at or n.due_at for n in named)
    return add_business_delay(interview.happens_at, ctx.config.check_in_after, ctx.zone)


async def after_no_reply(ctx: Context, interview: Interview,
                         nudges: list[Nudge]) -> Reply | None:
    """What "no reply yet" does once the follow-up sequence is due or under way; None when
    it is still early (the caller keeps asking with check-ins). ``nudges`` are the
    interview's reminders as they were before this outcome cancelled its check-ins."""
    assert interview.id is not None
    started = [n for n in nudges if n.kind in FOLLOW_UP_KINDS]
    if started:
        pending = [n for n in started if n.status in _OPEN]
        if pending:
            return Reply(text=words.follow_ups_pending(
                interview, min(n.due_at for n in pending), ctx.zone))
        return Reply(text=words.follow_ups_done(interview))
    if ctx.now < _follow_up_time(nudges, interview, ctx):
        return None
    second = ctx.policy.outside_quiet(
        add_business_delay(ctx.now, ctx.config.check_in_after, ctx.zone), ctx.user)
    closing = ctx.policy.outside_quiet(
        add_business_delay(second, ctx.config.check_in_after, ctx.zone), ctx.user)
    added = await ctx.uow.nudges.add_many([
        ctx.policy.make(ctx.user, interview, NudgeKind.FOLLOW_UP, second, "2"),
        ctx.policy.make(ctx.user, interview, NudgeKind.CLOSE, closing, "0")])
    ctx.scheduled.extend(n.due_at for n in added)
    draft = follow_up_email(interview, sender=_sender(ctx), number=1, zone=ctx.zone)
    stop = tuple(Choice("Stop the follow-ups", f"/debrief nudges cancel {n.id}", "danger")
                 for n in added if n.kind is NudgeKind.FOLLOW_UP)
    return Reply(text=words.follow_up_started(interview, second, ctx.zone),
                 copy_text=draft.text, actions=stop, tags=frozenset({"follow_up"}))


def _sender(ctx: Context) -> str | None:
    # The composer's signature rule: the name set with `settings name`, else the profile's
    # name only when it is a name ("user_p3" signs nothing).
    return sender_name(ctx.user)


async def after_outcome(ctx: Context, interview: Interview) -> Reply | None:
    """Any outcome but "no reply" ends the follow-ups; a rejection or an offer also ends
    the thank-you reminders ("send your note" after a no would hurt); "rejected" gets its
    own reply."""
    assert interview.id is not None
    if interview.outcome is not Outcome.NO_REPLY:
        kinds = [*FOLLOW_UP_KINDS]
        if interview.outcome in (Outcome.REJECTED, Outcome.OFFER):
            kinds.append(NudgeKind.THANK_YOU)
        await ctx.uow.nudges.cancel(ctx.user_id, interview_id=interview.id, kinds=kinds)
    if interview.outcome is Outcome.REJECTED:
        return _rejection(ctx, interview, await _recent_noes(ctx, interview))
    return None


async def _recent_noes(ctx: Context, interview: Interview) -> int:
    """How many rejections, this one included, came in the last 30 days."""
    since = ctx.now - timedelta(days=30)
    interviews = await ctx.uow.interviews.list_for_user(ctx.user_id, limit=200)
    return 1 + sum(1 for i in interviews if i.id != interview.id and
                   i.outcome is Outcome.REJECTED and (i.outcome_at or i.happens_at) >= since)


def _rejection(ctx: Context, interview: Interview, noes: int = 1) -> Reply:
    fields: list[ReplyField] = []
    strong = [f"• {label}: \"{_quoted(key, answer, interview.company)}\""
              for key, label in _STRONG_KEYS
              if isinstance(answer := interview.answers.get(key), str) and _strong(key, answer)]
    if strong:
        fields.append(ReplyField("Your strongest moments, in your words", "\n".join(strong)))
    draft = rejection_reply(interview, sender=_sender(ctx))
    fields.append(ReplyField(
        "A reply worth sending",
        "Answering graciously keeps the door open - people who do are remembered for the next "
        "opening - and asking for brief feedback sometimes gets it. The draft is below."))
    scores = area_scores(interview.answers)
    if scores:
        area = min(Area, key=lambda a: scores.get(a, 2.0))
        tip, _ = tip_for_interview(area, interview.interview_type)
        fields.append(ReplyField(f"To carry to the next one: {AREA_NAMES[area]}", tip))
    return Reply(text=words.rejection_intro(interview, noes), fields=tuple(fields),
                 copy_text=draft.text, tags=frozenset({"rejection", "private"}))


def _quoted(key: str, answer: str, company: str) -> str:
    """Their words, as they would write them (bot.copy.naming.their_words); of the questions
    they asked, only their own ("what's the team like?" is not a strongest moment)."""
    if key == "questions_asked":
        answer = " ".join(q.rstrip("?") + "?" for q in asked(answer).own)
    return their_words(answer, company, 160)


def _strong(key: str, answer: str) -> bool:
    """Worth naming back after a rejection, as the reflection reads it: a question of their
    own, or something specific (a number, a name, a result). "didn't get to ask any, ran
    out of time" or "hard worker, team player" is not a strongest moment."""
    if key == "questions_asked":
        return bool(asked(answer).own)
    return specifics(answer).specific


async def close_silently(uow: UnitOfWork, interview: Interview, now: datetime) -> None:
    """The closing message went out: record "no reply" and stop asking."""
    assert interview.id is not None
    if interview.outcome not in (None, Outcome.NO_REPLY):
        return
    interview.outcome = Outcome.NO_REPLY
    interview.outcome_at = now
    await uow.interviews.save(interview)
    await uow.nudges.cancel(interview.user_id, interview_id=interview.id,
                            kinds=[NudgeKind.CHECK_IN, NudgeKind.FOLLOW_UP])
