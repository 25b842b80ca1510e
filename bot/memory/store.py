"""In-memory implementation of the storage ports, for unit tests and benchmarks.

It is a *fake*, not a mock: it implements the same Protocols as ``storage.sql`` and passes
the same contract test (``tests/test_storage_contract.py``), so core code tested against it
behaves the same on SQLite and PostgreSQL. In particular it keeps the SQL semantics that are
easy to get wrong in a fake:

* Records are copied in and out, so mutating a returned object changes nothing until
  ``save()``; ``answers`` go through a JSON round trip exactly as in a JSON column.
* A unit of work is a transaction: its changes are undone on rollback or when the block is
  left without ``commit``. Like SQLite's ``BEGIN IMMEDIATE`` (the embedded default), the
  first operation takes the store's single write lock until commit/rollback, so nobody sees
  uncommitted changes and two dispatchers never claim the same nudge. Opening a second unit
  of work inside the first one in the same task can never succeed on SQLite, so here (as in
  ``storage.sql``) it fails at once with :class:`NestedUnitOfWorkError`.
* Datetimes must be timezone-aware (naive ones are refused) and come back in UTC.
* Nudge transitions only move nudges in the state they are for (see ``storage.sql``).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from bot.clock import require_utc, utc_or_none
from bot.inbox import InboxEntry
from bot.memory.inbox import MemoryInboxRepository
from bot.memory.stats import MemoryStatsRepository
from bot.memory.stories import MemoryPrepRepository, MemoryStoryRepository
from bot.memory.tips import MemoryTipRepository
from bot.model import Interview, Nudge, NudgeKind, NudgeStatus, User
from bot.ports import (
    InboxRepository,
    InterviewRepository,
    NudgeRepository,
    PrepRepository,
    StatsRepository,
    StoryRepository,
    TipRepository,
    UnitOfWorkFactory,
    UserRepository,
)
from bot.stories.model import Prep, Story
from bot.tips.model import TipPost, TipSubscription
from bot.values import Identity

__all__ = [
    "MemoryStore",
    "MemoryUnitOfWork",
    "NestedUnitOfWorkError",
    "memory_uow_factory",
]

R = TypeVar("R", User, Interview, Nudge, TipSubscription, TipPost, InboxEntry, Story, Prep)

_OPEN = (NudgeStatus.PENDING, NudgeStatus.CLAIMED)


class NestedUnitOfWorkError(RuntimeError):
    """A task opened a unit of work while its own earlier one still holds the write lock."""


class _Table(Generic[R]):
    """Rows by id plus one optional unique index (identity, idempotency key)."""

    def __init__(self, unique: Callable[[R], Hashable] | None = None) -> None:
        self.rows: dict[int, R] = {}
        self.index: dict[Hashable, int] = {}
        self._unique: Callable[[R], Hashable] | None = unique
        self._next_id = 1

    def new_id(self) -> int:
        # Like a database sequence, ids are not given back on rollback.
        self._next_id += 1
        return self._next_id - 1

    def put(self, row_id: int, row: R) -> None:
        self._drop_index(row_id)
        self.rows[row_id] = row
        if self._unique is not None:
            self.index[self._unique(row)] = row_id

    def remove(self, row_id: int) -> None:
        self._drop_index(row_id)
        self.rows.pop(row_id, None)

    def _drop_index(self, row_id: int) -> None:
        old = self.rows.get(row_id)
        if old is not None and self._unique is not None:
            self.index.pop(self._unique(old), None)


class MemoryStore:
    """The committed data shared by every unit of work made from it."""

    def __init__(self, *, lock_timeout: float = 10.0) -> None:
        self.users: _Table[User] = _Table(lambda u: u.identity)
        self.interviews: _Table[Interview] = _Table()
        self.nudges: _Table[Nudge] = _Table(lambda n: n.idempotency_key)
        self.tip_subscriptions: _Table[TipSubscription] = _Table(
            lambda s: (s.platform, s.workspace_id, s.channel_id))
        self.tip_posts: _Table[TipPost] = _Table(lambda p: (p.subscription_id, p.occurrence))
        self.inbox: _Table[InboxEntry] = _Table(lambda e: (e.platform, e.key))
        self.stories: _Table[Story] = _Table(lambda s: (s.user_id, s.number))
        self.preps: _Table[Prep] = _Table(lambda p: p.interview_id)
        self.lock = asyncio.Lock()
        self.lock_loop: asyncio.AbstractEventLoop | None = None
        self.owner: asyncio.Task[Any] | None = None
        self.lock_timeout = lock_timeout

    def unit_of_work(self) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self)


def memory_uow_factory(store: MemoryStore | None = None) -> UnitOfWorkFactory:
    """A factory of units of work on ``store`` (a fresh, empty one if not given)."""
    return (store or MemoryStore()).unit_of_work


# -- copying and validation --------------------------------------------------------------




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


def _copy_nudge(nudge: Nudge) -> Nudge:
    return replace(
        nudge,
        due_at=require_utc(nudge.due_at),
        lease_until=utc_or_none(nudge.lease_until),
        original_due_at=utc_or_none(nudge.original_due_at),
        sent_at=utc_or_none(nudge.sent_at),
        created_at=utc_or_none(nudge.created_at),
    )


def _require_id(record: User | Interview | Nudge) -> int:
    if record.id is None:
        raise ValueError(f"{type(record).__name__} has no id: add it before saving")
    return record.id


# -- unit of work and repositories -------------------------------------------------------


class MemoryUnitOfWork:
    """One transaction on a :class:`MemoryStore`; see the module docstring for semantics."""

    users: UserRepository
    interviews: InterviewRepository
    nudges: NudgeRepository
    stats: StatsRepository
    tips: TipRepository
    inbox: InboxRepository
    stories: StoryRepository
    preps: PrepRepository

    def __init__(self, store: MemoryStore) -> None:
        self.store = store
        self._undo: list[tuple[_Table[Any], int, Any]] = []
        self._holding = False
        self.users = _Users(self)
        self.interviews = _Interviews(self)
        self.nudges = _Nudges(self)
        self.stats = MemoryStatsRepository(self)
        self.tips = MemoryTipRepository(self)
        self.inbox = MemoryInboxRepository(self)
        self.stories = MemoryStoryRepository(self)
        self.preps = MemoryPrepRepository(self)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.rollback()

    async def commit(self) -> None:
        self._undo.clear()
        self._release()

    async def rollback(self) -> None:
        for table, row_id, previous in reversed(self._undo):
            if previous is None:
                table.remove(row_id)
            else:
                table.put(row_id, previous)
        self._undo.clear()
        self._release()

    async def begin(self) -> MemoryStore:
        """Take the write lock (once per transaction) and return the store."""
        store = self.store
        if self._holding:
            return store
        current = asyncio.current_task()
        if store.owner is not None and store.owner is current:
            raise NestedUnitOfWorkError(
                "a unit of work was opened inside another one in the same task; "
                "SQLite allows one writer, so the inner one could never start"
            )
        if not store.lock.locked() and store.lock_loop is not asyncio.get_running_loop():
            # A store may outlive an event loop (module-level fixtures); a lock that once
            # waited on another loop cannot be awaited on this one.
            store.lock = asyncio.Lock()
            store.lock_loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(store.lock_timeout):
                await store.lock.acquire()
        except TimeoutError:
            raise TimeoutError(
                f"memory store is locked: waited {store.lock_timeout} s for another unit "
                "of work (on SQLite: 'database is locked')"
            ) from None
        store.owner = current
        self._holding = True
        return store

    def write(self, table: _Table[R], row_id: int, row: R | None) -> None:
        """Put (or with ``None`` remove) a row, remembering how to undo it."""
        self._undo.append((table, row_id, table.rows.get(row_id)))
        if row is None:
            table.remove(row_id)
        else:
            table.put(row_id, row)

    def _release(self) -> None:
        if self._holding:
            self._holding = False
            self.store.owner = None
            self.store.lock.release()


class _Users:
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


class _Interviews:
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


class _Nudges:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    async def _table(self) -> _Table[Nudge]:
        return (await self._uow.begin()).nudges

    def _update(self, table: _Table[Nudge], nudge: Nudge, **changes: Any) -> None:
        self._uow.write(table, nudge.id or 0, replace(nudge, **changes))

    async def add_many(self, nudges: Sequence[Nudge]) -> list[Nudge]:
        store = await self._uow.begin()
        added = []
        for nudge in nudges:
            if nudge.idempotency_key in store.nudges.index:
                continue
            if nudge.user_id not in store.users.rows:
                raise ValueError(f"no user {nudge.user_id} (foreign key)")
            if nudge.interview_id is not None and nudge.interview_id not in store.interviews.rows:
                raise ValueError(f"no interview {nudge.interview_id} (foreign key)")
            stored = _copy_nudge(nudge)
            stored.id = store.nudges.new_id()
            stored.original_due_at = stored.original_due_at or stored.due_at
            self._uow.write(store.nudges, stored.id, stored)
            added.append(_copy_nudge(stored))
        return added

    async def get(self, user_id: int, nudge_id: int) -> Nudge | None:
        row = (await self._table()).rows.get(nudge_id)
        return _copy_nudge(row) if row is not None and row.user_id == user_id else None

    async def _sorted(self, keep: Callable[[Nudge], bool]) -> list[Nudge]:
        rows = [r for r in (await self._table()).rows.values() if keep(r)]
        return [_copy_nudge(r) for r in sorted(rows, key=lambda r: (r.due_at, r.id or 0))]

    async def list_for_user(self, user_id: int, *, pending_only: bool = True) -> list[Nudge]:
        return await self._sorted(
            lambda r: r.user_id == user_id and (not pending_only or r.status in _OPEN)
        )

    async def list_for_interview(self, interview_id: int) -> list[Nudge]:
        return await self._sorted(lambda r: r.interview_id == interview_id)

    async def cancel(
        self, user_id: int, *, interview_id: int | None = None,
        kinds: Sequence[NudgeKind] | None = None, nudge_id: int | None = None,
    ) -> int:
        table = await self._table()
        matching = [
            r for r in table.rows.values()
            if r.user_id == user_id and r.status in _OPEN
            and (interview_id is None or r.interview_id == interview_id)
            and (kinds is None or r.kind in kinds)
            and (nudge_id is None or r.id == nudge_id)
        ]
        for row in matching:
            self._update(table, row, status=NudgeStatus.CANCELLED, lease_until=None)
        return len(matching)

    async def _move(
        self, nudge_id: int, states: Sequence[NudgeStatus], *, give_back_attempt: bool = False,
        **changes: Any,
    ) -> None:
        table = await self._table()
        row = table.rows.get(nudge_id)
        if row is not None and row.status in states:
            if give_back_attempt:
                changes["attempts"] = row.attempts - 1
            self._update(table, row, **changes)

    async def reschedule(self, nudge_id: int, due_at: datetime) -> None:
        await self._move(nudge_id, (NudgeStatus.PENDING,), due_at=require_utc(due_at))

    async def claim_due(self, now: datetime, *, limit: int, lease_seconds: float,
                        platforms: Sequence[str] | None = None) -> list[Nudge]:
        table = await self._table()
        now = require_utc(now)
        lease_until = now + timedelta(seconds=lease_seconds)
        people = (await self._uow.begin()).users.rows
        due = sorted(
            (
                r for r in table.rows.values()
                if ((r.status is NudgeStatus.PENDING and r.due_at <= now)
                    or (r.status is NudgeStatus.CLAIMED and r.lease_until is not None
                        and r.lease_until < now))
                and (platforms is None or (r.user_id in people and
                                           people[r.user_id].identity.platform in platforms))
            ),
            key=lambda r: (r.due_at, r.id or 0),
        )[: max(limit, 0)]
        for row in due:
            self._update(table, row, status=NudgeStatus.CLAIMED, lease_until=lease_until,
                         attempts=row.attempts + 1)
        return [_copy_nudge(table.rows[r.id or 0]) for r in due]

    async def mark_sent(self, results: Sequence[tuple[int, str, datetime]]) -> None:
        table = await self._table()
        for nudge_id, message_id, sent_at in results:
            row = table.rows.get(nudge_id)
            if row is not None:  # recorded whatever the state: the message did go out
                self._update(table, row, status=NudgeStatus.SENT, lease_until=None,
                             platform_message_id=message_id, sent_at=require_utc(sent_at))

    async def mark_retry(self, nudge_id: int, due_at: datetime, error: str) -> None:
        await self._move(nudge_id, (NudgeStatus.CLAIMED,), status=NudgeStatus.PENDING,
                         due_at=require_utc(due_at), last_error=error, lease_until=None)

    async def mark_failed(self, nudge_id: int, error: str) -> None:
        await self._move(nudge_id, _OPEN, status=NudgeStatus.FAILED, last_error=error,
                         lease_until=None)

    async def mark_dropped(self, nudge_id: int, reason: str) -> None:
        await self._move(nudge_id, _OPEN, status=NudgeStatus.DROPPED, last_error=reason,
                         lease_until=None)

    async def defer(self, nudge_id: int, due_at: datetime) -> None:
        await self._move(nudge_id, (NudgeStatus.CLAIMED,), status=NudgeStatus.PENDING,
                         due_at=require_utc(due_at), lease_until=None, give_back_attempt=True)

    async def release(self, nudge_ids: Sequence[int]) -> None:
        for nudge_id in nudge_ids:
            await self._move(nudge_id, (NudgeStatus.CLAIMED,), status=NudgeStatus.PENDING,
                             lease_until=None, give_back_attempt=True)

    async def count_by_status(self) -> dict[str, int]:
        counts = {status.value: 0 for status in NudgeStatus}
        for row in (await self._table()).rows.values():
            counts[row.status.value] += 1
        return counts
