"""Alembic environment for Debrief, async-aware.

Two ways in:

* :func:`storage.migrate.upgrade` (the app, ``debrief db upgrade``, tests) hands over an open
  connection in ``config.attributes["connection"]``; migrations run on it, in the caller's
  transaction, without creating an event loop (the caller may already be inside one).
* The ``alembic`` command line (``alembic -c storage/alembic.ini ...``, for writing new
  revisions) gets the URL from ``-x url=...``, ``DEBRIEF_DATABASE_URL`` or the ini file and
  runs on a fresh async engine.
"""

from __future__ import annotations

import asyncio
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection

from storage.engine import create_engine
from storage.models import metadata

config = context.config
target_metadata = metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode recreates tables when needed.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def _run(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    return (
        context.get_x_argument(as_dictionary=True).get("url")
        or os.environ.get("DEBRIEF_DATABASE_URL")
        or config.get_main_option("sqlalchemy.url")
        or "sqlite+aiosqlite:///./debrief.db"
    )


async def _run_with_new_engine() -> None:
    engine = create_engine(_url(), poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif (given := config.attributes.get("connection")) is not None:
    _run(given)
else:
    if config.config_file_name is not None:
        fileConfig(config.config_file_name)
    asyncio.run(_run_with_new_engine())
