"""SQLite on the event loop's own thread: a unit of work without a thread hop per statement.

aiosqlite runs every statement on a worker thread and hands the result back through the
event loop. On this project's hot path (a dialogue turn is BEGIN, two selects, one update,
COMMIT on a local file) that hand-over, with SQLAlchemy's greenlet bridge around it, cost
more of the loop thread's CPU than SQLite's own work (issue 14: 2.5 ms of loop CPU per turn,
of which the core's logic was 0.3 ms). SQLite itself answers these statements in
microseconds: WAL with ``synchronous=NORMAL`` does not fsync on commit.

So units of work on a SQLite file run their statements synchronously, on the loop thread,
through one plain ``sqlite3`` connection per engine (SQLAlchemy's pysqlite dialect, Core
statements, the same type processors). What could block the loop is kept off it:

* **Waiting for another process's write lock.** The connection's busy handler is off
  (``timeout=0``). ``BEGIN IMMEDIATE`` that finds the file locked fails at once; the unit of
  work then *awaits* and retries with growing pauses (0.5 ms doubling to 20 ms) until
  :data:`~storage.engine.SQLITE_BUSY_TIMEOUT_MS`, so other people's turns go on meanwhile.
  Inside this process units of work already queue on :class:`storage.sql._WriteLock`.
* **Checkpoints.** SQLite's automatic checkpoint runs inside the COMMIT that crosses the
  threshold and fsyncs the database file. It is switched off on this connection
  (``wal_autocheckpoint=0``); every :data:`CHECKPOINT_EVERY` commits a passive checkpoint
  runs on a background thread through a connection of its own (passive: it never waits for,
  nor blocks, readers and writers).

The statements of a dialogue turn are *hot* (:func:`storage.hot.hot`): compiled once per set of
parameter names into SQL text, bind processors and a row type, they run straight on the
``sqlite3`` cursor; SQLAlchemy's per-execution machinery (execution context, cursor result
metadata, row processing), most of what remained of a turn's cost, is skipped. Every other
statement runs through SQLAlchemy's ``Connection.execute`` as usual. Hot statements that
need more than this (Python-side defaults, expanding parameters, several parameter sets) take
that ordinary path too.

In-memory databases keep the aiosqlite path (a second connection would see another database).
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import weakref
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

from sqlalchemy import Result, event, pool
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import (
    DBAPIError,
    StatementError,
)
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql import Executable

from bot.ports import StorageBusy
from storage.hot import DirectResult, Plan, Plans, plan_for

__all__ = ["CHECKPOINT_EVERY", "DirectSqlite", "direct_for", "enable_direct"]

#: Commits between two background checkpoints.
CHECKPOINT_EVERY = 500

_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6

#: Connections not closed because their files refused writes when they were let go.
_kept_open: list[Connection] = []

_directs: weakref.WeakKeyDictionary[Engine, DirectSqlite] = weakref.WeakKeyDictionary()


def enable_direct(engine: AsyncEngine, database: str, *, uri: bool, busy_timeout_ms: int,
                  foreign_keys: bool = True) -> None:
    """Run ``engine``'s units of work on the loop thread (see the module's docstring)."""
    direct = DirectSqlite(database, uri=uri, busy_timeout_ms=busy_timeout_ms,
                          foreign_keys=foreign_keys)
    _directs[engine.sync_engine] = direct
    # AsyncEngine.dispose() disposes its sync engine: close ours with it (reopened on use).
    event.listen(engine.sync_engine, "engine_disposed", lambda _engine: direct.close())


def direct_for(engine: AsyncEngine) -> DirectSqlite | None:
    """The direct executor of ``engine``, if its units of work run on the loop thread."""
    return _directs.get(engine.sync_engine)


class DirectSqlite:
    """One ``sqlite3`` connection used by one engine's units of work, one at a time."""

    def __init__(self, database: str, *, uri: bool, busy_timeout_ms: int,
                 foreign_keys: bool = True) -> None:
        self.database = database
        self.uri = uri
        self.busy_timeout = busy_timeout_ms / 1000
        self._foreign_keys = foreign_keys
        #: Units of work's statements that are not hot run on this engine (listen here for
        #: their cursor events; hot ones go straight to the sqlite3 cursor).
        self.engine = create_sync_engine(
            "sqlite://", creator=self._connect, poolclass=pool.StaticPool,
            hide_parameters=True)
        #: Raises when the files must not be touched (:func:`storage.sqlite_files.guard_engine`):
        #: asked before connecting, before each transaction and before each checkpoint.
        self.guard: Callable[[], None] | None = None
        self._connection: Connection | None = None
        self._raw: sqlite3.Connection | None = None
        self._plans: Plans = {}
        self._commits = 0
        self._checkpointer: ThreadPoolExecutor | None = None
        self._checkpointing = False
        self._checkpoint_local = threading.local()

    def _connect(self) -> sqlite3.Connection:
        if self.guard is not None:
            self.guard()
        connection = sqlite3.connect(self.database, uri=self.uri, timeout=0,
                                     isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA busy_timeout = 0")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute(f"PRAGMA foreign_keys = {'ON' if self._foreign_keys else 'OFF'}")
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        return connection

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            self._connection = self.engine.connect()
            self._raw = cast(sqlite3.Connection, self._connection.connection.dbapi_connection)
        return self._connection

    @property
    def raw(self) -> sqlite3.Connection:
        """The ``sqlite3`` connection under :attr:`connection` (StaticPool: always the same)."""
        raw = self._raw
        if raw is None or self._connection is None:
            self.connection  # noqa: B018 - opens it, setting _raw
            raw = self._raw
            assert raw is not None
        return raw

    async def begin(self) -> None:
        """``BEGIN IMMEDIATE``, awaiting (not blocking) while another process writes."""
        if self.guard is not None:
            self.guard()
        raw = self.raw
        deadline: float | None = None
        pause = 0.0005
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                code = getattr(error, "sqlite_errorcode", _SQLITE_BUSY) & 0xFF
                if code not in (_SQLITE_BUSY, _SQLITE_LOCKED):
                    raise self._wrapped("BEGIN IMMEDIATE", (), error) from error
                now = asyncio.get_running_loop().time()
                if deadline is None:
                    deadline = now + self.busy_timeout
                if now >= deadline:
                    raise StorageBusy("database is locked: another process held the write "
                                      f"lock for over {self.busy_timeout:g} s") from error
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.004)

    def _wrapped(self, sql: str, arguments: Sequence[Any], error: sqlite3.Error) -> StatementError:
        """``error`` as SQLAlchemy raises it (callers and tests see one kind of error)."""
        return DBAPIError.instance(sql, arguments, error, sqlite3.Error, hide_parameters=True,
                                   dialect=self.engine.dialect, ismulti=False)

    def execute(self, statement: Executable,
                params: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None) -> Result[Any]:
        plan = plan_for(self._plans, self.engine.dialect, statement, params)
        if plan is not None:
            return cast(Result[Any], self._run(plan, cast(Mapping[str, Any] | None, params)))
        return self.connection.execute(statement, params)

    def _run(self, plan: Plan, params: Mapping[str, Any] | None) -> DirectResult:
        arguments = plan.arguments(params)
        cursor = self.raw.cursor()
        try:
            cursor.execute(plan.sql, arguments)
            rows: list[Any] = []
            if plan.row is not None:
                make, converters = plan.row._make, plan.converters  # type: ignore[attr-defined]
                for fetched in cursor.fetchall():
                    if converters:
                        fetched = list(fetched)
                        for index, convert in converters:
                            fetched[index] = convert(fetched[index])
                    rows.append(make(fetched))
            return DirectResult(rows, cursor.rowcount, cursor.lastrowid)
        except sqlite3.Error as error:
            raise self._wrapped(plan.sql, arguments, error) from error
        finally:
            cursor.close()

    def commit(self) -> None:
        connection = self._connection
        if connection is None:
            return
        try:
            if connection.in_transaction():  # an ordinary statement ran: SQLAlchemy knows
                connection.commit()
            else:
                self.raw.commit()
        except sqlite3.Error as error:
            self.rollback()
            raise self._wrapped("COMMIT", (), error) from error
        except BaseException:
            self.rollback()
            raise
        self._commits += 1
        if self._commits % CHECKPOINT_EVERY == 0:
            self._checkpoint_soon()

    def rollback(self) -> None:
        connection = self._connection
        if connection is None:
            return
        if connection.in_transaction():
            connection.rollback()
        else:
            self.raw.rollback()

    def close(self) -> None:
        if self._refused():
            # Closing the last connection checkpoints, which touches the mapped -shm: with
            # files that refuse writes that is SIGBUS. Keep it open (referenced here) and
            # leave it to the process's exit.
            if self._connection is not None:
                _kept_open.append(self._connection)
            self._connection, self._raw = None, None
            return
        connection, self._connection, self._raw = self._connection, None, None
        if connection is not None:
            connection.close()
        self.engine.dispose()
        checkpointer, self._checkpointer = self._checkpointer, None
        if checkpointer is not None:
            checkpointer.submit(self._close_checkpoint_connection)
            checkpointer.shutdown(wait=False)

    # -- checkpoints, off the loop thread ---------------------------------------------------
    def _checkpoint_soon(self) -> None:
        if self._checkpointing:
            return  # the previous one is still running: the next threshold will do
        if self._checkpointer is None:
            self._checkpointer = ThreadPoolExecutor(1, thread_name_prefix="sqlite-checkpoint")
        self._checkpointing = True
        try:
            self._checkpointer.submit(self._checkpoint)
        except RuntimeError:  # shut down meanwhile
            self._checkpointing = False

    def _refused(self) -> bool:
        if self.guard is None:
            return False
        try:
            self.guard()
        except Exception:
            return True
        return False

    def _checkpoint(self) -> None:
        try:
            if self._refused():
                return
            connection = getattr(self._checkpoint_local, "connection", None)
            if connection is None:
                connection = sqlite3.connect(self.database, uri=self.uri, timeout=0,
                                             isolation_level=None)
                self._checkpoint_local.connection = connection
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error:
            pass  # a passive checkpoint that cannot run now runs at the next threshold
        finally:
            self._checkpointing = False

    def _close_checkpoint_connection(self) -> None:
        connection = getattr(self._checkpoint_local, "connection", None)
        if connection is not None and not self._refused():
            self._checkpoint_local.connection = None
            connection.close()
