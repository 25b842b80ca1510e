"""The repositories of :mod:`bot.ports`, as Core statements on one transaction.

Hot statements are built once at import time with bind parameters, so SQLAlchemy's compiled
cache is hit on every call and a dialogue turn costs four short statements. The repositories
never touch a session directly: they run statements through the unit of work's
:class:`Executor`, which is where the SQLite write lock is taken (see :mod:`storage.sql`).

Semantics the contract test pins for SQL and memory alike:

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

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol, cast

from sqlalchemy import CursorResult, Result, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.sql import Executable
from sqlalchemy.sql.elements import BindParameter

from bot.model import Interview, Nudge, NudgeKind, NudgeStatus, User
from bot.values import Identity
from storage.hot import hot
from storage.mapping import (
    dialect_insert,
    identity_params,
    interview_from_row,
    interview_values,
    interviews,
    nudge_from_row,
    nudge_values,
    nudges,
    require_id,
    user_from_row,
    user_values,
    users,
)

__all__ = ["INTERVIEW_BY_ID", "USER_BY_IDENTITY", "Executor", "SqlInterviewRepository",
           "SqlNudgeRepository", "SqlUserRepository"]


class Executor(Protocol):
    """Runs a statement inside the current unit of work's transaction."""

    async def execute(
        self, statement: Executable,
        params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
    ) -> Result[Any]: ...


_PENDING = NudgeStatus.PENDING.value
_CLAIMED = NudgeStatus.CLAIMED.value
_OPEN_STATES = (_PENDING, _CLAIMED)

# -- hot statements: compiled once (storage.direct runs them straight on SQLite) ---------

USER_BY_IDENTITY = hot(select(users).where(
    users.c.platform == bindparam("platform"),
    users.c.workspace_id == bindparam("workspace_id"),
    users.c.user_id == bindparam("user_id"),
))
_UPDATE_USER = hot(update(users).where(users.c.id == bindparam("b_id")))
INTERVIEW_BY_ID = hot(select(interviews).where(
    interviews.c.id == bindparam("b_id"), interviews.c.user_id == bindparam("b_user_id")
))
_INTERVIEWS = hot(
    select(interviews).where(interviews.c.user_id == bindparam("b_user_id"))
    .order_by(interviews.c.happens_at.desc(), interviews.c.id.desc())
)
_INTERVIEWS_LIMITED = hot(_INTERVIEWS.limit(bindparam("b_limit")))
_UPDATE_INTERVIEW = hot(update(interviews).where(interviews.c.id == bindparam("b_id")))
# The answers' conditional write: the other columns come as parameters (SET follows them).
_SAVE_ANSWERS = hot(
    update(interviews)
    .where(interviews.c.id == bindparam("b_id"),
           interviews.c.answers_version == bindparam("b_expected"))
    .values(answers_version=interviews.c.answers_version + 1)
)
_ADD_INTERVIEW = hot(interviews.insert().returning(interviews.c.id))
_NUDGE = hot(select(nudges).where(
    nudges.c.id == bindparam("b_id"), nudges.c.user_id == bindparam("b_user_id")
))
_INTERVIEW_NUDGES = hot(
    select(nudges).where(nudges.c.interview_id == bindparam("b_interview_id"))
    .order_by(nudges.c.due_at, nudges.c.id)
)


def _add_user(dialect: str) -> Executable:
    return (dialect_insert(dialect)(users)
            .on_conflict_do_nothing(index_elements=["platform", "workspace_id", "user_id"])
            .returning(*users.c))


_ADD_USER = hot(_add_user("sqlite"))
_ADD_USER_PG = _add_user("postgresql")
def _add_nudges(dialect: str) -> Executable:
    return (dialect_insert(dialect)(nudges)
            .on_conflict_do_nothing(index_elements=["idempotency_key"])
            .returning(*nudges.c))


_ADD_NUDGES = _add_nudges("sqlite")
_ADD_NUDGES_PG = _add_nudges("postgresql")


def _cancel(by_interview: bool, by_kinds: bool, by_nudge: bool) -> Executable:
    stmt = (update(nudges)
            .where(nudges.c.user_id == bindparam("b_user_id"),
                   nudges.c.status.in_(_OPEN_STATES))
            .values(status=NudgeStatus.CANCELLED.value, lease_until=None))
    if by_interview:
        stmt = stmt.where(nudges.c.interview_id == bindparam("b_interview_id"))
    if by_kinds:
        stmt = stmt.where(nudges.c.kind.in_(bindparam("b_kinds", expanding=True)))
    if by_nudge:
        stmt = stmt.where(nudges.c.id == bindparam("b_nudge_id"))
    return stmt


#: ``cancel``'s statement for each combination of its filters (built once).
_CANCEL = {(i, k, n): _cancel(i, k, n)
           for i in (False, True) for k in (False, True) for n in (False, True)}
_UPDATE_NUDGE = update(nudges).where(nudges.c.id == bindparam("b_id"))
_UPDATE_CLAIMED_NUDGE = update(nudges).where(
    nudges.c.id == bindparam("b_id"), nudges.c.status == _CLAIMED
)
_UPDATE_OPEN_NUDGE = update(nudges).where(
    nudges.c.id == bindparam("b_id"), nudges.c.status.in_(_OPEN_STATES)
)

_now: BindParameter[datetime] = bindparam("now")


def _claim_due(on_platforms: bool) -> Executable:
    due = (
        select(nudges.c.id)
        .where(
            or_(
                and_(nudges.c.status == _PENDING, nudges.c.due_at <= _now),
                and_(nudges.c.status == _CLAIMED, nudges.c.lease_until < _now),
            )
        )
    )
    if on_platforms:  # only people this process can reach
        due = due.where(nudges.c.user_id.in_(
            select(users.c.id).where(users.c.platform.in_(bindparam("platforms",
                                                                     expanding=True)))))
    return (
        update(nudges)
        .where(
            nudges.c.id.in_(
                due.order_by(nudges.c.due_at, nudges.c.id)
                .limit(bindparam("limit"))
                # SKIP LOCKED lets replicas claim side by side on PostgreSQL; SQLite renders
                # no locking clause (one writer at a time, taken by BEGIN IMMEDIATE).
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


_CLAIM_DUE = _claim_due(on_platforms=False)
_CLAIM_DUE_ON_PLATFORMS = _claim_due(on_platforms=True)


class SqlUserRepository:
    def __init__(self, db: Executor, dialect: str) -> None:
        self._db = db
        self._dialect = dialect

    async def get(self, identity: Identity) -> User | None:
        row = (await self._db.execute(USER_BY_IDENTITY, identity_params(identity))).first()
        return user_from_row(row) if row is not None else None

    async def get_or_create(self, identity: Identity, *, created_at: datetime) -> User:
        user = await self.get(identity)
        if user is not None:
            return user
        # ON CONFLICT: a concurrent first message from the same person must not fail.
        stmt = _ADD_USER_PG if self._dialect == "postgresql" else _ADD_USER
        row = (await self._db.execute(
            stmt, {**identity_params(identity), "created_at": created_at})).first()
        if row is None:
            row = (await self._db.execute(USER_BY_IDENTITY, identity_params(identity))).one()
        return user_from_row(row)

    async def get_many(self, ids: Sequence[int]) -> dict[int, User]:
        if not ids:
            return {}
        rows = await self._db.execute(select(users).where(users.c.id.in_(list(ids))))
        return {row.id: user_from_row(row) for row in rows}

    async def save(self, user: User) -> None:
        await self._db.execute(
            _UPDATE_USER, {"b_id": require_id(user), **user_values(user)}
        )

    async def delete(self, user_id: int) -> None:
        # Interviews and nudges go with the user through ON DELETE CASCADE.
        await self._db.execute(delete(users).where(users.c.id == user_id))




class SqlInterviewRepository:
    def __init__(self, db: Executor, dialect: str) -> None:
        self._db = db

    async def add(self, interview: Interview) -> Interview:
        params = {**interview_values(interview), "answers_version": interview.answers_version}
        interview.id = (await self._db.execute(_ADD_INTERVIEW, params)).scalar_one()
        return interview

    async def get(self, user_id: int, interview_id: int) -> Interview | None:
        result = await self._db.execute(
            INTERVIEW_BY_ID, {"b_id": interview_id, "b_user_id": user_id}
        )
        row = result.first()
        return interview_from_row(row) if row is not None else None

    async def get_many(self, ids: Sequence[int]) -> dict[int, Interview]:
        if not ids:
            return {}
        stmt = select(interviews).where(interviews.c.id.in_(list(ids)))
        return {row.id: interview_from_row(row) for row in await self._db.execute(stmt)}

    async def list_for_user(self, user_id: int, *, limit: int | None = None) -> list[Interview]:
        if limit is None:
            rows = await self._db.execute(_INTERVIEWS, {"b_user_id": user_id})
        else:
            rows = await self._db.execute(_INTERVIEWS_LIMITED,
                                          {"b_user_id": user_id, "b_limit": limit})
        return [interview_from_row(row) for row in rows]

    async def save(self, interview: Interview) -> None:
        values = interview_values(interview)
        del values["answers"]  # answers change only through save_answers
        await self._db.execute(_UPDATE_INTERVIEW, {"b_id": require_id(interview), **values})

    async def save_answers(self, interview: Interview, *, expected_version: int) -> bool:
        result = await self._db.execute(_SAVE_ANSWERS, {
            "b_id": require_id(interview), "b_expected": expected_version,
            **interview_values(interview)})
        if cast(CursorResult[Any], result).rowcount != 1:
            return False
        interview.answers_version = expected_version + 1
        return True

    async def delete(self, user_id: int, interview_id: int) -> bool:
        # Its nudges and prep go with it through ON DELETE CASCADE.
        result = await self._db.execute(delete(interviews).where(
            interviews.c.id == interview_id, interviews.c.user_id == user_id))
        return cast(CursorResult[Any], result).rowcount == 1


class SqlNudgeRepository:
    def __init__(self, db: Executor, dialect: str) -> None:
        self._db = db
        self._dialect = dialect

    async def add_many(self, items: Sequence[Nudge]) -> list[Nudge]:
        if not items:
            return []
        stmt = _ADD_NUDGES_PG if self._dialect == "postgresql" else _ADD_NUDGES
        rows = await self._db.execute(stmt, [nudge_values(n) for n in items])
        # RETURNING order is not guaranteed for multi-row inserts: match by the unique key.
        stored = {row.idempotency_key: nudge_from_row(row) for row in rows}
        result = []
        for nudge in items:
            inserted = stored.pop(nudge.idempotency_key, None)
            if inserted is not None:
                result.append(inserted)
        return result

    async def get(self, user_id: int, nudge_id: int) -> Nudge | None:
        row = (
            await self._db.execute(_NUDGE, {"b_id": nudge_id, "b_user_id": user_id})
        ).first()
        return nudge_from_row(row) if row is not None else None

    async def list_for_user(self, user_id: int, *, pending_only: bool = True) -> list[Nudge]:
        stmt = select(nudges).where(nudges.c.user_id == user_id)
        if pending_only:
            stmt = stmt.where(nudges.c.status.in_(_OPEN_STATES))
        stmt = stmt.order_by(nudges.c.due_at, nudges.c.id)
        return [nudge_from_row(row) for row in await self._db.execute(stmt)]

    async def list_for_interview(self, interview_id: int) -> list[Nudge]:
        rows = await self._db.execute(_INTERVIEW_NUDGES, {"b_interview_id": interview_id})
        return [nudge_from_row(row) for row in rows]

    async def cancel(
        self, user_id: int, *, interview_id: int | None = None,
        kinds: Sequence[NudgeKind] | None = None, nudge_id: int | None = None,
    ) -> int:
        params: dict[str, Any] = {"b_user_id": user_id}
        if interview_id is not None:
            params["b_interview_id"] = interview_id
        if kinds is not None:
            params["b_kinds"] = [kind.value for kind in kinds]
        if nudge_id is not None:
            params["b_nudge_id"] = nudge_id
        statement = _CANCEL[(interview_id is not None, kinds is not None, nudge_id is not None)]
        result = await self._db.execute(statement, params)
        return cast(CursorResult[Any], result).rowcount

    async def reschedule(self, nudge_id: int, due_at: datetime) -> None:
        stmt = (
            update(nudges)
            .where(nudges.c.id == nudge_id, nudges.c.status == _PENDING)
            .values(due_at=due_at)
        )
        await self._db.execute(stmt)

    async def claim_due(self, now: datetime, *, limit: int, lease_seconds: float,
                        platforms: Sequence[str] | None = None) -> list[Nudge]:
        if limit <= 0:
            return []
        params: dict[str, Any] = {
            "now": now, "limit": limit, "lease_until": now + timedelta(seconds=lease_seconds)}
        statement = _CLAIM_DUE
        if platforms is not None:
            if not platforms:
                return []
            statement, params["platforms"] = _CLAIM_DUE_ON_PLATFORMS, list(platforms)
        claimed = [nudge_from_row(row) for row in await self._db.execute(statement, params)]
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
        await self._db.execute(_UPDATE_NUDGE, params)

    async def mark_retry(self, nudge_id: int, due_at: datetime, error: str) -> None:
        await self._db.execute(
            _UPDATE_CLAIMED_NUDGE,
            {"b_id": nudge_id, "status": _PENDING, "due_at": due_at,
             "last_error": error, "lease_until": None},
        )

    async def mark_failed(self, nudge_id: int, error: str) -> None:
        await self._finish(nudge_id, NudgeStatus.FAILED, error)

    async def mark_dropped(self, nudge_id: int, reason: str) -> None:
        await self._finish(nudge_id, NudgeStatus.DROPPED, reason)

    async def _finish(self, nudge_id: int, status: NudgeStatus, error: str) -> None:
        await self._db.execute(
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
        await self._db.execute(stmt)

    async def release(self, nudge_ids: Sequence[int]) -> None:
        if not nudge_ids:
            return
        stmt = (
            update(nudges)
            .where(nudges.c.id.in_(list(nudge_ids)), nudges.c.status == _CLAIMED)
            .values(status=_PENDING, lease_until=None, attempts=nudges.c.attempts - 1)
        )
        await self._db.execute(stmt)

    async def count_by_status(self) -> dict[str, int]:
        stmt = select(nudges.c.status, func.count().label("n")).group_by(nudges.c.status)
        counts = {status.value: 0 for status in NudgeStatus}
        for row in (await self._db.execute(stmt)).mappings():
            counts[row["status"]] = row["n"]
        return counts
