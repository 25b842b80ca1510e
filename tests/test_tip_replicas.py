"""Two tip runtimes on one PostgreSQL database, as two replicas: every occurrence is
posted exactly once.

Each runtime has its own engine (its own connection pool), and both run every round at
the same moment on one event loop, so they race for the same occurrences; the unique
``(subscription_id, occurrence)`` key decides which one posts.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from tip_helpers import RecordingChannels, add_subscription

from bot.clock import FixedClock
from bot.ports import UnitOfWorkFactory
from bot.tips.runtime import TipRuntime
from storage import create_engine, sql_uow_factory, upgrade

pytestmark = pytest.mark.postgres

BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 3, 26, 12, 0, tzinfo=UTC)
CHANNELS = 25
DAYS = 4


class SlowChannels(RecordingChannels):
    """Posting takes a moment, as it does over the network, so the replicas interleave."""

    async def post_to_channel(self, platform: str, workspace_id: str, channel_id: str,
                              reply: object) -> str:
        await asyncio.sleep(0.002)
        return await super().post_to_channel(platform, workspace_id, channel_id,
                                             reply)  # type: ignore[arg-type]


@asynccontextmanager
async def replica(url: str) -> AsyncIterator[UnitOfWorkFactory]:
    engine = create_engine(url)
    try:
        yield sql_uow_factory(engine)
    finally:
        await engine.dispose()


async def test_two_replicas_post_each_occurrence_exactly_once(pg_url: str) -> None:
    await upgrade(pg_url)
    clock = FixedClock(T0)
    async with replica(pg_url) as first_uow, replica(pg_url) as second_uow:
        for n in range(CHANNELS):
            await add_subscription(first_uow, at=T0, channel=f"C{n:02d}",
                                   schedule="daily 09:00", zone="Europe/Berlin")
        a, b = SlowChannels("a"), SlowChannels("b")
        first = TipRuntime(first_uow, a, clock)
        second = TipRuntime(second_uow, b, clock)
        for day in range(1, DAYS + 1):
            # 09:00 Berlin each day (the 29th is the first day of summer time).
            clock.set(datetime(2026, 3, 26 + day, 9, 0, tzinfo=BERLIN).astimezone(UTC))
            results = await asyncio.gather(first.run_due(), second.run_due(),
                                           first.run_due(), second.run_due())
            assert sum(results) == CHANNELS, f"day {day}: {results}"
        posted = [(c, r.text) for _, _, c, r in a.posted + b.posted]
        assert len(posted) == CHANNELS * DAYS
        per_channel = Counter(c for c, _ in posted)
        assert set(per_channel.values()) == {DAYS}
        # Within a channel no tip repeated over those days.
        for channel in per_channel:
            texts = [t for c, t in posted if c == channel]
            assert len(set(texts)) == DAYS
        # The rows agree: one sent post per channel and day.
        async with first_uow() as uow:
            subs = await uow.tips.list_active()
            counts = [len(await uow.tips.recent_tip_indexes(s.id or 0, limit=100))
                      for s in subs]
        assert counts == [DAYS] * CHANNELS
        # Both replicas did real work (neither simply waited for the other).
        assert a.posted and b.posted, (len(a.posted), len(b.posted))
