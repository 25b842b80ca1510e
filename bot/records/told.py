"""What people tell in passing around an interview's answer, with no question open: one
just had ("i just had an interview with google"), good news already on record ("omg i got
it" after the offer was recorded) and the question that follows an offer ("should i
negotiate?"). Each got "There's no reflection open right now" or "log it with `/debrief
interview`" for something already logged. Met in one or two lines with the one step that
fits what is on record (:mod:`bot.records.small_talk` asks here first)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.copy.naming import employer
from bot.model import Interview, Outcome, ReflectionState
from bot.prep.asked import interview_said
from bot.values import Destination, Reply

__all__ = ["JUST_HAD_WITHIN", "offer_again", "told_in_passing"]

#: An interview this recent is the one "i just had an interview" is about.
JUST_HAD_WITHIN = timedelta(hours=12)

# One just had, told of: "i just had an interview with google", "just finished my final
# round", "had a phone screen today", "my interview at acme just ended".
_JUST_HAD = re.compile(
    r"\b(?:just|today|earlier)\b.*\b(?:had|did|finished|done with|got out of|came out of|"
    r"left)\s+(?:an?\s+|my\s+|the\s+)?(?:\w+\s+){0,2}(?:interview|screen|round|call)\b|"
    r"\b(?:had|did|finished)\s+(?:an?\s+|my\s+|the\s+)?(?:\w+\s+){0,2}(?:interview|screen|"
    r"round)\b.*\b(?:today|this (?:morning|afternoon)|just now|earlier)\b|"
    r"\binterview\w*\b.*\bjust (?:ended|finished)\b")
# The question an offer brings: "should i negotiate?", "how do i counter", "is it a fair
# offer".
_NEGOTIATE = re.compile(r"\b(?:negotiat\w*|counter ?offer|counter (?:it|them)|ask for more|"
                        r"(?:a )?fair offer|offer (?:is|was|seems) (?:low|fair)|lowball\w*)\b")


def told_in_passing(words: str, text: str, *, latest: Interview | None,
                    offered: Interview | None, now: datetime) -> Reply | None:
    """A reply to ``words`` (the text as :func:`bot.reflection.choices.norm` writes it),
    or None. ``latest``: the latest interview that has happened; ``offered``: one whose
    offer was recorded in the last week."""
    if _NEGOTIATE.search(words):
        return _negotiate(offered)
    if _JUST_HAD.search(words):
        recent = latest if latest is not None and \
            now - latest.happens_at <= JUST_HAD_WITHIN else None
        return _just_had(recent, text)
    return None


def offer_again(interview: Interview) -> Reply:
    """Good news told again once the offer is on record: no "log it" for what is logged."""
    return _dm(f"Congratulations again on {employer(interview)} - it's on record, and well "
               "earned. Enjoy it before you decide anything. If you want to ask for more, a "
               "polite, specific ask rarely costs an offer.")


def _just_had(recent: Interview | None, text: str) -> Reply:
    if recent is not None and recent.reflection_state is not ReflectionState.COMPLETED:
        return _dm(f"How did it go? Let's go over {employer(recent)} while it's fresh: "
                   f"`/debrief reflect #{recent.id}` - a few quick questions, then your "
                   "thank-you note, drafted from what you discussed.")
    if recent is not None:
        return _dm(f"Your reflection on {employer(recent)} is done. What counts most now is "
                   f"the thank-you within 24 hours: `/debrief draft #{recent.id}` has it, "
                   "ready to copy.")
    company, _day = interview_said(text)
    name = company or "<company>"
    return _dm("How did it go? Let's go over it while it's fresh: "
               f"`/debrief interview {name}` - a few quick questions, then a thank-you note "
               "drafted from what you discussed, and a reminder before its 24 hours run out.")


def _negotiate(offered: Interview | None) -> Reply:
    offer = f"{employer(offered)}'s offer" if offered is not None and \
        offered.outcome is Outcome.OFFER else "an offer"
    return _dm(f"Usually, yes: a polite, specific ask rarely costs you {offer}. Thank them and "
               "say you're glad to have it, then ask whether there's room on the one thing "
               "that matters most to you - base pay, start date, remote days - with a figure "
               "you can back up from what similar roles pay. Get the final offer in writing "
               "before you accept.")


def _dm(text: str) -> Reply:
    return Reply(text=text, destination=Destination.DM)
