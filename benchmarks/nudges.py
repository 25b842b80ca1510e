"""The nudge dispatcher with many pending nudges: memory, startup reads, dispatch rate.

    .venv/bin/python benchmarks/nudges.py              # 100,000 pending + 10,000 due, SQLite
    .venv/bin/python benchmarks/nudges.py --quick      # 10,000 + 1,000, for CI (< 30 s)
    .venv/bin/python benchmarks/nudges.py --postgres postgresql+asyncpg://postgres@127.0.0.1:5432/postgres

The database is the source of truth, so a dispatcher must cost the same whether 10 or
100,000 reminders are waiting. Measured, on a fresh SQLite file (and optionally on fresh
PostgreSQL databases that are created for the run and dropped after it):

(a) resident memory (psutil RSS) of a dispatcher process after ``Dispatcher.start()`` and a
    few ticks (APScheduler driving ``_tick_job`` every 0.1 s) with 100,000 pending nudges
    that are not yet due, against the same with an empty database. Each is measured in its
    own fresh subprocess so neither inherits the other's heap;
(b) what startup reads: every SQL statement of those processes is counted through
    SQLAlchemy's ``after_cursor_execute`` event, with the rows each brought back, plus the
    time from ``start()`` to the end of the first tick;
(c) 10,000 due nudges (besides the 100,000 pending) dispatched by ``run_until_idle`` - the
    body of every tick - with the default ``DispatcherConfig`` to a gateway that returns at
    once; nudges/s, then a check that each was delivered exactly once and that the pending
    ones were not touched. Also in its own subprocess.

Seeding is a bulk insert (not the bot's code path): users with quiet hours off (so due
nudges are sent whatever the time of day of the run), one interview each, nudges spread
over them.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

import machine  # benchmarks/machine.py: run as scripts, their folder is on sys.path
import psutil
import sqlalchemy
from sqlalchemy import Table, event, func, select
from sqlalchemy.engine import make_url

from bot.clock import SystemClock
from bot.config import CoreConfig
from bot.model import NudgeKind, NudgeStatus, User
from bot.nudges.dispatcher import Dispatcher, DispatcherConfig
from bot.values import Reply
from storage import create_engine, sql_uow_factory, upgrade
from storage.direct import direct_for
from storage.models import InterviewRow, NudgeRow, UserRow

users_t: Table = UserRow.__table__  # type: ignore[assignment]
interviews_t: Table = InterviewRow.__table__  # type: ignore[assignment]
nudges_t: Table = NudgeRow.__table__  # type: ignore[assignment]

MB = 1024 * 1024
CHUNK = 5000

# -- seeding (bulk, not the bot's code path) ---------------------------------------------


async def seed_people(url: str, people: int, now: datetime) -> list[tuple[int, int]]:
    """``people`` users with quiet hours off, one interview each; (user id, interview id)."""
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            zones = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo")
            rows = [{"platform": "bench", "workspace_id": "T0BENCH", "user_id": f"U{i:06d}",
                     "display_name": f"Person {i}", "timezone": zones[i % len(zones)],
                     "quiet_start": dtime(0, 0), "quiet_end": dtime(0, 0), "created_at": now}
                    for i in range(people)]
            for start in range(0, len(rows), CHUNK):
                await conn.execute(users_t.insert(), rows[start:start + CHUNK])
            user_ids = list((await conn.execute(
                select(users_t.c.id).where(users_t.c.platform == "bench")
                .order_by(users_t.c.id))).scalars())
            happened = now - timedelta(hours=1)
            rows = [{"user_id": uid, "company": f"Company{n}", "happens_at": happened,
                     "logged_at": happened, "role": "Engineer", "interviewer": "Sam",
                     "reflection_state": "completed",
                     "answers": {"reference": "the billing migration"}}
                    for n, uid in enumerate(user_ids)]
            for start in range(0, len(rows), CHUNK):
                await conn.execute(interviews_t.insert(), rows[start:start + CHUNK])
            interview_ids = list((await conn.execute(
                select(interviews_t.c.id).order_by(interviews_t.c.id))).scalars())
        return list(zip(user_ids, interview_ids, strict=True))
    finally:
        await engine.dispose()


async def seed_nudges(url: str, owners: list[tuple[int, int]], count: int, *, due: bool,
                      now: datetime, seed: int) -> None:
    rng = random.Random(seed)
    kinds = (NudgeKind.THANK_YOU.value, NudgeKind.CHECK_IN.value) if due else \
        (NudgeKind.THANK_YOU.value, NudgeKind.CHECK_IN.value, NudgeKind.REFLECT.value)
    prefix = "due" if due else "pending"
    rows = []
    for n in range(count):
        user_id, interview_id = owners[n % len(owners)]
        # Due: within the last minute (not "late"). Pending: from an hour to 30 days ahead.
        at = now - timedelta(seconds=rng.uniform(0, 60)) if due else \
            now + timedelta(seconds=rng.uniform(3600, 30 * 86400))
        rows.append({"user_id": user_id, "interview_id": interview_id,
                     "kind": kinds[n % len(kinds)], "due_at": at, "original_due_at": at,
                     "idempotency_key": f"bench:{prefix}:{n}", "status": "pending",
                     "attempts": 0, "created_at": now})
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            for start in range(0, len(rows), CHUNK):
                await conn.execute(nudges_t.insert(), rows[start:start + CHUNK])
    finally:
        await engine.dispose()


async def counts(url: str) -> tuple[dict[str, int], int]:
    """Nudges by status, and how many distinct message ids the sent ones carry."""
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(
                select(nudges_t.c.status, func.count()).group_by(nudges_t.c.status))
            by_status = {status: n for status, n in rows}
            distinct = (await conn.execute(
                select(func.count(nudges_t.c.platform_message_id.distinct()))
                .where(nudges_t.c.status == NudgeStatus.SENT.value))).scalar_one()
            return by_status, int(distinct)
    finally:
        await engine.dispose()


# -- the measured processes --------------------------------------------------------------


class InstantGateway:
    """A chat gateway that returns at once with a new message id for every delivery."""

    def __init__(self) -> None:
        self.delivered = 0

    async def deliver(self, user: User, reply: Reply) -> str:
        self.delivered += 1
        return f"bench-{self.delivered}"


class TickCountingDispatcher(Dispatcher):
    """The real dispatcher; only records when each scheduled tick has finished."""

    def __init__(self, *args: Any, wanted: int, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.ticks_done: list[float] = []
        self.enough = asyncio.Event()
        self._wanted = wanted

    async def _tick_job(self) -> None:
        await super()._tick_job()
        self.ticks_done.append(time.perf_counter())
        if len(self.ticks_done) >= self._wanted:
            self.enough.set()


class SqlLog:
    """Statements and rows, from SQLAlchemy's ``after_cursor_execute`` event."""

    def __init__(self) -> None:
        self.statements = 0
        self.rows = 0
        self.max_rows = 0
        self.kinds: Counter[str] = Counter()

    def __call__(self, conn: Any, cursor: Any, statement: str, parameters: Any,
                 context: Any, executemany: bool) -> None:
        self.statements += 1
        word = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else "?"
        self.kinds[word] += 1
        # SQLAlchemy's asyncio cursor adapters buffer the whole result on execute.
        buffered = getattr(cursor, "_rows", None)
        rows = len(buffered) if buffered is not None else 0
        self.rows += rows
        self.max_rows = max(self.max_rows, rows)


def rss() -> int:
    gc.collect()
    return int(psutil.Process().memory_info().rss)


async def child_idle(url: str, ticks: int) -> dict[str, Any]:
    """(a)+(b): start a dispatcher, let it tick, report RSS and what it read."""
    base = rss()
    # Through aiosqlite, whose cursors hold the rows they brought back, so they can be
    # counted (storage.direct's sqlite3 cursors do not say): the statements are the same.
    engine = create_engine(url, direct_sqlite=False)
    log = SqlLog()
    event.listen(engine.sync_engine, "after_cursor_execute", log)
    gateway = InstantGateway()
    dispatcher = TickCountingDispatcher(sql_uow_factory(engine), gateway, SystemClock(),
                                        CoreConfig(), DispatcherConfig(interval=0.1),
                                        wanted=ticks)
    started = time.perf_counter()
    dispatcher.start()
    await asyncio.wait_for(dispatcher.enough.wait(), timeout=60)
    first_tick = dispatcher.ticks_done[0] - started if dispatcher.ticks_done else None
    measured = rss()
    await dispatcher.stop()
    await engine.dispose()
    return {"rss": measured, "rss_after_imports": base, "ticks": len(dispatcher.ticks_done),
            "first_tick_s": first_tick, "statements": log.statements, "rows": log.rows,
            "max_rows": log.max_rows, "kinds": dict(log.kinds),
            "delivered": gateway.delivered}


async def child_dispatch(url: str, expect: int) -> dict[str, Any]:
    """(c): dispatch everything that is due, as ticks do, to an instant gateway."""
    engine = create_engine(url)
    log = SqlLog()
    event.listen(engine.sync_engine, "after_cursor_execute", log)
    direct = direct_for(engine)  # SQLite's units of work run there (storage.direct)
    if direct is not None:
        event.listen(direct.engine, "after_cursor_execute", log)
    gateway = InstantGateway()
    settings = DispatcherConfig()
    dispatcher = Dispatcher(sql_uow_factory(engine), gateway, SystemClock(), CoreConfig(),
                            settings)
    base = rss()
    started = time.perf_counter()
    handled = 0
    while handled < expect:
        batch = await dispatcher.run_until_idle()
        if batch == 0:
            break
        handled += batch
    elapsed = time.perf_counter() - started
    measured = rss()
    await engine.dispose()
    return {"handled": handled, "seconds": elapsed, "delivered": gateway.delivered,
            "rss_before": base, "rss_after": measured,
            "statements": log.statements, "batch_size": settings.batch_size,
            "concurrency": settings.concurrency}


def run_child(mode: str, url: str, arg: int) -> dict[str, Any]:
    """Run this file as a fresh process in ``mode`` and return what it printed (JSON)."""
    proc = subprocess.run([sys.executable, __file__, "--child", mode, "--url", url,
                           "--arg", str(arg)], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"child {mode} failed ({proc.returncode}):\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# -- one backend -------------------------------------------------------------------------


async def bench_backend(label: str, empty_url: str, full_url: str, pending: int, due: int,
                        seed: int, ticks: int) -> list[tuple[str, str, str, str]]:
    now = datetime.now(UTC)
    await upgrade(empty_url)
    await upgrade(full_url)
    started = time.perf_counter()
    owners = await seed_people(full_url, max(1, min(10_000, pending // 10)), now)
    await seed_nudges(full_url, owners, pending, due=False, now=now, seed=seed)
    seeded = time.perf_counter() - started
    print(f"[{label}] seeded {pending:,} pending nudges for {len(owners):,} people in "
          f"{seeded:.1f} s", flush=True)

    empty = run_child("idle", empty_url, ticks)
    full = run_child("idle", full_url, ticks)
    delta = (full["rss"] - empty["rss"]) / MB
    print(f"[{label}] idle dispatcher: empty {json.dumps(empty)}", flush=True)
    print(f"[{label}] idle dispatcher: {pending:,} pending {json.dumps(full)}", flush=True)

    await seed_nudges(full_url, owners, due, due=True, now=datetime.now(UTC), seed=seed + 1)
    dispatched = run_child("dispatch", full_url, due)
    print(f"[{label}] dispatch: {json.dumps(dispatched)}", flush=True)
    after, distinct_ids = await counts(full_url)
    rate = dispatched["handled"] / dispatched["seconds"] if dispatched["seconds"] else 0.0
    # Each delivery has its own message id: as many deliveries as due nudges, each nudge
    # sent with a different id, means every due nudge went out exactly once.
    sent = after.get(NudgeStatus.SENT.value, 0)
    exact = (sent == due and distinct_ids == due and dispatched["delivered"] == due
             and after.get(NudgeStatus.PENDING.value, 0) == pending)

    def v(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    # Startup and idle ticks must read nothing per pending nudge: allow 1% for slack.
    reads_all = full["rows"] > empty["rows"] + pending // 100
    return [
        (f"{label}: RSS idle dispatcher, empty db", "-", f"{empty['rss'] / MB:.1f} MB", "-"),
        (f"{label}: RSS idle dispatcher, {pending:,} pending", "-",
         f"{full['rss'] / MB:.1f} MB", "-"),
        (f"{label}: RSS difference", "<= 50 MB", f"{delta:+.1f} MB", v(delta <= 50)),
        (f"{label}: start -> end of first tick, empty / full", "-",
         f"{_ms(empty['first_tick_s'])} / {_ms(full['first_tick_s'])} ms", "-"),
        (f"{label}: SQL in {full['ticks']} ticks, empty / full", "same",
         f"{empty['statements']} / {full['statements']} statements", "-"),
        (f"{label}: rows read in those ticks, empty / full", "about the same",
         f"{empty['rows']} / {full['rows']} (max {full['max_rows']} in one)",
         v(not reads_all)),
        (f"{label}: dispatch {due:,} due nudges", ">= 1,000/s", f"{rate:,.0f}/s "
         f"({dispatched['seconds']:.2f} s)", v(rate >= 1000)),
        (f"{label}: delivered once each, pending untouched", f"{due:,}, {pending:,}",
         f"{dispatched['delivered']:,} deliveries, {sent:,} sent with {distinct_ids:,} "
         f"distinct ids, {after.get('pending', 0):,} pending", v(exact)),
        (f"{label}: RSS while dispatching, before -> after", "-",
         f"{dispatched['rss_before'] / MB:.1f} -> {dispatched['rss_after'] / MB:.1f} MB", "-"),
    ]


def _ms(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds * 1000:.0f}"


async def with_postgres(admin_url: str, run: Any) -> list[tuple[str, str, str, str]]:
    """Create two fresh databases next to ``admin_url``'s, run, and drop them."""
    base = make_url(admin_url)
    names = [f"debrief_bench_{os.getpid()}_{suffix}" for suffix in ("empty", "full")]
    admin = create_engine(base.render_as_string(hide_password=False),
                          isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            for name in names:
                await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            urls = [base.set(database=name).render_as_string(hide_password=False)
                    for name in names]
            result: list[tuple[str, str, str, str]] = await run(*urls)
            return result
        finally:
            async with admin.connect() as conn:
                for name in names:
                    await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.dispose()


# -- report ------------------------------------------------------------------------------





async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run for CI: 10,000 pending, 1,000 due (< 30 s)")
    parser.add_argument("--pending", type=int, default=None, help="pending nudges (100,000)")
    parser.add_argument("--due", type=int, default=None, help="due nudges (10,000)")
    parser.add_argument("--ticks", type=int, default=5, help="ticks before measuring RSS")
    parser.add_argument("--postgres", metavar="URL", default=None,
                        help="also run on PostgreSQL: a server URL such as postgresql+asyncpg:"
                             "//postgres@127.0.0.1:5432/postgres; fresh databases are created "
                             "beside it and dropped afterwards")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--child", choices=("idle", "dispatch"), help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--arg", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        child = child_idle if args.child == "idle" else child_dispatch
        print(json.dumps(await child(args.url, args.arg)))
        return 0

    pending = args.pending or (10_000 if args.quick else 100_000)
    due = args.due or (1_000 if args.quick else 10_000)
    print(f"Debrief nudge benchmark{' (quick)' if args.quick else ''}: {pending:,} pending, "
          f"{due:,} due")
    print(f"python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, "
          f"{platform.machine()} x{machine.cpus()}, load average {machine.load()} at start")
    print(machine.code_version())
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="debrief-bench-") as tmp:
        directory = Path(tmp)
        rows += await bench_backend(
            "sqlite", f"sqlite+aiosqlite:///{directory / 'empty.db'}",
            f"sqlite+aiosqlite:///{directory / 'full.db'}", pending, due, args.seed, args.ticks)
    if args.postgres:
        async def on_postgres(empty_url: str, full_url: str) -> list[tuple[str, str, str, str]]:
            return await bench_backend("postgres", empty_url, full_url, pending, due,
                                       args.seed, args.ticks)
        rows += await with_postgres(args.postgres, on_postgres)
    print()
    print(machine.table(rows))
    print(f"load average {machine.load()} at the end (other processes skew figures)")
    missed = any(r[3] == "MISS" for r in rows)
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
