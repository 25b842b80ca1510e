"""SQLAlchemy implementation of the core's storage ports (:mod:`bot.ports`).

Each :class:`SqlUnitOfWork` is one short transaction on one :class:`AsyncSession`. The
repositories speak Core (``select``/``update``/``insert`` on the tables, mapped to and from
the :mod:`bot.model` dataclasses by hand) instead of loading ORM objects: there is no
identity map to keep in sync, no lazy load can sneak into async code, and a dialogue turn
costs four short statements. Hot statements are built once at import time with bind
parameters, so SQLAlchemy's compiled cache is hit on every call.

Semantics that callers rely on (the contract test pins them for SQL and memory alike):

* ``save`` of a row that no longer exists is a no-op (a person may ``forget`` mid-turn).
* Nudge transitions only move nudges that are in the state the transition is for:
  ``cancel`` and ``mark_failed``/``mark_dropped`` touch pending or claimed nudges,
  ``reschedule`` pending ones, ``mark_retry``/``defer``/``release`` claimed ones, so a nudge
  cancelled while in flight is not resurrected. ``mark_sent`` records the delivery whatever
  the state, because the message did go out.
* ``add_many`` returns only the nudges it inserted (existing idempotency keys are skipped),
  in input order, and fills ``original_due_at`` with ``due_at`` when it is not given.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Self, cast

from sqlalchemy import Row, Table, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.sql.elements import BindParameter

from bot.model import (
    Interview,
    Nudge,
    NudgeKind,
    NudgeStatus,
    Outcome,
    ReflectionState,
    ThankYou,
    User,
)
from bot.ports import (
    InterviewRepository,
    NudgeRepository,
    UnitOfWorkFactory,
    UserRepository,
)
from bot.values import Identity
from storage.models import InterviewRow, NudgeRow, UserRow

__all__ = [
    "SqlInterviewRepository",
    "SqlNudgeRepository",
    "SqlUnitOfWork",
    "SqlUserRepository",
    "sql_uow_factory",
]

# Declarative types ``__table__`` as a FromClause; it is a Table, which Core DML wants.
users = cast(Table, UserRow.__table__)
interviews = cast(Table, InterviewRow.__table__)
nudges = cast(Table, NudgeRow.__table__)

_PENDING = NudgeStatus.PENDING.value
_CLAIMED = NudgeStatus.CLAIMED.value
_OPEN_STATES = (_PENDING, _CLAIMED)

# -- hot statements, compiled once and cached by SQLAlchemy ------------------------------

_USER_BY_IDENTITY = select(users).where(
    users.c.platform == bindparam("platform"),
    users.c.workspace_id == bindparam("workspace_id"),
    users.c.user_id == bindparam("user_id"),
)
_UPDATE_USER = update(users).where(users.c.id == bindparam("b_id"))
_INTERVIEW = select(interviews).where(
    interviews.c.id == bindparam("b_id"), interviews.c.user_id == bindparam("b_user_id")
)
_UPDATE_INTERVIEW = update(interviews).where(interviews.c.id == bindparam("b_id"))
_NUDGE = select(nudges).where(
    nudges.c.id == bindparam("b_id"), nudges.c.user_id == bindparam("b_user_id")
)
_UPDATE_NUDGE = update(nudges).where(nudges.c.id == bindparam("b_id"))
_UPDATE_CLAIMED_NUDGE = update(nudges).where(
    nudges.c.id == bindparam("b_id"), nudges.c.status == _CLAIMED
)
_UPDATE_OPEN_NUDGE = update(nudges).where(
    nudges.c.id == bindparam("b_id"), nudges.c.status.in_(_OPEN_STATES)
)

_now: BindParameter[datetime] = bindparam("now")
_CLAIM_DUE = (
    update(nudges)
    .where(
        nudges.c.id.in_(
            select(nudges.c.id)
            .where(
                or_(
                    and_(nudges.c.status == _PENDING, nudges.c.due_at <= _now),
                    and_(nudges.c.status == _CLAIMED, nudges.c.lease_until < _now),
                )
            )
            .order_by(nudges.c.due_at, nudges.c.id)
            .limit(bindparam("limit"))
            # SKIP LOCKED lets replicas claim side by side on PostgreSQL; SQLite renders no
            # locking clause (it has one writer at a time, taken by BEGIN IMMEDIATE).
            .with_for_update(skip_locked=True)
        )
    )
    .values(
        status=_CLAIMED,
        lease_until=bindparam("lease_until"),
        attempts=nudges.c.attempts + 1,
    )
    .returning(*nudges.c)
)


# -- rows <-> dataclasses ----------------------------------------------------------------


def _user(row: Row[Any]) -> User:
    return User(
        identity=Identity(row.platform, row.workspace_id, row.user_id),
        id=row.id,
        display_name=row.display_name,
        timezone=row.timezone,
        platform_timezone=row.platform_timezone,
        quiet_start=row.quiet_start,
        quiet_end=row.quiet_end,
        active_interview_id=row.active_interview_id,
        last_channel_id=row.last_channel_id,
        created_at=row.created_at,
    )


def _user_values(user: User) -> dict[str, Any]:
    return {
        "display_name": user.display_name,
        "timezone": user.timezone,
        "platform_timezone": user.platform_timezone,
        "quiet_start": user.quiet_start,
        "quiet_end": user.quiet_end,
        "active_interview_id": user.active_interview_id,
        "last_channel_id": user.last_channel_id,
    }


def _interview(row: Row[Any]) -> Interview:
    return Interview(
        user_id=row.user_id,
        company=row.company,
        happens_at=row.happens_at,
        logged_at=row.logged_at,
        id=row.id,
        role=row.role,
        interviewer=row.interviewer,
        notes=row.notes,
        reflection_state=ReflectionState(row.reflection_state),
        answers=row.answers if row.answers is not None else {},
        reflection_completed_at=row.reflection_completed_at,
        thank_you=ThankYou(row.thank_you) if row.thank_you is not None else None,
        thank_you_sent_at=row.thank_you_sent_at,
        outcome=Outcome(row.outcome) if row.outcome is not None else None,
        outcome_at=row.outcome_at,
    )


def _interview_values(interview: Interview) -> dict[str, Any]:
    return {
        "user_id": interview.user_id,
        "company": interview.company,
        "happens_at": interview.happens_at,
        "logged_at": interview.logged_at,
        "role": interview.role,
        "interviewer": interview.interviewer,
        "notes": interview.notes,
        "reflection_state": interview.reflection_state.value,
        "answers": interview.answers,
        "reflection_completed_at": interview.reflection_completed_at,
        "thank_you": interview.thank_you.value if interview.thank_you is not None else None,
        "thank_you_sent_at": interview.thank_you_sent_at,
        "outcome": interview.outcome.value if interview.outcome is not None else None,
        "outcome_at": interview.outcome_at,
    }


def _nudge(row: Row[Any]) -> Nudge:
    return Nudge(
        user_id=row.user_id,
        kind=NudgeKind(row.kind),
        due_at=row.due_at,
        idempotency_key=row.idempotency_key,
        id=row.id,
        interview_id=row.interview_id,
        status=NudgeStatus(row.status),
        attempts=row.attempts,
        lease_until=row.lease_until,
        original_due_at=row.original_due_at,
        platform_message_id=row.platform_message_id,
        last_error=row.last_error,
        sent_at=row.sent_at,
        created_at=row.created_at,
    )


def _nudge_values(nudge: Nudge) -> dict[str, Any]:
    return {
        "user_id": nudge.user_id,
        "interview_id": nudge.interview_id,
        "kind": nudge.kind.value,
        "due_at": nudge.due_at,
        "idempotency_key": nudge.idempotency_key,
        "status": nudge.status.value,
        "attempts": nudge.attempts,
        "lease_until": nudge.lease_until,
        "original_due_at": nudge.original_due_at or nudge.due_at,
        "platform_message_id": nudge.platform_message_id,
        "last_error": nudge.last_error,
        "sent_at": nudge.sent_at,
        "created_at": nudge.created_at,
    }


def _insert(dialect: str) -> Any:
    """The dialect's ``insert`` (both have ``on_conflict_do_nothing``)."""
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def _require_id(record: User | Interview | Nudge) -> int:
    if record.id is None:
        raise ValueError(f"{type(record).__name__} has no id: add it before saving")
    return record.id


# -- repositories ------------------------------------------------------------------------


class SqlUserRepository:
    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self._session = session
        self._dialect = dialect

    async def get(self, identity: Identity) -> User | None:
        row = (await self._session.execute(_USER_BY_IDENTITY, _identity(identity))).first()
        return _user(row) if row is not None else None

    async def get_or_create(self, identity: Identity, *, created_at: datetime) -> User:
        user = await self.get(identity)
        if user is not None:
            return user
        # ON CONFLICT: a concurrent first message from the same person must not fail.
        stmt = (
            _insert(self._dialect)(users)
            .values(**_identity(identity), created_at=created_at)
            .on_conflict_do_nothing(index_elements=["platform", "workspace_id", "user_id"])
            .returning(*users.c)
        )
        row = (await self._session.execute(stmt)).first()
        if row is None:
            row = (await self._session.execute(_USER_BY_IDENTITY, _identity(identity))).one()
        return _user(row)

    async def get_many(self, ids: Sequence[int]) -> dict[int, User]:
        if not ids:
            return {}
        rows = await self._session.execute(select(users).where(users.c.id.in_(list(ids))))
        return {row.id: _user(row) for row in rows}

    async def save(self, user: User) -> None:
        await self._session.execute(
            _UPDATE_USER, {"b_id": _require_id(user), **_user_values(user)}
        )

    async def delete(self, user_id: int) -> None:
        # Interviews and nudges go with the user through ON DELETE CASCADE.
        await self._session.execute(delete(users).where(users.c.id == user_id))


def _identity(identity: Identity) -> dict[str, str]:
    return {
        "platform": identity.platform,
        "workspace_id": identity.workspace_id,
        "user_id": identity.user_id,
    }


class SqlInterviewRepository:
    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self._session = session

    async def add(self, interview: Interview) -> Interview:
        stmt = interviews.insert().values(_interview_values(interview)).returning(interviews.c.id)
        interview.id = (await self._session.execute(stmt)).scalar_one()
        return interview

    async def get(self, user_id: int, interview_id: int) -> Interview | None:
        result = await self._session.execute(
            _INTERVIEW, {"b_id": interview_id, "b_user_id": user_id}
        )
        row = result.first()
        return _interview(row) if row is not None else None

    async def get_many(self, ids: Sequence[int]) -> dict[int, Interview]:
        if not ids:
            return {}
        stmt = select(interviews).where(interviews.c.id.in_(list(ids)))
        return {row.id: _interview(row) for row in await self._session.execute(stmt)}

    async def list_for_user(self, user_id: int, *, limit: int | None = None) -> list[Interview]:
        stmt = (
            select(interviews)
            .where(interviews.c.user_id == user_id)
            .order_by(interviews.c.happens_at.desc(), interviews.c.id.desc())
            .limit(limit)
        )
        return [_interview(row) for row in await self._session.execute(stmt)]

    async def save(self, interview: Interview) -> None:
        await self._session.execute(
            _UPDATE_INTERVIEW, {"b_id": _require_id(interview), **_interview_values(interview)}
        )


class SqlNudgeRepository:
    def __init__(self, session: AsyncSession, dialect: str) -> None:
        self._session = session
        self._dialect = dialect

    async def add_many(self, items: Sequence[Nudge]) -> list[Nudge]:
        if not items:
            return []
        stmt = (
            _insert(self._dialect)(nudges)
            .on_conflict_do_nothing(index_elements=["idempotency_key"])
            .returning(*nudges.c)
        )
        rows = await self._session.execute(stmt, [_nudge_values(n) for n in items])
        # RETURNING order is not guaranteed for multi-row inserts: match by the unique key.
        stored = {row.idempotency_key: _nudge(row) for row in rows}
        result = []
        for nudge in items:
            inserted = stored.pop(nudge.idempotency_key, None)
            if inserted is not None:
                result.append(inserted)
        return result

    async def get(self, user_id: int, nudge_id: int) -> Nudge | None:
        row = (
            await self._session.execute(_NUDGE, {"b_id": nudge_id, "b_user_id": user_id})
        ).first()
        return _nudge(row) if row is not None else None

    async def list_for_user(self, user_id: int, *, pending_only: bool = True) -> list[Nudge]:
        stmt = select(nudges).where(nudges.c.user_id == user_id)
        if pending_only:
            stmt = stmt.where(nudges.c.status.in_(_OPEN_STATES))
        stmt = stmt.order_by(nudges.c.due_at, nudges.c.id)
        return [_nudge(row) for row in await self._session.execute(stmt)]

    async def list_for_interview(self, interview_id: int) -> list[Nudge]:
        stmt = (
            select(nudges)
            .where(nudges.c.interview_id == interview_id)
            .order_by(nudges.c.due_at, nudges.c.id)
        )
        return [_nudge(row) for row in await self._session.execute(stmt)]

    async def cancel(
        self, user_id: int, *, interview_id: int | None = None,
        kinds: Sequence[NudgeKind] | None = None, nudge_id: int | None = None,
    ) -> int:
        stmt = (
            update(nudges)
            .where(nudges.c.user_id == user_id, nudges.c.status.in_(_OPEN_STATES))
            .values(status=NudgeStatus.CANCELLED.value, lease_until=None)
        )
        if interview_id is not None:
            stmt = stmt.where(nudges.c.interview_id == interview_id)
        if kinds is not None:
            stmt = stmt.where(nudges.c.kind.in_([kind.value for kind in kinds]))
        if nudge_id is not None:
            stmt = stmt.where(nudges.c.id == nudge_id)
        result = await self._session.execute(stmt)
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def reschedule(self, nudge_id: int, due_at: datetime) -> None:
        stmt = (
            update(nudges)
            .where(nudges.c.id == nudge_id, nudges.c.status == _PENDING)
            .values(due_at=due_at)
        )
        await self._session.execute(stmt)

    async def claim_due(self, now: datetime, *, limit: int, lease_seconds: float) -> list[Nudge]:
        if limit <= 0:
            return []
        params = {"now": now, "limit": limit, "lease_until": now + timedelta(seconds=lease_seconds)}
        claimed = [_nudge(row) for row in await self._session.execute(_CLAIM_DUE, params)]
        claimed.sort(key=lambda n: (n.due_at, n.id or 0))
        return claimed

    async def mark_sent(self, results: Sequence[tuple[int, str, datetime]]) -> None:
        if not results:
            return
        params = [
            {
                "b_id": nudge_id,
                "status": NudgeStatus.SENT.value,
                "platform_message_id": message_id,
                "sent_at": sent_at,
                "lease_until": None,
            }
            for nudge_id, message_id, sent_at in results
        ]
        await self._session.execute(_UPDATE_NUDGE, params)

    async def mark_retry(self, nudge_id: int, due_at: datetime, error: str) -> None:
        await self._session.execute(
            _UPDATE_CLAIMED_NUDGE,
            {"b_id": nudge_id, "status": _PENDING, "due_at": due_at,
             "last_error": error, "lease_until": None},
        )

    async def mark_failed(self, nudge_id: int, error: str) -> None:
        await self._finish(nudge_id, NudgeStatus.FAILED, error)

    async def mark_dropped(self, nudge_id: int, reason: str) -> None:
        await self._finish(nudge_id, NudgeStatus.DROPPED, reason)

    async def _finish(self, nudge_id: int, status: NudgeStatus, error: str) -> None:
        await self._session.execute(
            _UPDATE_OPEN_NUDGE,
            {"b_id": nudge_id, "status": status.value, "last_error": error, "lease_until": None},
        )

    async def defer(self, nudge_id: int, due_at: datetime) -> None:
        stmt = (
            update(nudges)
            .where(nudges.c.id == nudge_id, nudges.c.status == _CLAIMED)
            .values(status=_PENDING, due_at=due_at, lease_until=None,
                    attempts=nudges.c.attempts - 1)
        )
        await self._session.execute(stmt)

    async def release(self, nudge_ids: Sequence[int]) -> None:
        if not nudge_ids:
            return
        stmt = (
            update(nudges)
            .where(nudges.c.id.in_(list(nudge_ids)), nudges.c.status == _CLAIMED)
            .values(status=_PENDING, lease_until=None, attempts=nudges.c.attempts - 1)
        )
        await self._session.execute(stmt)

    async def count_by_status(self) -> dict[str, int]:
        stmt = select(nudges.c.status, func.count()).group_by(nudges.c.status)
        counts = {status.value: 0 for status in NudgeStatus}
        for status, count in await self._session.execute(stmt):
            counts[status] = count
        return counts


# -- unit of work ------------------------------------------------------------------------


class SqlUnitOfWork:
    """One short transaction. Leaving the block without :meth:`commit` rolls back."""

    users: UserRepository
    interviews: InterviewRepository
    nudges: NudgeRepository

    def __init__(self, sessions: async_sessionmaker[AsyncSession], dialect: str) -> None:
        self._sessions = sessions
        self._dialect = dialect
        self._session: AsyncSession | None = None

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("this unit of work is already open; make a new one")
        session = self._sessions()
        self._session = session
        self.users = SqlUserRepository(session, self._dialect)
        self.interviews = SqlInterviewRepository(session, self._dialect)
        self.nudges = SqlNudgeRepository(session, self._dialect)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is not None:
            # close() rolls back whatever was not committed and returns the connection.
            await session.close()

    async def commit(self) -> None:
        await self._open().commit()

    async def rollback(self) -> None:
        await self._open().rollback()

    def _open(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("unit of work used outside 'async with'")
        return self._session


def sql_uow_factory(engine: AsyncEngine) -> UnitOfWorkFactory:
    """A factory of :class:`SqlUnitOfWork` on ``engine`` (see :func:`storage.create_engine`)."""
    sessions = async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
    dialect = engine.dialect.name

    def make() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions, dialect)

    return make
