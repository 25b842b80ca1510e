"""Follow-up, draft, outcome and history: acting on interviews already logged."""

from __future__ import annotations

import difflib
import re
from datetime import datetime

from bot import copy
from bot.context import Context, UserError, names_an_interview
from bot.copy.naming import when_in_words
from bot.followthrough.flow import after_no_reply, after_outcome, set_timeline
from bot.followthrough.words import timeline_with_result
from bot.insights.patterns import interview_scores
from bot.insights.profile import PROFILE_OPTIONS, ProfileError, apply_profile, profile_changes
from bot.model import Area, Interview, NudgeKind, NudgeStatus, Outcome, ThankYou
from bot.notes import notes_for
from bot.notes.words import draft_replies
from bot.prep.guard import not_happened_yet
from bot.records import words
from bot.records.moving import move_interview
from bot.records.outcome_phrases import names_no_one, read_outcome
from bot.records.removing import remove_interview, remove_word
from bot.reflection.thank_you import THANK_YOU_BY_FOLLOWUP
from bot.reflection.timeline import read_timeline
from bot.reflection.typed_when import split_trailing_when
from bot.reflection.words import answer_lines
from bot.timeparse import TimeParseError, parse_when
from bot.values import Command, Reply

__all__ = ["draft", "followup", "history", "outcome"]

_OUTCOME_WORDS = {
    "callback": Outcome.CALLBACK, "call back": Outcome.CALLBACK, "next round": Outcome.CALLBACK,
    "offer": Outcome.OFFER, "rejected": Outcome.REJECTED, "rejection": Outcome.REJECTED,
    "no": Outcome.REJECTED, "no reply": Outcome.NO_REPLY, "no_reply": Outcome.NO_REPLY,
    "noreply": Outcome.NO_REPLY, "no reply yet": Outcome.NO_REPLY, "waiting": Outcome.NO_REPLY,
}


async def followup(ctx: Context, cmd: Command) -> list[Reply]:
    ref, when = _ref_and_when(ctx, cmd.option("interview") or cmd.text, cmd.option("when"))
    if ref:
        interview = await ctx.find_interview(ref, loose=True)
    else:
        interviews = await ctx.uow.interviews.list_for_user(ctx.user_id, limit=50)
        waiting = [i for i in interviews if i.thank_you is not ThankYou.SENT
                   and i.happens_at <= ctx.now]
        interview = waiting[0] if waiting else await ctx.find_interview(None)
    if (early := not_happened_yet(ctx, interview, "followup")) is not None:
        return [early]
    sent_at = _sent_when(ctx, when, interview)
    if interview.thank_you is ThankYou.SENT and (
            when is None or sent_at == interview.thank_you_sent_at):
        return [Reply(text=words.followup_already(interview))]
    interview.thank_you = ThankYou.SENT
    interview.thank_you_sent_at = sent_at
    interview.thank_you_source = THANK_YOU_BY_FOLLOWUP
    assert interview.id is not None
    cancelled = await ctx.uow.nudges.cancel(ctx.user_id, interview_id=interview.id,
                                            kinds=[NudgeKind.THANK_YOU])
    await ctx.uow.interviews.save(interview)
    when_read = when_in_words(sent_at, ctx.now, ctx.zone) if when else ""
    return [Reply(text=words.followup_done(interview, sent_at, ctx.config.thank_you_window,
                                           cancelled, when_read))]


def _ref_and_when(ctx: Context, ref: str, when: str | None) -> tuple[str, str | None]:
    """The interview and when the note went out, from "acme yesterday 18:00", "i sent it"
    or "2h ago" typed without ``when:`` (the time was read as part of the company, and
    the note marked as sent now)."""
    if not ref or when is not None:
        return ref, when
    if not names_an_interview(ref):  # "i sent it", "done": the interview waiting for one
        return "", None
    try:
        parse_when(ref, ctx.now, ctx.zone, past=True)
    except TimeParseError:
        try:
            typed = split_trailing_when(ref, ctx.now, ctx.zone, past=True)
        except TimeParseError as exc:  # "acme 12/5", neither reading near
            raise UserError(copy.bad_time(exc.text, exc)) from exc
        return (typed[0], typed[2]) if typed is not None else (ref, None)
    return "", ref  # "yesterday 18:00" alone: no company called "yesterday"


def _sent_when(ctx: Context, text: str | None, interview: Interview) -> datetime:
    """When the note went out: ``when:`` if given (not before the interview, not in the
    future), else now - marking it as you send it."""
    if not text:
        return ctx.now
    try:
        at = parse_when(text, ctx.now, ctx.zone, past=True)  # "friday 17:00": the last one
    except TimeParseError as exc:
        raise UserError(copy.bad_time(text, exc)) from exc
    if at > ctx.now:
        raise UserError(words.sent_in_future(text))
    if at < interview.happens_at:
        raise UserError(words.sent_before_interview(text, interview, ctx.zone))
    return at


async def draft(ctx: Context, cmd: Command) -> list[Reply]:
    ref = cmd.option("interview") or cmd.text
    if not ref and ctx.user.active_interview_id is not None:
        ref = f"#{ctx.user.active_interview_id}"
    interview = await ctx.find_interview(ref, loose=True)
    # Still ahead: "Thank you for meeting with me" can't be sent yet (as followup says)
    if (early := not_happened_yet(ctx, interview, "followup")) is not None:
        return [early]
    situation, notes = notes_for(interview, ctx.user, now=ctx.now,
                                 window=ctx.config.thank_you_window)
    return draft_replies(interview, notes, situation)


def _split_outcome(cmd: Command) -> tuple[str, Outcome | None, str]:
    """(interview ref, outcome, unreadable tail) from options or ``#3 no reply``."""
    result = cmd.option("result")
    ref = cmd.option("interview") or ""
    if result:
        said = result.strip().lower().replace("-", " ").rstrip(_CHEERS)
        return ref, _OUTCOME_WORDS.get(said), result
    typed = " ".join(cmd.text.split()).rstrip(_CHEERS)  # "callback!!", "offer 🎉"
    text = typed.lower()
    for words_ in sorted(_OUTCOME_WORDS, key=len, reverse=True):
        if text == words_ or text.endswith(" " + words_):
            # "acme: offer", "#2 - rejected": the interview without what joins it
            return (ref or typed[: len(text) - len(words_)].strip(" :,-–"),
                    _OUTCOME_WORDS[words_], "")
    return ref or cmd.text, None, ""


# What an outcome is cheered or sighed with at its end: not part of the word.
_CHEERS = " !.?🎉🙌😢😞🥳:()"


def _near_outcome(word: str) -> str | None:
    """``rejectd`` → ``rejected``: the outcome word a typo was meant to be."""
    words_ = [w for w in _OUTCOME_WORDS if " " not in w and "_" not in w and len(w) >= 4]
    close = difflib.get_close_matches(word.lower(), words_, n=1, cutoff=0.75)
    return close[0] if close else None


async def _outcome_interview(ctx: Context, ref: str, result: Outcome | None,
                             typed: str) -> tuple[Interview, Outcome | None, str]:
    """The interview ``ref`` names, and the outcome. When none matches, what was ``typed``
    may be a sentence ("globex they said no", "i didnt get it", "still waiting":
    bot.records.outcome_phrases) after an interview's name or number, or about the latest
    one; or end in a mistyped outcome (``acme rejectd``): then the word is blamed, not the
    interview. The third value is what was typed after the interview's name when it states
    no outcome ("acme maybe"): the caller asks with buttons."""
    try:
        return await ctx.find_interview(ref), result, ""
    except UserError as missing:
        last = typed.strip().rpartition(" ")[2]
        if not last:
            raise
        if result is None and (meant := _near_outcome(last)) is not None:
            raise UserError(words.outcome_typo(last, meant)) from missing
        named, said = await _named_in(ctx, typed.strip())
        stated = read_outcome(said)
        if stated is not None and (named is not None or names_no_one(said)):
            return named or await ctx.find_interview(None), stated, ""
        if named is not None:  # "acme maybe": Acme is there, "maybe" is no outcome
            return named, None, said
        raise


async def _date_they_named(ctx: Context, interview: Interview | None,
                           text: str) -> tuple[Interview, str] | None:
    """The interview (``None``: the latest) and the day a sentence says they will answer
    by ("they will let me know by friday", "within two weeks"), as the reflection's
    timeline question reads it; None when it names no day still ahead."""
    interview = interview or await ctx.find_interview(None)
    day = read_timeline(text, interview, ctx.zone)["date"]
    if day is None or day < ctx.now.astimezone(ctx.zone).date().isoformat():
        return None
    return interview, day


async def _named_in(ctx: Context, text: str) -> tuple[Interview | None, str]:
    """The interview a sentence starts with ("#3 …", "globex …", "umbrella …" for Umbrella
    Corp; the longest start that names one) and the rest of it; (None, the whole text)
    when it names none."""
    number = re.match(r"#?(\d+)\s+", text)
    if number:
        return await ctx.find_interview(f"#{number.group(1)}"), text[number.end():]
    interviews = await ctx.uow.interviews.list_for_user(ctx.user_id, limit=200)
    words = text.split()
    for size in range(len(words) - 1, 0, -1):  # "umbrella corp …", then "umbrella …"
        head = " ".join(words[:size]).casefold()
        for interview in interviews:  # newest first, as find_interview
            company = interview.company.casefold()
            if company == head or company.startswith(head + " "):
                return interview, " ".join(words[size:])
    return None, text


async def outcome(ctx: Context, cmd: Command) -> list[Reply]:
    ref, result, raw = _split_outcome(cmd)
    if raw and result is None:
        raise UserError(words.bad_outcome(raw))
    typed = "" if cmd.option("interview") else cmd.text  # a sentence, not a named option
    when_text = cmd.option("when")
    try:
        interview, result, unread = await _outcome_interview(ctx, ref, result, typed)
    except UserError:
        # "they said they'd let me know by friday": no outcome, but the date they named
        if result is not None or when_text is not None or \
                (said := await _date_they_named(ctx, None, typed)) is None:
            raise
        interview, unread, when_text = said[0], "", said[1]
    if (early := not_happened_yet(ctx, interview, "outcome")) is not None:
        return [early]
    if result is None and when_text is None and unread and \
            (said := await _date_they_named(ctx, interview, unread)) is not None:
        when_text = said[1]  # "acme said they will let me know by friday"
    if when_text is not None:  # the date they named for next steps
        if result is not None:
            raise UserError(timeline_with_result())
        return [await set_timeline(ctx, interview, when_text)]
    if result is None:
        return [words.outcome_ask(interview, unread)]
    assert interview.id is not None
    before = await ctx.uow.nudges.list_for_interview(interview.id)
    first_outcome, earlier = interview.outcome is None, interview.outcome
    interview.outcome = result
    interview.outcome_at = ctx.now
    await ctx.uow.nudges.cancel(ctx.user_id, interview_id=interview.id,
                                kinds=[NudgeKind.CHECK_IN])
    next_check = None
    follow = await after_no_reply(ctx, interview, before) \
        if result is Outcome.NO_REPLY else await after_outcome(ctx, interview)
    if result is Outcome.NO_REPLY and follow is None:
        # Only check-ins that reached the person count toward the limit; cancelled ones
        # (each "no reply yet" cancels the one still to come) never asked anything.
        checks = [n for n in await ctx.uow.nudges.list_for_interview(interview.id)
                  if n.kind is NudgeKind.CHECK_IN]
        asked = sum(1 for n in checks if n.status is NudgeStatus.SENT)
        nudge = ctx.policy.next_check_in(interview, ctx.user, ctx.now, asked,
                                         seq=len(checks))
        if nudge is not None:
            added = await ctx.uow.nudges.add_many([nudge])
            next_check = added[0].due_at if added else None
            ctx.scheduled.extend(n.due_at for n in added)
    await ctx.uow.interviews.save(interview)
    reply = follow or Reply(text=words.outcome_saved(interview, next_check, ctx.zone,
                                                     ctx.now))
    # The optional question comes once, with the first outcome: not again with every
    # "no reply yet" or the answer that follows it.
    question = words.source_question(interview, after=reply) if first_outcome else None
    replies = [reply] if question is None else [reply, question]
    if earlier is not None and earlier not in (Outcome.NO_REPLY, result):  # a correction
        # after the reply: a rejection is acknowledged first (COACHING.md)
        replies.append(Reply(text=words.outcome_replaced(interview, earlier, result)))
    return replies


async def history(ctx: Context, cmd: Command) -> list[Reply]:
    ref = cmd.option("interview") or cmd.text
    if (removing := remove_word(ref)) is not None and not cmd.options:
        return await remove_interview(ctx, removing[0], confirmed=removing[2])
    ref, editing = _edit_word(ref)
    when = cmd.option("when")
    if when is not None:  # `history #3 edit when:"12 Mar 09:00"`: moved, then any profile
        interview = await ctx.find_interview(ref or None)
        moved = await move_interview(ctx, interview, when)
        if any(name in PROFILE_OPTIONS for name, _ in cmd.options):
            moved.append(await _edit_profile(ctx, cmd, ref))
        return moved
    if editing or any(name in PROFILE_OPTIONS for name, _ in cmd.options):
        return [await _edit_profile(ctx, cmd, ref)]
    if ref:
        interview = await ctx.find_interview(ref, loose=True)
        return [words.history_detail(interview, ctx.zone, answer_lines(interview.answers),
                                     _focus(ctx, interview), ctx.now)]
    interviews = await ctx.uow.interviews.list_for_user(ctx.user_id, limit=200)
    if not interviews:
        raise UserError(copy.NO_INTERVIEWS)
    return [words.history_list(interviews[:10], ctx.zone, len(interviews), ctx.now)]


def _focus(ctx: Context, interview: Interview) -> Area | None:
    scores = interview_scores(interview, ctx.now, ctx.config.thank_you_window)
    return min(Area, key=lambda a: scores.get(a, 2.0)) if scores else None


def _edit_word(ref: str) -> tuple[str, bool]:
    """``"#3 edit"`` -> ``("#3", True)``; the word only, not a company called "Credit"."""
    parts = ref.split()
    if parts and parts[-1].lower() == "edit":
        return " ".join(parts[:-1]), True
    return ref, False


async def _edit_profile(ctx: Context, cmd: Command, ref: str) -> Reply:
    """``/debrief history #n edit field:data stage:final``: set (or clear with ``none``) the
    interview's profile; a value we can't read changes nothing."""
    interview = await ctx.find_interview(ref or None)
    given = [(name, value) for name, value in cmd.options if name in PROFILE_OPTIONS]
    if not given:
        return Reply(text=words.profile_how(interview))
    try:
        changes = profile_changes(tuple(given))
    except ProfileError as exc:
        raise UserError(exc.message) from exc
    role = cmd.option("role")
    if role is not None:
        role = ctx.check_length("role", role, ctx.config.max_name_length)
        changes["role"] = None if role.strip().lower() in ("none", "-", "") else role.strip()
    apply_profile(interview, changes)
    await ctx.uow.interviews.save(interview)
    return Reply(text=words.profile_saved(interview))

