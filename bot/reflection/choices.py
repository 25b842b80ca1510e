"""Reading a typed choice the way a person types it.

In order, the first rule that decides wins:

1. the option's number ("3"), or a rating out of something ("4/5", "4 out of 5", "8/10");
2. a sentence that means an option whatever else it says (``Option.said``: "10 min about
   our dogs then all business" is a drift, however it ended);
3. the exact words of an option: its value, its label, the visible label of its button
   (``2. A few moments stood out``, ``4 · Good fit``), or one of its everyday words
   (``Option.aliases``: "sent it", "not yet", "pretty good", "meh"), case, punctuation and
   contractions ignored ("They'll" == "they will");
4. those words inside a sentence ("yes I sent it this morning"): the longest one found wins,
   so "not yet sent" is "not yet", not "sent"; words followed by "not" do not count ("no, I
   did not" is not "I did"), and a bare yes or no counts only when the rest of the sentence
   says nothing else ("no, sorry" is no; "no questions, sorry" or "yes they asked about
   Kafka" answer something else and are asked about);
5. a unique start of a label ("plann" -> "Planning to send it");
6. a small typo ("alredy sent", "planing to send it"): rapidfuzz's ratio against every label
   and everyday word, accepted at :data:`FUZZY_ACCEPT` or more when one option is clearly
   ahead; from :data:`FUZZY_SUGGEST` the closest options are offered as a question instead.

Anything else is :class:`Unclear`: the dialogue asks a short question with buttons
(``candidates`` first, or every option).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.reflection.questions import Option, Question

__all__ = ["FUZZY_ACCEPT", "FUZZY_SUGGEST", "Picked", "Unclear", "norm", "read_choice"]

# rapidfuzz ratio (0-100). 85 accepts one or two wrong letters in a short phrase ("alredy
# sent" 95, "planing to send it" 97) but not a different word ("sent" vs "spent" 89 is a
# real risk only for 4-letter words: those need MIN_FUZZY_LENGTH). tests/test_choices.py
# holds the table these numbers were chosen by.
FUZZY_ACCEPT = 85
FUZZY_SUGGEST = 70
MIN_FUZZY_LENGTH = 5  # shorter typed words are matched exactly or not at all
CLEAR_LEAD = 5  # the best option must beat the next by this much to be taken

_CONTRACTIONS = (("’", "'"), ("won't", "will not"), ("can't", "can not"), ("'ll", " will"),
                 ("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'m", " am"))
# Contractions typed without their apostrophe ("havent sent it", "im sure").
_BARE = {"didnt": "did not", "dont": "do not", "havent": "have not", "wont": "will not",
         "im": "i am", "ive": "i have", "isnt": "is not", "wasnt": "was not",
         "theyll": "they will", "cant": "can not",
         # chat spellings of yes/no/sort of ("ye", "yup", "nah", "sorta")
         "ye": "yes", "yea": "yes", "yeh": "yes", "yah": "yes", "yup": "yes", "y": "yes",
         "nah": "no", "sorta": "sort of", "prob": "probably", "prolly": "probably",
         "yh": "yes", "def": "definitely", "outta": "out of"}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}
_RATING = re.compile(r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*"
                     r"(?:/|out of|outta|of)\s*(\d{1,2}|five|ten)\b")
_THUMBS = str.maketrans({"👍": " yes ", "👎": " no "})
_BUTTON_NUMBER = re.compile(r"^(\d{1,2})\s*[.·:)-]\s+(?=\S)")


@dataclass(frozen=True, slots=True)
class Picked:
    value: str


@dataclass(frozen=True, slots=True)
class Unclear:
    """No option is clear; ``candidates`` are the option values worth offering first."""

    candidates: tuple[str, ...] = ()


# Pure and called for every phrase of the word lists on every answer: cached, so the lists
# are normalised once rather than again each turn (they were most of a turn's CPU).
@functools.lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Lower case, contractions spelled out, punctuation gone, spaces single."""
    text = text.lower()
    for short, long in _CONTRACTIONS:
        text = text.replace(short, long)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(_BARE.get(w, w) for w in words)


# An option's words are fixed (options are frozen, defined at import), yet every answer to a
# choice looked them all up again, several times: each option's are made once.
@functools.lru_cache(maxsize=1024)
def _label_words(option: Option) -> str:
    """A label without its own number ("4 · Good fit" -> "good fit")."""
    return norm(_BUTTON_NUMBER.sub("", option.label))


@functools.lru_cache(maxsize=1024)
def _phrases(option: Option) -> tuple[str, ...]:
    return tuple(p for p in dict.fromkeys([norm(option.value), norm(option.label),
                                           _label_words(option),
                                           *(norm(a) for a in option.aliases)]) if p)


def read_choice(question: Question, text: str) -> Picked | Unclear:
    options = question.options
    typed = text.strip()
    if not typed.isascii():  # a thumbs up is a yes (emoji are otherwise dropped by norm)
        typed = typed.translate(_THUMBS)
    numbered = _BUTTON_NUMBER.match(typed)
    if numbered:  # the visible label of a numbered button: "2. A few moments stood out"
        rest = norm(typed[numbered.end():])
        number = int(numbered.group(1))
        if 1 <= number <= len(options) and rest in _phrases(options[number - 1]):
            return Picked(options[number - 1].value)
        typed = typed[numbered.end():]
    words = norm(typed)
    if not words:
        return Unclear()
    by_number = _by_number(question, words, typed.lower())
    if by_number is not None:
        return Picked(by_number)
    said = next((o.value for o in options if o.said and _said(o.said).search(words)), None)
    if said is not None:
        return Picked(said)
    for option in options:
        if words in _phrases(option):
            return Picked(option.value)
    inside = _inside(options, words)
    if inside is not None:
        return inside
    if len(words) >= 3:
        starts = [o.value for o in options if _label_words(o).startswith(words)]
        if len(starts) == 1:
            return Picked(starts[0])
    return _fuzzy(options, words)


@functools.lru_cache(maxsize=64)
def _said(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _by_number(question: Question, words: str, raw: str) -> str | None:
    options = question.options
    said = words.split()
    numbers = [w for w in said if w.isdigit()]
    if len(numbers) == 1 and len(said) > 1 and (_ADDS_NOTHING | _AROUND_A_NUMBER).issuperset(
            w for w in said if not w.isdigit()):
        words = numbers[0]  # "eh 2", "2 i guess": the number, with words that add nothing
    if words.isdigit():
        number = int(words)
        if any(o.value == words for o in options):
            return words
        return options[number - 1].value if 1 <= number <= len(options) else None
    half = re.fullmatch(r"(\d)[.,]5", raw.strip())
    if half and question.scale and 1 <= int(half.group(1)) < len(options):
        return options[int(half.group(1)) - 1].value  # "3.5": the modest side
    rating = _RATING.search(raw)
    if rating and _rated(question):
        top = _as_number(rating.group(2))
        got = _as_number(rating.group(1))
        if top in (3, 4, 5, 10) and 0 < got <= top:  # "50/50" is no rating: half and half
            scaled = max(1, round(got * len(options) / top))
            return options[scaled - 1].value
    return None


def _rated(question: Question) -> bool:
    """A rating ("7/10", "4 out of 5") reads on a scale, or on options that go from weak
    to strong ("how memorable were you?": 7/10 is "a few moments stood out")."""
    if question.scale:
        return True
    scores = [o.score for o in question.options if o.score is not None]
    return len(scores) == len(question.options) > 1 and scores == sorted(scores) and \
        scores[0] != scores[-1]


def _as_number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 0)


# A yes or a no answers any question, so inside a sentence it counts only beside words
# that add nothing ("no, sorry", "yes i did", "nope not really"); "no questions, sorry"
# typed at "how memorable were you?" is not "I probably blended in".
_PARTICLES = frozenset({"yes", "yeah", "yep", "yup", "no", "nope", "nah"})
_ADDS_NOTHING = _PARTICLES | frozenset("""
    sorry lol haha tbh honestly really definitely absolutely totally i think guess so it
    did do does not am are is was were will would they he she we you me my the a thanks
    thank ok okay well um uh hmm oh of course sure still yet at all just maybe probably
    pretty much mostly quite very kind kinda have has had been and but too either that
    this one unfortunately sadly afraid eh ehh hm mm ish
""".split())

# A number inside a sentence is a rating only beside these ("like a 4", "4 i'd say"): "i
# worked at google for 3 years" typed at the fit rating is not "3 · Partly".
_AROUND_A_NUMBER = frozenset({"like", "say", "d", "id", "around", "about", "prob", "ish",
                              "rating", "rate", "solid", "call", "give", "its", "for",
                              "sure", "overall", "honestly", "tbh", "guess", "eh", "meh",
                              "maybe", "um", "hmm"})

# Words of degree answer "how memorable were you?" alone ("kind of", "a bit, i guess"), but
# inside a sentence they qualify something else: "they asked about system design and i
# kind of froze" tells what happened, it is not "a few moments stood out".
_HEDGES = frozenset({"kind of", "kinda", "sort of", "sorta", "a bit", "a little", "maybe",
                     "somewhat", "partly"})


def _inside(options: tuple[Option, ...], words: str) -> Picked | Unclear | None:
    padded = f" {words} "
    found: list[tuple[int, str, str]] = []
    negated = False
    for option in options:
        for phrase in _phrases(option):
            at = padded.find(f" {phrase} ")
            while at >= 0:
                if phrase in _PARTICLES or phrase.endswith(" not") or \
                        not padded.startswith(" not ", at + len(phrase) + 1):
                    found.append((len(phrase), option.value, phrase))
                    break
                negated = True
                at = padded.find(f" {phrase} ", at + 1)
    if not found:
        return Unclear() if negated else None  # "definitely not": no guess at an option
    longest = max(length for length, _, _ in found)
    winners = list(dict.fromkeys(value for length, value, _ in found if length == longest))
    particle = next(p for length, _, p in found if length == longest)
    if particle in _PARTICLES or particle in _HEDGES or particle.isdigit():
        rest = padded.replace(f" {particle} ", " ", 1).split()
        if not (_ADDS_NOTHING | _AROUND_A_NUMBER if particle.isdigit()
                else _ADDS_NOTHING).issuperset(rest):
            return Unclear()
    return Picked(winners[0]) if len(winners) == 1 else Unclear(tuple(winners))


def _fuzzy(options: tuple[Option, ...], words: str) -> Picked | Unclear:
    if len(words) < MIN_FUZZY_LENGTH:
        return Unclear()
    best: dict[str, float] = {}
    for option in options:
        for phrase in _phrases(option):
            if len(phrase) < MIN_FUZZY_LENGTH:
                continue
            score = fuzz.ratio(words, phrase)
            best[option.value] = max(best.get(option.value, 0.0), score)
    ranked = sorted(best.items(), key=lambda item: -item[1])
    if not ranked:
        return Unclear()
    top_value, top_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if top_score >= FUZZY_ACCEPT and top_score - runner_up >= CLEAR_LEAD:
        return Picked(top_value)
    close = tuple(value for value, score in ranked if score >= FUZZY_SUGGEST)
    return Unclear(close[:3])
