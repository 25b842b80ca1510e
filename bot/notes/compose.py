"""The thank-you note composer: from the person's own answers to notes they can send.

Pure functions over values: :func:`compose` takes a :class:`NoteRequest` and returns one
:class:`Note` per interviewer (a panel gets a note each, each phrased a little
differently). Phrasings are picked by a hash of the interview and the sentence, so the same
interview always gets the same note and two interviews rarely read alike.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.model import Interview, Outcome, ThankYou, User
from bot.notes import phrasings
from bot.notes.bring import bring_phrase
from bot.notes.panel import as_told_to_others, owners_named, topics_by_person
from bot.notes.people import (
    Interviewer,
    company_name,
    parse_interviewers,
    role_in_sentence,
    role_title,
    signature_name,
)
from bot.notes.reference import (
    Phrase,
    ReferenceResult,
    Refusal,
    RefusalReason,
    reference_phrase,
)
from bot.notes.topic_kind import TopicKind, topic_kind
from bot.notes.written import one_stop, with_company

__all__ = [
    "REFERENCE_SLOT",
    "Note",
    "NoteRequest",
    "Situation",
    "addressees",
    "compose",
    "note_recipients",
    "notes_for",
    "own_references",
    "reference_for",
    "request_for",
    "sender_name",
    "situation_for",
]

# Where the person writes the one specific thing when they gave none we can use.
REFERENCE_SLOT = "[one thing you discussed]"


class Situation(StrEnum):
    FRESH = "fresh"  # not sent yet, inside the 24-hour window
    LATE = "late"  # not sent yet, the window has passed
    SENT = "sent"  # already sent: shown for their records
    REJECTED = "rejected"  # they said no: a gracious reply instead of a thank-you


@dataclass(frozen=True, slots=True)
class NoteRequest:
    company: str
    seed: int | str  # the interview's id: the same interview always reads the same
    role: str | None = None
    interviewer: str | None = None
    # The person's answers that could be the reference, best first (the first usable wins).
    references: tuple[str | None, ...] = ()
    # What each interviewer discussed, by the name typed for them (a panel), when known.
    per_person: Mapping[str, str] = field(default_factory=dict)
    bring: str | None = None
    sender: str | None = None
    situation: Situation = Situation.FRESH
    interview_type: str | None = None  # "recruiter_screen" gives the recruiter's note


@dataclass(frozen=True, slots=True)
class Note:
    to: Interviewer | None
    subject: str
    body: str
    card: str | None  # the handwritten-card version (None after a rejection)
    reference: ReferenceResult  # the phrase used, or why none could be

    @property
    def needs_reference(self) -> bool:
        """The note holds the slot the person must fill before sending it."""
        return REFERENCE_SLOT in self.body

    @property
    def text(self) -> str:
        """What the person copies: the subject line, then the e-mail."""
        return f"Subject: {self.subject}\n\n{self.body}"


def _pick(options: Sequence[str], seed: int | str, slot: str) -> str:
    digest = hashlib.sha256(f"{seed}|{slot}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def situation_for(interview: Interview, now: datetime, window: timedelta) -> Situation:
    if interview.outcome is Outcome.REJECTED:
        return Situation.REJECTED
    if interview.thank_you is ThankYou.SENT:
        return Situation.SENT
    return Situation.FRESH if now <= interview.happens_at + window else Situation.LATE


# Answer keys that may hold the reference, best first: what the person chose to mention,
# then what the interviewer seemed most interested in.
REFERENCE_KEYS = ("reference", "interest", "interviewer_interest", "most_interested")


def request_for(interview: Interview, *, sender: str | None, now: datetime,
                window: timedelta, interview_type: str | None = None) -> NoteRequest:
    """The note's inputs from a logged interview and its reflection answers."""
    answers: dict[str, Any] = interview.answers
    kind = interview_type or getattr(interview, "interview_type", None) or \
        answers.get("interview_type") or answers.get("type")
    per_person = answers.get("references_by_person")
    return NoteRequest(
        company=interview.company, seed=interview.id or 0, role=interview.role,
        interviewer=addressees(interview),
        references=tuple(_text(answers.get(key)) for key in REFERENCE_KEYS),
        per_person=per_person if isinstance(per_person, dict) else {},
        bring=_text(answers.get("bring")), sender=sender,
        situation=situation_for(interview, now, window),
        interview_type=str(kind) if kind else None)


# A panel answer that gives no names ("forgot their names", "didn't catch them").
_NO_NAMES = re.compile(r"\b(?:forgot|forget|don'?t|didn'?t|do not|did not|not sure|no idea|"
                       r"can'?t|cannot|remember|unsure|no names?)\b", re.I)


def _says_nothing(text: str) -> bool:
    read = reference_phrase(text)
    return isinstance(read, Refusal) and read.reason in (RefusalReason.EMPTY,
                                                         RefusalReason.NON_ANSWER)


def names_nobody(panel: str) -> bool:
    """An answer to "who was on the panel?" that is neither a name nor "I don't know":
    "whats the team like?", "company, role" (typed at the wrong question, most likely)."""
    if _NO_NAMES.search(panel) or _says_nothing(panel):
        return False
    return not any(person.name for person in parse_interviewers(panel))


def addressees(interview: Interview) -> str | None:
    """Who the notes go to, as typed (one note each, :func:`compose`): the names the
    reflection's panel question gave, after whoever was named when it was logged."""
    panel = interview.answers.get("interviewers")
    if not isinstance(panel, str) or _NO_NAMES.search(panel) or _says_nothing(panel):
        return interview.interviewer
    logged = interview.interviewer
    if logged and any(p.name for p in parse_interviewers(logged)):
        return f"{logged} & {panel}"  # the same person in both is greeted once
    return panel


def note_recipients(interview: Interview) -> list[Interviewer]:
    """The people the interview's notes are addressed to (none named: empty)."""
    return parse_interviewers(addressees(interview))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _best_reference(answers: Sequence[str | None]) -> ReferenceResult:
    """The first usable answer, a topic before a plain fact: "your move to usage-based
    pricing" (what they seemed interested in) says more than "there are 3 rounds left"."""
    refusals: list[Refusal] = []
    facts: list[Phrase] = []
    for answer in answers:
        if answer is None:
            continue
        result = reference_phrase(answer)
        if isinstance(result, Phrase) and not result.fact:
            return result
        if isinstance(result, Phrase):
            facts.append(result)
        else:
            refusals.append(result)
    if facts:
        return facts[0]
    return refusals[0] if refusals else Refusal(RefusalReason.EMPTY)


def reference_for(interview: Interview) -> ReferenceResult:
    """The reference a note about ``interview`` uses (without a panel member's own), so the
    summary and the follow-up e-mails name the same thing the note does."""
    return _company_written(_best_reference(tuple(
        _text(interview.answers.get(key)) for key in REFERENCE_KEYS)), interview.company)


def own_references(interview: Interview) -> list[tuple[str, str]]:
    """(name, topic) for each panel member with their own part of the "what did you
    discuss" answer ("priya asked about X and guy about Y"); empty when they share one."""
    people = note_recipients(interview)
    own = topics_by_person(_text(interview.answers.get("reference")), people)
    found = [(p.name, _company_written(reference_phrase(own[p.full]), interview.company))
             for p in people if p.name and p.full in own]
    return [(name, r.text) for name, r in found if isinstance(r, Phrase)]


def _company_written(result: ReferenceResult, company: str) -> ReferenceResult:
    """The interview's company typed in lowercase in the reference, as the note writes the
    company ("their move off globex's old stack" at Globex: "Globex's")."""
    if isinstance(result, Phrase):
        return replace(result, text=with_company(result.text, company))
    return result


def _for_person(person: Interviewer | None, request: NoteRequest) -> ReferenceResult:
    if person is not None and request.per_person:
        keys = {k.casefold().strip(): v for k, v in request.per_person.items()}
        for name in (person.full, person.name or "", (person.name or "").split(" ")[-1],
                     person.full.split(" ")[0]):
            answer = keys.get(name.casefold().strip())
            if answer:
                result = reference_phrase(answer)
                if isinstance(result, Phrase):
                    return _company_written(result, request.company)
    return _company_written(_best_reference(request.references), request.company)


def _role_phrase(request: NoteRequest) -> tuple[str, str | None]:
    """("the Data Analyst role", "Data Analyst") or ("the role", None)."""
    return role_in_sentence(request.role, request.company)


def _greeting(person: Interviewer | None, card: bool = False) -> str:
    if person is None or person.name is None:
        return "Hello,"
    if "." in person.name.split(" ")[0] or person.name.split(" ")[0] in ("Miss", "Professor"):
        return f"Dear {person.name},"
    return f"Dear {person.name}," if card else f"Hi {person.name},"


def _subject(request: NoteRequest, role: str | None) -> str:
    if role:
        return f"Thank you - {role_title(role)} interview"
    return f"Thank you - {company_name(request.company)} interview"


def compose(request: NoteRequest) -> list[Note]:
    """One note per interviewer (one "Hello," note when no one is named)."""
    people: list[Interviewer | None] = list(parse_interviewers(request.interviewer)) or [None]
    if not request.per_person and request.references:
        # "priya asked about X and guy about Y": each gets their own part in their note
        named = [p for p in people if p is not None]
        own = topics_by_person(request.references[0], named) or \
            as_told_to_others(request.references[0], named)  # "mike showed me his …"
        request = replace(request, per_person=own) if own else request
    return [_note(request, person, index) for index, person in enumerate(people)]


def _note(request: NoteRequest, person: Interviewer | None, index: int) -> Note:
    seed = f"{request.seed}:{index}"
    role_text, role = _role_phrase(request)
    fill = {"role": role_text, "company": company_name(request.company)}
    reference = _for_person(person, request)
    if isinstance(reference, Phrase):  # "sarahs team": "your team" to Sarah
        reference = replace(reference, text=owners_named(
            reference.text, person, parse_interviewers(request.interviewer)))
    ref_text = reference.text if isinstance(reference, Phrase) else REFERENCE_SLOT
    about_me = isinstance(reference, Phrase) and bool(
        re.match(r"^(?:my|how I|what I|why I|I)\b", reference.text))
    bring = bring_phrase(request.bring)
    bring = with_company(bring, request.company) if bring else bring
    sender = request.sender
    sign_off = _pick(phrasings.SIGN_OFF, seed, "sign")
    signature = f"{sign_off}\n{sender}" if sender else sign_off
    recruiter = (request.interview_type or "").lower().startswith("recruit") or (
        person is not None and person.is_recruiter and person.name is None) or (
        person is not None and person.is_recruiter and bool(re.search(
            r"recruit", person.job, re.I)))
    fact = isinstance(reference, Phrase) and reference.fact
    ref_sentence = _pick(phrasings.FACT_REFERENCE, seed, "ref").format(fact=ref_text) \
        if fact else _pick(phrasings.REFERENCE, seed, "ref").format(ref=ref_text)

    if request.situation is Situation.REJECTED:
        paragraphs = [
            _pick(phrasings.REJECTED_THANKS, seed, "thanks").format(**fill)
            + (f" {ref_sentence}" if isinstance(reference, Phrase) and not fact else ""),
            _pick(phrasings.REJECTED_FEEDBACK, seed, "feedback"),
            _pick(phrasings.REJECTED_CLOSE, seed, "close").format(**fill),
        ]
        body = "\n\n".join([_greeting(person), *paragraphs, signature])
        return Note(person, _subject(request, role), one_stop(body), None, reference)

    if recruiter:
        paragraphs = [
            _pick(phrasings.RECRUITER_THANKS, seed, "thanks").format(**fill),
            ref_sentence,
            _pick(phrasings.RECRUITER_CLOSE, seed, "close"),
        ]
    else:
        thanks = phrasings.LATE_THANKS if request.situation is Situation.LATE \
            else phrasings.THANKS
        if fact:
            tie = _pick(phrasings.FACT_BRING, seed, "bring").format(bring=bring) if bring \
                else _pick(phrasings.FACT_NO_BRING, seed, "bring")
        elif about_me:
            tie = _pick(phrasings.BRING_ABOUT_ME, seed, "bring").format(bring=bring) if bring \
                else _pick(phrasings.NO_BRING_ABOUT_ME, seed, "bring")
        else:
            with_bring, without = _TIES[topic_kind(ref_text)]
            tie = _pick(with_bring, seed, "bring").format(bring=bring, **fill) if bring \
                else _pick(without, seed, "bring").format(**fill)
        paragraphs = [
            _pick(thanks, seed, "thanks").format(**fill),
            f"{ref_sentence} {tie}",
            _pick(phrasings.INTEREST, seed, "interest").format(**fill) + " "
            + _pick(phrasings.CLOSE, seed, "close"),
        ]
    body = _role_once("\n\n".join([_greeting(person), *paragraphs, signature]))
    card = "\n\n".join([
        _greeting(person, card=True),
        _pick(phrasings.CARD, seed, "card").format(reference=ref_sentence, **fill),
        signature])
    return Note(person, _subject(request, role), one_stop(body), one_stop(card), reference)



# The line after a reference on their side, with and without what the person brings, by
# the kind of thing it was (bot.notes.topic_kind): nobody "works on" a brand or a hobby.
_TIES: dict[TopicKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    TopicKind.WORK: (phrasings.BRING_ABOUT_THEM, phrasings.NO_BRING_ABOUT_THEM),
    TopicKind.COMPANY: (phrasings.BRING_ABOUT_COMPANY, phrasings.NO_BRING_ABOUT_COMPANY),
    TopicKind.INTEREST: (phrasings.BRING_ABOUT_INTEREST, phrasings.NO_BRING_ABOUT_INTEREST),
    TopicKind.UNSURE: (phrasings.BRING_NEUTRAL, phrasings.NO_BRING_NEUTRAL),
}


def _role_once(body: str) -> str:
    """Without a role's name, "the role" is said once; after that it is "the job" ("…about
    the role at Initech. … Hearing about it made the job feel like a natural fit")."""
    first = body.lower().find("the role")
    if first < 0:
        return body
    head, tail = body[:first + len("the role")], body[first + len("the role"):]
    return head + re.sub(r"\b([Tt])he role\b", r"\1he job", tail)


def sender_name(user: User) -> str | None:
    """How the person signs: the name they set, else their profile's name if it is one."""
    return signature_name(getattr(user, "preferred_name", None), user.display_name)


def notes_for(interview: Interview, user: User, *, now: datetime,
              window: timedelta) -> tuple[Situation, list[Note]]:
    """The notes for a logged interview, and the situation they were written for."""
    request = request_for(interview, sender=sender_name(user), now=now, window=window)
    return request.situation, compose(request)
