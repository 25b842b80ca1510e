"""The reflection's summary: what went well (only what the answers show), the one focus
chosen by impact, and what in the answers was specific or generic.

Focus (README "What Debrief decides"):

1. **Follow up** while the thank-you window is open and the note is not sent: nothing else
   a person can still do today changes as much.
2. Otherwise the weakest area by score (0-2, ``dialogue.area_scores``), never one scored
   1.5 or more (that is something they did well). Ties go by impact, :data:`IMPACT`:
   follow up (cheap and decisive), stand out (the first reason people are not called
   back), prepared, right jobs (a slower, strategic change), professional (the rarest
   problem).
3. Nothing weak (or nothing answered, window closed): no focus; the summary says to keep
   doing what worked.

The focus paragraph quotes or refers to what they typed, and comes in several phrasings:
the one used is chosen by how many interviews the person has logged up to this one, so two
interviews in a row never get the same paragraph.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from bot.copy.naming import employer, their_words
from bot.copy.naming import quote as _quote
from bot.model import Area, Interview, InterviewType, Outcome, ThankYou
from bot.notes import (
    Phrase,
    Refusal,
    RefusalReason,
    note_recipients,
    own_references,
    reference_for,
    reference_phrase,
)
from bot.reflection.focus import FOLLOW_UP_BY_TYPE, LATE_BY_TYPE, TIPS_BY_TYPE
from bot.reflection.questions import AREA_NAMES, RESEARCHED, type_of
from bot.reflection.reading import Specifics, asked, gist, is_nothing, specifics
from bot.values import Choice, Destination, Reply, ReplyField

__all__ = ["IMPACT", "choose_focus", "focus_tip", "interview_kind", "summary_reply",
           "went_well"]

IMPACT: tuple[Area, ...] = (Area.FOLLOW_UP, Area.STAND_OUT, Area.PREPARED, Area.RIGHT_JOBS,
                            Area.PROFESSIONAL)
DID_WELL = 1.5


def window_open(interview: Interview, now: datetime, window: timedelta) -> bool:
    return interview.thank_you is not ThankYou.SENT and now < interview.happens_at + window


# After these the thank-you is no longer the point: a rejection gets its own reply (the
# note below the summary), an offer its own conversation.
DECIDED = (Outcome.REJECTED, Outcome.OFFER)


def choose_focus(interview: Interview, scores: dict[Area, float], now: datetime,
                 window: timedelta) -> Area | None:
    decided = interview.outcome in DECIDED
    if window_open(interview, now, window) and not decided:
        return Area.FOLLOW_UP
    weak = [a for a in IMPACT if a in scores and scores[a] < DID_WELL
            and not (decided and a is Area.FOLLOW_UP)]
    if not weak:
        return None
    return min(weak, key=lambda a: (scores[a], IMPACT.index(a)))


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
                    not re.search(r"\b(?:my|me|mine|I|I'm|I've)\b", phrase.text):
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
    remember = specifics(answers.get("remember"))
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
    before "14"), a bare one with the word after it ("14 teams", "5 yrs")."""
    if found.numbers:
        number = next((n for n in found.numbers if not n.isdigit()), found.numbers[0])
        said = re.search(rf"(?<![\w.]){re.escape(number)}\s+[^\s,;.!?]+", answer) \
            if number.isdigit() else None
        detail = said.group(0) if said else number
        # a span of time with what it was of: "5 hrs a week", "3 yrs in logistics"
        longer = re.search(rf"(?<![\w.]){re.escape(detail)}(?<=[a-z])\s+(?:(?:a|per|each|"
                           r"every)\s+(?:day|week|month|year|sprint|quarter)|(?:of|in|at)\s+"
                           r"[^\W\d][\w-]*)\b", answer, re.I)
        return longer.group(0) if longer else detail
    if found.named:
        return found.example
    said = re.search(rf"\b{re.escape(found.example)}\b(?:\s+[^\s,;.!?]+){{0,8}}", answer,
                     re.I)
    return said.group(0) if said else found.example


def specific_or_generic(interview: Interview) -> list[str]:
    """Which answers were specific and which generic, named in their own words."""
    answers = interview.answers
    lines: list[str] = []
    for key, what in (("remember", "what they'll remember"), ("bring", "what you bring")):
        value = answers.get(key)
        if not isinstance(value, str):
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
        if read.generic and not read.own:
            generic = their_words(read.generic[0], interview.company, 40)
            lines.append(f"Generic - \"{generic}\" is a question any "
                         f"candidate asks. One only you could ask: {own_question(answers)}")
    return lines


_FOLLOW_UP = (
    "Send it before {deadline}{mention}. A note that names something you discussed is how "
    "they remember which candidate you were. Your draft is below.",
    "The 24 hours run until {deadline}: a short note{mention} now does more than a long one "
    "later. Your draft is below.",
    "Before {deadline}, send the note{mention} - most candidates never do, so it sets you "
    "apart. Your draft is below.",
)
_FOLLOW_UP_LATE = (
    "Next time, send the note within 24 hours and name one thing you discussed. For this "
    "one, a short late note is still better than none.",
    "The 24 hours have passed - a brief note today still helps. Next time, send it the same "
    "day while the conversation is fresh for both of you.",
    "A late note is still worth sending. For the next interview, put a reminder in for that "
    "evening and name one thing you talked about.",
)
_STAND_OUT = (
    "{said} Before your next interview, write down three short stories (the problem, what "
    "you did, the result in numbers) and tell one of them.",
    "{said} Pick one result you're proud of, put a number on it, and practise saying it in "
    "two sentences - that is what gets repeated to the hiring manager.",
    "{said} Next time, answer one question with a story that ends in a result (\"so we cut "
    "it from 3 days to 4 hours\"). Stories stick; adjectives don't.",
)
_PREPARED = (
    "{said} Next time, spend 30 minutes on the company's recent news, the industry's big "
    "challenge and the interviewer's profile, and bring two questions only you could ask - "
    "like {example}",
    "{said} Before the next one, write two questions from what you learned about them - "
    "like {example} - and one about the team's biggest challenge this year.",
    "{said} Bring questions that show you did your homework, such as {example}; they make "
    "the interviewer think, which is what they remember.",
)
_RIGHT_JOBS = (
    "{said} Check the fit before you apply: list the role's top five requirements and mark "
    "the ones you clearly meet. Three or more is a good sign.",
    "{said} Favour roles where you clearly bring something; if the fit keeps coming out low, "
    "a neighbouring field or another city may value you more.",
    "{said} Write one sentence on what you bring that this role needs, with a number in it - "
    "if you can't, it may not be the right job to chase.",
)
_PROFESSIONAL = (
    "{said} Be warm, but steer back within a minute: link the small talk to the role "
    "(\"That reminds me of how your team…\"). Personable, not their new friend.",
    "{said} When personal topics come up, answer briefly and bring it back to the work - "
    "friendship can come after the offer.",
    "{said} Keep one bridge sentence ready (\"Speaking of which, I'd love to hear how your "
    "team…\") to turn small talk back to the role.",
)


def _said(area: Area, answers: dict[str, Any], company: str) -> str:
    """A short sentence quoting or referring to what they answered for the area."""
    if area is Area.STAND_OUT:
        remember = answers.get("remember")
        if not isinstance(remember, str) or is_nothing(remember):
            return "You weren't sure what they'll remember about you."
        found = specifics(remember)
        if found.only_generic:
            return f"\"{_quote(found.generic[0])}\" is what most candidates say about themselves."
        if found.specific:  # already quoted whole in "What went well": name the detail
            if answers.get("memorable") == "generic":
                return (f"You felt you blended in, yet \"{found.example}\" is a detail that "
                        "sticks - lead with it sooner.")
            return (f"\"{found.example}\" is a good detail - make it the headline of your "
                    "answer, not a side note.")
        return f"You said they'll remember \"{their_words(remember, company)}\" - make it sharper."
    if area is Area.PREPARED:
        questions = answers.get("questions_asked")
        if isinstance(questions, str):
            read = asked(questions)
            if read.nothing:
                return "You didn't get to ask questions of your own this time."
            if read.generic and not read.own:
                return (f"\"{their_words(read.generic[0], company, 40)}\" is a question every "
                        "candidate asks.")
        researched = answers.get("researched")
        if isinstance(researched, list) and len(researched) < 2:
            return "Your research covered little of the company, industry, role and interviewer."
        return "Preparation is where this one can grow."
    if area is Area.RIGHT_JOBS:
        fit = answers.get("fit")
        bring = specifics(answers.get("bring"))
        if bring.only_generic:
            return (f"\"{_quote(bring.generic[0])}\" doesn't say what you bring to this role "
                    "in particular.")
        if isinstance(fit, str) and fit.isdigit():
            return f"You rated the fit {fit} out of 5."
        return "The fit with this role looks uncertain."
    if area is Area.PROFESSIONAL:
        drift = answers.get("professional")
        return ("You felt the conversation got too personal." if drift == "too_personal"
                else "You felt the conversation drifted a little.")
    return ""


def interview_kind(interview: Interview) -> InterviewType | None:
    """The kind the reflection's first question (or ``type:``) gave, if any."""
    if interview.interview_type is not None:
        return interview.interview_type
    return type_of(interview.answers["type"]) if "type" in interview.answers else None


def _note_to(interview: Interview, kind: InterviewType) -> tuple[str, str]:
    """Who the follow-up tip tells them to write to, and the line pointing at the drafts:
    the names the notes are addressed to, else the recruiter or each panel member."""
    people = note_recipients(interview)
    named = [p.name for p in people if p.name]
    drafts = ("Your drafts are ready, one each." if len(people) > 1
              else "Your draft is below.")
    if kind is InterviewType.PANEL:
        if len(named) > 1:  # everyone a note goes to: "Maria, Tom and the guy from sales"
            everyone = [p.name or p.full for p in people]
            return ", ".join(everyone[:-1]) + " and " + everyone[-1], drafts
        return "each person on the panel", drafts
    return (named[0] if len(named) == 1 else "the recruiter"), drafts


def focus_tip(area: Area, interview: Interview, now: datetime, window: timedelta,
              deadline: str, variant: int) -> str:
    """The focus paragraph, in the words of the interview's kind where the advice differs
    by kind (:mod:`bot.reflection.focus`), else the general ones."""
    answers = interview.answers
    kind = interview_kind(interview)
    if area is Area.FOLLOW_UP:
        to, drafts = _note_to(interview, kind) if kind is not None else ("", "")
        if not window_open(interview, now, window):
            tips = LATE_BY_TYPE.get(kind, _FOLLOW_UP_LATE) if kind else _FOLLOW_UP_LATE
            return tips[variant % len(tips)].format(to=to)
        phrase = reference_for(interview)  # the one the note uses
        # Quoted as the note says it (to the interviewer): unquoted, "mention your Kafka
        # migration" or "mention how I prioritise" reads as the bot speaking of their own.
        mention = f" and mention \"{phrase.text}\"" if isinstance(phrase, Phrase) else ""
        each = own_references(interview)
        if len(each) > 1:  # "… what each asked about ("X" to Priya, "Y" to Guy)"
            mention = " and mention what each of them asked about (" + ", ".join(
                f"\"{topic}\" to {name}" for name, topic in each) + ")"
        tips = FOLLOW_UP_BY_TYPE.get(kind, _FOLLOW_UP) if kind else _FOLLOW_UP
        tip = tips[variant % len(tips)].format(deadline=deadline, mention=mention, to=to,
                                               drafts=drafts)
        if interview.thank_you is ThankYou.NO:
            return "You decided not to send a note - if you change your mind, it isn't too " \
                   "late. " + tip
        return tip
    own = TIPS_BY_TYPE.get(kind, {}).get(area) if kind else None
    tips = own or {Area.STAND_OUT: _STAND_OUT, Area.PREPARED: _PREPARED,
                   Area.RIGHT_JOBS: _RIGHT_JOBS, Area.PROFESSIONAL: _PROFESSIONAL}[area]
    return tips[variant % len(tips)].format(said=_said(area, answers, interview.company),
                                            example=own_question(answers)).strip()


_OPENERS = (
    "Done - thanks for taking the time.",
    "That's the reflection.",
    "Thanks - that's every question.",
    "All done. Here's what your answers say.",
    "Finished - here's the short version.",
)

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
    return (f"You found \"{their_words(hardest, interview.company)}\" hardest: that's what "
            "to study before your next round.")


def summary_reply(interview: Interview, *, focus: Area | None, tip: str, note: str,
                  nudge_lines: list[str], answered: list[str], note_intro: str,
                  note_actions: tuple[Choice, ...]) -> Reply:
    """``note_intro`` and ``note_actions`` come from the note composer (``bot.notes``): they
    fit the note's situation (on time, late, already sent, after a rejection)."""
    assert interview.id is not None
    well = went_well(interview)
    fields = []
    if answered:
        fields.append(ReplyField("Your answers", "\n".join(answered)))
    fields.append(ReplyField("What went well", "\n".join(f"• {w}" for w in well) if well
                             else "• You took the time to reflect - that's how interviewing "
                                  "gets easier."))
    read = specific_or_generic(interview)
    if read:
        fields.append(ReplyField("Specific or generic", "\n".join(f"• {r}" for r in read)))
    if focus is not None:
        fields.append(ReplyField(f"One thing to focus on: {AREA_NAMES[focus]}", tip))
    else:
        fields.append(ReplyField("Keep doing this", "Nothing in your answers stands out as "
                                 "weak - do the same in your next interview."))
    study = to_study(interview)
    if study:
        fields.append(ReplyField("Before the next round", study))
    fields.append(ReplyField("Reminders scheduled",
                             "\n".join(nudge_lines) if nudge_lines else "None"))
    opener = _OPENERS[interview.id % len(_OPENERS)]
    return Reply(title=f"Your reflection: {employer(interview)}", text=f"{opener} {note_intro}",
                 fields=tuple(fields), copy_text=note, destination=Destination.DM,
                 actions=note_actions, tags=frozenset({"summary"}))
