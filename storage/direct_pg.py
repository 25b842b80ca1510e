"""PostgreSQL's hot statements straight on the asyncpg connection, inside SQLAlchemy's own
transaction.

On PostgreSQL a dialogue turn's statements went through SQLAlchemy's execution context, its
greenlet bridge and its asyncpg cursor adapter: about 1.5 ms of the event loop's CPU per
turn against SQLite's 0.3 (issue 14), enough to saturate the loop at ~500 turns/s and make
every person wait behind it. The statements marked :func:`storage.hot.hot` are compiled
once per engine and parameter names (the same plans as SQLite's) and run here with the
adapter's own pieces, so nothing about the connection changes:

* its transaction: begun when none is open, in the first statement's own round trip
  (:mod:`storage.pg_begin`; else by the adapter's ``_start_transaction``, what its cursor
  does), marked started on the adapter either way; the unit of work no longer begins one
  through SQLAlchemy up front, so when only hot statements ran, :meth:`PgHot.commit`
  commits it on asyncpg (each trip through SQLAlchemy's ``AsyncConnection`` is a
  greenlet), and an ordinary statement joins it through SQLAlchemy's autobegin and is
  committed by SQLAlchemy; a rollback is the pool's reset when the connection goes back
  (``AsyncConnection.close``);
* its prepared-statement cache (``_prepare``) and its statement lock (``_execute_mutex``);
* its error translation (``_handle_exception``), then SQLAlchemy's ``DBAPIError`` wrapping.

The adapter is read off the checked-out connection, not through ``get_raw_connection``
(another greenlet per statement). Those are private names of SQLAlchemy's asyncpg adapter;
:data:`SUPPORTED` checks they are there, and without them every statement takes
SQLAlchemy's ordinary path.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Mapping
from typing import Any, NoReturn, cast

from sqlalchemy import Result, and_
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_connection
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql import Executable

from storage.hot import DirectResult, Plan, Plans, hot, plan_for
from storage.mapping import interviews, users
from storage.pg_begin import begin_with_next_statement, discard_after_client_error
from storage.repositories import INTERVIEW_BY_ID, USER_BY_IDENTITY

__all__ = ["SUPPORTED", "PgHot", "Prefetched", "supported"]

SUPPORTED = all(hasattr(AsyncAdapt_asyncpg_connection, name)
                for name in ("_start_transaction", "_prepare", "_handle_exception",
                             "_call_and_discard", "_transaction", "_execute_mutex"))



def supported() -> bool:
    """Whether hot statements can run on asyncpg here (tests switch it off to compare)."""
    return SUPPORTED


_ROWCOUNT = re.compile(r"(?:SELECT|UPDATE|DELETE|INSERT \d+) (\d+)")

_plans: weakref.WeakKeyDictionary[Engine, Plans] = weakref.WeakKeyDictionary()


#: The person with their open interview, in one round trip: a turn reads the person and
#: then, straight away, the interview ``users.active_interview_id`` names (the join's
#: condition is :data:`INTERVIEW_BY_ID`'s, so its rows are that statement's rows).
_USER_AND_ACTIVE_INTERVIEW = hot(
    USER_BY_IDENTITY.add_columns(*(c.label(f"active_{c.name}") for c in interviews.c))
    .select_from(users.outerjoin(interviews, and_(
        interviews.c.id == users.c.active_interview_id, interviews.c.user_id == users.c.id)))
)
_USER_COLUMNS = len(users.c)


class Prefetched:
    """:data:`INTERVIEW_BY_ID`'s result for ``params``, read with the person."""

    __slots__ = ("params", "rows")

    def __init__(self, params: dict[str, Any], rows: list[Any]) -> None:
        self.params = params
        self.rows = rows


class PgHot:
    """Runs hot statements of one engine's units of work on their asyncpg connection."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._dialect = engine.dialect
        self._plans = _plans.setdefault(engine.sync_engine, {})

    def plan(self, statement: Executable, params: Any) -> Plan | None:
        """The statement's plan when it is hot and can run here, else None."""
        return plan_for(self._plans, self._dialect, statement, params)

    async def execute(self, connection: AsyncConnection, statement: Executable, params: Any,
                      prefetched: Prefetched | None,
                      ) -> tuple[Result[Any] | None, Prefetched | None]:
        """Run ``statement`` here when it is hot: its result (None: take SQLAlchemy's path)
        and, for the person's row, their open interview's row for the next statement.

        ``prefetched`` answers :data:`INTERVIEW_BY_ID` only as the statement right after the
        person's (the unit of work passes it to the next call only): with nothing run in
        between, reading both in one statement is what running them back to back does
        under READ COMMITTED (each statement its own snapshot).
        """
        if (prefetched is not None and statement is INTERVIEW_BY_ID
                and params == prefetched.params):
            return cast(Result[Any], DirectResult(prefetched.rows, len(prefetched.rows),
                                                  None)), None
        if statement is USER_BY_IDENTITY:
            joined = self.plan(_USER_AND_ACTIVE_INTERVIEW, params)
            person = self.plan(USER_BY_IDENTITY, params)
            interview = self.plan(INTERVIEW_BY_ID, {"b_id": 0, "b_user_id": 0})
            if joined is not None and person is not None and interview is not None:
                return self._split(await self.run(connection, joined, params),
                                   person, interview)
        plan = self.plan(statement, params)
        if plan is None:
            return None, None
        return await self.run(connection, plan, params), None

    @staticmethod
    def _split(result: Result[Any], person: Plan, interview: Plan,
               ) -> tuple[Result[Any], Prefetched | None]:
        make_person = person.row._make  # type: ignore[union-attr]
        rows = [make_person(row[:_USER_COLUMNS]) for row in result]
        if len(rows) != 1 or rows[0].active_interview_id is None:
            return cast(Result[Any], DirectResult(rows, len(rows), None)), None
        row = result.one()
        found = ([interview.row._make(row[_USER_COLUMNS:])]  # type: ignore[union-attr]
                 if row[_USER_COLUMNS] is not None else [])
        return (cast(Result[Any], DirectResult(rows, 1, None)),
                Prefetched({"b_id": rows[0].active_interview_id, "b_user_id": rows[0].id},
                           found))

    async def run(self, connection: AsyncConnection, plan: Plan,
                  params: Mapping[str, Any] | None) -> Result[Any]:
        adapter = await _adapter(connection)
        arguments = plan.arguments(params)
        async with adapter._execute_mutex:
            folded = False
            try:
                prepared, _ = await adapter._prepare(plan.sql, 0)
                if adapter._transaction is None:
                    folded = begin_with_next_statement(adapter, prepared)
                    if not folded:
                        await adapter._start_transaction()
                fetched = await prepared.fetch(*arguments)
                status = prepared.get_statusmsg()
            except Exception as error:
                if folded:
                    discard_after_client_error(adapter, error)
                self._raise(plan.sql, arguments, adapter, error)
        rows: list[Any] = []
        if plan.row is not None:
            make, converters = plan.row._make, plan.converters  # type: ignore[attr-defined]
            for record in fetched:
                values = list(record)
                for index, convert in converters:
                    values[index] = convert(values[index])
                rows.append(make(values))
        found = _ROWCOUNT.match(status or "")
        return cast(Result[Any], DirectResult(rows, int(found.group(1)) if found else -1, None))

    async def commit(self, connection: AsyncConnection) -> None:
        """Commit the transaction hot statements opened, when SQLAlchemy's connection has
        none of its own (no ordinary statement ran): ``COMMIT`` without a greenlet."""
        adapter = await _adapter(connection)
        transaction = adapter._transaction
        if transaction is None:
            return
        try:
            await adapter._call_and_discard(transaction.commit)
        except Exception as error:
            self._raise("COMMIT", [], adapter, error)

    def _raise(self, sql: str, arguments: list[Any], adapter: Any, error: Exception) -> NoReturn:
        """``error`` as SQLAlchemy raises it: the adapter's DBAPI error in ``DBAPIError``."""
        try:
            adapter._handle_exception(error)  # raises the DBAPI-style error
        except Exception as translated:
            raise DBAPIError.instance(
                sql, arguments, translated, self._dialect.loaded_dbapi.Error,
                hide_parameters=True, dialect=self._dialect, ismulti=False) from error
        raise error


async def _adapter(connection: AsyncConnection) -> Any:
    """The asyncpg adapter under ``connection``: read straight off a checked-out connection
    (no greenlet), through SQLAlchemy when it must be revalidated (that raises as usual)."""
    sync = connection.sync_connection
    if sync is not None and not sync.closed and not sync.invalidated:
        return sync.connection.dbapi_connection
    return (await connection.get_raw_connection()).dbapi_connection
