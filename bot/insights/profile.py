"""An interview's profile: what kind of role it was and how the person got there.

Role title (``Interview.role``), field or function, seniority, location or remote, source
(referral, application, recruiter) and the stage reached. Every part is optional and never
asked for twice: typed as options on ``/debrief interview``, offered as one optional
question when an outcome is recorded, edited with ``/debrief history #n edit field:value``.
The patterns in :mod:`bot.insights.patterns` compare callbacks across these.

Field, seniority, source and stage come from small lists so that "data", "Data" and
"analytics" land in one group; a field outside the list is kept as typed (free text), so
nobody is forced into a box. Location is free text, with remote / hybrid / on-site
spelled one way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.model import Interview
from bot.notes.places import place_names

__all__ = [
    "FIELDS",
    "PROFILE_OPTIONS",
    "SENIORITY",
    "SOURCES",
    "STAGES",
    "ProfileError",
    "apply_profile",
    "describe",
    "group_label",
    "parse_profile",
    "profile_changes",
    "profile_line",
]

MAX_FREE_TEXT = 100


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Stored values with the words people use for them (``aliases``) and how to say them."""

    name: str
    values: dict[str, str]  # stored value -> how it reads in a sentence
    aliases: dict[str, str]  # typed word -> stored value
    free_text: bool = False  # anything else is kept as typed

    def parse(self, text: str) -> str | None:
        word = _norm(text)
        if word in self.values:
            return word
        if word in self.aliases:
            return self.aliases[word]
        if self.free_text and text.strip():
            return " ".join(text.split())[:MAX_FREE_TEXT]
        return None


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


# The documented list of fields (README: "An interview's profile"); others are free text.
FIELDS = Vocabulary("field", {
    "engineering": "engineering", "data": "data", "product": "product", "design": "design",
    "marketing": "marketing", "sales": "sales", "support": "customer support",
    "operations": "operations", "finance": "finance", "people": "people and HR",
    "education": "education", "healthcare": "healthcare",
}, {
    "software": "engineering", "software engineering": "engineering", "dev": "engineering",
    "development": "engineering", "developer": "engineering", "it": "engineering",
    "devops": "engineering", "analytics": "data", "data science": "data",
    "data analysis": "data", "analyst": "data", "product management": "product",
    "pm": "product", "ux": "design", "ui": "design", "ux design": "design",
    "customer support": "support", "customer success": "support", "customer service": "support",
    "ops": "operations", "accounting": "finance", "hr": "people", "people and hr": "people",
    "recruiting": "people", "teaching": "education", "health": "healthcare",
    "nursing": "healthcare",
}, free_text=True)
SENIORITY = Vocabulary("seniority", {
    "entry": "entry-level", "mid": "mid-level", "senior": "senior", "lead": "lead",
    "manager": "manager", "executive": "executive",
}, {
    "intern": "entry", "internship": "entry", "junior": "entry", "graduate": "entry",
    "grad": "entry", "entry level": "entry", "mid level": "mid", "intermediate": "mid",
    "midlevel": "mid", "sr": "senior", "staff": "lead", "principal": "lead",
    "management": "manager", "director": "executive", "vp": "executive", "head": "executive",
})
SOURCES = Vocabulary("source", {
    "referral": "a referral", "application": "your own application",
    "recruiter": "a recruiter", "other": "another way",
}, {
    "referred": "referral", "network": "referral", "friend": "referral",
    "applied": "application", "apply": "application", "job board": "application",
    "online": "application", "linkedin": "application", "headhunter": "recruiter",
    "agency": "recruiter", "recruiter reached out": "recruiter",
})
STAGES = Vocabulary("stage", {
    "screen": "a screening call", "first": "a first interview",
    "later": "a later round", "final": "a final round",
}, {
    "phone screen": "screen", "screening": "screen", "recruiter screen": "screen",
    "phone": "screen", "first round": "first", "1": "first", "1st": "first",
    "second": "later", "second round": "later", "2": "later", "2nd": "later",
    "third": "later", "3": "later", "onsite": "later", "technical": "later",
    "final round": "final", "last": "final",
})
_LOCATION_WORDS = {"remote": "Remote", "fully remote": "Remote", "hybrid": "Hybrid",
                   "onsite": "On-site", "on site": "On-site", "office": "On-site",
                   "in office": "On-site", "in person": "On-site"}

# The profile's option names (bot.grammar), in the order they are shown.
PROFILE_OPTIONS = ("role", "field", "seniority", "location", "source", "stage")
_ATTRIBUTE = {"role": "role", "field": "job_field", "seniority": "seniority",
              "location": "location", "source": "source", "stage": "stage"}
_VOCABULARIES = {"field": FIELDS, "seniority": SENIORITY, "source": SOURCES,
                 "stage": STAGES}


class ProfileError(ValueError):
    """A profile value we can't read; ``message`` is what to tell the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_profile(options: Mapping[str, str]) -> dict[str, str | None]:
    """``{"field": "Analytics", "stage": "2nd"}`` -> Interview attributes to set
    (``{"job_field": "data", "stage": "later"}``). ``none`` or ``-`` clears one. Raises
    :class:`ProfileError` (nothing set) for a value outside a closed list."""
    changes: dict[str, str | None] = {}
    for name, raw in options.items():
        if name not in _ATTRIBUTE:
            continue
        text = raw.strip()
        if text and _norm(text) in ("none", "clear", ""):  # "none", "-": clear it
            changes[_ATTRIBUTE[name]] = None
            continue
        if not text:
            raise ProfileError(f"`{name}:` needs a value, or `{name}:none` to clear it.")
        if len(text) > MAX_FREE_TEXT:
            raise ProfileError(f"Keep `{name}:` under {MAX_FREE_TEXT} characters. "
                               "Nothing was changed.")
        changes[_ATTRIBUTE[name]] = _value(name, text)
    return changes


def profile_changes(options: tuple[tuple[str, str], ...]) -> dict[str, str | None]:
    """The profile part of a command's options (``role`` is the caller's business on
    ``interview``, where it is checked with the other names)."""
    return parse_profile({name: value for name, value in options if name in _VOCABULARIES
                          or name == "location"})


def apply_profile(interview: Interview, changes: Mapping[str, str | None]) -> None:
    for attribute, value in changes.items():
        setattr(interview, attribute, value)


def _value(name: str, text: str) -> str:
    if name == "role":
        return " ".join(text.split())
    if name == "location":
        return _LOCATION_WORDS.get(_norm(text), " ".join(text.split()))
    vocabulary = _VOCABULARIES[name]
    value = vocabulary.parse(text)
    if value is None:
        choices = ", ".join(vocabulary.values)
        raise ProfileError(f"I don't know \"{text[:40]}\" as a {name}. Use one of: "
                           f"{choices}. Nothing was changed.")
    return value


def describe(attribute: str, value: str) -> str:
    """A stored value as it reads in a sentence ("data" -> "data", "screen" -> "a
    screening call"); free text as typed."""
    for name, vocabulary in _VOCABULARIES.items():
        if _ATTRIBUTE[name] == attribute:
            return vocabulary.values.get(value, value)
    return value


def group_label(attribute: str, value: str) -> str:
    """A stored value as a short group name for lists and charts ("mid-level", "Remote",
    "referral", "final round")."""
    if attribute == "source":
        return {"application": "own application", "other": "other"}.get(value, value)
    if attribute == "stage":
        return {"screen": "screening call", "first": "first interview",
                "later": "later round", "final": "final round"}.get(value, value)
    return describe(attribute, value)


def profile_line(interview: Interview) -> str:
    """The profile in one line for ``history``: "Data Analyst · data · mid-level · Remote ·
    via a referral · reached a final round"; empty when nothing was given."""
    parts = []
    if interview.role:
        parts.append(place_names(interview.role))
    if interview.job_field:
        parts.append(f"field: {describe('job_field', interview.job_field)}")
    if interview.seniority:
        parts.append(describe("seniority", interview.seniority))
    if interview.location:  # "berlin" -> "Berlin", as the person would write it
        parts.append(place_names(interview.location))
    if interview.source:
        parts.append(f"via {describe('source', interview.source)}")
    if interview.stage:
        parts.append(f"reached {describe('stage', interview.stage)}")
    return " · ".join(parts)
