"""The aiosqlite dialect with one thread round trip per statement instead of three or four.

aiosqlite runs SQLite on a worker thread and every call (make a cursor, execute, fetch,
close) is one trip through a queue and back to the event loop. SQLAlchemy's aiosqlite
adapter makes three or four such trips per statement; on this project's hot path (a dialogue
turn is BEGIN, two selects, one update, COMMIT) those trips, not SQLite, are most of the
cost. This dialect's cursor does the whole statement in one job on the worker thread, the
same way aiosqlite's own ``execute_fetchall`` helper does.

Two more trips are saved per unit of work: ``BEGIN IMMEDIATE`` travels with the first
statement of the transaction, and the pool's ROLLBACK of a returned connection is skipped when
SQLite says no transaction is open (it always rolls back after a commit otherwise).

It relies on two aiosqlite internals that SQLAlchemy's adapter relies on as well
(``Connection._execute`` and ``Connection._conn``); :func:`storage.engine.create_engine`
falls back to the stock dialect if they are missing, and accepts ``fast_sqlite=False``.
"""

from __future__ import annotations

import collections
from threading import Thread
from typing import Any

import aiosqlite
from sqlalchemy.connectors.asyncio import AsyncAdapt_dbapi_connection
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
    SQLiteDialect_aiosqlite,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

__all__ = ["DRIVER", "SUPPORTED", "OneTripAiosqliteDialect"]

#: The URL driver name this dialect is registered under (``sqlite+<DRIVER>://``).
DRIVER = "debrief_aiosqlite"

SUPPORTED = hasattr(aiosqlite.Connection, "_execute") and hasattr(aiosqlite.Connection, "_conn")


class _OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    __slots__ = ("_result_description", "_result_lastrowid", "_result_rowcount")

    def __init__(self, adapt_connection: AsyncAdapt_dbapi_connection) -> None:
        # Unlike the base class, do not open a driver cursor here: execute() makes its own.
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._result_description: Any = None
        self._result_rowcount = -1
        self._result_lastrowid: int | None = None

    @property
    def description(self) -> Any:
        return self._result_description

    @property
    def rowcount(self) -> int:
        return self._result_rowcount

    @property
    def lastrowid(self) -> Any:
        return self._result_lastrowid

    async def _async_soft_close(self) -> None:
        return None  # nothing is left open on the worker thread

    def close(self) -> None:
        self._rows.clear()

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        return self._run(operation, parameters, many=False)

    def executemany(self, operation: Any, seq_of_parameters: Any) -> Any:
        return self._run(operation, seq_of_parameters, many=True)

    def _run(self, operation: Any, parameters: Any, *, many: bool) -> None:
        connection = self._connection

        adapter = self._adapt_connection
        assert isinstance(adapter, _OneTripConnection)

        begin, adapter.pending_begin = adapter.pending_begin, None

        def statement() -> tuple[Any, list[Any], int, int | None]:
            # Runs on aiosqlite's worker thread: cursor, execute, fetch, close in one job.
            raw = connection._conn
            cursor = raw.cursor()
            try:
                if begin is not None:
                    cursor.execute(begin)
                if many:
                    cursor.executemany(operation, parameters)
                else:
                    cursor.execute(operation, () if parameters is None else parameters)
                description = cursor.description
                rows = cursor.fetchall() if description else []
                return description, rows, cursor.rowcount, cursor.lastrowid
            finally:
                cursor.close()
                adapter.in_transaction = raw.in_transaction

        async def run() -> tuple[Any, list[Any], int, int | None]:
            async with adapter._execute_mutex:
                return await connection._execute(statement)

        try:
            description, rows, rowcount, lastrowid = await_(run())
        except Exception as error:
            adapter._handle_exception(error)
        self._result_description = description
        self._rows = collections.deque(rows)
        self._result_rowcount = rowcount
        self._result_lastrowid = lastrowid


class _OneTripConnection(AsyncAdapt_aiosqlite_connection):
    """Also skips the round trip of a ROLLBACK when SQLite has no transaction open.

    The pool rolls back every connection it gets back unless SQLAlchemy ended the
    transaction itself on close; after a commit that is a wasted trip on every unit of work.
    ``in_transaction`` is read on the worker thread after each statement, so it is exact.
    """

    __slots__ = ("in_transaction", "pending_begin")
    _cursor_cls = _OneTripCursor

    def __init__(self, dbapi: Any, connection: Any) -> None:
        super().__init__(dbapi, connection)
        self.in_transaction = False
        self.pending_begin: str | None = None

    def begin_lazily(self, statement: str) -> None:
        """Send ``statement`` (``BEGIN IMMEDIATE``) in the same job as the next statement.

        A transaction with no statement in it needs no BEGIN at all; one with statements
        saves a round trip. If the BEGIN fails (busy timeout), the first statement fails
        with that error and the transaction is rolled back as usual.
        """
        self.pending_begin = statement

    def commit(self) -> None:
        self.pending_begin = None
        if self.in_transaction:
            super().commit()
            self.in_transaction = False

    def rollback(self) -> None:
        self.pending_begin = None
        if self.in_transaction:
            super().rollback()
            self.in_transaction = False


class _OneTripDbapi(AsyncAdapt_aiosqlite_dbapi):
    def connect(self, *arg: Any, **kw: Any) -> AsyncAdapt_aiosqlite_connection:
        # As the base class, but wrapping the connection in our adapter.
        creator_fn = kw.pop("async_creator_fn", None)
        if creator_fn:
            connection = creator_fn(*arg, **kw)
        else:
            connection = self.aiosqlite.connect(*arg, **kw)
            thread = connection if isinstance(connection, Thread) else connection._thread
            thread.daemon = True
        return _OneTripConnection(self, await_(connection))


class OneTripAiosqliteDialect(SQLiteDialect_aiosqlite):
    supports_statement_cache = True

    @classmethod
    def import_dbapi(cls) -> AsyncAdapt_aiosqlite_dbapi:
        return _OneTripDbapi(__import__("aiosqlite"), __import__("sqlite3"))


registry.register(f"sqlite.{DRIVER}", __name__, "OneTripAiosqliteDialect")
