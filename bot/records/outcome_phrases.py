"""What people type after ``/debrief outcome`` when they write a sentence, not a keyword:
"globex they said no 😞", "i didnt get it", "still waiting", "got the job!!",
"they want a second round".

Read by meaning, not by the last word: "not moving forward" is a rejection (not a
callback), "no offer" is a rejection (not an offer), "not yet" is no reply. A sentence
that says none of these is left unread (the caller asks with buttons), never guessed."""

from __future__ import annotations

import re

from bot.model import Outcome
from bot.reflection.choices import norm

__all__ = ["names_no_one", "read_outcome"]

# Checked in this order: the negative readings first, so "not moving forward" and "no
# offer" are never read as a callback or an offer. Matched on ``norm`` text ("didn't" is
# "did not", punctuation and emoji gone).
_READINGS: tuple[tuple[Outcome, re.Pattern[str]], ...] = tuple(
    (outcome, re.compile(r"\b(?:" + pattern + r")\b")) for outcome, pattern in (
        (Outcome.REJECTED,
         r"reject\w*|turned (?:me )?down|said no|(?:did not|do not) get(?! back)|"
         r"not get (?:it|the)|"
         r"not (?:moving|move|going) forward|not (?:been )?selected|not successful|"
         r"unsuccessful|no offer|not (?:a )?fit|went with (?:someone|somebody|another|"
         r"other)|declined (?:me|my)|did not work out|not proceed\w*|"
         r"not (?:be )?progress\w*|decided against"),
        (Outcome.NO_REPLY,
         r"no (?:reply|response|answer|news|word|update)|nothing|not yet|"
         r"have not heard|not heard|still waiting|waiting|ghost\w*|radio silence|"
         r"silence|heard nothing|nothing back|never (?:replied|responded|answered|heard|"
         r"got back|called|wrote|emailed)|(?:did not|have not|has not) (?:replied|reply|"
         r"responded|respond|gotten back|got back|get back|called|written|emailed)"),
        (Outcome.OFFER,
         r"offer\w*|got the (?:job|role|position)|hired|got it|i am in(?! \w)|accepted me"),
        (Outcome.CALLBACK,
         r"call ?back|next (?:round|stage|step)|(?:second|2nd|third|3rd|final|another) "
         r"(?:round|interview|stage)|moving forward|moved forward|move forward|"
         r"invited (?:me )?back|onsite|on site|asked me back|want to see me again|"
         r"progress\w*|through to"),
    ))


def read_outcome(text: str) -> Outcome | None:
    """The outcome a sentence states, or None when it states none (or is empty)."""
    words = norm(text)
    if not words:
        return None
    for outcome, pattern in _READINGS:
        if pattern.search(words):
            return outcome
    return None


# Words around an outcome that name no employer: "they said no", "ugh i didnt get it",
# "got ghosted lol". Anything else left over may be an interview's name ("globex offer"
# for a Globex never logged): then the outcome is not put on the latest interview.
_FILLER = frozenset("""
    i me my we us our they them their she her he him it its you your a an the and but so
    said say says told tell want wants wanted just still so lol haha ugh sadly
    unfortunately finally yay omg well really yes yeah nope today yesterday week email
    emailed mail called call phone recruiter hr back from to for with of on in at that
    this about after all any over what gave give made make sent send be been was were is
    are am have has had do did does will would got get gets getting again too also though
    anyway guess think apparently officially heard hear news kind sort like nope nah no yet
    s d ll m re ve day days week weeks month months two three four since now ago long how
    should could can shall ok okay hey hi hmm idk even literally only more than wait
    follow followup chase ping nudge reach out contact message them up or not there
    another second third fourth fifth time times done tired sick fed exhausted sad gutted
    devastated crushed honestly whole process by soon early check checking
""".split())
# "it's been 2 weeks and nothing 😩 should i email them?" and "got rejected again. third
# time this month. i'm so done" name no one either: the time waited, how they feel and
# whether to write are no interview's name.


def names_no_one(text: str) -> bool:
    """True when ``text`` is an outcome and words that could name nobody: it can only be
    about the interview they mean by default (the latest)."""
    words = norm(text)
    for _outcome, pattern in _READINGS:
        words = pattern.sub(" ", words)
    return all(word in _FILLER or word.isdigit() for word in words.split())
