"""Reading what people typed: specific or generic, questions asked or not.

Word lists are data (tests/test_reading.py holds the table). The reading is deliberately
modest: it finds numbers, named things and results, and the stock phrases every candidate
uses; it never guesses more than that.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = [
    "GENERIC_QUESTIONS",
    "GENERIC_SELF",
    "NOTHING_ASKED",
    "PAY_QUESTIONS",
    "Asked",
    "Specifics",
    "asked",
    "gist",
    "is_nothing",
    "specifics",
]

# Self-descriptions every candidate uses: the opposite of memorable (COACHING.md, reason 1).
GENERIC_SELF: tuple[str, ...] = (
    "hard worker", "hard working", "hardworking", "team player", "passionate",
    "detail oriented", "detail-oriented", "attention to detail", "fast learner",
    "quick learner", "self starter", "self-starter", "motivated", "highly motivated",
    "go getter", "go-getter", "people person", "perfectionist", "good communicator",
    "great communicator", "communication skills", "problem solver", "problem-solver",
    "work well under pressure", "dedicated", "reliable", "think outside the box",
    "results driven", "results-driven", "results oriented", "enthusiastic",
    "positive attitude", "eager to learn", "love to learn", "my personality", "my energy",
    "my attitude", "i am a fit", "good fit", "great fit", "my experience", "my skills",
    "my passion",
)

# Answers to "which questions did you ask" that mean none were asked.
NOTHING_ASKED: tuple[str, ...] = (
    "none", "nothing", "no", "nope", "nah", "n a", "na", "idk", "i do not know", "dunno",
    "not sure", "do not remember", "cannot remember", "can not remember", "forgot",
    "i forgot", "did not ask", "did not ask any", "did not ask anything", "i did not ask",
    "did not have time", "no time", "ran out of time", "not really", "none really",
    "no questions", "not any", "zero", "0", "-", "skip", "nothing really",
)

# Questions any candidate could ask anywhere (fine to ask, but nobody remembers them).
GENERIC_QUESTIONS: tuple[str, ...] = (
    "next steps", "next step", "typical day", "day to day", "day in the life",
    "company culture", "the culture", "culture like", "when will i hear", "when can i expect",
    "hear back", "timeline", "how big is the team", "team size", "how many people",
    "benefits", "salary", "remote", "work from home", "hybrid", "vacation", "holidays",
    "what do you like about working", "what do you enjoy about working", "why do you like",
    "anything else", "any concerns", "what are you looking for", "ideal candidate",
    "growth opportunities", "opportunities for growth", "training", "the team like",
    "team like", "how is the team", "about the team", "comp", "comp range", "compensation",
    "pay range", "salary range", "the pay", "bonus", "equity", "pto", "notice period",
    "the range", "pay band", "salary band", "how much does it pay", "how much it pays",
    "stock options", "rsus", "401k", "pension", "perks", "a raise", "raises",
    "parental leave", "annual leave", "health insurance", "day rate", "hourly rate",
)

# Of those, the ones about pay and benefits: fair to ask (a recruiter expects them), so
# they are not called stock questions, yet they are not what an interviewer remembers.
PAY_QUESTIONS: tuple[str, ...] = (
    "salary", "salaries", "pay", "paid", "comp", "compensation", "benefits", "bonus",
    "bonuses", "equity", "stock options", "rsus", "pto", "vacation", "holidays", "pension",
    "401k", "the range", "pay band", "salary band", "perks", "a raise", "raises",
    "parental leave", "annual leave", "health insurance", "day rate", "hourly rate",
    "notice period",
)

_RESULT_VERBS = (
    "cut", "reduced", "increased", "grew", "saved", "launched", "built", "shipped", "led",
    "migrated", "designed", "doubled", "tripled", "halved", "won", "fixed", "automated",
    "improved", "raised", "closed", "delivered", "rewrote", "scaled", "hired", "mentored",
    "founded", "created", "wrote", "published",
)
# Showing your own work is concrete too, even without a number: "I walked them through my
# dashboard", "demoed our app", "showed the panel my portfolio" (a thing they saw, not an
# adjective). Something they showed you ("they walked me through their stack") is not.
_SHOWN = re.compile(
    r"(?<![\w'])(?:(?:walked|taken|took|talked|went|ran)\s+(?:them|him|her|the\s+\w+|"
    r"everyone|the\s+panel|both\s+of\s+them)\s+through|(?:showed|shown|showcased|demoed|"
    r"demo'?d|presented|pitched|shared|screen-?shared|opened|pulled\s+up)(?:\s+(?:them|him|"
    r"her|the\s+\w+|everyone))?)\s+(?:my|our|a|the)\s+(?:own\s+)?(?:[\w'-]+\s+){0,3}"
    r"(?:dashboard|portfolio|project|app|website|site|demo|prototype|model|analysis|"
    r"case\s+study|code|repo|github|notebook|deck|slides|designs?|work|report|tool|bot|"
    r"pipeline|product|game|research|paper|thesis|plan|mockups?|wireframes?|figma|"
    r"spreadsheet|workbook|map|script|library|side\s+project)s?\b", re.I)
_NUMBER = re.compile(r"(?<![\w])(?:[$€£]\s?)?\d[\d,.]*\s?(?:%|x|k|m|bn|percent|ms|s|h|hrs?|"
                     r"mins?|secs?|hours|days|weeks|months|years|people|ppl|users|customers|"
                     r"clients)?(?![\w])|(?<![\w])(?:two|three|four|five|six|seven|eight|nine|"
                     r"ten|twelve|fifteen|twenty|thirty|fifty|a hundred|hundreds of|"
                     r"thousands of)\s+(?:years|months|people|users|customers|clients|"
                     r"engineers|services|teams|countries|languages)\b", re.I)
_NAMED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-zA-Z0-9+#.-]{1,}|[A-Z]{2,}[a-z]*)\b")
_NOT_NAMES = {"I", "I'm", "I've", "I'd", "I'll", "The", "A", "An", "My", "We", "They",
              "It", "And", "But", "So", "Also", "OK", "Ok"}


# Contractions typed without their apostrophe ("didnt ask any").
_BARE = {"didnt": "did not", "dont": "do not", "doesnt": "does not", "havent": "have not",
         "hadnt": "had not", "wasnt": "was not", "couldnt": "could not", "cant": "can not",
         "wont": "will not", "im": "i am", "ive": "i have", "isnt": "is not"}


# Pure and called for every phrase of the word lists on every answer: cached, so the lists
# are normalised once rather than again each turn (they were most of a turn's CPU).
@functools.lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    text = text.lower().replace("’", "'")
    for short, long in (("n't", " not"), ("'m", " am"), ("'ve", " have"), ("'re", " are")):
        text = text.replace(short, long)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(_BARE.get(w, w) for w in words)


# Each list's phrases as they are looked for: normalised and padded, once at import.
def _padded(phrases: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((p, f" {_norm(p)} ") for p in phrases)


_GENERIC_SELF = _padded(GENERIC_SELF)
_GENERIC_QUESTIONS = _padded(GENERIC_QUESTIONS)
_PAY_QUESTIONS = _padded(PAY_QUESTIONS)
_NOTHING = frozenset(_norm(p) for p in NOTHING_ASKED)
_LETTER = re.compile(r"[a-z]")
_NOTHING_SAID = re.compile(
    r"(?:i )?(?:did not|didn t|never) (?:really )?(?:ask|get to ask)(?: any(?:thing)?)?"
    r"(?: questions?)?(?: really)?|no(?:t)? (?:really )?(?:any )?questions?|"
    r"(?:no|ran out of) time(?: for (?:any|questions))?")
_ASIDES = frozenset({"sorry", "unfortunately", "sadly", "honestly", "tbh", "lol", "haha",
                     "oops", "ugh", "really", "though", "i guess", "to be honest"})
# An answer made only of these words, with a "no" in it, says no question was asked however
# it is put ("didnt get to ask any tbh", "no, ran out of time lol", "nope not really"); one
# word outside them ("didn't ask about pay, but asked how they measure success?") is content.
_DENIALS = frozenset({"no", "not", "none", "nope", "nah", "never", "nothing", "zero",
                      "forgot"})
_ABOUT_ASKING = _DENIALS | frozenset({
    "i", "did", "do", "get", "got", "to", "ask", "asked", "any", "anything", "question",
    "questions", "time", "ran", "run", "out", "of", "really", "there", "was", "were", "is",
    "enough", "for", "at", "the", "end", "a", "chance", "have", "had", "left", "them", "it",
    "we", "us", "me", "my", "so", "just", "much", "sorry", "unfortunately", "sadly",
    "honestly", "tbh", "lol", "haha", "oops", "ugh", "though", "guess", "think", "am",
    "remember", "can", "could", "sure", "this", "one", "round", "in", "on", "yet", "all",
    "ones", "real", "be", "honest", "because", "since", "as", "but", "and", "oh", "well",
    "um", "uh", "hmm", "idk", "kinda", "kind", "sort", "forgot", "didn", "t", "wasn",
    "from", "qs", "q", "idea", "clue", "covered", "answered", "everything", "already",
    "need", "needed", "by", "then", "they", "he", "she"})
_NOTHING_PARTS = re.compile(r"[,;.!]+|\s+(?:and|but|so|because|since|as)\s+|\s+-+\s+", re.I)
_PART_LEAD = re.compile(r"^(?:also|and|plus|then)\s+", re.I)
# Between questions: "?", a line, ";", a sentence end, or a comma (or "and") before a
# question word ("what are the next steps, whats the team like").
_QUESTION_BREAK = re.compile(
    r"\?|\n|;|(?<=\.)\s|,\s*(?:and\s+|also\s+)?(?=(?:what|whats|what's|how|why|when|who|"
    r"where|which|is|are|do|does|did|can|could|would|will)\b)|\s+and\s+(?=(?:what|whats|"
    r"what's|how|why|when|who|where|which)\b)", re.I)


def _found(phrases: tuple[tuple[str, str], ...], text: str) -> list[str]:
    """The phrases ``text`` says, each once: "detail oriented" and "detail-oriented" read
    the same, and were both quoted back ("detail oriented", "detail-oriented" is …)."""
    padded = f" {_norm(text)} "
    found: dict[str, str] = {}
    for phrase, looked_for in phrases:
        if looked_for in padded:
            found.setdefault(looked_for, phrase)
    return list(found.values())


@dataclass(frozen=True, slots=True)
class Specifics:
    """What makes an answer memorable (numbers, named things, results) and what does not
    (stock self-descriptions), each as the person's own words."""

    numbers: tuple[str, ...]
    named: tuple[str, ...]
    results: tuple[str, ...]
    generic: tuple[str, ...]
    shown: tuple[str, ...] = ()  # their own work put in front of them: "walked them through
    # my dashboard"

    @property
    def specific(self) -> bool:
        return bool(self.numbers or self.named or self.results or self.shown)

    @property
    def only_generic(self) -> bool:
        return bool(self.generic) and not self.specific

    @property
    def example(self) -> str:
        """One specific thing, in their words, to name back to them."""
        return (self.numbers or self.named or self.results or self.shown or ("",))[0]


# A summary reads the same answer several times (scores, what went well, the focus, the
# story offer): the readings are pure and their results frozen, so each is made once.
def specifics(text: str | None) -> Specifics:
    if not text:
        return _NO_SPECIFICS
    return _specifics(text)


_NO_SPECIFICS = Specifics((), (), (), ())


@functools.lru_cache(maxsize=1024)
def _specifics(text: str) -> Specifics:
    if is_nothing(text):
        return _NO_SPECIFICS
    numbers = tuple(m.group(0).strip() for m in _NUMBER.finditer(text))
    named = tuple(dict.fromkeys(m.group(1) for m in _NAMED.finditer(text)
                                if m.group(1) not in _NOT_NAMES))
    words = frozenset(_norm(text).split())
    results = tuple(w for w in _RESULT_VERBS if w in words)
    shown = tuple(m.group(0) for m in _SHOWN.finditer(text))
    return Specifics(numbers, named, results, tuple(_found(_GENERIC_SELF, text)), shown)


def is_nothing(text: str | None) -> bool:
    """A non-answer: "idk", "none", "didn't ask any", "no time"."""
    return True if text is None else _is_nothing(text)


@functools.lru_cache(maxsize=1024)
def _is_nothing(text: str) -> bool:
    words = _norm(text)
    if not words or not _LETTER.search(words):
        return True  # nothing, or only numbers and signs ("1,3" typed at the wrong question)
    if words in _NOTHING or _NOTHING_SAID.fullmatch(words):
        return True
    said = words.split()
    if "?" not in text and _DENIALS.intersection(said) and _ABOUT_ASKING.issuperset(said):
        return True
    # "didn't get to ask any, ran out of time": every part of it says none.
    parts = [p for p in _NOTHING_PARTS.split(text) if p.strip()]
    kept = [p for p in parts if _norm(p) not in _ASIDES]
    return len(parts) > 1 and bool(kept) and all(_is_nothing(p) for p in kept)


@dataclass(frozen=True, slots=True)
class Asked:
    """The questions they asked, read: none at all, or which were generic (and of those,
    which were about pay)."""

    nothing: bool
    questions: tuple[str, ...]
    generic: tuple[str, ...]
    pay: tuple[str, ...] = ()

    @property
    def own(self) -> tuple[str, ...]:
        return tuple(q for q in self.questions if q not in self.generic)


def asked(text: str | None) -> Asked:
    return _NOTHING_READ if text is None else _asked(text)


@functools.lru_cache(maxsize=1024)
def _asked(text: str) -> Asked:
    if is_nothing(text):
        return _NOTHING_READ
    parts = [_PART_LEAD.sub("", p.strip(" -•*\t")) for p in _QUESTION_BREAK.split(text)]
    questions = tuple(p for p in parts if len(p) > 2)
    generic = tuple(q for q in questions if _found(_GENERIC_QUESTIONS, q))
    return Asked(False, questions, generic, tuple(q for q in generic
                                                  if _found(_PAY_QUESTIONS, q)))


_NOTHING_READ = Asked(True, (), ())


# Where a long answer divides into clauses, and the warm-up words a clause may open with.
_CLAUSE = re.compile(r"(?<=[.!?])\s+|[,;]\s+|\s+-+\s+|\s+(?:but|which|so|then)\s+", re.I)
_OPENING = re.compile(r"^(?:so|basically|honestly|well|um+|uh+|like|ok|okay|yeah|and)\b[\s,]*",
                      re.I)


def gist(text: str, limit: int = 90) -> str:
    """A long answer's most specific clause, to quote back whole rather than its first 90
    characters ("So basically I started by explaining…"): numbers count most, then results
    and names. An answer within ``limit``, or with nothing specific in it, is kept."""
    if len(" ".join(text.split())) <= limit:
        return text
    best, top = text, 0
    for part in _CLAUSE.split(text):
        part = part.strip(" ,.;!?")
        while (bare := _OPENING.sub("", part)) != part:
            part = bare
        found = specifics(part)
        score = 2 * len(found.numbers) + len(found.results) + len(found.named)
        if score > top and len(part.split()) >= 3:
            best, top = part, score
    return best
