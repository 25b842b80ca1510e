"""Engine construction: the one place that knows how each database must be configured.

SQLite is the embedded default and is shared by the console, the dispatcher and possibly a
second process on the same file. Its classic failure is "database is locked": a transaction
that starts as a reader (plain ``BEGIN``) and later wants to write cannot wait for the lock
once another writer has committed, so SQLite fails it at once instead of honouring
``busy_timeout``. We therefore take over transaction control (the SQLAlchemy-documented
recipe for pysqlite/aiosqlite): the driver's own implicit ``BEGIN`` is disabled and every
transaction starts with ``BEGIN IMMEDIATE``, which takes the write lock up front and *does*
wait up to ``busy_timeout``. Units of work are short, so serialising them costs little; WAL
keeps readers outside transactions unblocked.

PostgreSQL needs a pool that serves waiting units of work in arrival order and hands out
only live connections (replicas outlive DB restarts) without a round trip per checkout
(:mod:`storage.pool`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from storage.direct import enable_direct
from storage.pool import POOL_TIMEOUT_S, FairAsyncQueuePool, check_liveness_on_checkout

__all__ = ["SQLITE_BUSY_TIMEOUT_MS", "create_engine", "is_sqlite"]

#: How long a SQLite writer waits for another one before giving up.
SQLITE_BUSY_TIMEOUT_MS = 10_000


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, **kw: Any) -> AsyncEngine:
    """An async engine for ``url`` configured for this project's access pattern.

    Keyword arguments are passed to :func:`sqlalchemy.ext.asyncio.create_async_engine` and
    override the defaults chosen here; ``fast_sqlite=False`` keeps SQLAlchemy's stock
    aiosqlite dialect instead of :mod:`storage.fast_aiosqlite`, and ``direct_sqlite=False``
    runs units of work through aiosqlite instead of on the loop thread (:mod:`storage.direct`).
    """
    parsed = make_url(url)
    # Error messages (and so logs) never carry statement parameters: they hold answers.
    kw.setdefault("hide_parameters", True)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, kw)
    options: dict[str, Any] = {}
    if "poolclass" not in kw:  # NullPool and friends take no size
        # First come, first served: SQLAlchemy's own async pool lets newcomers take a
        # returned connection ahead of those waiting (storage.pool says how that failed).
        options.update(poolclass=FairAsyncQueuePool, pool_size=10, max_overflow=10,
                       pool_timeout=POOL_TIMEOUT_S)
    options.update(kw)
    engine = create_async_engine(parsed, **options)
    if not options.get("pool_pre_ping"):  # replicas outlive database restarts either way
        check_liveness_on_checkout(engine)
    return engine


def _sqlite_engine(url: URL, kw: dict[str, Any]) -> AsyncEngine:
    direct = kw.pop("direct_sqlite", True)
    if kw.pop("fast_sqlite", True) and url.get_driver_name() == "aiosqlite":
        from storage import fast_aiosqlite  # registers the dialect

        if fast_aiosqlite.SUPPORTED:
            url = url.set(drivername=f"sqlite+{fast_aiosqlite.DRIVER}")
    database = url.database or ""
    in_memory = database in ("", ":memory:") or "mode=memory" in database
    if not in_memory and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    connect_args = dict(kw.pop("connect_args", {}))
    # The driver's own timeout also feeds sqlite3's busy handler; keep them consistent.
    connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
    engine = create_async_engine(url, connect_args=connect_args, **kw)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Disable the driver's implicit BEGIN; ``_on_begin`` emits our own.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            if not in_memory:
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        begin_lazily = getattr(connection.connection.dbapi_connection, "begin_lazily", None)
        if begin_lazily is not None:  # storage.fast_aiosqlite: saves a round trip
            begin_lazily("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    if direct and not in_memory:
        enable_direct(engine, database, uri=database.startswith("file:"),
                      busy_timeout_ms=SQLITE_BUSY_TIMEOUT_MS)
    return engine
