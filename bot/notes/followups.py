"""Follow-up e-mails to the employer and the reply to a rejection, built on the composer.

Like the thank-you notes, every draft uses only what the person gave: the company, the
role, the interviewer's name (the composer's greeting rule; a follow-up greets the person who
said they would be in touch, when the timeline answer names them), the reference point they
discussed (cleaned by the composer's reference reader) and their signature. Nothing is
invented; a part that is missing is left out, not made up.

* Follow-up 1 (the first "no reply yet" once the check-in date has come): short, restates
  interest and one reason (the reference), asks about the timeline.
* Follow-up 2 (a week later): shorter still, and says it is the last nudge from them.
* After a rejection: the composer's gracious reply (thanks, a request for brief feedback,
  the door left open).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.model import Interview
from bot.notes.compose import Situation, compose, reference_for, request_for
from bot.notes.panel import owners_named
from bot.notes.people import (
    company_name,
    parse_interviewers,
    role_in_sentence,
    role_title,
    signature_name,
)
from bot.notes.reference import Phrase
from bot.notes.written import one_stop
from bot.reflection.timeline import next_steps

__all__ = ["Draft", "follow_up_email", "rejection_reply"]


@dataclass(frozen=True, slots=True)
class Draft:
    subject: str
    body: str

    @property
    def text(self) -> str:
        return f"Subject: {self.subject}\n\n{self.body}"


_FIRST_OPEN = (
    "I hope you're well. I wanted to follow up on my interview for {role} at {company}{on}.",
    "I'm writing to check in about {role} at {company}{since}.",
)
_SECOND_OPEN = (
    "I'm following up once more on {role} at {company}.",
    "A short note to follow up again on {role} at {company}.",
)
_REASON = (
    "I enjoyed our conversation about {ref}, and I'm still very keen to join the team.",
    "Our conversation about {ref} stayed with me, and I remain very interested.",
)
_FACT_REASON = (
    "It was helpful to hear that {ref}, and I'm still very keen to join the team.",
    "It was useful to hear that {ref}, and I remain very interested.",
)
_NO_REASON = (
    "I'm still very keen to join the team.",
    "I remain very interested in the position.",
)
_ASK_FIRST = (
    "Could you let me know where things stand and what the timeline looks like?",
    "Is there any update on the timeline for a decision?",
)
_ASK_SECOND = (
    "If there's any news on the timeline, I'd be glad to hear it; either way, thank you "
    "for your time.",
    "I'd appreciate any update when you have one - and thank you again for considering me.",
)
_SIGN = ("Best regards,", "Kind regards,", "Many thanks,")


def _pick(options: Sequence[str], seed: object, slot: str) -> str:
    digest = hashlib.sha256(f"{seed}|{slot}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def _reference(interview: Interview) -> Phrase | None:
    found = reference_for(interview)
    return found if isinstance(found, Phrase) else None


def _addressee(interview: Interview) -> str | None:
    steps = next_steps(interview)  # the person who said they would be in touch, first
    people = parse_interviewers(interview.interviewer)
    named = [steps.contact] if steps is not None and steps.contact else \
        [p.name for p in people if p.name]
    return named[0] if len(named) == 1 else None


def _greeting(interview: Interview) -> str:
    first = _addressee(interview)
    if first is None:
        return "Hello,"
    return f"Dear {first}," if "." in first.split(" ")[0] else f"Hi {first},"


def _reference_to(interview: Interview) -> Phrase | None:
    """The reference, with an interviewer's possessive as the e-mail's reader reads it
    ("sarahs team": "your team" to Sarah, "Sarah's team" to anyone else)."""
    ref = _reference(interview)
    if ref is None:
        return None
    people = parse_interviewers(interview.interviewer)
    to = next((p for p in people if p.name and p.name == _addressee(interview)), None)
    return replace(ref, text=owners_named(ref.text, to, people))


def follow_up_email(interview: Interview, *, sender: str | None, number: int,
                    zone: ZoneInfo | None = None) -> Draft:
    """Follow-up ``number`` (1 or 2) to the employer about ``interview``. With ``zone``,
    the first names the day they met ("on Thursday, 19 November"): someone hiring for
    several roles places a candidate by it."""
    seed = f"{interview.id}:followup{number}"
    role_words, role = role_in_sentence(interview.role, interview.company)
    met = interview.happens_at.astimezone(zone) if zone is not None else None
    day = f"{met:%A}, {met.day} {met:%B}" if met is not None else ""
    fill = {"role": role_words, "company": company_name(interview.company),
            "on": f" on {day}" if day else "",
            "since": f", following our conversation on {day}" if day else ""}
    ref = _reference_to(interview)
    opening = _pick(_FIRST_OPEN if number == 1 else _SECOND_OPEN, seed, "open").format(**fill)
    if number == 1:
        reasons = _NO_REASON if ref is None else _FACT_REASON if ref.fact else _REASON
        reason = _pick(reasons, seed, "why").format(ref=ref.text if ref else "")
        middle = f"{opening} {reason}\n\n{_pick(_ASK_FIRST, seed, 'ask')}"
    else:
        middle = f"{opening} {_pick(_ASK_SECOND, seed, 'ask')}"
    name = signature_name(sender, None) if sender else None
    sign = _pick(_SIGN, seed, "sign")
    body = "\n\n".join([_greeting(interview), middle, f"{sign}\n{name}" if name else sign])
    title = role_title(role) if role else company_name(interview.company)
    subject = f"Following up - {title} interview" if number == 1 else \
        f"Following up again - {title} interview"
    return Draft(subject, one_stop(body))


def rejection_reply(interview: Interview, *, sender: str | None) -> Draft:
    """The composer's gracious reply to a rejection: thanks, a request for feedback, the
    door left open (one draft: to the first interviewer named, or "Hello,")."""
    # The situation is set here, so "now" and the window play no part.
    request = request_for(interview, sender=sender, now=interview.happens_at,
                          window=timedelta(0))
    note = compose(replace(request, situation=Situation.REJECTED))[0]
    return Draft(note.subject, note.body)
