"""The reflection's summary: what went well (only what the answers show), the one focus
chosen by impact, and what in the answers was specific or generic.

Focus (README "What Debrief decides"):

1. **Follow up** while the thank-you window is open and the note is not sent: nothing else
   a person can still do today changes as much.
2. Otherwise the weakest area by score (0-2, ``dialogue.area_scores``), never one scored
   1.5 or more (that is something they did well). Ties go by impact, :data:`IMPACT`:
   follow up (cheap and decisive), stand out (the first reason people are not called
   back), prepared, right jobs (a slower, strategic change), professional (the rarest
   problem).
3. Nothing weak (or nothing answered, window closed): no focus; the summary says to keep
   doing what worked.

The focus paragraph is :mod:`bot.reflection.focus_tip`; what went well, specific or generic
and what to study are :mod:`bot.reflection.readback`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.copy.naming import employer, their_words
from bot.model import Area, Interview, InterviewType, Outcome
from bot.reflection.focus_tip import focus_tip, interview_kind, window_open
from bot.reflection.questions import AREA_NAMES
from bot.reflection.readback import own_question, specific_or_generic, to_study, went_well
from bot.reflection.reading import is_nothing
from bot.reflection.their_side import about_them, treated_badly, treated_badly_words
from bot.values import Choice, Destination, Reply, ReplyField

__all__ = ["IMPACT", "choose_focus", "focus_tip", "interview_kind", "own_question",
           "summary_reply", "went_well"]

IMPACT: tuple[Area, ...] = (Area.FOLLOW_UP, Area.STAND_OUT, Area.PREPARED, Area.RIGHT_JOBS,
                            Area.PROFESSIONAL)
DID_WELL = 1.5


# After these the thank-you is no longer the point: a rejection gets its own reply (the
# note below the summary), an offer its own conversation.
DECIDED = (Outcome.REJECTED, Outcome.OFFER)


def choose_focus(interview: Interview, scores: dict[Area, float], now: datetime,
                 window: timedelta) -> Area | None:
    decided = interview.outcome in DECIDED
    if window_open(interview, now, window) and not decided:
        return Area.FOLLOW_UP
    theirs = treated_badly(interview.answers)  # their manners, not the candidate's drift
    weak = [a for a in IMPACT if a in scores and scores[a] < DID_WELL
            and not (decided and a is Area.FOLLOW_UP)
            and not (theirs and a is Area.PROFESSIONAL)]
    if not weak:
        return None
    return min(weak, key=lambda a: (scores[a], IMPACT.index(a)))


def keep_doing(interview: Interview) -> str:
    """Nothing weak: the one step that carries this interview into the next round - prep
    brings back what they were most interested in - unless there is no next round to
    carry it into (a final round, an answer already in)."""
    said = "Nothing in your answers stands out as weak"
    if interview.outcome is not None or interview_kind(interview) is InterviewType.FINAL:
        return f"{said} - do the same in your next interview."
    interest = interview.answers.get("interest")
    back = (f"what they were most interested in (\"{their_words(interest, interview.company)}\")"
            if isinstance(interest, str) and not is_nothing(interest)
            and not about_them(interest) else "your notes from this one")
    return (f"{said}. One step for the next round: when {employer(interview)} invites you, "
            f"log it with `/debrief interview {employer(interview)} when:\"<day and time>\"` and "
            f"prep then brings back {back}, to go deeper on.")


_OPENERS = (
    "Done - thanks for taking the time.",
    "That's the reflection.",
    "Thanks - that's every question.",
    "All done. Here's what your answers say.",
    "Finished - here's the short version.",
)


def summary_reply(interview: Interview, *, focus: Area | None, tip: str, note: str,
                  nudge_lines: list[str], answered: list[str], note_intro: str,
                  note_actions: tuple[Choice, ...]) -> Reply:
    """``note_intro`` and ``note_actions`` come from the note composer (``bot.notes``): they
    fit the note's situation (on time, late, already sent, after a rejection)."""
    assert interview.id is not None
    well = went_well(interview)
    fields = []
    if answered:
        fields.append(ReplyField("Your answers", "\n".join(answered)))
    fields.append(ReplyField("What went well", "\n".join(f"• {w}" for w in well) if well
                             else "• You took the time to reflect - that's how interviewing "
                                  "gets easier."))
    if treated_badly(interview.answers):
        fields.append(ReplyField("How they treated you", treated_badly_words()))
    read = specific_or_generic(interview)
    if read:
        fields.append(ReplyField("Specific or generic", "\n".join(f"• {r}" for r in read)))
    if focus is not None:
        fields.append(ReplyField(f"One thing to focus on: {AREA_NAMES[focus]}", tip))
    else:
        fields.append(ReplyField("Keep doing this", keep_doing(interview)))
    study = to_study(interview)
    if study:
        fields.append(ReplyField("Before the next round", study))
    fields.append(ReplyField("Reminders scheduled",
                             "\n".join(nudge_lines) if nudge_lines else "None"))
    opener = _OPENERS[interview.id % len(_OPENERS)]
    return Reply(title=f"Your reflection: {employer(interview)}", text=f"{opener} {note_intro}",
                 fields=tuple(fields), copy_text=note, destination=Destination.DM,
                 actions=note_actions, tags=frozenset({"summary"}))

