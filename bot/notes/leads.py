"""The words around a reference's topic: fillers ("um", "i think", "lol") and lead-ins
("we talked about", "the panel asked a lot about", "I really enjoyed the part about"), which
come off so the topic reads after "our conversation about" (bot.notes.reference)."""

from __future__ import annotations

import re

from bot.notes import lexicon
from bot.notes.cleaning import alternation

__all__ = ["SECOND_LEAD", "strip_fillers", "strip_lead"]

_FILLER_END = re.compile(r"(?:^|[\s,;]+)(?:" + alternation(lexicon.FILLER_END) + r")$", re.I)
_AMOUNT_END = re.compile(r"(?<=\w)(?<!about)(?<!\bon)(?<!\bof)\s+(?:" +
                         alternation(lexicon.AMOUNT_END) + r")$", re.I)  # not "about a lot"
_FILLER_START = re.compile(r"^(?:" + alternation(lexicon.FILLER_START) + r")(?:[\s,;:]+|$)",
                           re.I)

_SUBJECT_WORD = (r"(?:" + alternation(lexicon.LEAD_SUBJECT_WORDS) +
                 r"|(?-i:[A-Z][\w'’.-]*))")
_VERB = r"(?P<verb>" + "|".join(lexicon.LEAD_VERBS) + r")"
_PAST = re.compile(r"(?:talked|discussed|spoke|chatted|covered|mentioned|explained|described|"
                   r"told|asked|went|brought|focused|dug|got|touched|walked|had|spent|"
                   r"talking|discussing|asking|explaining|kept|were|was|grilled|quizzed|probed|pressed|"
                   r"drilled)\b", re.I)
_OBJECT = (r"(?P<obj>(?:me|us|them|him|you|everyone|each other|her(?=\s+(?:about|on|a lot|"
           r"lots|many|some|questions|how|what|why|that|more)\b))\s+)?")
_QUANT = (r"(?:(?:a lot|lots|a bunch|a ton|tons|loads|many|several|some|a few|quite a bit|"
          r"a little|a bit|in detail|in depth|at length|mostly|mainly|for a while|for ages|"
          r"for a long time|a long time|extensively|briefly|quickly|specifically|more|much|"
          r"a couple of|two|three|really|also|all)\s+)*"
          r"(?:(?:of\s+)?(?:(?:good|great|hard|tough|technical|detailed|deep)\s+)?"
          r"(?:questions?|things|stuff)\s+)?")
_PREP = (r"(?P<prep>(?:with (?:me|us|them|him|her) )?(?:about|on|regarding|around|over|"
         r"into|re|of|through)\s+)?")
# A job word and a name typed in lowercase after it: "the interviewer sarah was really into".
_JOB_AND_NAME = (r"(?:interviewer|recruiter|manager|lead|cto|ceo|founder|engineer|director|"
                 r"partner)\s+[a-z][\w'’-]*")
_LEAD = re.compile(
    r"^(?P<subj>(?:[\w'’-]+\s+)?(?:(?:" + _JOB_AND_NAME + "|" + _SUBJECT_WORD +
    r")\s+){0,5})?" + _VERB + r"\s+"
    + _OBJECT + _QUANT + _PREP, re.I)
_START_LEADS = [re.compile(p, re.I) for p in (
    r"^(?:i\s+)?(?:really\s+|especially\s+|particularly\s+|also\s+)?(?:enjoyed|liked|loved|"
    r"appreciated)\s+(?:(?:the|our)\s+(?:part|bit|conversation|discussion|chat|talk)\s+)?"
    r"(?:(?:about|on|where|when)\s+)?",
    r"^(?:hearing|learning|talking|chatting|speaking|finding out)(?:\s+more)?\s+(?:about|on)\s+",
    r"^(?:hearing|learning|finding out)(?:\s+more)?\s+(?=how\b|what\b|why\b)",
    r"^(?:the|our|a)\s+(?:\w+\s+){0,2}?(?:part|bit|conversation|discussion|chat|talk|section|"
    r"question|questions)(?:\s+we\s+had)?\s+(?:about|on|around|regarding)\s+",
    r"^(?:mostly\s+|mainly\s+|a lot\s+|lots\s+|mostly just\s+)?(?:about|regarding|re:|"
    r"on the topic of|topics?:)\s*",
    r"^(?:(?:lots|a lot|many|loads|a bunch) of\s+)?questions?\s+(?:about|on|around|"
    r"regarding)\s+",
    r"^(?:the\s+)?(?:main|biggest|key|best)?\s*(?:topic|thing|highlight|part)s?"
    r"(?:\s+(?:was|were)|:)\s+",
    r"^(?:when|where|how|that)\s+(?:we|they|he|she|i)\s+(?:talked|discussed|spoke|chatted)"
    r"\s+about\s+",
    r"^(?:something|anything|a bit|a little)\s+(?:about|on)\s+",
    r"^the fact that\s+",
    r"^(?:the interview|it|the conversation|the call)\s+(?:was|were)\s+(?:(?:mostly|mainly|"
    r"all|largely|really)\s+)?(?:about\s+)?",
    r"^(?:(?:behaviou?ral|technical|the usual|some|general)\s+)?questions\s+(?:about|on)\s+",
    r"^(?:in|during|at)\s+(?:the|my|our|this)\s+(?:interview|call|meeting|chat|conversation|"
    r"first round|second round|panel)\s*,?\s+",
    r"^(?:so\s+)?(?:many|lots of|a lot of|all sorts of|various|different|a few|several)\s+"
    r"(?:things|topics|stuff)\s*,?\s+(?:like|such as|including|e\.g\.?|from)\s+",
)]
# "… and Tom asked about my SQL": a second lead-in inside the answer starts another topic.
SECOND_LEAD = re.compile(r"(?:\s*[,;]\s*|\s+)(?:and|but|then|while|,)\s+(?=(?:" +
                          _SUBJECT_WORD + r"\s+){1,4}" + _VERB.replace("?P<verb>", "?:") +
                          r"\b)", re.I)

# How the interviewer took something is no part of the topic: "they liked that i knew their
# brand" is about their brand (it read "our conversation about how you liked that I knew
# your brand"). The reaction comes off, and with it the person's own "I knew"/"my
# knowledge of" before the thing itself: "your brand", "your app", "your customers".
_REACTION = re.compile(
    r"^(?P<subj>(?:[\w'’-]+\s+)?(?:" + _SUBJECT_WORD + r"\s+){0,4}?)"
    r"(?:(?:really|also|definitely|especially|genuinely|seemed to|seems to|totally)\s+)*"
    r"(?:liked|loved|appreciated|enjoyed|valued|admired|praised|noticed|picked up on|"
    r"responded well to|(?:was|were|seemed|seems|looked|got)\s+(?:(?:really|super|very|so|"
    r"quite|pretty|genuinely|visibly|clearly)\s+)*(?:impressed|pleased|happy|glad|excited|"
    r"surprised|struck|taken|interested|engaged|animated)(?:\s+(?:by|with|that|about|in|"
    r"when))?)\s+(?:(?:the fact\s+)?that\s+)?", re.I)
# "the recruiter liked that i had experience in healthcare": "my experience in healthcare".
_HAD_EXPERIENCE = re.compile(r"^i\s+(?:had|have|'ve got|'ve|'d)\s+(?:(?:some|a lot of|lots of|"
                             r"so much|real|hands-on)\s+)?(?=experience\b)", re.I)
_KNEW = re.compile(
    r"^(?:i\s+(?:(?:had|'d|have|'ve|already|actually|really|even|also|clearly)\s+)*"
    r"(?:knew|know|used|use|read|tried|follow|followed|researched|studied|looked (?:at|into)|"
    r"heard (?:of|about)|been using|been following|downloaded|bought|mentioned|brought up|"
    r"(?:was|am|'m) familiar with|knew (?:about|so much about|a lot about))\s+|"
    r"my\s+(?:(?:deep|good|solid|detailed)\s+)?(?:knowledge|understanding|familiarity|"
    r"research|answers?|questions?|thoughts|take)\s+(?:of|on|about|with|into|regarding)\s+)",
    re.I)
_KNEW_TAIL = re.compile(r"\s+(?:daily|every day|already|a lot|regularly|beforehand|"
                        r"before(?: the interview)?|for years|so well|that well|"
                        r"so much)$", re.I)


def _without_reaction(text: str) -> str:
    match = _REACTION.match(text)
    if match is None or not match.group("subj"):  # "liked their roadmap": a lead of its own
        return text
    rest = _HAD_EXPERIENCE.sub("my ", text[match.end():])
    known = _KNEW.match(rest)
    if known is None:
        return rest
    return _KNEW_TAIL.sub("", rest[known.end():])


def strip_fillers(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = text.strip().strip("\"'`*_").strip()
        text = re.sub(r"[\s.!?,;:…~\-–—]+$", "", text)
        text = re.sub(r"^[\s.,;:…~\-–—>*•]+", "", text)
        text = _FILLER_END.sub("", text)
        text = _AMOUNT_END.sub("", text)
        text = _FILLER_START.sub("", text)
    return text.strip()


def strip_lead(text: str) -> str:
    for _ in range(4):
        before = text
        text = _without_reaction(text)
        for pattern in _START_LEADS:
            text = pattern.sub("", text, count=1)
        match = _LEAD.match(text)
        if match and _lead_is_plausible(match):
            text = text[match.end():]
        text = strip_fillers(text)
        if text == before:
            break
    return text


def _lead_is_plausible(match: re.Match[str]) -> bool:
    """A bare verb at the start ("cover letter tips") is not a lead-in; a spoken one is."""
    if (match.group("subj") or "").strip():
        return True
    return bool(match.group("obj") or match.group("prep")) or bool(
        _PAST.match(match.group("verb")))
