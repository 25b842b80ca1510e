"""Words for ``/debrief stats`` (a person's patterns, and its chart) and ``/debrief community``.

The numbers come from :mod:`bot.insights.patterns`; this module only says them, plainly, and always
says how many interviews a finding rests on. The chart's titles and labels are words too, so
they are chosen here and the renderer only draws.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.insights.patterns import (
    MIN_GROUP,
    AreaGap,
    AreaTrend,
    CommunityFigures,
    Comparison,
    InterviewPoint,
    Patterns,
    Timing,
)
from bot.model import Outcome
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


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


# -- /debrief stats ----------------------------------------------------------------------


def _intro(p: Patterns, zone: ZoneInfo) -> str:
    if not p.points:
        return (f"Your {_n(p.upcoming, 'interview')} {'is' if p.upcoming == 1 else 'are'} "
                "still ahead, so there's nothing to look back on yet.")
    first = p.points[0].happens_at.astimezone(zone)
    last = p.points[-1].happens_at.astimezone(zone)
    span = (f"on {first:%d %b %Y}" if len(p.points) == 1
            else f"from {first:%d %b} to {last:%d %b %Y}")
    text = f"Across your {_n(len(p.points), 'past interview')} ({span})"
    text += f", with {p.upcoming} more coming up:" if p.upcoming else ":"
    return text


def _caveat(p: Patterns) -> str:
    if not p.points:
        return ""
    if p.with_outcome == 0:
        return ("None of them has an outcome recorded yet (`/debrief outcome` adds one), so "
                "I can't say yet what came before callbacks.")
    if p.small:
        return (f"Only {_n(p.with_outcome, 'interview')} with an outcome so far - treat "
                "this as a hint, not a pattern. It gets more telling with every interview "
                "you log.")
    return ""


def _trend_line(t: AreaTrend) -> str:
    name = AREA_NAMES[t.area]
    if t.count == 1:
        return f"• {name}: {_level(t.mean)} ({t.mean:.1f}) - only 1 rating so far"
    if abs(t.change) >= 0.5:
        way = "up" if t.change > 0 else "down"
        return (f"• {name}: {_level(t.later)} lately ({t.later:.1f}), {way} from "
                f"{_level(t.earlier)} ({t.earlier:.1f}) - {t.count} ratings")
    return f"• {name}: {_level(t.mean)}, steady ({t.mean:.1f} on average) - {t.count} ratings"


def _ratings(p: Patterns) -> str:
    if not p.trends:
        return ("No ratings yet: they come from your reflections (`/debrief reflect`), "
                "0 = weak, 2 = strong.")
    lines = [_trend_line(t) for t in p.trends]
    weakest = min(p.trends, key=lambda t: t.later)
    if weakest.later < 1.34:
        lines.append(f"Your weakest area lately: {AREA_NAMES[weakest.area]} - "
                     f"`/debrief tip {weakest.area.value}` has ideas.")
    lines.append("(Ratings run from 0 = weak to 2 = strong, from your own reflections.)")
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
    text = (f"{on_time} of {decided} went out inside 24 hours ({_pct(on_time, decided)}). "
            f"{late} went out later; {missing} {'was' if missing == 1 else 'were'} never "
            "marked as sent (`/debrief followup` marks one).")
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
                if o[Outcome.OFFER] else ""),
             _n(o[Outcome.REJECTED], "rejection")]
    if silent:
        parts.append(f"{silent} with no reply after a month")
    text = f"From {_n(p.with_outcome, 'interview')} with an answer: {', '.join(parts)}.{still}"
    unknown = len(p.points) - p.with_outcome - waiting
    if unknown:
        text += (f" {_n(unknown, 'interview')} {'has' if unknown == 1 else 'have'} no "
                 "outcome recorded.")
    return text


def _comparison(c: Comparison, topic: str, habit: str, rest: str) -> str | None:
    """``habit``/``rest`` complete "N interviews …" and "called back …" alike."""
    if not c.any:
        return None
    (good, with_n), (good_without, without_n) = c.with_habit, c.without
    if not c.enough:
        return (f"• {topic}: not enough to compare yet - {_n(with_n, 'interview')} {habit}, "
                f"{without_n} {rest} (I compare once each side has {MIN_GROUP}).")
    return (f"• {habit[0].upper()}{habit[1:]}: {good} of {with_n} called back; "
            f"{rest}: {good_without} of {without_n}.")


def _gap_line(g: AreaGap) -> str:
    way = "higher" if g.before_callbacks > g.otherwise else "lower"
    return (f"• Before your callbacks you rated yourself {way} on {AREA_NAMES[g.area]} "
            f"({g.before_callbacks:.1f} vs {g.otherwise:.1f} before the other outcomes; "
            f"{g.callbacks} vs {g.others} interviews).")


def _before_callbacks(p: Patterns) -> str | None:
    if not p.with_outcome:
        return None
    lines = [line for line in (
        _comparison(p.thank_you_vs_callbacks, "Thank-you on time",
                    "with an on-time thank-you", "without one"),
        _comparison(p.fit_vs_callbacks, "Fit",
                    "for roles you rated a good fit (4-5)", "for the other roles"),
    ) if line]
    lines += [_gap_line(g) for g in p.gaps]
    if not lines:
        return None
    lines.append("These are patterns in your own notes, not proof: interviews differ in many "
                 "ways.")
    return "\n".join(lines)


def stats_reply(p: Patterns, zone: ZoneInfo) -> Reply:
    text = "\n".join(t for t in (_intro(p, zone), _caveat(p)) if t)
    fields: list[ReplyField] = []
    if p.points:
        fields += [ReplyField("Your ratings per area", _ratings(p)),
                   ReplyField("Thank-you notes", _thank_yous(p)),
                   ReplyField("Outcomes", _outcomes(p))]
        before = _before_callbacks(p)
        if before:
            fields.append(ReplyField("What came before callbacks", before))
    return Reply(title="Your interview patterns", text=text, fields=tuple(fields),
                 tags=frozenset({"private", "stats"}))


def _x_label(point: InterviewPoint, zone: ZoneInfo) -> str:
    company = point.company if len(point.company) <= 14 else point.company[:13] + "…"
    number = f"#{point.number} " if point.number is not None else ""
    return f"{number}{company}\n{point.happens_at.astimezone(zone):%d %b}"


def stats_chart(p: Patterns, zone: ZoneInfo) -> Chart | None:
    """Ratings per area, interview by interview (those with ratings), outcomes marked."""
    points = [pt for pt in p.points if pt.scores]
    if not points:
        return None
    series = tuple(ChartSeries(AREA_NAMES[t.area], tuple(pt.score(t.area) for pt in points))
                   for t in p.trends)
    markers = tuple((i, *_OUTCOME_MARK[pt.outcome]) for i, pt in enumerate(points)
                    if pt.outcome is not None)
    return Chart(
        title=f"Your ratings per area over {_n(len(points), 'interview')}",
        x_labels=tuple(_x_label(pt, zone) for pt in points), series=series,
        y_label="your rating", y_ticks=tuple((float(v), w) for v, w in _LEVELS),
        markers=markers)


def chart_description(p: Patterns) -> str:
    """The chart's alt text."""
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


def community_reply(f: CommunityFigures) -> Reply:
    fields = (
        ReplyField("People who logged interviews", str(f.people)),
        ReplyField("Interviews logged", str(f.interviews)),
        ReplyField("Reflections completed",
                   f"{f.reflections_completed} of {f.interviews} "
                   f"({_pct(f.reflections_completed, f.interviews)})"),
        ReplyField("Thank-you notes inside 24 hours",
                   f"{f.thank_you_on_time} of {f.thank_you_decided} "
                   f"({_pct(f.thank_you_on_time, f.thank_you_decided)}) - counting interviews "
                   "whose note was sent or whose 24 hours are over"),
        ReplyField("Callbacks",
                   f"{f.callbacks} of {f.with_outcome} interviews with an outcome "
                   f"({_pct(f.callbacks, f.with_outcome)})"
                   + (f", {_n(f.offers, 'offer')} among them" if f.offers else "")),
    )
    return Reply(title="Your community, anonymously", fields=fields,
                 text="Totals only - never who. Counted from interviews logged here with "
                      "Debrief, all time.")
