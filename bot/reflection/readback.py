"""The answers read back in the summary, in the person's own words: what went well (only
what the answers show), which answers were specific and which generic (a pay question is
fair, not stock: bot.reflection.pay), the hardest question as what to study (or, for a pay
question, the range to prepare), and a question only they could ask (built on what they
discussed)."""

from __future__ import annotations

import re
from typing import Any

from bot.copy.naming import their_words
from bot.model import Interview, ThankYou
from bot.notes import Phrase, Refusal, RefusalReason, reference_phrase
from bot.reflection.pay import pay_hardest, pay_question
from bot.reflection.questions import RESEARCHED, interview_kind
from bot.reflection.reading import Specifics, asked, gist, is_nothing, specifics
from bot.reflection.their_side import about_them

__all__ = ["own_question", "specific_or_generic", "to_study", "went_well"]


# Words too broad to build a question on: "What's the hardest part of the team right now?"
_VAGUE = re.compile(r"^(?:(?:the|your|their|our|my|a|an)\s+)?(?:team|teams|company|role|job|"
                    r"position|work|stuff|things?|business|product|people|culture|process|"
                    r"interview|everything|it|them)$", re.I)


def _topic(answers: dict[str, Any]) -> str | None:
    """What they discussed, as a phrase to build a question on (their words only)."""
    for key in ("reference", "interest"):
        value = answers.get(key)
        if isinstance(value, str):
            phrase = reference_phrase(value)
            # Their side only: "the hardest part of my campaign for the bakery" asks the
            # interviewer about the candidate's own work.
            if isinstance(phrase, Phrase) and not phrase.fact and not \
                    phrase.text.lower().startswith(("how ", "what ", "why ", "when ", "who ",
                                                     "that ")) and \
                    not re.search(r"\b(?:my|me|mine|I|I'm|I've)\b", phrase.text) and \
                    not _VAGUE.match(phrase.text.strip()):
                return phrase.text
    return None


def own_question(answers: dict[str, Any]) -> str:
    """One example of a question only this person could have asked."""
    topic = _topic(answers)
    if topic:
        return f"\"What's the hardest part of {topic} right now?\""
    return "\"Six months from now, if this hire has gone really well, what will have changed?\""


def went_well(interview: Interview) -> list[str]:
    """Only what the answers show; a skipped or "idk" answer shows nothing."""
    answers = interview.answers
    lines: list[str] = []
    remember = specifics(None if about_them(answers.get("remember")) else answers.get("remember"))
    if remember.specific:
        lines.append(f"You gave them something specific to remember: "
                     f"\"{their_words(gist(answers['remember']), interview.company)}\".")
    elif answers.get("memorable") == "memorable" and not remember.only_generic:
        lines.append("You felt you left a mark - that confidence shows.")
    if interview.thank_you is ThankYou.SENT:
        lines.append("Your thank-you note is already out.")
    if answers.get("professional") == "on_topic":
        lines.append("You kept things friendly and on topic.")
    researched = answers.get("researched")
    if isinstance(researched, list) and len(researched) >= 2:
        names = [o.label.lower() for o in RESEARCHED.options if o.value in researched]
        lines.append(f"You researched {', '.join(names[:-1])} and {names[-1]} beforehand.")
    questions = answers.get("questions_asked")
    if isinstance(questions, str):
        own = asked(questions).own
        if own:
            lines.append(_own_question_line(their_words(own[0], interview.company)))
    bring = specifics(answers.get("bring"))
    if answers.get("fit") in ("4", "5") and bring.specific:
        lines.append("The role fits what you bring: "
                     f"\"{their_words(gist(answers['bring']), interview.company)}\".")
    return lines


_ASKED_LEAD = re.compile(r"^(?:I\s+)?asked\s+(?:(?P<who>them|him|her|the \w+)\s+)?", re.I)
_QUESTION_WORD = re.compile(r"(?:^|[-–,;:]\s*)(?:what|whats|what's|how|why|when|who|where|"
                            r"which|is|are|do|does|did|can|could|would|will|should|have|has)"
                            r"\b", re.I)


def _own_question_line(question: str) -> str:
    """"You asked a question of your own: "how will the new site change the team?"", its
    question mark back; told as a report ("asked about their data stack") it is said as
    one: "You asked about their data stack - a question of your own." """
    told = _ASKED_LEAD.match(question)
    if told and question[told.end():].strip():
        who = f" {told.group('who')}" if told.group("who") else ""
        return f"You asked{who} {question[told.end():].strip()} - a question of your own."
    mark = "?" if _QUESTION_WORD.search(question) and not question.endswith("?") else ""
    return f"You asked a question of your own: \"{question}{mark}\"."


def _detail(found: Specifics, answer: str) -> str:
    """The specific thing to name back: a number or a name as it is ("18%", "Kafka"); a
    result with what it was about ("fixed a race condition in their queue consumer"), as
    a verb alone ("fixed") is no detail anyone repeats. A number with its unit first ("35%"
    before "14"), then a bare one with the word after it ("14 teams", "5 yrs"), a number in
    words last ("six months" of "within six months of joining"). Whatever is quoted ends
    where a phrase ends (:func:`_phrase_end`)."""
    if found.numbers:
        number = min(found.numbers, key=lambda n: (not re.match(r"\D*\d", n), n.isdigit()))
        said = re.search(rf"(?<![\w.]){re.escape(number)}\s+[^\s,;.!?]+", answer) \
            if number.isdigit() else None
        detail = said.group(0) if said else number
        # a span of time with what it was of: "5 hrs a week", "3 yrs in logistics"
        longer = re.search(rf"(?<![\w.]){re.escape(detail)}(?<=[a-z])\s+(?:(?:a|per|each|"
                           r"every)\s+(?:day|week|month|year|sprint|quarter)|[a-z]+ing(?:\s+[^\W\d][\w-]*)"
                           r"{1,2}|(?:of|in|at|as|with)\s+"
                           r"(?:(?:a|an|the|my|our)\s+)?[^\W\d][\w-]*(?:\s+[^\W\d][\w-]*){0,2})\b",
                           answer, re.I)
        core = re.search(rf"(?<![\w.]){re.escape(detail)}", answer, re.I)
        if core is None:
            return detail
        end = core.start() + len(longer.group(0)) if longer and \
            longer.start() == core.start() else core.end()
        return _phrase_end(answer, core.start(), end, _whole_words(detail))
    if found.named:
        return found.example
    said = re.search(rf"\b{re.escape(found.example)}\b(?:\s+[^\s,;.!?]+){{0,8}}", answer,
                     re.I)
    if said is None:
        return found.example
    return _phrase_end(answer, said.start(), said.end(), found.example)


# Where a quoted detail stops: before a new clause ("… on the whiteboard and they seemed to
# like it" was quoted as "designed a rate limiter on the whiteboard and they"), and never on
# a small word ("3 yrs at a").
_CLAUSE_END = re.compile(r"\s+(?:and|but|so|which|because|then)\s+(?:they|he|she|we|i|it|"
                         r"you)\b.*$", re.I)
_SMALL_END = re.compile(r"(?:\s+(?:and|or|but|so|the|a|an|to|of|at|in|on|with|for|by|from|"
                        r"my|our|their|his|her|your|its|this|that|they|we|i|it|thing|stuff|"
                        r"lol|haha|etc))+$", re.I)
# What may follow a whole phrase: the end, a mark, a new clause or a preposition ("reduced
# churn by building a dashboard | for the sales team"; "3 features | in a 2-week sprint").
_NEXT_IS_NEW = re.compile(r"\s*(?:$|[,;:.!?()\"“”]|[-–—]\s|(?:and|but|or|so|which|who|that|"
                          r"because|then|when|while|where|after|before|since|until|by|for|"
                          r"in|at|on|to|from|with|without|over|during|within|of|lol|haha)\b)",
                          re.I)
_QUOTED_MAX = 50  # characters: the summary quotes no more (bot.copy.naming.their_words)


def _phrase_end(answer: str, start: int, end: int, floor: str) -> str:
    """``answer[start:end]`` ended where a phrase ends: as it is when what follows starts
    something new, else carried on to the next such place if the quote stays short, else
    pulled back to the last one inside it; ``floor`` when there is none ("3 features in
    a" was quoted, and "a dashboard for the…" cut by length)."""
    ends = [m.end() for m in re.finditer(r"[^\s,;:.!?()\"“”]+", answer)
            if m.end() > start and _NEXT_IS_NEW.match(answer, m.end())]
    after = [e for e in ends if e >= end and e - start <= _QUOTED_MAX]
    inside = [e for e in ends if start + len(floor) <= e <= end and e - start <= _QUOTED_MAX]
    if after:
        chosen = answer[start:after[0]]
    elif inside:
        chosen = answer[start:inside[-1]]
    else:
        return floor
    return _whole_words(chosen.strip()) or floor


def _whole_words(detail: str) -> str:
    return _SMALL_END.sub("", _CLAUSE_END.sub("", detail)) or detail


def specific_or_generic(interview: Interview) -> list[str]:
    """Which answers were specific and which generic, named in their own words."""
    answers = interview.answers
    lines: list[str] = []
    for key, what in (("remember", "what they'll remember"), ("bring", "what you bring")):
        value = answers.get(key)
        if not isinstance(value, str) or about_them(value):
            continue
        found = specifics(value)
        if found.specific:
            detail = their_words(_detail(found, value), interview.company, 50)
            lines.append(f"Specific - {what}: \"{detail}\" is the "
                         "kind of detail people repeat to the hiring manager.")
        elif found.only_generic:
            stock = ", ".join(f"\"{g}\"" for g in found.generic[:3])
            lines.append(f"Generic - {what}: {stock} is what every candidate says. A number, "
                         "a project or a result would stick.")
    questions = answers.get("questions_asked")
    if isinstance(questions, str):
        read = asked(questions)
        if read.pay and not read.own:
            lines.append(pay_question(their_words(read.pay[0], interview.company, 40),
                                      interview_kind(interview), own_question(answers)))
        elif read.generic and not read.own:
            generic = their_words(read.generic[0], interview.company, 40)
            lines.append(f"Generic - \"{generic}\" is a question any "
                         f"candidate asks. One only you could ask: {own_question(answers)}")
    return lines


_ALL_OF_THEM = re.compile(r"\W*(?:honestly\s+|tbh\s+)?(?:all|everything|every (?:one|question)|"
                          r"the whole thing|most|pretty much all)(?: of (?:them|it))?"
                          r"(?:\s+(?:lol|haha|tbh|honestly|really|tbf|to be honest))*\W*$",
                          re.I)


def to_study(interview: Interview) -> str | None:
    """The hardest question, named back as what to study: the question's hint promises it
    ("It tells you what to study before the next round"). None for a skip or "idk"."""
    hardest = interview.answers.get("hardest")
    if not isinstance(hardest, str) or is_nothing(hardest) or _ALL_OF_THEM.match(hardest):
        return None  # "all of them lol", quoted back, would read as a jibe
    read = reference_phrase(hardest)
    if isinstance(read, Refusal) and read.reason in (RefusalReason.EMPTY,
                                                     RefusalReason.NON_ANSWER,
                                                     RefusalReason.GENERIC):
        return None
    if isinstance(read, Refusal) and read.reason is RefusalReason.PAY:
        return pay_hardest(their_words(hardest, interview.company))
    return (f"You found \"{their_words(hardest, interview.company)}\" hardest: that's what "
            "to study before your next round.")
