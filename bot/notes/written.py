"""The person's own words, written as they would write them to someone else: for quoting
them back in a summary and for what goes into a note. Emoji off, a lone "i" as "I",
tools, places and well-known employers with their capitals (bot.notes.cleaning), and the
interview's own company as the note writes it (bot.notes.people.company_name: "globex" ->
"Globex"). Nothing else changes: what they said stays what they said."""

from __future__ import annotations

import re

from rapidfuzz.distance import DamerauLevenshtein

from bot.notes import lexicon
from bot.notes.cleaning import clean_text, known_names, owns
from bot.notes.people import company_name
from bot.notes.places import PLACE_NAMES

__all__ = ["as_written", "one_stop", "with_company"]

# "i", "i'm", "i've" - not the "i" of "i.e." or "wi-fi".
_LONE_I = re.compile(r"(?<![\w.'’-])i(?![\w-]|\.\w)")


def with_company(text: str, company: str | None) -> str:
    """The interview's company where it is typed in lowercase inside ``text`` ("i worked at
    globex" at Globex -> "I worked at Globex"); typed with a capital, it stays as typed. Its
    possessive typed without the apostrophe ("globexs new stack") gets it, and a one-word
    name typed with a slip ("intitechs move" at Initech) is written as the company writes
    it: the employer reads the note, and their name misspelt is the one typo they notice."""
    name = " ".join((company or "").split())
    typed, written = name.lower(), company_name(name)
    if not typed or not text:
        return text
    text = _misspelt_company(text, typed, written)
    if written == typed:
        return text
    return re.sub(rf"(?<![\w'@./-]){re.escape(typed)}(?:s (?=(?P<next>[a-z]+))|(?![\w@/-])"
                  rf"(?!\.\w)(?!'(?!s\b)))", lambda m: _written(m, written), text, flags=re.I)


def _written(m: re.Match[str], written: str) -> str:
    if not m.group(0).islower():
        return m.group(0)
    if m.group("next") is None:
        return written
    # no company is a plural: "globexs move" is Globex's, "stripes on" is no owner
    return f"{written}'s " if owns(m.group("next"), plural=False) else m.group(0)


# Where a word can only be the company: an owner ("intitechs move") or after "at"/"join".
_AT_COMPANY = re.compile(r"(?<![\w'@./-])(?:(?<=\bat )|(?<=\bjoin )|(?<=\bjoining ))"
                         r"([a-z][a-z-]{3,})(?![\w@/-])(?!\.\w)|"
                         r"(?<![\w'@./-])([a-z][a-z-]{3,})s(?= (?P<next>[a-z]+))")


def _misspelt_company(text: str, typed: str, written: str) -> str:
    """A one-word company of five letters or more typed with a slip where only the company
    can stand: as an owner ("intitechs move" at Initech: "Initech's move") or after "at"
    ("at globx"). Not a word the notes know, nor a slip with another first letter."""
    if " " in typed or len(typed) < 5 or not typed.isalpha():
        return text

    def fixed(m: re.Match[str]) -> str:
        word = m.group(1) or m.group(2)
        if not _slip(word, typed) or _known_word(word) or (
                m.group(2) and not owns(m.group("next"), plural=False)):
            return m.group(0)
        return written + ("'s" if m.group(2) else "")
    return _AT_COMPANY.sub(fixed, text)


def _slip(word: str, typed: str) -> bool:
    """One letter added, dropped, changed or two swapped; two in a name of eight or more."""
    if word == typed or word[:1] != typed[:1]:
        return False
    return DamerauLevenshtein.distance(word, typed) <= (2 if len(typed) >= 8 else 1)


def _known_word(word: str) -> bool:
    return word in PLACE_NAMES or word in lexicon.PRODUCT_NAMES or \
        word in lexicon.COMPANY_NAMES or word in lexicon.ORDINARY_SHORT_WORDS or \
        word in _EVERYDAY


# Everyday words one slip from a company's name people type ("strip" and Stripe, "bloom"
# and Bloomberg's short form, "monday" and Monzo is two slips): left as typed.
_EVERYDAY = frozenset("""
    strip stripes striped globe global rover mazes maze acorn apply apple spots canvas
    slacks slack notes notion zoomed asana target square meta metal intel uber
""".split())


def as_written(text: str, company: str | None = None) -> str:
    """Their words cleaned to read right when quoted: "i froze on caching 😬" -> "I froze on
    caching", "sql and 3 years at google" -> "SQL and 3 years at Google"."""
    return known_names(with_company(_LONE_I.sub("I", clean_text(text)), company))


# A name that ends a sentence with its own mark ends it once: "at Yahoo!." and "at Acme
# Inc.." read as typos.
_DOUBLE_STOP = re.compile(r"(?<=[.!?])\.(?=\s|$)")


def one_stop(text: str) -> str:
    """A sentence written around a name ("…the role at {company}.") ended once."""
    return _DOUBLE_STOP.sub("", text)
