"""The reflection questionnaire: wording and options. The logic lives in bot.reflection.dialogue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.model import Area, Interview, InterviewType

__all__ = ["ALL_QUESTIONS", "AREA_NAMES", "AREA_WORDS", "AREA_WORK", "BY_TYPE", "QUESTIONS",
           "Option", "Question", "interview_kind", "questions_for", "type_of"]

AREA_NAMES: dict[Area, str] = {
    Area.STAND_OUT: "Stand out",
    Area.FOLLOW_UP: "Follow up",
    Area.PROFESSIONAL: "Professional",
    Area.PREPARED: "Prepared",
    Area.RIGHT_JOBS: "Right jobs",
}

# The areas as work to do, inside a sentence ("work on Stand out" reads as a label).
AREA_WORK: dict[Area, str] = {
    Area.STAND_OUT: "standing out", Area.FOLLOW_UP: "following up",
    Area.PROFESSIONAL: "keeping it professional", Area.PREPARED: "preparation",
    Area.RIGHT_JOBS: "choosing roles that fit"}

# What people may type to name an area (`/debrief tip prepared`, `tips … areas:follow up`).
AREA_WORDS: dict[str, Area] = {a.value.replace("_", " "): a for a in Area} | {
    a.value: a for a in Area} | {
    "standout": Area.STAND_OUT, "followup": Area.FOLLOW_UP, "prep": Area.PREPARED,
    "preparation": Area.PREPARED, "fit": Area.RIGHT_JOBS, "right job": Area.RIGHT_JOBS}


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str
    score: int | None = None  # 0 weak, 1 so-so, 2 strong; None: not scored
    # Everyday words that mean this option ("sent it", "not yet", "pretty good"); matched
    # whole, inside a sentence (the longest wins), or with a small typo (bot.reflection.choices).
    aliases: tuple[str, ...] = ()
    # A sentence that means this option whatever else it says: a regex over the answer as
    # bot.reflection.choices.norm writes it (lower case, no punctuation), tried first.
    said: str | None = None


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    area: Area | None  # None: about the interview itself (type, timeline, names)
    prompt: str
    kind: Literal["choice", "multi", "text"]
    options: tuple[Option, ...] = ()
    hint: str = ""
    # A rating whose labels carry their own number ("4 · Good fit"): not numbered again.
    scale: bool = False
    # May be skipped without costing the summary anything (the newer, deeper questions).
    optional: bool = False


TYPE_QUESTION = Question(
    "type", None, "What kind of interview was it?", "choice",
    (Option("recruiter", "Recruiter screen", aliases=(
        "recruiter", "screen", "screening", "phone screen", "hr", "hr screen", "intro call")),
     Option("technical", "Technical", aliases=(
         "tech", "technical interview", "coding", "live coding", "system design",
         "take home", "case study", "case")),
     Option("panel", "Panel", aliases=("panel interview", "group", "several people",
                                       "multiple interviewers")),
     Option("final", "Final round", aliases=("final", "onsite", "on site", "last round",
                                             "final interview", "hiring manager")),
     Option("other", "Something else", aliases=(
         "other", "something else", "not sure", "first round", "1st round", "second round",
         "2nd round", "behavioral", "behavioural", "behavioral interview", "competency",
         "culture fit"))),
)

MEMORABLE = Question(
    "memorable", Area.STAND_OUT,
    "How memorable do you think you were?", "choice",
    (Option("generic", "I probably blended in", 0, aliases=(
        "blended in", "not memorable", "forgettable", "generic", "not really", "no",
        "nope", "probably not", "meh", "not very", "not at all", "nothing", "bombed",
        "i bombed it", "bombed it", "badly", "it went badly", "went badly", "terrible",
        "awful", "not memorable at all", "eh", "not really memorable")),
     Option("some", "A few moments stood out", 1, aliases=(
        "some", "somewhat", "a bit", "a little", "kind of", "kinda", "sort of", "maybe",
        "a few moments", "partly", "so so", "ok", "okay", "pretty good", "good",
        "fairly", "fairly memorable", "somewhat memorable", "i think so", "i hope so",
        "hopefully", "pretty well", "decent", "not bad", "it went well", "went well",
        "went really well", "went pretty well", "went ok", "went okay", "did well",
        "i did well", "i did ok", "i did okay", "they liked me", "they seemed to like me",
        "i think it went well", "i think i did well", "50 50", "fifty fifty")),
     Option("memorable", "They'll remember me", 2, aliases=(
        "yes", "yeah", "yep", "definitely", "very", "very memorable", "for sure",
        "they will remember", "memorable", "absolutely"))),
)

REMEMBER = Question(
    "remember", Area.STAND_OUT,
    "What is the one thing the interviewer will remember about you?", "text",
    hint="A story you told, a result you named, a question that made them think.",
)

HARDEST = Question(
    "hardest", Area.PREPARED,
    "Which question was hardest, and why?", "text",
    hint="It tells you what to study before the next round. `skip` is fine.",
    optional=True,
)

INTEREST = Question(
    "interest", Area.FOLLOW_UP,
    "What did the interviewer seem most interested in?", "text",
    hint="A project, a skill, a problem their team has. `skip` is fine.",
    optional=True,
)

INTERVIEWERS = Question(
    "interviewers", None,
    "Who was on the panel? Their names, separated by commas.", "text",
    hint="Each gets a note of their own. `skip` if you don't have them.",
    optional=True,
)

THANK_YOU = Question(
    "thank_you", Area.FOLLOW_UP,
    "Your thank-you note: where are you with it?", "choice",
    (Option("sent", "Already sent", 2, aliases=(
        "sent", "sent it", "i sent it", "already did", "did it", "done", "yes", "yep",
        "yeah", "already", "emailed them", "sent one", "i did")),
     Option("planned", "Planning to send it", 1, aliases=(
        "not yet", "planning", "planning to", "will do", "will send", "going to",
        "gonna", "later", "tonight", "tomorrow", "soon", "working on it", "drafting",
        "writing it", "not sent yet", "haven't yet", "have not yet", "have not sent it yet",
        "send one", "i will send", "i will send one", "i will send it", "will send one",
        "i'll send one", "ill send one", "ill send it", "i'll send it")),
     Option("no", "Not going to send one", 0, aliases=(
        "no", "nope", "nah", "won't", "will not", "not sending", "not going to",
        "not sending one", "no thanks", "skip it", "not going to send one",
        "not going to send it"))),
)

REFERENCE = Question(
    "reference", Area.FOLLOW_UP,
    "What did you discuss that your thank-you note should mention?", "text",
    hint="A project they described, a challenge the team has, something you both enjoyed.",
)

# "10 min about our dogs lol then all business": rapport, and they came back, but ten minutes
# of a 45-minute interview on private life is a drift (COACHING.md, reason 3), however it
# ended. A minute of small talk ("a bit of small talk then all business") is not.
_PERSONAL_TOPICS = (r"dogs?|cats?|pets?|puppy|kids?|children|family|baby|wedding|weekend|"
                    r"holidays?|vacation|trip|travel\w*|football|soccer|basketball|sports?|"
                    r"games?|hobbies|hobby|music|movies?|films?|tv|shows?|netflix|hometown|"
                    r"school|college|uni|university|weather|food|cooking|running|gym|"
                    r"personal|life|lives|small talk|chit chat|random stuff")
_LONG_PERSONAL_TALK = (
    r"^(?=.*\b(?:(?:[5-9]|[1-5][0-9]|five|ten|fifteen|twenty|thirty) ?(?:min|mins|minutes)|"
    r"half an hour|half the (?:call|interview|time|hour)|most of the (?:call|interview|"
    r"time|hour)|ages|forever|a long time|a good while|the first half)\b)"
    r"(?=.*\b(?:" + _PERSONAL_TOPICS + r")\b)")

PROFESSIONAL = Question(
    "professional", Area.PROFESSIONAL,
    "Did the personal talk stay professional and on topic?", "choice",
    (Option("on_topic", "Friendly and on topic", 2, aliases=(
        "yes", "yep", "yeah", "it did", "on topic", "professional", "friendly",
        "stayed on topic", "all good", "fine", "pretty good", "good", "i think so",
        "pretty much", "it was fine", "all business", "strictly business",
        "purely professional", "very professional", "it was professional", "ok", "okay",
        "it was ok", "it was okay", "totally", "completely", "100%",
        "small talk then all business", "small talk then straight to business",
        "small talk and then all business", "small talk then on topic")),
     Option("drifted", "It drifted a little", 1, said=_LONG_PERSONAL_TALK, aliases=(
        "a little", "drifted", "a bit", "somewhat", "mostly", "kind of", "kinda",
        "sort of", "mostly yes", "mostly on topic", "mostly professional", "a bit off topic",
        "a little off topic", "slightly off topic", "bit off topic", "a bit personal",
        "a little personal", "for a bit", "off track", "a bit off track", "got off track",
        "went off track", "a bit of small talk", "lots of small talk")),
     Option("too_personal", "It got too personal or off-topic", 0, aliases=(
        "no", "nope", "too personal", "off topic", "not really", "it did not",
        "way off topic"))),
)

RESEARCHED = Question(
    "researched", Area.PREPARED,
    "What did you research beforehand? Pick all that apply.", "multi",
    (Option("company", "The company", aliases=("company", "their website", "website",
                                               "products", "the product", "news")),
     Option("industry", "The industry", aliases=("industry", "market", "competitors",
                                                 "the market")),
     Option("role", "The role", aliases=("role", "job description", "the job", "posting",
                                         "job posting", "jd", "job ad")),
     Option("interviewer", "The interviewer", aliases=("interviewer", "interviewers",
                                                       "linkedin", "the people"))),
    hint="Type the numbers separated by commas (like 1,3), or none.",
)

QUESTIONS_ASKED = Question(
    "questions_asked", Area.PREPARED,
    "Which questions did you ask them?", "text",
    hint="Type them in one message, or none.",
)

FIT = Question(
    "fit", Area.RIGHT_JOBS,
    "How well does this role fit what you bring to the table?", "choice",
    (Option("1", "1 · Poor fit", 0, aliases=(
        "poor", "poor fit", "bad", "bad fit", "terrible", "awful", "not at all", "no",
        "not a fit", "one")),
     Option("2", "2 · Weak fit", 0, aliases=(
        "weak", "weak fit", "not great", "not really", "not much", "meh not great", "two",
        "not good", "not a good fit", "not a great fit", "not very good", "a stretch",
        "bit of a stretch", "a bit of a stretch")),
     Option("3", "3 · Partly", 1, aliases=(
        "partly", "meh", "ok", "okay", "so so", "average", "somewhat", "kind of",
        "kinda", "half", "mixed", "three", "decent", "not bad", "not too bad",
        "not a bad fit")),
     Option("4", "4 · Good fit", 2, aliases=(
        "good", "good fit", "pretty good", "quite good", "fairly good", "yes", "solid",
        "four", "strong")),
     Option("5", "5 · Great fit", 2, aliases=(
        "great", "great fit", "perfect", "excellent", "very good", "really good",
        "amazing", "perfect fit", "five", "definitely"))),
    scale=True,
)

BRING = Question(
    "bring", Area.RIGHT_JOBS,
    "In a sentence: what do you bring to the table for this role?", "text",
)

TIMELINE = Question(
    "timeline", None,
    "What timeline did they give for next steps, and who will be in touch?", "text",
    hint="Like \"by Friday, Dana from recruiting will email\", \"in two weeks\", or \"they "
    "didn't say\". I'll time your check-in to it, and write your follow-up to them.",
    optional=True,
)

# Every question any interview type may ask, in the order they are asked.
ALL_QUESTIONS: tuple[Question, ...] = (
    TYPE_QUESTION, MEMORABLE, REMEMBER, HARDEST, INTERVIEWERS, INTEREST, THANK_YOU,
    REFERENCE, PROFESSIONAL, RESEARCHED, QUESTIONS_ASKED, FIT, BRING, TIMELINE,
)

# The general set (no type given, or "something else"): 11 questions.
QUESTIONS: tuple[Question, ...] = (
    MEMORABLE, REMEMBER, INTEREST, THANK_YOU, REFERENCE, PROFESSIONAL, RESEARCHED,
    QUESTIONS_ASKED, FIT, BRING, TIMELINE,
)

# Per interview type (README "What Debrief decides"): recruiter screens skip the fit-depth
# and research-depth questions; technical rounds ask the hardest question instead of the
# small talk; panels ask the names (one note each); final rounds ask it all but research.
BY_TYPE: dict[InterviewType, tuple[Question, ...]] = {
    InterviewType.RECRUITER: (
        MEMORABLE, REMEMBER, INTEREST, THANK_YOU, REFERENCE, PROFESSIONAL,
        QUESTIONS_ASKED, TIMELINE),
    InterviewType.TECHNICAL: (
        MEMORABLE, REMEMBER, HARDEST, THANK_YOU, REFERENCE, RESEARCHED, QUESTIONS_ASKED,
        FIT, BRING, TIMELINE),
    InterviewType.PANEL: (
        MEMORABLE, REMEMBER, INTERVIEWERS, INTEREST, THANK_YOU, REFERENCE, PROFESSIONAL,
        QUESTIONS_ASKED, FIT, TIMELINE),
    InterviewType.FINAL: (
        MEMORABLE, REMEMBER, HARDEST, INTEREST, THANK_YOU, REFERENCE, PROFESSIONAL,
        QUESTIONS_ASKED, FIT, BRING, TIMELINE),
    InterviewType.OTHER: QUESTIONS,
}


def questions_for(interview: Interview) -> tuple[Question, ...]:
    """The questions this interview's reflection asks, in order.

    A type given at ``/debrief interview … type:…`` chooses the set at once; without one the
    first question asks it and the set for the answer follows. A reflection begun before
    types existed keeps the general set it started with."""
    answers = interview.answers
    if "type" in answers:
        return _AFTER_TYPE[type_of(answers["type"])]
    if interview.interview_type is not None:
        return BY_TYPE[interview.interview_type]
    if any(not key.startswith("_") for key in answers):
        return QUESTIONS
    return (TYPE_QUESTION, *QUESTIONS)


def interview_kind(interview: Interview) -> InterviewType | None:
    """The kind the reflection's first question (or ``type:``) gave, if any."""
    if interview.interview_type is not None:
        return interview.interview_type
    return type_of(interview.answers["type"]) if "type" in interview.answers else None


def type_of(value: object) -> InterviewType:
    """The type an answer names (skipped or unknown: other)."""
    return _TYPES.get(value, InterviewType.OTHER) if isinstance(value, str) \
        else InterviewType.OTHER


# Asked several times a turn: the sets that follow the type question, and the types by
# value, built once.
_AFTER_TYPE: dict[InterviewType, tuple[Question, ...]] = {
    kind: (TYPE_QUESTION, *questions) for kind, questions in BY_TYPE.items()}
_TYPES: dict[str, InterviewType] = {kind.value: kind for kind in InterviewType}
