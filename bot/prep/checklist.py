"""What prep is made of: the research checklist, the interview kinds, questions, stories.

The checklist follows COACHING.md's "preparation the day before": company, industry, role,
interviewer, logistics, each with one line on how to do it in a few minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.model import Interview, InterviewType
from bot.notes.people import parse_interviewers
from bot.reflection.reading import asked
from bot.stories.bank import SKILLS
from bot.stories.model import Story

__all__ = [
    "CHECKLIST",
    "KIND_ADVICE",
    "KIND_NAMES",
    "MAX_QUESTION",
    "ChecklistItem",
    "earlier_at_company",
    "fitting_stories",
    "interview_kind",
    "is_generic_question",
    "is_pay_question",
    "kind_skills",
    "likely_kinds",
]

MAX_QUESTION = 300


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    key: str
    label: str
    how: str


CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("company", "The company's recent news",
                  "Their newsroom or blog, and a news search for the last three months: "
                  "pick one development you could ask about."),
    ChecklistItem("industry", "The industry's main challenge this year",
                  "One trade article or analyst summary; be ready to say how it touches "
                  "this team."),
    ChecklistItem("role", "The role's top requirements, matched to what you bring",
                  "Copy the posting's top five requirements and write one story or fact of "
                  "yours next to each."),
    ChecklistItem("interviewer", "The interviewer",
                  "Their profile or talks: their background, and one thing you have in "
                  "common for an ice-breaker."),
    ChecklistItem("logistics", "The logistics",
                  "The link or address, the time in your zone, who you'll meet, and a "
                  "working camera and microphone."),
)

# Kinds of interview and what differs about each (one line each).
KIND_NAMES = {
    "recruiter_screen": "recruiter screen",
    "technical": "technical interview",
    "panel": "panel interview",
    "final_round": "final round",
}
KIND_ADVICE = {
    "recruiter_screen": "It's short and about fit: have a two-minute summary of you, why this "
                        "role, your salary range and notice period ready, and ask how the "
                        "process and timeline go from here.",
    "technical": "Think out loud and ask clarifying questions before you solve; say how you "
                 "would test it. Bring one story about a hard problem, with its result.",
    "panel": "Several people, several angles: note each name and role, answer the person who "
             "asked while including the others, and plan a short thank-you note for each.",
    "final_round": "Usually about team fit and the decision: bring your strongest story, a "
                   "question about the first 90 days, and be ready to talk about a start "
                   "date.",
}
# The skills each kind most often probes, for choosing stories.
_KIND_SKILLS = {
    "recruiter_screen": ("impact in numbers", "learning fast"),
    "technical": ("impact in numbers", "failure", "learning fast"),
    "panel": ("leadership", "conflict", "impact in numbers"),
    "final_round": ("leadership", "impact in numbers", "conflict", "failure"),
}
# The interview's type (asked in the reflection) and, failing that, its profile's stage
# (bot.insights.profile), where they name a kind.
_TYPE_KINDS = {InterviewType.RECRUITER: "recruiter_screen", InterviewType.TECHNICAL: "technical",
               InterviewType.PANEL: "panel", InterviewType.FINAL: "final_round"}
_STAGE_KINDS = {"screen": "recruiter_screen", "final": "final_round"}


def interview_kind(interview: Interview) -> str | None:
    """The kind of interview, when known: its type, else its profile's stage."""
    if interview.interview_type is not None:
        return _TYPE_KINDS.get(interview.interview_type)
    return _STAGE_KINDS.get(interview.stage or "")


def likely_kinds(interview: Interview, earlier: list[Interview]) -> tuple[str, ...]:
    """The kinds this interview can still be, from what is known: its own type or stage,
    else what came before it at the same company, and who they'll meet. After any earlier
    interview there (a screen, most often), at a stage past the screen, or with several
    people, it is no recruiter screen; a first round is no final one; a first interview
    with recruiters only is their screen."""
    kind = interview_kind(interview)
    if kind is not None:
        return (kind,)
    people = parse_interviewers(interview.interviewer)
    if people and all(p.is_recruiter for p in people) and not earlier:
        return ("recruiter_screen",)  # "with Dana from recruiting": a screen
    kinds = list(KIND_ADVICE)
    if earlier or interview.stage in ("first", "later") or len(people) > 1:
        kinds.remove("recruiter_screen")  # a screen is one recruiter, first
    if interview.stage == "first" and not earlier:
        kinds.remove("final_round")
    return tuple(kinds)


def earlier_at_company(interview: Interview, interviews: list[Interview]) -> list[Interview]:
    """The person's interviews at the same company before this one, latest first."""
    company = " ".join(interview.company.split()).casefold()
    return sorted((i for i in interviews
                   if i.id != interview.id and i.happens_at < interview.happens_at
                   and " ".join(i.company.split()).casefold() == company),
                  key=lambda i: i.happens_at, reverse=True)


_GENERIC = re.compile(
    r"typical day|day[- ]to[- ]day|(?:the|your) culture|what do you (?:like|enjoy)|"
    r"next steps|biggest challenge|what are you looking for|why did .* leave|"
    r"how would you describe|what'?s it like|any questions for me|growth opportunit|"
    r"how big is the team", re.IGNORECASE)


def is_generic_question(question: str, interview: Interview) -> bool:
    """A question that could be asked in any interview: a stock phrase, and nothing of
    this company or role in it."""
    if not _GENERIC.search(question) and not asked(question).generic:
        return False  # the reflection's list too: "whats the team like" was saved unremarked
    own = [w for w in re.findall(r"\w{4,}", f"{interview.company} {interview.role or ''}")]
    return not any(w.casefold() in question.casefold() for w in own)


def is_pay_question(question: str) -> bool:
    """A question about pay or benefits: fair to ask, but no question only they could ask."""
    return bool(asked(question).pay)


def kind_skills(kind: str | None) -> tuple[str, ...]:
    """The skills an interview of this kind most often probes; every skill when unknown."""
    return _KIND_SKILLS.get(kind or "", SKILLS)


def fitting_stories(stories: list[Story], interview: Interview, kind: str | None,
                    limit: int = 3) -> list[Story]:
    """The stories that fit this interview best: the skills its kind probes, words shared
    with the role and notes, then the ones told least."""
    wanted = kind_skills(kind)
    about = {w.casefold() for w in re.findall(
        r"\w{4,}", f"{interview.role or ''} {interview.notes or ''}")}

    def score(story: Story) -> tuple[int, int, int, int]:
        skills = sum(1 for t in story.tags if t in wanted)
        shared = len(about & {w.casefold() for w in re.findall(r"\w{4,}", story.text)})
        return (-skills, -shared, len(story.told_in), story.number)

    return sorted(stories, key=score)[:limit]
