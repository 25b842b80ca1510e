"""Times people type, read in their own timezone (DST-correct via zoneinfo).

Accepted (case-insensitive; "at" and "on" may join the parts):

- ``now`` (``just now``, ``just ended``); ``today`` alone is now as well;
- a day: ``today``, ``tomorrow``, ``yesterday``; a weekday (``fri``, ``friday``: the next
  one, or today if it is that day; ``next monday``: the first Monday after today;
  ``last monday``: the last one before today; ``this friday`` = ``friday``); ``next week``
  (its Monday); ``2026-12-01``; ``Dec 4``, ``4 December``, ``December 4th 2026`` (without a
  year, the Dec 4 nearest to today);
- a time: ``14:30``, ``9``, ``3pm``, ``9:15am``, ``3.30pm``, ``noon``, ``midnight`` (the
  end of the day given, so ``midnight`` alone is tonight's);
- a day and a time in either order (``tomorrow at 3pm``, ``3pm tomorrow``,
  ``Dec 4 10:30``); a day alone means :data:`DEFAULT_TIME` (09:00) on it; a time alone
  means today;
- ``in 90 minutes``, ``in 2h``, ``5 days ago``, ``an hour ago``, ``2 days from now``:
  hours and smaller units are elapsed time, days and weeks move along the person's
  calendar (``in 1 day`` at 10:00 is 10:00 tomorrow, also across a DST change);
- an ISO 8601 instant with an offset (``2026-12-01T10:00:00+01:00``), which is what the
  date pickers of Slack forms give us.

A small grammar of our own rather than a natural-language library. Measured on this
project's machine: dateparser imports in ~100 ms and takes ~200 ms for its first parse
(~1 ms after), and by default reads ``fri 10:30`` and ``2 hours`` as times in the past;
parsedatetime is fast (~10 ms import, ~0.1 ms a call) but unmaintained since 2020, reads
partial junk ("meet me tomorrow blah") and computes in naive local time, which is wrong
across a DST change. This one imports in well under a millisecond, is DST-correct by
construction, and every form is listed in the error message.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.durations import DurationError, calendar_parts

__all__ = ["DEFAULT_TIME", "TimeParseError", "local_to_utc", "parse_clock_time", "parse_when"]

# What a day without a time means: "tomorrow", "next monday", "Dec 4".
DEFAULT_TIME = time(9, 0)

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"([a-z]{3,9})\.?"
_MONTH_DAY = re.compile(rf"^{_MONTH} {_ORDINAL}(?: (\d{{4}}))?$")
_DAY_MONTH = re.compile(rf"^{_ORDINAL} (?:of )?{_MONTH}(?: (\d{{4}}))?$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:t(\S+))?$")
_NOON = ("noon", "midday", "12 noon")


class TimeParseError(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def parse_clock_time(text: str) -> time:
    """``14:30``, ``9``, ``3pm``, ``9:15am``, ``3.30pm``, ``noon``, ``midnight`` → a
    wall-clock time (midnight is 00:00)."""
    raw = " ".join(text.strip().lower().split())
    if raw in _NOON:
        return time(12, 0)
    if raw == "midnight":
        return time(0, 0)
    m = _TIME.match(raw)
    if not m:
        raise TimeParseError(text)
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    meridiem = (m.group(3) or "").replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            raise TimeParseError(text)
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    elif m.group(2) is None and not raw.isdigit():
        raise TimeParseError(text)
    if hour > 23 or minute > 59:
        raise TimeParseError(text)
    return time(hour, minute)


def local_to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall-clock time. A time skipped by a DST jump moves forward
    by the gap (02:30 on spring-forward day is 03:30); an ambiguous one takes the first."""
    # fold=0 does both (PEP 495): a gap time takes the offset before the jump, which lands
    # after it; an ambiguous time takes its first occurrence.
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def parse_when(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """Parse what a person typed into a UTC instant, relative to ``now`` in ``zone``."""
    raw = " ".join(text.strip().lower().replace(",", " ").split()).rstrip(".!")
    if not raw:
        raise TimeParseError(text)
    if raw in {"now", "just now", "just ended", "right now", "today"}:
        return now
    instant = _iso_instant(text.strip())
    if instant is not None:
        return instant
    relative = _relative(raw, now, zone)
    if relative is not None:
        return relative
    today = now.astimezone(zone).date()
    iso = _ISO_DAY.match(raw)
    if iso and iso.group(4):  # 2026-12-01T10:00 without an offset: in the person's zone
        day = _date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), text)
        return local_to_utc(day, parse_clock_time(iso.group(4)), zone)
    words = raw.split()
    # Every split into a day part and a time part, in either order: "dec 4 10:30",
    # "tomorrow at 3pm", "3pm on friday". The day part has ``cut`` words (one more with
    # "on"), so free text is not split where that is more than a day can take.
    for cut in range(min(len(words), _MOST_DAY_WORDS + 1), -1, -1):
        for day_words, time_words, joiner in ((words[:cut], words[cut:], "at"),
                                               (words[len(words) - cut:],
                                                words[:len(words) - cut], "on")):
            if time_words and time_words[0] == joiner:
                if len(time_words) == 1:  # "tomorrow at": the time is missing
                    continue
                time_words = time_words[1:]
            if day_words and day_words[0] == "on":
                day_words = day_words[1:]
            if len(day_words) > _MOST_DAY_WORDS:  # names no day (see _day): nothing to read
                continue
            found = _read(day_words, time_words, today, zone)
            if found is not None:
                return found
    raise TimeParseError(text)


def _read(day_words: list[str], time_words: list[str], today: date,
          zone: ZoneInfo) -> datetime | None:
    if not day_words and not time_words:
        return None
    day = _day(" ".join(day_words), today) if day_words else today
    if day is None:
        return None
    if not time_words:
        return local_to_utc(day, DEFAULT_TIME, zone)
    clock = " ".join(w for w in time_words if w != "at")
    if clock == "midnight":  # the end of that day
        return local_to_utc(day + timedelta(days=1), time(0, 0), zone)
    try:
        at = parse_clock_time(clock)
    except TimeParseError:
        return None
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
    if raw.startswith("in "):
        body, sign = raw[3:], 1
    elif raw.endswith(" from now"):
        body, sign = raw[:-9], 1
    elif raw.endswith(" ago"):
        body, sign = raw[:-4], -1
    else:
        return None
    try:
        days, seconds = calendar_parts(body)
    except DurationError as exc:
        raise TimeParseError(raw) from exc
    # Days and weeks along the local calendar (DST-correct); hours and less elapsed time.
    local = now.astimezone(zone)
    day = local.date() + timedelta(days=sign * days)
    base = local_to_utc(day, local.time(), zone) if days else now
    return base + sign * timedelta(seconds=seconds)


def _weekday(word: str) -> int | None:
    # "fri", "frid", "friday" (and "weds"), but not any word that starts like a day.
    for index, name in enumerate(_WEEKDAYS):
        if len(word) >= 3 and (name.startswith(word) or word == name[:3] + "s"):
            return index
    return None


def _month(word: str) -> int | None:
    for index, name in enumerate(_MONTHS, 1):
        if len(word) >= 3 and name.startswith(word):
            return index
    return None


_SIMPLE_DAYS = {"today": 0, "tomorrow": 1, "tmrw": 1, "tomorow": 1, "yesterday": -1}
# The most words a day can take ("4th of december 2026"); free text is tried split at every
# word, and a longer day part is passed over without reading it.
_MOST_DAY_WORDS = 4


def _day(text: str, today: date) -> date | None:
    """The day ``text`` names, or None if it names none. Never more than
    :data:`_MOST_DAY_WORDS` words: a weekday after next/last/this is one word, and the
    calendar patterns (``_MONTH_DAY``, ``_DAY_MONTH``, ``_ISO_DAY``) take at most four."""
    if text in _SIMPLE_DAYS:
        return today + timedelta(days=_SIMPLE_DAYS[text])
    if text == "next week":
        return today + timedelta(days=7 - today.weekday())
    which, _, rest = text.partition(" ")
    if which in ("next", "last", "this") and rest:
        index = _weekday(rest)
        if index is None:
            return None
        if which == "next":
            return today + timedelta(days=(index - today.weekday()) % 7 or 7)
        if which == "last":
            return today - timedelta(days=(today.weekday() - index) % 7 or 7)
        text = rest
    index = _weekday(text) if " " not in text else None
    if index is not None:
        return today + timedelta(days=(index - today.weekday()) % 7)
    return _calendar_day(text, today)


def _calendar_day(text: str, today: date) -> date | None:
    iso = _ISO_DAY.match(text)
    if iso and not iso.group(4):
        return _date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), text)
    named = _MONTH_DAY.match(text)
    if named:
        month, day, year = _month(named.group(1)), int(named.group(2)), named.group(3)
    else:
        named = _DAY_MONTH.match(text)
        if not named:
            return None
        month, day, year = _month(named.group(2)), int(named.group(1)), named.group(3)
    if month is None:
        return None
    if year:
        return _date(int(year), month, day, text)
    # No year: the one nearest to today (Dec 4 typed on Jan 3 is last month's).
    candidates = []
    for y in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(y, month, day))
        except ValueError:  # 29 February outside a leap year
            continue
    if not candidates:
        raise TimeParseError(text)
    return min(candidates, key=lambda d: abs((d - today).days))


def _date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:  # 2026-02-30: a date that names no day is an error, not junk
        raise TimeParseError(text) from exc
