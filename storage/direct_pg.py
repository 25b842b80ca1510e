"""PostgreSQL's hot statements straight on the asyncpg connection, inside SQLAlchemy's own
transaction.

On PostgreSQL a dialogue turn's statements went through SQLAlchemy's execution context, its
greenlet bridge and its asyncpg cursor adapter: about 1.5 ms of the event loop's CPU per
turn against SQLite's 0.3 (issue 14), enough to saturate the loop at ~500 turns/s and make
every person wait behind it. The statements marked :func:`storage.direct.hot` are compiled
once per engine and parameter names (the same plans as SQLite's) and run here with the
adapter's own pieces, so nothing about the connection changes:

* its transaction: started by the adapter's ``_start_transaction`` when none is open (what
  its cursor does), committed or rolled back by SQLAlchemy as before;
* its prepared-statement cache (``_prepare``) and its statement lock (``_execute_mutex``);
* its error translation (``_handle_exception``), then SQLAlchemy's ``DBAPIError`` wrapping.

Those are private names of SQLAlchemy's asyncpg adapter; :data:`SUPPORTED` checks they are
there, and without them every statement takes SQLAlchemy's ordinary path.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Mapping
from typing import Any, cast

from sqlalchemy import Result
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_connection
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql import Executable

from storage.direct import DirectResult, Plans, _Plan, plan_for

__all__ = ["SUPPORTED", "PgHot", "supported"]

SUPPORTED = all(hasattr(AsyncAdapt_asyncpg_connection, name)
                for name in ("_start_transaction", "_prepare", "_handle_exception"))



def supported() -> bool:
    """Whether hot statements can run on asyncpg here (tests switch it off to compare)."""
    return SUPPORTED


_ROWCOUNT = re.compile(r"(?:SELECT|UPDATE|DELETE|INSERT \d+) (\d+)")

_plans: weakref.WeakKeyDictionary[Engine, Plans] = weakref.WeakKeyDictionary()


class PgHot:
    """Runs hot statements of one engine's units of work on their asyncpg connection."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._dialect = engine.dialect
        self._plans = _plans.setdefault(engine.sync_engine, {})

    def plan(self, statement: Executable, params: Any) -> _Plan | None:
        """The statement's plan when it is hot and can run here, else None."""
        return plan_for(self._plans, self._dialect, statement, params)

    async def run(self, connection: AsyncConnection, plan: _Plan,
                  params: Mapping[str, Any] | None) -> Result[Any]:
        raw = await connection.get_raw_connection()
        adapter = cast(Any, raw.dbapi_connection)
        arguments = plan.arguments(params)
        async with adapter._execute_mutex:
            if adapter._transaction is None:
                await adapter._start_transaction()
            try:
                prepared, _ = await adapter._prepare(plan.sql, 0)
                fetched = await prepared.fetch(*arguments)
                status = prepared.get_statusmsg()
            except Exception as error:
                try:
                    adapter._handle_exception(error)  # raises the DBAPI-style error
                except Exception as translated:
                    raise self._wrapped(plan.sql, arguments, translated) from error
                raise
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

    def _wrapped(self, sql: str, arguments: list[Any], error: Exception) -> StatementError:
        return DBAPIError.instance(sql, arguments, error, self._dialect.loaded_dbapi.Error,
                                   hide_parameters=True, dialect=self._dialect,
                                   ismulti=False)
