"""The core's :class:`~bot.ports.ChartRenderer`, drawn with matplotlib.

matplotlib is imported inside :func:`render_png`, the first time a chart is drawn, so
neither the core nor ``debrief run``'s start-up pays for it. It uses the Agg backend through
the object-oriented API (a :class:`~matplotlib.figure.Figure` with its own canvas, never
``pyplot``): no display, no global figure registry, safe to call from a worker thread.

The image is exactly ``chart.width_px`` x ``chart.height_px`` pixels (no "tight" bounding
box, which would change the size). Labels are drawn as plain text - no mathtext - so a
company called ``$5 Ltd`` is shown as typed.
"""

from __future__ import annotations

import asyncio
import io
import math
from typing import Any

from bot.values import Chart

__all__ = ["DPI", "MatplotlibChartRenderer", "render_png"]

DPI = 100
# One colour per area (colour-blind friendly, from matplotlib's tab10), outcomes by kind.
_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf")
_MARKERS = ("o", "s", "^", "D", "v", "P")
_KIND_COLOURS = {"good": "#2ca02c", "bad": "#d62728", "open": "#7f7f7f"}


class MatplotlibChartRenderer:
    """Draws in a worker thread, so the event loop keeps serving other people meanwhile."""

    async def render(self, chart: Chart) -> bytes:
        return await asyncio.to_thread(render_png, chart)


def render_png(chart: Chart) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=False)  # no display; a no-op when already chosen
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"text.parse_math": False, "font.size": 10,
                                "axes.spines.top": False, "axes.spines.right": False}):
        figure = Figure(figsize=(chart.width_px / DPI, chart.height_px / DPI), dpi=DPI)
        canvas = FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        _draw(axes, chart)
        figure.subplots_adjust(left=0.08, right=0.80, top=0.86, bottom=0.16)
        buffer = io.BytesIO()
        canvas.print_png(buffer)
    return buffer.getvalue()


def _draw(axes: Any, chart: Chart) -> None:
    if chart.kind == "bars":
        _draw_bars(axes, chart)
        return
    xs = list(range(len(chart.x_labels)))
    spread = 0.04 * (chart.y_max - chart.y_min)  # lines on the same value stay visible
    middle = (len(chart.series) - 1) / 2
    for index, series in enumerate(chart.series):
        offset = (index - middle) * spread / max(middle, 1)
        ys = [math.nan if v is None else v + offset for v in series.values]
        axes.plot(xs, ys, label=series.label, color=_COLOURS[index % len(_COLOURS)],
                  marker=_MARKERS[index % len(_MARKERS)], linewidth=2, markersize=6)
    top = chart.y_max + 0.12 * (chart.y_max - chart.y_min)
    for x, label, kind in chart.markers:
        colour = _KIND_COLOURS.get(kind, _KIND_COLOURS["open"])
        axes.axvline(x, color=colour, alpha=0.25, linewidth=6, zorder=0)
        axes.annotate(label, (x, top), ha="center", va="bottom", color=colour,
                      fontweight="bold", annotation_clip=False)
    axes.set_xticks(xs, chart.x_labels, fontsize=8)
    axes.set_xlim(-0.5, max(len(xs) - 0.5, 0.5))
    axes.set_ylim(chart.y_min - 0.15, top)
    if chart.y_ticks:
        axes.set_yticks([v for v, _ in chart.y_ticks], [w for _, w in chart.y_ticks])
    axes.set_ylabel(chart.y_label)
    axes.grid(axis="y", alpha=0.3)
    axes.set_title(chart.title, pad=28, loc="left", fontsize=12)
    if chart.series:
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)


def _draw_bars(axes: Any, chart: Chart) -> None:
    """One bar per x label, the series stacked in it (callbacks at the bottom)."""
    xs = list(range(len(chart.x_labels)))
    bottoms = [0.0] * len(xs)
    for index, series in enumerate(chart.series):
        heights = [0.0 if v is None else v for v in series.values]
        colour = _KIND_COLOURS.get(series.tone, _COLOURS[index % len(_COLOURS)])
        axes.bar(xs, heights, bottom=bottoms, label=series.label, color=colour, width=0.6)
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    axes.set_xticks(xs, chart.x_labels, fontsize=9)
    axes.set_xlim(-0.6, max(len(xs) - 0.4, 0.6))
    axes.set_ylim(chart.y_min, max(chart.y_max, max(bottoms, default=0.0)) * 1.1 or 1.0)
    if chart.y_ticks:
        axes.set_yticks([v for v, _ in chart.y_ticks], [w for _, w in chart.y_ticks])
    axes.set_ylabel(chart.y_label)
    axes.grid(axis="y", alpha=0.3)
    axes.set_title(chart.title, pad=16, loc="left", fontsize=12)
    if chart.series:
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
