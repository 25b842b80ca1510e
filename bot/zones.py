"""Timezone names as people type them: ``Europe/Berlin``, ``america/new_york``, ``berlin``,
``new york``, ``São Paulo``, ``EST``.

Resolution, first match wins:

1. an IANA name as written (``Europe/Berlin``, ``UTC``);
2. an IANA name in any case, with spaces for underscores (``america/new york``);
3. a common abbreviation (``EST``, ``PST``, ``CET``, ``IST`` …), mapped to the city zone
   people usually mean. tzdata's own ``EST``/``MST``/``HST`` are fixed offsets with no
   summer time, which is rarely what someone in New York means; the reply says which zone
   the abbreviation became (:attr:`ZoneMatch.abbreviation`);
4. a city: the last part of an IANA name (``berlin``, ``sao paulo``, accents ignored), or
   one of a few large cities tzdata names by another (``san francisco``, ``mumbai``);
5. otherwise :class:`UnknownZone`, carrying up to three close names for "did you mean".
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

__all__ = ["ABBREVIATIONS", "UnknownZone", "ZoneMatch", "resolve_zone"]

MAX_ZONE_TEXT = 64

ABBREVIATIONS = {
    "est": "America/New_York", "edt": "America/New_York", "et": "America/New_York",
    "cst": "America/Chicago", "cdt": "America/Chicago", "ct": "America/Chicago",
    "mst": "America/Denver", "mdt": "America/Denver", "mt": "America/Denver",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pt": "America/Los_Angeles",
    "akst": "America/Anchorage", "akdt": "America/Anchorage", "hst": "Pacific/Honolulu",
    "bst": "Europe/London", "cet": "Europe/Berlin", "cest": "Europe/Berlin",
    "eet": "Europe/Athens", "eest": "Europe/Athens", "wet": "Europe/Lisbon",
    "west": "Europe/Lisbon", "ist": "Asia/Kolkata", "jst": "Asia/Tokyo", "kst": "Asia/Seoul",
    "sgt": "Asia/Singapore", "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
    "nzst": "Pacific/Auckland", "nzdt": "Pacific/Auckland",
}

# Large cities whose zone tzdata names after another city.
_CITIES = {
    "san francisco": "America/Los_Angeles", "sf": "America/Los_Angeles",
    "seattle": "America/Los_Angeles", "san diego": "America/Los_Angeles",
    "washington": "America/New_York", "washington dc": "America/New_York",
    "nyc": "America/New_York", "boston": "America/New_York", "atlanta": "America/New_York",
    "miami": "America/New_York", "philadelphia": "America/New_York",
    "austin": "America/Chicago", "dallas": "America/Chicago", "houston": "America/Chicago",
    "montreal": "America/Toronto", "ottawa": "America/Toronto",
    "rio": "America/Sao_Paulo", "rio de janeiro": "America/Sao_Paulo",
    "munich": "Europe/Berlin", "frankfurt": "Europe/Berlin", "hamburg": "Europe/Berlin",
    "cologne": "Europe/Berlin", "barcelona": "Europe/Madrid", "milan": "Europe/Rome",
    "geneva": "Europe/Zurich", "kiev": "Europe/Kyiv", "edinburgh": "Europe/London",
    "manchester": "Europe/London", "mumbai": "Asia/Kolkata", "bombay": "Asia/Kolkata",
    "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata", "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata", "hyderabad": "Asia/Kolkata", "chennai": "Asia/Kolkata",
    "beijing": "Asia/Shanghai", "shenzhen": "Asia/Shanghai", "guangzhou": "Asia/Shanghai",
    "osaka": "Asia/Tokyo", "tel aviv": "Asia/Jerusalem", "cape town": "Africa/Johannesburg",
}

# When a city name is in several IANA names, the one in a continent's area wins.
_AREAS = ("America", "Europe", "Asia", "Africa", "Australia", "Pacific", "Atlantic",
          "Indian", "Antarctica")
_NOT_ZONES = {"localtime", "Factory", "posixrules"}


@dataclass(frozen=True, slots=True)
class ZoneMatch:
    """The IANA zone a typed name means. ``abbreviation`` is set when it was one
    (``"EST"``), so the reply can say which zone it became."""

    key: str
    abbreviation: str | None = None


class UnknownZone(ValueError):
    def __init__(self, text: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(text)
        self.text = text
        self.suggestions = suggestions


def _fold(text: str) -> str:
    """Lower case, no accents, spaces and hyphens as in IANA names (``são paulo`` →
    ``sao_paulo``)."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"\s+", "_", plain.strip().casefold())


def _rank(name: str) -> tuple[int, int, str]:
    area = name.split("/", 1)[0]
    return (_AREAS.index(area) if area in _AREAS else len(_AREAS), name.count("/"), name)


@cache
def _names() -> tuple[dict[str, str], dict[str, str]]:
    """(folded full name → IANA name, folded city → IANA name), built on first use."""
    full: dict[str, str] = {}
    cities: dict[str, str] = {}
    for name in sorted(available_timezones() - _NOT_ZONES, key=_rank):
        full.setdefault(_fold(name), name)
        if "/" in name and not name.startswith("Etc/"):
            cities.setdefault(_fold(name.rsplit("/", 1)[1]), name)
    for city, name in _CITIES.items():
        cities.setdefault(_fold(city), name)
    return full, cities


def _exact(text: str) -> str | None:
    if text in _NOT_ZONES or not re.fullmatch(r"[A-Za-z0-9_+\-/]+", text) or ".." in text:
        return None
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return text


def resolve_zone(text: str) -> ZoneMatch:
    """The zone ``text`` names (see the module docstring), or :class:`UnknownZone`."""
    typed = " ".join(text.split())
    if not typed or len(typed) > MAX_ZONE_TEXT:
        raise UnknownZone(typed[:MAX_ZONE_TEXT])
    folded = _fold(typed)
    if folded in ABBREVIATIONS:
        return ZoneMatch(ABBREVIATIONS[folded], abbreviation=typed.upper())
    exact = _exact(typed)
    if exact is not None:
        return ZoneMatch(exact)
    full, cities = _names()
    if folded in full:
        return ZoneMatch(full[folded])
    folded_city = folded.rsplit("/", 1)[-1]
    if folded_city in cities:
        return ZoneMatch(cities[folded_city])
    raise UnknownZone(typed, suggest_zones(typed))


def suggest_zones(text: str, limit: int = 3) -> tuple[str, ...]:
    """Up to ``limit`` IANA names close to ``text``, best first."""
    folded = _fold(text)
    city = folded.rsplit("/", 1)[-1]
    full, cities = _names()
    scored: dict[str, float] = {}
    for wanted, names in ((folded, full), (city, cities)):
        for key in difflib.get_close_matches(wanted, list(names), n=limit, cutoff=0.75):
            ratio = difflib.SequenceMatcher(None, wanted, key).ratio()
            name = names[key]
            scored[name] = max(scored.get(name, 0.0), ratio)
    return tuple(sorted(scored, key=lambda name: (-scored[name], _rank(name)))[:limit])
