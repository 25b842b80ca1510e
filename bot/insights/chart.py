"""``/debrief stats``'s chart: what it shows, its titles, labels and alt text.

The chart's titles and labels are words too, so they are chosen here (from the same
:class:`~bot.insights.patterns.Patterns` as the reply) and the renderer only draws.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.copy.naming import counted as _n
from bot.insights.advice import chart_title, group_label
from bot.insights.patterns import InterviewPoint, Patterns
from bot.model import Outcome
from bot.notes.people import company_name
from bot.reflection.questions import AREA_NAMES
from bot.values import Chart, ChartSeries

__all__ = [
    "CHART_FILENAME",
    "MIN_RATED_FOR_CHART",
    "attachment_saved",
    "chart_description",
    "chart_failed",
    "stats_chart",
]

CHART_FILENAME = "debrief-patterns.png"
# Callbacks stand out in green; a no is marked in the same quiet grey as silence, not in
# red: after a run of them, a row of red "rejected" banners reads as a verdict, not a chart.
_OUTCOME_MARK = {
    Outcome.CALLBACK: ("callback", "good"),
    Outcome.OFFER: ("offer", "good"),
    Outcome.REJECTED: ("rejected", "open"),
    Outcome.NO_REPLY: ("no reply", "open"),
}
# Ratings over time need two interviews to show anything: one is a dot, not a pattern.
MIN_RATED_FOR_CHART = 2
_LEVELS = ((0, "weak"), (1, "so-so"), (2, "strong"))



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
                ChartSeries("no callback", not_called, tone="open")),
        y_label="interviews", y_min=0.0, y_max=float(top),
        y_ticks=tuple((float(v), str(v)) for v in range(0, top + 1)))


def stats_chart(p: Patterns, zone: ZoneInfo) -> Chart | None:
    """Outcomes by the factor that matters most; without one, ratings per area over time
    (from two rated interviews: None before)."""
    if p.findings:
        return _outcome_chart(p)
    points = [pt for pt in p.points if pt.scores]
    if len(points) < MIN_RATED_FOR_CHART:
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
