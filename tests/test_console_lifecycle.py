"""One interview from the day before to the answer in the console (its adapter, the core,
SQLite with migrations, the in-process dispatcher), on a settable clock: logged ahead,
prep arrives, the interview, a reflection that knows the prep, the thank-you, no reply, a
follow-up draft, the outcome; and the rejection path."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from adapters.console import ConsoleApp, ConsoleGateway
from bot.clock import FixedClock
from bot.nudges.dispatcher import Dispatcher
from bot.ports import UnitOfWorkFactory
from bot.service import Debrief
from bot.values import Identity
from storage import create_engine, sql_uow_factory, upgrade

# The type first (logged without one), the optional new questions skipped.
ANSWERS = ["other", "2", "my story about cutting latency by 40%", "skip", "planned",
           "their migration to Kubernetes", "1", "1,3",
           "What does success look like in six months?", "4", "ten years of platform work",
           "skip"]
ANN = Identity("console", "local", "ann")


@asynccontextmanager
async def migrated_sql_factory(url: str) -> AsyncIterator[UnitOfWorkFactory]:
    """A fresh SQLite file, migrated as `debrief console` does (not imported from
    tests/conftest.py: run beside tests/slack, `conftest` names that package's one)."""
    await upgrade(url)
    engine = create_engine(url)
    try:
        yield sql_uow_factory(engine)
    finally:
        await engine.dispose()


class Console:
    def __init__(self, bot: Debrief, clock: FixedClock, uow: object) -> None:
        self.out = io.StringIO()
        self.app = ConsoleApp(bot, ANN, timezone="Europe/London", display_name="Ann Lee",
                              stdout=self.out)
        self.clock = clock
        self.dispatcher = Dispatcher(uow, ConsoleGateway(self.app), clock)  # type: ignore[arg-type]

    async def type(self, text: str) -> str:
        start = len(self.out.getvalue())
        await self.app.send(text)
        return self.out.getvalue()[start:]

    async def at(self, when: datetime) -> str:
        start = len(self.out.getvalue())
        self.clock.set(when)
        await self.dispatcher.run_until_idle()
        return self.out.getvalue()[start:]


async def test_one_interview_from_prep_to_follow_up_in_the_console(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 6, 8, 9, 0, tzinfo=UTC))  # Monday 10:00 BST
    async with migrated_sql_factory(f"sqlite+aiosqlite:///{tmp_path / 'c.db'}") as uow:
        console = Console(Debrief(uow, clock), clock, uow)
        await console.type("/debrief stories add Latency | I led a sprint that cut p99 "
                           "latency by 40%")
        logged = await console.type('/debrief interview Acme when:"wed 14:00" '
                                    'role:"Data Analyst" interviewer:"Jane Doe"')
        assert "Tue 09 Jun 18:00 BST: Prep for your interview" in logged
        assert "Prepare now: type /debrief prep #1" in logged

        prep_nudge = await console.at(datetime(2026, 6, 9, 17, 0, tzinfo=UTC))
        assert "[reminder]" in prep_nudge
        assert "Tomorrow at 14:00: your interview at Acme (Data Analyst)" in prep_nudge
        prep = await console.type("/debrief prep #1")
        assert "== Prep: Acme (Data Analyst), Wed 10 Jun 14:00 BST ==" in prep
        assert "The interviewer, Jane Doe" in prep
        assert "3 of 5 done" in await console.type("/debrief prep tick 1,2,4")
        await console.type("/debrief prep question Your spring post said intake moves to "
                           "mobile - what surprised the team?")
        await console.type("/debrief prep question How is on-call shared on the data team?")
        await console.type("/debrief prep story 1")
        assert "said out loud once" in await console.type("/debrief prep practised")

        prompt = await console.at(datetime(2026, 6, 10, 14, 0, tzinfo=UTC))  # 15:00 BST
        assert "How did your interview at Acme (Data Analyst) go?" in prompt
        await console.type("/debrief reflect #1")
        for answer in ANSWERS:
            last = await console.type(answer)
        assert "== Your reflection: Acme ==" in last
        assert "You prepared these questions for Acme" in last
        assert "Did you get to ask them?" in last
        assert "You planned to tell story 1, \"Latency\"" in last
        assert "Both of your questions asked" in await console.type("/debrief prep #1 asked 2")
        assert "you told \"Latency\" at Acme" in await console.type(
            "/debrief stories told 1 #1")
        assert "Marked" in await console.type("/debrief followup #1")

        check_in = await console.at(datetime(2026, 6, 17, 13, 0, tzinfo=UTC))
        assert "Have you heard back from Acme" in check_in
        follow_up = await console.type("/debrief outcome #1 no reply")
        assert "good time to follow up with Acme" in follow_up
        assert "Subject: Following up - Data Analyst interview" in follow_up
        assert "Hi Jane," in follow_up and "Ann Lee" in follow_up
        listed = await console.type("/debrief nudges")
        assert "Wed 24 Jun 14:00 BST: Second follow-up e-mail - Acme" in listed
        assert "Wed 01 Jul 14:00 BST: Closing the wait - Acme" in listed

        assert "A callback - well done!" in await console.type("/debrief outcome #1 callback")
        assert "Second follow-up" not in await console.type("/debrief nudges")
        bank = await console.type("/debrief stories")
        assert "Told at Acme (Wed 10 Jun): callback." in bank


async def test_the_rejection_path_in_the_console(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 6, 8, 9, 0, tzinfo=UTC))
    async with migrated_sql_factory(f"sqlite+aiosqlite:///{tmp_path / 'c.db'}") as uow:
        console = Console(Debrief(uow, clock), clock, uow)
        await console.type('/debrief interview Globex interviewer:"Sam Lee"')
        for answer in ANSWERS:
            await console.type(answer)
        reply = await console.type("/debrief outcome Globex rejected")
        first = next(line for line in reply.splitlines() if line.strip())
        assert "I'm sorry. That's disappointing news from Globex." in first
        assert "my story about cutting latency by 40%" in reply
        assert "feedback" in reply and "Hi Sam," in reply
        assert "-- To carry to the next one:" in reply
        # The optional question comes last, as a message of its own, its options right
        # under it: not between "I'm sorry" and the draft, nor its options after the draft.
        draft_ends = reply.rindex("-" * 60)
        question = reply.index("how did the Globex interview come about?")
        assert draft_ends < question < reply.index("  1. A referral")
        assert reply.rstrip().endswith("  4. Another way")
        assert "Saved." in await console.type("2")  # a number runs that choice
        # changing it to "no reply" the same day is far too early to chase the employer
        assert "Following up" not in await console.type("/debrief outcome Globex no reply")
