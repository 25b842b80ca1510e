"""Logging an interview and the reflection dialogue around it.

What the thank-you answer does to the interview's thank-you status and reminders (and how
``back`` and ``redo`` undo it) is in :mod:`bot.reflection.thank_you`; its names used
elsewhere are re-exported here."""

from __future__ import annotations

from datetime import timedelta

from bot import copy
from bot.context import Context, UserError
from bot.copy.naming import when_in_words
from bot.insights.profile import ProfileError, apply_profile, profile_changes
from bot.model import Interview, InterviewType, NudgeKind, ReflectionState
from bot.notes import notes_for
from bot.notes import words as note_words
from bot.nudges.words import nudge_line
from bot.prep.guard import not_happened_yet, prep_offer
from bot.prep.recall import after_reflection
from bot.prep.time_left import SHORT
from bot.records.duplicates import refuse_duplicate
from bot.records.heard import typed_outside_a_reflection
from bot.records.moving import move_named, read_interview_time
from bot.records.small_talk import aside_lead, said_aside
from bot.reflection import prompts, words
from bot.reflection.choices import Unclear, read_choice
from bot.reflection.dialogue import (
    Answered,
    Back,
    Cancel,
    Held,
    Invalid,
    Kept,
    Skipped,
    apply_turn,
    area_scores,
    next_question,
    question_number,
)
from bot.reflection.pause import pause_open_reflection
from bot.reflection.questions import TYPE_QUESTION, questions_for, type_of
from bot.reflection.summary import choose_focus, focus_tip, summary_reply
from bot.reflection.thank_you import (
    THANK_YOU_BY_FOLLOWUP,
    THANK_YOU_BY_REFLECTION,
    apply_thank_you,
    late_sent_report,
    reported_sent_at,
    restore_thank_you_reminders,
    undo_thank_you_answer,
    undo_thank_you_fields,
)
from bot.reflection.timeline import TIMELINE_DATE, read_timeline
from bot.reflection.typed_when import (
    MAX_AHEAD,
    MAX_PAST,
    company_as_typed,
    split_company_and_role,
    split_trailing_when,
    told_as_past,
)
from bot.timeparse import TimeParseError
from bot.values import AnswerKey, Command, Destination, Reply

__all__ = [
    "THANK_YOU_BY_FOLLOWUP",
    "THANK_YOU_BY_REFLECTION",
    "log_interview",
    "reflect",
    "reported_sent_at",
    "summary",
    "turn",
    "undo_thank_you_answer",
]


# An interview logged this close to "now" counts as just ended: the reflection starts.
JUST_ENDED_SLACK = timedelta(minutes=5)


async def log_interview(ctx: Context, cmd: Command) -> list[Reply]:
    limit = ctx.config.max_name_length
    company = ctx.check_length("company name",
                               company_as_typed(cmd.option("company") or cmd.text), limit)
    if not company:
        raise UserError(copy.missing_company())
    role = ctx.check_length("role", cmd.option("role") or "", limit) or None
    interviewer = ctx.check_length("interviewer name", cmd.option("interviewer") or "",
                                   limit) or None
    notes = ctx.check_length("note", cmd.option("notes") or "",
                             ctx.config.max_answer_length) or None
    profile = _profile(cmd)
    kind = _interview_type(cmd.option("type"))
    when_text = cmd.option("when")
    happens_at = ctx.now
    told = cmd.option("company") or cmd.text
    try:
        typed = None if when_text else split_trailing_when(company, ctx.now, ctx.zone,
                                                           past=told_as_past(told))
    except TimeParseError as exc:  # "acme 12/5", neither reading near
        raise UserError(copy.bad_time(exc.text, exc)) from exc
    if typed is not None:  # "interview stripe tomorrow 2pm"
        company, happens_at, when_text = typed
        if not ctx.now - MAX_PAST <= happens_at <= ctx.now + MAX_AHEAD:
            raise UserError(copy.when_out_of_range(when_text, happens_at, ctx.zone))
    elif when_text:
        happens_at = read_interview_time(ctx, when_text)
    if (moved := await move_named(ctx, company, when_text)) is not None:
        return moved  # "interview #1 when:friday": #1 is logged already; it moves
    if not cmd.option("company"):  # "interview at meta for a data scientist role"
        company, said_role = split_company_and_role(company)
        role = role or said_role
    ahead = happens_at > ctx.now + JUST_ENDED_SLACK
    interview = Interview(
        user_id=ctx.user_id, company=company, role=role, interviewer=interviewer,
        notes=notes, happens_at=happens_at, logged_at=ctx.now,
        reflection_state=ReflectionState.NOT_STARTED if ahead else ReflectionState.OPEN,
        community_id=ctx.incoming.community_id, interview_type=kind)
    apply_profile(interview, profile)
    # a double click, or the command sent again later, logs one interview
    twin = await refuse_duplicate(ctx, company, happens_at, timed=bool(when_text))
    interview = await ctx.uow.interviews.add(interview)
    nudges = await ctx.uow.nudges.add_many(ctx.policy.plan(interview, ctx.user, ctx.now))
    ctx.scheduled.extend(n.due_at for n in nudges)
    lines = [nudge_line(n, interview, ctx.zone)
             for n in sorted(nudges, key=lambda n: n.due_at)]  # in the order they come
    if ahead:
        left = interview.happens_at - ctx.now
        return [Reply(text=copy.logged_ahead(interview, ctx.zone, lines,
                                             left if left < SHORT else None),
                      actions=prep_offer(interview)), *twin]
    replies = await pause_open_reflection(ctx, interview)
    ctx.user.active_interview_id = interview.id
    # A typed time is named as it was read ("yesterday at 14:00"), so a wrong one shows.
    when = when_in_words(happens_at, ctx.now, ctx.zone) if when_text else ""
    lead = words.reflection_intro(interview, ctx.now)
    if not ctx.incoming.in_dm:
        replies.append(Reply(text=copy.logged_see_dm(interview, when)))
    elif when:
        lead = f"{copy.logged_past(interview, when)} {lead}"
    question = _ask(interview, lead=lead)
    assert question is not None
    replies.append(question)
    return replies + twin


def _interview_type(typed: str | None) -> InterviewType | None:
    """``type:`` as typed ("technical", "phone screen", "final round"), or a clear refusal."""
    if typed is None or not typed.strip():
        return None
    read = read_choice(TYPE_QUESTION, typed)
    if isinstance(read, Unclear):
        raise UserError(prompts.unknown_type(typed))
    return type_of(read.value)


def _profile(cmd: Command) -> dict[str, str | None]:
    """Field, seniority, location, source and stage typed on ``interview`` (all optional)."""
    try:
        return profile_changes(cmd.options)
    except ProfileError as exc:
        raise UserError(exc.message) from exc


def _ask(interview: Interview, *, lead: str = "") -> Reply | None:
    """The interview's open question, keyed to it; None once every question is answered."""
    questions = questions_for(interview)
    question = next_question(interview.answers, questions)
    if question is None:
        return None
    assert interview.id is not None
    key = AnswerKey(interview.id, question.key, interview.answers_version)
    # The type question chooses how many follow, so it shows no total ("question 1"); from
    # question 2 the total is the chosen set's and stays put.
    total = None if question.key == "type" else len(questions)
    return words.question_reply(question, question_number(question, questions), total,
                                key=key, lead=lead)


async def reflect(ctx: Context, cmd: Command) -> list[Reply]:
    ref = cmd.option("interview") or cmd.text
    redo = False
    words_ = ref.split()
    if words_ and words_[-1].lower() == "redo":  # the word, not a name like "Laredo"
        redo, ref = True, " ".join(words_[:-1])
    if ref:
        interview = await ctx.find_interview(ref, loose=True)
    elif ctx.user.active_interview_id is not None:
        interview = await ctx.find_interview(f"#{ctx.user.active_interview_id}")
    else:
        interview = await _latest_unfinished(ctx)
    if (early := not_happened_yet(ctx, interview, "reflect")) is not None:
        return [early]
    if redo:
        await undo_thank_you_answer(ctx, interview)
    if interview.reflection_state is ReflectionState.COMPLETED and not redo:
        return [await summary(ctx, interview), Reply(text=words.already_complete(),
                                                     destination=Destination.DM)]
    interview.reflection_state = ReflectionState.OPEN
    interview.reflection_completed_at = None
    if redo:
        interview.answers = {}
        interview.answers_changed_at = ctx.now
        if not await ctx.uow.interviews.save_answers(
                interview, expected_version=interview.answers_version):
            raise UserError(copy.TRY_AGAIN_LATER)  # an answer landed in between
    else:
        await ctx.uow.interviews.save(interview)
    ctx.user.active_interview_id = interview.id
    replies = [] if ctx.incoming.in_dm else [Reply(text=copy.continue_in_dm(interview))]
    lead = copy.welcome_back(interview) if interview.answers else \
        words.reflection_intro(interview, ctx.now)
    question = _ask(interview, lead=lead)
    if question is None:
        return [*replies, *await after_reflection(ctx, interview,
                                                  await _complete(ctx, interview))]
    return [*replies, question]


async def _latest_unfinished(ctx: Context) -> Interview:
    interviews = await ctx.uow.interviews.list_for_user(ctx.user_id, limit=50)
    if not interviews:
        raise UserError(copy.NO_INTERVIEWS)
    for interview in interviews:
        if interview.reflection_state is not ReflectionState.COMPLETED and \
                interview.happens_at <= ctx.now + JUST_ENDED_SLACK:
            return interview
    return interviews[0]


async def turn(ctx: Context, text: str) -> list[Reply]:
    """A typed reply, or a clicked answer button, in the DM.

    A click names its question (``Incoming.answer_key``) and counts only while that question
    is still the open one; typed text answers whatever question is open now. Either way the
    answer is stored with one conditional write on the version read here, so of two answers
    racing for one question (a double click, two replicas, a click while typing) exactly one
    is stored and the other is told so.
    """
    key = ctx.incoming.answer_key
    if key is not None:
        interview = await ctx.uow.interviews.get(ctx.user_id, key.interview_id)
        if interview is None or interview.id != ctx.user.active_interview_id or \
                interview.reflection_state is not ReflectionState.OPEN:
            return [words.reflection_not_open()]
        question = next_question(interview.answers, questions_for(interview))
        if interview.answers_version != key.version or question is None or \
                question.key != key.question:
            return [words.already_answered()]
        return await _answer(ctx, interview, text)
    if ctx.user.active_interview_id is None:
        # "they said no" under a "heard back?" check-in, "a referral" after the optional
        # question that follows an outcome (bot.records.heard)
        return [await typed_outside_a_reflection(ctx, text)]
    interview = await ctx.uow.interviews.get(ctx.user_id, ctx.user.active_interview_id)
    if interview is None:
        ctx.user.active_interview_id = None
        return [Reply(text=copy.NO_OPEN_REFLECTION, destination=Destination.DM)]
    received = ctx.incoming.received_at
    if received is not None and interview.answers_changed_at is not None and \
            received < interview.answers_changed_at:
        # Typed while an earlier answer (a click) was on its way: it was meant for the
        # question that answer already took, not for the one asked since.
        again = _ask(interview, lead=words.crossed_answer(text))
        return [again] if again is not None else [words.already_answered()]
    return await _answer(ctx, interview, text)


async def _answer(ctx: Context, interview: Interview, text: str) -> list[Reply]:
    version = interview.answers_version
    questions = questions_for(interview)
    asked = next_question(interview.answers, questions)
    aside = said_aside(text, at_choice=asked.kind != "text") if asked is not None else None
    if aside is not None:  # "thanks!", "i'm so done with this": met in kind, nothing stored
        ahead = None if aside != "before one" else min(
            (i for i in await ctx.uow.interviews.list_for_user(ctx.user_id, limit=50)
             if i.happens_at > ctx.now), key=lambda i: i.happens_at, default=None)
        again = _ask(interview, lead=aside_lead(aside, text, ahead))
        assert again is not None
        return [again]
    result = apply_turn(interview.answers, text, max_length=ctx.config.max_answer_length,
                        questions=questions)
    if isinstance(result, Invalid):
        if result.reason == "unclear":
            assert interview.id is not None and asked is not None
            key = AnswerKey(interview.id, asked.key, version)
            return [prompts.unclear_choice(asked, text, result.candidates, key)]
        return [Reply(text=words.invalid_answer(result.reason, result.question,
                                                 ctx.config.max_answer_length,
                                                 len(text.strip())),
                      destination=Destination.DM)]
    if isinstance(result, Cancel):
        interview.reflection_state = ReflectionState.CANCELLED
        ctx.user.active_interview_id = None
        await ctx.uow.interviews.save(interview)
        return [Reply(text=copy.REFLECTION_CANCELLED, destination=Destination.DM)]
    if isinstance(result, Held):
        interview.answers = result.answers
        interview.answers_changed_at = ctx.now
        if not await ctx.uow.interviews.save_answers(interview, expected_version=version):
            return [words.already_answered()]
        assert interview.id is not None
        key = AnswerKey(interview.id, result.question.key, interview.answers_version)
        return [prompts.held_reply(result.why, result.question, key)]
    lead = words.kept_for_later(result.kept_for, result.answers.get(result.kept_for.key)) \
        if isinstance(result, Kept) else \
        words.SKIPPED_UNSURE if isinstance(result, Skipped) and result.unsure else ""
    if isinstance(result, Back):
        lead = copy.BACK_ONE if result.moved else copy.AT_FIRST_QUESTION
    if isinstance(result, Answered) and asked is not None:
        _typed_answer(ctx, interview, asked.key, result.answers)
    if "type" in interview.answers and "type" not in result.answers:
        interview.interview_type = None  # `back` over the type question: asked again
    if "timeline" not in result.answers:
        result.answers.pop(TIMELINE_DATE, None)  # `back` over the timeline: its date goes
    changed = result.answers != interview.answers
    undo = "thank_you" in interview.answers and "thank_you" not in result.answers
    just_answered = isinstance(result, Answered | Kept) and \
        result.answers.get("thank_you") != interview.answers.get("thank_you")
    restore = undo_thank_you_fields(interview) if undo else False
    interview.answers = result.answers
    if changed:
        interview.answers_changed_at = ctx.now
    complete = next_question(interview.answers, questions_for(interview)) is None
    if complete:
        interview.reflection_state = ReflectionState.COMPLETED
        interview.reflection_completed_at = ctx.now
    cancel = False
    if just_answered:
        cancel = apply_thank_you(ctx, interview, result.answers["thank_you"])
        if late_sent_report(interview, ctx.now, ctx.config.thank_you_window):
            lead = words.when_did_it_go_out(interview)
    # One conditional write; only once it is in do the reminders change.
    if not changed:
        await ctx.uow.interviews.save(interview)
    elif not await ctx.uow.interviews.save_answers(interview, expected_version=version):
        return [words.already_answered()]  # another answer got there first: nothing written
    if restore:
        await restore_thank_you_reminders(ctx, interview)
    if cancel:
        assert interview.id is not None
        await ctx.uow.nudges.cancel(ctx.user_id, interview_id=interview.id,
                                    kinds=[NudgeKind.THANK_YOU])
    if complete:
        ctx.user.active_interview_id = None
        return await after_reflection(ctx, interview, await summary(ctx, interview))
    question = _ask(interview, lead=lead)
    assert question is not None
    return [question]


def _typed_answer(ctx: Context, interview: Interview, key: str,
                  answers: dict[str, object]) -> None:
    """What an answer means beyond itself: the interview's type; a timeline as a date."""
    if key == "type":
        interview.interview_type = type_of(answers["type"])
    elif key == "timeline" and isinstance(answers.get("timeline"), str):
        answers[TIMELINE_DATE] = read_timeline(str(answers["timeline"]), interview,
                                               ctx.zone)["date"]


async def _complete(ctx: Context, interview: Interview) -> Reply:
    interview.reflection_state = ReflectionState.COMPLETED
    interview.reflection_completed_at = ctx.now
    ctx.user.active_interview_id = None
    await ctx.uow.interviews.save(interview)
    return await summary(ctx, interview)


async def summary(ctx: Context, interview: Interview) -> Reply:
    """The summary (``bot.reflection.summary``): what went well, the focus chosen by impact,
    the reminders still ahead and the thank-you note."""
    scores = area_scores(interview.answers)
    window = ctx.config.thank_you_window
    focus = choose_focus(interview, scores, ctx.now, window)
    assert interview.id is not None
    pending = [n for n in await ctx.uow.nudges.list_for_interview(interview.id)
               if n.status.value in ("pending", "claimed")]
    lines = [nudge_line(n, interview, ctx.zone) for n in pending]
    tip = ""
    if focus is not None:
        mine = await ctx.uow.interviews.list_for_user(ctx.user_id)
        variant = sum(1 for i in mine if (i.happens_at, i.id or 0) <
                      (interview.happens_at, interview.id))
        deadline = (interview.happens_at + window).astimezone(ctx.zone)
        # With its date: "before Wed 14:00" left the day to guess near midnight.
        tip = focus_tip(focus, interview, ctx.now, window, f"{deadline:%a %d %b %H:%M}",
                        variant)
    situation, notes = notes_for(interview, ctx.user, now=ctx.now, window=window)
    intro = note_words.summary_note_intro(situation, notes) + note_words.panel_hint(notes)
    return summary_reply(interview, focus=focus, tip=tip, note=notes[0].text,
                         nudge_lines=lines, answered=words.answer_lines(interview.answers),
                         note_intro=intro,
                         note_actions=note_words.summary_note_actions(interview, situation))
