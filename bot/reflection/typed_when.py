"""A time typed after the company, without ``when:``: ``interview stripe tomorrow 2pm``;
and the company said as a sentence: ``interview at meta for a data scientist role``.

People write the time where they would say it. The words after the company are read as
the interview's time only when they clearly name one: a day word (today, tomorrow,
yesterday, a weekday, ``next monday``, ``Dec 4``), a clock time with ``am``/``pm`` or
minutes (``2pm``, ``14:30``, ``noon``), or a relative time (``in 2 hours``, ``3 days ago``,
``just ended``). A bare number stays part of the name ("Studio 54", "Acme 9"), and so does
anything :func:`bot.timeparse.parse_when` cannot read ("Friday Labs" has no time in it).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.timeparse import TimeParseError, parse_when
from bot.timeparse.said import as_said
from bot.values import without_emoji

__all__ = ["MAX_AHEAD", "MAX_PAST", "company_as_typed", "split_company_and_role",
           "split_trailing_when", "told_as_past"]

# How far from now an interview's time may be, logged or moved (bot.records.moving).
MAX_PAST = timedelta(days=90)
MAX_AHEAD = timedelta(days=365)

# The most words a time after the company takes ("next friday at 10:30 am" is six).
_MOST_WORDS = 6
_CONNECTORS = frozenset({"at", "on", "-", "–", "—", ","})
_DAY_WORDS = frozenset({"today", "tomorrow", "tmrw", "tmr", "tmw", "tomorow", "yesterday",
                        "yday", "now", "ago", "noon", "midday", "midnight", "tonight",
                        "earlier", "lunch", "lunchtime",
                        # parts of a day, read only beside a day ("yesterday afternoon",
                        # "this morning"): "Acme Morning" alone stays a name
                        "morning", "afternoon", "evening", "night"})
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct",
           "nov", "dec", "january", "february", "march", "april", "june", "july", "august",
           "september", "october", "november", "december")
_CLOCK = re.compile(r"^\d{1,2}([:.]\d{2})?\s*(am|pm|a\.m\.|p\.m\.)$|^\d{1,2}[:.h]\d{2}$")
# A day in numbers ("12/3", "3/12/2026"); "24/7" is a name's ("Acme 24/7"), not a date.
_NUMBERED_DAY = re.compile(r"^(?!24/7$)\d{1,2}/\d{1,2}(/\d{2}|/\d{4})?$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _names_a_time(words: list[str]) -> bool:
    """Does this run of words clearly name a time (not just contain a number)? Read as
    typed in a hurry: "yesterdy" is yesterday."""
    words = as_said(" ".join(words)).split()
    if not words:
        return False
    if words[0] == "in" and len(words) > 1:  # "in 2 hours"
        return True
    if " ".join(words[-2:]) == "just ended" or words[-2:] == ["from", "now"]:
        return True
    for index, word in enumerate(words):
        if word in _DAY_WORDS or word in _WEEKDAYS or _CLOCK.match(word) or \
                _ISO_DAY.match(word) or _NUMBERED_DAY.match(word):
            return True
        # A day of the month said as one ("on the 3rd"); "Acme 3rd" stays a name.
        if index and words[index - 1] == "the" and re.match(r"^\d{1,2}(st|nd|rd|th)$", word):
            return True
        # A month only with a day beside it ("dec 4", "4th of december").
        if word.rstrip(".") in _MONTHS and any(
                re.match(r"^\d{1,2}(st|nd|rd|th)?$", other)
                for other in words[max(0, index - 2):index + 2] if other != word):
            return True
    return False


def split_trailing_when(text: str, now: datetime, zone: ZoneInfo, *, past: bool = False
                        ) -> tuple[str, datetime, str] | None:
    """``(company, instant, the time as typed)`` when ``text`` ends in a time it clearly
    names, else None. ``past``: the interview was told as over (:func:`told_as_past`), so
    "monday morning" is the last Monday, as :func:`bot.timeparse.parse_when` reads it.

    The longest such ending wins ("acme next friday at 10am" is Acme, not "Acme next
    friday" at 10:00); at least one word of the name always remains. A day in numbers
    that reads two ways, neither of them near (``12/5`` in August), raises its
    :class:`TimeParseError`, so the caller asks rather than logging "Acme 12/5"."""
    words = text.split()
    for size in range(min(len(words) - 1, _MOST_WORDS), 0, -1):
        tail = [w.lower().strip(",") for w in words[-size:]]
        head = words[:-size]
        while head and head[-1].lower() in _CONNECTORS:
            head = head[:-1]
        tail = [w for w in tail if w]
        if not head or not tail or tail[0] in _CONNECTORS - {"at", "on"}:
            continue
        if not _names_a_time(tail):
            continue
        try:
            instant = parse_when(" ".join(tail), now, zone, past=past)
        except TimeParseError as exc:
            if exc.readings:  # "acme 12/5": a date, but which? Asked, not made a name
                raise
            continue
        return " ".join(head).rstrip(" ,-–—"), instant, " ".join(words[-size:])
    return None


# "at meta", "with stripe": the words people say before the company.
_BEFORE_COMPANY = re.compile(r"^(?:(?:an?\s+)?interview\s+)?(?:at|with)\s+(?=\S)")
# "… for a data scientist role", "… as a product designer": the role, said after it.
_ROLE_AFTER = re.compile(r"\s+(?:for\s+(?:(?:a|an|the)\s+)?(?P<role>\S.*?)\s+(?:role|position|"
                         r"job|opening|spot)|as\s+(?:a|an)\s+(?P<as>\S.*?))\s*$", re.I)


def split_company_and_role(text: str) -> tuple[str, str | None]:
    """``(company, role)`` from the company typed as a sentence: "at meta for a data
    scientist role" -> ("meta", "data scientist"), "with stripe as a product designer" ->
    ("stripe", "product designer"). A name that merely starts with the word stays: only a
    lowercase "at"/"with" is taken for the sentence's."""
    company, role = text.strip(), None
    found = _ROLE_AFTER.search(company)
    if found and company[:found.start()].strip():
        role = (found.group("role") or found.group("as")).strip()
        company = company[:found.start()].strip()
    lead = _BEFORE_COMPANY.match(company)
    if lead and company[lead.end():].strip():
        company = company[lead.end():].strip()
    return company, role


# A sentence, not a name: "just had one at hooli, went badly". Four words or more with
# two of these in them, or "I"/"my" and one ("I Love Lucy Studios" stays a name).
_ME = frozenset("i i'm im i've ive my me".split())
_SAYING = frozenset("just had went was were did got finished interviewed felt".split())
# Where the company ends inside a sentence: a stop, or the next clause ("… and it went").
_COMPANY_ENDS = re.compile(r"[,.;!?]|\s(?:and|but|so|it|which|where|because|today|went|was|"
                           r"were|is|did|felt|seemed|i|we|they|he|she)\b", re.IGNORECASE)


def company_as_typed(text: str) -> str:
    """The company typed after ``interview``, without emoji ("🚀 Initech 🚀" is Initech in a
    thank-you note), and out of a sentence ("just had one at hooli, went badly" -> "hooli",
    which the role and time readers above then take apart as usual). Empty when no name
    is left ("🙏", a sentence naming no "at"/"with"): the caller asks which company."""
    kept = without_emoji(text)
    words = kept.lower().split()
    if len(words) >= 4 and len(_SAYING & set(words)) + bool(_ME & set(words)) >= 2:
        said = re.search(r"\b(?:at|with)\s+(?=\S)", kept)
        if said is None:
            return ""
        kept = kept[said.end():]
        end = _COMPANY_ENDS.search(kept)
        kept = kept[:end.start()].strip() if end else kept.strip()
    return kept if any(ch.isalnum() for ch in kept) else ""


# "i had an interview at acme monday morning": told as over ("have", "got one" are not).
_TOLD_AS_PAST = frozenset("had went was were did finished interviewed felt".split())


def told_as_past(text: str) -> bool:
    """Does the sentence after ``interview`` tell of one that is over? Only a sentence
    (see :func:`company_as_typed`) says so: a name alone ("Acme Was Here") does not."""
    words = set(without_emoji(text).lower().split())
    return len(words) >= 4 and bool(_TOLD_AS_PAST & words) and bool(
        _ME & words or "just" in words)
