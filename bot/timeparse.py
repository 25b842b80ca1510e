"""Times people type, read in their own timezone (DST-correct via zoneinfo).

Accepted (case-insensitive; "at" and "on" may join the parts):

- ``now`` (``just now``, ``just ended``); ``today`` alone is now as well;
- a day: ``today``, ``tomorrow`` (``tmrw``, ``tmr``), ``yesterday``, ``the day before
  yesterday``, ``the day after tomorrow``; a weekday (``fri``, ``friday``: the next one, or
  today if it is that day; ``this friday`` = ``friday``); ``next monday`` (``monday next
  week``): the Monday of next week, as ``next week`` is its Monday - typed on a Tuesday,
  ``next wed`` is eight days ahead, not tomorrow; ``last monday``: the last one before
  today; ``3 days ago``, ``in 2 days``, ``a week ago`` (whole days, before a time);
  ``2026-12-01``; ``Dec 4``, ``4 December``, ``December 4th 2026`` (without a year, the Dec 4
  nearest to today), also after its weekday as a calendar invite writes it (``Thursday,
  Dec 3`` - a weekday that is not that date's is refused);
- a time: ``14:30``, ``9``, ``3`` (an hour alone from 1 to 6 is p.m.), ``3pm``,
  ``9:15am``, ``3.30pm``, ``10 a.m.``, ``noon``, ``midnight`` (the end of the day given,
  so ``midnight`` alone is tonight's); after a day, a part of it: ``morning`` (09:00),
  ``afternoon`` (14:00), ``evening`` (18:00), ``night`` (19:00) - ``this morning``,
  ``yesterday afternoon``, ``tonight``, ``last night``;
- a day and a time in either order (``tomorrow at 3pm``, ``3pm tomorrow``,
  ``Dec 4 10:30``, ``3 days ago 10:00``, ``tomorrow @ 9``); a day alone means
  :data:`DEFAULT_TIME` (09:00) on it; a time alone means today;
- ``in 90 minutes``, ``in 2h``, ``5 days ago``, ``an hour ago``, ``two hours ago``, ``half an
  hour ago``, ``2 days from now``: hours and smaller units are elapsed time, days and
  weeks move along the person's calendar (``in 1 day`` at 10:00 is 10:00 tomorrow, also
  across a DST change);
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
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.?|p\.m\.?)?$", re.IGNORECASE)
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"([a-z]{3,9})\.?"
_MONTH_DAY = re.compile(rf"^{_MONTH} {_ORDINAL}(?: (\d{{4}}))?$")
_DAY_MONTH = re.compile(rf"^{_ORDINAL} (?:of )?{_MONTH}(?: (\d{{4}}))?$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:t(\S+))?$")
_NOON = ("noon", "midday", "12 noon")
# A part of a day, after the day ("yesterday afternoon", "friday morning"): when such an
# interview most often starts. Never alone: "Morning" may be part of a company's name.
_PARTS_OF_DAY = {"morning": time(9, 0), "afternoon": time(14, 0), "evening": time(18, 0),
                 "night": time(19, 0)}
# An hour alone from 1 to 6 ("tomorrow at 3") is the afternoon: nobody meets at 3 a.m.
# With minutes ("2:30") or am/pm it is read as written.
_AFTERNOON = frozenset(str(hour) for hour in range(1, 7))
# How people say a day that the grammar below reads in other words.
_SAID = ((re.compile(r"\bthis (morning|afternoon|evening)\b"), r"today \1"),
         (re.compile(r"\bin the (morning|afternoon|evening)\b"), r"\1"),
         (re.compile(r"\btonight\b"), "today night"),
         (re.compile(r"\blast night\b"), "yesterday night"),
         (re.compile(r"\s*@\s*"), " at "),
         (re.compile(r"^the "), ""))


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


def parse_when(text: str, now: datetime, zone: ZoneInfo, *, past: bool = False) -> datetime:
    """Parse what a person typed into a UTC instant, relative to ``now`` in ``zone``.
    ``past``: the time asked for has happened (a note already sent), so a weekday alone
    is the last one - "friday 17:00" typed on a Monday is three days ago, not Friday next."""
    raw = " ".join(text.strip().lower().replace(",", " ").split()).rstrip(".!")
    for said, meant in _SAID:
        raw = said.sub(meant, raw)
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
            found = _read(day_words, time_words, today, zone, past)
            if found is not None:
                return found
    raise TimeParseError(text)


def _read(day_words: list[str], time_words: list[str], today: date,
          zone: ZoneInfo, past: bool = False) -> datetime | None:
    if not day_words and not time_words:
        return None
    day = _day(" ".join(day_words), today, past) if day_words else today
    if day is None:
        return None
    if not time_words:
        return local_to_utc(day, DEFAULT_TIME, zone)
    said = [w for w in time_words if w != "at"]
    part = said.pop(0) if said[0] in _PARTS_OF_DAY else None
    if part is not None and not day_words:
        return None  # "Morning" alone may be a name; "this morning" has its day
    if part is not None and not said:
        return local_to_utc(day, _PARTS_OF_DAY[part], zone)
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


def _span(raw: str) -> tuple[int, int, int] | None:
    """``(sign, days, seconds)`` of "in 2 days", "2 hours from now", "3 days ago"; None for
    anything else ("3 days ago 10:00" is a day and a time, read by the caller)."""
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
    except DurationError:
        return None
    return sign, days, seconds


def _relative(raw: str, now: datetime, zone: ZoneInfo) -> datetime | None:
    span = _span(raw)
    if span is None:
        return None
    sign, days, seconds = span
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


_SIMPLE_DAYS = {"today": 0, "tomorrow": 1, "tmrw": 1, "tmr": 1, "tmw": 1, "tomorow": 1,
                "tommorow": 1, "tommorrow": 1, "yesterday": -1, "yday": -1,
                "day before yesterday": -2, "day after tomorrow": 2}
# The most words a day can take ("thursday 4th of december 2026"); free text is tried split
# at every word, and a longer day part is passed over without reading it.
_MOST_DAY_WORDS = 5


def _day(text: str, today: date, past: bool = False) -> date | None:
    """The day ``text`` names, or None if it names none. Never more than
    :data:`_MOST_DAY_WORDS` words: a weekday after next/last/this is one word, and the
    calendar patterns (``_MONTH_DAY``, ``_DAY_MONTH``, ``_ISO_DAY``) take at most four, one
    more after their weekday."""
    if text in _SIMPLE_DAYS:
        return today + timedelta(days=_SIMPLE_DAYS[text])
    next_monday = today + timedelta(days=7 - today.weekday())
    if text == "next week":
        return next_monday
    span = _span(text)
    if span is not None:  # "3 days ago", "in 2 days": whole days only
        sign, days, seconds = span
        return today + timedelta(days=sign * days) if days and not seconds else None
    if text.endswith(" next week"):  # "tuesday next week"
        text = "next " + text[:-len(" next week")]
    which, _, rest = text.partition(" ")
    if which in ("next", "last", "this") and rest:
        index = _weekday(rest)
        if index is None:
            return None
        if which == "next":  # that day of next week (see the module's docstring)
            return next_monday + timedelta(days=index)
        if which == "last":
            return today - timedelta(days=(today.weekday() - index) % 7 or 7)
        text = rest
    index = _weekday(text) if " " not in text else None
    if index is not None:  # the next one, or today; with ``past``, the last one or today
        ahead = (index - today.weekday()) % 7
        return today + timedelta(days=ahead - 7 if past and ahead else ahead)
    first, _, rest = text.partition(" ")
    if rest and (index := _weekday(first)) is not None:  # "thursday dec 3", as invites say
        day = _calendar_day(rest, today)
        return day if day is not None and day.weekday() == index else None
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
