"""Help, tips, settings, export and forget: the person's own account."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import datetime, time, timedelta
from enum import Enum
from typing import Any

from rapidfuzz import fuzz, process

from bot import copy
from bot.context import Context, UserError
from bot.copy.naming import employer
from bot.insights.advice import tip_area, tip_reason
from bot.insights.patterns import MAX_RATING, STRONG_RATING, analyse, interview_scores
from bot.model import Area, Interview, ReflectionState
from bot.notes import words as note_words
from bot.notes.people import capitalise_name
from bot.prep import words as prep_words
from bot.prep.guard import prep_offer, still_ahead
from bot.prep.settings import apply_prep_setting, prep_setting_words
from bot.reflection.questions import AREA_WORDS
from bot.timeparse import TimeParseError, parse_clock_time
from bot.tips.library import TYPE_WORDS, tip_for_interview
from bot.values import Choice, Command, Destination, Reply, Surface, without_emoji
from bot.zones import UnknownZone, ZoneMatch, resolve_zone

__all__ = ["export", "help_", "settings", "tip"]

# A signature longer than this is not a name (and would look odd under a note).
MAX_PREFERRED_NAME = 60
# An interview this close is named above the help: "help" the night before is "where do I
# start", not "list every command".
HELP_AHEAD = timedelta(hours=48)
# Said around what is asked for, not part of it ("tip pls", "a tip please").
_POLITE = re.compile(r"\b(?:pls|plz|please|thanks|thx|thank you|another|one more)\b|[?!.]")
# How long after an interview ``/debrief tip`` still picks tips for its kind.
TIP_LOOKBACK = timedelta(days=7)



async def help_(ctx: Context, cmd: Command) -> list[Reply]:
    help_reply = Reply(text=copy.help_text(channels=ctx.incoming.surface.channels))
    soon = await _next_ahead(ctx)
    if soon is not None:  # "help" the night before: where to start, above the list
        help_reply = Reply(text=f"{prep_words.start_here(soon, ctx.zone, ctx.now)}\n\n"
                                f"{help_reply.text}", actions=prep_offer(soon))
    replies = [help_reply]
    if ctx.user.active_interview_id is not None:  # asked for in the middle of a reflection
        replies.append(Reply(text=copy.REFLECTION_STILL_OPEN, destination=Destination.DM))
    return replies


async def _next_ahead(ctx: Context) -> Interview | None:
    """Their next interview, when it is close enough to prepare for now (HELP_AHEAD)."""
    mine = await ctx.uow.interviews.list_for_user(ctx.user_id, limit=20)
    ahead = [i for i in mine if still_ahead(ctx, i) and i.happens_at - ctx.now <= HELP_AHEAD]
    return min(ahead, key=lambda i: i.happens_at, default=None)


async def tip(ctx: Context, cmd: Command) -> list[Reply]:
    typed = _POLITE.sub(" ", (cmd.option("area") or cmd.text).lower().replace("-", " "))
    wanted = " ".join(typed.split())  # "tip pls" is a tip, not an area called "pls"
    from_reflections = False
    if wanted:
        area = _area_as_typed(wanted)
        if area is None:
            raise UserError(copy.bad_area(wanted))
    else:
        outcomes = await _area_from_outcomes(ctx)
        area, from_reflections = outcomes[0] if outcomes else await _weakest_area(ctx)
    because = outcomes[1] if not wanted and outcomes else None
    interview = await _interview_to_tip_for(ctx, after=area is Area.FOLLOW_UP)
    kind = interview.interview_type if interview is not None else None
    # Rotate by the person's own count of tips shown (stored): asking again, even right
    # away or after a restart, never repeats the tip just given; tests stay deterministic.
    text, own = tip_for_interview(area, kind, ctx.user.tips_shown)
    ctx.user.tips_shown += 1
    about = f"your {TYPE_WORDS[kind]} at {employer(interview)}" \
        if own and interview is not None and kind is not None else None
    replies = [Reply(text=copy.tip_text(area, text, from_reflections=from_reflections,
                                        for_interview=about, from_outcomes=because))]
    if ctx.user.active_interview_id is not None:  # asked for in the middle of a reflection
        replies.append(Reply(text=copy.REFLECTION_STILL_OPEN, destination=Destination.DM))
    return replies


async def _area_from_outcomes(ctx: Context) -> tuple[tuple[Area, bool], str] | None:
    """The area of what came before their callbacks (``/debrief stats``'s leading finding),
    with its figures; None while no finding points to one (a tip from how the reflections
    felt comes second to what the outcomes show)."""
    interviews = await ctx.uow.interviews.list_for_user(ctx.user_id)
    p = analyse(interviews, ctx.now, ctx.config.thank_you_window)
    area = tip_area(p.findings[0]) if p.findings else None
    return ((area, False), tip_reason(p.findings[0], p)) if area is not None else None


async def _interview_to_tip_for(ctx: Context, *, after: bool) -> Interview | None:
    """The interview a tip now helps with: the next one ahead, else the latest of the last
    week (what to carry to the next round); ``after`` (a follow-up tip) the other way round,
    since following up is what comes after an interview."""
    mine = await ctx.uow.interviews.list_for_user(ctx.user_id, limit=20)  # latest first
    ahead = sorted((i for i in mine if still_ahead(ctx, i)), key=lambda i: i.happens_at)
    past = [i for i in mine
            if not still_ahead(ctx, i) and ctx.now - i.happens_at <= TIP_LOOKBACK]
    order = [*past, *ahead] if after else [*ahead, *past]
    return order[0] if order else None


def _area_as_typed(wanted: str) -> Area | None:
    """The area named, forgiving a small typo ("folow up"); the tip's heading shows which
    area was taken."""
    if wanted in AREA_WORDS:
        return AREA_WORDS[wanted]
    close = process.extractOne(wanted, list(AREA_WORDS), scorer=fuzz.ratio, score_cutoff=85)
    if close is not None:
        return AREA_WORDS[close[0]]
    # A sentence naming one area ("how do i stand out", "on following up"): that one.
    said = f" {re.sub(r'[^a-z ]', ' ', wanted)} ".replace("following", "follow")
    named = {area for words, area in AREA_WORDS.items() if f" {words} " in said}
    return named.pop() if len(named) == 1 else None


async def _weakest_area(ctx: Context) -> tuple[Area, bool]:
    """The area the person's finished reflections rate lowest (and True), or, with none to
    go by or none below strong, each area in turn (and False: the tip must not claim
    to come from them)."""
    totals: dict[Area, list[float]] = {}
    for interview in await ctx.uow.interviews.list_for_user(ctx.user_id, limit=10):
        if interview.reflection_state is ReflectionState.COMPLETED:
            scores = interview_scores(interview, ctx.now, ctx.config.thank_you_window)
            for area, score in scores.items():
                totals.setdefault(area, []).append(score)
    means = {a: sum(totals[a]) / len(totals[a]) if a in totals else MAX_RATING for a in Area}
    if min(means.values()) >= STRONG_RATING:
        # Nothing to go by, or every area reads "strong" (as /debrief stats says it): no
        # area is the one to work on, so each in turn - and no claim. Areas with nothing
        # short of the best on record (one just put right, say) wait while others have.
        turn = [a for a in Area if means[a] < MAX_RATING] or list(Area)
        return turn[ctx.user.tips_shown % len(turn)], False
    return min(Area, key=lambda a: means[a]), True


async def settings(ctx: Context, cmd: Command) -> list[Reply]:
    zone_text = cmd.option("timezone")
    quiet_text = cmd.option("quiet")
    prep_text = cmd.option("prep")
    name_text = cmd.option("name")
    words = _SETTING_SAID_IN_TWO.sub(lambda m: m.group(m.lastindex or 0),
                                     cmd.text).split(maxsplit=1)
    if words and all(v is None for v in (zone_text, quiet_text, prep_text, name_text)):
        key, value = words[0].lower(), (words[1] if len(words) > 1 else "")
        if key in ("timezone", "tz", "zone"):
            zone_text = value
        elif key == "quiet":
            quiet_text = value
        elif key == "prep":
            prep_text = value
        elif key in ("name", "signature", "signoff"):
            name_text = value
        elif "/" in key or _names_a_zone(cmd.text):  # `settings berlin`
            zone_text = cmd.text
        else:
            raise UserError(copy.bad_setting(words[0]))
    for setting, typed in (("timezone", zone_text), ("quiet", quiet_text),
                           ("prep", prep_text)):
        if typed is not None and not typed.strip():  # "settings timezone", "tz:"
            raise UserError(copy.setting_without_value(setting))
    changed = []
    note = None
    if zone_text is not None:
        match = _zone(zone_text.strip())
        ctx.user.timezone = match.key
        changed.append("timezone")
        if match.abbreviation:
            note = copy.zone_from_abbreviation(match.abbreviation, match.key)
    if quiet_text is not None:
        ctx.user.quiet_start, ctx.user.quiet_end = _quiet(quiet_text)
        changed.append("quiet hours")
    if prep_text is not None:
        await apply_prep_setting(ctx, prep_text)
        changed.append("prep time")
    if name_text is not None:
        ctx.user.preferred_name = _preferred_name(name_text)
        changed.append("name")
    note = "\n".join(filter(None, (note, prep_setting_words(ctx.user.prep_time))))
    return [Reply(text=copy.settings_text(ctx.user, ctx.zone, ctx.now, changed, note) + "\n" +
                  note_words.signature_line(ctx.user))]


# A setting said in two words: "time zone berlin", "quiet hours off", "prep time 19:00".
_SETTING_SAID_IN_TWO = re.compile(r"^\s*(?:time\s+(zone)|(quiet)\s+hours|(prep)\s+time)\b",
                                  re.IGNORECASE)


def _preferred_name(text: str) -> str | None:
    """``settings name Ann Lee``; ``off`` goes back to the platform profile's name. Emoji
    are left out: "Ann Lee 😀" would sign a thank-you note with one."""
    name = without_emoji(text)
    if name.lower().strip(".") in ("off", "none", "clear", "reset", "default"):
        return None
    problem = note_words.preferred_name_problem(name, MAX_PREFERRED_NAME)
    if problem:
        raise UserError(problem)
    return " ".join(capitalise_name(w) for w in name.split())


def _names_a_zone(text: str) -> bool:
    try:
        resolve_zone(text)
    except UnknownZone:
        return False
    return True


def _zone(text: str) -> ZoneMatch:
    try:
        return resolve_zone(text)
    except UnknownZone as exc:
        raise UserError(copy.bad_timezone(exc.text, exc.suggestions)) from exc


def _quiet(text: str) -> tuple[time, time]:
    text = text.strip().lower()
    if text in ("off", "none", "no"):
        return time(0), time(0)  # equal times: no quiet window
    parts = re.split(r"\s*(?:-|–|to)\s*", text)
    if len(parts) != 2:
        raise UserError(copy.bad_quiet_hours(text))
    try:
        start, end = parse_clock_time(parts[0]), parse_clock_time(parts[1])
    except TimeParseError as exc:
        raise UserError(copy.bad_quiet_hours(text)) from exc
    if start == end:
        raise UserError(copy.bad_quiet_hours(text))
    return start, end


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


async def export(ctx: Context, cmd: Command) -> list[Reply]:
    interviews = await ctx.uow.interviews.list_for_user(ctx.user_id)
    nudges = await ctx.uow.nudges.list_for_user(ctx.user_id, pending_only=False)
    stories = await ctx.uow.stories.list_for_user(ctx.user_id)
    preps = await ctx.uow.preps.list_for_user(ctx.user_id)
    user = asdict(ctx.user)
    data = {
        "exported_at": ctx.now.isoformat(),
        "person": _plain(user),
        "interviews": [_plain(asdict(i)) for i in interviews],
        "reminders": [_plain(asdict(n)) for n in nudges],
        "stories": [_plain(asdict(s)) for s in stories],
        "preparation": [_plain(asdict(p)) for p in preps],
    }
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return [Reply(text=copy.export_intro(len(interviews), len(nudges)), copy_text=text,
                  tags=frozenset({"export", "private"}))]


async def forget_ask(surface: Surface | None = None) -> list[Reply]:
    buttons = surface.buttons if surface is not None else True
    return [Reply(text=copy.forget_ask(buttons), actions=(
        Choice("Delete everything", "/debrief forget confirm", "danger"),))]


