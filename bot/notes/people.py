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
    if not (word.islower() or (word.isupper() and len(word) > 2)):
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


_LOWER_INSIDE = frozenset({"of", "and", "the", "&", "for", "de", "du", "van", "von"})


def shouted(text: str) -> bool:
    """Typed all in capitals with six letters or more ("NETFLIX", "SENIOR DATA ENGINEER"):
    written as if typed in lowercase. Shorter ones are likely initials ("KPMG", "SRE")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


_VOWELS = frozenset("aeiouy")


def company_name(company: str) -> str:
    """The company as an employer reads it in a note. Typed all in lowercase, as people chat
    ("globex", "bank of america", "ibm", "jp morgan"), it gets capitals: "Globex", "Bank of
    America", "IBM", "JP Morgan" (a short word that is not an everyday word reads as
    initials; a pasted link stays as typed); typed with any capital ("eBay", "iRobot",
    "DeepMind") it is kept as typed - unless it is all shouted (:func:`shouted`:
    "NETFLIX" -> "Netflix", "ACME CORP" -> "Acme Corp"; "KPMG" stays)."""
    if shouted(company):
        company = company.lower()
    if company != company.lower():
        return company
    words = []
    for index, word in enumerate(company.split()):
        if (index and word in _LOWER_INSIDE) or "/" in word:
            words.append(word)  # a pasted link stays as typed ("Https://acme.com" read badly)
        elif "&" in word or word in lexicon.ACRONYMS or (
                2 <= len(word) <= 3 and word not in lexicon.ORDINARY_SHORT_WORDS) or (
                word.isalpha() and not _VOWELS.intersection(word)):  # kpmg, hsbc
            words.append(word.upper())
        elif len(word) > 3 and word.startswith("mc") and word[2].isalpha():
            words.append("Mc" + word[2].upper() + word[3:])  # mckinsey, mcdonald's
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(words)


# Job words cut short on a phone, written out as the posting writes them: "sr. data eng" is
# a Data Engineer, "eng manager" an Engineering Manager, "frontend dev" a Developer.
_SHORT_JOB = {"dev": "developer", "devs": "developers", "mgr": "manager", "mngr": "manager",
              "assoc": "associate", "coord": "coordinator", "mktg": "marketing",
              "acct": "account"}
_ENG_BEFORE = frozenset({"manager", "mgr", "lead", "director", "intern", "internship", "head",
                         "vp"})


def _written_out(words: list[str]) -> list[str]:
    out = []
    for index, word in enumerate(words):
        lower, after = word.lower(), words[index + 1].lower() if index + 1 < len(words) else ""
        if lower == "eng":
            out.append(_cased("engineering" if after in _ENG_BEFORE else "engineer", word))
        elif lower in ("sr", "jr") and index == 0 and after:
            out.append(word + ".")  # "jr swe": "Jr. SWE", as "sr. swe" is written
        elif lower in _SHORT_JOB:
            out.append(_cased(_SHORT_JOB[lower], word))
        else:
            out.append(word)
    return out


def _cased(written: str, typed: str) -> str:
    return written.capitalize() if typed[:1].isupper() else written


def _role_words(role: str) -> list[str]:
    words = _written_out(clean_text(role).strip(" .,;:-").split())
    while words and words[0].lower() in ("a", "an", "the", "my", "this", "that", "for"):
        words = words[1:]
    while len(words) > 1 and words[-1].lower().strip(".,") in lexicon.ROLE_SUFFIX_WORDS:
        words = words[:-1]
    return words


def role_name(role: str | None, company: str = "") -> str | None:
    """"a marketing role" -> "marketing"; "Software Engineer role" -> "Software Engineer";
    "Data Analyst at Acme" (at Acme) -> "Data Analyst". None when nothing is left."""
    if not role:
        return None
    if shouted(role):  # "SENIOR DATA ENGINEER": read as typed in lowercase
        role = role.lower()
    text = " ".join(_role_words(role))
    if company:
        text = re.sub(r"\s+(?:at|@|with|for)\s+" + re.escape(company.strip()) + r"$", "",
                      text, flags=re.I)
    text = text.strip(" .,;:-")
    words = text.split()
    if not words or (words[0].lower() in lexicon.ROLE_SUFFIX_WORDS and len(words) == 1):
        return None
    return text


def company_and_role(company: str, role: str | None) -> str:
    """"Acme Corp (Data Analyst)" wherever an interview is named: the company as a person
    writes it (:func:`company_name`), the role as a job title (:func:`role_label`). What is
    stored and matched stays as typed."""
    label = role_label(role, company)
    return company_name(company) + (f" ({label})" if label else "")


def role_label(role: str | None, company: str = "") -> str | None:
    """The role as a job title wherever it is named beside the company: "a data analyst
    role" -> "Data Analyst", as in the note's subject line. None when nothing is left."""
    name = role_name(role, company)
    return role_title(name) if name else None


# "data analyst in dublin": the place after the job ("in", "based in", "for").
_ROLE_PLACE = re.compile(r"^(?P<job>.+?)\s+(?P<prep>based in|in|for)\s+(?P<place>.+)$", re.I)


def role_in_sentence(role: str | None, company: str = "") -> tuple[str, str | None]:
    """The role as a note's sentence names it, and its name for the subject line:
    ("the data analyst role", "data analyst"), ("the data analyst role in Dublin", ...),
    ("the summer internship", ...), with places and tools typed in lowercase written as
    they are spelled ("the SQL developer role"); ("the role", None) when none was given."""
    name = role_name(role, company)
    if not name:
        return "the role", None
    # "sr." and "jr." as a title is written ("the Sr. SWE II role", was "the sr. swe II role"),
    # and the words after them with it ("the Sr. Data Engineer role", not "Sr. data eng")
    job = re.sub(r"\b([sj])r\.", lambda m: m.group(1).upper() + "r.", known_names(name))
    if re.match(r"[SJ]r\. ", job) and name == name.lower():
        job = role_title(name)
    where = ""
    split = _ROLE_PLACE.match(job)
    if split and split.group("place")[:1].isupper():  # a place: "in test" is no place
        job, where = split.group("job"), f" {split.group('prep')} {split.group('place')}"
    return (f"the {job} role" if role_needs_suffix(job) else f"the {job}") + where, name


def role_needs_suffix(role: str) -> bool:
    """"the Data Analyst role", but "the summer internship", not "internship role"."""
    lower = role.lower()
    return not any(lower.endswith(word) for word in lexicon.ROLE_WITHOUT_SUFFIX)


# Written with their own capitals ("DevOps", was "DEVOPS").
_OPS = {"devops": "DevOps", "mlops": "MLOps", "dataops": "DataOps", "devsecops": "DevSecOps",
        "finops": "FinOps"}


def role_title(role: str) -> str:
    """For the subject line: a role typed in lowercase gets capitals ("ux designer" ->
    "UX Designer"); one typed with capitals is kept, but for the places and tools in it
    ("Data analyst in berlin" -> "Data analyst in Berlin")."""
    if role != role.lower():
        return known_names(role)
    words = []
    for word in role.split():
        if word in _OPS:
            words.append(_OPS[word])
        elif word in lexicon.ACRONYMS:
            words.append(word.upper())
        elif word in ("of", "and", "for", "in", "the", "a", "an", "to", "at", "on", "&"):
            words.append(word)
        else:
            words.append(word[:1].upper() + word[1:])
    return " ".join(words)
