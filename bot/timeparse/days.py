"""The day a person names: "tomorrow", "fri", "next monday", "3 days ago", "Dec 4",
"2026-12-01", "12/3" (see the package's docstring for every form)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.durations import DurationError, calendar_parts
from bot.timeparse.clock import TimeParseError

__all__ = ["ISO_DAY", "MOST_DAY_WORDS", "civil_date", "day_named", "read_span"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"([a-z]{3,9})\.?"
_MONTH_DAY = re.compile(rf"^{_MONTH} {_ORDINAL}(?: (\d{{4}}))?$")
_DAY_MONTH = re.compile(rf"^{_ORDINAL} (?:of )?{_MONTH}(?: (\d{{4}}))?$")
ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:t(\S+))?$")


def read_span(raw: str) -> tuple[int, int, int] | None:
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
MOST_DAY_WORDS = 5


def day_named(text: str, today: date, past: bool = False, ahead: bool = False) -> date | None:
    """The day ``text`` names, or None if it names none. Never more than
    :data:`MOST_DAY_WORDS` words: a weekday after next/last/this is one word, and the
    calendar patterns (``_MONTH_DAY``, ``_DAY_MONTH``, ``ISO_DAY``) take at most four, one
    more after their weekday."""
    if text in _SIMPLE_DAYS:
        return today + timedelta(days=_SIMPLE_DAYS[text])
    next_monday = today + timedelta(days=7 - today.weekday())
    if text == "next week":
        return next_monday
    span = read_span(text)
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
        if which == "next":  # that day of next week (see the package's docstring)
            return next_monday + timedelta(days=index)
        if which == "last":
            return today - timedelta(days=(today.weekday() - index) % 7 or 7)
        text = rest
    index = _weekday(text) if " " not in text else None
    if index is not None:  # the next one, or today; with ``past``, the last one or today
        later = (index - today.weekday()) % 7
        return today + timedelta(days=later - 7 if past and later else later)
    first, _, rest = text.partition(" ")
    if rest and (index := _weekday(first)) is not None:  # "thursday dec 3", as invites say
        numbers = _NUMBERS_DAY.match(rest)  # "thu 12/3": the weekday says which way round
        day = _numbered_day(numbers, rest, today, past, ahead, index) if numbers else \
            _day_of_month(rest, today, past, ahead, index) or _calendar_day(rest, today)
        return day if day is not None and day.weekday() == index else None
    numbers = _NUMBERS_DAY.match(text)
    if numbers:
        return _numbered_day(numbers, text, today, past, ahead)
    return _day_of_month(text, today, past, ahead) or _calendar_day(text, today)


# "the 3rd", "on the 21st": a day of the month, its month the nearest that has it.
_ORDINAL_ALONE = re.compile(r"^(?:the )?(\d{1,2})(?:st|nd|rd|th)$")


def _day_of_month(text: str, today: date, past: bool, ahead: bool,
                  weekday: int | None = None) -> date | None:
    """The "3rd" of last, this or next month nearest to today that fits the tense (and the
    ``weekday`` said with it: "tuesday the 8th"); None when ``text`` is not one."""
    said = _ORDINAL_ALONE.match(text)
    if said is None:
        return None
    days = []
    for shift in (-1, 0, 1):
        year, month = divmod(today.year * 12 + today.month - 1 + shift, 12)
        try:
            days.append(date(year, month + 1, int(said.group(1))))
        except ValueError:  # the 31st of a 30-day month
            continue
    fitting = [d for d in days if not (past and d > today) and not (ahead and d < today)
               and (weekday is None or d.weekday() == weekday)]
    return min(fitting, key=lambda d: abs((d - today).days), default=None)


# "12/3", "3/12/2026", "25/12/26": the day and the month in an order that depends on where
# the person lives, which we don't know.
_NUMBERS_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?$")
# How far from today a day read from numbers in either order may be: an interview logged
# after it happened is recent, one ahead is near. Beyond this neither reading is trusted.
PLAUSIBLE = timedelta(days=60)


def _numbered_day(numbers: re.Match[str], text: str, today: date, past: bool,
                  ahead: bool, weekday: int | None = None) -> date | None:
    """The day "12/3" names. One that only reads one way (13/3, 3/13) is that day; one
    that reads both ways takes the reading that fits: on or before today when the time has
    passed (``past``), on or after when it is ahead, and the nearer of those to today,
    within :data:`PLAUSIBLE`. Without a year, each reading's nearest year that fits. With
    the ``weekday`` it was said with ("thu 12/3"), only a reading on that weekday; None
    when there is none."""
    first, second, year = int(numbers.group(1)), int(numbers.group(2)), numbers.group(3)
    years = [int(year) + (2000 if len(year) == 2 else 0)] if year else \
        [today.year - 1, today.year, today.year + 1]
    readings: set[date] = set()
    for month, day in ((first, second), (second, first)):  # US order, then the rest
        for y in years:
            try:
                readings.add(date(y, month, day))
            except ValueError:
                continue
    if not readings:
        raise TimeParseError(text)
    if weekday is not None:
        readings = {d for d in readings if d.weekday() == weekday}
        if not readings:
            return None
    fitting = [d for d in readings
               if not (past and d > today) and not (ahead and d < today)]
    nearest = sorted(fitting, key=lambda d: abs((d - today).days))
    both_ways = len({(d.month, d.day) for d in readings}) > 1
    if not both_ways and (year or nearest):  # 13/3: as written (a year's range is checked
        return (nearest or sorted(readings))[0]  # by the caller, as for "Dec 4")
    if nearest and abs(nearest[0] - today) <= PLAUSIBLE:
        return nearest[0]
    shown = {(d.month, d.day): d for d in sorted(readings)}  # one per reading, for its name
    raise TimeParseError(text, readings=tuple(shown[key] for key in sorted(shown)))


def _calendar_day(text: str, today: date) -> date | None:
    iso = ISO_DAY.match(text)
    if iso and not iso.group(4):
        return civil_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), text)
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
        return civil_date(int(year), month, day, text)
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


def civil_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:  # 2026-02-30: a date that names no day is an error, not junk
        raise TimeParseError(text) from exc
