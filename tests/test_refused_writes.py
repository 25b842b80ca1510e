"""SQLite files that refuse writes (issue 12, item 9), in process.

Made immutable while connections are open, SQLite's next transaction stores into its
``-shm`` mapping and the kernel kills the process with SIGBUS (``storage.sqlite_files``).
The guard asks the filesystem first: the write fails cleanly, the process lives, the write
probe says so (one line a minute), and all works again once the attribute is removed. Needs
``chattr`` on a filesystem that keeps the immutable attribute, as root: skipped otherwise.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.runtime import Runtime
from adapters.settings import Settings
from adapters.write_probe import WriteProbe
from storage import create_engine, upgrade
from storage.migrate import alembic_config
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


async def test_one_clear_error_line_per_interval_from_every_part_while_writes_are_refused(
        engine: tuple[AsyncEngine, Path], caplog: pytest.LogCaptureFixture,
        unused_tcp_port: int) -> None:
    """The dispatcher (every second), the write probe (made to run every 0.2 s), the Slack
    inbox's worker and /readyz all fail or look while the files refuse writes; the log gets
    the probe's line once per interval (2 s here, 60 s by default), nothing else at ERROR."""
    _, db = engine
    every = 2.0
    runtime = Runtime(Settings(_env_file=None,  # type: ignore[call-arg]
                               DEBRIEF_DATABASE_URL=f"sqlite+aiosqlite:///{db}",
                               SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET="secret",
                               SLACK_API_URL=f"http://127.0.0.1:{unused_tcp_port}/api/",
                               DEBRIEF_DISPATCH_INTERVAL="1s", DEBRIEF_HTTP_HOST="127.0.0.1",
                               DEBRIEF_HTTP_PORT=unused_tcp_port), error_every=every)
    runtime.write_probe.interval = 0.2
    paths = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
    await runtime.start()
    try:
        assert all(p.exists() for p in paths)
        with caplog.at_level(logging.INFO):
            assert chattr("+i", *paths)
            frozen = time.monotonic()
            statuses = set()
            async with aiohttp.ClientSession() as http:
                while time.monotonic() - frozen < 3.6 * every:
                    async with http.get(f"http://127.0.0.1:{unused_tcp_port}/readyz") as r:
                        statuses.add(r.status)
                    await asyncio.sleep(0.1)
            errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
            assert chattr("-i", *paths)
    finally:
        chattr("-i", *(p for p in paths if p.exists()))
        await runtime.stop()
    gaps = [b.created - a.created for a, b in itertools.pairwise(errors)]
    print(f"{len(errors)} ERROR lines in {3.6 * every:.1f}s at one per {every:.0f}s; gaps "
          f"{[round(g, 2) for g in gaps]}")
    assert statuses == {503}
    assert 3 <= len(errors) <= 4, [r.getMessage() for r in errors]
    assert all(gap >= every - 0.05 for gap in gaps), gaps
    for record in errors:
        assert record.getMessage().startswith(
            "the database refuses writes (debrief.db is immutable (chattr +i))"), record
        assert not record.exc_info
    assert "more like it" in errors[-1].getMessage()


def at_revision(db: Path, revision: str) -> None:
    sync = create_sync_engine(f"sqlite:///{db}")
    with sync.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
    sync.dispose()


async def test_upgrade_on_files_that_refuse_writes_reads_only_and_says_what_it_cannot_do(
        engine: tuple[AsyncEngine, Path], tmp_path: Path, unused_tcp_port: int) -> None:
    _, current = engine  # at the newest schema
    (newest,) = ScriptDirectory.from_config(alembic_config()).get_heads()
    old = tmp_path / "old.db"
    at_revision(old, "0010")
    try:
        assert chattr("+i", current, old)
        await upgrade(f"sqlite+aiosqlite:///{current}")  # nothing to write: nothing done
        with pytest.raises(FilesRefuseWrites) as refused:
            await upgrade(f"sqlite+aiosqlite:///{old}")
        assert refused.value.reason == ("old.db is immutable (chattr +i), so its schema "
                                        f"(0010) cannot be brought up to {newest}")
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("DEBRIEF_")},
               "DEBRIEF_DATABASE_URL": f"sqlite+aiosqlite:///{old}",
               "DEBRIEF_HTTP_PORT": str(unused_tcp_port),
               "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "secret"}
        upgraded, ran = [await asyncio.to_thread(
            subprocess.run, [sys.executable, "-m", "adapters.cli", *argv], capture_output=True,
            text=True, check=False, cwd=tmp_path, env=env, timeout=60)
            for argv in (["db", "upgrade"], ["run"])]
    finally:
        chattr("-i", current, old)
    assert (upgraded.returncode, ran.returncode) == (1, 1)
    assert "Traceback" not in upgraded.stderr + ran.stderr
    assert ran.stderr.endswith(upgraded.stderr)  # after the runtime's one warning
    assert upgraded.stderr == (
        "debrief: the database refuses writes: old.db is immutable (chattr +i), so its schema "
        f"(0010) cannot be brought up to {newest}. Make its files writable, then start "
        "again.\n")
    await upgrade(f"sqlite+aiosqlite:///{old}")


async def test_a_console_whose_files_freeze_mid_session_answers_and_exits_cleanly(
        engine: tuple[AsyncEngine, Path]) -> None:
    # `debrief console` on the same file (a subprocess: SIGBUS would kill pytest itself).
    _, db = engine
    paths = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
    env = {**os.environ, "DEBRIEF_DATABASE_URL": f"sqlite+aiosqlite:///{db}",
           "PYTHONUNBUFFERED": "1"}
    console = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "adapters.cli", "console", "--user", "sam",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env=env)
    assert console.stdin is not None and console.stdout is not None

    async def say(line: str, expect: str) -> str:
        assert console.stdin is not None and console.stdout is not None
        console.stdin.write(line.encode() + b"\n")
        await console.stdin.drain()
        seen = ""
        while expect not in seen:
            seen += (await asyncio.wait_for(console.stdout.readline(), 20)).decode()
        return seen

    try:
        await say("/debrief history", "logged an interview")
        assert chattr("+i", *(p for p in paths if p.exists()))
        answer = await say("/debrief interview Acme", "try again")
        assert "couldn't reach my database" in answer
    finally:
        chattr("-i", *(p for p in paths if p.exists()))
    console.stdin.write(b"/quit\n")
    await console.stdin.drain()
    _, errors = await asyncio.wait_for(console.communicate(), 20)
    assert console.returncode == 0, errors.decode()[-500:]
    assert b"Traceback" not in errors
