"""A command runs once even when its process dies between the work's commit and the inbox's
"finished" mark (issue 12, at-least-once -> exactly once).

Before: the core committed the interview, then the inbox marked the entry done in a second
transaction; ``kill -9`` between the two left the entry claimed, its lease ran out and
another worker ran ``/debrief interview`` again: two interviews. Now the core marks the
entry done in the same transaction as the interview (``bot.inbox.finish_in``), so there is
nothing left to run; and a process whose entry was taken over keeps none of its effects.
Runs on memory, SQLite and PostgreSQL (``uow_factory``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from adapters.inbox import DurableInbox, InboxSettings
from adapters.lanes import PersonLanes
from bot.clock import FixedClock
from bot.inbox import InboxClaim, InboxStatus, current_claim
from bot.memory import memory_uow_factory
from bot.ports import UnitOfWorkFactory
from bot.service import Debrief
from bot.values import Identity, Incoming

T0 = datetime(2026, 6, 10, 13, 0, tzinfo=UTC)
ANN = Identity("slack", "T1", "ann")
INTERVIEW = '/debrief interview Acme role:"Backend Engineer" type:other'


async def interviews(uow_factory: UnitOfWorkFactory) -> int:
    async with uow_factory() as uow:
        user = await uow.users.get(ANN)
        return 0 if user is None or user.id is None else len(
            await uow.interviews.list_for_user(user.id))


def process(uow_factory: UnitOfWorkFactory, clock: FixedClock) -> tuple[DurableInbox,
                                                                        PersonLanes]:
    """One ``debrief run``'s inbox and core on the shared database."""
    core = Debrief(uow_factory, clock)
    lanes = PersonLanes()

    async def perform(kind: str, payload: dict[str, Any]) -> None:
        await core.handle(Incoming(ANN, text=payload["text"]))

    return DurableInbox(uow_factory, "slack", lanes, performer=perform, clock=clock,
                        settings=InboxSettings(lease=60, finish_with_work=True)), lanes


async def test_kill_9_between_the_commands_commit_and_its_finish_mark_runs_it_once(
        uow_factory: UnitOfWorkFactory) -> None:
    clock = FixedClock(T0)
    first, lanes = process(uow_factory, clock)
    # kill -9 right after the core's commit: the inbox's own "finished" write never happens.
    first._finish = lambda entry_id, status: None  # type: ignore[method-assign]
    assert await first.accept("trigger-1", str(ANN), "command", {"text": INTERVIEW})
    assert await lanes.drain(within=5)
    assert await interviews(uow_factory) == 1

    clock.advance(timedelta(minutes=5))  # the dead process's lease has long run out
    second, second_lanes = process(uow_factory, clock)
    assert await second.sweep() == 0, "the entry was finished with the interview"
    assert await second_lanes.drain(within=5)
    assert await interviews(uow_factory) == 1
    async with uow_factory() as uow:
        assert await uow.inbox.count_open() == 0


async def test_a_run_whose_entry_was_taken_over_keeps_none_of_its_effects(
        uow_factory: UnitOfWorkFactory) -> None:
    clock = FixedClock(T0)
    first, _ = process(uow_factory, clock)
    first._run = lambda entry, payload, **_: False  # type: ignore[method-assign]
    assert await first.accept("trigger-1", str(ANN), "command", {"text": INTERVIEW})
    clock.advance(timedelta(minutes=5))
    async with uow_factory() as uow:  # another replica takes it over (attempt 2)
        taken, = await uow.inbox.claim_expired(clock.now(), limit=10, lease_seconds=60,
                                               platforms=["slack"])
        await uow.commit()
    assert taken.id is not None and taken.attempts == 2
    # The first process finally runs its attempt 1: it is told, and keeps nothing.
    claim = InboxClaim(taken.id, attempts=1)
    token = current_claim.set(claim)
    try:
        assert await Debrief(uow_factory, clock).handle(Incoming(ANN, text=INTERVIEW)) == []
    finally:
        current_claim.reset(token)
    assert claim.lost and not claim.finished
    assert await interviews(uow_factory) == 0


async def test_finishing_a_claim_is_conditional_on_the_attempt_that_holds_it(
        uow_factory: UnitOfWorkFactory) -> None:
    clock = FixedClock(T0)
    inbox, _ = process(uow_factory, clock)
    inbox._run = lambda entry, payload, **_: False  # type: ignore[method-assign]
    assert await inbox.accept("a", "ann", "command", {"text": "help"})
    assert await inbox.accept("b", "ann", "command", {"text": "help"})
    async with uow_factory() as uow:
        assert await uow.inbox.finish_claim(1, 1, T0) is True
        assert await uow.inbox.finish_claim(1, 1, T0) is False  # already done
        assert await uow.inbox.finish_claim(2, 2, T0) is False  # not attempt 2's
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.inbox.count_open() == 1
        taken = await uow.inbox.claim_expired(T0 + timedelta(minutes=5), limit=10,
                                              lease_seconds=60, platforms=["slack"])
        assert [(e.id, e.attempts, e.status) for e in taken] == [(2, 2, InboxStatus.CLAIMED)]


async def test_acknowledged_work_waits_while_the_database_refuses_writes_then_runs_once(
        ) -> None:
    uow_factory = memory_uow_factory()
    clock = FixedClock(T0)
    inbox, lanes = process(uow_factory, clock)
    refused: list[str | None] = ["debrief.db is immutable (chattr +i)"]
    inbox.refusal = lambda: refused[0]
    assert await inbox.accept("trigger-1", str(ANN), "command", {"text": INTERVIEW})
    assert await lanes.drain(within=5)
    assert await interviews(uow_factory) == 0, "not run into a refusing database"
    async with uow_factory() as uow:
        assert await uow.inbox.count_open() == 1, "kept, not given up"

    refused[0] = None
    clock.advance(timedelta(minutes=2))
    assert await inbox.sweep() == 1
    assert await lanes.drain(within=5)
    assert await interviews(uow_factory) == 1
    async with uow_factory() as uow:
        assert await uow.inbox.count_open() == 0
