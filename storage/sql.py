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
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Result
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
)
from sqlalchemy.sql import Executable

from bot.ports import (
    InterviewRepository,
    NudgeRepository,
    StatsRepository,
    TipRepository,
    UnitOfWorkFactory,
    UserRepository,
)
from storage.engine import SQLITE_BUSY_TIMEOUT_MS
from storage.repositories import SqlInterviewRepository, SqlNudgeRepository, SqlUserRepository
from storage.stats import SqlStatsRepository
from storage.tips import SqlTipRepository

__all__ = ["NestedUnitOfWorkError", "SqlUnitOfWork", "sql_uow_factory"]


class NestedUnitOfWorkError(RuntimeError):
    """A task opened a unit of work while its own earlier one still holds the write lock."""


class _WriteLock:
    """The per-engine FIFO queue for SQLite transactions in this process."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.owner: asyncio.Task[Any] | None = None


_write_locks: weakref.WeakKeyDictionary[Engine, _WriteLock] = weakref.WeakKeyDictionary()


class SqlUnitOfWork:
    """One short transaction. Leaving the block without :meth:`commit` rolls back."""

    users: UserRepository
    interviews: InterviewRepository
    nudges: NudgeRepository
    stats: StatsRepository
    tips: TipRepository

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], dialect: str,
        write_lock: _WriteLock | None = None,
    ) -> None:
        self._sessions = sessions
        self._dialect = dialect
        self._write_lock = write_lock
        self._holding = False
        self._session: AsyncSession | None = None
        self._connection: AsyncConnection | None = None

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("this unit of work is already open; make a new one")
        self._session = self._sessions()
        self.users = SqlUserRepository(self, self._dialect)
        self.interviews = SqlInterviewRepository(self, self._dialect)
        self.nudges = SqlNudgeRepository(self, self._dialect)
        self.stats = SqlStatsRepository(self, self._dialect)
        self.tips = SqlTipRepository(self, self._dialect)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        try:
            if session is not None:
                # close() rolls back whatever was not committed and returns the connection.
                await session.close()
        finally:
            self._release()

    async def execute(
        self, statement: Executable,
        params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
    ) -> Result[Any]:
        """Run ``statement`` in this unit of work's transaction (the repositories' executor)."""
        connection = self._connection
        if connection is None:
            session = self._open()
            if self._write_lock is not None and not self._holding:
                await self._acquire(self._write_lock)
            # Core statements go straight to the transaction's connection: the session's
            # ORM execution path would only add overhead to every statement.
            connection = self._connection = await session.connection()
        return await connection.execute(statement, params)

    async def commit(self) -> None:
        try:
            await self._open().commit()
        finally:
            self._release()

    async def rollback(self) -> None:
        try:
            await self._open().rollback()
        finally:
            self._release()

    def _open(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("unit of work used outside 'async with'")
        return self._session

    async def _acquire(self, write_lock: _WriteLock) -> None:
        current = asyncio.current_task()
        if write_lock.owner is not None and write_lock.owner is current:
            raise NestedUnitOfWorkError(
                "a unit of work was opened inside another one in the same task; "
                "SQLite allows one writer, so the inner one could never start"
            )
        try:
            async with asyncio.timeout(SQLITE_BUSY_TIMEOUT_MS / 1000):
                await write_lock.lock.acquire()
        except TimeoutError:
            raise TimeoutError(
                f"database is locked: waited {SQLITE_BUSY_TIMEOUT_MS} ms for another unit "
                "of work in this process"
            ) from None
        write_lock.owner = current
        self._holding = True

    def _release(self) -> None:
        self._connection = None  # the transaction is over; the next statement starts one
        if self._holding and self._write_lock is not None:
            self._holding = False
            self._write_lock.owner = None
            self._write_lock.lock.release()


def sql_uow_factory(engine: AsyncEngine) -> UnitOfWorkFactory:
    """A factory of :class:`SqlUnitOfWork` on ``engine`` (see :func:`storage.create_engine`)."""
    sessions = async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
    dialect = engine.dialect.name
    write_lock = None
    if dialect == "sqlite":
        write_lock = _write_locks.setdefault(engine.sync_engine, _WriteLock())

    def make() -> SqlUnitOfWork:
        return SqlUnitOfWork(sessions, dialect, write_lock)

    return make
