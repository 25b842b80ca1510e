"""The inbox's "finished" marks cost no transaction of their own while requests keep coming.

A transaction is the inbox's main cost per request on SQLite (issue 14), so a mark rides
along with the next acceptance write; with no request coming it is written on its own
shortly after, and ``stop`` writes what is left at once.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from adapters.inbox import FINISH_DELAY, DurableInbox
from adapters.lanes import PersonLanes
from bot.memory import memory_uow_factory
from bot.ports import UnitOfWork


class _Counting:
    """A unit-of-work factory that counts the transactions committed."""

    def __init__(self) -> None:
        self.inner = memory_uow_factory()
        self.commits = 0

    def __call__(self) -> UnitOfWork:
        uow = self.inner()
        commit = uow.commit

        async def counted() -> None:
            await commit()
            self.commits += 1
        uow.commit = counted  # type: ignore[method-assign]
        return uow

    async def open_rows(self) -> int:
        async with self.inner() as uow:
            return await uow.inbox.count_open()


def _inbox(uow: _Counting) -> tuple[DurableInbox, PersonLanes, list[str]]:
    lanes = PersonLanes(ack_priority=0)
    done: list[str] = []

    async def perform(kind: str, payload: dict[str, Any]) -> None:
        done.append(payload["n"])

    return DurableInbox(uow, "test", lanes, performer=perform), lanes, done


async def test_a_finished_mark_rides_along_with_the_next_acceptance() -> None:
    uow = _Counting()
    inbox, lanes, done = _inbox(uow)
    assert await inbox.accept("k1", "ada", "command", {"n": "1"})
    assert await lanes.drain(1) and done == ["1"]
    assert uow.commits == 1, "the mark waits for company"
    assert await inbox.accept("k2", "ada", "command", {"n": "2"})
    assert uow.commits == 2 and await uow.open_rows() == 1, "k1 marked in k2's write"
    await inbox.stop()
    assert uow.commits == 3 and await uow.open_rows() == 0


async def test_with_no_request_coming_the_mark_is_written_soon_and_stop_does_not_wait() -> None:
    uow = _Counting()
    inbox, lanes, _ = _inbox(uow)
    assert await inbox.accept("k1", "ada", "command", {"n": "1"})
    assert await lanes.drain(1)
    for _ in range(100):
        if await uow.open_rows() == 0:
            break
        await asyncio.sleep(FINISH_DELAY / 10)
    assert await uow.open_rows() == 0 and uow.commits == 2

    assert await inbox.accept("k2", "ada", "command", {"n": "2"})
    assert await lanes.drain(1)
    started = time.monotonic()
    await inbox.stop()
    assert time.monotonic() - started < FINISH_DELAY / 2
    assert await uow.open_rows() == 0
