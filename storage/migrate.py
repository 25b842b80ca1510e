"""Schema migrations, applied with Alembic from code.

``upgrade`` is called on every start (and by ``debrief db upgrade``), so it must be cheap
when there is nothing to do, safe when two replicas start at once, and usable from inside a
running event loop. The Alembic config is built here from the package path, not read from
an ini file in the working directory, so an installed wheel can migrate its database.

A SQLite database whose files refuse writes (immutable, on a read-only mount; see
:mod:`storage.sqlite_files`) is only read, with a read-only ``sqlite3`` connection: at the
newest schema there is nothing to do (the process starts, unready, and waits for writes);
behind it, :class:`~storage.sqlite_files.FilesRefuseWrites` says why it cannot be migrated,
before anything was tried.
"""

from __future__ import annotations

import asyncio
import sqlite3
import weakref
from pathlib import Path
from urllib.parse import quote

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import pool
from sqlalchemy.engine import Connection

from storage.engine import create_engine
from storage.sqlite_files import FilesRefuseWrites, SqliteFiles, database_path

__all__ = ["MIGRATIONS_DIR", "alembic_config", "upgrade"]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: Arbitrary constant: the key of the PostgreSQL advisory lock that serialises migrations.
_PG_MIGRATION_LOCK = 0x0DEB_41EF


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for this package's migrations, optionally bound to ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


# Alembic keeps the running migration in module globals (``alembic.context``, ``alembic.op``),
# so two upgrades interleaved on one event loop would run each other's steps on each other's
# connections. Within a process they therefore take turns; across processes the database
# arbitrates (see ``_upgrade``).
_in_process: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


async def upgrade(url: str) -> None:
    """Bring the database at ``url`` to the newest schema (a no-op when it is already there)."""
    if _refused_and_current(url):
        return
    lock = _in_process.setdefault(asyncio.get_running_loop(), asyncio.Lock())
    async with lock:
        engine = create_engine(url, poolclass=pool.NullPool)
        try:
            async with engine.connect() as connection:
                await connection.run_sync(_upgrade)
        finally:
            await engine.dispose()


def _upgrade(connection: Connection) -> None:
    # One transaction for the whole upgrade: PostgreSQL has transactional DDL, and on SQLite
    # our BEGIN IMMEDIATE makes a second process wait instead of migrating at the same time.
    with connection.begin():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
        command.upgrade(alembic_config(connection), "head")


def _refused_and_current(url: str) -> bool:
    """True for a SQLite file that refuses writes and is at the newest schema (nothing to
    do); raises :class:`FilesRefuseWrites` for one that refuses writes and is behind."""
    path = database_path(url)
    if path is None or not Path(path).exists():
        return False
    files = SqliteFiles(path)
    try:
        reason = files.refusal()
    finally:
        files.close()
    if reason is None:
        return False
    behind = _pending_read_only(path)
    if behind:
        raise FilesRefuseWrites(f"{reason}, so {behind}")
    return True


def _pending_read_only(path: str) -> str | None:
    """Why the SQLite file at ``path`` needs migrating ("its schema (0010) ... to 0011"),
    read without writing; None when it is at the newest schema. A connection opened
    read-only while the files refuse writes maps nothing it could write, so this is safe.
    Without a ``-wal`` the file holds every commit and is read as immutable: on a
    read-only mount SQLite could not create the ``-shm`` a WAL database is read through."""
    newest = ", ".join(sorted(ScriptDirectory.from_config(alembic_config()).get_heads()))
    mode = "mode=ro" if Path(path + "-wal").exists() else "mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(f"file:{quote(path)}?{mode}", uri=True)
        try:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        if "no such table" not in str(error):
            return f"it cannot be read ({error})"
        rows = []  # a new database, or not Debrief's
    current = ", ".join(sorted(str(row[0]) for row in rows))
    if current == newest:
        return None
    return f"its schema ({current or 'none'}) cannot be brought up to {newest}"
