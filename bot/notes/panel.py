"""What each panel member talked about, from one "what did you discuss" answer.

"priya asked about their churn model and guy about my python" gives Priya "their churn
model" and Guy "my python", so each person's note names their own part of the
conversation (COACHING.md: a panel gets a separate note per person, each a little different).
A name counts as the start of someone's part only where it speaks: followed by a verb of
talking ("asked", "went over") or by "about"/"on" with the verb left out. "we talked about
priya's team" gives Priya nothing: her name is the topic there, not the speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.notes import lexicon
from bot.notes.cleaning import owns
from bot.notes.people import Interviewer
from bot.notes.reference import clean_text

__all__ = ["as_told_to_others", "owners_named", "topics_by_person"]

# After a speaker's name: "priya (also|mostly …) asked (me) (a lot) about", "guy about".
_SPEAKS = re.compile(r"\s+(?:(?:also|mostly|mainly|really|then|later|kept|was|had)\s+)*"
                     r"(?:(?:" + "|".join(lexicon.LEAD_VERBS) + r")\b|(?:about|on)\s)", re.I)
# What may come right before a speaker's name: the start, a comma, "and", "then", "while".
_BEFORE = re.compile(r"(?:^|[,;.!?]\s*|\s(?:and|then|while|but|whereas|plus)\s+|"
                     r"\s\(|\s[-–—]\s)$", re.I)

_TITLE_END = re.compile(r"(?<![\w'])(?:" + "|".join(lexicon.TITLES) + r")\.?\s+$", re.I)


def _names(person: Interviewer) -> list[str]:
    """The words a person may be called by in an answer: "Guy Levi", "Guy", "Levi"."""
    words = [w for w in person.full.split() if w.lower() not in lexicon.JOB_WORDS]
    found = [" ".join(words)] if len(words) > 1 else []
    if person.name:
        found.append(person.name.split(" ")[-1])  # "Dr. Gonzalez" -> "Gonzalez"
    found.extend(words)
    return [n for n in dict.fromkeys(n.strip(".,") for n in found) if len(n) >= 2]


def _speaks_at(text: str, person: Interviewer) -> tuple[int, int] | None:
    """Where the person's name starts their part, and where their words begin."""
    for name in _names(person):
        for match in re.finditer(r"(?<![\w'])" + re.escape(name) + r"(?![\w'])", text, re.I):
            before = _TITLE_END.sub("", text[:match.start()])  # "… and dr gonzalez asked"
            if _BEFORE.search(before) and _SPEAKS.match(text, match.end()):
                return len(before), match.end()
    return None


def topics_by_person(answer: str | None, people: Sequence[Interviewer]) -> dict[str, str]:
    """Each speaking panel member's part of ``answer``, keyed by ``Interviewer.full``.

    Empty unless at least two people speak in it: one speaker's part is the whole answer's
    reference already, and the others keep it too."""
    if not answer or len(people) < 2:
        return {}
    text = clean_text(answer)
    found = sorted((*at, person.full) for person in people
                   for at in [_speaks_at(text, person)] if at)
    if len({full for *_, full in found}) < 2:
        return {}
    parts: dict[str, str] = {}
    ends = [start for start, *_ in found[1:]] + [len(text)]
    for (_, words, full), end in zip(found, ends, strict=True):
        part = re.sub(r"^\s*(?:about|on)\s+", "", text[words:end].strip())  # "guy [asked] about"
        part = re.sub(r"(?:[\s,;]+(?:and|then|while|but|whereas|plus))?[\s,;.(–—-]*$", "",
                      part, flags=re.I)
        parts.setdefault(full, part)
    return parts


def owners_named(text: str, to: Interviewer | None, people: Sequence[Interviewer]) -> str:
    """An interviewer's possessive typed without its apostrophe, in the note to ``to``:
    "sarahs team" is "your team" in the note to Sarah and "Sarah's team" in Mike's."""
    for person in people:
        name = person.name
        if not name or " " in name or len(name) < 3:  # "Dr. Gonzalez", initials: left
            continue

        def owner(m: re.Match[str], person: Interviewer = person, name: str = name) -> str:
            if not owns(m.group("next"), plural=False):
                return m.group(0)
            return "your " if person == to else f"{name}'s "
        text = re.sub(rf"(?<![\w']){re.escape(name)}(?:'s|s) (?=(?P<next>[a-z]+))", owner,
                      text, flags=re.I)
    return text


# After the one who spoke: "his"/"her" before a noun, and "he"/"she", are theirs.
_THEIR_WORDS = re.compile(r"\b(?:(?P<own>his|her)(?= (?P<next>[a-z]+))|(?P<who>he|she)\b)",
                          re.I)


def as_told_to_others(answer: str | None, people: Sequence[Interviewer]) -> dict[str, str]:
    """When one panel member alone speaks in ``answer`` ("mike showed me his dashboard"),
    the answer as the others' notes read it: "mike showed me Mike's dashboard" (in Mike's
    own note it stays "your dashboard"), keyed by ``Interviewer.full``; else empty."""
    if not answer or len(people) < 2:
        return {}
    text = clean_text(answer)
    speaking = [(at, p) for p in people for at in [_speaks_at(text, p)] if at]
    if len(speaking) != 1 or not speaking[0][1].name or " " in (speaking[0][1].name or ""):
        return {}
    (_, words), speaker = speaking[0]
    name = speaker.name or ""

    def theirs(m: re.Match[str]) -> str:
        if m.group("who"):
            return name
        return f"{name}'s" if owns(m.group("next"), plural=False) else m.group(0)
    told = text[:words] + _THEIR_WORDS.sub(theirs, text[words:])
    return {p.full: told for p in people if p is not speaker}
