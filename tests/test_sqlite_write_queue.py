"""SQLite's one writer, shared fairly inside a process, with the acknowledgement path first.

Issue 14: with hundreds of replies queued for the write lock, the inbox write that a Slack
acknowledgement waits for queued behind all of them, took over 2 s and the request was
answered 503. Writes inside ``urgent_writes`` (the inbox) now go ahead of queued work.
"""

from __future__ import annotations

import asyncio
from contextlib import nullcontext
from pathlib import Path

from storage import create_engine, sql_uow_factory, upgrade
from storage.sql import urgent_writes


async def test_an_inbox_write_goes_ahead_of_queued_work_and_a_cancelled_waiter_is_skipped(
        tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/queue.db"
    await upgrade(url)
    engine = create_engine(url)
    uow = sql_uow_factory(engine)
    order: list[str] = []
    release = asyncio.Event()

    async def holder() -> None:
        async with uow() as unit:
            await unit.inbox.count_open()  # the first statement takes the write lock
            await release.wait()
            await unit.commit()

    async def work(name: str) -> None:
        async with uow() as unit:
            await unit.inbox.count_open()
            order.append(name)
            await unit.commit()

    async def inbox_write() -> None:
        with urgent_writes():
            await work("inbox")

    try:
        held = asyncio.create_task(holder())
        await asyncio.sleep(0.05)
        queued = [asyncio.create_task(work(f"work{n}")) for n in range(3)]
        await asyncio.sleep(0.05)
        urgent = asyncio.create_task(inbox_write())
        await asyncio.sleep(0.05)
        queued[1].cancel()  # gave up waiting: must not keep the lock from the others
        release.set()
        await asyncio.wait_for(asyncio.gather(held, urgent, queued[0], queued[2]), 10)
        assert order == ["inbox", "work0", "work2"]
        # And the lock is free again afterwards.
        await asyncio.wait_for(work("later"), 5)
        assert order[-1] == "later"
    finally:
        await engine.dispose()


async def test_a_stream_of_inbox_writes_cannot_starve_queued_work(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/turns.db"
    await upgrade(url)
    engine = create_engine(url)
    uow = sql_uow_factory(engine)
    order: list[str] = []

    async def write(name: str, urgent: bool) -> None:
        with urgent_writes() if urgent else nullcontext():
            async with uow() as unit:
                await unit.inbox.count_open()
                await asyncio.sleep(0.01)
                order.append(name)
                await unit.commit()

    try:
        first = asyncio.create_task(write("inbox0", True))
        await asyncio.sleep(0.005)
        queued = [asyncio.create_task(write(f"work{n}", False)) for n in range(2)]
        queued += [asyncio.create_task(write(f"inbox{n}", True)) for n in range(1, 4)]
        await asyncio.wait_for(asyncio.gather(first, *queued), 10)
        assert order == ["inbox0", "work0", "inbox1", "work1", "inbox2", "inbox3"]
    finally:
        await engine.dispose()
