"""Third person to second: the reference is read as the interviewer's side ("their Kafka
migration" -> "your Kafka migration", "how she leads the team" -> "how you lead the team"),
unless a noun "they" could point at comes first ("the data team and how they hire" stays).
See :mod:`bot.notes.reference` for the rule as documented to people."""

from __future__ import annotations

import re

from bot.notes import lexicon

__all__ = ["to_second_person"]

_PRONOUN = re.compile(r"\b(they're|they've|they'll|they'd|he's|she's|they|them|their|theirs|"
                      r"themselves|he|she|him|his|her|hers|himself|herself)\b", re.I)
_SIMPLE_SWAP = {"they're": "you're", "they've": "you've", "they'll": "you'll",
                "they'd": "you'd", "they": "you", "them": "you", "their": "your",
                "theirs": "yours", "themselves": "yourselves", "him": "you", "his": "your",
                "hers": "yours", "himself": "yourself", "herself": "yourself"}
_NOT_A_NOUN = frozenset({"about", "and", "or", "but", "to", "for", "with", "on", "in", "at",
                         "from", "that", "which", "who", "when", "how", "if", "so", "as",
                         "the", "a", "an", "is", "was", "during", "after", "before"})
_ADVERBS = frozenset({"always", "also", "really", "usually", "often", "still", "never",
                      "just", "now", "actually", "personally", "currently"})
_NOT_PLURAL = frozenset({"this", "is", "was", "has", "does", "its", "his", "hers", "yours",
                         "kubernetes", "analytics", "business", "process", "status", "focus",
                         "aws", "ios", "devops", "sales", "success", "access", "address",
                         "class", "less", "across", "us", "as", "always", "plus", "series",
                         "news", "bonus", "campus", "corpus", "canvas", "redis", "postgres",
                         "chaos", "nexus", "thesis", "basis", "analysis", "diagnosis",
                         "progress", "express", "ops", "mlops", "finops", "secops",
                         "dataops", "gitops", "atlas", "lens", "alias", "axis",
                         "genius", "previous", "various", "serious", "famous", "gas", "bus",
                         "whats", "lets", "thus", "towards", "afterwards", "perhaps"})


def to_second_person(text: str) -> str:
    out: list[str] = []
    position = 0
    while (match := _PRONOUN.search(text, position)) is not None:
        between = text[position:match.start()]
        word = match.group(1).lower()
        if not word.startswith(("he", "she", "him", "his", "her")) and _names_a_group(between):
            break  # "the data team and how they hire": "they" is the team, left as typed
        out.append(between)
        rest = text[match.end():]
        if word in ("he", "she"):
            out.append("you")
            text = text[:match.end()] + _conjugate_for_you(rest)
        elif word in ("he's", "she's"):
            following = rest.split()[:1]
            perfect = bool(following) and (
                following[0].lower() in ("been", "got", "gotten") or
                following[0].lower().endswith(("ed", "en")))
            out.append("you've" if perfect else "you're")
        elif word == "her":
            noun = re.match(r"\s+([A-Za-z][\w'-]*)", rest)
            out.append("your" if noun and noun.group(1).lower() not in _NOT_A_NOUN else "you")
        else:
            out.append(_SIMPLE_SWAP[word])
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def _names_a_group(between: str) -> bool:
    for word in re.findall(r"[A-Za-z][\w'-]*", between):
        lower = word.lower()
        if lower in lexicon.GROUP_NOUNS:
            return True
        if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "'s", "us")) \
                and lower not in _NOT_PLURAL:
            return True
    return False


def _conjugate_for_you(rest: str) -> str:
    """The verb after "you" (was "he"/"she"): "leads" -> "lead", "is" -> "are"."""
    match = re.match(r"(\s+)((?:\w+\s+)?)(\w[\w']*)", rest)
    if not match:
        return rest
    space, adverb, verb = match.groups()
    if adverb and adverb.strip().lower() not in _ADVERBS:
        adverb, verb = "", adverb.strip()
        match = re.match(r"(\s+)(\w[\w']*)", rest)
        assert match is not None
        space, verb = match.groups()
    lower = verb.lower()
    if lower in lexicon.VERB_FOR_YOU:
        new = lexicon.VERB_FOR_YOU[lower]
    elif lower.endswith("ies") and len(lower) > 4:
        new = verb[:-3] + "y"
    elif lower.endswith(("ches", "shes", "sses", "xes", "zzes", "oes")):
        new = verb[:-2]
    elif lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 2:
        new = verb[:-1]
    else:
        return rest
    return space + adverb + new + rest[match.end():]
