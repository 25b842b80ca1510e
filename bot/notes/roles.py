"""The company and the role as an employer reads them in a note, its subject line and every
reply that names an interview: "globex" -> "Globex", "sr. data eng" -> "Sr. Data Engineer",
"a marketing role" -> "the marketing role". Split from :mod:`bot.notes.people` (which
re-exports these); what is stored stays as typed."""

from __future__ import annotations

import re

from bot.notes import lexicon
from bot.notes.cleaning import clean_text, known_names

__all__ = [
    "company_and_role",
    "company_name",
    "role_in_sentence",
    "role_label",
    "role_name",
    "role_needs_suffix",
    "role_title",
    "shouted",
]


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
              "acct": "account", "exec": "executive"}
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
