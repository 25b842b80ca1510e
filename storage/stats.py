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

from bot.insights.community import COMMUNITY_FACTORS, CommunityGroup
from bot.insights.factors import Factor
from bot.insights.patterns import CALLBACKS, CLOSED_AFTER, GOOD_FIT, CommunityFigures
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

    def _conditions(self, now: datetime, thank_you_window: timedelta) -> dict[str, Any]:
        """The definitions of bot.insights.patterns (timing, called_back) as SQL."""
        i = interviews.c
        window = thank_you_window.total_seconds()
        dated = i.thank_you_sent_at.is_not(None)
        # Reported "Already sent" after the window, time unknown: on time, as they said.
        undated = and_(i.thank_you_sent_at.is_(None), i.thank_you == ThankYou.SENT.value)
        closed = i.happens_at <= now - thank_you_window
        # "No reply yet" is waiting, not an answer, until the interview is closed.
        silent = and_(i.outcome == Outcome.NO_REPLY.value, i.happens_at <= now - CLOSED_AFTER)
        return {
            "decided": or_(dated, undated, closed),
            "on_time": or_(undated, and_(dated, self._seconds_between(
                i.happens_at, i.thank_you_sent_at) <= window)),
            "answered": or_(i.outcome.in_([o.value for o in CALLBACKS]
                                          + [Outcome.REJECTED.value]), silent),
            "callback": i.outcome.in_([o.value for o in CALLBACKS]),
        }

    def _where(self, platform: str, community_id: str) -> Any:
        return and_(interviews.c.community_id == community_id, users.c.platform == platform)

    async def community_figures(
        self, platform: str, community_id: str, *, now: datetime, thank_you_window: timedelta,
    ) -> CommunityFigures:
        i = interviews.c
        c = self._conditions(now, thank_you_window)
        stmt = (
            select(
                func.count(func.distinct(i.user_id)).label("people"),
                func.count().label("interviews"),
                _count(i.reflection_state == ReflectionState.COMPLETED.value)
                .label("reflections_completed"),
                _count(c["decided"]).label("thank_you_decided"),
                _count(c["on_time"]).label("thank_you_on_time"),
                _count(c["answered"]).label("with_outcome"),
                _count(c["callback"]).label("callbacks"),
                _count(i.outcome == Outcome.OFFER.value).label("offers"),
                _people(c["answered"]).label("people_with_outcome"),
                _people(c["decided"]).label("people_thank_you_decided"),
            )
            .select_from(interviews.join(users, users.c.id == i.user_id))
            .where(self._where(platform, community_id))
        )
        row = (await self._db.execute(stmt)).mappings().one()
        return CommunityFigures(**{key: int(value or 0) for key, value in row.items()})

    def _factor_value(self, factor: Factor, c: dict[str, Any]) -> ColumnElement[Any]:
        i = interviews.c
        if factor is Factor.FIT:
            fit = i.answers["fit"].as_string()
            return case((fit.in_(list(GOOD_FIT)), "good"),
                        (fit.in_(["1", "2", "3"]), "other"), else_=None)
        if factor is Factor.THANK_YOU:
            return case((c["on_time"], "on_time"), (c["decided"], "not_on_time"), else_=None)
        column = {Factor.FIELD: i.job_field, Factor.SENIORITY: i.seniority,
                  Factor.SOURCE: i.source, Factor.STAGE: i.stage,
                  Factor.LOCATION: i.location}[factor]
        return func.lower(func.trim(column))

    async def community_groups(
        self, platform: str, community_id: str, *, now: datetime, thank_you_window: timedelta,
    ) -> list[CommunityGroup]:
        i = interviews.c
        c = self._conditions(now, thank_you_window)
        groups: list[CommunityGroup] = []
        for factor in COMMUNITY_FACTORS:
            value = self._factor_value(factor, c).label("value")
            stmt = (
                select(value, func.count(func.distinct(i.user_id)).label("people"),
                       func.count().label("interviews"), _count(c["callback"]).label("callbacks"))
                .select_from(interviews.join(users, users.c.id == i.user_id))
                .where(self._where(platform, community_id), c["answered"])
                .group_by(value)
            )
            for row in (await self._db.execute(stmt)).all():
                if row.value is None or row.value == "":
                    continue
                groups.append(CommunityGroup(factor, str(row.value), int(row.people),
                                             int(row.interviews), int(row.callbacks or 0)))
        return sorted(groups, key=lambda g: (COMMUNITY_FACTORS.index(g.factor), g.value))


def _people(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.count(func.distinct(case((condition, interviews.c.user_id), else_=None)))
