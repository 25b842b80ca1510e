"""What a stressed person types around a time, made readable before it is read: case,
commas, emoji, a misspelt day ("yesterdy", "wendesday"), how a day is said ("this
morning", "last night", "at lunch"), "idk", and a zone named after the time ("3pm EST",
"10am london time")."""

from __future__ import annotations

import functools
import re
from zoneinfo import ZoneInfo

from bot.grammar import closest
from bot.values import without_emoji
from bot.zones import ABBREVIATIONS, UnknownZone, resolve_zone

__all__ = ["as_said", "sounds_unsure", "zone_said"]

# A time said roughly is that time: "around 10", "~3pm", "10ish", "3pm-ish", "an hour
# ago-ish" ("yesterday-ish" is refused: no time in it).
_ROUGHLY = re.compile(r"(?:(?<=\d)|(?<=[\d ][ap]m)|(?<= ago))-?ish\b|\b(?:around|about|approx|"
                      r"approximately|roughly|circa|ca\.?) |~ ?")
# How people say a day that the grammar reads in other words.
_SAID = ((_ROUGHLY, ""),
         (re.compile(r"\b(?:tonite|2nite)\b"), "tonight"),
         (re.compile(r"\b(?:2moro|2morrow|2mrw)\b"), "tomorrow"),
         (re.compile(r"\bmorn\b"), "morning"),
         (re.compile(r"\bthis am\b"), "this morning"),
         (re.compile(r"\bthis pm\b"), "this afternoon"),
         (re.compile(r"^(?:just finished|just done|just wrapped up|just got out)$"), "now"),
         (re.compile(r"^earlier (?=this )"), ""),  # "earlier this morning"
         (re.compile(r"\b(?:this )?coming (?=\w+day\b|mon|tue|wed|thu|fri|sat|sun)"), ""),
         (re.compile(r"^next week (\w+)$"), r"\1 next week"),  # "next week tuesday"
         (re.compile(r"\bthis (morning|afternoon|evening)\b"), r"today \1"),
         (re.compile(r"\bin the (morning|afternoon|evening)\b"), r"\1"),
         (re.compile(r"\btonight\b"), "today night"),
         (re.compile(r"\blast night\b"), "yesterday night"),
         (re.compile(r"^(?:at )?lunch ?time$|^at lunch$"), "today lunch"),
         (re.compile(r"\blunch ?time\b"), "lunch"),
         (re.compile(r"\s*@\s*"), " at "),
         (re.compile(r"^the "), ""))
# Words a misspelling is read as. Only words of seven letters or more are corrected, and
# never one that starts with the right word ("Mondays", "Yesterdays"): a company such as
# "Acme Sundae" keeps its name.
_SPELT = ("yesterday", "tomorrow", "tonight", "monday", "tuesday", "wednesday", "thursday",
          "friday", "saturday", "sunday", "morning", "afternoon", "evening", "midnight",
          "january", "february", "september", "october", "november", "december")
_SHORTEST_TYPO = 7
_LONGEST_TYPO = 11  # "wednesday" and two letters more: anything longer is no typo of these
_TYPO_CUTOFF = 85
# "idk", "not sure", "can't remember": no time, and the reply says a rough one will do.
_UNSURE = re.compile(r"^(?:i )?(?:idk|dunno|not sure|unsure|no idea|no clue|don'?t know|"
                     r"do not know|can'?t remember|cannot remember|don'?t remember|"
                     r"forgot)\b|^\?+$")
# A zone said after the time: "3pm est", "3pm (est)", "10am london time", "9am pacific".
_ZONE_WORDS = {"eastern": "America/New_York", "central": "America/Chicago",
               "mountain": "America/Denver", "pacific": "America/Los_Angeles",
               "uk": "Europe/London", "gmt": "Europe/London", "utc": "UTC"}
_MINE = re.compile(r"\s+(?:(?:my|our|local|your) time|my time zone|local)$")


def as_said(text: str) -> str:
    """``text`` on single spaces, lower case, without commas, emoji or a closing "." or
    "!", its misspelt words corrected and its sayings in the grammar's words."""
    kept = text if text.isascii() else without_emoji(text)  # most text has none to take off
    raw = " ".join(kept.strip().lower().replace(",", " ").split())
    raw = " ".join(_spelt(word) for word in raw.rstrip(".!").split())
    raw = _MINE.sub("", raw)  # "3pm my time", "10am local": their own zone, said outright
    for said, meant in _SAID:
        raw = said.sub(meant, raw)
    return raw


@functools.lru_cache(maxsize=1024)
def _spelt(word: str) -> str:
    """The day or month ``word`` misspells, or ``word``. Cached: a long answer read for a
    date repeats its words, and most words are no day at all."""
    if not _SHORTEST_TYPO <= len(word) <= _LONGEST_TYPO or word in _SPELT or \
            word.startswith(_SPELT):
        return word
    return closest(word, _SPELT, _TYPO_CUTOFF) or word


def sounds_unsure(raw: str) -> bool:
    return bool(_UNSURE.search(raw))


def zone_said(raw: str) -> tuple[str, ZoneInfo] | None:
    """``(the time, the zone it is in)`` when ``raw`` ends in a zone ("3pm est",
    "tomorrow 10am london time", "9am pacific"); None when it names none."""
    words = raw.replace("(", " ").replace(")", " ").split()
    if len(words) < 2:
        return None
    if words[-1] == "time":  # "london time", "new york time", "eastern time"
        for size in (3, 2, 1):
            if len(words) - 1 - size < 1:
                continue
            zone = _zone(" ".join(words[-1 - size:-1]), cities=True)
            if zone is not None:
                return " ".join(words[:-1 - size]), zone
        return None
    zone = _zone(words[-1], cities=False)  # "3pm est", "9am pacific"
    return (" ".join(words[:-1]), zone) if zone is not None else None


def _zone(said: str, *, cities: bool) -> ZoneInfo | None:
    if said in _ZONE_WORDS:
        return ZoneInfo(_ZONE_WORDS[said])
    if said in ABBREVIATIONS:
        return ZoneInfo(ABBREVIATIONS[said])
    if not cities:  # a city only before "time": "acme 3pm berlin" is not read as a zone
        return None
    try:
        return ZoneInfo(resolve_zone(said).key)
    except UnknownZone:
        return None

