"""The PostgreSQL engine's pool serves waiting units of work in order (storage.pool).

Issue 14: with 500 simulated people on one process, 91 of 1,000 reflections were answered
"couldn't reach my database". The exception was SQLAlchemy's "QueuePool limit of size 10
overflow 10 reached, connection timed out, timeout 30.00": its asyncio pool let newcomers
take a returned connection ahead of the checkouts already waiting, so some waited the whole
30 s while the median turn took under a second.

The pool's own behaviour is checked on a SQLite file (the pool class is the same whatever
the database); the regression runs through the core on PostgreSQL.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlalchemy.exc
from postgres_db import fresh_postgres_database, postgres_admin_url
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

import storage.pool
from bot import copy
from bot.service import Debrief
from bot.values import Identity, Incoming
from storage import create_engine, sql_uow_factory, upgrade
from storage.pool import FairAsyncQueuePool


def one_connection_engine(tmp_path: Path, timeout: float = 5.0) -> AsyncEngine:
    return create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'pool.db'}",
                               poolclass=FairAsyncQueuePool, pool_size=1, max_overflow=0,
                               pool_timeout=timeout)


async def test_a_returned_connection_goes_to_the_longest_waiter(tmp_path: Path) -> None:
    engine = one_connection_engine(tmp_path)
    order: list[str] = []

    async def use(name: str) -> None:
        async with engine.connect() as conn:
            order.append(name)
            await conn.exec_driver_sql("SELECT 1")

    try:
        first = await engine.connect()
        waiters = [asyncio.create_task(use(name)) for name in ("b", "c", "d")]
        await asyncio.sleep(0.05)  # all three are waiting now
        await first.close()
        # Asks at once after giving it back, as a person's next turn does: it must queue
        # behind the three, not take the connection it just returned.
        await use("a-again")
        await asyncio.gather(*waiters)
        assert order == ["b", "c", "d", "a-again"]
    finally:
        await engine.dispose()


async def test_a_wait_that_times_out_leaves_the_pool_usable(tmp_path: Path) -> None:
    engine = one_connection_engine(tmp_path, timeout=0.2)
    try:
        held = await engine.connect()
        with pytest.raises(sqlalchemy.exc.TimeoutError):
            await engine.connect()
        cancelled = asyncio.create_task(engine.connect().start())
        await asyncio.sleep(0.05)
        cancelled.cancel()
        with pytest.raises(asyncio.CancelledError):
            await cancelled
        await held.close()
        async with engine.connect() as conn:  # neither left the connection stranded
            assert (await conn.exec_driver_sql("SELECT 1")).scalar() == 1
    finally:
        await engine.dispose()


@pytest.mark.postgres
async def test_people_queueing_for_connections_are_not_told_the_database_is_down() -> None:
    """Ten people typing without pause on a pool of one connection: each turn waits for
    the nine ahead of it (tens of milliseconds), never the 2 s timeout. With SQLAlchemy's
    stock pool one person kept the connection turn after turn and the others failed."""
    async with fresh_postgres_database() as url:
        await upgrade(url)
        engine = create_engine(url, pool_size=1, max_overflow=0, pool_timeout=2)
        core = Debrief(sql_uow_factory(engine))
        failed: list[str] = []

        async def person(n: int) -> None:
            identity = Identity("test", "T1", f"U{n}")
            for turn in range(40):
                text = "/debrief interview Acme" if turn % 10 == 0 else "cancel"
                replies = await core.handle(Incoming(identity, text=text, in_dm=True))
                failed.extend(f"person {n}, turn {turn}" for r in replies
                              if r.text == copy.TRY_AGAIN_LATER)

        try:
            await asyncio.gather(*(person(n) for n in range(10)))
        finally:
            await engine.dispose()
        assert failed == []


async def _terminate_backends(admin_url: str, database: str) -> int:
    admin = create_async_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        async with admin.connect() as conn:
            result = await conn.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{database}' AND pid <> pg_backend_pid()")
            return sum(1 for killed in result.scalars() if killed)
    finally:
        await admin.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("idle_ping_s", [60.0, 0.0], ids=["no-ping", "ping-every-checkout"])
async def test_connections_the_server_dropped_are_replaced_before_a_turn_uses_them(
        idle_ping_s: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """No pre-ping round trip per checkout (storage.pool.check_liveness_on_checkout), yet
    after the server ends every connection (a restart does the same) the next turns get
    fresh ones, noticed from the closed socket (whether or not idle ones are also pinged)."""
    monkeypatch.setattr(storage.pool, "IDLE_PING_S", idle_ping_s)
    async with fresh_postgres_database() as url:
        await upgrade(url)
        engine = create_engine(url, pool_size=3, max_overflow=0)
        core = Debrief(sql_uow_factory(engine))
        people = [Identity("test", "T1", f"U{n}") for n in range(3)]

        async def everyone_once() -> list[str]:
            replies = await asyncio.gather(*(core.handle(Incoming(p, text="/debrief help",
                                                                  in_dm=True))
                                             for p in people))
            return [r.text for rs in replies for r in rs]

        try:
            assert copy.TRY_AGAIN_LATER not in await everyone_once()  # three in the pool
            assert await _terminate_backends(postgres_admin_url(), make_url(url).database
                                             or "") == 3
            await asyncio.sleep(0.2)  # the goodbyes reach the client
            assert copy.TRY_AGAIN_LATER not in await everyone_once()
        finally:
            await engine.dispose()
