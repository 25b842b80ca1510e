"""The InboxRepository contract, on memory, SQLite and PostgreSQL (``uow_factory``).

The inbox is what makes an acknowledged request survive ``kill -9`` and a replayed one run
once; the Slack and Discord tests run on the memory fake, so it must behave like SQL.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.inbox import InboxEntry, InboxStatus
from bot.ports import UnitOfWorkFactory

T0 = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def entry(key: str, lane: str = "slack:T1:U1", platform: str = "slack",
          lease: timedelta = timedelta(seconds=60)) -> InboxEntry:
    return InboxEntry(platform=platform, key=key, lane=lane, kind="command",
                      payload='{"text": "interview Acme"}', lease_until=T0 + lease,
                      received_at=T0)


async def accept(f: UnitOfWorkFactory, *entries: InboxEntry) -> list[InboxEntry | None]:
    async with f() as uow:
        stored = await uow.inbox.accept(entries)
        await uow.commit()
    return stored


async def test_a_request_is_stored_once_and_its_replays_are_recognised(
        uow_factory: UnitOfWorkFactory) -> None:
    first, = await accept(uow_factory, entry("Ev1"))
    assert first is not None and first.id is not None
    assert first.payload == '{"text": "interview Acme"}' and first.lease_until == T0 + \
        timedelta(seconds=60)
    assert first.status is InboxStatus.CLAIMED and first.attempts == 1
    replay = await accept(uow_factory, entry("Ev1"), entry("Ev2"), entry("Ev2"))
    assert replay[0] is None and replay[1] is not None and replay[2] is None
    # The same key on another platform is another request.
    assert (await accept(uow_factory, entry("Ev1", platform="discord")))[0] is not None
    async with uow_factory() as uow:
        assert await uow.inbox.count_open() == 3


async def test_nothing_is_stored_when_the_transaction_is_not_committed(
        uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        await uow.inbox.accept([entry("Ev1")])
    assert (await accept(uow_factory, entry("Ev1")))[0] is not None


async def test_only_entries_whose_lease_ran_out_are_claimed_oldest_first_on_given_platforms(
        uow_factory: UnitOfWorkFactory) -> None:
    await accept(uow_factory, entry("a", lease=timedelta(seconds=5)),
                 entry("b", lease=timedelta(seconds=500)),
                 entry("c", lease=timedelta(seconds=1)),
                 entry("d", platform="discord", lease=timedelta(seconds=1)))
    now = T0 + timedelta(seconds=10)
    async with uow_factory() as uow:
        claimed = await uow.inbox.claim_expired(now, limit=10, lease_seconds=30,
                                                platforms=["slack"])
        await uow.commit()
    assert [e.key for e in claimed] == ["a", "c"]
    assert all(e.attempts == 2 and e.lease_until == now + timedelta(seconds=30)
               for e in claimed)
    assert claimed[0].payload == '{"text": "interview Acme"}'
    async with uow_factory() as uow:  # renewed: nobody else takes them now
        assert await uow.inbox.claim_expired(now, limit=10, lease_seconds=30,
                                             platforms=["slack"]) == []
        limited = await uow.inbox.claim_expired(now, limit=0, lease_seconds=30,
                                                platforms=["slack", "discord"])
        assert limited == []


async def test_finished_entries_lose_their_payload_keep_their_key_and_are_purged_later(
        uow_factory: UnitOfWorkFactory) -> None:
    a, b = await accept(uow_factory, entry("a", lease=timedelta(0)), entry("b"))
    assert a is not None and a.id is not None and b is not None and b.id is not None
    async with uow_factory() as uow:
        await uow.inbox.finish([(a.id, InboxStatus.DONE), (b.id, InboxStatus.FAILED)],
                               T0 + timedelta(seconds=1))
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.inbox.count_open() == 0
        assert await uow.inbox.claim_expired(T0 + timedelta(hours=1), limit=10,
                                             lease_seconds=30, platforms=["slack"]) == []
    assert await accept(uow_factory, entry("a")) == [None]  # a late replay: still known
    async with uow_factory() as uow:
        assert await uow.inbox.purge(T0) == 0
        assert await uow.inbox.purge(T0 + timedelta(days=1)) == 2
        await uow.commit()
    assert (await accept(uow_factory, entry("a")))[0] is not None


async def test_concurrent_writers_of_one_key_store_it_once(
        uow_factory: UnitOfWorkFactory) -> None:
    results = await asyncio.gather(*(accept(uow_factory, entry("trigger-1"))
                                     for _ in range(20)))
    assert sum(1 for (stored,) in results if stored is not None) == 1


async def test_concurrent_claimers_take_each_expired_entry_once(
        uow_factory: UnitOfWorkFactory) -> None:
    await accept(uow_factory, *(entry(f"k{n}", lane=f"L{n % 7}", lease=timedelta(0))
                                for n in range(60)))

    async def claim() -> list[str]:
        async with uow_factory() as uow:
            got = await uow.inbox.claim_expired(T0 + timedelta(seconds=1), limit=7,
                                                lease_seconds=60, platforms=["slack"])
            await uow.commit()
        return [e.key for e in got]

    keys = [k for batch in await asyncio.gather(*(claim() for _ in range(12))) for k in batch]
    assert sorted(keys) == sorted(f"k{n}" for n in range(60))


async def test_a_renewed_lease_keeps_an_entry_from_being_taken_over(
        uow_factory: UnitOfWorkFactory) -> None:
    a, b = await accept(uow_factory, entry("a", lease=timedelta(seconds=5)),
                        entry("b", lease=timedelta(seconds=5)))
    assert a is not None and a.id is not None and b is not None
    async with uow_factory() as uow:
        await uow.inbox.renew([a.id], T0 + timedelta(minutes=5))
        await uow.commit()
    async with uow_factory() as uow:
        claimed = await uow.inbox.claim_expired(T0 + timedelta(minutes=1), limit=10,
                                                lease_seconds=30, platforms=["slack"])
    assert [e.key for e in claimed] == ["b"]
