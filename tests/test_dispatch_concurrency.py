"""Two dispatchers on one database deliver 10,000 due nudges: no duplicates, no losses.

Each dispatcher has its own engine (its own connection pool), as two replicas would, and
both run at once on one event loop. Every delivery is recorded by nudge id (taken from the
nudge's own "Snooze" button, ``/debrief nudges snooze <id> 1h``), so a duplicate or a loss
shows up exactly.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time

import pytest

from bot.clock import FixedClock
from bot.memory import MemoryStore, memory_uow_factory
from bot.model import Interview, Nudge, NudgeKind, NudgeStatus, User
from bot.nudges.dispatcher import Dispatcher, DispatcherConfig
from bot.ports import UnitOfWorkFactory
from bot.values import Identity, Reply
from storage import create_engine, sql_uow_factory, upgrade

pytestmark = pytest.mark.slow

TOTAL = 10_000
PEOPLE = 100
CHUNK = 1_000
# 03:00 UTC: inside default quiet hours in UTC, so quiet hours really must be off to pass.
T0 = datetime(2026, 6, 10, 3, 0, tzinfo=UTC)
SNOOZE = re.compile(r"^/debrief nudges snooze (\d+) ")


class RecordingGateway:
    def __init__(self, name: str) -> None:
        self.name = name
        self.delivered: list[tuple[int, Identity, str]] = []

    async def deliver(self, user: User, reply: Reply) -> str:
        nudge_id = next(int(m.group(1)) for a in reply.actions
                        if (m := SNOOZE.match(a.value)))
        message_id = f"{self.name}-{len(self.delivered) + 1}"
        self.delivered.append((nudge_id, user.identity, message_id))
        await asyncio.sleep(0)  # a real gateway awaits the network
        return message_id


async def seed(f: UnitOfWorkFactory) -> dict[int, int]:
    """PEOPLE people with quiet hours off, one interview each, TOTAL due nudges in all.
    Returns {nudge id: user id}."""
    users: list[User] = []
    async with f() as uow:
        for n in range(PEOPLE):
            user = await uow.users.get_or_create(Identity("slack", "T1", f"U{n}"),
                                                 created_at=T0)
            user.timezone = "UTC"
            user.quiet_start = user.quiet_end = clock_time(0)  # equal times: quiet hours off
            await uow.users.save(user)
            users.append(user)
        interviews: list[Interview] = []
        for user in users:
            assert user.id is not None
            interviews.append(await uow.interviews.add(Interview(
                user_id=user.id, company="Acme", happens_at=T0 - timedelta(hours=3),
                logged_at=T0 - timedelta(hours=3))))
        await uow.commit()
    owners: dict[int, int] = {}
    per_person = TOTAL // PEOPLE
    pending = [
        Nudge(user_id=interview.user_id, interview_id=interview.id,
              kind=NudgeKind.THANK_YOU, due_at=T0 - timedelta(seconds=i % 600),
              idempotency_key=f"load:{interview.id}:{i}")
        for interview in interviews for i in range(per_person)
    ]
    for start in range(0, len(pending), CHUNK):
        async with f() as uow:
            added = await uow.nudges.add_many(pending[start:start + CHUNK])
            await uow.commit()
        owners.update({n.id: n.user_id for n in added if n.id is not None})
    assert len(owners) == TOTAL
    return owners


async def deliver_with_two_dispatchers(first: UnitOfWorkFactory,
                                       second: UnitOfWorkFactory) -> None:
    owners = await seed(first)
    clock = FixedClock(T0)
    settings = DispatcherConfig(batch_size=500)
    gateways = [RecordingGateway("a"), RecordingGateway("b")]
    dispatchers = [Dispatcher(first, gateways[0], clock, settings=settings),
                   Dispatcher(second, gateways[1], clock, settings=settings)]
    started = time.perf_counter()
    handled = await asyncio.gather(*(d.run_until_idle() for d in dispatchers))
    elapsed = time.perf_counter() - started
    print(f"\n{TOTAL} nudges in {elapsed:.1f}s ({TOTAL / elapsed:.0f}/s); "
          f"split {[len(g.delivered) for g in gateways]}")

    deliveries = [d for g in gateways for d in g.delivered]
    counts = Counter(nudge_id for nudge_id, _, _ in deliveries)
    duplicates = {nudge_id: n for nudge_id, n in counts.items() if n > 1}
    assert duplicates == {}
    assert set(counts) == set(owners)  # zero losses
    assert sum(handled) == TOTAL

    # What the database says matches what went out, nudge by nudge.
    message_of = {nudge_id: message_id for nudge_id, _, message_id in deliveries}
    async with first() as uow:
        assert (await uow.nudges.count_by_status())["sent"] == TOTAL
        users = await uow.users.get_many(sorted(set(owners.values())))
        for user_id in users:
            for nudge in await uow.nudges.list_for_user(user_id, pending_only=False):
                assert nudge.status is NudgeStatus.SENT
                assert nudge.id is not None
                assert nudge.platform_message_id == message_of[nudge.id]
                assert nudge.attempts == 1
    # Each went to the person it belongs to.
    identity_of = {user_id: user.identity for user_id, user in users.items()}
    assert all(identity == identity_of[owners[nudge_id]]
               for nudge_id, identity, _ in deliveries)


@asynccontextmanager
async def two_engines(url: str) -> AsyncIterator[tuple[UnitOfWorkFactory, UnitOfWorkFactory]]:
    await upgrade(url)
    engines = [create_engine(url), create_engine(url)]
    try:
        yield sql_uow_factory(engines[0]), sql_uow_factory(engines[1])
    finally:
        for engine in engines:
            await engine.dispose()


@pytest.mark.postgres
async def test_two_dispatchers_on_one_postgresql_deliver_10000_nudges_exactly_once(
        pg_url: str) -> None:
    async with asyncio.timeout(120), two_engines(pg_url) as (first, second):
        await deliver_with_two_dispatchers(first, second)


async def test_two_dispatchers_on_one_sqlite_file_deliver_10000_nudges_exactly_once(
        sqlite_url: str) -> None:
    async with asyncio.timeout(120), two_engines(sqlite_url) as (first, second):
        await deliver_with_two_dispatchers(first, second)


async def test_two_dispatchers_on_one_memory_store_deliver_10000_nudges_exactly_once() -> None:
    store = MemoryStore()
    async with asyncio.timeout(120):
        await deliver_with_two_dispatchers(memory_uow_factory(store),
                                           memory_uow_factory(store))
