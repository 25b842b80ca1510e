"""The summary's focus paragraph for the area chosen (``bot.reflection.summary``): it quotes
or refers to what they typed, in the words of the interview's kind where the advice differs
by kind (:mod:`bot.reflection.focus`), else in the general words here. Each comes in several
phrasings; the one used is chosen by how many interviews the person has logged up to this
one, so two interviews in a row never get the same paragraph."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.copy.naming import listed, their_words
from bot.copy.naming import quote as _quote
from bot.model import Area, Interview, InterviewType, ThankYou
from bot.notes import Phrase, note_recipients, own_references, reference_for
from bot.reflection.focus import FOLLOW_UP_BY_TYPE, LATE_BY_TYPE, TIPS_BY_TYPE
from bot.reflection.pay import asked_pay
from bot.reflection.questions import interview_kind
from bot.reflection.readback import own_question
from bot.reflection.reading import asked, is_nothing, specifics
from bot.reflection.their_side import about_them

__all__ = ["focus_tip", "interview_kind", "window_open"]


def window_open(interview: Interview, now: datetime, window: timedelta) -> bool:
    return interview.thank_you is not ThankYou.SENT and now < interview.happens_at + window



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
    "{said} This week, write down one short story - the problem, what you did, the result in "
    "numbers - and save it with `/debrief stories add <title> | <story>`; prep puts it in "
    "front of you before your next interview.",
    "{said} Pick one result you're proud of, put a number on it, and save it tonight with "
    "`/debrief stories add <title> | <story>` - then say it in two sentences before your next "
    "interview. That is what gets repeated to the hiring manager.",
    "{said} Next time, answer one question with a story that ends in a result (\"so we cut "
    "it from 3 days to 4 hours\"). Stories stick; adjectives don't - keep yours ready with "
    "`/debrief stories add <title> | <story>`.",
)
_PREPARED = (
    "{said} Log your next interview as soon as it's booked (`/debrief interview <company> "
    "when:\"<day and time>\"`): the evening before, I'll send your prep - a 30-minute "
    "research checklist and room for two questions only you could ask, like {example}",
    "{said} The evening before your next interview, write two questions from what you "
    "learned about them - like {example} - and keep them with `/debrief prep question "
    "<question>`.",
    "{said} Next time, write two questions the evening before that show you did your "
    "homework, such as {example}; they make the interviewer think, which is what they "
    "remember.",
)
_RIGHT_JOBS = (
    "{said} Check the fit before you apply: list the role's top five requirements and mark "
    "the ones you clearly meet. Three or more is a good sign.",
    "{said} Before your next application, list its top five requirements and mark the ones "
    "you clearly meet; under three, look at a neighbouring field or another city, where "
    "what you bring may count for more.",
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
        if about_them(remember):
            return ("How they behaved isn't what they'll remember about you - that part is "
                    "yours to shape.")
        if not isinstance(remember, str) or is_nothing(remember):
            if answers.get("memorable") == "memorable":  # sure they will, not of what
                return ("You felt they'll remember you, but not what for - put it into "
                        "words, so you can say it again.")
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
            if read.pay and not read.own:
                return asked_pay(their_words(read.pay[0], company, 40))
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
            own = answers.get("bring")
            if isinstance(own, str) and not is_nothing(own) and not about_them(own):
                return (f"You rated the fit {fit} out of 5 and said \""
                        f"{their_words(own, company, 80)}\".")
            return f"You rated the fit {fit} out of 5."
        return "The fit with this role looks uncertain."
    if area is Area.PROFESSIONAL:
        drift = answers.get("professional")
        return ("You felt the conversation got too personal." if drift == "too_personal"
                else "You felt the conversation drifted a little.")
    return ""


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
            return listed(everyone), drafts
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
