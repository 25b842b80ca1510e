"""The in-memory :class:`~bot.ports.StatsRepository` (see :mod:`bot.memory`).

Kept apart from :mod:`bot.memory` so that module stays readable; it reads the same store,
under the same write lock, and must agree with ``storage.stats`` (the contract test runs
both). It counts with the same functions ``/debrief stats`` uses (bot.insights.patterns), so
the SQL is checked against the one definition.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.insights.community import COMMUNITY_FACTORS, CommunityGroup
from bot.insights.factors import Factor
from bot.insights.patterns import (
    CommunityFigures,
    Timing,
    called_back,
    group_of,
    interview_point,
    timing,
)
from bot.model import Interview, Outcome, ReflectionState

if TYPE_CHECKING:
    from bot.memory import MemoryUnitOfWork

__all__ = ["MemoryStatsRepository"]


class MemoryStatsRepository:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    async def _rows(self, platform: str, community_id: str) -> list[Interview]:
        store = await self._uow.begin()
        users = store.users.rows
        return [i for i in store.interviews.rows.values()
                if i.community_id == community_id and i.user_id in users
                and users[i.user_id].identity.platform == platform]

    async def community_figures(
        self, platform: str, community_id: str, *, now: datetime, thank_you_window: timedelta,
    ) -> CommunityFigures:
        rows = await self._rows(platform, community_id)
        timings = [timing(i, now, thank_you_window) for i in rows]
        results = [called_back(i, now) for i in rows]
        answered = {i.user_id for i, r in zip(rows, results, strict=True) if r is not None}
        decided = {i.user_id for i, t in zip(rows, timings, strict=True) if t is not Timing.OPEN}
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
            people_with_outcome=len(answered),
            people_thank_you_decided=len(decided),
        )

    async def community_groups(
        self, platform: str, community_id: str, *, now: datetime, thank_you_window: timedelta,
    ) -> list[CommunityGroup]:
        counts: dict[tuple[Factor, str], tuple[set[int], int, int]] = {}
        for interview in await self._rows(platform, community_id):
            point = interview_point(interview, now, thank_you_window)
            if point.result is None:
                continue
            for factor in COMMUNITY_FACTORS:
                value = group_of(factor, point)
                if not value:
                    continue
                people, total, callbacks = counts.get((factor, value), (set(), 0, 0))
                counts[(factor, value)] = (people | {interview.user_id}, total + 1,
                                           callbacks + int(point.result))
        groups = [CommunityGroup(f, v, len(p), t, c) for (f, v), (p, t, c) in counts.items()]
        return sorted(groups, key=lambda g: (COMMUNITY_FACTORS.index(g.factor), g.value))
