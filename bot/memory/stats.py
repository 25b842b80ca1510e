"""The in-memory :class:`~bot.ports.StatsRepository` (see :mod:`bot.memory`).

Kept apart from :mod:`bot.memory` so that module stays readable; it reads the same store,
under the same write lock, and must agree with ``storage.stats`` (the contract test runs
both). It counts with the same functions ``/debrief stats`` uses (bot.insights.patterns), so
the SQL is checked against the one definition.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.insights.patterns import CommunityFigures, Timing, called_back, timing
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
        timings = [timing(i, now, thank_you_window) for i in rows]
        results = [called_back(i, now) for i in rows]
        return CommunityFigures(
            people=len({i.user_id for i in rows}),
            interviews=len(rows),
            reflections_completed=sum(
                i.reflection_state is ReflectionState.COMPLETED for i in rows),
            thank_you_decided=sum(t is not Timing.OPEN for t in timings),
            thank_you_on_time=sum(t is Timing.ON_TIME for t in timings),
            with_outcome=sum(r is not None for r in results),
            callbacks=sum(r is True for r in results),
            offers=sum(i.outcome is Outcome.OFFER for i in rows),
        )
