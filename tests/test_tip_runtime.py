"""Posting scheduled channel tips, on in-memory storage with a fixed clock.

Time never passes by itself here: each test moves the clock and calls ``run_due`` (what
the per-subscription cron jobs and the sync job call), so DST, downtime and retries are
exact.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from tip_helpers import RecordingChannels, add_subscription, posts_of, tip_post

from bot.clock import FixedClock, SystemClock
from bot.memory import MemoryStore, memory_uow_factory
from bot.model import Area
from bot.ports import (
    DeliveryDeclined,
    PermanentDeliveryError,
    RetryableDeliveryError,
    UnitOfWorkFactory,
)
from bot.tips.library import TIPS
from bot.tips.model import TipPostStatus, TipStatus, TipSubscription
from bot.tips.runtime import TipRuntime, TipRuntimeConfig, pick_tip

BERLIN = ZoneInfo("Europe/Berlin")
# Friday 27 March 2026, 13:00 in Berlin; clocks go forward early on Sunday the 29th.
T0 = datetime(2026, 3, 27, 12, 0, tzinfo=UTC)


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def uow(store: MemoryStore) -> UnitOfWorkFactory:
    return memory_uow_factory(store)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def channels() -> RecordingChannels:
    return RecordingChannels()


@pytest.fixture
def runtime(uow: UnitOfWorkFactory, channels: RecordingChannels,
            clock: FixedClock) -> TipRuntime:
    return TipRuntime(uow, channels, clock)


def berlin(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


async def test_daily_nine_posts_at_nine_local_on_both_sides_of_the_dst_change(
        uow: UnitOfWorkFactory, runtime: TipRuntime, clock: FixedClock,
        channels: RecordingChannels) -> None:
    sub = await add_subscription(uow, at=T0)
    for day in (28, 29, 30):
        clock.set(berlin(day, 8, 59))
        assert await runtime.run_due() == 0, f"nothing before 09:00 on the {day}th"
        clock.set(berlin(day, 9, 0))
        assert await runtime.run_due() == 1, f"one tip at 09:00 on the {day}th"
        assert await runtime.run_due() == 0, "and only one"
    assert sub.id is not None
    async with uow() as u:
        last = await u.tips.last_occurrence(sub.id)
    assert last == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # 09:00 CEST
    assert [berlin(d, 9).hour for d in (28, 29, 30)] == [8, 7, 7]  # UTC hours differ
    assert len(channels.posted) == 3


async def test_a_tip_is_not_repeated_in_a_channel_until_the_library_is_used_up(
        uow: UnitOfWorkFactory, runtime: TipRuntime, clock: FixedClock,
        channels: RecordingChannels) -> None:
    sub = await add_subscription(uow, at=T0)
    for day in range(len(TIPS) + 3):
        clock.set(T0 + timedelta(days=day + 1))
        assert await runtime.run_due() == 1
    posted = await posts_of(uow, sub)
    first_round = posted[:len(TIPS)]
    assert sorted(first_round) == list(range(len(TIPS)))  # every tip once
    assert posted[len(TIPS):] == first_round[:3]  # then it starts over, same order
    texts = channels.texts()
    assert len(set(texts[:len(TIPS)])) == len(TIPS)
    # The order mixes areas rather than running through one area at a time.
    areas = [TIPS[i][0] for i in first_round[:5]]
    assert len(set(areas)) > 1


async def test_a_subscription_limited_to_areas_posts_only_those_and_cycles_them(
        uow: UnitOfWorkFactory, runtime: TipRuntime, clock: FixedClock) -> None:
    sub = await add_subscription(uow, at=T0, areas=(Area.PREPARED, Area.FOLLOW_UP))
    wanted = [i for i, (a, _) in enumerate(TIPS) if a in (Area.PREPARED, Area.FOLLOW_UP)]
    for day in range(len(wanted) + 1):
        clock.set(T0 + timedelta(days=day + 1))
        await runtime.run_due()
    posted = await posts_of(uow, sub)
    assert sorted(posted[:len(wanted)]) == wanted
    assert posted[len(wanted)] == posted[0]


async def test_after_downtime_only_the_latest_missed_tip_is_posted(
        uow: UnitOfWorkFactory, runtime: TipRuntime, clock: FixedClock,
        channels: RecordingChannels) -> None:
    sub = await add_subscription(uow, at=T0, schedule="weekdays 09:00")
    clock.set(T0 + timedelta(days=10))  # down for ten days: 6 weekday occurrences missed
    assert await runtime.run_due() == 1
    assert await runtime.run_due() == 0
    assert sub.id is not None
    async with uow() as u:
        assert await u.tips.last_occurrence(sub.id) == berlin(6, 9, month=4)  # Mon 6 April
    clock.set(berlin(7, 9, month=4))
    assert await runtime.run_due() == 1  # back to normal the next morning
    assert len(channels.posted) == 2


async def test_occurrences_before_subscribing_or_resuming_are_not_posted(
        uow: UnitOfWorkFactory, runtime: TipRuntime, clock: FixedClock) -> None:
    await add_subscription(uow, at=berlin(28, 9, 30))
    clock.set(berlin(28, 10))
    assert await runtime.run_due() == 0  # today's 09:00 was before the subscription
    clock.set(berlin(29, 9))
    assert await runtime.run_due() == 1


async def test_a_channel_that_refuses_for_good_pauses_its_subscription_with_the_reason(
        uow: UnitOfWorkFactory, runtime: TipRuntime, clock: FixedClock,
        channels: RecordingChannels) -> None:
    sub = await add_subscription(uow, at=T0)
    other = await add_subscription(uow, at=T0, channel="C2")
    channels.fail_with.append(PermanentDeliveryError("not_in_channel"))
    clock.set(berlin(28, 9))
    assert await runtime.run_due() == 1  # the other channel still got its tip
    async with uow() as u:
        assert sub.id is not None and other.id is not None
        paused = await u.tips.get_subscription_by_id(sub.id)
        still = await u.tips.get_subscription_by_id(other.id)
    assert paused is not None and paused.status is TipStatus.PAUSED
    assert paused.paused_reason is not None and "not_in_channel" in paused.paused_reason
    assert still is not None and still.status is TipStatus.ACTIVE
    clock.set(berlin(29, 9))
    assert await runtime.run_due() == 1  # only the other channel from now on
    assert [c for _, _, c, _ in channels.posted] == ["C2", "C2"]


async def test_a_passing_failure_is_retried_after_backoff_and_posted_once(
        uow: UnitOfWorkFactory, runtime: TipRuntime, clock: FixedClock,
        channels: RecordingChannels) -> None:
    sub = await add_subscription(uow, at=T0)
    channels.fail_with.append(RetryableDeliveryError("slack http 503"))
    clock.set(berlin(28, 9))
    assert await runtime.run_due() == 0
    clock.advance(timedelta(seconds=30))
    assert await runtime.run_due() == 0  # backing off
    clock.advance(timedelta(minutes=1))
    assert await runtime.run_due() == 1
    assert await runtime.run_due() == 0
    assert len(await posts_of(uow, sub)) == 1 and len(channels.posted) == 1


async def test_a_post_abandoned_by_a_crashed_replica_is_taken_over_after_its_lease(
        uow: UnitOfWorkFactory, runtime: TipRuntime, clock: FixedClock,
        channels: RecordingChannels) -> None:
    sub = await add_subscription(uow, at=T0)
    nine = berlin(28, 9)
    async with uow() as u:  # what a replica that crashed right after claiming leaves
        await u.tips.claim_occurrence(tip_post(sub, nine, 7, nine + timedelta(minutes=2)))
        await u.commit()
    clock.set(nine + timedelta(minutes=1))
    assert await runtime.run_due() == 0  # still leased to the other replica
    clock.set(nine + timedelta(minutes=3))
    assert await runtime.run_due() == 1
    assert channels.texts()[0].endswith(
        "Want one picked for you? `/debrief tip` (only you see it).")
    assert TIPS[7][1] in channels.texts()[0]


async def test_a_stale_post_superseded_by_a_newer_occurrence_is_skipped(
        uow: UnitOfWorkFactory, store: MemoryStore, runtime: TipRuntime, clock: FixedClock,
        channels: RecordingChannels) -> None:
    sub = await add_subscription(uow, at=T0)
    async with uow() as u:
        stale = await u.tips.claim_occurrence(
            tip_post(sub, berlin(28, 9), 3, berlin(28, 9, 2)))
        await u.commit()
    clock.set(berlin(29, 9, 5))  # the whole process was down for a day
    assert await runtime.run_due() == 1  # today's tip, not yesterday's as well
    assert stale is not None and stale.id is not None
    assert store.tip_posts.rows[stale.id].status is TipPostStatus.SKIPPED
    assert len(channels.posted) == 1


async def test_a_declined_occurrence_is_given_back_for_a_process_that_serves_the_platform(
        uow: UnitOfWorkFactory, clock: FixedClock, channels: RecordingChannels) -> None:
    await add_subscription(uow, at=T0)
    console = RecordingChannels("console")
    console.fail_with.append(DeliveryDeclined("slack is not served here"))
    clock.set(berlin(28, 9))
    assert await TipRuntime(uow, console, clock).run_due() == 0
    assert await TipRuntime(uow, channels, clock).run_due() == 1
    # A runtime told which platforms it serves never takes another platform's tips.
    clock.set(berlin(29, 9))
    discord_only = RecordingChannels("discord")
    assert await TipRuntime(uow, discord_only, clock, platforms=["discord"]).run_due() == 0
    assert discord_only.posted == []


async def test_paused_and_off_subscriptions_post_nothing(
        uow: UnitOfWorkFactory, runtime: TipRuntime, clock: FixedClock) -> None:
    await add_subscription(uow, at=T0, channel="C1", status=TipStatus.PAUSED)
    await add_subscription(uow, at=T0, channel="C2", status=TipStatus.OFF)
    clock.set(berlin(28, 9))
    assert await runtime.run_due() == 0


async def test_two_runtimes_on_one_store_post_each_occurrence_once(
        uow: UnitOfWorkFactory, clock: FixedClock) -> None:
    for n in range(10):
        await add_subscription(uow, at=T0, channel=f"C{n}")
    a, b = RecordingChannels("a"), RecordingChannels("b")
    first, second = TipRuntime(uow, a, clock), TipRuntime(uow, b, clock)
    for day in (28, 29, 30):
        clock.set(berlin(day, 9))
        await asyncio.gather(first.run_due(), second.run_due())
    assert len(a.posted) + len(b.posted) == 30


def test_pick_tip_prefers_never_posted_then_least_recently_posted() -> None:
    library = [(Area.PREPARED, "a"), (Area.PREPARED, "b"), (Area.FOLLOW_UP, "c")]
    sub = TipSubscription("slack", "T1", "C1", "daily 09:00", "UTC", T0, T0)
    first = pick_tip(sub, [], library)
    second = pick_tip(sub, [first], library)
    third = pick_tip(sub, [first, second], library)
    assert {first, second, third} == {0, 1, 2}
    assert pick_tip(sub, [first, second, third], library) == first
    sub.areas = (Area.FOLLOW_UP,)
    assert pick_tip(sub, [2, 2], library) == 2  # only one tip in that area


async def test_the_scheduler_runs_one_cron_job_per_active_subscription_in_its_zone(
        uow: UnitOfWorkFactory, channels: RecordingChannels) -> None:
    clock = SystemClock()
    now = clock.now()
    sub = await add_subscription(uow, at=now, schedule="daily 09:00")
    runtime = TipRuntime(uow, channels, clock, TipRuntimeConfig(sync_interval=0.05))
    runtime.start()
    try:
        for _ in range(100):
            if runtime.scheduled():
                break
            await asyncio.sleep(0.02)
        assert sub.id is not None
        assert runtime.scheduled() == {sub.id: ("daily 09:00", "Europe/Berlin")}
        next_run = runtime.next_runs()[sub.id]
        assert next_run.astimezone(BERLIN).strftime("%H:%M") == "09:00"
        async with uow() as u:  # paused elsewhere: the next sync drops the job
            loaded = await u.tips.get_subscription_by_id(sub.id)
            assert loaded is not None
            loaded.status = TipStatus.PAUSED
            await u.tips.save_subscription(loaded)
            await u.commit()
        for _ in range(100):
            if not runtime.scheduled():
                break
            await asyncio.sleep(0.02)
        assert runtime.scheduled() == {}
    finally:
        await runtime.stop()
