"""The in-memory :class:`~bot.ports.UserRepository` and :class:`~bot.ports.InterviewRepository`.

Their tables live on the :class:`~bot.memory.MemoryStore`; records are copied in and out
(``answers`` through a JSON round trip, as in a JSON column) and every write goes through
the unit of work's undo log. ``storage.sql`` is the SQL twin and
``tests/test_storage_contract.py`` runs both.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from bot.clock import require_utc, utc_or_none
from bot.model import Interview, User
from bot.values import Identity

if TYPE_CHECKING:
    from bot.memory.store import MemoryUnitOfWork

__all__ = ["MemoryInterviewRepository", "MemoryUserRepository"]


def _copy_user(user: User) -> User:
    return replace(user, created_at=utc_or_none(user.created_at))


def _copy_interview(interview: Interview) -> Interview:
    return replace(
        interview,
        happens_at=require_utc(interview.happens_at),
        logged_at=require_utc(interview.logged_at),
        answers=json.loads(json.dumps(interview.answers)),
        reflection_completed_at=utc_or_none(interview.reflection_completed_at),
        thank_you_sent_at=utc_or_none(interview.thank_you_sent_at),
        outcome_at=utc_or_none(interview.outcome_at),
        answers_changed_at=utc_or_none(interview.answers_changed_at),
    )


def _require_id(record: User | Interview) -> int:
    if record.id is None:
        raise ValueError(f"{type(record).__name__} has no id: add it before saving")
    return record.id


class MemoryUserRepository:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    async def get(self, identity: Identity) -> User | None:
        store = await self._uow.begin()
        row_id = store.users.index.get(identity)
        return _copy_user(store.users.rows[row_id]) if row_id is not None else None

    async def get_or_create(self, identity: Identity, *, created_at: datetime) -> User:
        existing = await self.get(identity)
        if existing is not None:
            return existing
        store = self._uow.store
        user = User(identity=identity, id=store.users.new_id(), created_at=utc_or_none(created_at))
        self._uow.write(store.users, _require_id(user), user)
        return _copy_user(user)

    async def get_many(self, ids: Sequence[int]) -> dict[int, User]:
        rows = (await self._uow.begin()).users.rows
        return {i: _copy_user(rows[i]) for i in ids if i in rows}

    async def save(self, user: User) -> None:
        table = (await self._uow.begin()).users
        old = table.rows.get(_require_id(user))
        if old is not None:  # gone (forgotten) meanwhile: nothing to update, as in SQL
            # Identity and creation time are not updatable, as in storage.sql.
            new = replace(_copy_user(user), identity=old.identity, created_at=old.created_at)
            self._uow.write(table, old.id or 0, new)

    async def delete(self, user_id: int) -> None:
        store = await self._uow.begin()
        if user_id not in store.users.rows:
            return
        for nudge_id in [n.id for n in store.nudges.rows.values() if n.user_id == user_id]:
            self._uow.write(store.nudges, nudge_id or 0, None)
        for story_id in [s.id for s in store.stories.rows.values() if s.user_id == user_id]:
            self._uow.write(store.stories, story_id or 0, None)
        for prep_id in [p.id for p in store.preps.rows.values() if p.user_id == user_id]:
            self._uow.write(store.preps, prep_id or 0, None)
        for iv_id in [i.id for i in store.interviews.rows.values() if i.user_id == user_id]:
            self._uow.write(store.interviews, iv_id or 0, None)
        self._uow.write(store.users, user_id, None)


class MemoryInterviewRepository:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    async def add(self, interview: Interview) -> Interview:
        store = await self._uow.begin()
        if interview.user_id not in store.users.rows:
            raise ValueError(f"no user {interview.user_id} (foreign key)")
        stored = _copy_interview(interview)
        stored.id = store.interviews.new_id()
        self._uow.write(store.interviews, stored.id, stored)
        interview.id = stored.id
        return interview

    async def get(self, user_id: int, interview_id: int) -> Interview | None:
        row = (await self._uow.begin()).interviews.rows.get(interview_id)
        return _copy_interview(row) if row is not None and row.user_id == user_id else None

    async def get_many(self, ids: Sequence[int]) -> dict[int, Interview]:
        rows = (await self._uow.begin()).interviews.rows
        return {i: _copy_interview(rows[i]) for i in ids if i in rows}

    async def list_for_user(self, user_id: int, *, limit: int | None = None) -> list[Interview]:
        rows = (await self._uow.begin()).interviews.rows.values()
        mine = sorted(
            (r for r in rows if r.user_id == user_id),
            key=lambda r: (r.happens_at, r.id or 0), reverse=True,
        )
        return [_copy_interview(r) for r in mine[:limit]]

    async def delete(self, user_id: int, interview_id: int) -> bool:
        store = await self._uow.begin()
        row = store.interviews.rows.get(interview_id)
        if row is None or row.user_id != user_id:
            return False
        for nudge_id in [n.id for n in store.nudges.rows.values()
                         if n.interview_id == interview_id]:  # ON DELETE CASCADE
            self._uow.write(store.nudges, nudge_id or 0, None)
        for prep_id in [p.id for p in store.preps.rows.values()
                        if p.interview_id == interview_id]:
            self._uow.write(store.preps, prep_id or 0, None)
        self._uow.write(store.interviews, interview_id, None)
        return True

    async def save(self, interview: Interview) -> None:
        store = await self._uow.begin()
        row_id = _require_id(interview)
        if row_id in store.interviews.rows:
            if interview.user_id not in store.users.rows:
                raise ValueError(f"no user {interview.user_id} (foreign key)")
            stored = store.interviews.rows[row_id]
            self._uow.write(store.interviews, row_id, replace(
                _copy_interview(interview), answers=json.loads(json.dumps(stored.answers)),
                answers_version=stored.answers_version))

    async def save_answers(self, interview: Interview, *, expected_version: int) -> bool:
        store = await self._uow.begin()
        row_id = _require_id(interview)
        stored = store.interviews.rows.get(row_id)
        if stored is None or stored.answers_version != expected_version:
            return False
        if interview.user_id not in store.users.rows:
            raise ValueError(f"no user {interview.user_id} (foreign key)")
        self._uow.write(store.interviews, row_id, replace(
            _copy_interview(interview), answers_version=expected_version + 1))
        interview.answers_version = expected_version + 1
        return True
