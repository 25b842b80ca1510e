"""Settings, and removals, said in a sentence in the DM with no question open.

"my name is Ann Lee", "call me sam", "change my timezone to berlin", "i moved to london",
"dont message me after 10pm", "no messages before 8am" got the whole settings page (or
"There's no reflection open right now"); "delete my acme interview" got the latter, and
"yes delete it" under the forget prompt too. Each now gets the one command that does what
was said, as a button: nothing changes on a sentence, a tap (or the command typed) does it.
A removal only ever asks (``/debrief history #n remove``), and a bare confirmation says
which command deletes what - nothing is deleted on a "yes".
"""

from __future__ import annotations

import re
from datetime import time

from bot.context import Context, UserError
from bot.nudges.policy import quiet_hours
from bot.records.removing import remove_interview
from bot.values import Choice, Destination, Reply
from bot.zones import UnknownZone, resolve_zone

__all__ = ["said_in_the_dm"]

_POLITE = r"(?:(?:please|pls|plz|can you|could you|hey|hi|ok|okay|so)[, ]+)*"
_NAME = re.compile(
    rf"^{_POLITE}(?:my name is|my names|my name's|call me|i go by|sign (?:my |the )?"
    r"(?:notes?|emails?|them|it)(?: off)? (?:as|with)|use the name)\s+(?P<name>.+)$",
    re.IGNORECASE)
# "call me later", "call me back": not a name.
_NOT_A_NAME = frozenset("""later back tomorrow maybe when if after before anytime now soon
    please pls asap again sometime tonight today not no none nothing irrelevant whatever
    unknown secret""".split())
_ZONE = re.compile(
    rf"^{_POLITE}(?:(?:change|set|switch|update|move) my time ?zone to|my time ?zone is(?: now)?|"
    r"(?:set|use) time ?zone|i(?: have|ve)? moved to|i live in|i am (?:now )?(?:in|based in)|"
    r"i'?m (?:now )?(?:in|based in)|im (?:now )?(?:in|based in))\s+(?P<zone>.+?)"
    r"(?:\s+(?:now|time|timezone|time zone|these days))?$")
_QUIET = re.compile(
    rf"^{_POLITE}(?:(?:do not|don'?t|dont|no|stop) (?:message|messages|messaging|msg|text|"
    r"texting|ping|pinging|notify|notifications|remind|reminders|reminding|bother|dm|dms)"
    r"(?: me)?|no reminders|quiet) (?P<side>after|past|before|until|till)\s+(?P<at>.+)$")
_AT = re.compile(r"^(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>am|pm|a\.m\.|p\.m\.)?"
                 r"(?: at night| in the morning| tonight)?$")
_REMOVE = re.compile(
    rf"^{_POLITE}(?:delete|remove|erase|get rid of)\s+(?:my |the |that |this )?"
    r"(?:interview (?:with |at |for )?(?P<after>.+)|(?P<before>.+?) interview|"
    r"(?P<number>#\d+))$")
_CONFIRM = re.compile(r"^(?:(?:yes|yeah|yep|yup|ok|okay|sure)[, ]*)?(?:(?:please )?delete "
                      r"(?:it|it all|everything|all of it|them|my data)|confirm(?:ed)?|"
                      r"i confirm|go ahead and delete(?: it)?)(?: please| pls)?$")


def _said(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).strip(" .!?")


async def said_in_the_dm(ctx: Context, text: str) -> list[Reply] | None:
    """The reply to a setting or a removal said in words, or None (something else)."""
    said = _said(text)
    lower = said.lower()
    if _CONFIRM.match(lower):
        return [_dm("Nothing has been deleted: I only delete when the command says so, typed "
                    "in full - `/debrief forget confirm` deletes everything, "
                    "`/debrief history #<n> remove confirm` one interview, "
                    "`/debrief stories remove <n> confirm` one story.")]
    if (removal := _REMOVE.match(lower)) is not None:
        ref = removal.group("after") or removal.group("before") or removal.group("number")
        try:
            return await remove_interview(ctx, ref.strip(), confirmed=False)
        except UserError as exc:
            return [_dm(exc.message)]
    if (named := _NAME.match(said)) is not None:
        return _name(named.group("name"))
    if (zone := _ZONE.match(lower)) is not None:
        return _zone(ctx, said[zone.start("zone"):zone.end("zone")],
                     asked=re.search(r"\b(?:to|set|use)\b.*zone|zone.*\bto\b",
                                     lower[:zone.start("zone")]) is not None)
    if (quiet := _QUIET.match(lower)) is not None:
        return _quiet(ctx, quiet.group("side"), quiet.group("at"))
    return None


def _dm(text: str, *actions: Choice) -> Reply:
    return Reply(text=text, destination=Destination.DM, actions=actions)


def _name(typed: str) -> list[Reply] | None:
    name = typed.strip(" .!,")
    words = name.split()
    if not 1 <= len(words) <= 4 or len(name) > 60 or any(
            w.lower() in _NOT_A_NAME or not re.fullmatch(r"[^\W\d_][\w'.-]*", w)
            for w in words):
        return None
    if name == name.lower():  # "call me sam": Sam, as a note is signed
        name = " ".join(w[:1].upper() + w[1:] for w in words)
    command = f"/debrief settings name {name}"
    return [_dm(f"Sign your notes as {name}? Tap the button or type `{command}` "
                "(`/debrief settings name off` goes back to your chat profile's name).",
                Choice(f"Sign as {name}", command, "primary"))]


def _zone(ctx: Context, typed: str, *, asked: bool) -> list[Reply] | None:
    try:
        match = resolve_zone(typed)
    except UnknownZone as exc:
        if not asked:  # "i'm in a meeting": not a place
            return None
        maybe = f" Did you mean {', '.join(f'`{z}`' for z in exc.suggestions)}?" \
            if exc.suggestions else ""
        return [_dm(f"I don't know a timezone called \"{typed[:40]}\".{maybe} "
                    "`/debrief settings timezone <Area/City>` sets one - a city works, "
                    "like `Berlin` or `New York`.")]
    if match.key == str(ctx.zone):
        return [_dm(f"Your timezone is already {match.key} - your reminders come by its "
                    "clock.")] if asked else None
    command = f"/debrief settings timezone {match.key}"
    return [_dm(f"Use {match.key} for your reminders and times? Tap the button or type "
                f"`{command}` (now: {ctx.zone}).", Choice(f"Use {match.key}", command,
                                                          "primary"))]


def _quiet(ctx: Context, side: str, typed: str) -> list[Reply] | None:
    at = _read_time(typed.strip(" .!"), evening=side in ("after", "past"))
    if at is None:
        return None
    now = quiet_hours(ctx.user)
    start, end = now or (time(22), time(8))
    start, end = (at, end) if side in ("after", "past") else (start, at)
    if start == end:
        return None
    window = f"{start:%H:%M}-{end:%H:%M}"
    if now == (start, end):
        return [_dm(f"Your quiet hours are already {window}: no reminder comes between "
                    f"{start:%H:%M} and {end:%H:%M} your time.")]
    command = f"/debrief settings quiet {window}"
    return [_dm(f"Quiet hours {window}, so no reminder comes between {start:%H:%M} and "
                f"{end:%H:%M} your time? Tap the button or type `{command}`.",
                Choice(f"Quiet {window}", command, "primary"))]


def _read_time(typed: str, *, evening: bool) -> time | None:
    """"10pm", "22:00", "8 am", "10" (after: 22:00; before: 10:00), else None."""
    found = _AT.match(typed)
    if found is None:
        return None
    hour, minute = int(found.group("h")), int(found.group("m") or 0)
    marker = (found.group("ap") or "").replace(".", "")
    if hour > 23 or minute > 59 or (marker and not 1 <= hour <= 12):
        return None
    if (marker == "pm" and hour != 12) or (not marker and evening and 6 <= hour <= 11):
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    return time(hour, minute)
