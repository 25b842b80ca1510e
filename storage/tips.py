"""The SQL :class:`~bot.ports.TipRepository`: channel tip subscriptions and their posts.

Two statements carry the multi-replica guarantees (the in-memory twin is
:mod:`bot.memory.tips`; ``tests/test_tips_contract.py`` pins both):

* ``claim_occurrence`` is ``INSERT … ON CONFLICT (subscription_id, occurrence) DO NOTHING
  RETURNING``: on PostgreSQL a second replica inserting the same occurrence waits for the
  first one's transaction and then inserts nothing, so exactly one replica posts it.
* ``claim_stale_posts`` is one ``UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)
  RETURNING``, as for nudges: a post whose lease ran out (its replica crashed, or a retry is
  due) is taken by exactly one replica.

Areas are stored as a comma-separated string of :class:`~bot.model.Area` values (empty for
every area): the set is tiny and only ever read whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Row, Table, delete, func, select, update
from sqlalchemy.sql import Executable

from bot.model import Area
from bot.tips.model import TipPost, TipPostStatus, TipStatus, TipSubscription
from bot.values import Identity
from storage.mapping import dialect_insert
from storage.models import TipPostRow, TipSubscriptionRow
from storage.repositories import Executor

__all__ = ["SqlTipRepository"]

subscriptions = cast(Table, TipSubscriptionRow.__table__)
posts = cast(Table, TipPostRow.__table__)

_CLAIMED = TipPostStatus.CLAIMED.value
_LIVE = (TipPostStatus.CLAIMED.value, TipPostStatus.SENT.value)


def subscription_from_row(row: Row[Any]) -> TipSubscription:
    return TipSubscription(
        platform=row.platform, workspace_id=row.workspace_id, channel_id=row.channel_id,
        schedule=row.schedule, timezone=row.timezone, created_at=row.created_at,
        active_since=row.active_since, id=row.id, channel_name=row.channel_name,
        areas=tuple(Area(a) for a in row.areas.split(",") if a),
        status=TipStatus(row.status), paused_reason=row.paused_reason,
        created_by=row.created_by, updated_at=row.updated_at,
    )


def subscription_values(sub: TipSubscription) -> dict[str, Any]:
    return {
        "platform": sub.platform, "workspace_id": sub.workspace_id,
        "channel_id": sub.channel_id, "channel_name": sub.channel_name,
        "schedule": sub.schedule, "timezone": sub.timezone,
        "areas": ",".join(a.value for a in sub.areas), "status": sub.status.value,
        "paused_reason": sub.paused_reason, "created_by": sub.created_by,
        "created_at": sub.created_at, "active_since": sub.active_since,
        "updated_at": sub.updated_at,
    }


def post_from_row(row: Row[Any]) -> TipPost:
    return TipPost(
        subscription_id=row.subscription_id, occurrence=row.occurrence,
        tip_index=row.tip_index, id=row.id, status=TipPostStatus(row.status),
        attempts=row.attempts, lease_until=row.lease_until, message_id=row.message_id,
        last_error=row.last_error, created_at=row.created_at, posted_at=row.posted_at,
    )


def post_values(post: TipPost) -> dict[str, Any]:
    return {
        "subscription_id": post.subscription_id, "occurrence": post.occurrence,
        "tip_index": post.tip_index, "status": post.status.value, "attempts": post.attempts,
        "lease_until": post.lease_until, "message_id": post.message_id,
        "last_error": post.last_error, "created_at": post.created_at,
        "posted_at": post.posted_at,
    }


class SqlTipRepository:
    def __init__(self, db: Executor, dialect: str) -> None:
        self._db = db
        self._dialect = dialect

    # -- subscriptions -------------------------------------------------------------------
    async def get_subscription(self, platform: str, workspace_id: str,
                               channel_id: str) -> TipSubscription | None:
        stmt = select(subscriptions).where(
            subscriptions.c.platform == platform,
            subscriptions.c.workspace_id == workspace_id,
            subscriptions.c.channel_id == channel_id)
        row = (await self._db.execute(stmt)).first()
        return subscription_from_row(row) if row is not None else None

    async def get_subscription_by_id(self, subscription_id: int) -> TipSubscription | None:
        stmt = select(subscriptions).where(subscriptions.c.id == subscription_id)
        row = (await self._db.execute(stmt)).first()
        return subscription_from_row(row) if row is not None else None

    async def save_subscription(self, subscription: TipSubscription) -> TipSubscription:
        values = subscription_values(subscription)
        stmt: Executable
        if subscription.id is None:
            stmt = subscriptions.insert().values(values).returning(*subscriptions.c)
        else:
            stmt = (update(subscriptions).where(subscriptions.c.id == subscription.id)
                    .values(values).returning(*subscriptions.c))
        row = (await self._db.execute(stmt)).first()
        if row is None:  # updated a subscription that is gone: nothing to update
            return subscription
        saved = subscription_from_row(row)
        subscription.id = saved.id
        return saved

    async def list_subscriptions(self, platform: str,
                                 workspace_id: str) -> list[TipSubscription]:
        stmt = (select(subscriptions)
                .where(subscriptions.c.platform == platform,
                       subscriptions.c.workspace_id == workspace_id)
                .order_by(subscriptions.c.id))
        return [subscription_from_row(row) for row in await self._db.execute(stmt)]

    async def list_active(self, platforms: Sequence[str] | None = None
                          ) -> list[TipSubscription]:
        stmt = select(subscriptions).where(subscriptions.c.status == TipStatus.ACTIVE.value)
        if platforms is not None:
            stmt = stmt.where(subscriptions.c.platform.in_(list(platforms)))
        stmt = stmt.order_by(subscriptions.c.id)
        return [subscription_from_row(row) for row in await self._db.execute(stmt)]

    async def forget_creator(self, identity: Identity) -> None:
        await self._db.execute(
            update(subscriptions)
            .where(subscriptions.c.created_by == str(identity))
            .values(created_by=None))

    # -- posts ---------------------------------------------------------------------------
    async def claim_occurrence(self, post: TipPost) -> TipPost | None:
        stmt = (
            dialect_insert(self._dialect)(posts)
            .values(post_values(post))
            .on_conflict_do_nothing(index_elements=["subscription_id", "occurrence"])
            .returning(*posts.c)
        )
        row = (await self._db.execute(stmt)).first()
        return post_from_row(row) if row is not None else None

    async def last_occurrence(self, subscription_id: int) -> datetime | None:
        stmt = select(func.max(posts.c.occurrence)).where(
            posts.c.subscription_id == subscription_id)
        # max() keeps its argument's type, so UTCDateTime hands back aware UTC.
        result: datetime | None = (await self._db.execute(stmt)).scalar()
        return result

    async def recent_tip_indexes(self, subscription_id: int, *, limit: int) -> list[int]:
        if limit <= 0:
            return []
        stmt = (select(posts.c.tip_index)
                .where(posts.c.subscription_id == subscription_id,
                       posts.c.status.in_(_LIVE))
                .order_by(posts.c.occurrence.desc(), posts.c.id.desc())
                .limit(limit))
        return list(reversed((await self._db.execute(stmt)).scalars().all()))

    async def claim_stale_posts(self, now: datetime, *, lease_seconds: float,
                                limit: int) -> list[TipPost]:
        if limit <= 0:
            return []
        stale = (select(posts.c.id)
                 .where(posts.c.status == _CLAIMED, posts.c.lease_until < now)
                 .order_by(posts.c.occurrence, posts.c.id)
                 .limit(limit)
                 .with_for_update(skip_locked=True))
        stmt = (update(posts)
                .where(posts.c.id.in_(stale))
                .values(lease_until=now + timedelta(seconds=lease_seconds),
                        attempts=posts.c.attempts + 1)
                .returning(*posts.c))
        claimed = [post_from_row(row) for row in await self._db.execute(stmt)]
        claimed.sort(key=lambda p: (p.occurrence, p.id or 0))
        return claimed

    async def mark_post_sent(self, post_id: int, message_id: str, posted_at: datetime) -> None:
        # Recorded whatever the state, as for nudges: the message did go out.
        await self._db.execute(
            update(posts).where(posts.c.id == post_id)
            .values(status=TipPostStatus.SENT.value, message_id=message_id,
                    posted_at=posted_at, lease_until=None))

    async def mark_post_retry(self, post_id: int, lease_until: datetime, error: str) -> None:
        await self._db.execute(
            update(posts).where(posts.c.id == post_id, posts.c.status == _CLAIMED)
            .values(lease_until=lease_until, last_error=error))

    async def finish_post(self, post_id: int, status: str, error: str | None) -> None:
        await self._db.execute(
            update(posts).where(posts.c.id == post_id, posts.c.status == _CLAIMED)
            .values(status=TipPostStatus(status).value, last_error=error, lease_until=None))

    async def delete_post(self, post_id: int) -> None:
        await self._db.execute(delete(posts).where(posts.c.id == post_id))
