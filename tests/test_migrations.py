"""Alembic migrations: they create the schema, are idempotent, and match the models."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from storage import create_engine, upgrade
from storage.migrate import MIGRATIONS_DIR, alembic_config
from storage.models import metadata

TABLES = {"users", "interviews", "nudges", "alembic_version"}


def _schema(connection: Connection) -> dict[str, Any]:
    inspector = inspect(connection)
    version = MigrationContext.configure(connection).get_current_revision()
    return {
        "tables": set(inspector.get_table_names()),
        "version": version,
        "nudge_indexes": {ix["name"] for ix in inspector.get_indexes("nudges")},
        "differences": compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), metadata
        ),
    }


async def _inspect(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_schema)
    finally:
        await engine.dispose()


def _head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


@pytest.fixture(
    params=["sqlite_url", pytest.param("pg_url", marks=pytest.mark.postgres)],
    ids=["sqlite", "postgres"],
)
def url(request: pytest.FixtureRequest) -> str:
    """An empty database of each kind (not migrated)."""
    return str(request.getfixturevalue(request.param))


async def test_upgrade_creates_the_schema_matching_the_models(url: str) -> None:
    await upgrade(url)
    schema = await _inspect(url)
    assert TABLES <= schema["tables"]
    assert schema["version"] == _head()
    assert "ix_nudges_status_due_at" in schema["nudge_indexes"]
    assert schema["differences"] == []


async def test_upgrade_twice_is_a_no_op(url: str) -> None:
    await upgrade(url)
    await upgrade(url)
    schema = await _inspect(url)
    assert schema["version"] == _head() and schema["differences"] == []


async def test_upgrade_creates_the_parent_directory_of_a_sqlite_file(tmp_path: Any) -> None:
    target = tmp_path / "deeper" / "still" / "debrief.db"
    await upgrade(f"sqlite+aiosqlite:///{target}")
    assert target.exists()


def test_migration_scripts_are_found_through_the_package_not_the_cwd(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert (MIGRATIONS_DIR / "env.py").is_file()
    newest = max(p.name.split("_")[0] for p in (MIGRATIONS_DIR / "versions").glob("0*.py"))
    assert _head() == newest


async def test_concurrent_upgrades_in_one_process_take_turns(url: str) -> None:
    await asyncio.gather(upgrade(url), upgrade(url), upgrade(url))
    schema = await _inspect(url)
    assert schema["version"] == _head() and schema["differences"] == []


async def test_replicas_starting_at_once_migrate_once(url: str) -> None:
    """Processes calling ``upgrade`` together: one migrates, the others wait and no-op."""
    # Each process imports everything, says so, and waits for "go": they really race.
    code = (
        "import asyncio, sys, storage; print('ready', flush=True); sys.stdin.readline(); "
        "asyncio.run(storage.upgrade(sys.argv[1]))"
    )
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", code, url, stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(3)
    ]
    for proc in procs:
        assert proc.stdout is not None
        assert await asyncio.wait_for(proc.stdout.readline(), 30) == b"ready\n"
    errors = await asyncio.wait_for(
        asyncio.gather(*(p.communicate(b"go\n") for p in procs)), 60
    )
    for proc, (_, err) in zip(procs, errors, strict=True):
        assert proc.returncode == 0, err.decode()
    schema = await _inspect(url)
    assert schema["version"] == _head() and schema["differences"] == []
