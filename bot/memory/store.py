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

This module holds the store, its tables and the unit of work; each repository lives beside
it in a module of its own (``interviews`` for users and interviews, ``nudges``, ``tips``,
``stories``, ``inbox``, ``stats``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from bot.inbox import InboxEntry
from bot.memory.inbox import MemoryInboxRepository
from bot.memory.interviews import MemoryInterviewRepository, MemoryUserRepository
from bot.memory.nudges import MemoryNudgeRepository
from bot.memory.stats import MemoryStatsRepository
from bot.memory.stories import MemoryPrepRepository, MemoryStoryRepository
from bot.memory.tips import MemoryTipRepository
from bot.model import Interview, Nudge, User
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

__all__ = [
    "MemoryStore",
    "MemoryTable",
    "MemoryUnitOfWork",
    "NestedUnitOfWorkError",
    "memory_uow_factory",
]

R = TypeVar("R", User, Interview, Nudge, TipSubscription, TipPost, InboxEntry, Story, Prep)

class NestedUnitOfWorkError(RuntimeError):
    """A task opened a unit of work while its own earlier one still holds the write lock."""


class MemoryTable(Generic[R]):
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
        self.users: MemoryTable[User] = MemoryTable(lambda u: u.identity)
        self.interviews: MemoryTable[Interview] = MemoryTable()
        self.nudges: MemoryTable[Nudge] = MemoryTable(lambda n: n.idempotency_key)
        self.tip_subscriptions: MemoryTable[TipSubscription] = MemoryTable(
            lambda s: (s.platform, s.workspace_id, s.channel_id))
        self.tip_posts: MemoryTable[TipPost] = MemoryTable(
            lambda p: (p.subscription_id, p.occurrence))
        self.inbox: MemoryTable[InboxEntry] = MemoryTable(lambda e: (e.platform, e.key))
        self.stories: MemoryTable[Story] = MemoryTable(lambda s: (s.user_id, s.number))
        self.preps: MemoryTable[Prep] = MemoryTable(lambda p: p.interview_id)
        self.lock = asyncio.Lock()
        self.lock_loop: asyncio.AbstractEventLoop | None = None
        self.owner: asyncio.Task[Any] | None = None
        self.lock_timeout = lock_timeout

    def unit_of_work(self) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self)


def memory_uow_factory(store: MemoryStore | None = None) -> UnitOfWorkFactory:
    """A factory of units of work on ``store`` (a fresh, empty one if not given)."""
    return (store or MemoryStore()).unit_of_work


# -- unit of work -------------------------------------------------------------------------


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
        self._undo: list[tuple[MemoryTable[Any], int, Any]] = []
        self._holding = False
        self.users = MemoryUserRepository(self)
        self.interviews = MemoryInterviewRepository(self)
        self.nudges = MemoryNudgeRepository(self)
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

    def write(self, table: MemoryTable[R], row_id: int, row: R | None) -> None:
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
