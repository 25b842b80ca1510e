"""Words for ``/debrief stats`` (a person's patterns, and its chart) and ``/debrief community``.

The numbers come from :mod:`bot.insights.patterns`; this module only says them, plainly, and always
says how many interviews a finding rests on. The chart's titles and labels are words too, so
they are chosen here and the renderer only draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from bot.copy.naming import counted
from bot.insights.advice import (
    calibration_lines,
    chart_title,
    finding_lines,
    group_label,
    next_step,
)
from bot.insights.community import CommunityInsight, community_step, insight_lines
from bot.insights.patterns import (
    MIN_COMMUNITY,
    AreaTrend,
    CommunityFigures,
    InterviewPoint,
    Patterns,
    Timing,
)
from bot.model import Area, Outcome
from bot.notes.people import company_name
from bot.reflection.questions import AREA_NAMES
from bot.values import Chart, ChartSeries, Reply, ReplyField

__all__ = [
    "CHART_FILENAME",
    "COMMUNITY_ADMINS_ONLY",
    "COMMUNITY_NOT_HERE",
    "attachment_saved",
    "chart_description",
    "chart_failed",
    "community_reply",
    "community_too_small",
    "lead",
    "stats_chart",
    "stats_reply",
]

CHART_FILENAME = "debrief-patterns.png"
COMMUNITY_ADMINS_ONLY = (
    "`/debrief community` is for community admins (on Slack a workspace admin or owner, on "
    "Discord someone with Manage Server). Your own patterns are in `/debrief stats`."
)
COMMUNITY_NOT_HERE = (
    "Run `/debrief community` in a channel of the server or workspace you'd like figures "
    "for - a direct message belongs to no community."
)
_OUTCOME_MARK = {
    Outcome.CALLBACK: ("callback", "good"),
    Outcome.OFFER: ("offer", "good"),
    Outcome.REJECTED: ("rejected", "bad"),
    Outcome.NO_REPLY: ("no reply", "open"),
}
_LEVELS = ((0, "weak"), (1, "so-so"), (2, "strong"))


def _level(score: float) -> str:
    return "weak" if score < 0.67 else "so-so" if score < 1.34 else "strong"


_n = counted


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


# -- /debrief stats ----------------------------------------------------------------------


def _intro(p: Patterns, zone: ZoneInfo) -> str:
    if not p.points:
        return ("Your interview is still ahead" if p.upcoming == 1 else
                f"Your {p.upcoming} interviews are still ahead") + \
            ", so there's nothing to look back on yet."
    first = p.points[0].happens_at.astimezone(zone)
    last = p.points[-1].happens_at.astimezone(zone)
    span = (f"on {first:%d %b %Y}" if len(p.points) == 1
            else f"all on {first:%d %b %Y}" if first.date() == last.date()
            else f"from {first:%d %b %Y} to {last:%d %b %Y}" if first.year != last.year
            else f"from {first:%d %b} to {last:%d %b %Y}")
    if len(p.points) == 1:
        text = f"From your one interview so far ({span})"
        return text + (f", with {p.upcoming} more coming up." if p.upcoming else ".")
    text = f"Across your {_n(len(p.points), 'past interview')} ({span})"
    text += f", with {p.upcoming} more coming up." if p.upcoming else "."
    return text


def _caveat(p: Patterns) -> str:
    if not p.points or p.with_outcome == 0:
        return ""
    if p.small:
        return (f"Only {_n(p.with_outcome, 'interview')} with an answer so far, so treat "
                "what follows as hints, not patterns. Each interview you log makes it "
                "clearer.")
    return ""


def _weakest(p: Patterns) -> AreaTrend | None:
    weak = [t for t in p.trends if t.later < 1.34]
    return min(weak, key=lambda t: (t.later, list(Area).index(t.area))) if weak else None


def _tip_for_weakest(p: Patterns) -> str:
    weakest = _weakest(p)
    if weakest is None:
        return ("keep sending each thank-you inside 24 hours and prepare one story with a "
                "result for every interview.")
    return (f"work on {_AREA_WORK[weakest.area]}, your lowest-rated area lately - "
            f"`/debrief tip {weakest.area.value.replace('_', ' ')}` has a concrete idea.")


# The areas as work to do, inside a sentence ("work on Stand out" read as a label).
_AREA_WORK = {Area.STAND_OUT: "standing out", Area.FOLLOW_UP: "following up",
              Area.PROFESSIONAL: "keeping it professional", Area.PREPARED: "preparation",
              Area.RIGHT_JOBS: "choosing roles that fit"}


def _profile_gaps(p: Patterns) -> int:
    return sum(1 for pt in p.points if pt.result is not None
               and not (pt.field or pt.title) and pt.source is None and pt.stage is None)


def lead(p: Patterns) -> tuple[str, str]:
    """(the situation in one line, the single most useful next step) - what the answer
    leads with."""
    if not p.points:
        return "", ("the day before, research the company, the role and the interviewer - "
                    "`/debrief tip prepared` has the checklist.")
    if p.findings:
        finding = p.findings[0]
        return "", next_step(finding, p)
    known, callbacks = p.with_outcome, p.callbacks
    if known == 0:
        waiting = (f" {_n(p.waiting, 'interview')} {'is' if p.waiting == 1 else 'are'} still "
                   "waiting for a reply." if p.waiting else "")
        return (f"No answers from employers recorded yet.{waiting}",
                "when you hear back, record it (`/debrief outcome #n callback`, or rejected) "
                "- with a handful of answers I can show what comes before your callbacks.")
    if known == 1 and callbacks == 0:
        return ("One answer so far, and it was a no. That stings - and one interview says "
                "very little about you.", _tip_for_weakest(p))
    if known == 1:
        return ("One answer so far, and it was a callback - well done. Too early for "
                "patterns.", _tip_for_weakest(p))
    if callbacks == 0:
        fits = [pt.fit for pt in p.points if pt.result is not None and pt.fit]
        step = ("this week, apply to two roles you'd rate a 4 or 5 on fit - where you "
                "clearly bring something." if fits and not any(f in ("4", "5") for f in fits)
                else "widen the search with two applications this week: a neighbouring "
                "field, another city, or remote work.")
        return (f"No callbacks yet from {_n(known, 'interview')}. That's hard, and it's "
                "common - it doesn't mean you can't do the job.", step)
    if callbacks == known:
        return (f"Every interview you've heard back from brought a callback ({callbacks} of "
                f"{known}). Well done.", _tip_for_weakest(p))
    situation = ("Too few answers yet to see what separates your callbacks from the rest."
                 if p.small else "Nothing clearly separates your callbacks from the rest "
                 "yet: they came about as often whatever the role, the way in or the habits.")
    if _profile_gaps(p) * 2 >= known:
        return (situation.split(":")[0].rstrip(".") + ".",
                "note what kind of role each interview was - `/debrief history #n edit "
                "field:… source:… stage:…` - so I can compare like with like.")
    return situation, _tip_for_weakest(p)


def _findings(p: Patterns) -> str | None:
    if not p.findings:
        return None
    # The first finding's step leads the reply ("Your next step: …"): not said twice.
    blocks = ["\n".join(finding_lines(f, p, step=i > 0))
              for i, f in enumerate(p.findings[:3])]
    blocks.append("These are patterns in your own notes, not proof: interviews differ in "
                  "many ways.")
    return "\n\n".join(blocks)


def _trend_line(t: AreaTrend) -> str:
    name = AREA_NAMES[t.area]
    if t.count == 1:
        return f"• {name}: {_level(t.mean)} (1 rating so far)"
    if abs(t.change) >= 0.5:
        if _level(t.later) == _level(t.earlier):
            way = "a little higher" if t.change > 0 else "a little lower"
            return f"• {name}: {_level(t.later)}, {way} lately ({t.count} ratings)"
        way = "up" if t.change > 0 else "down"
        return (f"• {name}: {_level(t.later)} lately, {way} from {_level(t.earlier)} "
                f"({t.count} ratings)")
    return f"• {name}: {_level(t.mean)}, steady ({t.count} ratings)"


def _areas(names: list[str]) -> str:
    """"Stand out", "Stand out and professional", "All five areas"."""
    if len(names) == len(AREA_NAMES):
        return "All five areas"
    names = [names[0], *(n.lower() for n in names[1:])]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _ratings(p: Patterns) -> str:
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


def _thank_yous(p: Patterns) -> str:
    decided = p.thank_you_decided
    open_ = p.thank_you[Timing.OPEN]
    pending = (f" ({_n(open_, 'interview')} {'is' if open_ == 1 else 'are'} still inside "
               "the 24-hour window.)") if open_ else ""
    if not decided:
        return "Nothing to count yet." + pending
    on_time, late = p.thank_you[Timing.ON_TIME], p.thank_you[Timing.LATE]
    missing = p.thank_you[Timing.NOT_SENT]
    text = f"{on_time} of {decided} went out inside 24 hours."
    if late:
        text += f" {late} went out later."
    if missing:
        text += (f" {missing} {'was' if missing == 1 else 'were'} never marked as sent "
                 "(`/debrief followup` marks one).")
    return text + pending


def _outcomes(p: Patterns) -> str:
    o = p.outcomes
    waiting = p.waiting
    still = (f" {waiting} still waiting for a reply - not counted until you hear back or a "
             "month has passed." if waiting else "")
    if not p.with_outcome:
        return "No outcomes recorded yet." + still
    silent = o[Outcome.NO_REPLY] - waiting
    parts = [f"{_n(p.callbacks, 'callback')}"
             + (f" ({o[Outcome.OFFER]} of them {'an offer' if o[Outcome.OFFER] == 1 else 'offers'})"
                if o[Outcome.OFFER] else "")]
    if o[Outcome.REJECTED]:
        parts.append(_n(o[Outcome.REJECTED], "rejection"))
    if silent:
        parts.append(f"{silent} with no reply after a month")
    text = f"From {_n(p.with_outcome, 'interview')} with an answer: {', '.join(parts)}.{still}"
    unknown = len(p.points) - p.with_outcome - waiting
    if unknown:
        text += (f" {_n(unknown, 'interview')} {'has' if unknown == 1 else 'have'} no "
                 "outcome recorded.")
    return text


def stats_reply(p: Patterns, zone: ZoneInfo) -> Reply:
    situation, step = lead(p)
    first = (f"Your next step: {step}", situation)
    if situation and p.with_outcome and not p.callbacks:
        # Only noes so far: the one line that acknowledges it comes before any advice.
        first = (situation, f"Your next step: {step}")
    text = "\n".join(t for t in (*first, _intro(p, zone), _caveat(p)) if t)
    fields: list[ReplyField] = []
    if p.points:
        findings = _findings(p)
        if findings:
            fields.append(ReplyField("What came before callbacks", findings))
        felt = calibration_lines(p.calibration)
        if felt:
            fields.append(ReplyField("How it felt, and how it went", "\n".join(felt)))
        if p.with_outcome or p.waiting:  # none at all: the lead has just said so
            fields.append(ReplyField("Outcomes", _outcomes(p)))
        fields += [ReplyField("Thank-you notes", _thank_yous(p)),
                   ReplyField("How you rated yourself", _ratings(p))]
    return Reply(title="Your interview patterns", text=text, fields=tuple(fields),
                 tags=frozenset({"private", "stats"}))


def _x_label(point: InterviewPoint, zone: ZoneInfo) -> str:
    name = company_name(point.company)
    company = name if len(name) <= 14 else name[:13] + "…"
    number = f"#{point.number} " if point.number is not None else ""
    return f"{number}{company}\n{point.happens_at.astimezone(zone):%d %b}"


def _short(text: str) -> str:
    return text if len(text) <= 18 else text[:17] + "…"


def _outcome_chart(p: Patterns) -> Chart:
    """Callbacks and the rest, group by group, for the factor that matters most."""
    finding = p.findings[0]
    groups = finding.groups[:6]
    labels = tuple(_short(group_label(finding.factor, g.value, p.points, short=True))
                   for g in groups)
    called = tuple(float(g.callbacks) for g in groups)
    not_called = tuple(float(g.total - g.callbacks) for g in groups)
    top = max(g.total for g in groups)
    return Chart(
        title=chart_title(finding), x_labels=labels, kind="bars",
        series=(ChartSeries("called back", called, tone="good"),
                ChartSeries("no callback", not_called, tone="bad")),
        y_label="interviews", y_min=0.0, y_max=float(top),
        y_ticks=tuple((float(v), str(v)) for v in range(0, top + 1)))


def stats_chart(p: Patterns, zone: ZoneInfo) -> Chart | None:
    """Outcomes by the factor that matters most; without one, ratings per area over time."""
    if p.findings:
        return _outcome_chart(p)
    points = [pt for pt in p.points if pt.scores]
    if not points:
        return None
    series = tuple(ChartSeries(AREA_NAMES[t.area], tuple(pt.score(t.area) for pt in points))
                   for t in p.trends)
    markers = tuple((i, *_OUTCOME_MARK[pt.outcome]) for i, pt in enumerate(points)
                    if pt.outcome is not None)
    return Chart(
        title=f"How you rated yourself over {_n(len(points), 'interview')}",
        x_labels=tuple(_x_label(pt, zone) for pt in points), series=series,
        y_label="your rating", y_ticks=tuple((float(v), w) for v, w in _LEVELS),
        markers=markers)


def chart_description(p: Patterns) -> str:
    """The chart's alt text."""
    if p.findings:
        finding = p.findings[0]
        return (f"Bar chart: {chart_title(finding).lower()}, callbacks and no callbacks per "
                "group.")
    return (f"Line chart of your ratings per area across {_n(p.rated, 'interview')}, "
            "with outcomes marked above each interview.")


def attachment_saved(path: str) -> str:
    """Where the console saved a reply's image (it cannot show one)."""
    return f"Chart saved to {path} - open it with any image viewer."


def chart_failed() -> str:
    return "(I couldn't draw the chart this time; the figures above are complete.)"


# -- /debrief community -------------------------------------------------------------------


def community_too_small(minimum: int) -> str:
    return (f"Fewer than {minimum} people have logged interviews with Debrief here, so I "
            "show no figures yet: in a group that small, totals could point to someone. "
            f"They appear once {minimum} people have.")


def community_reply(f: CommunityFigures, insights: Sequence[CommunityInsight] = ()) -> Reply:
    """Totals, and what came before callbacks here - every figure resting on at least
    MIN_COMMUNITY people (the caller checked ``f.people``; rates check their own)."""
    fields = [
        ReplyField("People who logged interviews", str(f.people)),
        ReplyField("Interviews logged", str(f.interviews)),
        ReplyField("Reflections completed",
                   f"{f.reflections_completed} of {f.interviews} "
                   f"({_pct(f.reflections_completed, f.interviews)})"),
    ]
    if f.people_thank_you_decided >= MIN_COMMUNITY:
        fields.append(ReplyField(
            "Thank-you notes inside 24 hours",
            f"{f.thank_you_on_time} of {f.thank_you_decided} "
            f"({_pct(f.thank_you_on_time, f.thank_you_decided)}) - counting interviews "
            "whose note was sent or whose 24 hours are over"))
    if f.people_with_outcome >= MIN_COMMUNITY:
        fields.append(ReplyField(
            "Callbacks",
            f"{f.callbacks} of {f.with_outcome} interviews with an answer "
            f"({_pct(f.callbacks, f.with_outcome)})"
            + (f", {_n(f.offers, 'offer')} among them" if f.offers else "")))
    if insights:
        blocks = [insight_lines(i, f) for i in insights[:3]]
        fields.append(ReplyField("What came before callbacks here", "\n\n".join(blocks)))
    text = "Totals only - never who. Counted from interviews logged here with Debrief, all time."
    if insights:
        text = f"Your next step: {community_step(insights[0])}\n{text}"
    elif f.people_with_outcome >= MIN_COMMUNITY:
        text += (f" No group of {MIN_COMMUNITY} or more people stands apart on callbacks yet "
                 "(by field, fit, way in, thank-you timing, stage, seniority or place).")
    else:
        text += (f" Callback figures appear once {MIN_COMMUNITY} people have recorded what "
                 "they heard back.")
    return Reply(title="Your community, anonymously", fields=tuple(fields), text=text)
