"""The in-memory :class:`~bot.ports.TipRepository` (see :mod:`bot.memory`).

Kept apart from :mod:`bot.memory` so that module stays readable. Its tables live on the
:class:`~bot.memory.MemoryStore` (``tip_subscriptions`` unique per channel, ``tip_posts``
unique per ``(subscription_id, occurrence)``), and every write goes through the unit of
work's undo log, so the same transaction semantics hold; ``storage.tips`` is the SQL twin
and the contract test (``tests/test_tips_contract.py``) runs both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.clock import require_utc, utc_or_none
from bot.tips.model import TipPost, TipPostStatus, TipStatus, TipSubscription
from bot.values import Identity

if TYPE_CHECKING:
    from bot.memory import MemoryStore, MemoryUnitOfWork

__all__ = ["MemoryTipRepository"]

_LIVE = (TipPostStatus.CLAIMED, TipPostStatus.SENT)




def _copy_subscription(sub: TipSubscription) -> TipSubscription:
    return replace(sub, areas=tuple(sub.areas), created_at=require_utc(sub.created_at),
                   active_since=require_utc(sub.active_since),
                   updated_at=utc_or_none(sub.updated_at))


def _copy_post(post: TipPost) -> TipPost:
    return replace(post, occurrence=require_utc(post.occurrence),
                   lease_until=utc_or_none(post.lease_until),
                   created_at=utc_or_none(post.created_at), posted_at=utc_or_none(post.posted_at))


class MemoryTipRepository:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    async def _store(self) -> MemoryStore:
        return await self._uow.begin()

    # -- subscriptions -------------------------------------------------------------------
    async def get_subscription(self, platform: str, workspace_id: str,
                               channel_id: str) -> TipSubscription | None:
        table = (await self._store()).tip_subscriptions
        row_id = table.index.get((platform, workspace_id, channel_id))
        return _copy_subscription(table.rows[row_id]) if row_id is not None else None

    async def get_subscription_by_id(self, subscription_id: int) -> TipSubscription | None:
        row = (await self._store()).tip_subscriptions.rows.get(subscription_id)
        return _copy_subscription(row) if row is not None else None

    async def save_subscription(self, subscription: TipSubscription) -> TipSubscription:
        table = (await self._store()).tip_subscriptions
        stored = _copy_subscription(subscription)
        key = (stored.platform, stored.workspace_id, stored.channel_id)
        holder = table.index.get(key)
        if stored.id is None:
            if holder is not None:
                raise ValueError(f"a tip subscription for {key} exists (unique key)")
            stored.id = table.new_id()
        elif stored.id not in table.rows:
            return _copy_subscription(stored)  # gone meanwhile: nothing to update, as in SQL
        elif holder is not None and holder != stored.id:
            raise ValueError(f"a tip subscription for {key} exists (unique key)")
        self._uow.write(table, stored.id, stored)
        subscription.id = stored.id
        return _copy_subscription(stored)

    async def list_subscriptions(self, platform: str,
                                 workspace_id: str) -> list[TipSubscription]:
        rows = (await self._store()).tip_subscriptions.rows
        return [_copy_subscription(r) for _, r in sorted(rows.items())
                if r.platform == platform and r.workspace_id == workspace_id]

    async def list_active(self, platforms: Sequence[str] | None = None
                          ) -> list[TipSubscription]:
        rows = (await self._store()).tip_subscriptions.rows
        return [_copy_subscription(r) for _, r in sorted(rows.items())
                if r.status is TipStatus.ACTIVE
                and (platforms is None or r.platform in platforms)]

    async def forget_creator(self, identity: Identity) -> None:
        table = (await self._store()).tip_subscriptions
        for row_id, row in list(table.rows.items()):
            if row.created_by == str(identity):
                self._uow.write(table, row_id, replace(row, created_by=None))

    # -- posts ---------------------------------------------------------------------------
    async def claim_occurrence(self, post: TipPost) -> TipPost | None:
        store = await self._store()
        stored = _copy_post(post)
        if (stored.subscription_id, stored.occurrence) in store.tip_posts.index:
            return None
        if stored.subscription_id not in store.tip_subscriptions.rows:
            raise ValueError(f"no tip subscription {stored.subscription_id} (foreign key)")
        stored.id = store.tip_posts.new_id()
        self._uow.write(store.tip_posts, stored.id, stored)
        return _copy_post(stored)

    async def _posts(self, subscription_id: int) -> list[TipPost]:
        rows = (await self._store()).tip_posts.rows.values()
        return sorted((r for r in rows if r.subscription_id == subscription_id),
                      key=lambda r: (r.occurrence, r.id or 0))

    async def last_occurrence(self, subscription_id: int) -> datetime | None:
        posts = await self._posts(subscription_id)
        return posts[-1].occurrence if posts else None

    async def recent_tip_indexes(self, subscription_id: int, *, limit: int) -> list[int]:
        live = [p.tip_index for p in await self._posts(subscription_id) if p.status in _LIVE]
        return live[-limit:] if limit > 0 else []

    async def claim_stale_posts(self, now: datetime, *, lease_seconds: float,
                                limit: int) -> list[TipPost]:
        table = (await self._store()).tip_posts
        now = require_utc(now)
        stale = sorted((r for r in table.rows.values()
                        if r.status is TipPostStatus.CLAIMED and r.lease_until is not None
                        and r.lease_until < now),
                       key=lambda r: (r.occurrence, r.id or 0))[: max(limit, 0)]
        lease_until = now + timedelta(seconds=lease_seconds)
        claimed = []
        for row in stale:
            updated = replace(row, lease_until=lease_until, attempts=row.attempts + 1)
            self._uow.write(table, row.id or 0, updated)
            claimed.append(_copy_post(updated))
        return claimed

    async def _update(self, post_id: int, *, only_claimed: bool, **changes: Any) -> None:
        table = (await self._store()).tip_posts
        row = table.rows.get(post_id)
        if row is None or (only_claimed and row.status is not TipPostStatus.CLAIMED):
            return
        self._uow.write(table, post_id, _copy_post(replace(row, **changes)))

    async def mark_post_sent(self, post_id: int, message_id: str, posted_at: datetime) -> None:
        # Recorded whatever the state, as for nudges: the message did go out.
        await self._update(post_id, only_claimed=False, status=TipPostStatus.SENT,
                           message_id=message_id, posted_at=require_utc(posted_at),
                           lease_until=None)

    async def mark_post_retry(self, post_id: int, lease_until: datetime, error: str) -> None:
        await self._update(post_id, only_claimed=True, lease_until=require_utc(lease_until),
                           last_error=error)

    async def finish_post(self, post_id: int, status: str, error: str | None) -> None:
        await self._update(post_id, only_claimed=True, status=TipPostStatus(status),
                           last_error=error, lease_until=None)

    async def delete_post(self, post_id: int) -> None:
        table = (await self._store()).tip_posts
        if post_id in table.rows:
            self._uow.write(table, post_id, None)
