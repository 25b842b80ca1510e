"""Who will be in touch about next steps, read from the timeline answer as people type it.

"by friday, dana from recruiting will email me", "in 2 weeks - the recruiter, Sam",
"they said next week, contact is Priya Shah": a first name (and a surname when it is typed
with a capital) next to a word that says they are the contact. Pronouns, teams and roles
without a name ("hr will email", "they'll call", "the hiring manager") name nobody: None.
The name is what the follow-up e-mails greet ("Hi Dana,"), so a guess is worse than none.
"""

from __future__ import annotations

import re

__all__ = ["next_contact"]

# A first name in any case and any alphabet ("Åsa", "José", "zoë"); a surname only when
# typed with its capital ("Priya Shah", "Zoë Ødegaard").
_LETTERS = r"(?:[^\W\d_]|['-])"
_CAPITAL = "[" + "".join(re.escape(chr(c)) for c in range(0x250) if chr(c).isupper()) + "]"
_NAME = rf"([^\W\d_]{_LETTERS}{{1,19}}(?: (?-i:{_CAPITAL}){_LETTERS}{{1,19}})?)"
_ROLE = (r"(?:recruiter|recruiting|hr|talent(?: partner| team)?|hiring manager|"
         r"coordinator|people team|the team lead|hiring team)")
_SAYS = (r"(?:will|would|'ll|is going to|should|is gonna|said (?:she|he|they)(?:'d| would| "
         r"will))\s+(?:email|e-mail|mail|call|text|reach out|get back|be in touch|get in "
         r"touch|let me know|contact|follow up|write|ping|update)")
_PATTERNS = (
    # "dana from recruiting will email", "dana (the recruiter) will call", "dana will email"
    re.compile(rf"\b{_NAME}\s+(?:\(?(?:from|in|at|the|our|my)\s+{_ROLE}\)?\s+)?{_SAYS}\b",
               re.I),
    # "the recruiter, dana", "recruiter dana will", "contact is dana", "contact: dana"
    re.compile(rf"\b(?:{_ROLE}|contact|point of contact)(?:\s+is|:|,)?\s+{_NAME}\b", re.I),
    # "hear from dana", "via dana"
    re.compile(rf"\b(?:hear(?: back)? from|via|through|email from|call from)\s+{_NAME}\b",
               re.I),
)
# Words that can stand where a name goes but name nobody.
_NOBODY = frozenset("""
    i me my we us our you your they them their he him his she her it someone somebody
    anyone nobody the a an hr recruiting recruiter recruiters team company office hiring
    manager managers talent people coordinator email e-mail mail phone call them next this
    that end early late soon week weeks month months day days monday tuesday wednesday
    thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun tomorrow
    today tonight either both each all whoever back touch in from via through will would
    should shall said says say get gets got let be is was are can could might may must
    going gonna probably maybe hopefully also then
""".split())


# "Guy" is a first name ("guy levi will email": Guy Levi) unless an article makes it a man
# ("a guy from hr will call": nobody named).
_GIVEN = "guy"
_ARTICLE = re.compile(r"\b(?:a|the|some|this|that|one|another|nice|their|our)\s+$", re.I)
_GIVEN_BEFORE = re.compile(rf"(?:^|(?<=\W))({_GIVEN})\s+$", re.I)


# A verb after a role, where a name could stand: "the hiring manager asking me about …".
_DOING = re.compile(r"[a-z]{3,}ing\s+(?:me|us|them|him|her|you|about|for|to|if|whether|a|the|"
                    r"questions?|what|how|why)", re.I)


def next_contact(text: str | None) -> str | None:
    """The named person who will be in touch, as a name is written ("Dana", "Priya Shah"),
    or None when the answer names nobody."""
    if not text:
        return None
    for pattern in _PATTERNS:
        for found in pattern.finditer(text):
            words = found.group(1).split()
            before = text[:found.start(1)]
            if words[0].lower() == _GIVEN and _ARTICLE.search(before):
                continue
            given = _GIVEN_BEFORE.search(before)
            if given and not _ARTICLE.search(before[:given.start()]) and \
                    words[0].lower() not in _NOBODY:
                words = [given.group(1), words[0]]
            if words[0].lower() in _NOBODY:
                continue
            if len(words) > 1 and words[1].lower() in _NOBODY:
                words = words[:1]
            if _DOING.fullmatch(" ".join([*words[:1], *text[found.end(1):].split()[:1]])):
                continue  # "the hiring manager asking me": no one named "Asking"
            return " ".join(w[:1].upper() + w[1:] for w in words)
    return None
