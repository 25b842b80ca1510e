"""Dialogue throughput and latency through the core on the embedded SQLite default.

    .venv/bin/python benchmarks/dialogue.py            # the full run (about a minute)
    .venv/bin/python benchmarks/dialogue.py --quick    # a smoke run for CI (under 30 s)

What it measures, each on a fresh SQLite file in a temporary directory, through
``bot.service.Debrief`` + ``storage`` exactly as ``debrief console`` wires them (migrations,
``storage.create_engine`` with its pragmas: WAL, synchronous=NORMAL, busy_timeout,
BEGIN IMMEDIATE):

* raw floor: single-row ``INSERT`` + ``COMMIT`` through aiosqlite alone, same pragmas, one
  after another on one connection. Every dialogue turn is one such short write transaction
  (plus its reads), so this is the ceiling a turn cannot beat;
* paced: N simulated people (500) each do a whole reflection - ``/debrief interview
  Company<n>`` then the nine answers - pausing uniform(0.5, 1.5) s between a reply and their
  next message, so about N turns/s are offered. Reported: offered and achieved turns/s and
  the per-turn latency (time inside ``Debrief.handle``);
* saturated: the same people with no pauses, all at once: the most turns/s the process
  can do, and the latency under that queue.

The simulated people run on the same event loop as the bot, as adapters do in ``debrief
run``; latency therefore includes waiting for the loop, which is what a person would see.
Every reply is checked (no "try again later", every reflection ends with its summary and the
thank-you note), so a fast but broken run cannot pass.

``--postgres URL [--processes N]`` runs both phases on PostgreSQL from N worker processes
(``benchmarks/dialogue_pg.py``; benchmarks/README.md has the details).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import aiosqlite
import machine  # benchmarks/machine.py: run as scripts, their folder is on sys.path
import sqlalchemy
from answerer import Script, ScriptRecorder, reflection_done
from dialogue_pg import PgPhase, pool_options, run_pg_phase
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.heap import settle
from bot import copy
from bot.clock import SystemClock
from bot.service import Debrief
from bot.values import Identity, Incoming, Reply
from storage import create_engine, sql_uow_factory, upgrade
from storage.engine import SQLITE_BUSY_TIMEOUT_MS

# -- what a person types: recorded scripts (benchmarks/answerer.py) ----------------------


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    done_at: list[float] = field(default_factory=list)  # perf_counter when each turn ended
    errors: int = 0
    completed: int = 0
    first_error: str | None = None

    def check(self, person: int, turn: int, script: Script, replies: Sequence[Reply]) -> None:
        texts = [r.text for r in replies]
        if not replies or copy.TRY_AGAIN_LATER in texts:
            self.errors += 1
            self.first_error = self.first_error or f"person {person}, turn {turn}: {texts}"
        elif turn in script.ends and reflection_done(replies):
            self.completed += 1  # the summary with the ready-to-copy thank-you note


# -- the core, wired like the composition root -------------------------------------------


async def make_core(directory: Path, name: str) -> tuple[Debrief, AsyncEngine]:
    url = f"sqlite+aiosqlite:///{directory / name}"
    await upgrade(url)
    engine = create_engine(url)
    core = Debrief(sql_uow_factory(engine), SystemClock())
    # As `debrief run` does after start-up (adapters/runtime.py): what was built so far lives
    # as long as the process, so the collector's full passes need not walk it.
    settle()
    return core, engine


async def person_run(core: Debrief, person: int, script: Script, tally: Tally,
                     pauses: list[float] | None) -> None:
    identity = Identity("bench", "T0BENCH", f"U{person:05d}")
    for turn, text in enumerate(script.texts):
        if pauses is not None:
            await asyncio.sleep(pauses[turn])
        started = time.perf_counter()
        replies = await core.handle(Incoming(identity, text=text, in_dm=True,
                                             display_name=f"Person {person}"))
        ended = time.perf_counter()
        tally.latencies.append(ended - started)
        tally.done_at.append(ended)
        tally.check(person, turn, script, replies)


@dataclass
class PhaseResult:
    turns: int
    wall: float
    tally: Tally
    started: float
    # Paced only: the steady part of the schedule (everyone has started, nobody has finished
    # yet) and the turns/s the schedule offers in it when replies take no time at all.
    window: tuple[float, float] | None = None
    offered: float | None = None
    # CPU seconds spent during the phase: the event loop's thread, and the whole process
    # (which adds aiosqlite's worker threads). Less sensitive to a busy machine than wall time.
    cpu_loop: float = 0.0
    cpu_process: float = 0.0

    def cpu_ms(self) -> str:
        return (f"{self.cpu_loop / self.turns * 1000:.2f} / "
                f"{self.cpu_process / self.turns * 1000:.2f}")

    @property
    def achieved(self) -> float:
        """Turns/s over the whole phase."""
        return self.turns / self.wall

    @property
    def achieved_steady(self) -> float:
        """Turns/s completed inside the steady window (the whole phase if there is none)."""
        if self.window is None:
            return self.achieved
        low, high = self.window
        done = sum(1 for t in self.tally.done_at if low <= t - self.started < high)
        return done / (high - low)

    def pct(self, q: float, *, steady: bool = False) -> float:
        """Latency percentile in ms, over all turns or those that ended in the window."""
        latencies = self.tally.latencies
        if steady and self.window is not None:
            low, high = self.window
            latencies = [lat for lat, t in zip(latencies, self.tally.done_at, strict=True)
                         if low <= t - self.started < high]
        ordered = sorted(latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


@dataclass
class Plan:
    """Who types what and when: the same for every process given the same seed."""

    scripts: list[Script]
    schedules: list[list[float] | None]
    window: tuple[float, float] | None = None
    offered: float | None = None

    @property
    def turns(self) -> int:
        return sum(len(s.texts) for s in self.scripts)


async def plan_phase(people: int, seed: int, pause: tuple[float, float] | None,
                     reflections: int = 1) -> Plan:
    rng = random.Random(seed)
    recorder = ScriptRecorder()
    scripts = [await recorder.record(p, rng, reflections) for p in range(people)]
    plan = Plan(scripts, [None] * people)
    if pause is not None:
        low, high = pause
        mean = (low + high) / 2
        # People start at random moments spread over one reflection's length, so that in
        # the steady part every kind of turn is in the mix as in real traffic, instead of
        # everybody logging an interview in the same second (that burst is what the
        # saturated phase measures).
        spread = mean * statistics.fmean(len(s.texts) / reflections for s in scripts)
        paced = [[rng.uniform(0, spread)] + [rng.uniform(low, high) for _ in s.texts[1:]]
                 for s in scripts]
        plan.schedules = list(paced)
        ideal_times = [list(itertools.accumulate(s)) for s in paced]
        first, last = max(t[0] for t in ideal_times), min(t[-1] for t in ideal_times)
        if last - first < 1.0:  # too few turns per person for a steady part
            first, last = 0.0, max(t[-1] for t in ideal_times)
        plan.window = (first, last)
        in_window = sum(1 for times in ideal_times for t in times if first <= t < last)
        plan.offered = in_window / (last - first)
    return plan


async def run_people(core: Debrief, plan: Plan, people: Sequence[int]) -> PhaseResult:
    """Run ``people`` (indices into the plan) to the end on this event loop."""
    tally = Tally()
    cpu_loop, cpu_process = time.thread_time(), time.process_time()
    started = time.perf_counter()
    await asyncio.gather(*(person_run(core, p, plan.scripts[p], tally, plan.schedules[p])
                           for p in people))
    wall = time.perf_counter() - started
    turns = sum(len(plan.scripts[p].texts) for p in people)
    return PhaseResult(turns, wall, tally, started, plan.window, plan.offered,
                       time.thread_time() - cpu_loop, time.process_time() - cpu_process)


async def run_phase(directory: Path, name: str, people: int, seed: int,
                    pause: tuple[float, float] | None, reflections: int = 1) -> PhaseResult:
    core, engine = await make_core(directory, name)
    try:
        plan = await plan_phase(people, seed, pause, reflections)
        return await run_people(core, plan, range(people))
    finally:
        await engine.dispose()


async def raw_insert_rate(directory: Path, rows: int) -> float:
    """Single-row INSERT + COMMIT through aiosqlite alone, with the engine's pragmas."""
    async with aiosqlite.connect(directory / "raw.db") as db:
        await db.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        await db.execute("PRAGMA journal_mode = WAL")
        await db.execute("PRAGMA synchronous = NORMAL")
        await db.execute("CREATE TABLE floor (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        await db.commit()
        started = time.perf_counter()
        for n in range(rows):
            await db.execute("INSERT INTO floor (body) VALUES (?)", (f"row {n}",))
            await db.commit()
        return rows / (time.perf_counter() - started)


def pg_rows(paced: PgPhase, saturated: PgPhase) -> list[tuple[str, str, str, str]]:
    """What the PostgreSQL mode adds: the processes' common window and each one's CPU."""
    low, high = saturated.common
    rows = [("saturated: turns/s while all processes ran", "-",
             f"{saturated.common_rate():,.0f} ({high - low:.1f} s)", "-")]
    for label, phase in (("paced", paced), ("saturated", saturated)):
        per = [f"{c / t * 1000:.2f}/{p / t * 1000:.2f}" for c, p, t in
               zip(phase.cpu_loop, phase.cpu_process, phase.worker_turns, strict=True)]
        rows.append((f"{label}: CPU ms per turn per process (loop/process)", "-",
                     ", ".join(per), "-"))
    return rows


def as_phase(pg: PgPhase) -> PhaseResult:
    """The workers' merged figures as one phase (CPU summed over the processes)."""
    tally = Tally(pg.latencies, pg.done_at, pg.errors, pg.completed, pg.first_error)
    return PhaseResult(pg.turns, pg.ended - pg.started, tally, pg.started, pg.window,
                       pg.offered, sum(pg.cpu_loop), sum(pg.cpu_process))


# -- report ------------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("PASS" if ok else "MISS")



async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run for CI (< 30 s): 100 people, pauses of 0.25-0.75 s, "
                             "1,000 raw inserts")
    parser.add_argument("--people", type=int, default=None, help="simulated people (500)")
    parser.add_argument("--reflections", type=int, default=None,
                        help="whole reflections per person in the paced phase (2)")
    parser.add_argument("--raw-rows", type=int, default=None, help="raw inserts (5,000)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--postgres", metavar="URL", default=None,
                        help="run the dialogue on PostgreSQL instead: a server URL such as "
                             "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres; fresh "
                             "databases are created beside it and dropped afterwards (the raw "
                             "floor stays SQLite's)")
    parser.add_argument("--processes", type=int, default=1,
                        help="with --postgres: worker processes sharing the people and the "
                             "database, as replicas do (1)")
    parser.add_argument("--profile", metavar="PATH", default=None,
                        help="with --postgres: cProfile each worker's phase to "
                             "PATH.<phase>.<worker> (read with python -m pstats)")
    args = parser.parse_args(argv)
    if not args.postgres and (args.processes != 1 or args.profile):
        parser.error("--processes and --profile need --postgres")
    people = args.people or (100 if args.quick else 500)
    raw_rows = args.raw_rows or (1000 if args.quick else 5000)
    reflections = args.reflections or 2
    pause = (0.25, 0.75) if args.quick else (0.5, 1.5)
    # A failing turn logs its traceback; count failures instead of flooding the output.
    logging.basicConfig(level=logging.CRITICAL)

    print(f"Debrief dialogue benchmark{' (quick)' if args.quick else ''}: {people} people; "
          f"paced: {reflections} reflection(s) each (whatever the bot asks, answered "
          f"by a seeded answerer), pauses "
          f"{pause[0]}-{pause[1]} s; saturated: 1 reflection each, no pauses")
    print(f"python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
          f"SQLAlchemy {sqlalchemy.__version__}, aiosqlite {aiosqlite.__version__}, "
          f"{platform.machine()} x{machine.cpus()}, load average {machine.load()} at start")
    print(machine.code_version())
    if args.postgres:
        pool = pool_options()
        print(f"storage: PostgreSQL at {make_url(args.postgres).render_as_string()} "
              f"(fresh databases), pool {pool['pool_size']} + {pool['max_overflow']} overflow "
              "per process (DEBRIEF_DATABASE_POOL_SIZE / _MAX_OVERFLOW, as debrief run); the "
              "raw floor below is still SQLite's")
    with tempfile.TemporaryDirectory(prefix="debrief-bench-") as tmp:
        directory = Path(tmp)
        raw = await raw_insert_rate(directory, raw_rows)
        if args.postgres:
            pg_paced = await run_pg_phase(args.postgres, "paced", people, args.seed, pause,
                                          reflections, args.processes, args.profile)
            pg_saturated = await run_pg_phase(args.postgres, "saturated", people, args.seed,
                                              None, 1, args.processes, args.profile)
            paced, saturated = as_phase(pg_paced), as_phase(pg_saturated)
        else:
            paced = await run_phase(directory, "paced.db", people, args.seed, pause,
                                    reflections)
            saturated = await run_phase(directory, "saturated.db", people, args.seed, None)

    nominal = people / (sum(pause) / 2)  # each person: one message per mean pause
    offered = paced.offered or 0.0
    steady = paced.achieved_steady
    keeps_up = steady >= 0.95 * offered
    full = not args.quick  # the targets are for 500 people; a quick run only smoke-tests
    low, high = paced.window or (0.0, 0.0)
    # Issue 14: PostgreSQL's target is for two processes (replicas) on one database.
    # SQLite's is for one process (issue 14: saturated >= 1,500 turns/s, <= 0.5 ms of the
    # loop thread's CPU per turn).
    goal, target = (1500, ">= 1,500 (2 processes)") if args.postgres else (1500, ">= 1,500")
    loop_cpu = saturated.cpu_loop / saturated.turns * 1000 if saturated.turns else 0.0
    rows = [
        ("raw aiosqlite INSERT+COMMIT /s (floor)", "-", f"{raw:,.0f}", "-"),
        (f"paced: offered turns/s (steady {low:.1f}-{high:.1f} s)", f"~{nominal:,.0f}",
         f"{offered:,.0f}", "-"),
        ("paced: achieved turns/s (same window)", ">= 95% of offered",
         f"{steady:,.0f} ({steady / offered:.0%})", verdict(keeps_up)),
        ("paced: achieved turns/s (whole run)", "-", f"{paced.achieved:,.0f}", "-"),
        ("paced: latency p50 ms", "-", f"{paced.pct(0.50):.1f}", "-"),
        ("paced: latency p99 ms (whole run)", "< 50", f"{paced.pct(0.99):.1f}",
         verdict(paced.pct(0.99) < 50 if full else None)),
        ("paced: latency p50 / p99 ms (steady window)", "-",
         f"{paced.pct(0.50, steady=True):.1f} / {paced.pct(0.99, steady=True):.1f}", "-"),
        ("paced: latency max ms", "-", f"{max(paced.tally.latencies) * 1000:.1f}", "-"),
        ("paced: steady turns/s / raw inserts/s", "-", f"{steady / raw:.3f}", "-"),
        ("saturated: turns/s", target, f"{saturated.achieved:,.0f}",
         verdict(saturated.achieved >= goal if full else None)),
        ("saturated: latency p50 / p99 ms", "-",
         f"{saturated.pct(0.50):.0f} / {saturated.pct(0.99):.0f}", "-"),
        ("saturated: turns/s / raw inserts/s", "-", f"{saturated.achieved / raw:.3f}", "-"),
        ("CPU ms per turn, loop thread / process", "-",
         f"{paced.cpu_ms()} paced, {saturated.cpu_ms()} saturated", "-"),
        ("CPU ms per turn, loop thread (saturated)", "<= 0.5" if not args.postgres else "-",
         f"{loop_cpu:.2f}",
         verdict(loop_cpu <= 0.5 if not args.postgres and full else None)),
        ("turns/s one loop thread could do at that CPU", "-",
         f"{saturated.turns / saturated.cpu_loop:,.0f}" if saturated.cpu_loop else "?", "-"),
    ]
    if args.postgres:
        rows += pg_rows(pg_paced, pg_saturated)
    problems = []
    for label, phase, expected in (("paced", paced, people * reflections),
                                   ("saturated", saturated, people)):
        ok = not phase.tally.errors and phase.tally.completed == expected
        if not ok:
            problems.append(f"{label}: {phase.tally.errors} failed turns, "
                            f"{phase.tally.completed}/{expected} reflections completed; first "
                            f"failure: {phase.tally.first_error}")
        rows.append((f"{label}: reflections completed, failed turns", f"{expected:,}, 0",
                     f"{phase.tally.completed:,}, {phase.tally.errors}", verdict(ok)))
    print()
    print(machine.table(rows))
    print(f"\npaced: {paced.turns:,} turns in {paced.wall:.1f} s, mean latency "
          f"{statistics.fmean(paced.tally.latencies) * 1000:.1f} ms; saturated: "
          f"{saturated.turns:,} turns in {saturated.wall:.1f} s")
    if not full:
        print("quick run: the latency and saturation targets are for the full 500 people; "
              "not judged here")
    print(f"load average {machine.load()} at the end (other processes skew figures)")
    if args.postgres:
        for label, phase in (("paced", pg_paced), ("saturated", pg_saturated)):
            print(f"{label}: where the machine's CPU went: {phase.share.line(phase.turns)}")
    for problem in problems:
        print("PROBLEM:", problem)
    missed = any(r[3] == "MISS" for r in rows)
    return 1 if args.strict and missed else 0





if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
