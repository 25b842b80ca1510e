"""The person's own words, written as they would write them to someone else: for quoting
them back in a summary and for what goes into a note. Emoji off, a lone "i" as "I",
tools, places and well-known employers with their capitals (bot.notes.cleaning), and the
interview's own company as the note writes it (bot.notes.people.company_name: "globex" ->
"Globex"). Nothing else changes: what they said stays what they said."""

from __future__ import annotations

import re

from bot.notes.cleaning import clean_text, known_names
from bot.notes.people import company_name

__all__ = ["as_written", "one_stop", "with_company"]

# "i", "i'm", "i've" - not the "i" of "i.e." or "wi-fi".
_LONE_I = re.compile(r"(?<![\w.'’-])i(?![\w-]|\.\w)")


def with_company(text: str, company: str | None) -> str:
    """The interview's company where it is typed in lowercase inside ``text`` ("i worked at
    globex" at Globex -> "I worked at Globex"); typed with a capital, it stays as typed."""
    typed = " ".join((company or "").split()).lower()
    written = company_name(" ".join((company or "").split()))
    if not typed or written == typed or not text:
        return text
    return re.sub(rf"(?<![\w'@./-]){re.escape(typed)}(?![\w@/-])(?!\.\w)(?!'(?!s\b))",
                  lambda m: written if m.group(0).islower() else m.group(0), text,
                  flags=re.I)


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
