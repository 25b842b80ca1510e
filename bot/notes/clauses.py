"""A reference typed as a clause ("the team is 6 people", "they are moving reporting to
Looker") made into a phrase that reads after "our conversation about".

People answer "what did you discuss" with what they heard, so a subject and a verb are
common. Dropped raw into the note the clause reads badly ("our conversation about the team
is 6 people"). The rules, modest on purpose:

* Two clauses joined by "and" or a comma: the one about something happening ("they are
  moving all reporting to Looker") is kept over a plain fact ("the team is 6 people"); when
  both are facts, or both are happening, the first is kept.
* A clause about something happening gets "how" ("how the team is moving to Looker"), as a
  pronoun-led clause already did ("how you run the platform group").
* A plain fact cannot be a topic without reading flat ("our conversation about the team
  being 6 people"), so it stays a clause and is marked as a fact: the note says it as one
  ("It was helpful to hear that the team is 6 people"). Typed as a gerund ("the team being 6
  people") it is made a clause again; typed without a verb ("3 rounds left") it gets
  "there are". A place is the exception: "the office is in Berlin" reads well as "the
  office in Berlin", a topic like any other.

Nothing is added but "how", "there are" or "is"/"has" for a typed "being"/"having"; the
person's words stay in their order.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.notes import lexicon

__all__ = ["Clause", "clause_to_phrase", "one_clause"]

_PRONOUNS = ("they", "he", "she", "we", "i", "you", "they're", "we're", "i'm", "you're",
             "he's", "she's", "they've", "we've", "i've")
_OWNER = r"(?:the|their|your|our|his|her|its|this|these|those|my)"
# A noun subject: a determiner and one to three words that are not a joint or a question.
# No pronoun inside it: "the way they use kafka" is a noun and its own clause ("the way
# they use"), not a subject "the way they" with a verb (it read "how the way you use").
_SUBJECT_WORD = (r"(?!(?:and|or|how|what|which|who|that|of|with|is|are|was|were|has|have|"
                 r"had|they|we|he|she|i|you|it|the|their|our|your|a|an)\b)[\w'&/.+-]+\s+")
# "the head of the data team": one "of" and its owner inside the subject.
_NOUN_SUBJECT = (_OWNER + r"\s+(?:" + _SUBJECT_WORD + r"){1,3}?(?:of\s+" + _OWNER + r"\s+(?:"
                 + _SUBJECT_WORD + r"){1,3}?)?")
_BE = r"(?:is|are|was|were)"
# Verbs that state how things are ("the role reports to the CTO"): facts, like "is".
_STATIVE = r"reports?|sits?|belongs?|includes?|covers?|depends?|relies?|consists?"
_HAVE = r"(?:has|have|had)"
_DOES = (r"(?:will|would|can|could|should|might|must|is going to|are going to|plans?|"
         r"wants?|needs?|uses?|runs?|builds?|owns?|handles?|hopes?|expects?|intends?|"
         r"ships?|sells?|serves?|supports?|leads?|manages?|hires?|releases?|deploys?|"
         + _STATIVE + r")")
_VERB = r"(?:" + _BE + "|" + _HAVE + "|" + _DOES + r")"
# An owner is no subject: in "the team's plans to expand" "plans" is no verb.
_NOUN_CLAUSE = re.compile(r"^(?:that\s+)?(?P<subj>" + _NOUN_SUBJECT + r")(?<!'s )(?P<verb>" + _VERB
                          + r")\s+(?P<rest>\S.*)$", re.I)
# "their plan to build X": after an intention and "to", the next word is an infinitive, so
# a doing-verb after it belongs to the plan, not to a subject ("how your plan to move support
# to 24/7" read "support" as the verb). "the plan to migrate is on track" is still a clause.
_INTENT_TO = re.compile(r"\b(?:plans?|decision|push|efforts?|attempts?|goals?|needs?|ambition|"
                        r"intention|strategy|drive|bid|initiative|chance)\s+to(?:\s+\S+)?\s*$",
                        re.I)


def _noun_clause(text: str) -> re.Match[str] | None:
    match = _NOUN_CLAUSE.match(text)
    # "the tps reports and their new ticketing system": a plural before "and" is a list of
    # topics, not a verb ("reports") with its object
    if match is not None and re.match(r"(?:and|or|&|plus)\b", match.group("rest"), re.I):
        return None
    if match is None or (_INTENT_TO.search(match.group("subj")) and not (
            _BE_WORD.fullmatch(match.group("verb"))
            or _HAVE_WORD.fullmatch(match.group("verb")))):
        return None
    return match


_PRONOUN_CLAUSE = re.compile(r"^(?:that\s+)?(?:" + "|".join(_PRONOUNS) + r")\s+\w", re.I)
# Where a second clause starts: "and" or a comma, then a subject and its verb.
_JOIN = re.compile(r"\s*,\s*(?:and\s+|but\s+|while\s+)?(?=(?:" + "|".join(_PRONOUNS)
                   + r")\s+\w|" + _NOUN_SUBJECT + _VERB + r"\s)|\s+(?:and|but|while|plus)\s+"
                   r"(?=(?:" + "|".join(_PRONOUNS) + r")\s+\w|" + _NOUN_SUBJECT + _VERB
                   + r"\s)", re.I)
_PRONOUN_FACT = re.compile(r"^(?:that\s+)?(?:(?:they|we|he|she|you|it|there)(?:\s+(?:are|is|"
                           r"were|was)|'re|'s)|(?:they|we|you)\s+(?:have|had)|"
                           r"(?:he|she|it)\s+(?:has|had))\s+(?!\w+ing\b|\w+ed\b|been\b|"
                           r"got\b|gotten\b|gone\b|done\b)", re.I)
# A fact typed as a topic ("the team being 6 people"): the clause it stands for.
_GERUND_FACT = re.compile(r"^(?P<subj>" + _NOUN_SUBJECT + r")(?P<verb>being|having)\s+"
                          r"(?P<rest>\S.*)$", re.I)
# A count with nothing to say what it counts in ("3 rounds left", "two more interviews").
_BARE_COUNT = re.compile(r"^(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a few|"
                         r"several)\s+(?:more\s+)?\w+\s+(?:left|to go|remaining|ahead|still "
                         r"to come)$", re.I)
# "the office is in Berlin" -> "the office in Berlin": a place reads as a topic.
_PLACE = re.compile(r"^(?:(?:based|located)\s+)?(?:in|at|near|outside)\s+\S", re.I)
_BE_WORD = re.compile(_BE, re.I)
_HAVE_WORD = re.compile(_HAVE, re.I)
_STATIVE_WORD = re.compile(_STATIVE, re.I)
_DOUBLED = re.compile(r"[^aeiou]*[aeiou][bdgmnpt]")
_PARTICIPLE = re.compile(r"^(?:\w+ed|\w+en|been|built|done|made|grown|run|set|begun|gone|"
                         r"just|already|recently|finally|also|started|spent|hired|moved|"
                         r"brought|bought|won|lost|kept|put|cut)\b", re.I)
_NOT_VERB_ING = frozenset({"thing", "something", "nothing", "everything", "anything",
                           "king", "spring", "string", "ring", "morning", "evening",
                           "ceiling", "building", "wedding", "meeting", "offering", "ping"})


def _is_fact(clause: str) -> bool:
    """A plain fact ("the team is 6 people") rather than something happening."""
    if _PRONOUN_FACT.match(clause):
        return True
    match = _noun_clause(clause)
    if match is None:
        return False
    verb = match.group("verb").lower()
    first = match.group("rest").split()[0].lower()
    if _BE_WORD.fullmatch(verb):
        return not first.endswith("ing") or first in _NOT_VERB_ING
    if _HAVE_WORD.fullmatch(verb):
        return not _PARTICIPLE.match(first)
    return bool(_STATIVE_WORD.fullmatch(verb))


def one_clause(text: str) -> tuple[str, bool]:
    """The clause to keep when the answer is several ("the team is 6 people and they are
    moving reporting to Looker" -> the second), and whether any was left out."""
    if not (_noun_clause(text) or _PRONOUN_CLAUSE.match(text)):
        return text, False
    parts = [p.strip() for p in _JOIN.split(text) if p.strip()]
    if len(parts) < 2:
        return text, False
    happening = [p for p in parts if len(p.split()) >= 3 and not _is_fact(p)]
    return (happening or parts)[0], True


def _gerund(verb: str) -> str:
    lower = verb.lower()
    if lower.endswith("ie"):
        return verb[:-2] + "ying"
    if lower.endswith("e") and not lower.endswith(("ee", "ye", "oe")) and len(lower) > 2:
        return verb[:-1] + "ing"
    if _DOUBLED.fullmatch(lower) and len(lower) <= 4:
        return verb + verb[-1] + "ing"
    return verb + "ing"


class Clause(NamedTuple):
    text: str
    fact: bool  # a plain fact, said as one ("that the team is 6 people"), not a topic


def clause_to_phrase(text: str) -> Clause:
    """"to design X" -> "designing X"; "that they moved" / "they moved" -> "how they moved";
    "the team is moving X" -> "how the team is moving X"; "the team is small" stays a
    clause, marked as a fact; "the office is in Berlin" -> "the office in Berlin"."""
    words = text.split()
    if len(words) >= 2 and words[0].lower() == "to" and words[1].isalpha() and \
            words[1].lower() not in ("the", "a", "an", "my", "your", "their", "our"):
        return Clause(" ".join([_gerund(words[1]), *words[2:]]), False)
    if words and words[0].lower() in ("that", "how") and len(words) >= 3 and \
            (words[0].lower() == "that" or _is_fact(" ".join(words[1:]))):
        text, words = " ".join(words[1:]), words[1:]  # "how the team is 6 people": a fact
    if _BARE_COUNT.match(text):
        one = words[0].lower() == "one"
        return Clause(("there is " if one else "there are ") + text, True)
    if len(words) >= 3 and _PRONOUN_FACT.match(text):
        return Clause(text, True)
    if len(words) >= 3 and words[0].lower() in _PRONOUNS and \
            words[1].lower() not in lexicon.GROUP_NOUNS:
        return Clause("how " + text, False)
    named = _NAME_CLAUSE.match(text)
    if named is not None:  # "Mike is migrating to k8s" (a panel member, told to another)
        return Clause(text, True) if _is_fact("the one " + named.group("rest")) else \
            Clause("how " + text, False)
    gerund = _GERUND_FACT.match(text)
    if gerund is not None:
        verb = "has" if gerund.group("verb").lower() == "having" else \
            "are" if _plural(gerund.group("subj")) else "is"
        text = f"{gerund.group('subj')}{verb} {gerund.group('rest')}"
    match = _noun_clause(text)
    if match is None:
        return Clause(text, False)
    if not _is_fact(text):
        return Clause("how " + text, False)
    if _BE_WORD.fullmatch(match.group("verb")) and _PLACE.match(match.group("rest")):
        return Clause(f"{match.group('subj')}{match.group('rest')}", False)
    return Clause(text, True)


# A person's name with its verb: "Mike is migrating to k8s", "Priya leads the data team".
_NAME_CLAUSE = re.compile(r"^(?-i:[A-Z][a-z'-]+)\s+(?P<rest>" + _VERB + r"\s+\S.*)$", re.I)


def _plural(subject: str) -> bool:
    """"the engineers" are, "the team" is (a guess from the last word's ending)."""
    last = subject.split()[-1].lower()
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))
