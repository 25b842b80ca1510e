"""``parse_when``: a day and a time as typed, in either order, or a span from now."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.timeparse.clock import DEFAULT_TIME, TimeParseError, local_to_utc, parse_clock_time
from bot.timeparse.days import ISO_DAY, MOST_DAY_WORDS, civil_date, day_named, read_span
from bot.timeparse.said import as_said, sounds_unsure, zone_said

__all__ = ["parse_when"]

# A part of a day, after the day ("yesterday afternoon", "friday morning"): when such an
# interview most often starts, and when that part of the day begins. Never alone: "Morning"
# may be part of a company's name.
_PARTS_OF_DAY = {"morning": (time(9, 0), time(5, 0)), "lunch": (time(12, 0), time(12, 0)),
                 "afternoon": (time(14, 0), time(12, 0)),
                 "evening": (time(18, 0), time(17, 0)), "night": (time(19, 0), time(19, 0))}
# An hour alone from 1 to 6 ("tomorrow at 3") is the afternoon: nobody meets at 3 a.m.
# With minutes ("2:30") or am/pm it is read as written.
_AFTERNOON = frozenset(str(hour) for hour in range(1, 7))
_NOW = frozenset({"now", "just now", "just ended", "right now", "today"})
# "earlier", "earlier today": something that has happened today, said without its time.
_EARLIER = frozenset({"earlier", "earlier today", "earlier on", "earlier on today"})
_EARLIER_BY = timedelta(hours=1)
# More words than any time takes ("thursday the 4th of december 2026 at 10:30 am london
# time" is twelve): longer text is refused before it is read.
_MOST_WORDS = 16


def parse_when(text: str, now: datetime, zone: ZoneInfo, *, past: bool = False,
               ahead: bool = False) -> datetime:
    """Parse what a person typed into a UTC instant, relative to ``now`` in ``zone``.

    ``past``: the time asked for has happened (a note already sent), so a weekday alone
    is the last one - "friday 17:00" typed on a Monday is three days ago, not Friday next.
    ``ahead``: it is still to come (a reminder, the day they'll answer by). Neither: it
    may be either (an interview), and what has begun today counts as past ("this morning"
    typed at 07:30 is now, not 09:00 to come)."""
    if len(text.split()) > _MOST_WORDS:  # a sentence read for a date it may hold: none
        raise TimeParseError(text)
    raw = as_said(text)
    if not raw or sounds_unsure(raw):
        raise TimeParseError(text, unsure=bool(raw) or "🤷" in text)
    if (named := zone_said(raw)) is not None:  # "3pm est", "tmrw 10am london time"
        said, there = named
        try:
            read = parse_when(said, now, zone, past=past, ahead=ahead)
        except TimeParseError as exc:
            raise TimeParseError(text) from exc
        if said in _NOW or said in _EARLIER or read_span(said) is not None:
            return read  # "in 2 hours est": the same moment wherever it is said
        # Their day ("tmrw" is the person's tomorrow), at that clock time over there.
        wall = read.astimezone(zone)
        return local_to_utc(wall.date(), wall.time(), there)
    if raw in _NOW:
        return now
    if raw in _EARLIER and not ahead:  # an hour ago, and still today
        midnight = local_to_utc(now.astimezone(zone).date(), time(0, 0), zone)
        return max(now - _EARLIER_BY, midnight)
    instant = _iso_instant(text.strip())
    if instant is not None:
        return instant
    relative = _relative(raw, now, zone)
    if relative is not None:
        return relative
    iso = ISO_DAY.match(raw)
    if iso and iso.group(4):  # 2026-12-01T10:00 without an offset: in the person's zone
        day = civil_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), text)
        return local_to_utc(day, parse_clock_time(iso.group(4)), zone)
    words = raw.split()
    # Every split into a day part and a time part, in either order: "dec 4 10:30",
    # "tomorrow at 3pm", "3pm on friday". The day part has ``cut`` words (one more with
    # "on"), so free text is not split where that is more than a day can take.
    for cut in range(min(len(words), MOST_DAY_WORDS + 1), -1, -1):
        for day_words, time_words, joiner in ((words[:cut], words[cut:], "at"),
                                               (words[len(words) - cut:],
                                                words[:len(words) - cut], "on")):
            if time_words and time_words[0] == joiner:
                if len(time_words) == 1:  # "tomorrow at": the time is missing
                    continue
                time_words = time_words[1:]
            if day_words and day_words[0] == "on":
                day_words = day_words[1:]
            if len(day_words) > MOST_DAY_WORDS:  # names no day (see day_named): nothing to read
                continue
            found = _read(day_words, time_words, now, zone, past=past, ahead=ahead)
            if found is not None:
                return found
    raise TimeParseError(text)


def _read(day_words: list[str], time_words: list[str], now: datetime, zone: ZoneInfo, *,
          past: bool, ahead: bool) -> datetime | None:
    if not day_words and not time_words:
        return None
    today = now.astimezone(zone).date()
    day = day_named(" ".join(day_words), today, past, ahead) if day_words else today
    if day is None:
        return None
    if not time_words:
        return local_to_utc(day, DEFAULT_TIME, zone)
    said = [w for w in time_words if w != "at"]
    part = said.pop(0) if said[0] in _PARTS_OF_DAY else None
    if part is not None and not day_words:
        return None  # "Morning" alone may be a name; "this morning" has its day
    if part is not None and not said:
        usual, begins = _PARTS_OF_DAY[part]
        instant = local_to_utc(day, usual, zone)
        if not ahead and now < instant and local_to_utc(day, begins, zone) <= now:
            return now  # "this morning" at 07:30 has begun: it was earlier, not at 09:00
        return instant
    clock = " ".join(said)
    if clock == "midnight":  # the end of that day
        return local_to_utc(day + timedelta(days=1), time(0, 0), zone)
    try:
        at = parse_clock_time(clock)
    except TimeParseError:
        return None
    if at.hour < 12 and clock[-1].isdigit() and (
            part in ("afternoon", "evening", "night") or (part is None and clock in _AFTERNOON)):
        at = at.replace(hour=at.hour + 12)  # "yesterday afternoon at 3", "tomorrow at 3"
    return local_to_utc(day, at, zone)


def _iso_instant(text: str) -> datetime | None:
    """``2026-12-01T10:00:00+01:00`` / ``…Z``: an exact instant, as date pickers send it."""
    if "t" not in text.lower() or not re.search(r"(z|[+-]\d{2}:?\d{2})$", text.lower()):
        return None
    try:
        parsed = datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo is not None else None


def _relative(raw: str, now: datetime, zone: ZoneInfo) -> datetime | None:
    span = read_span(raw)
    if span is None:
        return None
    sign, days, seconds = span
    # Days and weeks along the local calendar (DST-correct); hours and less elapsed time.
    local = now.astimezone(zone)
    day = local.date() + timedelta(days=sign * days)
    base = local_to_utc(day, local.time(), zone) if days else now
    return base + sign * timedelta(seconds=seconds)
