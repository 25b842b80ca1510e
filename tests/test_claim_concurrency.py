"""Several dispatchers on one database: every due nudge is claimed exactly once.

This is the property replicas rely on (PostgreSQL, ``FOR UPDATE SKIP LOCKED``) and that the
embedded default must keep when a second process opens the same SQLite file (``BEGIN
IMMEDIATE`` + ``busy_timeout``: waiting, never "database is locked").
"""

from __future__ import annotations

import asyncio
import os
import sys
import textwrap
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.model import Nudge, NudgeKind
from bot.ports import UnitOfWorkFactory
from bot.values import Identity
from storage import create_engine, sql_uow_factory, upgrade

pytestmark = pytest.mark.slow

PROJECT_ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
TOTAL = 10_000
BATCH = 200


@pytest.fixture(
    params=["sqlite_url", pytest.param("pg_url", marks=pytest.mark.postgres)],
    ids=["sqlite", "postgres"],
)
def db_url(request: pytest.FixtureRequest) -> str:
    # A plain fixture: pytest-asyncio cannot resolve an async fixture from inside another one.
    return str(request.getfixturevalue(request.param))


@pytest.fixture
async def url_with_due_nudges(db_url: str) -> str:
    """A migrated database holding ``TOTAL`` due nudges (inserted in bulk)."""
    url = db_url
    await upgrade(url)
    engine = create_engine(url)
    try:
        factory = sql_uow_factory(engine)
        async with factory() as uow:
            user = await uow.users.get_or_create(Identity("slack", "T1", "U1"), created_at=NOW)
            assert user.id is not None
            added = await uow.nudges.add_many([
                Nudge(user_id=user.id, kind=NudgeKind.THANK_YOU, idempotency_key=f"n{i}",
                      due_at=NOW - timedelta(seconds=TOTAL - i))
                for i in range(TOTAL)
            ])
            await uow.commit()
        assert len(added) == TOTAL
    finally:
        await engine.dispose()
    return url


async def dispatch(factory: UnitOfWorkFactory) -> list[int]:
    """A dispatcher loop: claim a batch, 'send' it, mark it sent; until nothing is due."""
    claimed_ids: list[int] = []
    while True:
        async with factory() as uow:
            claimed = await uow.nudges.claim_due(NOW, limit=BATCH, lease_seconds=600)
            await uow.commit()
        if not claimed:
            return claimed_ids
        ids = [n.id for n in claimed if n.id is not None]
        claimed_ids.extend(ids)
        await asyncio.sleep(0.005)  # the "send", during which the other dispatcher claims
        async with factory() as uow:
            await uow.nudges.mark_sent([(i, f"m{i}", NOW) for i in ids])
            await uow.commit()


async def assert_all_sent(url: str, claimed: list[int]) -> None:
    duplicates = [i for i, seen in Counter(claimed).items() if seen > 1]
    assert duplicates == []
    assert len(claimed) == TOTAL
    engine = create_engine(url)
    try:
        async with sql_uow_factory(engine)() as uow:
            counts = await uow.nudges.count_by_status()
    finally:
        await engine.dispose()
    assert counts["sent"] == TOTAL and counts["pending"] == counts["claimed"] == 0


async def test_two_engines_drain_due_nudges_without_duplicates_or_losses(
    url_with_due_nudges: str,
) -> None:
    url = url_with_due_nudges
    engines = [create_engine(url), create_engine(url)]
    try:
        results = await asyncio.wait_for(
            asyncio.gather(*(dispatch(sql_uow_factory(e)) for e in engines)), 60
        )
    finally:
        for engine in engines:
            await engine.dispose()
    assert all(results), "both dispatchers should have taken part"
    await assert_all_sent(url, [i for ids in results for i in ids])


WORKER = textwrap.dedent(
    """
    import asyncio, sys
    from storage import create_engine, sql_uow_factory
    from tests.test_claim_concurrency import dispatch

    async def main(url):
        engine = create_engine(url)
        try:
            async with engine.connect():  # connected and imported: ready to race
                pass
            print("ready", flush=True)
            sys.stdin.readline()  # wait for "go", so both processes start together
            ids = await dispatch(sql_uow_factory(engine))
        finally:
            await engine.dispose()
        print(" ".join(map(str, ids)))

    asyncio.run(main(sys.argv[1]))
    """
)


async def test_two_processes_drain_due_nudges_without_duplicates_or_losses(
    url_with_due_nudges: str,
) -> None:
    root = PROJECT_ROOT
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", WORKER, url_with_due_nudges, cwd=root,
            env={**os.environ, "PYTHONPATH": str(root)}, stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for proc in procs:
        assert proc.stdout is not None
        assert await asyncio.wait_for(proc.stdout.readline(), 30) == b"ready\n"
    outputs = await asyncio.wait_for(
        asyncio.gather(*(p.communicate(b"go\n") for p in procs)), 60
    )
    claimed: list[int] = []
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()
        ids = [int(i) for i in out.split()]
        assert ids, "both processes should have taken part"
        claimed.extend(ids)
    await assert_all_sent(url_with_due_nudges, claimed)
