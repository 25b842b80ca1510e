"""A sentence typed at a choice that answers the question after it, and the choice right
after a free-text question answered at it.

People tell the story first: "I walked them through my dashboard and they loved the churn
numbers" typed at "how memorable were you?" is what they'll remember, "sql and 3 years at
google" at the fit rating is what they bring, "we talked about their move to dbt" at the
thank-you status is the note's reference, "what keeps you up at night about this team?" at
the small-talk question is a question they asked. Asking the choice again as if nothing was said
loses it; reading it as a rating would guess. So a sentence that clearly answers the
paired free-text question (:data:`LATER`, still unanswered in this interview's set) is
kept as that answer, the person is told so, and the choice is asked again. Anything less
clear is asked about, as before (bot.reflection.prompts.unclear_choice).

The other way round, at the free-text question just before a choice: "already sent it
this morning" typed at "what were they most interested in?" is the thank-you question's
answer, "it stayed professional" at "what did you discuss?" the small-talk question's
(:func:`kept_early`). Kept as that choice, with the free-text question asked again: not
stored as what the interviewer was interested in, nor asked for a second time.
"""

from __future__ import annotations

import re
from typing import Any

from bot.notes import Phrase, reference_phrase
from bot.notes.asides import HOW_IT_WENT, NOTE_STATUS
from bot.reflection.choices import Picked, norm, read_choice
from bot.reflection.questions import Question
from bot.reflection.reading import is_nothing, specifics

__all__ = ["EARLY", "LATER", "kept_early", "kept_for_later", "sounds_rough"]

# choice question -> the free-text questions a sentence typed at it may answer
LATER = {"memorable": ("interviewers", "remember", "hardest"), "fit": ("bring",),
         "thank_you": ("reference",), "professional": ("questions_asked",)}
# choice question -> what its answer looks like when typed at the free-text question before
# it, whole (a topic beside it is the free-text answer: "their roadmap, sent it already")
EARLY = {"thank_you": NOTE_STATUS, "professional": HOW_IT_WENT}
# A question they asked, typed one question early: "what keeps you up at night?"
_THEIR_QUESTION = re.compile(r"^(?:i asked (?:them |about )?|asked (?:them |about )?)?"
                             r"(?:what|how|why|when|who|where|which|do|does|is|are|can|"
                             r"could|would|will)\b")

_MIN_WORDS = 4
# Feelings and doubts, not a story: "i think it went ok", "not sure tbh, maybe a bit".
_FEELING = re.compile(r"^(?:i (?:think|feel|felt|guess|hope|am not|was|am|did not|do not)|"
                      r"idk|not sure|maybe|probably|hard to say|honestly|it went|"
                      r"i have no)\b")
# What went wrong is not what they'll remember you for ("i froze on caching").
_SETBACK = re.compile(r"\b(?:froze|freeze|blanked|blank|forgot|bombed|messed|stumbled|"
                      r"struggled|rambled|panicked|nervous|failed|awkward|badly|"
                      r"terrible|awful|overqualified|underqualified|not my)\b")
# Something they did or showed: "i walked them through", "my dashboard", "we built".
_DID = re.compile(r"\b(?:my|i (?!think|feel|guess|hope|am|was|did|do|have no)\w{3,}|"
                  r"we (?!did|do|were)\w{3,}|showed|told them|walked them)\b")
# Something they discussed: "we talked about", "they asked about", "discussed".
_DISCUSSED = re.compile(r"\b(?:talked|talking|spoke|chatted|discussed|asked (?:me )?about|"
                        r"told me about|showed me|walked me through|went over|mentioned)\b")


def kept_for_later(question: Question, text: str, answers: dict[str, Any],
                   questions: tuple[Question, ...]) -> Question | None:
    """The later question ``text`` (unclear as a choice) clearly answers, or None."""
    if not _a_sentence(text):
        return None
    for key in LATER.get(question.key, ()):
        later = next((q for q in questions if q.key == key and key not in answers), None)
        if later is not None and _answers(later, text):
            return later
    return None


def kept_early(question: Question, text: str, answers: dict[str, Any],
               questions: tuple[Question, ...]) -> tuple[Question, str] | None:
    """The choice right after the free-text ``question``, and its value, when ``text``
    answers that choice instead; else None. Never "not going to send one": that is asked
    about first (bot.reflection.dialogue)."""
    if question.kind != "text" or question not in questions:
        return None
    index = questions.index(question) + 1
    after = questions[index] if index < len(questions) else None
    if after is None or after.key in answers or after.key not in EARLY or \
            not EARLY[after.key].fullmatch(norm(text)):
        return None
    read = read_choice(after, text)
    return (after, read.value) if isinstance(read, Picked) and read.value != "no" else None


def sounds_rough(text: str) -> bool:
    """"i froze on caching", "i was so nervous": said kindly back, never as a puzzle."""
    return bool(_SETBACK.search(norm(text)))


def _answers(later: Question, text: str) -> bool:
    words = norm(text)
    if later.key == "interviewers":  # a panel's names, typed as soon as "Panel" is picked
        return _names_only(text)
    if later.key == "questions_asked":
        return text.rstrip().endswith("?") and bool(_THEIR_QUESTION.match(words))
    if "?" in text:
        return False
    if later.key == "hardest":  # "i froze on caching", "i blanked when they asked about x"
        return bool(_SETBACK.search(words) and re.search(
            r"\b(?:on|about|with|when|during|at) \w", words))
    if later.key == "reference":
        return bool(_DISCUSSED.search(words)) and isinstance(reference_phrase(text), Phrase)
    if _SETBACK.search(words):
        return False
    found = specifics(text)
    if later.key == "bring":
        return found.specific or bool(re.search(r"\b(?:my|years?|experience)\b", words))
    if _DISCUSSED.search(words) and not re.search(r"\bmy\b", words):
        return False  # "we talked about their move to dbt": a topic, not what you showed
    if _names_only(text):
        return False  # who was there, not what they'll remember you by
    return found.specific or bool(_DID.search(words))


# Words of a name that are not capitalised ("Siobhán Ní Bhriain", "Ludwig van Beethoven").
_PARTICLES = frozenset({"van", "von", "de", "da", "di", "du", "del", "der", "den", "la", "le",
                        "bin", "ibn", "al", "el", "ní", "nic", "mac", "ó", "o'"})


def _names_only(text: str) -> bool:
    """"Zoë Ødegaard, Jürgen Weiß and Siobhán Ní Bhriain": the panel, typed at "how
    memorable were you?" - its capitals made it read as something specific to remember
    (and "Bhriain" was praised as "the kind of detail people repeat")."""
    parts = [p for p in re.split(r"\s*(?:,|;|&|\band\b)\s*", text.strip(" .!")) if p]
    return bool(parts) and all(
        len(part.split()) <= 4 and part[:1].isupper() and
        all(w[:1].isupper() or w.lower() in _PARTICLES for w in part.split())
        for part in parts)


def _a_sentence(text: str) -> bool:
    words = norm(text)
    return len(words.split()) >= _MIN_WORDS and not is_nothing(text) and \
        not _FEELING.match(words)
