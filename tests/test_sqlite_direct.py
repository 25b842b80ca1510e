"""SQLite units of work on the loop thread (storage/direct.py): waiting for another writer
never blocks the event loop, gives up after the busy timeout with an ordinary error, and WAL
checkpoints happen on a background thread."""

from __future__ import annotations

import asyncio
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import copy
from bot.clock import SystemClock
from bot.ports import StorageBusy
from bot.service import Debrief
from bot.values import Identity, Incoming
from storage import create_engine, sql_uow_factory, upgrade
from storage import direct as direct_module
from storage.direct import direct_for

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _size(path: Path) -> int:
    return os.stat(path).st_size


async def _engines(path: Path, count: int) -> list[AsyncEngine]:
    url = f"sqlite+aiosqlite:///{path}"
    await upgrade(url)
    return [create_engine(url) for _ in range(count)]


async def _impatient_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          ) -> list[AsyncEngine]:
    """Two engines on one file (two processes); the second gives up waiting after 0.2 s."""
    engines = await _engines(tmp_path / "d.db", 2)
    direct = direct_for(engines[1])
    assert direct is not None
    monkeypatch.setattr(direct, "busy_timeout", 0.2)
    return engines


async def test_a_writer_elsewhere_is_awaited_while_the_loop_keeps_serving(
        tmp_path: Path) -> None:
    # Two engines on one file stand for two processes: B must wait for A's write lock
    # without freezing the event loop, then succeed.
    engine_a, engine_b = await _engines(tmp_path / "d.db", 2)
    uow_a, uow_b = sql_uow_factory(engine_a), sql_uow_factory(engine_b)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    async def write_b() -> float:
        started = time.monotonic()
        async with uow_b() as uow:
            await uow.users.get_or_create(Identity("t", "W", "B"), created_at=NOW)
            await uow.commit()
        return time.monotonic() - started

    ticking = asyncio.create_task(ticker())
    try:
        async with uow_a() as uow:
            await uow.users.get_or_create(Identity("t", "W", "A"), created_at=NOW)
            waiting = asyncio.create_task(write_b())
            await asyncio.sleep(0.3)  # A holds SQLite's write lock all this time
            ticks_while_held = ticks
            assert not waiting.done()
            await uow.commit()
        waited = await asyncio.wait_for(waiting, 5)
    finally:
        ticking.cancel()
        for engine in (engine_a, engine_b):
            await engine.dispose()
    assert ticks_while_held >= 10, "the loop froze while B waited for the lock"
    assert 0.25 <= waited < 3
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'd.db'}")
    try:
        async with sql_uow_factory(engine)() as uow:
            assert await uow.users.get(Identity("t", "W", "A")) is not None
            assert await uow.users.get(Identity("t", "W", "B")) is not None
    finally:
        await engine.dispose()


async def test_a_lock_held_past_the_busy_timeout_fails_as_database_locked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine_a, engine_b = await _impatient_pair(tmp_path, monkeypatch)
    try:
        async with sql_uow_factory(engine_a)() as holder:
            await holder.users.get_or_create(Identity("t", "W", "A"), created_at=NOW)
            started = time.monotonic()
            with pytest.raises(StorageBusy, match="locked"):
                async with sql_uow_factory(engine_b)() as uow:
                    await uow.users.get_or_create(Identity("t", "W", "B"), created_at=NOW)
            assert 0.15 <= time.monotonic() - started < 2
            await holder.commit()
        # B's failed attempt left nothing behind: it can write now.
        async with sql_uow_factory(engine_b)() as uow:
            await uow.users.get_or_create(Identity("t", "W", "B"), created_at=NOW)
            await uow.commit()
    finally:
        for engine in (engine_a, engine_b):
            await engine.dispose()


async def test_checkpoints_run_off_the_loop_after_enough_commits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(direct_module, "CHECKPOINT_EVERY", 5)
    path = tmp_path / "d.db"
    (engine,) = await _engines(path, 1)
    uow_factory = sql_uow_factory(engine)
    try:
        size_before = _size(path)
        for n in range(4):
            async with uow_factory() as uow:
                await uow.users.get_or_create(Identity("t", "W", f"U{n}" * 400), created_at=NOW)
                await uow.commit()
        # Automatic checkpoints are off on this connection: the pages are only in the WAL.
        assert _size(path) == size_before
        async with uow_factory() as uow:  # the fifth commit starts one on its own thread
            await uow.users.get_or_create(Identity("t", "W", "U4" * 400), created_at=NOW)
            await uow.commit()
        for _ in range(100):
            if _size(path) > size_before:
                break
            await asyncio.sleep(0.02)
        assert _size(path) > size_before
    finally:
        await engine.dispose()


async def test_a_person_is_told_busy_not_database_down_when_the_lock_stays_taken(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine_a, engine_b = await _impatient_pair(tmp_path, monkeypatch)
    core = Debrief(sql_uow_factory(engine_b), SystemClock())
    person = Identity("console", "local", "sam")
    try:
        async with sql_uow_factory(engine_a)() as holder:  # another process writing, long
            await holder.users.get_or_create(Identity("t", "W", "A"), created_at=NOW)
            replies = await core.handle(Incoming(person, text="/debrief interview Acme",
                                                 in_dm=True))
            await holder.commit()
        assert [r.text for r in replies] == [copy.BUSY]
        assert "swamped" in copy.BUSY and "database" not in copy.BUSY
        async with sql_uow_factory(engine_b)() as uow:  # nothing half-stored
            assert await uow.users.get(person) is None
    finally:
        for engine in (engine_a, engine_b):
            await engine.dispose()
