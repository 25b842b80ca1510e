"""Shared fixtures: fresh databases and a unit-of-work factory per storage backend.

PostgreSQL tests run against the server named by ``DEBRIEF_TEST_POSTGRES_URL`` (default
``postgresql+asyncpg://postgres@127.0.0.1:5432/test``). Each test gets its own freshly
created database, dropped afterwards, so tests never see each other's rows. When the server
is unreachable the tests are skipped, except under CI (``CI`` set), where that is a failure:
CI must really exercise PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import pool
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.memory import memory_uow_factory
from bot.ports import UnitOfWorkFactory
from storage import create_engine, sql_uow_factory, upgrade

DEFAULT_PG_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"

# Remember an unreachable server so every PostgreSQL test does not wait for it again.
_pg_unreachable: str | None = None


def postgres_admin_url() -> str:
    return os.environ.get("DEBRIEF_TEST_POSTGRES_URL", DEFAULT_PG_URL)


def _unavailable(reason: str) -> None:
    message = f"PostgreSQL not reachable at {postgres_admin_url()}: {reason}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set: PostgreSQL tests must run)", pytrace=False)
    pytest.skip(message)


@asynccontextmanager
async def fresh_postgres_database() -> AsyncIterator[str]:
    """Create ``debrief_test_<random>`` next to the admin database, yield its URL, drop it."""
    global _pg_unreachable
    if _pg_unreachable is not None:
        _unavailable(_pg_unreachable)
    admin_url = postgres_admin_url()
    admin = create_async_engine(
        admin_url, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool,
        connect_args={"timeout": 5},
    )
    name = f"debrief_test_{secrets.token_hex(6)}"
    try:
        try:
            async with admin.connect() as conn:
                await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        except Exception as exc:  # refused, timed out, auth, DNS: all mean "cannot use it"
            _pg_unreachable = f"{type(exc).__name__}: {exc}".splitlines()[0]
            _unavailable(_pg_unreachable)
        try:
            yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        finally:  # also when the test or a fixture built on it failed
            async with admin.connect() as conn:
                await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.dispose()


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    """URL of a fresh, empty (not migrated) PostgreSQL database."""
    async with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[str]:
    """URL of a SQLite file in a fresh temporary directory (the file does not exist yet)."""
    yield f"sqlite+aiosqlite:///{tmp_path / 'debrief.db'}"


@asynccontextmanager
async def migrated_sql_factory(url: str, **engine_kw: Any) -> AsyncIterator[UnitOfWorkFactory]:
    await upgrade(url)
    engine = create_engine(url, **engine_kw)
    try:
        yield sql_uow_factory(engine)
    finally:
        await engine.dispose()


@pytest.fixture(
    params=[
        "memory",
        "sqlite",
        # SQLAlchemy's own aiosqlite dialect: the fallback when storage.fast_aiosqlite
        # cannot be used must keep the same contract.
        "sqlite-stock",
        pytest.param("postgres", marks=pytest.mark.postgres),
    ]
)
async def uow_factory(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[UnitOfWorkFactory]:
    """A unit-of-work factory on an empty, migrated store of each kind."""
    sqlite_url = f"sqlite+aiosqlite:///{tmp_path / 'debrief.db'}"
    if request.param == "memory":
        yield memory_uow_factory()
    elif request.param.startswith("sqlite"):
        fast = request.param == "sqlite"
        async with migrated_sql_factory(sqlite_url, fast_sqlite=fast, direct_sqlite=fast) as f:
            yield f
    else:
        async with fresh_postgres_database() as url, migrated_sql_factory(url) as f:
            yield f
