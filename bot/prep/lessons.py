"""What the person's own earlier reflections say to do differently this time.

Prep was the same for someone whose last three reflections all said "didn't ask any
questions" as for someone who asked sharp ones. Their answers are the most specific advice
there is (COACHING.md: across interviews, recommend from the person's own record), so prep
reads the latest reflections - any company - and names at most two things, in their words
and tied to what prep offers now:

* questions: none asked, or only stock ones ("what are the next steps") - the two
  questions below are the place to change it;
* research: an item of the checklist missed in every recent reflection (the interviewer,
  the industry …) - do that number first;
* standing out: they felt they blended in, or what they'll be remembered by was a stock
  phrase - lead with a story from the bank and its number;
* small talk that drifted - one line ready to bring it back to the role;
* the hardest question of their latest interview elsewhere, to go over (first, before a
  technical round).

Only reflections that happened before now count; "idk" and skipped answers say nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.copy.naming import employer, listed, their_words
from bot.model import Interview
from bot.prep.checklist import CHECKLIST, interview_kind
from bot.prep.time_left import TimeLeft
from bot.reflection.readback import to_study
from bot.reflection.reading import asked, specifics
from bot.stories.bank import heading
from bot.stories.model import Prep, Story

__all__ = ["RECENT", "blended_in", "past_lessons", "reflected"]

# How many of the latest reflections are read.
RECENT = 3
# At most this many lessons: prep is a checklist, not a report.
MOST = 2
_RESEARCH_NAMES = {"company": "the company", "industry": "the industry", "role": "the role",
                   "interviewer": "the interviewer"}
# Which research gap to name first: the person they'll meet, the company, the role, then the
# industry (the slowest to read up on, and the least asked about).
_FIRST = ("interviewer", "company", "role", "industry", "logistics")


def reflected(interview: Interview, interviews: list[Interview],
               now: datetime) -> list[Interview]:
    """The latest interviews before now with a reflection begun, newest first."""
    done = [i for i in interviews if i.id != interview.id and i.happens_at <= now
            and any(not k.startswith("_") for k in i.answers)]
    return sorted(done, key=lambda i: i.happens_at, reverse=True)[:RECENT]


def _names(interviews: list[Interview]) -> str:
    names = list(dict.fromkeys(employer(i) for i in interviews))
    return listed(names)


def _questions(past: list[Interview], prep: Prep | None, when: str) -> str | None:
    with_answer = [(i, asked(i.answers["questions_asked"])) for i in past
                   if isinstance(i.answers.get("questions_asked"), str)]
    if not with_answer:
        return None
    latest, read = with_answer[0]
    ready = prep is not None and len(prep.questions) >= 2
    if read.nothing:
        none = [i for i, r in with_answer if r.nothing]
        then = ("you have two ready this time - ask one as soon as there's an opening" if ready
                else f"write your two below {when}, and ask one as soon as there's an opening")
        return f"At {_names(none)} you didn't get to ask questions of your own: {then}."
    stock = [q for q in read.generic if q not in read.pay]  # pay is fair to ask
    if stock and not read.own:
        said = their_words(stock[0], latest.company, 50)
        then = ("this time you have two of your own ready - ask one of them early" if ready
                else f"make the two below ones only you could ask, and write them {when}")
        return f"At {employer(latest)} you asked \"{said}\", which any candidate asks: {then}."
    return None


def _research(past: list[Interview], shown: set[str]) -> str | None:
    lists = [(i, i.answers["researched"]) for i in past
             if isinstance(i.answers.get("researched"), list)]
    if not lists:
        return None
    missed = [item for item in sorted(CHECKLIST, key=lambda i: _FIRST.index(i.key))
              if item.key in _RESEARCH_NAMES and item.key in shown
              and all(item.key not in done for _, done in lists)][:2]
    if not missed:
        return None
    numbers = " and ".join(str(CHECKLIST.index(item) + 1) for item in missed)
    what = " or ".join(_RESEARCH_NAMES[item.key] for item in missed)
    which = f"those are {numbers} above - don't skip them" if len(missed) > 1 else \
        f"that's {numbers} above - don't skip it"
    return (f"Before {_names([i for i, _ in lists])} you hadn't looked into {what}: "
            f"{which} this time.")


def _hardest(interview: Interview, past: list[Interview], when: str) -> str | None:
    """The hardest question of their latest interview elsewhere (the same company's comes
    back under "From your last interview at …"), when it names something to study."""
    company = " ".join(interview.company.split()).casefold()
    for earlier in past:
        if " ".join(earlier.company.split()).casefold() == company:
            continue
        hardest = earlier.answers.get("hardest")
        if isinstance(hardest, str) and to_study(earlier) is not None:
            said = their_words(hardest, earlier.company, 80)
            return (f"At {employer(earlier)} you found \"{said}\" hardest: go over it "
                    f"{when} - questions like it come back.")
        return None  # only the latest interview elsewhere
    return None


def blended_in(answers: dict[str, Any]) -> bool:
    remember = answers.get("remember")
    stock = isinstance(remember, str) and specifics(remember).only_generic
    return answers.get("memorable") == "generic" or stock


def _stand_out(past: list[Interview], story: Story | None) -> str | None:
    latest = past[0]
    if not blended_in(latest.answers):
        return None
    lead = (f"tell story {story.number} (\"{heading(story.title)}\") early, with its number"
            if story else "have one result with a number in it ready to lead with")
    return f"After {employer(latest)} you felt you blended in: {lead}."


def _drifted(past: list[Interview]) -> str | None:
    latest = past[0]
    if latest.answers.get("professional") not in ("drifted", "too_personal"):
        return None
    return (f"At {employer(latest)} the talk drifted off the job: keep one line ready to "
            "bring it back (\"Speaking of which, how does your team…\").")


def past_lessons(interview: Interview, interviews: list[Interview], now: datetime,
                 prep: Prep | None, story: Story | None, left: TimeLeft) -> str | None:
    """At most :data:`MOST` lessons from their latest reflections, one per line; None when
    there is nothing to learn from yet. ``left``: the time left, for what prep shows now
    (with two hours left, the industry is not part of it) and when to do it; ``story``:
    the one prep suggests."""
    past = reflected(interview, interviews, now)
    if not past:
        return None
    shown = {item.key for _, item in left.items(interview)}
    when = "now" if left.short else left.when()
    hardest = _hardest(interview, past, when)
    technical = interview_kind(interview) == "technical"
    lines = [line for line in (hardest if technical else None, _questions(past, prep, when),
                               _research(past, shown), _stand_out(past, story),
                               None if technical else hardest, _drifted(past)) if line]
    return "\n".join(f"• {line}" for line in lines[:MOST]) or None
