"""Patterns across one person's interviews, and a community's anonymous figures.

Pure functions over :mod:`bot.model` records: no storage, no clock, no words (the words are
in :mod:`bot.insights.words`). Everything here is counting, and the counts travel with every
finding, so the copy can say how few interviews a pattern rests on instead of pretending.

Definitions used throughout:

* a *callback* is an outcome of callback or offer; a rejection is not. "No reply yet" is
  *waiting*, not a failure, until the interview is *closed* (:data:`CLOSED_AFTER` after it,
  when Debrief closes the wait after two follow-ups): only then does silence count as no
  callback. Waiting interviews and those without an outcome are left out of comparisons.
* a thank-you is *on time* when it was marked sent within the thank-you window (24 h) of
  the interview's start, or reported "Already sent" in a reflection answered after the
  window, without a time (see :func:`bot.reflection.thank_you.reported_sent_at`); it is
  *decided* once it was sent or the window has closed, and undecided interviews are left
  out of the on-time rate.
* a *factor* (:mod:`bot.insights.factors`) splits the interviews with a known answer by
  field, role title, fit (4-5 vs 1-3), source, thank-you timing, preparation, stage,
  seniority or location; each split is a finding with its sizes, ranked, overlaps folded.
* *calibration*: interviews where how it felt (the "memorable" answer) and what happened
  disagree - people judge their own interviews poorly, so this is said, gently.
* a rating is :func:`bot.reflection.dialogue.area_scores`: 0 (weak) … 2 (strong) per area,
  with the Follow up area read from the note's current status (``/debrief followup`` after
  the reflection counts), see :func:`interview_scores`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.insights.factors import Factor, Finding, find, rank
from bot.model import Area, Interview, Outcome, ReflectionState, ThankYou
from bot.reflection.dialogue import area_scores

__all__ = [
    "CALLBACKS",
    "CLOSED_AFTER",
    "GOOD_FIT",
    "MAX_RATING",
    "MIN_COMMUNITY",
    "SMALL_SAMPLE",
    "SO_SO_RATING",
    "STRONG_RATING",
    "AreaTrend",
    "Calibration",
    "CommunityFigures",
    "InterviewPoint",
    "Patterns",
    "Timing",
    "analyse",
    "called_back",
    "group_of",
    "interview_point",
    "interview_scores",
    "is_closed",
    "timing",
]

CALLBACKS = frozenset({Outcome.CALLBACK, Outcome.OFFER})
# /debrief community shows no figure that rests on fewer people than this.
MIN_COMMUNITY = 5
# Fewer interviews with a known answer than this: every finding carries a caveat.
SMALL_SAMPLE = 5
GOOD_FIT = frozenset({"4", "5"})
# "No reply yet" this long after the interview counts as no callback: when Debrief itself
# closes the wait ("I've closed it as no reply") after two follow-ups, each 5 business days
# apart from the first at 5 (bot.followthrough) - 15 business days, never under 21 days.
CLOSED_AFTER = timedelta(days=21)
# An area's average rating (0-2) reads "strong" from here, "so-so" from SO_SO_RATING.
MAX_RATING = 2.0
STRONG_RATING = 1.34
SO_SO_RATING = 0.67
# No outcome this long after the interview: the follow-up is due (COACHING.md: 5-7
# business days when they named no date), so stats says so instead of "when you hear back".
QUIET_AFTER = timedelta(days=7)
# A no recorded this recently is still lived with: stats acknowledges it before advice.
FRESH_NO = timedelta(days=7)
# A Prepared rating at least this high (0-2) is "well prepared": 3+ things researched, or
# some research plus questions of your own.
WELL_PREPARED = 1.5


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
    title: str | None = None
    field: str | None = None
    seniority: str | None = None
    location: str | None = None
    source: str | None = None
    stage: str | None = None
    felt: str | None = None  # the "memorable" answer: generic / some / memorable
    bring: str | None = None  # what they said they bring to the table (their words)
    reflecting: bool = False  # reflection unfinished, nothing yet for the note to name

    def score(self, area: Area) -> float | None:
        return next((s for a, s in self.scores if a is area), None)

    @property
    def called_back(self) -> bool | None:
        return self.result


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
class Calibration:
    """Where how an interview felt and how it ended disagree (interview numbers)."""

    felt_memorable_no_callback: tuple[int, ...] = ()
    felt_generic_callback: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Patterns:
    points: tuple[InterviewPoint, ...]  # past interviews, oldest first
    upcoming: int
    trends: tuple[AreaTrend, ...]
    thank_you: dict[Timing, int]
    outcomes: dict[Outcome, int]
    findings: tuple[Finding, ...] = ()  # strongest first, overlaps folded in
    calibration: Calibration = Calibration()
    # No outcome recorded a week or more after the interview, and less than CLOSED_AFTER:
    # (point, days since), oldest first - time to follow up, not to wait for an answer.
    quiet: tuple[tuple[InterviewPoint, int], ...] = ()
    # The latest answer recorded, when it is a no from the last FRESH_NO: said before advice.
    fresh_no: InterviewPoint | None = None
    next_ahead: tuple[int, str] | None = None  # (number, company) of the soonest still ahead

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

    def point(self, number: int) -> InterviewPoint:
        return next(p for p in self.points if p.number == number)


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
    # The people behind ``with_outcome`` and ``thank_you_decided``: each rate is shown only
    # when it rests on at least MIN_COMMUNITY people.
    people_with_outcome: int = 0
    people_thank_you_decided: int = 0


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


def _text(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def interview_point(interview: Interview, now: datetime, window: timedelta) -> InterviewPoint:
    """One interview as the analysis sees it (also what the community counts are built on,
    in memory)."""
    scores = interview_scores(interview, now, window)
    answers = interview.answers
    return InterviewPoint(
        number=interview.id, company=interview.company, happens_at=interview.happens_at,
        scores=tuple((a, scores[a]) for a in Area if a in scores),
        timing=timing(interview, now, window), outcome=interview.outcome,
        fit=_text(answers.get("fit")), result=called_back(interview, now),
        title=_text(interview.role), field=_text(interview.job_field),
        seniority=interview.seniority, location=_text(interview.location),
        source=interview.source, stage=interview.stage, felt=_text(answers.get("memorable")),
        bring=_text(answers.get("bring")),
        reflecting=interview.reflection_state is not ReflectionState.COMPLETED
        and not answers.get("reference"))


def group_of(factor: Factor, point: InterviewPoint) -> str | None:
    """The point's group for a factor; None when unknown. Free text (title, location, field)
    is grouped case-insensitively; :func:`analyse` keeps the first spelling as the name."""
    if factor is Factor.FIT:
        return None if point.fit is None else "good" if point.fit in GOOD_FIT else "other"
    if factor is Factor.THANK_YOU:
        return None if point.timing is Timing.OPEN else \
            "on_time" if point.timing is Timing.ON_TIME else "not_on_time"
    if factor is Factor.PREP:
        prep = point.score(Area.PREPARED)
        return None if prep is None else "strong" if prep >= WELL_PREPARED else "light"
    value = {Factor.FIELD: point.field, Factor.TITLE: point.title,
             Factor.SENIORITY: point.seniority,
             Factor.LOCATION: point.location, Factor.SOURCE: point.source,
             Factor.STAGE: point.stage}[factor]
    return value.casefold() if value else None


def _findings(points: Sequence[InterviewPoint]) -> tuple[Finding, ...]:
    known = {i: p.result for i, p in enumerate(points) if p.result is not None}
    if not known:
        return ()
    findings = []
    for factor in Factor:
        finding = find(factor, {i: bool(r) for i, r in known.items()},
                       lambda i, f=factor: group_of(f, points[i]))  # type: ignore[misc]
        if finding is not None:
            findings.append(finding)
    return rank(findings)


def _calibration(points: Sequence[InterviewPoint]) -> Calibration:
    return Calibration(
        felt_memorable_no_callback=tuple(
            p.number or 0 for p in points if p.felt == "memorable" and p.result is False),
        felt_generic_callback=tuple(
            p.number or 0 for p in points if p.felt == "generic" and p.result is True))


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _trend(area: Area, points: Sequence[InterviewPoint]) -> AreaTrend | None:
    values = [s for p in points if (s := p.score(area)) is not None]
    if not values:
        return None
    half = len(values) // 2
    earlier, later = (values[:half], values[half:]) if half else (values, values)
    return AreaTrend(area, len(values), _mean(values), _mean(earlier), _mean(later))


def analyse(interviews: Iterable[Interview], now: datetime, window: timedelta) -> Patterns:
    """Patterns across a person's interviews (any order; upcoming ones are only counted)."""
    ordered = sorted(interviews, key=lambda i: (i.happens_at, i.id or 0))
    past = [i for i in ordered if i.happens_at <= now]
    points = tuple(interview_point(i, now, window) for i in past)
    thank_you = {t: 0 for t in Timing}
    outcomes = {o: 0 for o in Outcome}
    for point in points:
        thank_you[point.timing] += 1
        if point.outcome is not None:
            outcomes[point.outcome] += 1
    return Patterns(
        points=points,
        upcoming=len(ordered) - len(past),
        next_ahead=next(((i.id, i.company) for i in ordered[len(past):] if i.id), None),
        trends=tuple(t for a in Area if (t := _trend(a, points)) is not None),
        thank_you=thank_you,
        outcomes=outcomes,
        findings=_findings(points),
        calibration=_calibration(points),
        quiet=tuple((p, (now - p.happens_at).days) for p in points
                    if p.outcome is None and QUIET_AFTER <= now - p.happens_at < CLOSED_AFTER),
        fresh_no=_fresh_no(past, points, now),
    )


def _fresh_no(past: Sequence[Interview], points: Sequence[InterviewPoint],
              now: datetime) -> InterviewPoint | None:
    """The latest answer recorded, if it is a no recorded in the last FRESH_NO."""
    answered = [(i.outcome_at, point) for i, point in zip(past, points, strict=True)
                if i.outcome is not None and i.outcome_at is not None]
    if not answered:
        return None
    at, point = max(answered, key=lambda pair: pair[0])
    return point if point.outcome is Outcome.REJECTED and now - at <= FRESH_NO else None
