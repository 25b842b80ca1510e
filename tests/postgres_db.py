"""A fresh PostgreSQL database per test, beside the server named by DEBRIEF_TEST_POSTGRES_URL.

A module of its own (not conftest.py) so test files can import it by a name that no other
folder's conftest shares.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from sqlalchemy import pool
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

__all__ = ["DEFAULT_PG_URL", "fresh_postgres_database", "postgres_admin_url"]

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
