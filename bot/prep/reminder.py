"""The prep message the evening before, in the words of this interview and what is done.

It said the same to everyone: "Your interview at Acme is Wed 02 Dec 10:00 CET. Twenty
minutes now makes it easier: a short research checklist, two questions only you could ask,
and one story said out loud" - to someone who had ticked the whole checklist and written
both questions that afternoon as much as to someone who had not opened prep. Now it names
the interview (when, which kind, with whom) and what is left of their own prep; with
everything done it says so and lets them rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.copy.naming import employer, interview_label, listed, when_in_words
from bot.model import Interview
from bot.notes.people import parse_interviewers, role_label
from bot.prep.checklist import CHECKLIST, KIND_NAMES, interview_kind
from bot.prep.evening_story import story_line
from bot.prep.named import people_named, possessive
from bot.prep.same_day import same_day, same_day_line
from bot.stories.model import Prep, Story

__all__ = ["prep_reminder"]


def _short(key: str, interview: Interview) -> str:
    """The item in a few words, for a list in one sentence: "Jo Kim's profile"."""
    people = parse_interviewers(interview.interviewer)
    if key == "interviewer":
        return (f"{possessive(people[0].full)} profile" if len(people) == 1 and people[0].name else
                "each interviewer's profile" if len(people) > 1 else "the interviewer's profile")
    if key == "role":
        role = role_label(interview.role, interview.company)
        return f"the {role} posting's top requirements" if role else \
            "the posting's top requirements"
    if key == "company":
        return f"{possessive(employer(interview))} recent news"
    return {"logistics": "the logistics", "industry": "the industry's main challenge"}[key]


# The evening before, what matters most first: the role and the person they will meet,
# then the company, the logistics, and the industry (the slowest to read up on).
_FIRST = ("role", "interviewer", "company", "logistics", "industry")


def prep_reminder(interview: Interview, prep: Prep | None, zone: ZoneInfo,
                  now: datetime, bank: Sequence[Story] = (),
                  history: Sequence[Interview] = ()) -> str:
    """``bank``: their saved stories, to name the one to have ready; ``history``: their
    interviews, whose reflections say what to lead with."""
    kind = interview_kind(interview)
    what = KIND_NAMES[kind] if kind else "interview"
    people = people_named(interview)
    when = when_in_words(interview.happens_at, now, zone, heading=True)
    head = (f"{when}: your {what} at {interview_label(interview)}"
            f"{f' with {people}' if people else ''}.")
    evening = "tonight" if now.astimezone(zone).hour >= 16 else "today"
    done = set(prep.checked if prep else [])
    questions = len(prep.questions) if prep else 0
    practised = bool(prep and prep.practised)
    items = sorted(CHECKLIST, key=lambda i: _FIRST.index(i.key))
    todo = [_short(item.key, interview) for item in items if item.key not in done][:2]
    todo += (["two questions only you could ask"] if questions == 0 else
             ["one more question of your own"] if questions == 1 else [])
    if not practised:
        todo.append("one story said out loud")
    others = same_day(interview, history, zone, now)
    also = f"\n{same_day_line(interview, others, zone)}" if others else ""
    if not todo:
        return (f"{head} You're ready: the checklist, both questions and your story are "
                f"done. Rest well - good luck!{also}")
    made = ([f"{len(done)} of {len(CHECKLIST)} ticked"] if done else []) + (
        ["both questions written"] if questions >= 2 else
        ["one question written"] if questions == 1 else []) + (
        ["your story said out loud"] if practised else [])
    story = story_line(interview, prep, bank, history, now, evening)
    after = also + (f"\n{story}" if story else "")
    if not made:
        return f"{head} Twenty minutes {evening} is enough: {listed(todo)}.{after}"
    return (f"{head} You've made a start - {listed(made)}. Left for {evening}: "
            f"{listed(todo)}.{after}")
