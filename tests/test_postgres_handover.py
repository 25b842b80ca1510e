"""PostgreSQL units of work hand their connection to the next one (storage.pg_idle).

What an operator relies on stays true: the pool's bounds, first come first served, a
connection the server dropped is never used, nothing of a failed unit of work leaks into
the next one, and ``dispose()`` closes every connection.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from postgres_db import fresh_postgres_database
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.ports import StorageBusy
from bot.values import Identity
from storage import create_engine, sql_uow_factory, upgrade
from storage.pg_idle import handover_for

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    async with fresh_postgres_database() as url:
        await upgrade(url)
        yield url


def count(engine: AsyncEngine, name: str) -> list[int]:
    """How many times the pool fired ``name`` (checkout, connect, ...), as a live list."""
    seen = [0]

    @event.listens_for(engine.sync_engine, name)
    def _seen(*_args: Any) -> None:
        seen[0] += 1

    return seen


async def on_server(engine: AsyncEngine, sql: str) -> int:
    """``sql``'s one value, run from another database about ``engine``'s ($1: its name)."""
    admin = create_engine(str(engine.url.set(database="postgres")), isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            return int((await conn.exec_driver_sql(sql, (engine.url.database,))).scalar_one())
    finally:
        await admin.dispose()


BACKENDS = "SELECT count(*) FROM pg_stat_activity WHERE datname = $1"


async def test_one_connection_serves_unit_after_unit_without_the_pool(pg_url: str) -> None:
    engine = create_engine(pg_url)
    checkouts = count(engine, "checkout")
    make = sql_uow_factory(engine)
    try:
        for n in range(20):
            async with make() as uow:
                await uow.users.get_or_create(Identity("slack", "T1", f"U{n}"), created_at=NOW)
                await uow.commit()
        assert checkouts[0] == 1
        async with make() as uow:  # every one of them was committed
            assert (await uow.execute(text("SELECT count(*) FROM users"))).scalar_one() == 20
    finally:
        await engine.dispose()


async def test_a_failed_unit_of_work_leaves_nothing_for_the_next_one(pg_url: str) -> None:
    engine = create_engine(pg_url, pool_size=1, max_overflow=0)
    make = sql_uow_factory(engine)
    try:
        async with make() as uow:
            await uow.commit()  # nothing ran: nothing to hand over
        with pytest.raises(RuntimeError):
            async with make() as uow:
                await uow.users.get_or_create(Identity("slack", "T1", "U1"), created_at=NOW)
                raise RuntimeError("the handler failed")
        async with make() as uow:
            assert await uow.users.get(Identity("slack", "T1", "U1")) is None
            assert (await uow.execute(text("SELECT count(*) FROM users"))).scalar_one() == 0
            await uow.commit()
    finally:
        await engine.dispose()


async def test_waiting_units_of_work_are_served_in_arrival_order(pg_url: str) -> None:
    engine = create_engine(pg_url, pool_size=1, max_overflow=0)
    connects = count(engine, "connect")
    make = sql_uow_factory(engine)
    order: list[str] = []
    release = asyncio.Event()

    async def work(name: str, hold: bool = False) -> None:
        async with make() as uow:
            await uow.users.get_or_create(Identity("slack", "T1", name), created_at=NOW)
            order.append(name)
            if hold:
                await release.wait()
            await uow.commit()

    try:
        first = asyncio.create_task(work("a", hold=True))
        await asyncio.sleep(0.1)
        waiters = [asyncio.create_task(work(name)) for name in ("b", "c", "d")]
        await asyncio.sleep(0.1)  # all three are waiting now
        release.set()
        await first
        await work("a-again")  # asks at once, as a person's next turn does: behind them
        await asyncio.gather(*waiters)
        assert order == ["a", "b", "c", "d", "a-again"]
        assert connects[0] == 1  # never more than the pool's one connection
    finally:
        await engine.dispose()


async def test_a_wait_longer_than_the_pool_timeout_says_the_store_is_busy(pg_url: str) -> None:
    engine = create_engine(pg_url, pool_size=1, max_overflow=0, pool_timeout=0.2)
    make = sql_uow_factory(engine)
    try:
        holder = make()
        await holder.__aenter__()
        await holder.execute(text("SELECT 1"))
        with pytest.raises(StorageBusy, match="no database connection came free"):
            async with make() as uow:
                await uow.execute(text("SELECT 1"))
        cancelled = asyncio.create_task(make().__aenter__())
        waiting = asyncio.create_task(_one_select(make))
        await asyncio.sleep(0.05)
        cancelled.cancel()
        await holder.commit()
        await holder.__aexit__(None, None, None)
        assert await waiting == 1  # the wait that gave up left the turn to the next one
    finally:
        await engine.dispose()


async def _one_select(make: Any) -> int:
    async with make() as uow:
        value = int((await uow.execute(text("SELECT 1"))).scalar_one())
        await uow.commit()
        return value


async def test_a_connection_the_server_closed_is_not_handed_on(pg_url: str) -> None:
    engine = create_engine(pg_url)
    make = sql_uow_factory(engine)
    try:
        assert await _one_select(make) == 1  # its connection is kept now
        assert await on_server(engine, "SELECT count(pg_terminate_backend(pid)) "
                               "FROM pg_stat_activity WHERE datname = $1") >= 1
        await asyncio.sleep(0.2)  # the goodbye reaches asyncpg
        assert await _one_select(make) == 1
    finally:
        await engine.dispose()


async def test_a_connection_kept_too_long_goes_back_to_the_pool(pg_url: str) -> None:
    engine = create_engine(pg_url)
    checkouts = count(engine, "checkout")
    make = sql_uow_factory(engine)
    try:
        await _one_select(make)
        await _one_select(make)
        assert checkouts[0] == 1
        handover = handover_for(engine)
        assert handover is not None
        handover._idle_s = 0.0  # kept longer than that: the pool checks it out again
        await asyncio.sleep(0.01)
        assert await _one_select(make) == 1
        assert checkouts[0] == 2
    finally:
        await engine.dispose()


async def test_dispose_closes_the_kept_connections(pg_url: str) -> None:
    engine = create_engine(pg_url)
    make = sql_uow_factory(engine)
    await asyncio.gather(*(_one_select(make) for _ in range(5)))
    assert await on_server(engine, BACKENDS) >= 1
    await engine.dispose()
    for _ in range(50):
        if await on_server(engine, BACKENDS) == 0:
            break
        await asyncio.sleep(0.05)
    assert await on_server(engine, BACKENDS) == 0
