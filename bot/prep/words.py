"""Prep words: the prep message, confirmations and refusals."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.copy.naming import (
    employer,
    fmt_local,
    interview_label,
    listed,
    their_words,
    when_in_words,
)
from bot.model import Interview
from bot.prep.checklist import CHECKLIST, KIND_ADVICE, KIND_NAMES, MAX_QUESTION, interview_kind
from bot.prep.lessons import past_lessons
from bot.prep.named import item_words, panel_advice
from bot.prep.same_day import same_day, same_day_line
from bot.prep.time_left import TimeLeft, time_left
from bot.reflection.pay import about_pay, pay_interest
from bot.reflection.reading import is_nothing
from bot.stories.bank import heading
from bot.stories.model import Prep, Story
from bot.stories.words import gaps_line
from bot.values import Choice, Reply, ReplyField

__all__ = [
    "asked_saved",
    "asked_too_early",
    "bad_asked",
    "bad_tick",
    "generic_question",
    "nothing_ahead",
    "nothing_happened",
    "past_interview",
    "practised_saved",
    "prep_reply",
    "question_saved",
    "questions_full",
    "questions_reply",
    "recall_replies",
    "start_here",
    "story_planned",
    "ticked",
    "unknown_prep_action",
    "which_story",
]


def _checklist(interview: Interview, prep: Prep | None, left: TimeLeft) -> str:
    done = set(prep.checked if prep else [])
    lead = left.lead()
    lines = [lead] if lead else []
    shown = left.items(interview)
    for n, item in shown:
        mark = "✓" if item.key in done else "☐"
        label, how = item_words(item, interview, quick=left.short)
        lines.append(f"{n}. {mark} {label} - {how}")
    undone = [n for n, item in shown if item.key not in done]
    if undone:
        example = ",".join(str(n) for n in undone[:2])
        lines.append(f"Tick them with the buttons, or type `/debrief prep #{interview.id} "
                     f"tick {example}`.")
    return "\n".join(lines)


def _questions(interview: Interview, prep: Prep | None, left: TimeLeft) -> str:
    questions = prep.questions if prep else []
    if questions:
        lines = [f"{n}. {their_words(q, interview.company, 300)}"
                 for n, q in enumerate(questions, start=1)]
        if len(questions) < 2:
            lines.append(f"One more: `/debrief prep #{interview.id} question <your question>`.")
        return "\n".join(lines)
    if left.short:
        return (f"Two from what you read just now about {employer(interview)}: one about "
                "their work, one about the role - not \"what does a typical day look like\".\n"
                f"Add each with `/debrief prep #{interview.id} question <your question>`.")
    return (f"Write two that come from your research on {employer(interview)} - not \"what does "
            "a typical day look like\", but something like \"Your spring update said you're "
            "moving intake to mobile - what has surprised the team so far?\" or \"The posting "
            "mentions on-call for the new payments service; how is that shared while the "
            "team grows?\"\n"
            f"Add each with `/debrief prep #{interview.id} question <your question>`.")


def _stories(interview: Interview, prep: Prep | None, fitting: list[Story],
             bank: list[Story], left: TimeLeft) -> str:
    if not bank and left.short:  # no time to fill a story bank: one story, said once
        return ("No stories saved yet - that's fine for today. Pick one time you solved a "
                "real problem and say it out loud once before you go in: what happened, what "
                "you did, the result - under two minutes.")
    if not bank:
        return ("Your story bank is empty. Add one you could tell here - what happened, what "
                "you did, the result: `/debrief stories add <title> | <story>`.")
    planned = set(prep.stories if prep else [])
    lines = []
    for story in fitting:
        mark = " (you plan to tell it)" if story.number in planned else ""
        tags = ", ".join(story.tags) or "no skill tags"
        lines.append(f"{story.number}. {heading(story.title)} - {tags}{mark}")
    first = fitting[0]
    if prep is not None and prep.practised:
        lines.append("You've said it out loud - it will come out better for that.")
    else:
        lines.append(f"Say story {first.number} out loud once {left.when()}, start to "
                     "finish, in under two minutes - it comes out better for it.")
    lines.append(gaps_line(bank))
    return "\n".join(lines)


def _short_label(label: str) -> str:
    short = label.removeprefix("The ").split(",")[0]
    return short[:1].upper() + short[1:]


def _kind(kinds: tuple[str, ...], interview: Interview, earlier: list[Interview],
          zone: ZoneInfo, left: TimeLeft) -> tuple[str, str]:
    """Advice for the kind this interview is, or for each kind it can still be: after a
    screen at the same company, a second round is no screen, so its advice is left out.
    Hours before, four kinds' advice is more than anyone reads: one line instead."""
    if len(kinds) > 1 and left.short:
        return "If you don't know the format", (
            "Check the invite, or ask at the start how they'd like to use the time - then "
            "you know whether it's about you, a problem to solve, or both.")
    if len(kinds) == 1:
        title = f"What's different about a {KIND_NAMES[kinds[0]]}"
        panel = panel_advice(interview) if kinds[0] == "panel" else None
        return title, panel or KIND_ADVICE[kinds[0]]
    each = "\n".join(f"• {KIND_NAMES[k].capitalize()}: {KIND_ADVICE[k]}" for k in kinds)
    if not earlier:
        return "What differs by kind of interview", (
            f"If you don't know yet which kind it is, ask whoever set it up - it changes what "
            f"to prepare:\n{each}")
    before = earlier[0]
    what = "recruiter screen" if interview_kind(before) == "recruiter_screen" else "interview"
    return ("What this round may be", (
        f"After your {what} at {employer(interview)} on "
        f"{before.happens_at.astimezone(zone):%a %d %b}, this round usually goes "
        "deeper. If you don't know its format yet, ask the recruiter - it is usually one "
        f"of these:\n{each}"))


def _from_before(interview: Interview, earlier: list[Interview]) -> str | None:
    """What the earlier interview at the same company showed, in their own words: what
    they seemed most interested in (expect more of it) and the hardest question."""
    if not earlier:
        return None
    answers = earlier[0].answers
    lines = []
    interest = answers.get("interest")
    if isinstance(interest, str) and not is_nothing(interest):
        said = their_words(interest, interview.company)  # as typed: "they seemed keen on…"
        lines.append(pay_interest(said) if about_pay(interest) else
                     f"• What they seemed most interested in: \"{said}\" - expect more on "
                     "it, and have an example ready.")
    hardest = answers.get("hardest")
    if isinstance(hardest, str) and not is_nothing(hardest):
        hard = their_words(hardest, interview.company)
        lines.append(f"• The question you found hardest: \"{hard}\" - prepare a better "
                     "answer to it.")
    return "\n".join(lines) or None


def prep_reply(interview: Interview, prep: Prep | None, zone: ZoneInfo,
               kinds: tuple[str, ...], fitting: list[Story], bank: list[Story], *,
               now: datetime, earlier: list[Interview] | None = None,
               history: list[Interview] | None = None) -> Reply:
    """``earlier``: their interviews at the same company before this one; ``history``: all
    of their interviews, whose reflections say what to do differently this time."""
    earlier = earlier or []
    done = set(prep.checked if prep else [])
    left = time_left(interview, now, zone)
    actions = [
        Choice(f"Tick {n}: {_short_label(item.label)}",
               f"/debrief prep #{interview.id} tick {n}")
        for n, item in left.items(interview) if item.key not in done]
    if fitting and fitting[0].number not in (prep.stories if prep else []):
        actions.append(Choice(f"Tell story {fitting[0].number} there",
                              f"/debrief prep #{interview.id} story {fitting[0].number}"))
    if fitting and not (prep and prep.practised):
        actions.append(Choice("I said my story out loud",
                              f"/debrief prep #{interview.id} practised", "primary"))
    kind_title, kind_text = _kind(kinds, interview, earlier, zone, left)
    before = _from_before(interview, earlier)
    lessons = past_lessons(interview, history or [], now, prep, fitting[0] if fitting else None,
                           left)
    others = same_day(interview, history or [], zone, now)
    also = f"{same_day_line(interview, others, zone)}\n" if others else ""
    return Reply(
        title=f"Prep: {interview_label(interview)}, {fmt_local(interview.happens_at, zone)}",
        text=also + _checklist(interview, prep, left),
        fields=(
            *((ReplyField("What your last reflections say", lessons),) if lessons else ()),
            ReplyField("Two questions only you could ask", _questions(interview, prep, left)),
            ReplyField("Stories for this one", _stories(interview, prep, fitting, bank, left)),
            *((ReplyField(f"From your last interview at {employer(interview)}", before),)
              if before else ()),
            ReplyField(kind_title, kind_text),
        ),
        actions=tuple(actions), tags=frozenset({"prep", "private"}))


def questions_reply(interview: Interview, prep: Prep | None, zone: ZoneInfo,
                    now: datetime) -> Reply:
    """Only the questions part of prep, for "what questions should i ask them"."""
    return Reply(
        title=(f"Your questions for {interview_label(interview)}, "
               f"{fmt_local(interview.happens_at, zone)}"),
        text=_questions(interview, prep, time_left(interview, now, zone)),
        actions=(Choice("The rest of my prep", f"/debrief prep #{interview.id}"),),
        tags=frozenset({"prep", "private"}))


def ticked(interview: Interview, prep: Prep, left: TimeLeft) -> str:
    """What is done, of what is worth doing in the time left, and what comes next."""
    shown = [item for _, item in left.items(interview)]
    todo = [item_words(item, interview, quick=left.short)[0] for item in shown
            if item.key not in prep.checked]
    if not todo:
        rest = ([f"your {'two questions' if not prep.questions else 'second question'}"]
                if len(prep.questions) < 2 else []) + (
            [] if prep.practised else ["one story out loud"])
        then = f"Now {listed(rest)}." if rest else "You're ready - good luck!"
        return f"Research done for {employer(interview)} - all {len(shown)} ticked. {then}"
    return (f"Ticked. {len(shown) - len(todo)} of {len(shown)} done; next: "
            f"{re.sub('^The ', 'the ', todo[0])}.")


def bad_tick(text: str) -> str:
    return (f"I couldn't read \"{text[:30]}\" as checklist numbers. Use 1 to {len(CHECKLIST)},"
            " like `tick 1,3`. Nothing was changed.")


def question_saved(interview: Interview, prep: Prep, generic: bool, slot: int, *,
                   pay: bool = False, replaced: str | None = None) -> str:
    """``slot``: the number the question now has in the list (never how many are saved:
    replacing question 1 of two said "question 2"). ``replaced``: the question it took the
    place of (``question 1 <text>``), named so that it isn't lost unseen."""
    head = f"Saved as question {slot} of 2."
    if replaced is not None:
        head = (f"Saved as question {slot} of 2, in place of \""
                f"{their_words(replaced, interview.company, 80)}\".")
    if pay:  # fair to ask, and no research makes it one only they could ask
        head += (" Pay is fair to ask - the recruiter is usually the one to ask, and it helps "
                 "to know your own range first. It won't be what they remember you by, "
                 f"though: for this slot, try one about the work at {employer(interview)} "
                 f"(`/debrief prep #{interview.id} question {slot} <new question>`).")
    elif generic:
        head += (f" That one could be asked in any interview, though - can you tie it to "
                 f"something you found about {employer(interview)}? Replace it with "
                 f"`/debrief prep #{interview.id} question {slot} <new question>`.")
    elif len(prep.questions) < 2:
        head += " One more and you're set."
    return head


def questions_full(interview: Interview) -> str:
    return (f"You have two questions already. Replace one with `/debrief prep #{interview.id} "
            "question 1 <new question>` (or 2). Nothing was changed.")


def generic_question(limit: int = MAX_QUESTION) -> str:
    return (f"A question needs a few words (and at most {limit} characters). Try "
            "`/debrief prep question <your question>`. Nothing was saved.")


def which_story(interview: Interview) -> str:
    return (f"Which story? Give its number from `/debrief stories`, like `/debrief prep "
            f"#{interview.id} story 2`. Nothing was changed.")


def story_planned(story: Story, interview: Interview) -> str:
    return (f"Planned: you'll tell \"{heading(story.title)}\" at {employer(interview)}. "
            "Say it out loud once before - under two minutes.")


def practised_saved(interview: Interview) -> str:
    return (f"Good - a story said out loud once comes out better at {employer(interview)}. "
            "Good luck!")


def asked_saved(count: int) -> str:
    if count >= 2:
        return "Both of your questions asked - that's what makes an interviewer remember you."
    if count == 1:
        return ("One of two asked - noted. Next time, ask them early enough that there's time "
                "for both.")
    return ("Noted. Questions of your own are easy to lose when time runs short; next time ask "
            "one as soon as there's an opening.")


def asked_too_early(interview: Interview, zone: ZoneInfo, now: datetime) -> str:
    return (f"Your interview at {interview_label(interview)} is "
            f"{when_in_words(interview.happens_at, now, zone)} - tell me afterwards whether "
            "you asked your questions. Nothing was changed.")


def bad_asked(text: str) -> str:
    return (f"I couldn't read \"{text[:30]}\". Say how many of your questions you asked: "
            "`asked 2`, `asked 1` or `asked 0`. Nothing was changed.")


def start_here(interview: Interview, zone: ZoneInfo, now: datetime) -> str:
    """Above the help, with an interview close: where to start."""
    return (f"Your interview at {interview_label(interview)} is "
            f"{when_in_words(interview.happens_at, now, zone)} - start with `/debrief prep "
            f"#{interview.id}`: a short checklist, your two questions and one story.")


def nothing_ahead(ref: str) -> str:
    where = f" at {ref[:60]}" if ref else ""
    return (f"You have no interview{where} coming up. Log it with `/debrief interview "
            f"{ref[:60] or '<company>'} when:\"<day and time>\"` and your prep is ready at "
            "once - for one a day or more ahead, I'll also send it the evening before.")


def nothing_happened() -> str:
    return ("None of your interviews has happened yet. After one, tell me with "
            "`/debrief prep #<n> asked 2` (or 1, or 0) how many of your questions you asked.")


def past_interview(interview: Interview, zone: ZoneInfo, now: datetime) -> str:
    return (f"Your interview at {interview_label(interview)} was "
            f"{when_in_words(interview.happens_at, now, zone)}, so it's too late to prepare "
            f"for it. `/debrief reflect #{interview.id}` looks back on it instead.")


def unknown_prep_action(word: str) -> str:
    return (f"`{word[:20]}` isn't something I can do with prep. Use `/debrief prep "
            "[interview]`, then `tick 1,3`, `question <text>`, `story <n>` or `practised`.")


def recall_replies(interview: Interview, prep: Prep, stories: list[Story]) -> list[Reply]:
    """After the reflection: what they prepared, and whether it happened - one message for
    the questions and one per story, so each has its own buttons (on Slack, clicking one
    button of a message settles the whole message)."""
    out = []
    if prep.questions:
        quoted = " and ".join(f"\"{their_words(q, interview.company, 300)}\""
                              for q in prep.questions)
        base = f"/debrief prep #{interview.id} asked"
        choices = [Choice("Asked them all" if len(prep.questions) > 1 else "Asked it",
                          f"{base} {len(prep.questions)}", "primary")]
        if len(prep.questions) > 1:
            choices.append(Choice("Asked one", f"{base} 1"))
        choices.append(Choice("Didn't get to ask", f"{base} 0"))
        several = len(prep.questions) > 1
        what, it = ("these questions", "them") if several else ("a question", "it")
        out.append(Reply(
            text=(f"You prepared {what} for {employer(interview)}: {quoted}. Did you get to "
                  f"ask {it}?"),
            actions=tuple(choices), tags=frozenset({"private"})))
    for story in stories:
        out.append(Reply(
            text=(f"You planned to tell story {story.number}, \"{heading(story.title)}\". Did you? "
                  "Your story bank keeps track of which stories open doors."),
            actions=(Choice(f"I told story {story.number}",
                            f"/debrief stories told {story.number} #{interview.id}",
                            "primary"),),
            tags=frozenset({"private"})))
    return out
