"""Who the note is to, who signs it, and the role it is about.

Greeting rule (documented for the person and for tests):

* A title with a surname keeps both, written properly: "dr gonzalez", "Dr. Maria Gonzalez"
  -> "Dr. Gonzalez"; "ms okafor" -> "Ms. Okafor". A title alone ("Dr.") is no name.
* Otherwise the first name: "Jane Doe (eng manager)" -> "Jane"; "jane" -> "Jane" (typed all
  in lowercase or all in capitals, it is capitalised; "DeShawn" keeps its own capitals).
* Job words only ("the recruiter", "HR", "hiring manager", "the panel") give "Hello,":
  there is no name to use, and "the" or "recruiter" is never taken for one.
* Several people separated by commas, "and", "&", "+" or "/" get one note each; a job
  written after a comma ("Jane Doe, Engineering Manager") describes the name before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.notes import lexicon
from bot.notes.reference import clean_text, known_names
from bot.notes.roles import (
    company_and_role,
    company_name,
    role_in_sentence,
    role_label,
    role_name,
    role_title,
)

__all__ = [
    "Interviewer",
    "capitalise_name",
    "company_and_role",
    "company_name",
    "job_acronyms",
    "parse_interviewers",
    "role_in_sentence",
    "role_label",
    "role_name",
    "role_title",
    "signature_name",
]


@dataclass(frozen=True, slots=True)
class Interviewer:
    """One person the note goes to. ``name`` is None when only a job was given."""

    name: str | None  # how the greeting addresses them: "Jane", "Dr. Gonzalez"
    full: str  # what was typed for them, tidied: "Jane Doe", "the recruiter"
    job: str = ""  # job words given with them: "eng manager", "recruiter"

    @property
    def is_recruiter(self) -> bool:
        text = f"{self.full} {self.job}".lower()
        return bool(re.search(r"\b(?:recruit\w*|hr|human resources|talent|people ops|"
                              r"headhunter|head-hunter|ta)\b", text))


_SPLIT = re.compile(r"\s*(?:,|;|&|\+|/|\band\b|\bplus\b|\bwith\b)\s*", re.I)
_PARENS = re.compile(r"\s*[(\[]([^)\]]*)[)\]]")
_DASH_JOB = re.compile(r"\s+[-–—|:]\s+(.*)$")
_FROM_JOB = re.compile(r"\s+(?:from|of|at|in)\s+(.*)$", re.I)
_THE_JOB = re.compile(r"\s*,?\s+(?:the|our|my|a|an)\s+(.*)$", re.I)
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*\.?$")
# "a guy named Tom", "the recruiter, called Sam": the name comes after the word.
_NAMED_AFTER = re.compile(r"^(?:(.*?)\s+)?(?:named|called)\s+(?=\S)", re.I)
# Job words that are also first names: "Guy Levi" is Guy, "a guy from finance" nobody;
# "Dev Patel" is Dev, "a senior dev" nobody (it was greeted "Hi Dev,").
_GIVEN_NAMES = frozenset({"guy", "dev"})


def capitalise_name(word: str) -> str:
    """"jane" -> "Jane", "JANE" -> "Jane", "jean-luc" -> "Jean-Luc", "o'brien" -> "O'Brien";
    a name with its own mixed capitals ("DeShawn", "McKay") is kept as typed."""
    # "sArAh" is a slip of the shift key; a name's own capitals come after a capital
    slipped = word[:1].islower() and any(c.isupper() for c in word)
    if not (word.islower() or slipped or (word.isupper() and len(word) > 2)):
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(),
                  word.lower())


def _is_job_only(words: list[str]) -> bool:
    return all(w.lower().strip(".,") in lexicon.JOB_WORDS or
               w.lower().strip(".,") in ("interviewer", "panel") for w in words)


def _one(segment: str) -> Interviewer | None:
    """One person from one segment; None when the segment names nobody at all."""
    if "?" in segment:  # "whats the team like?": a question of theirs, not a name
        return None
    text = segment.strip(" .,;:-")
    job_parts: list[str] = []
    for pattern in (_PARENS,):
        for found in pattern.findall(text):
            job_parts.append(found.strip())
        text = pattern.sub("", text)
    for pattern in (_DASH_JOB, _FROM_JOB):
        match = pattern.search(text)
        if match and not _is_job_only(text[:match.start()].split()):
            job_parts.append(match.group(1).strip())
            text = text[:match.start()]
    text = text.strip(" .,;:-@")
    named = _NAMED_AFTER.match(text)
    if named and _is_job_only((named.group(1) or "").split()):
        job_parts.extend([named.group(1)] if named.group(1) else [])
        text = text[named.end():]
    words = [w.lstrip("@") for w in text.split() if w.lstrip("@")]
    if not words or any(w.lower().strip(".,!?") in lexicon.NOT_NAME_WORDS for w in words):
        return None
    if _given_name_first(words):
        first = capitalise_name(words[0])
        return Interviewer(first, " ".join([first, *(
            w if w.lower().strip(".,") in lexicon.JOB_WORDS else capitalise_name(w)
            for w in words[1:])]), " ".join(job_parts))
    if _is_job_only(words):
        return Interviewer(None, " ".join(words), " ".join(job_parts))
    if len(words) > 1 and words[0].lower() in _ARTICLES and \
            words[1].lower().strip(".,") not in lexicon.JOB_WORDS:
        return None  # "the incident review story" names nobody (it was "Hi Incident,")
    title = lexicon.TITLES.get(words[0].lower().rstrip("."))
    names = [w for w in (words[1:] if title else words) if _NAME_WORD.match(w)]
    # Job words after the name ("Tom the CTO", "Priya hiring manager") describe the person.
    while len(names) > 1 and names[-1].lower().strip(".") in lexicon.JOB_WORDS:
        job_parts.insert(0, names.pop())
    names = [n.rstrip(".") if len(n.rstrip(".")) > 1 else n for n in names]
    full = " ".join(w if w.lower().strip(".,") in lexicon.JOB_WORDS else capitalise_name(w)
                    for w in words)
    if title and not names:
        return None  # "Mr. and Mrs. Smith": a title alone names nobody
    if title and names:
        return Interviewer(f"{title} {capitalise_name(names[-1])}", full, " ".join(job_parts))
    names = [n for n in names if n.lower() not in lexicon.JOB_WORDS]
    if not names or len(names[0].rstrip(".")) < 2:
        return Interviewer(None, full, " ".join(job_parts))
    return Interviewer(capitalise_name(names[0]), full, " ".join(job_parts))


# Before a name, an article is only ever followed by a job ("the recruiter anna").
_ARTICLES = frozenset({"the", "a", "an", "my", "our", "their", "this", "that"})


def _given_name_first(words: list[str]) -> bool:
    """"Guy Levi", "guy levi", "Guy": a first name that is also a job word, written first
    with a surname after it (or alone with its capital); "guy from finance" is no name."""
    if words[0].lower() not in _GIVEN_NAMES or not _NAME_WORD.match(words[0]):
        return False
    if len(words) == 1:
        return words[0][:1].isupper()
    return bool(_NAME_WORD.match(words[1])) and \
        words[1].lower().strip(".,") not in lexicon.JOB_WORDS


def parse_interviewers(text: str | None) -> list[Interviewer]:
    """Everyone named in the interview's "interviewer" field, in the order typed."""
    if not text or not text.strip():
        return []
    text = clean_text(text)
    text = _PARENS.sub(lambda m: " (" + m.group(1).replace(",", " ").replace("&", " and ")
                       .replace("/", " ") + ")", text)
    pieces: list[tuple[str, str]] = []  # (separator before, segment)
    position, separator = 0, ""
    for match in _SPLIT.finditer(text):
        pieces.append((separator, text[position:match.start()]))
        separator, position = match.group(0).strip().lower(), match.end()
    pieces.append((separator, text[position:]))
    people: list[Interviewer] = []
    for separator, segment in pieces:
        person = _one(segment)
        if person is None:
            continue
        if person.name is None and separator in (",", ";") and people and \
                people[-1].name is not None and not people[-1].job and \
                not re.match(r"\s*(?:the|a|an|our|my)\b", segment, re.I):
            # "Jane Doe, Engineering Manager": a job after a comma describes Jane.
            people[-1] = Interviewer(people[-1].name, people[-1].full, person.full)
            continue
        if person.name is not None and people and people[-1].name is None and \
                separator in (",", ";", ":") and not people[-1].job:
            # "the recruiter, Anna": the name belongs to the job before it.
            people[-1] = Interviewer(person.name, person.full, people[-1].full)
            continue
        people.append(person)
    return [_as_written(p) for p in _without_duplicates(people)]


def _as_written(person: Interviewer) -> Interviewer:
    """What is shown of a person reads as a careful person writes it: "a guy from hr" is
    "the guy from HR" (one you met, so "the"), "the cto" "the CTO", "eng manager" stays."""
    full = job_acronyms(known_names(person.full))
    if person.name is None:
        full = re.sub(r"^(?:a|an|some)\s+(?=\S)", "the ", full, flags=re.I)
    return Interviewer(person.name, full, job_acronyms(known_names(person.job)))


# Job acronyms said of people only ("1 hr" elsewhere is an hour, "3 pm" a time).
_JOB_ACRONYM = re.compile(r"(?<![\w'@./-])(?:hr|vp|svp|evp|pm|em|cmo|cpo|cio|ciso|hrbp)"
                          r"(?![\w'@/-])")


def job_acronyms(text: str) -> str:
    """"hr", "vp", "pm" typed in lowercase as written: "HR", "VP", "PM"."""
    return _JOB_ACRONYM.sub(lambda m: m.group(0).upper(), text)


def _without_duplicates(people: list[Interviewer]) -> list[Interviewer]:
    named: list[Interviewer] = []
    seen: set[str] = set()
    for person in people:
        key = (person.name or person.full).casefold()
        if key not in seen:
            seen.add(key)
            named.append(person)
    unnamed = [p for p in named if p.name is None]
    if len(named) > 1 and len(unnamed) == len(named):
        return [named[0]]  # "the panel and HR": one note to them all, "Hello,"
    return named


_HANDLE = re.compile(r"[\d_@#<>:/\\|=+*]|^[UW][A-Z0-9]{6,}$|\.(?!\s|$)")


def signature_name(chosen: str | None, platform: str | None) -> str | None:
    """The name to sign with: the one set with ``settings name``, else the platform
    profile's name when it looks like a person's name. Never a handle: "user_p3",
    "U0123ABC", "jdoe42", an all-lowercase username or an e-mail give None."""
    if chosen and chosen.strip():
        return " ".join(capitalise_name(w) for w in chosen.split())
    if not platform:
        return None
    name = " ".join(clean_text(platform).split())
    if not name or _HANDLE.search(name) or len(name) > 60 or len(name.split()) > 5:
        return None
    if not any(c.isupper() for c in name):  # usernames are lowercase; names are not
        return None
    if not all(_NAME_WORD.match(w) for w in name.split()):
        return None
    return name
