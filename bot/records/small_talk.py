"""What people say in the DM that is neither an answer nor news: thanks, and how the search
is going on a bad day ("i'm so done with this"). Met in kind, in one or two lines, with
one thing to do when they feel like it - not "There's no reflection open right now. Log
an interview with …", which reads as if nobody listened."""

from __future__ import annotations

import re

from bot.reflection.choices import norm
from bot.values import Destination, Reply

__all__ = ["said_in_passing"]

_THANKS = re.compile(r"^(?:(?:ok|okay|great|cool|perfect|awesome|nice)\s+)?(?:thanks|thank you|"
                     r"thx|ty|tysm|cheers|much appreciated|appreciate it)(?:\s+(?:so much|a "
                     r"lot|again|mate|man|debrief|for (?:the|your) help|for that))*$")
# How the search feels, in the words people use for it: not news about an interview.
_LOW = re.compile(r"\b(?:so done|i am done|over it|fed up|give up|giving up|tired of|sick of|"
                  r"exhausted|demoraliz\w*|demoralis\w*|discourag\w*|hopeless|depress\w*|"
                  r"burn(?:ed|t) out|frustrat\w*|can not do this|hate this|this sucks|"
                  r"feel like a failure|feel useless|losing hope|lost hope|no one wants|"
                  r"nobody wants|never going to|what is the point)\b")

THANKS_REPLY = ("You're welcome - good luck. After your next interview, type "
                "`/debrief interview <company>` and I'll take it from there.")
LOW_REPLY = ("That sounds like a hard stretch - I'm sorry. A search wears anyone down, and "
             "it isn't a verdict on you. When you feel like it, `/debrief stats` shows what "
             "has worked for you so far; nothing needs doing today.")


def said_in_passing(text: str) -> Reply | None:
    """A short reply in kind to thanks or to a hard day, or None for anything else."""
    words = norm(text)
    if _THANKS.match(words):
        return Reply(text=THANKS_REPLY, destination=Destination.DM)
    if _LOW.search(words):
        return Reply(text=LOW_REPLY, destination=Destination.DM)
    return None
