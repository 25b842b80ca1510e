"""``/debrief stats`` (a person's patterns, with a chart) and ``/debrief community`` (admins).

The chart is drawn after the transaction commits (see ``Context.after_commit``): a plotting
library may take a moment, and the database must not wait for it.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from bot import copy
from bot.context import Context, UserError
from bot.insights import chart as charts
from bot.insights import words
from bot.insights.community import (
    COMMUNITY_ADMINS_ONLY,
    COMMUNITY_NOT_HERE,
    community_insights,
    community_reply,
    community_too_small,
)
from bot.insights.patterns import MIN_COMMUNITY, analyse
from bot.ports import ChartRenderer
from bot.values import Attachment, Chart, Command, Destination, Reply

__all__ = ["community", "stats"]

log = logging.getLogger(__name__)


async def stats(ctx: Context, cmd: Command) -> list[Reply]:
    interviews = await ctx.uow.interviews.list_for_user(ctx.user_id)
    if not interviews:
        raise UserError(copy.NO_INTERVIEWS)
    patterns = analyse(interviews, ctx.now, ctx.config.thank_you_window)
    reply = words.stats_reply(patterns, ctx.zone)
    chart = charts.stats_chart(patterns, ctx.zone)
    if chart is not None and ctx.charts is not None:
        renderer, description = ctx.charts, charts.chart_description(patterns)

        async def attach(replies: list[Reply]) -> list[Reply]:
            return await _attach_chart(replies, renderer, chart, description)

        ctx.after_commit.append(attach)
    if ctx.user.active_interview_id is not None:  # asked for in the middle of a reflection
        return [reply, Reply(text=copy.REFLECTION_STILL_OPEN, destination=Destination.DM)]
    return [reply]


async def _attach_chart(replies: list[Reply], renderer: ChartRenderer, chart: Chart,
                        description: str) -> list[Reply]:
    try:
        png = await renderer.render(chart)
    except Exception:
        log.exception("drawing the stats chart failed; sending the text only")
        return [replace(r, text=f"{r.text}\n{charts.chart_failed()}") if "stats" in r.tags
                else r for r in replies]
    attachment = Attachment(charts.CHART_FILENAME, png, description=description)
    return [replace(r, attachment=attachment) if "stats" in r.tags else r for r in replies]


async def community(ctx: Context, cmd: Command) -> list[Reply]:
    if not ctx.incoming.is_admin:
        raise UserError(COMMUNITY_ADMINS_ONLY)
    community_id = ctx.incoming.community_id
    if community_id is None:
        raise UserError(COMMUNITY_NOT_HERE)
    figures = await ctx.uow.stats.community_figures(
        ctx.user.identity.platform, community_id, now=ctx.now,
        thank_you_window=ctx.config.thank_you_window)
    if figures.people < MIN_COMMUNITY:
        return [Reply(text=community_too_small(MIN_COMMUNITY))]
    groups = await ctx.uow.stats.community_groups(
        ctx.user.identity.platform, community_id, now=ctx.now,
        thank_you_window=ctx.config.thank_you_window)
    return [community_reply(figures, community_insights(figures, groups))]
