"""The in-memory :class:`~bot.ports.StatsRepository` (see :mod:`bot.memory`).

Kept apart from :mod:`bot.memory` so that module stays readable; it reads the same store,
under the same write lock, and must agree with ``storage.stats`` (the contract test runs
both).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.insights.patterns import CALLBACKS, CommunityFigures
from bot.model import Outcome, ReflectionState

if TYPE_CHECKING:
    from bot.memory import MemoryUnitOfWork

__all__ = ["MemoryStatsRepository"]


class MemoryStatsRepository:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    async def community_figures(
        self, platform: str, community_id: str, *, now: datetime, thank_you_window: timedelta,
    ) -> CommunityFigures:
        store = await self._uow.begin()
        users = store.users.rows
        rows = [i for i in store.interviews.rows.values()
                if i.community_id == community_id and i.user_id in users
                and users[i.user_id].identity.platform == platform]
        sent = [i for i in rows if i.thank_you_sent_at is not None]
        return CommunityFigures(
            people=len({i.user_id for i in rows}),
            interviews=len(rows),
            reflections_completed=sum(
                i.reflection_state is ReflectionState.COMPLETED for i in rows),
            thank_you_decided=len(sent) + sum(
                i.thank_you_sent_at is None and i.happens_at + thank_you_window <= now
                for i in rows),
            thank_you_on_time=sum(
                sent_at - i.happens_at <= thank_you_window
                for i in sent if (sent_at := i.thank_you_sent_at) is not None),
            with_outcome=sum(i.outcome is not None for i in rows),
            callbacks=sum(i.outcome in CALLBACKS for i in rows),
            offers=sum(i.outcome is Outcome.OFFER for i in rows),
        )
