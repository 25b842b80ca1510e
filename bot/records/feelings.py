"""The words people use in passing, as patterns (:mod:`bot.records.small_talk` answers
them): thanks, a hard day, being let down by one answer, asking what went wrong, hello,
nerves and an interview still to come. Matched against text as
:func:`bot.reflection.choices.norm` writes it (lower case, contractions spelled out)."""

from __future__ import annotations

import re

__all__ = ["AHEAD", "AHEAD_DAY", "HELLO", "INTRO", "LET_DOWN", "LOW", "NERVES", "PAST", "THANKS",
           "WHAT_IS_THIS", "WHY_NOT", "WITH_A_FEELING"]

THANKS = re.compile(r"^(?:(?:ok|okay|great|cool|perfect|awesome|nice)\s+)?(?:thanks|thank you|"
                     r"thx|ty|tysm|cheers|much appreciated|appreciate it)(?:\s+(?:so much|a "
                     r"lot|again|mate|man|debrief|for (?:the|your) help|for that))*$")
# How the search feels, in the words people use for it: not news about an interview.
LOW = re.compile(r"\b(?:so done|i am done|over it|fed up|give up|giving up|tired of|sick of|"
                  r"exhausted|demoraliz\w*|demoralis\w*|discourag\w*|hopeless|depress\w*|"
                  r"burn(?:ed|t) out|frustrat\w*|can not do this|hate this|this sucks|"
                  r"feel like a failure|feel useless|losing hope|lost hope|no one wants|"
                  r"nobody wants|never going to|what is the point)\b")
# Let down by one answer ("ugh i really wanted this one"): a hard day when nothing else is
# open, but not read into a reflection's choice ("ugh, a few moments stood out").
LET_DOWN = re.compile(r"\b(?:ugh+|gutted|heart ?broken|crushed|devastated|bummed|disappointed|"
                       r"so sad|really wanted (?:this|that|it)|wanted (?:this|that) "
                       r"(?:one|job|so bad\w*)|thought i (?:had|nailed|aced|got) (?:this|that|"
                       r"it)|so close|not again|another (?:no|rejection)|why me|i bombed|"
                       r"bombed it|blew it|messed (?:it|that) up|screwed (?:it )?up)\b")
# Asking what went wrong ("what did i do wrong?", "why didnt they pick me"): answered
# honestly - nobody can tell from outside - with what would tell them.
WHY_NOT = re.compile(r"\b(?:what did i do wrong|what (?:am i|i am) doing wrong|where did i go "
                      r"wrong|what went wrong|why (?:did|do|does|would) (?:not )?(?:they|"
                      r"nobody|no one)|why did (?:not )?i|why do i keep|why (?:was|am) i not|"
                      r"why not me|what (?:should|could) i have done|why (?:am i|do i) "
                      r"(?:always |keep )?(?:getting )?reject\w*)\b")
# What a hard day is said with, besides its feeling: "i am so done with all of this".
WITH_A_FEELING = frozenset("""
    i am so really just honestly tbh ugh omg man lol rn right now today anymore with this
    it all of everything the search job jobs hunting searching interviews interviewing
    process whole feel feeling like a bit very too kind of sort
""".split())
# A greeting on its own, and asking what this is: met with hello and where to start.
HELLO = re.compile(r"(?:hi+|hey+|hello+|hiya|heya|yo|howdy|hola|good (?:morning|afternoon|"
                    r"evening)|morning)(?: there| debrief| bot)?")
WHAT_IS_THIS = re.compile(r"\b(?:what is (?:this|debrief)|what are you|who are you|what (?:can|"
                           r"do) you do|how (?:does|do) (?:this|it|you|debrief) work|how do i "
                           r"(?:use|start)|how to (?:use|start)|get started|what do i do here)\b")
INTRO = ("I'm Debrief, your interview coach. Right after an interview, type `/debrief "
          "interview <company>`: a few quick questions while it's fresh, then a thank-you note "
          "drafted from what you discussed, and reminders at the right moments. Logged ahead "
          "(`when:\"fri 10am\"`), it gets you a prep checklist the evening before. "
          "`/debrief help` lists everything.")
# Nerves before an interview, and asking for luck: "wish me luck", "so nervous lol".
NERVES = re.compile(r"\b(?:wish me luck|fingers crossed|nervous|anxious|scared|terrified|"
                     r"butterflies|freaking out|dreading)\b")

# An interview still to come, told of ("i have an interview tomorrow at google", "got a
# final round on friday"): met like nerves, with its prep, not "Nothing is logged yet".
# An interview on a day still to come: "my interview is tomorrow", "interview on friday".
AHEAD_DAY = re.compile(r"\binterview\w*\b.*\b(?:tomorrow|tonight|in (?:an?|one|two|\d+) (?:hours?|"
                       r"hrs?|minutes?|mins?)|on (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b")
AHEAD = re.compile(r"\b(?:have|got)\s+(?:got\s+)?(?:an?|my|the|another)?\s*(?:\w+\s+){0,2}"
                   r"(?:interview|screen|round)\b(?!\s+(?:went|was|is over))|" + AHEAD_DAY.pattern)
PAST = re.compile(r"\b(?:had|went|was|just finished|finished|did|after)\b")
