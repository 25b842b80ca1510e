"""What the person brings to the role, read as a noun phrase for the note's tie line ("I would
be glad to bring <phrase> to the team"): their own words, with a stock self-description
("hard worker", "team player") left out and a result told as experience ("led the migration
to k8s" -> "my experience leading the migration to k8s"). None when nothing specific is
left, when it is a sentence about themselves, sensitive, or too long for the line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.notes import lexicon
from bot.notes.language import other_language
from bot.notes.reference import (
    MAX_WORDS,
    Refusal,
    RefusalReason,
    clean_text,
    known_names,
    reference_phrase,
    sensitive_topic,
)
from bot.notes.skills import listed_skills, tool_in_a_list

__all__ = ["bring_phrase"]

_BRING_LEAD = re.compile(
    r"^(?:i\s+(?:think\s+)?(?:would\s+|'d\s+|can\s+|could\s+|will\s+|'ll\s+)?"
    r"(?:bring|offer|have|add|contribute)|i've got|i've|i have got|bring|mostly|probably|"
    r"definitely|honestly|just|also|really|idk|maybe|i guess|i suppose)\s+", re.I)
# "I've run Kafka in prod", "ive worked with dbt", "I have been a PM for 5 years": the
# experience, read as "my experience running Kafka in prod" (never "my run Kafka").
_PERFECT = re.compile(r"^(?:i\s*'?ve|i have)\s+(?P<verb>[a-z]+)\b\s*(?P<rest>.*)$", re.I)
_BEEN = re.compile(r"^(?:(?P<role>an?)\s+|(?P<doing>\w+ing|in|at|on|with)\b)", re.I)
# A phrase may not open with these: "my been …", "my am …" is no English.
_NOT_A_START = frozenset({"been", "am", "is", "are", "was", "were", "have", "had", "ive",
                          "im", "very", "pretty", "quite", "so", "too"})
_GENERIC_SELF = re.compile(
    r"\b(?:hard[- ]?work(?:er|ing)?|team[- ]player|passion(?:ate)?|detail[- ]oriented|"
    r"attention to detail|motivat(?:ed|ion)|fast learner|quick learner|learn(?:s|ing)? fast|"
    r"dedicat(?:ed|ion)|reliab(?:le|ility)|punctual|positive attitude|good attitude|"
    r"people person|good communicator|communication skills|enthusias(?:m|tic)|energy|"
    r"self[- ]starter|go[- ]getter|results[- ]driven|problem[- ]solver|problem solving|"
    r"creativ(?:e|ity)|work ethic|determination|determined|eager(?:ness)? to learn|"
    r"willing(?:ness)? to learn|can[- ]do|adaptab(?:le|ility)|flexib(?:le|ility)|"
    r"hungry|driven|leadership skills|soft skills|my personality|myself|a lot of|a lot|"
    r"everything|loads of|tons of|skills|experience|and|a|an|my|great|good|strong|lots of|"
    r"plenty of|real)\b", re.I)
# A word, not a prefix: "ability to learn fast" has none ("a" started it, so the note said
# "applying ability to learn fast to problems like that").
_DETERMINER = re.compile(r"^(?:(?:my|a|an|the|our|some|years)\b|\d)", re.I)
_NUMBER_WORD = re.compile(r"^(?:\d[\d.,+]*|one|two|three|four|five|six|seven|eight|nine|ten|"
                          r"eleven|twelve|fifteen|twenty|several|many)\b", re.I)


# A list's items ("sql, dashboards and being calm with stakeholders"): "my ___" takes nouns
# or gerunds, not both, so a list mixing them is left out of the note rather than misread.
_LIST_ITEM = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&|\+|plus)\s+", re.I)
_GERUND_ITEM = re.compile(r"^(?!(?:thing|something|nothing|everything|anything|string|"
                          r"spring|king|morning|evening|building blocks)\b)\w+ing\b", re.I)


def _mixes_nouns_and_gerunds(text: str) -> bool:
    items = [item for item in _LIST_ITEM.split(text) if item.strip()]
    gerunds = sum(1 for item in items if _GERUND_ITEM.match(item.strip()))
    return 0 < gerunds < len(items)


# "passionate about marketing", "really keen to learn": a stock phrase whatever follows it.
_KEEN = re.compile(r"^(?:i'?m\s+|i am\s+)?(?:really\s+|very\s+|so\s+|super\s+|genuinely\s+)?"
                   r"(?:passionate|enthusiastic|excited|keen|eager|motivated|driven|hungry|"
                   r"obsessed|curious|organi[sz]ed|friendly|calm|patient|proactive|"
                   r"resilient|ambitious|diligent|hard-?working|confident|outgoing)\b", re.I)
# "experienced in B2B sales": an adjective of skill turned to the noun the line needs ("my
# experience in B2B sales"); "good at social media" has no such noun and is left out
# ("my good at social media" is no English).
_SKILLED = {"experienced": "experience", "skilled": "skills", "proficient": "proficiency",
            "fluent": "fluency", "familiar": "familiarity", "versed": "grounding",
            "well-versed": "grounding", "well versed": "grounding"}
_ADJECTIVE = re.compile(r"^(?:(?:really|very|pretty|super|quite|highly)\s+)?(?P<adj>well[- ]"
                        r"versed|[a-z]+)\s+(?P<prep>about|at|with|in|on)\s+(?P<rest>\S.*)$",
                        re.I)
_ADJECTIVES = frozenset({"good", "great", "strong", "comfortable", "confident", "solid",
                         "decent", "excellent", "amazing", "keen", "passionate", "big",
                         "handy", "quick", "fast", "savvy", "obsessed", "interested",
                         *_SKILLED})


def _as_noun(text: str) -> str | None:
    """An adjective phrase as the noun phrase the line needs, "" when it is none, or None
    when ``text`` is no adjective phrase at all."""
    found = _ADJECTIVE.match(text)
    if found is None or found.group("adj").lower() not in _ADJECTIVES:
        return None
    noun = _SKILLED.get(found.group("adj").lower().replace("-", " "))
    if noun is None:
        return ""
    prep = "with" if noun == "familiarity" else "in"
    return f"{noun} {prep} {found.group('rest')}"


def _is_generic(item: str) -> bool:
    return not _GENERIC_SELF.sub("", item).strip(" ,.&-") or bool(_KEEN.match(item.strip()))


_I_DID = re.compile(r"^(?:and\s+)?i\s+(?=(?:" + "|".join(lexicon.PAST_RESULT_VERBS) + r")\b)",
                    re.I)


def _as_result(item: str) -> str:
    """"(I) led the migration" -> "leading the migration" (read as "my experience …")."""
    item = _I_DID.sub("", item.strip())
    first, _, rest = item.partition(" ")
    gerund = lexicon.PAST_RESULT_VERBS.get(first.lower())
    return f"{gerund} {rest}".strip() if gerund and rest else item


_QUANTITY = re.compile(r"^(?:lots of|a lot of|loads of|tons of|a bunch of|plenty of)\s+",
                       re.I)
_SENTENCE = re.compile(r"^(?:i|i'm|im|i am|i've|ive|we|they|it|that|this)\b", re.I)


def _perfect_item(item: str) -> str:
    """"ive managed teams of 10" in a list: "managing teams of 10" (it was left out as a
    sentence about themselves, and "a lot of energy" before it went in the note)."""
    perfect = _PERFECT.match(item)
    if perfect is None:
        return item
    return _experience(perfect.group("verb").lower(), perfect.group("rest"), item) or item


def _specific_items(text: str) -> str:
    """The list's specific items, results read as gerunds: "hard worker, led the migration
    to k8s" -> "leading the migration to k8s"; "" when every item is a stock phrase."""
    items = [item.strip() for item in _LIST_ITEM.split(text) if item.strip()]
    # A sentence about themselves among the items ("my stats background + i love messy
    # data") is not a thing to bring: "applying my stats background + I love messy data".
    kept = [_as_result(item) for item in map(_perfect_item, items)
            if not _is_generic(item) and not (len(items) > 1 and _SENTENCE.match(
                _as_result(item)))]
    if kept == items:
        return text
    if len(kept) <= 1:
        return "".join(kept)
    return ", ".join(kept[:-1]) + " and " + kept[-1]


def _experience(verb: str, rest: str, typed: str) -> str:
    """After "I've": a participle as the experience ("run Kafka" -> "running Kafka"), "been a
    PM" as "experience as a PM", "been doing X"/"been in X" as "doing X"/"experience in X";
    "" for "been" anything else ("been lucky"). Other words ("I have 6 years of SQL", "I've
    got") are left to the lead."""
    if verb == "been":
        been = _BEEN.match(rest)
        if been is None:
            return ""
        if been.group("role"):
            return f"experience as {rest}"
        return rest if been.group("doing").endswith("ing") else f"experience {rest}"
    gerund = lexicon.PAST_RESULT_VERBS.get(verb)
    return f"{gerund} {rest}".strip() if gerund and rest else typed


_YEARS = re.compile(r"\b(\d+\+?|a|one)\s*(yrs?|years?)\b(?:\s+(?!of|in|at|with|as|on|doing|"
                    r"at|leading|building|working|running|managing|and)(?=[a-z]))?", re.I)


_AND = re.compile(r"\band\b", re.I)


def _spelled_out(text: str) -> str:
    """As written in a letter: "5 yrs react" -> "5 years of react"; a list's last comma as
    "and" ("strong communication, 3 years in sales" -> "… and 3 years in sales"), or ", and"
    after an "and" of its own ("design systems and a11y, and 5 years of react")."""
    def years(m: re.Match[str]) -> str:
        unit = "year" if m.group(1).lower() in ("1", "a", "one") else "years"
        return f"{m.group(1)} {unit}" + (" of " if m.group(0).endswith(" ") else "")
    text = _YEARS.sub(years, text)
    text = re.sub(r"\b(last|this|next|per|every|a) yr\b", r"\1 year", text, flags=re.I)
    head, comma, last = text.rpartition(", ")
    # "excel, sql and 3 yrs in logistics" has its "and" already ("my Excel and SQL and 3
    # years" said it twice)
    if comma and last and not re.match(r"(?:and|or|but|etc)\b", last, re.I) and \
            not _AND.search(last):
        joint = ", and " if _AND.search(head) else " and "
        return f"{head}{joint}{last}"
    return text


@lru_cache(maxsize=2048)
def bring_phrase(answer: str | None) -> str | None:
    """"What you bring" as a noun phrase to tie to the reference, or None when it is a
    generic self-description, a sentence about themselves, sensitive or too long. A list
    that mixes stock phrases with specifics keeps the specifics ("hard worker, led the
    migration to k8s" -> "my experience leading the migration to k8s")."""
    if not answer or not answer.strip() or other_language(answer):
        return None
    first = listed_skills(re.split(r"(?<=[.!?])\s+|\n+", clean_text(answer))[0].strip())
    perfect = _PERFECT.match(first)
    if perfect is not None:
        first = _experience(perfect.group("verb").lower(), perfect.group("rest"), first)
        if not first:
            return None
    text = _BRING_LEAD.sub("", first.rstrip(".!?,;: ")).strip()
    text = _BRING_LEAD.sub("", text).strip()
    text = re.sub(r"\s*(?:,|-|–|—)?\s*(?:lol|haha|i guess|i think|tbh|etc\.?)$", "", text,
                  flags=re.I).strip(" ,.")
    text = re.sub(r"\s+\+\s+", " and ", _specific_items(text))  # "customer success + sql"
    text = _QUANTITY.sub("", text)  # "lots of excel": "my Excel", not "my lots of Excel"
    noun = _as_noun(text)
    if noun is not None:
        if not noun:
            return None
        text = noun
    if not text or _SENTENCE.match(text) or text.split()[0].lower() in _NOT_A_START:
        return None
    if sensitive_topic(text) is not None or reference_phrase(text) == Refusal(
            RefusalReason.NON_ANSWER, text):
        return None
    if len(text.split()) > MAX_WORDS - 2 or _mixes_nouns_and_gerunds(text):
        return None
    text = known_names(re.sub(r"\bi\b", "I", _spelled_out(text)))
    first_word = text.split()[0]
    # A sentence's capital comes off ("Ten years of SQL"), a name's stays ("London market
    # experience", "Python and SQL", "New York agencies").
    if first_word[:1].isupper() and first_word[1:].islower() and \
            first_word.lower() not in lexicon.PHRASE_ACRONYMS and \
            not known_names(text.lower())[:1].isupper() and not tool_in_a_list(text):
        text = first_word.lower() + text[len(first_word):]
    if re.match(r"^\w+ing\b", text) and not _DETERMINER.match(text):
        return "my experience " + text
    if _NUMBER_WORD.match(text) or not _DETERMINER.match(text):
        # "my SQL and my stats background", not "my SQL and a stats background"
        return "my " + re.sub(r"(,|\band)\s+(?:a|an)\s+", r"\1 my ", text)
    return text
