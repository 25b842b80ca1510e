"""An inbox write slower than the acknowledgement's patience (issue 14).

The request is not acknowledged (the platform retries it), but the row did land: its work
must run now, once, not a lease (a minute) later when another worker takes the row over,
and the platform's retry must find the key taken and run nothing.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from adapters.inbox import Accepted, DurableInbox, InboxSettings, InboxUnavailable
from adapters.lanes import PersonLanes
from bot.memory import memory_uow_factory


class _SlowInbox:
    def __init__(self, inner: Any, delay: float) -> None:
        self._inner = inner
        self._delay = delay

    async def accept(self, entries: Any) -> Any:
        await asyncio.sleep(self._delay)
        return await self._inner.accept(entries)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _SlowUow:
    def __init__(self, inner: Any, delay: float) -> None:
        self._inner = inner
        self._delay = delay

    async def __aenter__(self) -> _SlowUow:
        await self._inner.__aenter__()
        self.inbox = _SlowInbox(self._inner.inbox, self._delay)
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self._inner.__aexit__(*exc)

    async def commit(self) -> None:
        await self._inner.commit()


async def test_work_whose_write_outlasted_the_ack_runs_at_once_and_its_retry_runs_nothing(
        ) -> None:
    base = memory_uow_factory()
    delay = [0.3]
    lanes = PersonLanes()
    performed: list[dict[str, Any]] = []

    async def perform(kind: str, payload: dict[str, Any]) -> None:
        performed.append(payload)

    inbox = DurableInbox(lambda: _SlowUow(base(), delay[0]), "test", lanes,  # type: ignore[arg-type, return-value]
                         performer=perform, settings=InboxSettings(write_timeout=0.1))
    with pytest.raises(InboxUnavailable):
        await inbox.accept("trigger:1", "ada", "command", {"n": 1})
    await asyncio.sleep(0.5)  # the write lands after the request gave up waiting
    assert await lanes.drain(within=2)
    assert performed == [{"n": 1}], "the stored request runs now, not after its lease"

    delay[0] = 0.0
    assert await inbox.accept("trigger:1", "ada", "command", {"n": 1}) is Accepted.KNOWN
    assert await lanes.drain(within=2)
    assert performed == [{"n": 1}]
    await inbox.stop()
