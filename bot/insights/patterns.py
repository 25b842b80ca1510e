"""Patterns across one person's interviews, and a community's anonymous figures.

Pure functions over :mod:`bot.model` records: no storage, no clock, no words (the words are
in :mod:`bot.insights.words`). Everything here is counting, and the counts travel with every
finding, so the copy can say how few interviews a pattern rests on instead of pretending.

Definitions used throughout:

* a *callback* is an outcome of callback or offer; a rejection is not. "No reply yet" is
  *waiting*, not a failure, until the interview is *closed* (:data:`CLOSED_AFTER` after it,
  when the last "heard back?" check-in is long past): only then does silence count as no
  callback. Waiting interviews and those without an outcome are left out of comparisons.
* a thank-you is *on time* when it was marked sent within the thank-you window (24 h) of
  the interview's start, or reported "Already sent" in a reflection answered after the
  window, without a time (see :func:`bot.reflection.handlers.reported_sent_at`); it is
  *decided* once it was sent or the window has closed, and undecided interviews are left
  out of the on-time rate.
* a rating is :func:`bot.reflection.dialogue.area_scores`: 0 (weak) … 2 (strong) per area,
  with the Follow up area read from the note's current status (``/debrief followup`` after
  the reflection counts), see :func:`interview_scores`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.model import Area, Interview, Outcome, ThankYou
from bot.reflection.dialogue import area_scores

__all__ = [
    "CALLBACKS",
    "MIN_COMMUNITY",
    "MIN_GROUP",
    "SMALL_SAMPLE",
    "AreaGap",
    "AreaTrend",
    "CommunityFigures",
    "Comparison",
    "InterviewPoint",
    "Patterns",
    "Timing",
    "analyse",
    "called_back",
    "interview_scores",
    "is_closed",
    "timing",
]

CALLBACKS = frozenset({Outcome.CALLBACK, Outcome.OFFER})
# /debrief community shows nothing for a group of fewer people than this.
MIN_COMMUNITY = 5
# A comparison needs at least this many interviews on each side to be shown as one.
MIN_GROUP = 2
# Fewer interviews with an outcome than this: every finding carries a "just a hint" caveat.
SMALL_SAMPLE = 5
# A difference in average rating at least this big (on the 0-2 scale) counts as one.
NOTABLE = 0.5
GOOD_FIT = frozenset({"4", "5"})
# "No reply yet" this long after the interview counts as no callback (the last of the three
# weekly "heard back?" check-ins is three weeks after it).
CLOSED_AFTER = timedelta(days=30)


class Timing(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    NOT_SENT = "not_sent"  # the window closed without a thank-you marked sent
    OPEN = "open"  # not sent yet, and the window is still open


@dataclass(frozen=True, slots=True)
class InterviewPoint:
    """One past interview as the analysis sees it."""

    number: int | None
    company: str
    happens_at: datetime
    scores: tuple[tuple[Area, float], ...]
    timing: Timing
    outcome: Outcome | None
    fit: str | None
    result: bool | None = None  # see called_back()

    def score(self, area: Area) -> float | None:
        return next((s for a, s in self.scores if a is area), None)

    @property
    def called_back(self) -> bool | None:
        return self.result


@dataclass(frozen=True, slots=True)
class Comparison:
    """Callbacks among interviews with a habit vs without it: (callbacks, interviews)."""

    with_habit: tuple[int, int]
    without: tuple[int, int]

    @property
    def enough(self) -> bool:
        return self.with_habit[1] >= MIN_GROUP and self.without[1] >= MIN_GROUP

    @property
    def any(self) -> bool:
        return self.with_habit[1] + self.without[1] > 0


@dataclass(frozen=True, slots=True)
class AreaTrend:
    """An area's ratings in time order: the average, and earlier half vs later half."""

    area: Area
    count: int
    mean: float
    earlier: float
    later: float

    @property
    def change(self) -> float:
        return self.later - self.earlier if self.count >= 2 else 0.0


@dataclass(frozen=True, slots=True)
class AreaGap:
    """An area's average rating before callbacks vs before other outcomes."""

    area: Area
    before_callbacks: float
    otherwise: float
    callbacks: int
    others: int


@dataclass(frozen=True, slots=True)
class Patterns:
    points: tuple[InterviewPoint, ...]  # past interviews, oldest first
    upcoming: int
    trends: tuple[AreaTrend, ...]
    thank_you: dict[Timing, int]
    outcomes: dict[Outcome, int]
    thank_you_vs_callbacks: Comparison
    fit_vs_callbacks: Comparison
    gaps: tuple[AreaGap, ...]  # only notable ones, biggest first

    @property
    def rated(self) -> int:
        return sum(1 for p in self.points if p.scores)

    @property
    def with_outcome(self) -> int:
        """Interviews whose answer is known (waiting ones are not)."""
        return sum(1 for p in self.points if p.result is not None)

    @property
    def waiting(self) -> int:
        """"No reply yet", and the interview still open."""
        return sum(1 for p in self.points if p.outcome is Outcome.NO_REPLY and p.result is None)

    @property
    def callbacks(self) -> int:
        return sum(1 for p in self.points if p.result)

    @property
    def thank_you_decided(self) -> int:
        return sum(n for t, n in self.thank_you.items() if t is not Timing.OPEN)

    @property
    def small(self) -> bool:
        return self.with_outcome < SMALL_SAMPLE


@dataclass(frozen=True, slots=True)
class CommunityFigures:
    """Anonymous totals for one community (a Slack workspace or a Discord server)."""

    people: int = 0
    interviews: int = 0
    reflections_completed: int = 0
    thank_you_decided: int = 0
    thank_you_on_time: int = 0
    with_outcome: int = 0
    callbacks: int = 0  # callbacks and offers
    offers: int = 0


def timing(interview: Interview, now: datetime, window: timedelta) -> Timing:
    sent = interview.thank_you_sent_at
    if sent is not None:
        return Timing.ON_TIME if sent - interview.happens_at <= window else Timing.LATE
    if interview.thank_you is ThankYou.SENT:  # reported sent, time unknown: as they said
        return Timing.ON_TIME
    return Timing.OPEN if now < interview.happens_at + window else Timing.NOT_SENT


def is_closed(interview: Interview, now: datetime) -> bool:
    """Long enough after the interview that "no reply yet" has become the answer."""
    return now >= interview.happens_at + CLOSED_AFTER


def called_back(interview: Interview, now: datetime) -> bool | None:
    """True (callback, offer), False (rejected; silence once closed), None (not known yet:
    no outcome, or "no reply yet" while the interview is still open)."""
    if interview.outcome is None:
        return None
    if interview.outcome is Outcome.NO_REPLY:
        return False if is_closed(interview, now) else None
    return interview.outcome in CALLBACKS


# The thank-you answer that matches the note's status now: a note marked sent on time
# reads as "sent", one sent late as "planned" (half-way: 1 on the 0-2 scale).
_STATUS_ANSWER = {Timing.ON_TIME: "sent", Timing.LATE: "planned"}


def interview_scores(interview: Interview, now: datetime,
                     window: timedelta) -> dict[Area, float]:
    """Area ratings from the reflection, with Follow up from the note's current status: a
    "Planning to send it" answer stops counting once the note is marked sent."""
    answers = dict(interview.answers)
    if interview.thank_you is ThankYou.SENT:
        answers["thank_you"] = _STATUS_ANSWER[timing(interview, now, window)]
    elif interview.thank_you is not None:
        answers["thank_you"] = interview.thank_you.value
    return area_scores(answers)


def _point(interview: Interview, now: datetime, window: timedelta) -> InterviewPoint:
    scores = interview_scores(interview, now, window)
    fit = interview.answers.get("fit")
    return InterviewPoint(
        number=interview.id, company=interview.company, happens_at=interview.happens_at,
        scores=tuple((a, scores[a]) for a in Area if a in scores),
        timing=timing(interview, now, window), outcome=interview.outcome,
        fit=fit if isinstance(fit, str) else None, result=called_back(interview, now))


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _trend(area: Area, points: Sequence[InterviewPoint]) -> AreaTrend | None:
    values = [s for p in points if (s := p.score(area)) is not None]
    if not values:
        return None
    half = len(values) // 2
    earlier, later = (values[:half], values[half:]) if half else (values, values)
    return AreaTrend(area, len(values), _mean(values), _mean(earlier), _mean(later))


def _compare(points: Iterable[InterviewPoint], has_habit: dict[int, bool]) -> Comparison:
    groups = {True: [0, 0], False: [0, 0]}
    for index, point in enumerate(points):
        habit = has_habit.get(index)
        if habit is None or point.called_back is None:
            continue
        groups[habit][0] += int(point.called_back)
        groups[habit][1] += 1
    return Comparison((groups[True][0], groups[True][1]), (groups[False][0], groups[False][1]))


def _gaps(points: Sequence[InterviewPoint]) -> tuple[AreaGap, ...]:
    gaps = []
    for area in Area:
        if area is Area.RIGHT_JOBS:  # the fit comparison says it in words people use
            continue
        good = [s for p in points if p.called_back and (s := p.score(area)) is not None]
        bad = [s for p in points
               if p.called_back is False and (s := p.score(area)) is not None]
        if len(good) < MIN_GROUP or len(bad) < MIN_GROUP:
            continue
        gap = AreaGap(area, _mean(good), _mean(bad), len(good), len(bad))
        if abs(gap.before_callbacks - gap.otherwise) >= NOTABLE:
            gaps.append(gap)
    return tuple(sorted(gaps, key=lambda g: -abs(g.before_callbacks - g.otherwise)))


def analyse(interviews: Iterable[Interview], now: datetime, window: timedelta) -> Patterns:
    """Patterns across a person's interviews (any order; upcoming ones are only counted)."""
    ordered = sorted(interviews, key=lambda i: (i.happens_at, i.id or 0))
    past = [i for i in ordered if i.happens_at <= now]
    points = tuple(_point(i, now, window) for i in past)
    thank_you = {t: 0 for t in Timing}
    outcomes = {o: 0 for o in Outcome}
    for point in points:
        thank_you[point.timing] += 1
        if point.outcome is not None:
            outcomes[point.outcome] += 1
    on_time = {i: p.timing is Timing.ON_TIME for i, p in enumerate(points)
               if p.timing is not Timing.OPEN}
    good_fit = {i: p.fit in GOOD_FIT for i, p in enumerate(points) if p.fit is not None}
    return Patterns(
        points=points,
        upcoming=len(ordered) - len(past),
        trends=tuple(t for a in Area if (t := _trend(a, points)) is not None),
        thank_you=thank_you,
        outcomes=outcomes,
        thank_you_vs_callbacks=_compare(points, on_time),
        fit_vs_callbacks=_compare(points, good_fit),
        gaps=_gaps(points),
    )
