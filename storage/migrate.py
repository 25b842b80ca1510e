"""Schema migrations, applied with Alembic from code.

``upgrade`` is called on every start (and by ``debrief db upgrade``), so it must be cheap
when there is nothing to do, safe when two replicas start at once, and usable from inside a
running event loop. The Alembic config is built here from the package path, not read from
an ini file in the working directory, so an installed wheel can migrate its database.
"""

from __future__ import annotations

import asyncio
import weakref
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import pool
from sqlalchemy.engine import Connection

from storage.engine import create_engine

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
