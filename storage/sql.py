"""The SQL unit of work: one short transaction on one :class:`AsyncSession`.

SQLite admits one writer at a time, and our engine starts every transaction with ``BEGIN
IMMEDIATE`` (see :mod:`storage.engine`). Between processes, waiting for that lock is
SQLite's busy handler, which polls with growing sleeps and is not fair: under a steady
stream of short transactions from one process, a waiter can starve until ``busy_timeout``
and fail with "database is locked". Inside one process we can do better, so units of work
on a SQLite engine first queue on a per-engine :class:`asyncio.Lock` (FIFO) and only then
touch the database; the busy handler is left to arbitrate between processes only.

Opening a second unit of work while the same task's first one still holds that lock can
never succeed on SQLite, so it fails at once with :class:`NestedUnitOfWorkError` (as in
the in-memory fake) instead of hanging until the timeout.

Units of work opened inside :func:`urgent_writes` go ahead of that queue (FIFO among
themselves, taking turns with the others so neither kind starves): the inbox's short
group-committed writes, which an acknowledgement waits for, must not queue behind every
reply being worked on (issue 14: with hundreds of replies waiting for the lock,
acknowledgements waited seconds and Slack was answered 503).
"""

from __future__ import annotations

import asyncio
import weakref
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Result
from sqlalchemy.engine import Engine
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql import Executable

from bot.ports import (
    InboxRepository,
    InterviewRepository,
    NudgeRepository,
    PrepRepository,
    StatsRepository,
    StorageBusy,
    StoryRepository,
    TipRepository,
    UnitOfWorkFactory,
    UserRepository,
)
from storage.direct import DirectSqlite, direct_for
from storage.direct_pg import PgHot, Prefetched
from storage.direct_pg import supported as pg_hot_supported
from storage.engine import SQLITE_BUSY_TIMEOUT_MS
from storage.inbox import SqlInboxRepository
from storage.pg_idle import Handover, handover_for
from storage.repositories import SqlInterviewRepository, SqlNudgeRepository, SqlUserRepository
from storage.stats import SqlStatsRepository
from storage.stories import SqlPrepRepository, SqlStoryRepository
from storage.tips import SqlTipRepository

__all__ = ["NestedUnitOfWorkError", "SqlUnitOfWork", "sql_uow_factory", "urgent_writes"]

_urgent: ContextVar[bool] = ContextVar("debrief_urgent_writes", default=False)


@contextmanager
def urgent_writes() -> Iterator[None]:
    """SQLite units of work opened inside take the process's write lock before any waiting
    ordinary one (for short writes a platform's acknowledgement is waiting for)."""
    token = _urgent.set(True)
    try:
        yield
    finally:
        _urgent.reset(token)


class NestedUnitOfWorkError(RuntimeError):
    """A task opened a unit of work while its own earlier one still holds the write lock."""


class _WriteLock:
    """The per-engine queue for SQLite transactions in this process: FIFO, with urgent ones
    taking turns with the others (an urgent waiter goes next unless the lock was just held
    by an urgent one and an ordinary one is waiting), so neither kind can starve."""

    def __init__(self) -> None:
        self.owner: asyncio.Task[Any] | None = None
        self._locked = False
        self._held_urgent = False
        self._waiting: deque[tuple[asyncio.Future[None], bool]] = deque()
        self._urgent: deque[tuple[asyncio.Future[None], bool]] = deque()

    def try_acquire(self, urgent: bool) -> bool:
        """Take the lock if it is free and nobody waits for it."""
        if self._locked or self._waiting or self._urgent:
            return False
        self._locked = True
        self._held_urgent = urgent
        return True

    async def acquire(self, urgent: bool) -> None:
        if self.try_acquire(urgent):
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        queue = self._urgent if urgent else self._waiting
        item = (future, urgent)
        queue.append(item)
        try:
            await future
        except BaseException:
            if future.done() and not future.cancelled():
                self.release()  # handed the lock just as we were cancelled: pass it on
            else:
                try:
                    queue.remove(item)
                except ValueError:
                    pass
            raise

    def release(self) -> None:
        """Hand the lock to the next waiter (it stays locked), or unlock."""
        order = ((self._waiting, self._urgent) if self._held_urgent
                 else (self._urgent, self._waiting))
        for queue in order:
            while queue:
                future, urgent = queue.popleft()
                if not future.done():
                    self._held_urgent = urgent
                    future.set_result(None)
                    return
        self._locked = False


_write_locks: weakref.WeakKeyDictionary[Engine, _WriteLock] = weakref.WeakKeyDictionary()


class SqlUnitOfWork:
    """One short transaction. Leaving the block without :meth:`commit` rolls back."""

    users: UserRepository
    interviews: InterviewRepository
    nudges: NudgeRepository
    stats: StatsRepository
    tips: TipRepository
    inbox: InboxRepository
    stories: StoryRepository
    preps: PrepRepository

    def __init__(
        self, engine: AsyncEngine, dialect: str, write_lock: _WriteLock | None = None,
        direct: DirectSqlite | None = None, pg_hot: PgHot | None = None,
        handover: Handover | None = None,
    ) -> None:
        self._engine = engine
        self._dialect = dialect
        self._write_lock = write_lock
        self._direct = direct
        self._pg_hot = pg_hot
        self._handover = handover
        self._turn: int | None = None  # the handover's generation while holding a turn
        self._in_direct = False
        self._holding = False
        self._open_flag = False
        self._connection: AsyncConnection | None = None
        self._prefetched: Prefetched | None = None

    async def __aenter__(self) -> Self:
        if self._open_flag:
            raise RuntimeError("this unit of work is already open; make a new one")
        self._open_flag = True
        self.users = SqlUserRepository(self, self._dialect)
        self.interviews = SqlInterviewRepository(self, self._dialect)
        self.nudges = SqlNudgeRepository(self, self._dialect)
        self.stats = SqlStatsRepository(self, self._dialect)
        self.tips = SqlTipRepository(self, self._dialect)
        self.inbox = SqlInboxRepository(self, self._dialect)
        self.stories = SqlStoryRepository(self, self._dialect)
        self.preps = SqlPrepRepository(self, self._dialect)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._open_flag = False
        try:
            await self._close()  # rolls back whatever was not committed
        finally:
            self._release()

    async def execute(
        self, statement: Executable,
        params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
    ) -> Result[Any]:
        """Run ``statement`` in this unit of work's transaction (the repositories' executor)."""
        direct = self._direct
        if direct is not None:  # SQLite on the loop thread (storage.direct)
            if not self._in_direct:
                self._check_open()
                if self._write_lock is not None and not self._holding:
                    await self._acquire(self._write_lock)
                await direct.begin()
                self._in_direct = True
            return direct.execute(statement, params)
        connection = self._connection
        if connection is None:
            self._check_open()
            if self._write_lock is not None and not self._holding:
                await self._acquire(self._write_lock)
            # A plain connection, no ORM session: the repositories run Core statements only,
            # and a session's bookkeeping cost more CPU per turn than the statements. On
            # PostgreSQL, one handed over by the last unit of work if it can (storage.pg_idle).
            handover = self._handover
            try:
                if handover is not None:
                    generation = handover.generation
                    connection = await handover.take()
                    self._turn = generation
                if connection is None:
                    connection = await self._engine.connect()
            except PoolTimeout as exc:  # every pooled connection stayed busy (storage.pool)
                await self._close()
                raise StorageBusy(f"no database connection came free: {exc}") from exc
            except BaseException:
                await self._close()
                raise
            if self._pg_hot is None:
                try:
                    await connection.begin()
                except BaseException:
                    self._connection = connection
                    await self._close()
                    raise
            # With hot statements on PostgreSQL the transaction begins with the first
            # statement: on the asyncpg connection for a hot one (storage.direct_pg), by
            # SQLAlchemy's autobegin for an ordinary one; either way the same transaction.
            self._connection = connection
        if self._pg_hot is not None:  # PostgreSQL's hot statements (storage.direct_pg)
            prefetched, self._prefetched = self._prefetched, None  # for this statement only
            result, self._prefetched = await self._pg_hot.execute(
                connection, statement, params, prefetched)
            if result is not None:
                return result
        return await connection.execute(statement, params)

    async def commit(self) -> None:
        self._check_open()
        committed = False
        try:
            if self._in_direct:
                assert self._direct is not None
                self._in_direct = False
                self._direct.commit()
            connection = self._connection
            if connection is not None:
                if self._pg_hot is not None and not connection.in_transaction():
                    await self._pg_hot.commit(connection)  # only hot statements ran
                else:
                    await connection.commit()
            committed = True
        finally:
            await self._close(keep=committed)
            self._release()

    async def rollback(self) -> None:
        self._check_open()
        try:
            await self._close()
        finally:
            self._release()

    def _check_open(self) -> None:
        if not self._open_flag:
            raise RuntimeError("unit of work used outside 'async with'")

    async def _close(self, keep: bool = False) -> None:
        """Return the connection to the pool, where an open transaction on it is rolled
        back; after a commit, ``keep`` hands it to the next unit of work if it can."""
        if self._in_direct:
            assert self._direct is not None
            self._in_direct = False
            self._direct.rollback()
        connection, self._connection = self._connection, None
        generation, self._turn = self._turn, None
        if generation is not None and self._handover is not None:
            handed = self._handover.give_back(connection if keep else None, generation)
            if keep:
                connection = handed  # not handed on: back to the pool
        if connection is not None:
            await connection.close()

    async def _acquire(self, write_lock: _WriteLock) -> None:
        current = asyncio.current_task()
        if write_lock.owner is not None and write_lock.owner is current:
            raise NestedUnitOfWorkError(
                "a unit of work was opened inside another one in the same task; "
                "SQLite allows one writer, so the inner one could never start"
            )
        try:
            if not write_lock.try_acquire(_urgent.get()):
                async with asyncio.timeout(SQLITE_BUSY_TIMEOUT_MS / 1000):
                    await write_lock.acquire(_urgent.get())
        except TimeoutError:
            raise StorageBusy(
                f"database is locked: waited {SQLITE_BUSY_TIMEOUT_MS} ms for another unit "
                "of work in this process"
            ) from None
        write_lock.owner = current
        self._holding = True

    def _release(self) -> None:
        if self._holding and self._write_lock is not None:
            self._holding = False
            self._write_lock.owner = None
            self._write_lock.release()


def sql_uow_factory(engine: AsyncEngine) -> UnitOfWorkFactory:
    """A factory of :class:`SqlUnitOfWork` on ``engine`` (see :func:`storage.create_engine`)."""
    dialect = engine.dialect.name
    write_lock = None
    if dialect == "sqlite":
        write_lock = _write_locks.setdefault(engine.sync_engine, _WriteLock())
    direct = direct_for(engine)
    pg_hot = PgHot(engine) if dialect == "postgresql" and pg_hot_supported() else None
    handover = handover_for(engine) if dialect == "postgresql" else None

    def make() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine, dialect, write_lock, direct, pg_hot, handover)

    return make
