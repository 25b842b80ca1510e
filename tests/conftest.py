"""Shared fixtures: fresh databases and a unit-of-work factory per storage backend.

PostgreSQL tests run against the server named by ``DEBRIEF_TEST_POSTGRES_URL`` (default
``postgresql+asyncpg://postgres@127.0.0.1:5432/test``). Each test gets its own freshly
created database, dropped afterwards, so tests never see each other's rows. When the server
is unreachable the tests are skipped, except under CI (``CI`` set), where that is a failure:
CI must really exercise PostgreSQL.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from postgres_db import fresh_postgres_database

from bot.memory import memory_uow_factory
from bot.ports import UnitOfWorkFactory
from storage import create_engine, sql_uow_factory, upgrade


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
