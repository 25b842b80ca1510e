"""``dialogue.py --postgres URL [--processes N]``: the dialogue on PostgreSQL from N processes.

Each phase gets a fresh database beside the URL's (migrated once, dropped at the end). N
worker processes (spawned, as replicas are separate programs) each plan the whole phase
from the same seed, so they agree on every person's script and pauses, and then run their
share of the people (person p runs in process p mod N) on their own engine and event loop.
They start together at a barrier; their clocks (``perf_counter``, the system's monotonic
clock on Linux) are comparable, so turns are counted over common windows.

While they run, this process samples the CPU time of every process on the machine (psutil,
every 0.25 s): the workers, the PostgreSQL server's processes and everything else, so the
report says where the machine's CPU went. A server backend that exits is counted up to its
last sample (at most 0.25 s of its CPU may be missed).
"""

from __future__ import annotations

import asyncio
import cProfile
import logging
import multiprocessing
import os
import queue
import time
from dataclasses import dataclass, field
from typing import Any

import psutil
from sqlalchemy.engine import make_url

from adapters.heap import settle
from adapters.settings import Settings
from bot.clock import SystemClock
from bot.service import Debrief
from storage import create_engine, sql_uow_factory, upgrade

__all__ = ["CpuShare", "PgPhase", "pool_options", "run_pg_phase"]

SAMPLE_S = 0.25


def pool_options() -> dict[str, int]:
    """Each worker's pool, sized as ``debrief run`` sizes the core's: from
    DEBRIEF_DATABASE_POOL_SIZE and DEBRIEF_DATABASE_MAX_OVERFLOW, else their defaults."""
    settings = Settings()
    return {"pool_size": settings.database_pool_size,
            "max_overflow": settings.database_max_overflow}


@dataclass
class CpuShare:
    """CPU seconds spent on the machine during a phase, by whom."""

    workers: list[float] = field(default_factory=list)  # each worker process
    backends: float = 0.0  # PostgreSQL's backends serving this phase's database
    server: float = 0.0  # PostgreSQL's other processes (WAL writer, other databases...)
    others: float = 0.0  # everything else on the machine (other people's work)
    idle: float = 0.0
    seconds: float = 0.0  # wall-clock length of the sampling

    def line(self, turns: int) -> str:
        def per_turn(cpu: float) -> str:
            return f"{cpu / turns * 1000:.2f}"

        workers = " + ".join(per_turn(w) for w in self.workers)
        return (f"workers {workers}, PostgreSQL backends {per_turn(self.backends)} (+ the "
                f"server's other processes {per_turn(self.server)}), others "
                f"{per_turn(self.others)}, idle {per_turn(self.idle)} ms per turn "
                f"(machine CPU over {self.seconds:.1f} s)")


@dataclass
class PgPhase:
    """What the workers measured, merged: their turns in one list on one clock."""

    turns: int
    latencies: list[float]
    done_at: list[float]
    errors: int
    completed: int
    first_error: str | None
    started: float  # the earliest worker's start
    ended: float  # the last worker's end
    common: tuple[float, float]  # all workers running: latest start to earliest end
    window: tuple[float, float] | None  # the paced plan's steady part, from the start
    offered: float | None  # turns/s the plan offers in it
    cpu_loop: list[float]  # each worker's event-loop thread
    cpu_process: list[float]  # each worker process, all threads
    worker_turns: list[int]
    share: CpuShare

    def common_rate(self) -> float:
        low, high = self.common
        if high <= low:
            return 0.0
        return sum(1 for t in self.done_at if low <= t < high) / (high - low)


async def fresh_database(admin_url: str, name: str) -> str:
    """A new empty database next to ``admin_url``'s; :func:`drop_database` removes it."""
    database = f"debrief_bench_{os.getpid()}_{name}"
    await _admin(admin_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)',
                 f'CREATE DATABASE "{database}"')
    return make_url(admin_url).set(database=database).render_as_string(hide_password=False)


async def drop_database(admin_url: str, url: str) -> None:
    await _admin(admin_url, f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


async def _admin(admin_url: str, *statements: str) -> None:
    admin = create_engine(make_url(admin_url).render_as_string(hide_password=False),
                          isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            for statement in statements:
                await conn.exec_driver_sql(statement)
    finally:
        await admin.dispose()


async def run_pg_phase(admin_url: str, name: str, people: int, seed: int,
                       pause: tuple[float, float] | None, reflections: int, processes: int,
                       profile: str | None = None) -> PgPhase:
    url = await fresh_database(admin_url, name)
    try:
        await upgrade(url)
        return await _run_workers(url, name, people, seed, pause, reflections, processes,
                                  profile)
    finally:
        await drop_database(admin_url, url)


async def _run_workers(url: str, name: str, people: int, seed: int,
                       pause: tuple[float, float] | None, reflections: int, processes: int,
                       profile: str | None) -> PgPhase:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(processes + 1)
    results: multiprocessing.Queue[dict[str, Any]] = ctx.Queue()
    workers = [ctx.Process(target=worker_main, daemon=True, args=(
        url, people, seed, pause, reflections, index, processes, barrier, results,
        f"{profile}.{name}.{index}" if profile else None)) for index in range(processes)]
    for worker in workers:
        worker.start()
    try:
        await asyncio.to_thread(barrier.wait, 600)  # everyone planned and connected
        sampler = CpuSampler([w.pid for w in workers if w.pid is not None],
                             make_url(url).database or "")
        got: list[dict[str, Any]] = []
        while len(got) < processes:
            sampler.sample()
            try:
                got.append(await asyncio.to_thread(results.get, True, SAMPLE_S))
            except queue.Empty:
                if not any(w.is_alive() for w in workers) and results.empty():
                    raise RuntimeError("a worker process died without a result") from None
        share = sampler.finish()
    finally:
        for worker in workers:
            worker.join(10)
            if worker.is_alive():
                worker.kill()
    return _merge(got, share)


def _merge(got: list[dict[str, Any]], share: CpuShare) -> PgPhase:
    got = sorted(got, key=lambda g: g["index"])
    done_at = [t for g in got for t in g["done_at"]]
    firsts = [g["first_error"] for g in got if g["first_error"]]
    return PgPhase(
        turns=sum(g["turns"] for g in got),
        latencies=[lat for g in got for lat in g["latencies"]],
        done_at=done_at,
        errors=sum(g["errors"] for g in got),
        completed=sum(g["completed"] for g in got),
        first_error=firsts[0] if firsts else None,
        started=min(g["started"] for g in got),
        ended=max(g["started"] + g["wall"] for g in got),
        common=(max(g["started"] for g in got), min(g["started"] + g["wall"] for g in got)),
        window=got[0]["window"],
        offered=got[0]["offered"],
        cpu_loop=[g["cpu_loop"] for g in got],
        cpu_process=[g["cpu_process"] for g in got],
        worker_turns=[g["turns"] for g in got],
        share=share,
    )


class CpuSampler:
    """CPU seconds of the workers, of PostgreSQL and of the rest, from psutil samples."""

    def __init__(self, worker_pids: list[int], database: str) -> None:
        self.workers = worker_pids
        self.database = database
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.titles: dict[int, str] = {}
        self.machine = psutil.cpu_times()
        self.begun = time.perf_counter()
        self.sample(first=True)

    def sample(self, first: bool = False) -> None:
        for proc in psutil.process_iter(["name", "cpu_times", "cmdline"]):
            times = proc.info["cpu_times"]
            if times is None:
                continue
            cpu = times.user + times.system
            if first:
                self.first[proc.pid] = cpu
            self.last[proc.pid] = cpu
            # A backend's title names its database once it has started (just after the
            # fork it still reads like the server's command line): read it every time.
            if proc.info["name"] == "postgres":
                self.titles[proc.pid] = " ".join(proc.info["cmdline"] or ()) or "postgres"
            else:
                self.titles.setdefault(proc.pid, "")

    def finish(self) -> CpuShare:
        self.sample()
        machine = psutil.cpu_times()
        idle = (machine.idle - self.machine.idle) + (
            getattr(machine, "iowait", 0.0) - getattr(self.machine, "iowait", 0.0))
        total = sum(machine) - sum(self.machine)

        def used(pid: int) -> float:  # a process born during the phase started at 0
            return self.last[pid] - self.first.get(pid, 0.0)

        workers = [used(pid) for pid in self.workers if pid in self.last]
        ours = sum(used(pid) for pid, title in self.titles.items()
                   if f" {self.database} " in f" {title} ")
        server = sum(used(pid) for pid, title in self.titles.items() if title) - ours
        return CpuShare(workers, ours, server,
                        max(0.0, total - idle - sum(workers) - ours - server),
                        idle, time.perf_counter() - self.begun)


def worker_main(url: str, people: int, seed: int, pause: tuple[float, float] | None,
                reflections: int, index: int, processes: int, barrier: Any,
                results: Any, profile: str | None) -> None:
    logging.basicConfig(level=logging.CRITICAL)  # failures are counted, not logged
    results.put(asyncio.run(_worker(url, people, seed, pause, reflections, index,
                                    processes, barrier, profile)))


async def _worker(url: str, people: int, seed: int, pause: tuple[float, float] | None,
                  reflections: int, index: int, processes: int, barrier: Any,
                  profile: str | None) -> dict[str, Any]:
    # The benchmark's planning and people; imported here because dialogue.py imports us.
    import dialogue

    plan = await dialogue.plan_phase(people, seed, pause, reflections)
    engine = create_engine(url, **pool_options())
    try:
        core = Debrief(sql_uow_factory(engine), SystemClock())
        # As `debrief run` does after start-up (adapters/runtime.py), as the SQLite phases
        # do (dialogue.make_core): full collections skip what lives as long as the process.
        settle()
        barrier.wait(600)
        profiler = cProfile.Profile() if profile else None
        if profiler is not None:
            profiler.enable()
        result = await dialogue.run_people(core, plan, range(index, people, processes))
        if profiler is not None and profile:
            profiler.disable()
            profiler.dump_stats(profile)
    finally:
        await engine.dispose()
    tally = result.tally
    return {"index": index, "turns": result.turns, "latencies": tally.latencies,
            "done_at": tally.done_at,
            "errors": tally.errors, "completed": tally.completed,
            "first_error": tally.first_error, "started": result.started,
            "wall": result.wall, "cpu_loop": result.cpu_loop,
            "cpu_process": result.cpu_process, "window": plan.window,
            "offered": plan.offered}
