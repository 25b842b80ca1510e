"""Eight job seekers' histories, as they would have logged them, for reading what the bot
says to each and for the tests that hold it. ``PYTHONPATH=tests python tests/personas.py
[name …]`` prints ``/debrief stats``, ``/debrief tip``, the "heard back?" check-in and what
tapping "No reply yet" and typing "still waiting" the next day answer.

Each persona's last interview is :data:`LAST_DAYS` days before NOW with no outcome yet, so a
"heard back?" check-in is due (unless the persona has no past interview at all).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from test_reminders_respect_time import Inbox

from bot.clock import FixedClock
from bot.memory import MemoryStore, memory_uow_factory
from bot.model import Interview, InterviewType, NudgeKind, Outcome, ReflectionState, ThankYou
from bot.nudges.dispatcher import Dispatcher
from bot.nudges.policy import NudgePolicy
from bot.service import Debrief
from bot.values import Identity, Incoming, Reply

__all__ = ["NOW", "PERSONAS", "Past", "Persona", "everything", "seed"]

# Tuesday 1 December 2026, 09:00 in Berlin.
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
LAST_DAYS = 8
ZONE = "Europe/Berlin"
C, OFFER, R, N = Outcome.CALLBACK, Outcome.OFFER, Outcome.REJECTED, Outcome.NO_REPLY


@dataclass(frozen=True)
class Past:
    """One interview as the person logged and reflected on it."""

    company: str
    days: int  # before NOW
    outcome: Outcome | None = None
    note_hours: float | None = 4.0  # thank-you marked sent this long after; None: never
    role: str | None = "Data Analyst"
    interviewer: str | None = "Maria Schmidt"
    kind: InterviewType = InterviewType.OTHER
    source: str | None = None
    stage: str | None = None
    fit: str = "4"
    memorable: str = "some"
    remember: str = "my dashboard that cut reporting time from 3 days to 4 hours"
    reference: str = "their plan to move reporting to dbt"
    researched: tuple[str, ...] = ("company", "role")
    asked: str | None = "How will you measure success in the first six months?"
    bring: str = "3 years of SQL and Python reporting"
    reflected: bool = True


@dataclass(frozen=True)
class Persona:
    name: str
    history: tuple[Past, ...] = ()


def _answers(p: Past) -> dict[str, Any]:
    if not p.reflected:
        return {}
    return {"memorable": p.memorable, "remember": p.remember, "interest": p.reference,
            "thank_you": "sent" if p.note_hours is not None else "no",
            "reference": p.reference, "professional": "on_topic",
            "researched": list(p.researched), "questions_asked": p.asked or "none",
            "fit": p.fit, "bring": p.bring, "timeline": "they didn't say"}


def _recruiter(company: str, days: int, outcome: Outcome | None, **kw: Any) -> Past:
    return Past(company, days, outcome, kind=InterviewType.RECRUITER, stage="screen",
                source="recruiter", interviewer="Tom (recruiter)", **kw)


PERSONAS: tuple[Persona, ...] = (
    Persona("no interviews yet"),
    Persona("one interview, no outcome", (Past("Zalando", LAST_DAYS),)),
    Persona("three rejections in a row", (
        Past("N26", 40, R, fit="4", source="application", stage="first"),
        Past("Delivery Hero", 26, R, fit="3", source="application", stage="first"),
        Past("HelloFresh", 15, R, fit="4", source="application", stage="first"),
        Past("Zalando", LAST_DAYS))),
    Persona("callback after following up", (
        Past("Trade Republic", 45, R, note_hours=None, fit="3"),
        Past("Celonis", 30, C, note_hours=3, fit="4", source="referral"),
        Past("Personio", 20, C, note_hours=5, fit="5", source="referral"),
        Past("Zalando", LAST_DAYS))),
    Persona("mixed, with offers", (
        Past("SAP", 80, R, fit="2", role="BI Developer", source="application"),
        Past("Siemens", 70, C, fit="4", source="referral", stage="first"),
        Past("Siemens", 60, OFFER, fit="4", source="referral", stage="final"),
        Past("Allianz", 50, R, fit="3", role="BI Developer", source="application"),
        Past("BMW", 40, C, fit="5", source="recruiter", stage="screen"),
        Past("Bosch", 30, R, fit="2", role="BI Developer", source="application"),
        Past("BMW", 20, OFFER, fit="5", source="recruiter", stage="final"),
        Past("Zalando", LAST_DAYS))),
    Persona("all no reply", (
        Past("Acme", 60, N), Past("Globex", 45, N), Past("Initech", 34, N),
        Past("Zalando", LAST_DAYS))),
    Persona("only recruiter screens", (
        _recruiter("Hays", 35, C), _recruiter("Robert Half", 25, R),
        _recruiter("Michael Page", 15, C), _recruiter("Zalando", LAST_DAYS, None))),
    Persona("never follows up", (
        Past("Acme", 50, R, note_hours=None), Past("Globex", 40, R, note_hours=None),
        Past("Initech", 30, N, note_hours=None), Past("Umbrella", 20, R, note_hours=None),
        Past("Zalando", LAST_DAYS, note_hours=None))),
)


def everything(replies: list[Reply]) -> str:
    """All a person reads in these replies."""
    parts: list[str] = []
    for reply in replies:
        parts += [reply.title or "", reply.text]
        parts += [f"-- {f.name}\n{f.value}" for f in reply.fields]
        parts += [f"[{c.label}]" for c in (*reply.choices, *reply.actions)]
        parts.append(f"<copy>\n{reply.copy_text}\n</copy>" if reply.copy_text else "")
    return "\n".join(p for p in parts if p)


@dataclass
class Seeded:
    store: MemoryStore
    who: Identity
    clock: FixedClock

    @property
    def bot(self) -> Debrief:
        return Debrief(memory_uow_factory(self.store), self.clock)

    async def say(self, text: str) -> list[Reply]:
        return await self.bot.handle(Incoming(self.who, text=text, display_name="Lena Vogel",
                                              platform_timezone=ZONE))

    async def check_in(self) -> list[Reply]:
        """Deliver the "heard back?" check-ins due now."""
        inbox = Inbox()
        await Dispatcher(memory_uow_factory(self.store), inbox, self.clock).run_until_idle()
        return [r for r in inbox.replies if "check_in" in r.tags]


async def seed(persona: Persona, now: datetime = NOW) -> Seeded:
    """The persona's history in a fresh store, a due check-in for its last open interview."""
    store = MemoryStore()
    who = Identity("console", "local", persona.name.replace(" ", "-"))
    seeded = Seeded(store, who, FixedClock(now))
    await seeded.say("/debrief help")  # creates the user in their zone
    factory = memory_uow_factory(store)
    async with factory() as uow:
        user = await uow.users.get_or_create(who, created_at=now - timedelta(days=90))
        assert user.id is not None
        last = None
        for p in persona.history:
            at = now - timedelta(days=p.days)
            sent = None if p.note_hours is None else at + timedelta(hours=p.note_hours)
            interview = await uow.interviews.add(Interview(
                user_id=user.id, company=p.company, happens_at=at, logged_at=at,
                role=p.role, interviewer=p.interviewer, interview_type=p.kind,
                reflection_state=ReflectionState.COMPLETED if p.reflected
                else ReflectionState.NOT_STARTED,
                answers=_answers(p), reflection_completed_at=at + timedelta(hours=1),
                thank_you=ThankYou.SENT if sent else ThankYou.NO, thank_you_sent_at=sent,
                thank_you_source="followup" if sent else "reflection",
                outcome=p.outcome, outcome_at=None if p.outcome is None
                else at + timedelta(days=3),
                source=p.source, stage=p.stage, community_id="local"))
            last = interview if p.outcome is None else last
        if last is not None:
            nudge = NudgePolicy.make(user, last, NudgeKind.CHECK_IN, now, "0")
            await uow.nudges.add_many([nudge])
        await uow.commit()
    return seeded


async def read(persona: Persona) -> str:
    seeded = await seed(persona)
    out = [f"######## {persona.name}"]
    out += ["$ /debrief stats", everything(await seeded.say("/debrief stats"))]
    out += ["$ /debrief tip", everything(await seeded.say("/debrief tip"))]
    checks = await seeded.check_in()
    if checks:
        out += ["(heard back? check-in)", everything(checks)]
        tap = next(c.value for c in (*checks[0].choices, *checks[0].actions)
                   if c.label == "No reply yet")
        out += [f"$ tap No reply yet ({tap})", everything(await seeded.say(tap))]
        seeded.clock.set(NOW + timedelta(days=1))
        out += ["$ still waiting (typed next day)", everything(await seeded.say(
            "still waiting, nothing from zalando"))]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover - a reading aid, not a test
    import asyncio
    import sys

    wanted = sys.argv[1:]

    async def main() -> None:
        for persona in PERSONAS:
            if not wanted or any(w in persona.name for w in wanted):
                print(await read(persona), end="\n\n")

    asyncio.run(main())
