"""The TipRepository contract, for every storage backend (memory, SQLite, PostgreSQL).

Runs once per backend through the parametrized ``uow_factory`` fixture, like
``test_storage_contract.py``: the tip runtime is unit-tested on memory, so memory must
behave like SQL where it matters (unique keys, claims, transactions).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.model import Area
from bot.ports import UnitOfWorkFactory
from bot.tips.model import TipPost, TipPostStatus, TipStatus, TipSubscription
from bot.values import Identity

T0 = datetime(2026, 3, 27, 8, 0, tzinfo=UTC)


def subscription(channel: str = "C1", **kw: object) -> TipSubscription:
    values: dict[str, object] = {
        "platform": "slack", "workspace_id": "T1", "channel_id": channel,
        "schedule": "daily 09:00", "timezone": "Europe/Berlin", "created_at": T0,
        "active_since": T0,
    }
    values.update(kw)
    return TipSubscription(**values)  # type: ignore[arg-type]


async def add(f: UnitOfWorkFactory, sub: TipSubscription) -> TipSubscription:
    async with f() as uow:
        saved = await uow.tips.save_subscription(sub)
        await uow.commit()
    return saved


async def claim(f: UnitOfWorkFactory, sub_id: int, at: datetime, tip: int = 0,
                lease: datetime | None = None) -> TipPost | None:
    async with f() as uow:
        post = await uow.tips.claim_occurrence(TipPost(
            subscription_id=sub_id, occurrence=at, tip_index=tip,
            lease_until=lease or T0 + timedelta(minutes=2), created_at=T0))
        await uow.commit()
    return post


async def test_a_subscription_round_trips_with_its_areas_and_aware_times(
        uow_factory: UnitOfWorkFactory) -> None:
    saved = await add(uow_factory, subscription(
        areas=(Area.PREPARED, Area.FOLLOW_UP), channel_name="interviews", created_by="U1"))
    assert saved.id is not None
    async with uow_factory() as uow:
        loaded = await uow.tips.get_subscription("slack", "T1", "C1")
        by_id = await uow.tips.get_subscription_by_id(saved.id)
    assert loaded == by_id == saved
    assert loaded is not None
    assert loaded.areas == (Area.PREPARED, Area.FOLLOW_UP)
    assert loaded.created_at == T0 and loaded.created_at.tzinfo is not None
    assert loaded.status is TipStatus.ACTIVE and loaded.channel_name == "interviews"


async def test_one_subscription_per_channel_and_updates_by_id(
        uow_factory: UnitOfWorkFactory) -> None:
    saved = await add(uow_factory, subscription())
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError on SQL, ValueError in memory
        await add(uow_factory, subscription())
    saved.status = TipStatus.PAUSED
    saved.paused_reason = "not_in_channel"
    await add(uow_factory, saved)
    async with uow_factory() as uow:
        loaded = await uow.tips.get_subscription("slack", "T1", "C1")
    assert loaded is not None and loaded.status is TipStatus.PAUSED
    assert loaded.paused_reason == "not_in_channel"


async def test_lists_are_per_community_and_active_ones_per_platform(
        uow_factory: UnitOfWorkFactory) -> None:
    a = await add(uow_factory, subscription("C1"))
    await add(uow_factory, subscription("C2", status=TipStatus.PAUSED))
    await add(uow_factory, subscription("C3", workspace_id="T2"))
    d = await add(uow_factory, subscription("99", platform="discord", workspace_id="G1"))
    async with uow_factory() as uow:
        t1 = await uow.tips.list_subscriptions("slack", "T1")
        active = await uow.tips.list_active()
        discord_only = await uow.tips.list_active(["discord"])
    assert [s.channel_id for s in t1] == ["C1", "C2"]
    assert {s.channel_id for s in active} == {"C1", "C3", "99"}
    assert [s.id for s in discord_only] == [d.id]
    assert a.id is not None


async def test_forget_creator_clears_only_that_persons_name(
        uow_factory: UnitOfWorkFactory) -> None:
    # The same user id in another workspace is another person, whose name stays.
    await add(uow_factory, subscription("C1", created_by="slack:T1:U1"))
    await add(uow_factory, subscription("C2", created_by="slack:T1:U2"))
    await add(uow_factory, subscription("C3", created_by="slack:T2:U1"))
    async with uow_factory() as uow:
        await uow.tips.forget_creator(Identity("slack", "T1", "U1"))
        await uow.commit()
        subs = await uow.tips.list_subscriptions("slack", "T1")
    assert [s.created_by for s in subs] == [None, "slack:T1:U2", "slack:T2:U1"]


async def test_an_occurrence_is_claimed_once(uow_factory: UnitOfWorkFactory) -> None:
    sub = await add(uow_factory, subscription())
    assert sub.id is not None
    at = T0 + timedelta(hours=1)
    first = await claim(uow_factory, sub.id, at, tip=3)
    # The same instant written in another zone is the same occurrence.
    again = await claim(uow_factory, sub.id, at.astimezone(timezone(timedelta(hours=2))))
    assert first is not None and first.id is not None and again is None
    assert first.occurrence == at and first.status is TipPostStatus.CLAIMED
    assert first.attempts == 1
    async with uow_factory() as uow:
        assert await uow.tips.last_occurrence(sub.id) == at
        assert await uow.tips.recent_tip_indexes(sub.id, limit=10) == [3]


async def test_concurrent_claims_of_one_occurrence_have_one_winner(
        uow_factory: UnitOfWorkFactory) -> None:
    sub = await add(uow_factory, subscription())
    assert sub.id is not None
    sub_id = sub.id
    results = await asyncio.gather(*(claim(uow_factory, sub_id, T0 + timedelta(hours=1))
                                     for _ in range(5)))
    assert sum(r is not None for r in results) == 1


async def test_a_rolled_back_claim_leaves_the_occurrence_free(
        uow_factory: UnitOfWorkFactory) -> None:
    sub = await add(uow_factory, subscription())
    assert sub.id is not None
    async with uow_factory() as uow:
        await uow.tips.claim_occurrence(TipPost(subscription_id=sub.id, occurrence=T0,
                                                tip_index=0))
    assert await claim(uow_factory, sub.id, T0) is not None


async def test_recent_tip_indexes_are_oldest_first_and_skip_dead_posts(
        uow_factory: UnitOfWorkFactory) -> None:
    sub = await add(uow_factory, subscription())
    assert sub.id is not None
    ids = []
    for day, tip in enumerate([5, 7, 9, 11]):
        post = await claim(uow_factory, sub.id, T0 + timedelta(days=day), tip=tip)
        assert post is not None and post.id is not None
        ids.append(post.id)
    async with uow_factory() as uow:
        await uow.tips.mark_post_sent(ids[0], "m1", T0)
        await uow.tips.finish_post(ids[1], "failed", "not_in_channel")
        await uow.tips.finish_post(ids[2], "skipped", "superseded")
        await uow.commit()
        assert await uow.tips.recent_tip_indexes(sub.id, limit=10) == [5, 11]
        assert await uow.tips.recent_tip_indexes(sub.id, limit=1) == [11]
        assert await uow.tips.last_occurrence(sub.id) == T0 + timedelta(days=3)


async def test_expired_leases_are_reclaimed_once_and_finished_posts_stay_put(
        uow_factory: UnitOfWorkFactory) -> None:
    sub = await add(uow_factory, subscription())
    assert sub.id is not None
    stale = await claim(uow_factory, sub.id, T0, lease=T0 + timedelta(minutes=1))
    fresh = await claim(uow_factory, sub.id, T0 + timedelta(hours=1),
                        lease=T0 + timedelta(hours=3))
    done = await claim(uow_factory, sub.id, T0 + timedelta(hours=2),
                       lease=T0 + timedelta(minutes=1))
    assert stale and fresh and done and done.id is not None and stale.id is not None
    async with uow_factory() as uow:
        await uow.tips.mark_post_sent(done.id, "m1", T0)
        await uow.commit()
    now = T0 + timedelta(minutes=30)
    async with uow_factory() as uow:
        taken = await uow.tips.claim_stale_posts(now, lease_seconds=60, limit=10)
        await uow.commit()
    assert [p.id for p in taken] == [stale.id]
    assert taken[0].attempts == 2 and taken[0].lease_until == now + timedelta(seconds=60)
    async with uow_factory() as uow:
        assert await uow.tips.claim_stale_posts(now, lease_seconds=60, limit=10) == []
        await uow.tips.mark_post_retry(stale.id, now + timedelta(minutes=5), "slack http 503")
        await uow.commit()
    async with uow_factory() as uow:
        later = await uow.tips.claim_stale_posts(now + timedelta(minutes=6), lease_seconds=60,
                                                 limit=10)
        await uow.commit()
    assert [p.id for p in later] == [stale.id] and later[0].last_error == "slack http 503"


async def test_transitions_only_move_claimed_posts_and_deleting_frees_the_occurrence(
        uow_factory: UnitOfWorkFactory) -> None:
    sub = await add(uow_factory, subscription())
    assert sub.id is not None
    post = await claim(uow_factory, sub.id, T0)
    assert post is not None and post.id is not None
    async with uow_factory() as uow:
        await uow.tips.mark_post_sent(post.id, "m1", T0)
        await uow.tips.finish_post(post.id, "failed", "late error")  # not claimed: no-op
        await uow.tips.mark_post_retry(post.id, T0, "late retry")  # not claimed: no-op
        await uow.commit()
        assert await uow.tips.recent_tip_indexes(sub.id, limit=5) == [0]
        await uow.tips.delete_post(post.id)
        await uow.commit()
        assert await uow.tips.last_occurrence(sub.id) is None
    assert await claim(uow_factory, sub.id, T0) is not None


async def test_posts_need_an_existing_subscription(uow_factory: UnitOfWorkFactory) -> None:
    with pytest.raises(Exception):  # noqa: B017 - foreign key: IntegrityError / ValueError
        await claim(uow_factory, 12345, T0)
