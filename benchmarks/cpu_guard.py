"""The dialogue's CPU per turn, checked against a baseline stored in the repo (a CI step).

    .venv/bin/python benchmarks/cpu_guard.py            # measure and compare (exit 1 on +50 %)
    .venv/bin/python benchmarks/cpu_guard.py --update   # measure and store a new baseline

Wall-clock throughput swings with whatever else the machine runs; the CPU time the event
loop's thread spends on one turn swings far less, so that is the figure guarded. Turns run
one after another (no queueing), each person doing one whole reflection on a fresh SQLite
file wired as ``debrief console`` wires it; the minimum over several repetitions is kept.

A busy or slower machine still inflates CPU time (shared caches, the other hyperthread,
frequency), so each repetition is bracketed by a fixed pure-Python reference workload
(parsing, formatting, dicts and regular expressions, like a turn's own Python) timed the same
way. The guard compares the smallest *ratio* turn / reference with the baseline's ratio and
fails when it grew by more than 50 % (``--limit``): a regression like the +50-75 % one
issue 14 found is caught by the commit that causes it, while a loaded machine moves both
figures together.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import platform
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import machine  # benchmarks/machine.py: run as scripts, their folder is on sys.path
from answerer import ScriptRecorder

from adapters.heap import settle
from bot.clock import SystemClock
from bot.service import Debrief
from bot.values import Identity, Incoming
from storage import create_engine, sql_uow_factory, upgrade

BASELINE = Path(__file__).resolve().parent / "baseline.json"


async def turn_cpu_ms(directory: Path, reps: int, people: int,
                      seed: int) -> list[tuple[float, float]]:
    """(loop-thread CPU ms per turn, reference ms) for each repetition (fresh people each)."""
    url = f"sqlite+aiosqlite:///{directory / 'guard.db'}"
    await upgrade(url)
    engine = create_engine(url)
    core = Debrief(sql_uow_factory(engine), SystemClock())
    recorder, rng = ScriptRecorder(), random.Random(seed)
    settle()  # as `debrief run` does after start-up (adapters.heap)
    try:
        results = []
        for rep in range(reps + 1):  # the first repetition warms caches and is dropped
            persons = range(rep * people, (rep + 1) * people)
            scripts = {p: await recorder.record(p, rng) for p in persons}
            before = reference_cpu_ms()
            turns, started = 0, time.thread_time()
            for p in persons:
                identity = Identity("bench", "T0GUARD", f"U{p:05d}")
                for text in scripts[p].texts:
                    await core.handle(Incoming(identity, text=text, in_dm=True))
                    turns += 1
            turn = (time.thread_time() - started) * 1000 / turns
            if rep:
                results.append((turn, (before + reference_cpu_ms()) / 2))
        return results
    finally:
        await engine.dispose()


def reference_cpu_ms() -> float:
    """Thread CPU ms of a fixed pure-Python workload (the yardstick for this machine now)."""
    pattern = re.compile(r"(\d+)\s*(?:h|hours?)\b", re.IGNORECASE)
    started = time.thread_time()
    for n in range(3000):
        record = {"id": n, "answers": {f"q{k}": f"answer {k} in {n} hours" for k in range(8)}}
        text = json.dumps(record)
        parsed = json.loads(text)
        found = [m.group(1) for v in parsed["answers"].values() for m in pattern.finditer(v)]
        ", ".join(sorted(found, key=len)).title().split()
    return (time.thread_time() - started) * 1000


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="store the result as baseline")
    parser.add_argument("--limit", type=float, default=1.5,
                        help="fail when the ratio exceeds the baseline's times this (1.5)")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--people", type=int, default=40, help="reflections per repetition")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)

    load_start = machine.load()
    with tempfile.TemporaryDirectory(prefix="debrief-guard-") as tmp:
        directory = Path(tmp)
        measured = await turn_cpu_ms(directory, args.reps, args.people, args.seed)
    turns = [t for t, _ in measured]
    reference = [r for _, r in measured]
    ratios = sorted(t / r for t, r in measured)
    turn, ref, ratio = min(turns), min(reference), ratios[0]
    print(f"CPU guard: python {platform.python_version()}, {platform.machine()} "
          f"x{machine.cpus()}, load average {load_start} at start, {machine.load()} at end")
    print(machine.code_version())
    print(f"loop-thread CPU ms per turn (min of {args.reps}): {turn:.3f}  "
          f"[{' '.join(f'{t:.3f}' for t in turns)}]")
    print(f"reference workload CPU ms (min of {args.reps}): {ref:.1f}  "
          f"[{' '.join(f'{t:.1f}' for t in reference)}]")
    print(f"ratio turn / reference x 1000 (min): {ratio * 1000:.1f}  "
          f"[{' '.join(f'{r * 1000:.1f}' for r in ratios)}]")
    if args.update:
        BASELINE.write_text(json.dumps({
            "cpu_ms_per_turn": round(turn, 3), "reference_cpu_ms": round(ref, 3),
            "ratio": round(ratio, 5), "measured_on": machine.code_version(),
            "machine": f"{platform.machine()} x{machine.cpus()}", "load_average": load_start,
        }, indent=2) + "\n")
        print(f"baseline written to {BASELINE.name}")
        return 0
    base = json.loads(BASELINE.read_text())
    allowed = base["ratio"] * args.limit
    verdict = "PASS" if ratio <= allowed else "FAIL"
    print(f"baseline ratio {base['ratio'] * 1000:.1f} (CPU {base['cpu_ms_per_turn']:.3f} ms "
          f"per turn at load {base['load_average']}); allowed up to {allowed * 1000:.1f}: "
          f"{verdict}")
    if verdict == "FAIL":
        print("The dialogue costs more CPU per turn than the stored baseline allows. Profile "
              "the turn (see benchmarks/README.md); if the cost is deliberate, store a new "
              "baseline with --update and say why in the commit.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
