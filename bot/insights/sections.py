"""The sections of ``/debrief stats`` under its lead: outcomes, thank-you notes and how the
person rated themselves - each figure with the command that acts on it.

Split from :mod:`bot.insights.words` (the lead and the reply), which puts them together.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.copy.naming import counted as _n
from bot.insights.patterns import (
    SO_SO_RATING,
    STRONG_RATING,
    AreaTrend,
    InterviewPoint,
    Patterns,
    Timing,
)
from bot.model import Outcome
from bot.reflection.questions import AREA_NAMES

__all__ = ["interview_number", "level", "outcomes", "ratings", "thank_yous"]


def level(score: float) -> str:
    return "weak" if score < SO_SO_RATING else "so-so" if score < STRONG_RATING else "strong"


def interview_number(points: Sequence[InterviewPoint], *, oldest: bool = False) -> str:
    """"#3", the latest (or oldest) of ``points`` that has a number: the command to type
    names a real interview, not "#n"."""
    numbers = [pt.number for pt in points if pt.number is not None]
    return f"#{numbers[0] if oldest else numbers[-1]}" if numbers else "#n"


def _trend_line(t: AreaTrend) -> str:
    name = AREA_NAMES[t.area]
    if t.count == 1:
        return f"• {name}: {level(t.mean)} (1 rating so far)"
    if t.count == 2:  # two ratings are no trend: "lately, down from" said what they were
        first, then = level(t.earlier), level(t.later)
        said = f"{first} both times" if first == then else f"{first}, then {then}"
        return f"• {name}: {said} (2 ratings)"
    if abs(t.change) >= 0.5:
        if level(t.later) == level(t.earlier):
            way = "a little higher" if t.change > 0 else "a little lower"
            return f"• {name}: {level(t.later)}, {way} lately ({t.count} ratings)"
        way = "up" if t.change > 0 else "down"
        return (f"• {name}: {level(t.later)} lately, {way} from {level(t.earlier)} "
                f"({t.count} ratings)")
    return f"• {name}: {level(t.mean)}, steady ({t.count} ratings)"


def _areas(names: list[str]) -> str:
    """"Stand out", "Stand out and professional", "All five areas"."""
    if len(names) == len(AREA_NAMES):
        return "All five areas"
    names = [names[0], *(n.lower() for n in names[1:])]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def ratings(p: Patterns) -> str:
    if not p.trends:
        return "No ratings yet: they come from your reflections (`/debrief reflect`)."
    # Areas that read alike share a line: "• Stand out: weak (1 rating so far)" four times
    # over read like a verdict repeated, not a reading.
    alike: dict[str, list[str]] = {}
    for t in p.trends:
        name, reading = _trend_line(t).removeprefix("• ").split(": ", 1)
        alike.setdefault(reading, []).append(name)
    lines = [f"• {_areas(names)}: " + (reading if len(names) == 1 else reading.replace(
                 " ratings)", " ratings each)").replace(" rating so far)", " rating each so far)"))
             for reading, names in alike.items()]
    lines.append("(From your own reflections: how it felt to you, which is worth knowing but "
                 "often differs from how it landed.)")
    return "\n".join(lines)


def thank_yous(p: Patterns) -> str:
    decided = p.thank_you_decided
    open_ = p.thank_you[Timing.OPEN]
    pending = (f" ({_n(open_, 'interview')} {'is' if open_ == 1 else 'are'} still inside "
               "the 24-hour window.)") if open_ else ""
    if not decided:
        return "Nothing to count yet." + pending
    on_time, late = p.thank_you[Timing.ON_TIME], p.thank_you[Timing.LATE]
    missing = p.thank_you[Timing.NOT_SENT]
    # None in time yet: what did happen, never "0 of 2 went out inside 24 hours".
    said = [f"{on_time} of {decided} went out inside 24 hours."] if on_time else []
    if late:
        said.append(f"{late} went out later." if on_time else
                    f"{_n(late, 'note')} went out after the 24 hours.")
    if missing:
        said.append(f"{missing if on_time else _n(missing, 'note')} "
                    f"{'was' if missing == 1 else 'were'} never marked as sent "
                    "(`/debrief followup` marks one).")
    said.append(_before_callbacks(p))
    return " ".join(t for t in said if t) + pending


def _before_callbacks(p: Patterns) -> str:
    """The notes that came before their callbacks ("3 of your 4 callbacks came after a note
    inside 24 hours"): the habit tied to their own outcomes. From two callbacks, only when
    some did - never "0 of your 2" - and not all notes were in time (else it says nothing)."""
    callbacks = [pt for pt in p.points if pt.result]
    in_time = sum(1 for pt in callbacks if pt.timing is Timing.ON_TIME)
    if len(callbacks) < 2 or not in_time or p.thank_you[Timing.ON_TIME] == p.thank_you_decided:
        return ""
    said = ("Both your callbacks" if in_time == len(callbacks) == 2 else
            f"All {len(callbacks)} of your callbacks" if in_time == len(callbacks)
            else f"{in_time} of your {len(callbacks)} callbacks")
    return f"{said} came after a note inside 24 hours."


def outcomes(p: Patterns) -> str:
    o = p.outcomes
    waiting = p.waiting
    still = (f" {waiting} still waiting for a reply - not counted until you hear back or "
             "three weeks have passed." if waiting else "")
    if not p.with_outcome:
        return "No outcomes recorded yet." + still
    silent = o[Outcome.NO_REPLY] - waiting
    offers = o[Outcome.OFFER]
    # What happened, never "0 callbacks"; an offer is said as one, not as "1 callback (1
    # of them an offer)".
    parts = ([_n(offers, "offer")] if offers and offers == p.callbacks else
             [f"{_n(p.callbacks, 'callback')}"
              + (f" ({offers} of them {'an offer' if offers == 1 else 'offers'})"
                 if offers else "")] if p.callbacks else [])
    if o[Outcome.REJECTED]:
        parts.append(_n(o[Outcome.REJECTED], "rejection"))
    if silent:
        parts.append(f"{silent} with no reply after three weeks")
    text = f"From {_n(p.with_outcome, 'interview')} with an outcome: {', '.join(parts)}.{still}"
    unknown = [pt for pt in p.points if pt.outcome is None]
    if unknown:
        number = interview_number(unknown, oldest=True)
        text += (f" {_n(len(unknown), 'interview')} {'has' if len(unknown) == 1 else 'have'} "
                 f"no outcome recorded (`/debrief outcome {number}` records one).")
    return text
