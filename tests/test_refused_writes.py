"""SQLite files that refuse writes (issue 12, item 9), in process.

Made immutable while connections are open, SQLite's next transaction stores into its
``-shm`` mapping and the kernel kills the process with SIGBUS (``storage.sqlite_files``).
The guard asks the filesystem first: the write fails cleanly, the process lives, the write
probe says so (one line a minute), and all works again once the attribute is removed. Needs
``chattr`` on a filesystem that keeps the immutable attribute, as root: skipped otherwise.
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.write_probe import WriteProbe
from storage import create_engine, upgrade
from storage.sqlite_files import FilesRefuseWrites, SqliteFiles, database_path, guard_engine


def chattr(flag: str, *paths: Path) -> bool:
    try:
        done = subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True,
                              check=False)
    except FileNotFoundError:
        return False
    return done.returncode == 0


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[tuple[AsyncEngine, Path]]:
    probe = tmp_path / "probe"
    probe.touch()
    if not chattr("+i", probe):
        pytest.skip("cannot make a file immutable here (chattr missing, not root, or the "
                    "filesystem keeps no such attribute)")
    chattr("-i", probe)
    db = tmp_path / "debrief.db"
    url = f"sqlite+aiosqlite:///{db}"
    await upgrade(url)
    engine = create_engine(url)
    yield engine, db
    chattr("-i", *(p for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()))
    await engine.dispose()


async def test_a_write_to_immutable_files_fails_cleanly_and_works_once_they_are_not(
        engine: tuple[AsyncEngine, Path]) -> None:
    sql, db = engine
    files = SqliteFiles(str(db))
    guard_engine(sql, files)
    async with sql.begin() as connection:
        await connection.execute(text("DELETE FROM heartbeats"))
    paths = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
    assert all(p.exists() for p in paths) and files.refusal() is None
    assert chattr("+i", *paths)
    assert files.refusal() == "debrief.db is immutable (chattr +i)"
    for _ in range(3):  # unguarded, the first of these would be SIGBUS
        with pytest.raises(FilesRefuseWrites, match="immutable"):
            async with sql.begin() as connection:
                await connection.execute(text("SELECT count(*) FROM heartbeats"))
    assert chattr("-i", *paths)
    async with sql.begin() as connection:
        await connection.execute(text("DELETE FROM heartbeats"))
    files.close()


async def test_the_write_probe_fails_with_one_line_a_minute_and_says_when_it_recovers(
        engine: tuple[AsyncEngine, Path], caplog: pytest.LogCaptureFixture) -> None:
    sql, db = engine
    probe = WriteProbe(sql, sqlite_path=database_path(f"sqlite:///{db}"))
    assert probe.files is not None
    guard_engine(sql, probe.files)
    assert await probe.probe() and probe.writable
    paths = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
    assert chattr("+i", *paths)
    with caplog.at_level(logging.INFO, logger="adapters.write_probe"):
        for _ in range(5):
            assert not await probe.probe()
        assert not probe.writable and probe.reason == "debrief.db is immutable (chattr +i)"
        assert chattr("-i", *paths)
        assert await probe.probe() and probe.writable
    lines = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert lines == [
        ("ERROR", "the database refuses writes (debrief.db is immutable (chattr +i)); "
                  "/readyz fails and requests are not acknowledged until it takes them "
                  "again"),
        ("WARNING", "the database takes writes again")]
    async with sql.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM heartbeats"))
                ).scalar_one() == 1
    await probe.stop()
