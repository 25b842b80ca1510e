"""The note's reference point: "what did you discuss" made to read as a noun phrase.

The phrase goes into "I especially enjoyed our conversation about <phrase>", so lead-ins
("we talked about", "the panel asked a lot about"; :mod:`bot.notes.leads`), hedges and
emoji come off, "they"/"their" (the interviewer's side) become "you"/"your", and a rambling
answer is cut at a clause. The person's own words are otherwise kept: nothing is added
that they did not say.

What cannot go in a note comes back as a :class:`Refusal` with its reason, never as an
exception: non-answers, topics that do not belong in a thank-you (pay, private life,
criticism, anything negative), and answers too long to cut cleanly.

Pronoun rule (documented because it is a guess): a third-person pronoun in the phrase is
read as the interviewer's side and turned to the second person ("their Kafka migration" ->
"your Kafka migration", "how she leads the team" -> "how you lead the team") unless a noun
it could point at comes before it ("the data team and how they hire" stays as typed).
First-person words stay: the note is written by the person who typed them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from bot.notes import lexicon
from bot.notes.asides import (
    ABOUT_ITSELF,
    AND_THEN,
    ARRIVED,
    ASKED_NEXT,
    BUT_THEN,
    DEMEANOR,
    ELIDED_LEAD,
    HOW_IT_WENT,
    MID_FILLER,
    NOTE_STATUS,
)
from bot.notes.clauses import clause_to_phrase, one_clause
from bot.notes.cleaning import clean_text, known_names
from bot.notes.language import other_language
from bot.notes.leads import SECOND_LEAD, strip_fillers, strip_lead
from bot.notes.pronouns import to_second_person
from bot.notes.skills import listed_skills

__all__ = [
    "MAX_WORDS",
    "Phrase",
    "ReferenceResult",
    "Refusal",
    "RefusalReason",
    "clean_text",
    "known_names",
    "reference_phrase",
    "sensitive_topic",
]

# Longer phrases are cut at a clause; one that cannot be cut asks for the short version.
MAX_WORDS = 14


class RefusalReason(StrEnum):
    EMPTY = "empty"
    NON_ANSWER = "non_answer"
    GENERIC = "generic"
    PAY = "pay"
    PRIVATE = "private"
    NEGATIVE = "negative"
    TOO_LONG = "too_long"
    OTHER_LANGUAGE = "other_language"  # the note is in English (bot.notes.language)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A reference that reads right after "our conversation about"."""

    text: str
    shortened: bool = False  # part of the answer was left out (a later sentence, a clause)
    # A plain fact kept as a clause ("the team is 6 people"): it reads after "hear that",
    # not after "our conversation about" (bot.notes.clauses).
    fact: bool = False


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why an answer cannot go in a note; ``matched`` is the word that decided it."""

    reason: RefusalReason
    matched: str = ""


ReferenceResult = Phrase | Refusal

# Sensitive families, in the order they are checked (the most specific first).
_FAMILIES: tuple[tuple[RefusalReason, tuple[str, ...]], ...] = (
    (RefusalReason.NEGATIVE, lexicon.NEGATIVE),
    (RefusalReason.PAY, lexicon.PAY),
    (RefusalReason.PRIVATE, lexicon.PRIVATE),
)
_SENSITIVE = [(reason, re.compile(r"(?<![\w'])(?:" + "|".join(words) + r")(?![\w'])", re.I))
              for reason, words in _FAMILIES]
# Which refusal to report when no sentence of the answer is usable.
_PRIORITY = [RefusalReason.NEGATIVE, RefusalReason.PAY, RefusalReason.PRIVATE,
             RefusalReason.TOO_LONG, RefusalReason.GENERIC, RefusalReason.NON_ANSWER,
             RefusalReason.OTHER_LANGUAGE, RefusalReason.EMPTY]

_NON_ANSWER_START = re.compile(
    r"^(?:i\s+)?(?:(?:really\s+)?(?:can'?t|cannot|don'?t|do not)\s+(?:really\s+)?"
    r"(?:remember|recall|know)|no\s+idea|not\s+sure|nothing\s+(?:specific|special|really|"
    r"much|in particular|stood out))\b", re.I)

# "…, she said they have a backlog": a new clause with its own speaker after a comma is a
# second thought, not part of the topic ("our conversation about X, she said Y" misreads).
# So is a name or a noun with its verb ("…, priya was super into it", "…, the team is
# growing"): "our conversation about your Spark migration, priya was super into it" is
# no sentence.
_NEW_CLAUSE = re.compile(r"\s*[,;]\s*(?:(?:and|but|then|so|plus)\s+)?(?:(?:she|he|they|we|i)"
                         r"(?:'(?:re|ve|d|ll|s|m))?\s+[a-z]|(?:the\s+)?[a-z][\w'-]*\s+"
                         r"(?:was|were|is|are|seemed|seems|looked|loved|liked|got)\b)", re.I)
# How the interview felt, not what it was about: "(it was) a pretty chill call", "great
# conversation overall" would read "our conversation about a pretty chill call".
_FELT = (r"(?:good|great|nice|chill|fine|ok|okay|friendly|relaxed|casual|quick|short|long|"
         r"solid|positive|pleasant|lovely|awesome|amazing|fun|easy|tough|hard|intense|"
         r"decent|productive|interesting|informal|standard|normal|typical)")
_ABOUT_THE_CALL = re.compile(
    r"(?:(?:a|an)\s+)?(?:(?:really|very|pretty|quite|super|so|overall)\s+)*" + _FELT +
    r"(?:,?\s+(?:and\s+)?" + _FELT + r")*\s+(?:call|chat|conversation|interview|meeting|"
    r"talk|vibe|vibes|one)(?:\s+(?:overall|all in all|honestly|tbh|really|i think))?", re.I)
# "a lot of stuff", "lots of different things", "various topics": no topic at all (it read
# "Our conversation about a lot of stuff has stayed with me since.").
_VAGUE = re.compile(
    r"(?:(?:a lot|lots|loads|a bunch|a ton|tons|plenty|all sorts|all kinds|a mix|a range|"
    r"a variety|a couple|a few|so many|many|several|various|some|the usual)\s+(?:of\s+)?)?"
    r"(?:(?:different|random|general|other|normal|typical|usual|interesting|cool|"
    r"technical|work|behaviou?ral|situational|competency(?:-based)?|screening|coding|"
    r"leetcode|star|hr|soft skills?)\s+)?(?:stuff|things|topics|subjects|bits|questions)",
    re.I)
_EVALUATIVE = re.compile(r"(?:\s*[,;:]\s*|\s+[-–—]+\s*|\s*[(]\s*|\s+(?:and|but|so)\s+)"
                         r"(?:" + "|".join(lexicon.EVALUATIVE_TAIL) + r")", re.I)
_BOUNDARY_TIERS = [re.compile(p, re.I) for p in (
    r"\s*[;:]\s+|\s+[-–—]+\s+|,\s+",
    r"\s+(?:which|because|since|but|while|whereas|so|though|although)\s+",
    r"\s+(?:and|including|especially|as well as|plus)\s+",
)]
_LOWER_START = frozenset({"the", "a", "an", "how", "what", "why", "when", "where", "which",
                          "our", "my", "your", "their", "his", "her", "its", "that", "this",
                          "these", "those", "some", "all", "both", "each", "building",
                          "using", "moving", "working", "making", "running", "scaling",
                          "whether", "who", "one", "two", "three", "to", "is", "it", "with",
                          "designing", "hiring", "growing", "improving", "migrating",
                          "they", "you", "we", "he", "she", "them", "us", "me", "any",
                          "more", "most", "new", "future", "plans", "lessons", "ways"})
# A preposition that ends a phrasal verb stays: "what they're looking for", "what you care
# about", "what the team is working on".
_TRAILING_JUNK = re.compile(
    r"(?:[\s,;:.!?…~*_\-–—]+|\s+(?:and|or|but|so|the|of|a|an|to|like|because|which|that|"
    r"with(?<!work with)(?<!working with)(?<!struggle with)(?<!struggling with)"
    r"(?<!deal with)(?<!dealing with)|about(?<!care about)(?<!cares about)|"
    r"for(?<!looking for)(?<!hiring for)(?<!hoping for)(?<!aiming for)(?<!known for)|"
    r"in(?<!interested in)|on(?<!working on)(?<!focused on)(?<!focusing on))\b)+$", re.I)


def _is_non_answer(text: str) -> bool:
    plain = " ".join(re.sub(r"[^\w\s'/&?.-]", " ", text.lower()).split()).strip(" .")
    return not re.search(r"\w", plain) or plain in lexicon.NON_ANSWERS or \
        bool(_NON_ANSWER_START.match(plain)) or bool(HOW_IT_WENT.fullmatch(plain)) or \
        bool(NOTE_STATUS.fullmatch(plain))


def _cut_evaluation(text: str) -> tuple[str, bool]:
    match = _EVALUATIVE.search(text)
    if match and len(text[:match.start()].split()) >= 1:
        return text[:match.start()], True
    return text, False


def _shorten(text: str) -> str | None:
    """The first clause of an over-long phrase, or None when it has no clean cut."""
    for tier in _BOUNDARY_TIERS:
        for minimum in (3, 2):
            for match in tier.finditer(text):
                head = _tidy(text[:match.start()])
                if minimum <= len(head.split()) <= MAX_WORDS:
                    return head
    return None


_BRACKETED_ASIDE = re.compile(r"\s*\([^()]*\b(?:they|we|he|she|it|i|you)\b[^()]*\)", re.I)


_YEARS = re.compile(r"\b(\d+|a|one|last|next|this|per|every) (yrs?)\b", re.I)


def _tidy(text: str) -> str:
    text = _TRAILING_JUNK.sub("", text.strip())
    text = re.sub(r"^[\s,;:.\-–—]+", "", text)
    text = re.sub(r"\bi\b", "I", text)
    text = _YEARS.sub(lambda m: m.group(1) + (" years" if m.group(2) == "yrs" else " year"),
                      text)  # "their 5 yr plan": "your 5 year plan"
    text = known_names(listed_skills(text))
    text = re.sub(r"\bi'(m|ve|d|ll)\b", r"I'\1", text)
    first, _, rest = text.partition(" ")
    if first[:1].isupper() and first[1:].islower() and first.lower() in _LOWER_START:
        text = first.lower() + (" " + rest if rest else "")
    if text.count("(") > text.count(")"):
        text = text[:text.rfind("(")].strip()
    # an aside in brackets with its own speaker: "your churn problem (they lose like 30% a
    # year)"; a detail of the topic stays ("the team structure (4 squads)")
    text = _BRACKETED_ASIDE.sub("", text)
    # "the team structure, 4 squads": a number after a comma is a detail of the topic
    text = re.sub(r"^([^,]{3,}),\s+(\d[\w%.]*(?:\s+[\w-]+){1,2})$", r"\1 (\2)", text)
    return text.strip()


def sensitive_topic(text: str) -> Refusal | None:
    """The first topic in ``text`` that does not belong in a thank-you note, if any."""
    found = [(m.start(), reason, m.group(0)) for reason, pattern in _SENSITIVE
             for m in [pattern.search(text)] if m]
    if not found:
        return None
    _, reason, word = min(found, key=lambda f: (_FAMILIES_ORDER[f[1]], f[0]))
    return Refusal(reason, word)


_FAMILIES_ORDER = {reason: i for i, (reason, _) in enumerate(_FAMILIES)}


def _without_sensitive_tail(text: str) -> str | None:
    """"your Kafka migration and salary" -> "your Kafka migration": the clause before the
    first sensitive word, when that clause stands on its own."""
    starts = [m.start() for _, pattern in _SENSITIVE for m in [pattern.search(text)] if m]
    first = min(starts)
    head = text[:first]
    for tier in _BOUNDARY_TIERS:
        cuts = [m.start() for m in tier.finditer(head)]
        if cuts:
            candidate = _tidy(head[:cuts[-1]])
            if len(candidate.split()) >= 2 and sensitive_topic(candidate) is None and \
                    not _is_non_answer(candidate):
                return candidate
    return None


def _after_sensitive(text: str, reason: RefusalReason) -> str | None:
    """The part after "and then" when the part before it does not belong in a note; after
    pay, the part after a comma or "and" too ("comp and benefits, and a bit about their data
    team"), where a complaint's "and …" still belongs to the complaint."""
    joints = (AND_THEN, _COMMA_AND, _AND) if reason is RefusalReason.PAY else (AND_THEN,)
    for joint in joints:
        for part in reversed(joint.split(text)[1:]):
            tail = _tidy(to_second_person(strip_lead(strip_fillers(part))))
            if len(tail.split()) >= 2 and sensitive_topic(tail) is None and \
                    not _is_non_answer(tail):
                return tail
    return None


# A second topic said as "stuff" or "things" after a first one said properly: too casual
# for the note, and the first is the reference.
_AND_STUFF = re.compile(r"^(?P<head>\S+(?:\s+\S+)+?)\s*(?:,\s*)?\s+(?:and|&|plus)\s+"
                        r"(?:(?:my|some|the|all|our|your|other)\s+)?[\w' .+#-]*?\b"
                        r"(?:stuff|things)$", re.I)
_COMMA_AND = re.compile(r"\s*[,;]\s*(?:(?:and|but|plus)\s+)?(?:also\s+)?", re.I)
_AND = re.compile(r"\s+(?:and|plus)\s+(?:also\s+)?", re.I)


def _one_sentence(sentence: str) -> ReferenceResult:
    sentence = MID_FILLER.sub("", sentence)
    if _is_non_answer(sentence):
        return Refusal(RefusalReason.NON_ANSWER if re.search(r"\w", sentence)
                       else RefusalReason.EMPTY, sentence)
    text = strip_fillers(sentence)
    if _is_non_answer(text):
        return Refusal(RefusalReason.NON_ANSWER, sentence)
    if ABOUT_ITSELF.match(text):  # "idk tbh it was a blur": not "our conversation about a blur"
        return Refusal(RefusalReason.GENERIC, sentence)
    text = strip_lead(text)
    demeanor = DEMEANOR.match(text)
    if demeanor is not None:  # "she was lovely and we talked about X": X
        text = strip_lead(re.sub(r"^\W*(?:(?:and|but|so)\s+)?", "", text[demeanor.end():]))
    if ABOUT_ITSELF.match(text) or not text:  # "the whole thing was a blur": no topic in it
        return Refusal(RefusalReason.GENERIC, sentence)
    second = SECOND_LEAD.search(text) or ELIDED_LEAD.search(text) or ASKED_NEXT.search(text)
    cut = False
    if second and ARRIVED.match(text[:second.start()]):
        # "the ceo joined at the end and talked about their ipo plans": the topic is after
        text, second = strip_lead(re.sub(r"^\W*(?:and|but|then|while)\s+", "",
                                          text[second.start():].strip())), None
    if second and len(text[:second.start()].split()) >= 1:
        text, cut = text[:second.start()], True
    clause = _NEW_CLAUSE.search(text)
    if clause and len(text[:clause.start()].split()) >= 2:
        text, cut = text[:clause.start()], True
    if _is_non_answer(text):
        return Refusal(RefusalReason.NON_ANSWER, text)
    text, evaluated = _cut_evaluation(text)
    text, split = one_clause(strip_fillers(text))
    cut = cut or evaluated or split
    text = strip_fillers(text)
    text, fact = clause_to_phrase(text)
    text = _tidy(to_second_person(text))
    if _is_non_answer(text):
        return Refusal(RefusalReason.NON_ANSWER, text)
    refusal = sensitive_topic(text)
    if refusal is not None:
        head = _without_sensitive_tail(text) or _after_sensitive(text, refusal.reason)
        if head is None:
            return refusal
        text, cut = head, True
    stuff = _AND_STUFF.match(text)
    if stuff is not None:  # "your new app launch and my React stuff": the launch
        text, cut = stuff.group("head"), True
    if len(text.split()) > MAX_WORDS:
        short = _shorten(text)
        if short is None:
            return Refusal(RefusalReason.TOO_LONG)
        text, cut = short, True
    if text.lower().strip(" .") in lexicon.GENERIC_TOPICS or _ABOUT_THE_CALL.fullmatch(text) \
            or _VAGUE.fullmatch(text):
        return Refusal(RefusalReason.GENERIC, text)
    if not re.search(r"[^\W\d_]", text):
        return Refusal(RefusalReason.NON_ANSWER, text)
    return Phrase(text, cut, fact)


# A story pasted whole ("So basically the interview started with … and at the end we talked
# a bit about their plan to …"): its first clause is narration, not a topic ("Our
# conversation about the interview started with the hiring manager asking me about my
# background" went into the note). The topic is taken from where they say they talked about
# it; with no such place, the short version is asked for.
_STORY_WORDS = 40
_TALKED = re.compile(r"\b(?:we|they|he|she)\s+(?:(?:also|then|mostly|really|briefly)\s+)?"
                     r"(?:talked|discussed|chatted|spoke)\b", re.I)


def _from_story(text: str) -> ReferenceResult:
    for lead in _TALKED.finditer(text):
        found = _one_sentence(_sentences(text[lead.start():])[0])
        if isinstance(found, Phrase) and not found.fact:
            return Phrase(found.text, shortened=True)
    return Refusal(RefusalReason.TOO_LONG)


@lru_cache(maxsize=2048)  # pure; a panel's notes and each reminder reuse the same answer
def reference_phrase(answer: str | None) -> ReferenceResult:
    """The answer as a phrase for "our conversation about …", or why it cannot be one."""
    if answer is None or not answer.strip():
        return Refusal(RefusalReason.EMPTY)
    text = clean_text(answer)
    if other_language(text):
        return Refusal(RefusalReason.OTHER_LANGUAGE, text)
    if len(text.split()) > _STORY_WORDS:
        return _from_story(text)
    refusals: list[Refusal] = []
    sentences = _sentences(text)
    for index, sentence in enumerate(sentences):
        result = _one_sentence(sentence)
        if isinstance(result, Phrase):
            rest = [_one_sentence(s) for s in sentences[index + 1:]]
            dropped = any(isinstance(r, Phrase) or r.reason not in (
                RefusalReason.EMPTY, RefusalReason.NON_ANSWER) for r in rest)
            return Phrase(result.text, result.shortened or dropped, result.fact)
        refusals.append(result)
    return min(refusals, key=lambda r: _PRIORITY.index(r.reason))


_ABBREVIATION = re.compile(r"(?:^|\s)(?:dr|mr|ms|mrs|mx|prof|st|vs|etc|e\.g|i\.e|approx|"
                           r"incl|dept|[a-z])\.$", re.I)


def _sentences(text: str) -> list[str]:
    parts = [s for s in re.split(r"(?<=[.!?])\s+|\s*\n+\s*", text) if s.strip()]
    parts = [piece for part in parts for piece in BUT_THEN.split(part) if piece.strip()]
    merged: list[str] = []
    for part in parts:
        if merged and _ABBREVIATION.search(merged[-1]):
            merged[-1] += " " + part
        else:
            merged.append(part)
    return merged or [""]
