"""Helpers for the channel tip tests: a recording channel gateway and subscription seeding."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime

from bot.model import Area
from bot.ports import UnitOfWorkFactory
from bot.tips.model import TipPost, TipStatus, TipSubscription
from bot.values import Reply

__all__ = ["RecordingChannels", "add_subscription", "posts_of"]


class RecordingChannels:
    """A ChannelGateway that records every post; ``fail_with`` makes the next posts raise."""

    def __init__(self, name: str = "gw") -> None:
        self.name = name
        self.posted: list[tuple[str, str, str, Reply]] = []
        self.fail_with: list[BaseException] = []

    async def post_to_channel(self, platform: str, workspace_id: str, channel_id: str,
                              reply: Reply) -> str:
        await asyncio.sleep(0)  # a real gateway awaits the network
        if self.fail_with:
            raise self.fail_with.pop(0)
        self.posted.append((platform, workspace_id, channel_id, reply))
        return f"{self.name}-{len(self.posted)}"

    def texts(self, channel_id: str | None = None) -> list[str]:
        return [r.text for _, _, c, r in self.posted if channel_id in (None, c)]


async def add_subscription(f: UnitOfWorkFactory, *, at: datetime, channel: str = "C1",
                           schedule: str = "daily 09:00", zone: str = "Europe/Berlin",
                           areas: Sequence[Area] = (), platform: str = "slack",
                           workspace: str = "T1",
                           status: TipStatus = TipStatus.ACTIVE) -> TipSubscription:
    async with f() as uow:
        sub = await uow.tips.save_subscription(TipSubscription(
            platform=platform, workspace_id=workspace, channel_id=channel, schedule=schedule,
            timezone=zone, created_at=at, active_since=at, areas=tuple(areas), status=status))
        await uow.commit()
    return sub


async def posts_of(f: UnitOfWorkFactory, sub: TipSubscription, *, limit: int = 1000
                   ) -> list[int]:
    """Tip indexes posted (or being posted) for ``sub``, oldest first."""
    assert sub.id is not None
    async with f() as uow:
        return await uow.tips.recent_tip_indexes(sub.id, limit=limit)


def tip_post(sub: TipSubscription, at: datetime, index: int, lease: datetime) -> TipPost:
    assert sub.id is not None
    return TipPost(subscription_id=sub.id, occurrence=at, tip_index=index, lease_until=lease)
