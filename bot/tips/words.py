"""What Debrief says about scheduled channel tips (``/debrief tips``), and the posted tip.

Channels are named the way each platform shows them best without pinging anyone: as the
link its adapter declares (:attr:`bot.values.Surface.channel_link`: Discord's ``<#id>``),
elsewhere ``#name`` when the admin typed it as a link, "this channel" for the one the admin
is in, else the channel's id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.copy.naming import fmt_local
from bot.model import Area
from bot.reflection.questions import AREA_NAMES
from bot.tips.model import TipStatus, TipSubscription
from bot.tips.schedule import DAY_NAMES, TipSchedule
from bot.values import Reply

__all__ = [
    "ADMIN_ONLY",
    "NEED_A_CHANNEL",
    "NO_SUBSCRIPTIONS",
    "Where",
    "already",
    "bad_areas",
    "bad_channel",
    "bad_schedule",
    "bad_tips_timezone",
    "cannot_post",
    "channel_by_name",
    "channel_label",
    "channel_tip",
    "describe_schedule",
    "missing_schedule",
    "not_subscribed",
    "paused",
    "paused_by_admin",
    "resumed",
    "subscribed",
    "subscription_list",
    "turned_off",
    "unknown_tips_action",
]

ADMIN_ONLY = (
    "Only community admins can manage channel tips: on Slack a workspace admin or owner, on "
    "Discord someone with the Manage Server permission. Ask one of them - or get a tip just "
    "for you with `/debrief tip`."
)
NEED_A_CHANNEL = (
    "Which channel? Run `/debrief tips …` in the channel itself, or name it: "
    "`/debrief tips subscribe #channel daily 09:00`."
)
NO_SUBSCRIPTIONS = (
    "No channel here gets scheduled tips yet. Start with "
    "`/debrief tips subscribe daily 09:00` in the channel (or name one: "
    "`/debrief tips subscribe #channel weekdays 12:30`)."
)
SCHEDULE_FORMS = (
    "`daily 09:00`, `weekdays 12:30`, `weekends 10:00`, `weekly mon 09:00`, "
    "`mon,wed,fri 09:00`, or a 5-field cron line such as `0 9 * * 1-5`"
)
_WHY = {
    "unreadable": "I couldn't read",
    "too_often": "That's too often for a channel - give the minute as one number (at most "
                 "one tip an hour) in",
    "both_days": "Give either a day of the month or a day of the week, not both, in",
    "never": "That never happens:",
}
_DAY_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Where:
    """Where the admin is (``here``: their channel, None in a DM) and how their platform
    links a channel (``link``: :attr:`bot.values.Surface.channel_link`)."""

    here: str | None = None
    link: str | None = None


def channel_label(channel_id: str, name: str | None = None, where: Where = Where()) -> str:
    if where.link:
        return where.link.format(id=channel_id)
    if channel_id == where.here and not name:
        return "this channel"
    return f"#{name}" if name else f"channel {channel_id}"


def _label(sub: TipSubscription, where: Where) -> str:
    return channel_label(sub.channel_id, sub.channel_name, where)


def describe_schedule(schedule: TipSchedule) -> str:
    at = f"{schedule.at:%H:%M}" if schedule.at is not None else ""
    if schedule.kind == "daily":
        return f"every day at {at}"
    if schedule.kind == "weekdays":
        return f"on weekdays (Monday to Friday) at {at}"
    if schedule.kind == "weekends":
        return f"on weekends at {at}"
    if schedule.kind == "weekly":
        if len(schedule.days) == 1:
            return f"every {_DAY_WORDS[schedule.days[0]]} at {at}"
        days = ", ".join(DAY_NAMES[d].title() for d in schedule.days)
        return f"on {days} at {at}"
    return f"on the cron schedule `{schedule.text.removeprefix('cron ')}`"


def _areas(areas: Sequence[Area]) -> str:
    if not areas:
        return "all five areas"
    return ", ".join(AREA_NAMES[a] for a in areas)


def _next(next_at: datetime | None, zone: ZoneInfo) -> str:
    return f"Next tip: {fmt_local(next_at, zone)}." if next_at is not None else ""


def unknown_tips_action(word: str) -> str:
    return (f"`{word[:20]}` isn't something I can do with channel tips. Use "
            "`/debrief tips subscribe [#channel] daily 09:00`, `/debrief tips list`, or "
            "`pause`, `resume`, `off` (for this channel, or name one).")


def missing_schedule() -> str:
    return (f"When should tips be posted? Add a schedule: {SCHEDULE_FORMS}. Times are in the "
            "community's timezone (add `tz:Europe/Berlin` to set it).")


def bad_schedule(text: str, why: str) -> str:
    return (f"{_WHY.get(why, _WHY['unreadable'])} \"{text[:80]}\". Try {SCHEDULE_FORMS}. "
            "Nothing was changed.")


def bad_tips_timezone(text: str) -> str:
    return (f"I don't know the timezone \"{text[:60]}\". Give the community's zone as an IANA "
            "name such as `Europe/Berlin` or `America/New_York`. Nothing was changed.")


def bad_channel(text: str) -> str:
    return (f"I couldn't tell which channel \"{text[:60]}\" is. Pick it from the list as you "
            "type `#` so it becomes a link, or run the command in that channel.")


def channel_by_name(text: str) -> str:
    return (f"I can't look channels up by name (\"{text[:60]}\"). Pick it from the list as you "
            "type `#` so it becomes a link, or run the command in that channel.")


def bad_areas(word: str) -> str:
    return (f"I don't have tips for \"{word[:40]}\". Areas are: stand out, follow up, "
            "professional, prepared, right jobs (separate several with commas). "
            "Nothing was changed.")


def subscribed(sub: TipSubscription, schedule: TipSchedule, next_at: datetime | None,
               *, updated: bool, zone_from: str, where: Where = Where()) -> str:
    zone = ZoneInfo(sub.timezone)
    verb = "Updated" if updated else "Subscribed"
    zone_why = {"given": "as you set it", "community": "this community's zone",
                "default": "the default zone - add `tz:Area/City` to change it"}[zone_from]
    return (f"{verb}: {_label(sub, where)} gets an interview tip {describe_schedule(schedule)}, "
            f"{zone.key} time ({zone_why}), from {_areas(sub.areas)}. {_next(next_at, zone)} "
            "No tip repeats there until all of them have been posted. "
            "Manage with `/debrief tips list`, `pause`, `resume` or `off`.").replace("  ", " ")


def not_subscribed(channel_id: str, name: str | None, where: Where = Where()) -> str:
    label = channel_label(channel_id, name, where)
    return (f"{label[:1].upper()}{label[1:]} isn't subscribed to tips. "
            "`/debrief tips list` shows the channels that are.")


def already(sub: TipSubscription, where: Where = Where()) -> str:
    state = {TipStatus.ACTIVE: "already getting tips",
             TipStatus.PAUSED: "already paused",
             TipStatus.OFF: "already off"}[sub.status]
    label = _label(sub, where)
    return f"{label[:1].upper()}{label[1:]} is {state}. Nothing was changed."


def paused(sub: TipSubscription, where: Where = Where()) -> str:
    return (f"Paused tips in {_label(sub, where)}. `/debrief tips resume` starts them again "
            "(without posting the ones missed meanwhile).")


def resumed(sub: TipSubscription, next_at: datetime | None, where: Where = Where()) -> str:
    zone = ZoneInfo(sub.timezone)
    return f"Tips are back on in {_label(sub, where)}. {_next(next_at, zone)}".strip()


def turned_off(sub: TipSubscription, where: Where = Where()) -> str:
    return (f"Turned tips off in {_label(sub, where)}. Subscribe again any time - tips already "
            "posted there won't repeat until the rest have been.")


def subscription_list(entries: Sequence[tuple[TipSubscription, TipSchedule,
                                              datetime | None]],
                      where: Where = Where()) -> str:
    lines = ["Channels getting scheduled tips:"]
    for sub, schedule, next_at in entries:
        zone = ZoneInfo(sub.timezone)
        state = {TipStatus.ACTIVE: _next(next_at, zone) or "active",
                 TipStatus.PAUSED: "Paused" + (f" - {sub.paused_reason}"
                                               if sub.paused_reason else "") + ".",
                 TipStatus.OFF: "Off."}[sub.status]
        lines.append(f"• {_label(sub, where)}: {describe_schedule(schedule)} ({zone.key}), "
                     f"{_areas(sub.areas)}. {state}")
    return "\n".join(lines)


def paused_by_admin() -> str:
    return "paused by an admin"


def cannot_post(reason: str) -> str:
    return (f"I couldn't post there any more ({reason[:80]}). Invite me to the channel or "
            "give me permission to post, then `/debrief tips resume`")


def channel_tip(area: Area, tip: str) -> Reply:
    """The tip as posted in a channel: public, the same words on every platform."""
    return Reply(
        text=(f"💡 Interview tip · {AREA_NAMES[area]}\n{tip}\n"
              "Want one picked for you? `/debrief tip` (only you see it)."),
        private=False, tags=frozenset({"channel_tip"}))
