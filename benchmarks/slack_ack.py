"""How fast does Debrief acknowledge Slack slash commands, next to a Bolt app that only acks?

Signed ``/debrief help`` and ``/debrief interview Acme`` requests (alternating, from 50
different people) go over loopback to ``POST /slack/events``:

(a) open loop at a steady rate (default 200/s for 30 s): p50 / p99 / max time to the
    acknowledgement, and how many took over Slack's 3-second limit;
(b) closed loop, 50 concurrent senders as fast as they can (default 10 s): requests/s.

Both loads run against the real adapter with the real core (SQLite by default, or
in-memory), and against a bare Bolt app that only acks, in the same run; the table shows
the ratios (targets: p99 < 100 ms, within 1.5x of the bare app), and, for Debrief, when each answer
reached the fake Slack (the response URL, or the acknowledgement itself when the answer
was ready in time: adapters/slack/inline.py), the sustained reply rate during the burst (replies
from its first request to its last reply) and how long the backlog took to drain after it
(targets: reply p99 < 500 ms at 200/s, >= 1,000 replies/s, drained in < 30 s). With SQLite,
the durable inbox is in the same database, as ``debrief run`` wires it. Each app runs in its own
process, the fake Slack in another, the load generator here, so the app's background work
(the core, response URLs, DMs) competes only with itself, as in production.

    python benchmarks/slack_ack.py [--rate 200] [--seconds 30] [--burst-seconds 10]
                                   [--senders 50] [--storage sqlite|memory]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "slack"), str(ROOT / "benchmarks")]

import aiohttp  # noqa: E402
from machine import code_version, load  # noqa: E402
from slack_sdk.signature import SignatureVerifier  # noqa: E402

SECRET = "bench-signing-secret"
PEOPLE = 50
TEXTS = ("help", "interview Acme")


# --------------------------------------------------------------------------- servers

def _pin(cpus: set[int] | None) -> None:
    if cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, cpus)


def _serve_fake(ports: Any, cpus: set[int] | None) -> None:
    _pin(cpus)
    from fake_slack import FakeSlack, SlackUser

    async def main() -> None:
        fake = FakeSlack()
        for n in range(PEOPLE):
            fake.add_user(SlackUser(f"U{n:04d}", f"Person {n}", "Europe/Berlin"))
        await fake.start()
        ports.put(fake.port)
        await asyncio.Event().wait()

    asyncio.run(main())


def _serve_app(kind: str, api_url: str, storage: str, ports: Any,
               cpus: set[int] | None, concurrency: int | None,
               profile: str | None = None, inbox_engine: str = "shared",
               url: str | None = None) -> None:
    _pin(cpus)
    if profile and kind == "debrief":
        _profile_until_terminated(profile)
    logging.basicConfig(level=logging.ERROR)
    from aiohttp import web
    from fake_slack import BOT_TOKEN

    async def real_app(web_app: web.Application) -> Any:
        from adapters.inbox import InboxSettings
        from adapters.settings import Settings
        from adapters.slack import SlackAdapter
        from bot.service import Debrief

        if storage == "memory":
            from bot.memory import memory_uow_factory
            uow = inbox = memory_uow_factory()
        else:
            # As `debrief run` wires it: the durable inbox lives in the same database (on
            # SQLite, through the core's engine), so every request is written there before
            # it is acknowledged.
            # Replicas share the database (upgraded by the load generator).
            from storage import create_engine, sql_uow_factory
            assert url is not None
            uow = sql_uow_factory(create_engine(url))
            # The core's engine, as in debrief run (or, to compare, one of its own).
            inbox = uow if inbox_engine == "shared" else sql_uow_factory(create_engine(url))
        settings = Settings(_env_file=None, SLACK_BOT_TOKEN=BOT_TOKEN,  # type: ignore[call-arg]
                            SLACK_SIGNING_SECRET=SECRET, SLACK_APP_TOKEN=None,
                            SLACK_API_URL=api_url)
        extra = {"work_concurrency": concurrency} if concurrency else {}
        # The inbox on the same storage: acknowledged only once durable, and the core marks
        # an entry done in the commit of its work, as in `debrief run`.
        adapter = SlackAdapter(settings, Debrief(uow), uow=inbox,
                               inbox_settings=InboxSettings(finish_with_work=True), **extra)
        adapter.mount(web_app)
        await adapter.start()
        return adapter

    async def bare_app(web_app: web.Application) -> Any:
        from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
        from slack_bolt.async_app import AsyncApp
        from slack_sdk.web.async_client import AsyncWebClient

        app = AsyncApp(client=AsyncWebClient(token=BOT_TOKEN, base_url=api_url),
                       signing_secret=SECRET)

        @app.command("/debrief")
        async def only_ack(ack: Any) -> None:
            await ack()

        async def handle(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await app.async_dispatch(
                await to_bolt_request(request)))

        web_app.router.add_post("/slack/events", handle)
        return app

    async def main() -> None:
        web_app = web.Application()
        keep = await (real_app if kind == "debrief" else bare_app)(web_app)
        runner = web.AppRunner(web_app, handle_signals=False, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        # As `debrief run` does once started (adapters.heap): without it, full collections
        # of the start-up objects stalled Debrief's loop 100-400 ms under load. The bare
        # app only freezes what start-up built: it keeps Python's collector settings.
        if kind == "debrief":
            from adapters.heap import settle
            settle()
        else:
            gc.collect()
            gc.freeze()
        ports.put(runner.addresses[0][1])
        await asyncio.Event().wait()
        del keep

    asyncio.run(main())


def _profile_until_terminated(path: str) -> None:
    """cProfile the whole app process; the statistics are written when it is terminated."""
    import cProfile
    import signal

    profiler = cProfile.Profile()

    def dump(*_: Any) -> None:
        profiler.disable()
        profiler.dump_stats(path)
        os._exit(0)

    signal.signal(signal.SIGTERM, dump)
    profiler.enable()


# --------------------------------------------------------------------------- load

@dataclass
class Figures:
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    over_3s: int = 0
    failed: int = 0
    sent: int = 0
    rps: float = 0.0
    # The answer itself (Debrief only): when the response URL was used, after the ack.
    reply_p50_ms: float | None = None
    reply_p99_ms: float | None = None
    replies: int = 0
    drained_s: float | None = None  # after the load stopped, until the last reply arrived
    reply_rate: float | None = None  # replies/s from the first request to the last reply
    # CPU time of the app's process (all its threads) per request, acknowledgement and
    # reply together: far less sensitive to a busy machine than the wall-clock figures.
    cpu_ms: float | None = None
    # The saturated burst alone (before waiting for its replies): the acknowledgements'
    # CPU, plus whatever answers were sent meanwhile (counted beside it).
    burst_cpu_ms: float | None = None
    replied_in_burst: int = 0


class Sender:
    def __init__(self, urls: list[str], fake_port: int, session: aiohttp.ClientSession,
                 kind: str) -> None:
        self.urls = urls  # replicas: requests take turns, as behind a load balancer
        self.fake_port = fake_port
        self.session = session
        self.verifier = SignatureVerifier(SECRET)
        self.count = 0
        self.phase = "warmup"
        self.kind = kind
        self.sent_at: dict[str, float] = {}
        # Answers that rode in the acknowledgement itself (adapters/slack/inline.py): Slack
        # shows them as it shows a response URL's message, when the acknowledgement arrives.
        self.in_ack: dict[str, float] = {}

    def key(self, n: int) -> str:
        return f"{self.kind}-{self.phase}-{n}"

    async def replies(self, sent: int, within: float
                      ) -> tuple[list[float], float | None, float | None, int]:
        """Reply delays (s) for this phase, waiting up to ``within`` s for all of them;
        the last figure: how many had arrived when this was called (the load's end)."""
        stop = time.time()
        deadline = time.monotonic() + within
        url = f"http://127.0.0.1:{self.fake_port}/stats/responses"
        prefix = f"{self.kind}-{self.phase}-"
        while True:
            async with self.session.get(url, params={"prefix": prefix}) as resp:
                arrived: dict[str, float] = await resp.json()
            arrived.update((k, t) for k, t in self.in_ack.items() if k.startswith(prefix))
            if len(arrived) >= sent or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.2)
        delays = sorted(t - self.sent_at[k] for k, t in arrived.items() if k in self.sent_at)
        drained = max(arrived.values()) - stop if len(arrived) >= sent and arrived else None
        rate = None
        if arrived and self.sent_at:
            first = min(self.sent_at[k] for k in arrived if k in self.sent_at)
            span = max(arrived.values()) - first
            rate = len(arrived) / span if span > 0 else None
        return delays, drained, rate, sum(t <= stop for t in arrived.values())

    async def one(self) -> tuple[float, bool]:
        n = self.count
        self.count += 1
        key = self.key(n)
        body = urlencode({
            "team_id": "T0001", "channel_id": "C0BENCH", "channel_name": "bench",
            "user_id": f"U{n % PEOPLE:04d}", "command": "/debrief",
            "text": TEXTS[n % len(TEXTS)], "trigger_id": f"trig-{self.phase}-{n}",
            "response_url": f"http://127.0.0.1:{self.fake_port}/response/{key}",
        })
        ts = str(int(time.time()))
        headers = {"X-Slack-Request-Timestamp": ts,
                   "X-Slack-Signature": self.verifier.generate_signature(timestamp=ts,
                                                                         body=body),
                   "Content-Type": "application/x-www-form-urlencoded"}
        self.sent_at[key] = time.time()
        started = time.perf_counter()
        try:
            async with self.session.post(self.urls[n % len(self.urls)], data=body,
                                         headers=headers) as resp:
                answer = await resp.read()
                ok = resp.status == 200
            if ok and answer.startswith(b"{"):
                self.in_ack[key] = time.time()
        except aiohttp.ClientError:
            ok = False
        return time.perf_counter() - started, ok


async def steady(sender: Sender, rate: float, seconds: float) -> Figures:
    """Open loop: requests leave on schedule whether or not earlier ones were answered."""
    total = int(rate * seconds)
    results: list[tuple[float, bool]] = []
    tasks: list[asyncio.Task[None]] = []

    async def fire() -> None:
        results.append(await sender.one())

    loop = asyncio.get_running_loop()
    start = loop.time()
    for i in range(total):
        delay = start + i / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(fire()))
    await asyncio.gather(*tasks)
    times = sorted(t for t, _ in results)
    return Figures(
        p50_ms=statistics.median(times) * 1000,
        p99_ms=times[min(len(times) - 1, int(len(times) * 0.99))] * 1000,
        max_ms=times[-1] * 1000, over_3s=sum(t > 3 for t in times),
        failed=sum(not ok for _, ok in results), sent=len(results))


async def saturate(sender: Sender, senders: int, seconds: float) -> Figures:
    """Closed loop: each sender waits for its acknowledgement, then sends the next."""
    done = 0
    failed = 0
    stop_at = time.perf_counter() + seconds

    async def run() -> None:
        nonlocal done, failed
        while time.perf_counter() < stop_at:
            _, ok = await sender.one()
            done += 1
            failed += not ok

    started = time.perf_counter()
    await asyncio.gather(*(run() for _ in range(senders)))
    elapsed = time.perf_counter() - started
    return Figures(rps=done / elapsed, failed=failed, sent=done)


def _add_replies(figures: Figures, delays: list[float], drained: float | None,
                 rate: float | None, in_time: int) -> None:
    figures.replied_in_burst = in_time
    if delays:
        figures.reply_p50_ms = statistics.median(delays) * 1000
        figures.reply_p99_ms = delays[min(len(delays) - 1, int(len(delays) * 0.99))] * 1000
    figures.replies = len(delays)
    figures.drained_s = drained
    figures.reply_rate = rate


def _cpu(pids: list[int]) -> float:
    import psutil

    return sum(float(t.user + t.system) for t in (psutil.Process(p).cpu_times() for p in pids))


async def measure(kind: str, ports: list[int], fake_port: int, pids: list[int],
                  args: argparse.Namespace) -> tuple[Figures, Figures]:
    urls = [f"http://127.0.0.1:{port}/slack/events" for port in ports]
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        sender = Sender(urls, fake_port, session, kind)
        for _ in range(PEOPLE * len(urls)):  # warm up: auth.test, profiles, connections
            await sender.one()
        await asyncio.sleep(1)
        sender.count, sender.phase = 0, "a"
        sender.sent_at.clear()
        cpu = _cpu(pids)
        gc.disable()  # this load generator's own collections would show as slow acks
        a = await steady(sender, args.rate, args.seconds)
        if kind == "debrief":
            _add_replies(a, *await sender.replies(a.sent, within=120))
        else:
            await asyncio.sleep(1)
        a.cpu_ms = (_cpu(pids) - cpu) * 1000 / max(1, a.sent)
        sender.count, sender.phase = 0, "b"
        sender.sent_at.clear()
        cpu = _cpu(pids)
        b = await saturate(sender, args.senders, args.burst_seconds)
        b.burst_cpu_ms = (_cpu(pids) - cpu) * 1000 / max(1, b.sent)
        gc.enable()
        if kind == "debrief":
            _add_replies(b, *await sender.replies(b.sent, within=args.drain_wait))
        b.cpu_ms = (_cpu(pids) - cpu) * 1000 / max(1, b.sent)
    return a, b


def run_against(kind: str, fake_port: int, args: argparse.Namespace) -> tuple[Figures,
                                                                             Figures]:
    ctx = mp.get_context("spawn")
    ports = ctx.Queue()
    api_url = f"http://127.0.0.1:{fake_port}/api/"
    url = None
    if kind == "debrief" and args.storage == "sqlite":
        from storage import upgrade
        url = f"sqlite+aiosqlite:///{tempfile.mkdtemp()}/bench.db"
        asyncio.run(upgrade(url))
    procs = [ctx.Process(target=_serve_app,
                         args=(kind, api_url, args.storage, ports, args.app_cpus,
                               args.work_concurrency, args.profile if n == 0 else None,
                               args.inbox_engine, url),
                         daemon=True) for n in range(args.replicas)]
    for proc in procs:
        proc.start()
    try:
        app_ports = [ports.get(timeout=60) for _ in procs]
        pids = [proc.pid for proc in procs if proc.pid is not None]
        return asyncio.run(measure(kind, app_ports, fake_port, pids, args))
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--burst-seconds", type=float, default=10)
    parser.add_argument("--senders", type=int, default=50)
    parser.add_argument("--storage", choices=("sqlite", "memory"), default="sqlite")
    parser.add_argument("--inbox-engine", choices=("own", "shared"), default="shared",
                        help="SQLite: the inbox on the core's engine (as debrief run wires "
                             "it) or, to compare, on an engine of its own")
    parser.add_argument("--work-concurrency", type=int, default=None,
                        help="SlackAdapter(work_concurrency=…); default: the adapter's")
    parser.add_argument("--drain-wait", type=float, default=300,
                        help="seconds to wait for the burst's replies before giving up")
    parser.add_argument("--profile", metavar="PATH", default=None,
                        help="cProfile the Debrief app process; statistics written to PATH "
                             "(read with python -m pstats; slows the app down)")
    parser.add_argument("--no-pin", action="store_true",
                        help="do not give the app under test a CPU of its own")
    parser.add_argument("--replicas", type=int, default=1,
                        help="app processes (each app), on one database; requests take "
                             "turns between them; more than one implies --no-pin")
    args = parser.parse_args()
    args.no_pin = args.no_pin or args.replicas > 1
    # The app under test gets CPU 0 to itself; the fake Slack and this load generator share
    # the rest, so Slack's side of the background traffic does not eat the app's CPU.
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    args.app_cpus = {cpus[0]} if len(cpus) >= 2 and not args.no_pin else None
    others = set(cpus[1:]) if args.app_cpus else None
    _pin(others)

    ctx = mp.get_context("spawn")
    ports = ctx.Queue()
    fake = ctx.Process(target=_serve_fake, args=(ports, others), daemon=True)
    fake.start()
    try:
        fake_port = ports.get(timeout=60)
        print(f"# {code_version()}; load average at start {load()}", flush=True)
        print(f"# {args.rate:g}/s for {args.seconds:g}s, then {args.senders} senders for "
              f"{args.burst_seconds:g}s; storage={args.storage}; cpus={os.cpu_count()}; "
              f"replicas={args.replicas}; app pinned to "
              f"{sorted(args.app_cpus) if args.app_cpus else 'no cpu'}",
              flush=True)
        debrief = run_against("debrief", fake_port, args)
        bare = run_against("bare", fake_port, args)
    finally:
        fake.terminate()
        fake.join(10)
    print_table(debrief, bare, args.rate)
    print(f"# load average at end {load()} (a busy machine depresses every wall-clock figure)")


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _s(value: float | None) -> str:
    return "not all" if value is None else f"{max(0.0, value):.1f}"


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _cpu_ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _per_cpu(value: float | None) -> str:
    return "-" if not value else f"{1000 / value:.0f}"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_table(debrief: tuple[Figures, Figures], bare: tuple[Figures, Figures],
                rate: float) -> None:
    (da, db), (ba, bb) = debrief, bare

    def ratio(x: float, y: float) -> str:
        return f"{x / y:.2f}x" if y else "-"

    rows = [
        ("(a) ack p50 ms", f"{da.p50_ms:.1f}", f"{ba.p50_ms:.1f}", ratio(da.p50_ms, ba.p50_ms)),
        ("(a) ack p99 ms", f"{da.p99_ms:.1f}", f"{ba.p99_ms:.1f}", ratio(da.p99_ms, ba.p99_ms)),
        ("(a) ack max ms", f"{da.max_ms:.1f}", f"{ba.max_ms:.1f}", ratio(da.max_ms, ba.max_ms)),
        ("(a) acks over 3 s", str(da.over_3s), str(ba.over_3s), ""),
        ("(a) failed / sent", f"{da.failed}/{da.sent}", f"{ba.failed}/{ba.sent}", ""),
        ("(b) saturated req/s", f"{db.rps:.0f}", f"{bb.rps:.0f}", ratio(bb.rps, db.rps)),
        ("(b) failed / sent", f"{db.failed}/{db.sent}", f"{bb.failed}/{bb.sent}", ""),
        ("(a) app CPU ms / request", _cpu_ms(da.cpu_ms), _cpu_ms(ba.cpu_ms),
         ratio(da.cpu_ms or 0, ba.cpu_ms or 0)),
        ("(b) app CPU ms / request", _cpu_ms(db.cpu_ms), _cpu_ms(bb.cpu_ms),
         ratio(db.cpu_ms or 0, bb.cpu_ms or 0)),
        ("(b) requests/s one CPU", _per_cpu(db.cpu_ms), _per_cpu(bb.cpu_ms), ""),
        ("(b) app CPU ms / request, burst only", _cpu_ms(db.burst_cpu_ms),
         _cpu_ms(bb.burst_cpu_ms), ratio(db.burst_cpu_ms or 0, bb.burst_cpu_ms or 0)),
        ("(b) answered during the burst", f"{db.replied_in_burst}/{db.sent}", "-", ""),
        ("(a) reply p50 / p99 ms", f"{_ms(da.reply_p50_ms)} / {_ms(da.reply_p99_ms)}", "-", ""),
        ("(a) replies / sent", f"{da.replies}/{da.sent}", "-", ""),
        ("(b) replies / sent", f"{db.replies}/{db.sent}", "-", ""),
        ("(b) reply p50 / p99 ms", f"{_ms(db.reply_p50_ms)} / {_ms(db.reply_p99_ms)}", "-", ""),
        ("(b) sustained replies/s", _rate(db.reply_rate), "-", ""),
        ("(b) backlog drained s", _s(db.drained_s), "-", ""),
    ]
    widths = [max(len(r[i]) for r in [("figure", "debrief", "bare bolt", "ratio"), *rows])
              for i in range(4)]
    header = ("figure", "debrief", "bare bolt", "ratio")
    for row in (header, tuple("-" * w for w in widths), *rows):
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                        for i, (cell, w) in enumerate(zip(row, widths, strict=True))))
    reply_p99 = da.reply_p99_ms
    drained = db.drained_s
    targets = [
        (f"reply p99 < 500 ms at {rate:g} requests/s",
         f"{_ms(reply_p99)} ms, {da.replies}/{da.sent} replied",
         reply_p99 is not None and reply_p99 < 500 and da.replies >= da.sent),
        ("sustained replies >= 1,000/s (burst)",
         f"{_rate(db.reply_rate)}/s; by CPU time one CPU would give {_per_cpu(db.cpu_ms)}/s",
         (db.reply_rate or 0) >= 1000),
        ("burst's backlog drained < 30 s", f"{_s(drained)} s",
         drained is not None and drained < 30),
        ("ack p99 < 100 ms", f"{da.p99_ms:.1f} ms", da.p99_ms < 100),
        ("ack p99 within 1.5x of bare Bolt",
         f"{ratio(da.p99_ms, ba.p99_ms)} ({da.p99_ms:.1f} vs {ba.p99_ms:.1f} ms)",
         da.p99_ms <= 1.5 * ba.p99_ms),
        ("no ack over 3 s", f"{da.over_3s} of {da.sent}", da.over_3s == 0),
        ("saturated req/s within 1.5x of bare Bolt",
         f"{ratio(bb.rps, db.rps)} ({db.rps:.0f} vs {bb.rps:.0f}/s)", bb.rps <= 1.5 * db.rps),
    ]
    print("\ntargets (issue 14):")
    width = max(len(name) for name, _, _ in targets)
    value_width = max(len(value) for _, value, _ in targets)
    for name, value, ok in targets:
        print(f"  {name.ljust(width)}  {value.ljust(value_width)}  {_verdict(ok)}")
    print("(ratio = debrief / bare for latencies and CPU, bare / debrief for throughput; "
          "reply = when the answer reached the response URL, or came in the acknowledgement "
          "itself (Slack's immediate response), which the bare app never sends; "
          "app CPU = the app process's user+system time over the phase and its replies, per "
          "request: for Debrief the acknowledgement, the inbox and the reply together)")


if __name__ == "__main__":
    main()
