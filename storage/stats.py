"""The SQL :class:`~bot.ports.StatsRepository`: one aggregate statement per question.

``/debrief community`` must not load a community's interviews into the process to count
them, so the counting happens in the database. The only dialect-specific part is the
length of time between two timestamps (for "thank-you inside 24 hours"): ``julianday`` on
SQLite (which stores naive UTC text), ``EXTRACT(EPOCH FROM …)`` on PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Integer, and_, case, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from bot.insights.patterns import CALLBACKS, CLOSED_AFTER, CommunityFigures
from bot.model import Outcome, ReflectionState, ThankYou
from storage.mapping import interviews, users
from storage.repositories import Executor

__all__ = ["SqlStatsRepository"]

_FLOAT_SLACK = 0.001  # seconds


def _count(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0).cast(Integer)


class SqlStatsRepository:
    def __init__(self, db: Executor, dialect: str) -> None:
        self._db = db
        self._dialect = dialect

    def _seconds_between(self, start: Any, end: Any) -> ColumnElement[Any]:
        if self._dialect == "sqlite":
            # julianday is a float of days: exact to well under a millisecond, not exactly.
            return (func.julianday(end) - func.julianday(start)) * 86400.0 - _FLOAT_SLACK
        return func.extract("epoch", end - start)

    async def community_figures(
        self, platform: str, community_id: str, *, now: datetime, thank_you_window: timedelta,
    ) -> CommunityFigures:
        i = interviews.c
        window = thank_you_window.total_seconds()
        dated = i.thank_you_sent_at.is_not(None)
        # Reported "Already sent" after the window, time unknown: on time, as they said.
        undated = and_(i.thank_you_sent_at.is_(None), i.thank_you == ThankYou.SENT.value)
        sent = or_(dated, undated)
        closed = and_(i.thank_you_sent_at.is_(None),
                      i.happens_at <= now - thank_you_window)
        # "No reply yet" is waiting, not an answer, until the interview is closed.
        silent = and_(i.outcome == Outcome.NO_REPLY.value, i.happens_at <= now - CLOSED_AFTER)
        answered = or_(i.outcome.in_([o.value for o in CALLBACKS] + [Outcome.REJECTED.value]),
                       silent)
        stmt = (
            select(
                func.count(func.distinct(i.user_id)).label("people"),
                func.count().label("interviews"),
                _count(i.reflection_state == ReflectionState.COMPLETED.value)
                .label("reflections_completed"),
                _count(or_(sent, closed)).label("thank_you_decided"),
                _count(or_(undated, and_(dated, self._seconds_between(
                    i.happens_at, i.thank_you_sent_at) <= window))).label("thank_you_on_time"),
                _count(answered).label("with_outcome"),
                _count(i.outcome.in_([o.value for o in CALLBACKS])).label("callbacks"),
                _count(i.outcome == Outcome.OFFER.value).label("offers"),
            )
            .select_from(interviews.join(users, users.c.id == i.user_id))
            .where(i.community_id == community_id, users.c.platform == platform)
        )
        row = (await self._db.execute(stmt)).mappings().one()
        return CommunityFigures(**{key: int(value or 0) for key, value in row.items()})
