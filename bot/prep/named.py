"""The checklist in the interview's own names: the company, the role, the people.

"The role's top requirements" and "Their profile or talks" read the same for everyone;
with the role and the interviewers on record they can say whose: "The Senior Data Analyst
role's top requirements", "Each one's profile" for a panel of two, what a hiring manager's
team is working on (the person they would work for), which teams a recruiter hires for
(the person who sums them up for the hiring manager). The people are read as the note
composer reads them (:func:`bot.notes.people.parse_interviewers`).
"""

from __future__ import annotations

import re

from bot.copy.naming import employer, listed
from bot.model import Interview
from bot.notes.people import Interviewer, parse_interviewers, role_label
from bot.prep.checklist import ChecklistItem

__all__ = ["item_words", "panel_advice", "people_named", "possessive"]

_MANAGER = re.compile(r"\b(?:hiring manager|manager|head of|head|director|vp|lead|cto|ceo|"
                      r"founder|boss|team lead)\b", re.I)


def people_named(interview: Interview) -> str | None:
    """"Priya Raman (VP Product) and Tom Berg", as typed and tidied; None for nobody."""
    if not interview.interviewer:
        return None
    people = [_called(p) for p in parse_interviewers(interview.interviewer)] or \
        [interview.interviewer]
    return listed(people)


def _called(person: Interviewer) -> str:
    """"Sam Lee (eng manager)"; a job alone with its article: "the hiring manager"."""
    if person.name:
        return person.full + (f" ({person.job})" if person.job else "")
    if re.match(r"(?:the|a|an|our|my|their|\d+|two|three|several)\b", person.full, re.I):
        return person.full
    return f"the {person.full}"


def panel_advice(interview: Interview) -> str | None:
    """A panel's advice to the people named on it, not "note each name and role"."""
    people = parse_interviewers(interview.interviewer)
    if len(people) < 2:
        return None
    others = "other" if len(people) == 2 else "others"
    return (f"{people_named(interview)}: answer the one who asked while including the "
            f"{others}, note what each cares about, and plan a short thank-you note for each.")


def item_words(item: ChecklistItem, interview: Interview, *, quick: bool) -> tuple[str, str]:
    """The item's label and how-to, in this interview's names."""
    if item.key == "company":
        return f"{possessive(employer(interview))} recent news", item.how
    if item.key == "role":
        role = role_label(interview.role, interview.company)
        return (f"The {role} role's top requirements, matched to what you bring"
                if role else item.label), item.how
    if item.key == "interviewer" and interview.interviewer:
        people = parse_interviewers(interview.interviewer)
        several = len(people) > 1
        label = f"The interviewer{'s' if several else ''}, {people_named(interview)}"
        return label, _interviewer_how(people, quick) or item.how
    return item.label, item.how


def _interviewer_how(people: list[Interviewer], quick: bool) -> str | None:
    if len(people) > 1:
        if quick:
            return "Two minutes on each profile: their role, and what each is likely to ask about."
        return ("Each one's profile: their role, what they're likely to ask about from it, "
                "and one thing you have in common for an ice-breaker.")
    if not people:
        return None
    person = people[0]
    if person.is_recruiter:
        return ("Their profile and which teams they hire for - they'll sum you up for the "
                "hiring manager, so make that easy.")
    if _MANAGER.search(f"{person.full} {person.job}"):
        return ("Their background and what their team is working on: it's who you'd work "
                "for. One thing in common makes an ice-breaker.")
    return None


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"
