"""``/debrief tips``: community admins subscribe channels to scheduled tips.

Typed: ``/debrief tips subscribe [#channel] <schedule> [areas:…] [tz:…]``, ``tips list``,
``tips pause|resume|off [#channel]``. Discord passes the same as named options (``action``,
``channel``, ``schedule``, ``areas``, ``tz``). Only admins may (the adapter sets
``Incoming.is_admin`` from the platform: Slack's admin/owner flags, Discord's Manage
Server). The posting itself is :mod:`bot.tips.runtime`'s job; this only edits subscriptions.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.context import Context, UserError
from bot.model import Area
from bot.reflection.questions import AREA_WORDS
from bot.tips import words
from bot.tips.model import TipStatus, TipSubscription
from bot.tips.schedule import ScheduleError, TipSchedule, next_occurrence, parse_schedule
from bot.values import Command, Reply

__all__ = ["parse_areas", "parse_channel", "tips"]

ACTIONS = ("subscribe", "list", "pause", "resume", "off")
_ACTION_WORDS = {"unsubscribe": "off", "stop": "off", "start": "subscribe", "add": "subscribe",
                 "show": "list"}
# <#C0123|general> (Slack), <#1234567890> (Discord), or an id given on its own.
_LINK = re.compile(r"^<#([A-Za-z0-9]+)(?:\|([^>]*))?>$")
_BARE_ID = re.compile(r"^(?:[CGD][A-Z0-9]{6,}|\d{15,21})$")


async def tips(ctx: Context, cmd: Command) -> list[Reply]:
    incoming = ctx.incoming
    if not incoming.is_admin:
        raise UserError(words.ADMIN_ONLY)
    action = (cmd.option("action") or "").strip().lower()
    rest = cmd.text.strip()
    if not action and rest:
        first, _, rest = rest.partition(" ")
        action = first.lower()
    action = _ACTION_WORDS.get(action, action) or "list"
    if action not in ACTIONS:
        raise UserError(words.unknown_tips_action(action))
    if action == "list":
        return [await _list(ctx)]
    channel = cmd.option("channel")
    if channel is None and rest.startswith(("<#", "#")):
        channel, _, rest = rest.partition(" ")
    channel_id, name = _channel(ctx, channel)
    if action == "subscribe":
        return [await _subscribe(ctx, cmd, channel_id, name, cmd.option("schedule") or rest)]
    if rest.strip():
        raise UserError(words.bad_channel(rest.strip()))
    return [await _change(ctx, action, channel_id, name)]


def _community(ctx: Context) -> tuple[str, str]:
    identity = ctx.incoming.identity
    return identity.platform, ctx.incoming.community_id or identity.workspace_id


def _here(ctx: Context) -> words.Where:
    """The channel the admin is in, and how their platform links channels."""
    return words.Where(None if ctx.incoming.in_dm else ctx.incoming.channel_id,
                       ctx.incoming.surface.channel_link)


def _channel(ctx: Context, given: str | None) -> tuple[str, str | None]:
    if given and given.strip():
        return parse_channel(given.strip())
    if ctx.incoming.in_dm or not ctx.incoming.channel_id:
        raise UserError(words.NEED_A_CHANNEL)
    return ctx.incoming.channel_id, None


def parse_channel(text: str) -> tuple[str, str | None]:
    """(channel id, name if given) from a channel link or id; a bare ``#name`` can't be
    looked up (the core knows no channel names), so it gets a clear error instead."""
    link = _LINK.match(text)
    if link:
        return link.group(1), (link.group(2) or None)
    if _BARE_ID.match(text):
        return text, None
    if text.startswith("#") and len(text) > 1:
        raise UserError(words.channel_by_name(text))
    raise UserError(words.bad_channel(text))


def parse_areas(text: str) -> tuple[Area, ...]:
    """``prepared, follow up`` → areas in the canonical order; ``all`` → () (every area)."""
    tokens = [t for t in re.split(r"[\s,;+/&]+", text.lower().replace("-", " ")) if t]
    if tokens in (["all"], ["every"], ["any"]):
        return ()
    found: set[Area] = set()
    i = 0
    while i < len(tokens):
        pair = " ".join(tokens[i:i + 2])
        if pair in AREA_WORDS and i + 1 < len(tokens):
            found.add(AREA_WORDS[pair])
            i += 2
        elif tokens[i] in AREA_WORDS:
            found.add(AREA_WORDS[tokens[i]])
            i += 1
        elif tokens[i] == "and":
            i += 1
        else:
            raise UserError(words.bad_areas(tokens[i]))
    if not found:
        raise UserError(words.bad_areas(text))
    return tuple(a for a in Area if a in found)


def _schedule(text: str) -> TipSchedule:
    if not text.strip():
        raise UserError(words.missing_schedule())
    try:
        return parse_schedule(text)
    except ScheduleError as exc:
        raise UserError(words.bad_schedule(text.strip(), exc.why)) from exc


async def _zone(ctx: Context, given: str | None, existing: TipSubscription | None
                ) -> tuple[str, str]:
    """(zone, where it came from): as given, else this channel's or the community's latest
    subscription's, else the configured default."""
    if given is not None:
        text = given.strip()
        try:
            if not text or len(text) > 64:
                raise ValueError(text)
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise UserError(words.bad_tips_timezone(text)) from exc
        return text, "given"
    if existing is not None:
        return existing.timezone, "community"
    others = await ctx.uow.tips.list_subscriptions(*_community(ctx))
    if others:
        latest = max(others, key=lambda s: (s.updated_at or s.created_at, s.id or 0))
        return latest.timezone, "community"
    return ctx.config.default_timezone, "default"


async def _subscribe(ctx: Context, cmd: Command, channel_id: str, name: str | None,
                     schedule_text: str) -> Reply:
    schedule = _schedule(schedule_text)
    areas_text = cmd.option("areas")
    areas = parse_areas(areas_text) if areas_text is not None else None
    platform, community = _community(ctx)
    existing = await ctx.uow.tips.get_subscription(platform, community, channel_id)
    zone, zone_from = await _zone(ctx, cmd.option("tz"), existing)
    if existing is None:
        sub = TipSubscription(
            platform=platform, workspace_id=community, channel_id=channel_id,
            schedule=schedule.text, timezone=zone, created_at=ctx.now, active_since=ctx.now,
            channel_name=name, areas=areas or (), created_by=str(ctx.incoming.identity),
            updated_at=ctx.now)
    else:
        sub = existing
        sub.schedule, sub.timezone = schedule.text, zone
        sub.areas = existing.areas if areas is None else areas
        sub.channel_name = name or existing.channel_name
        sub.status, sub.paused_reason = TipStatus.ACTIVE, None
        sub.active_since = sub.updated_at = ctx.now
    sub = await ctx.uow.tips.save_subscription(sub)
    next_at = next_occurrence(schedule, ZoneInfo(zone), ctx.now)
    return Reply(text=words.subscribed(sub, schedule, next_at,
                                       updated=existing is not None
                                       and existing.status is not TipStatus.OFF,
                                       zone_from=zone_from, where=_here(ctx)))


async def _list(ctx: Context) -> Reply:
    subs = [s for s in await ctx.uow.tips.list_subscriptions(*_community(ctx))
            if s.status is not TipStatus.OFF]
    if not subs:
        return Reply(text=words.NO_SUBSCRIPTIONS)
    entries = []
    for sub in subs:
        schedule = parse_schedule(sub.schedule)
        next_at = next_occurrence(schedule, ZoneInfo(sub.timezone), ctx.now) \
            if sub.status is TipStatus.ACTIVE else None
        entries.append((sub, schedule, next_at))
    return Reply(text=words.subscription_list(entries, _here(ctx)))


async def _change(ctx: Context, action: str, channel_id: str, name: str | None) -> Reply:
    platform, community = _community(ctx)
    sub = await ctx.uow.tips.get_subscription(platform, community, channel_id)
    if sub is None or (sub.status is TipStatus.OFF and action != "off"):
        raise UserError(words.not_subscribed(channel_id,
                                             name or (sub.channel_name if sub else None),
                                             _here(ctx)))
    wanted = {"pause": TipStatus.PAUSED, "resume": TipStatus.ACTIVE, "off": TipStatus.OFF}
    if sub.status is wanted[action]:
        return Reply(text=words.already(sub, _here(ctx)))
    sub.status, sub.updated_at = wanted[action], ctx.now
    sub.paused_reason = words.paused_by_admin() if action == "pause" else None
    if action == "resume":
        sub.active_since = ctx.now  # what was missed while paused stays missed
    await ctx.uow.tips.save_subscription(sub)
    if action == "pause":
        return Reply(text=words.paused(sub, _here(ctx)))
    if action == "off":
        return Reply(text=words.turned_off(sub, _here(ctx)))
    schedule = parse_schedule(sub.schedule)
    next_at = next_occurrence(schedule, ZoneInfo(sub.timezone), ctx.now)
    return Reply(text=words.resumed(sub, next_at, _here(ctx)))
