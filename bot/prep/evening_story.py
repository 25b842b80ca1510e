"""The story to have ready, in one line of the prep message the evening before.

The message said "one story said out loud" to someone with six stories saved, without
naming one: the person had to open their bank the night before and guess. Now it names one
(two when a second covers what the first does not and this kind of interview asks for it)
and says why in a few words, from what is known:

* the story they planned for this interview (``/debrief prep story <n>``) comes first;
* when their recent reflections say they blended in - the latest "did you stand out" or
  "what will they remember", or standing out rated their lowest area - a story with a
  result in numbers, because a number is what an interviewer remembers;
* a story that shares words with the role or their notes for this interview (``notes:
  "worried about the SQL part"``): "it's about SQL, which your notes for this one mention";
* the skills this kind of interview probes (``bot.prep.checklist.fitting_stories``).

With no story saved: one short, concrete way to save one tonight. Once they've said their
story out loud, nothing more is asked of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from bot.copy.naming import employer
from bot.insights.patterns import STRONG_RATING
from bot.model import Area, Interview
from bot.notes.people import role_label
from bot.prep.checklist import KIND_NAMES, fitting_stories, interview_kind, kind_skills
from bot.prep.lessons import blended_in, reflected
from bot.reflection.dialogue import area_scores
from bot.stories.bank import GAP_WORDS, heading
from bot.stories.model import Prep, Story

__all__ = ["ready_first", "story_line", "story_to_tell"]

NUMBERS = "impact in numbers"
# Words of four letters or more that say nothing about what a story is about.
_PLAIN = frozenset(
    "with that this they them their there about from have were what when which would "
    "will been into more then than just also some very over after before because really "
    "think worried nervous interview role team work job company want need know going "
    "could should being does done make made time tomorrow "
    # words of job titles, which every story of that trade shares with the role
    "data analyst analytics engineer engineering manager senior junior lead product "
    "software developer designer specialist associate intern staff principal head "
    "director officer assistant coordinator consultant scientist".split())


def _words(text: str) -> dict[str, str]:
    """Telling words in ``text``, folded, each with its first spelling."""
    found: dict[str, str] = {}
    for word in re.findall(r"[A-Za-z][\w+#.-]*[\w+#]|[A-Za-z]{2,}", text):
        folded = word.casefold()
        if len(folded) >= 2 and folded not in _PLAIN and not folded.isdigit():
            found.setdefault(folded, word)
    return found


def _stand_out_weak(interview: Interview, history: Sequence[Interview],
                    now: datetime) -> Interview | bool | None:
    """The latest interview where they felt they blended in; True when standing out is
    their lowest-rated area across recent reflections without one saying so; else None."""
    past = reflected(interview, list(history), now)
    if not past:
        return None
    if blended_in(past[0].answers):
        return past[0]
    scores: dict[Area, list[float]] = {}
    for earlier in past:
        for area, score in area_scores(earlier.answers).items():
            scores.setdefault(area, []).append(score)
    means = {a: sum(s) / len(s) for a, s in scores.items()}
    if Area.STAND_OUT in means and means[Area.STAND_OUT] < STRONG_RATING \
            and means[Area.STAND_OUT] <= min(means.values()):
        return True
    return None


def _shared(story: Story, text: str | None) -> str | None:
    """A telling word of ``text`` the story has too, as the story spells it: four letters
    or more, or a short one written in capitals on either side ("sql" and "SQL")."""
    told = _words(f"{story.title} {story.text}")
    said = _words(text or "")
    return next((told[w] for w in said if w in told
                 and (len(w) >= 4 or told[w].isupper() or said[w].isupper())), None)


def _reason(story: Story, interview: Interview, weak: Interview | bool | None,
            kind: str | None) -> str | None:
    """Why this story, in a few words: what they noted for this interview (what worries
    them), a number when they blended in last time, the role's words, the kind's skills."""
    noted = _shared(story, interview.notes)
    if noted:
        return f"it's about {noted}, which your notes for this one mention"
    if weak is not None and NUMBERS in story.tags:
        why = (f"after {employer(weak)} you felt you blended in"
               if isinstance(weak, Interview) else
               "standing out is where your reflections score lowest")
        return f"its result is in numbers, and that's what they remember - {why}"
    role = role_label(interview.role, interview.company)
    shared = _shared(story, interview.role)
    if shared and role:
        return f"it's about {shared}, like the {role} role"
    wanted = [t for t in story.tags if t in kind_skills(kind)] if kind else []
    if wanted:
        return f"it shows {GAP_WORDS[wanted[0]]}, which {_asks(kind)}"
    return f"it shows {GAP_WORDS[story.tags[0]]}" if story.tags else None


def _asks(kind: str | None) -> str:
    return f"a {KIND_NAMES[kind or '']} often asks about"


def _chosen(bank: Sequence[Story], interview: Interview, prep: Prep | None,
            weak: Interview | bool | None, kind: str | None) -> list[Story]:
    planned = [s for n in (prep.stories if prep else []) for s in bank if s.number == n]
    if planned:
        return planned[:2]
    ranked = fitting_stories(list(bank), interview, kind, limit=len(bank))
    ranked.sort(key=lambda s: (  # stable: the fitting order within each
        _shared(s, interview.notes) is None,
        weak is None or NUMBERS not in s.tags,
        _shared(s, interview.role) is None))
    first = ranked[0]
    # A second only for a skill this kind probes that the first does not show.
    missing = [t for t in kind_skills(kind) if t not in first.tags] if kind else []
    second = next((s for s in ranked[1:] if any(t in s.tags for t in missing)), None)
    return [first, second] if second is not None else [first]


def ready_first(bank: Sequence[Story], fitting: list[Story], interview: Interview,
                prep: Prep | None, history: Sequence[Interview], now: datetime) -> list[Story]:
    """``fitting`` with the story the evening message names first, so that ``/debrief
    prep`` and the message say the same story."""
    if not bank:
        return fitting
    first = _chosen(bank, interview, prep, _stand_out_weak(interview, history, now),
                    interview_kind(interview))[0]
    return [first, *(s for s in fitting if s.number != first.number)][:max(len(fitting), 1)]


def story_to_tell(bank: Sequence[Story], interview: Interview, prep: Prep | None,
                  history: Sequence[Interview], now: datetime) -> str | None:
    """The story to say out loud before ``interview``, named as the messages name it
    ("story 3 ("Churn fix")"); None with an empty bank."""
    if not bank:
        return None
    kind = interview_kind(interview)
    first = _chosen(bank, interview, prep, _stand_out_weak(interview, history, now), kind)[0]
    return f"story {_named(first)}"


def _named(story: Story) -> str:
    return f"{story.number} (\"{heading(story.title)}\")"


def story_line(interview: Interview, prep: Prep | None, bank: Sequence[Story],
               history: Sequence[Interview], now: datetime, evening: str) -> str | None:
    """One line naming the story (or two) to have ready and why; None once they have said
    one out loud. ``evening``: "tonight" or "today"."""
    if prep is not None and prep.practised:
        return None
    weak = _stand_out_weak(interview, history, now)
    if not bank:
        numbers = (f" - after {employer(weak)} you felt you blended in, so give it a number"
                   if isinstance(weak, Interview) else " (with a number if you can)")
        return (f"No story saved yet: save one {evening} in a line - `/debrief stories add "
                f"<title> | what happened, what you did, the result`{numbers}.")
    kind = interview_kind(interview)
    chosen = _chosen(bank, interview, prep, weak, kind)
    planned = set(prep.stories if prep else [])
    first = chosen[0]
    if all(s.number in planned for s in chosen):
        which = " and ".join(_named(s) for s in chosen)
        return (f"Have {'stories' if len(chosen) > 1 else 'story'} {which} ready - the "
                f"one{'s' if len(chosen) > 1 else ''} you planned to tell.")
    reason = _reason(first, interview, weak, kind)
    line = f"Have story {_named(first)} ready{f': {reason}' if reason else ''}"
    if len(chosen) == 1:
        return f"{line}."
    second = chosen[1]
    skill = next(t for t in kind_skills(kind) if t in second.tags and t not in first.tags)
    return f"{line}; and story {_named(second)} for {GAP_WORDS[skill]}, which {_asks(kind)}."
