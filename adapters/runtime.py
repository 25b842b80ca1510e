"""``debrief run``: every configured platform, the dispatcher and the HTTP listener in one
process, with a graceful shutdown on SIGTERM/SIGINT.

HTTP: ``POST /slack/events`` (when Slack runs over HTTP), ``GET /healthz`` (alive),
``GET /readyz`` (database reachable and taking writes, platforms connected), ``GET /metrics``.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import NoReturn, Protocol

from aiohttp import web
from sqlalchemy import func, select, text

from adapters.charts import MatplotlibChartRenderer
from adapters.gateways import RoutingGateway
from adapters.heap import settle as settle_heap
from adapters.inbox import DurableInbox
from adapters.metrics import Metrics
from adapters.settings import Settings, core_config, dispatcher_config, inbox_settings
from adapters.write_probe import WriteProbe
from bot.clock import SystemClock
from bot.grammar import CommandSyntaxError, is_command, parse_command
from bot.model import NudgeStatus
from bot.nudges.dispatcher import Dispatcher
from bot.ports import ChatGateway, Conversation
from bot.service import Debrief
from bot.tips.runtime import TipRuntime
from bot.values import Identity, Incoming, Reply
from storage import create_engine, sql_uow_factory, upgrade
from storage.engine import is_sqlite
from storage.mapping import nudges
from storage.sqlite_files import FilesRefuseWrites, database_path, guard_engine

__all__ = ["InstrumentedConversation", "Runtime", "serve"]

log = logging.getLogger(__name__)

# /metrics reads nudge counts from the database at most this often (scrapes are cheap).
NUDGE_COUNTS_MAX_AGE = 10.0


class PlatformAdapter(Protocol):
    @property
    def gateway(self) -> ChatGateway: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def connected(self) -> bool: ...


class InstrumentedConversation:
    """Counts commands and dialogue turns per platform, then hands over to the core."""

    def __init__(self, core: Debrief, metrics: Metrics) -> None:
        self._core = core
        self._metrics = metrics

    async def handle(self, incoming: Incoming) -> list[Reply]:
        platform = incoming.identity.platform
        name = incoming.command.name if incoming.command else None
        if name is None and is_command(incoming.text):
            try:
                name = parse_command(incoming.text).name
            except CommandSyntaxError:
                name = "unknown"
        if name is None:
            self._metrics.turns.labels(platform).inc()
        else:
            self._metrics.commands.labels(platform, name).inc()
        return await self._core.handle(incoming)

    async def home(self, identity: Identity) -> Reply:
        return await self._core.home(identity)

    async def suggest_interviews(self, identity: Identity, prefix: str) -> list[tuple[str, str]]:
        return await self._core.suggest_interviews(identity, prefix)


class Runtime:
    """Everything ``debrief run`` starts, in one object so tests can start and stop it."""

    def __init__(self, settings: Settings, *, error_every: float = 60.0) -> None:
        self.settings = settings
        self.metrics = Metrics()
        self.engine = create_engine(settings.database_url, **settings.pool_options)
        uow = sql_uow_factory(self.engine)
        # The acknowledgement's one short inbox write must not queue behind the work in
        # this process, only behind the one transaction writing right now. On PostgreSQL
        # that takes an engine of its own (a small pool). On a SQLite file the core's engine
        # already gives it that (its writes are urgent: storage.sql.urgent_writes), and a
        # second connection would only fight the first for the file's one write lock
        # (issue 14: answers in the acknowledgement ran at a third of their rate, the two
        # connections taking turns through busy retries).
        self.inbox_engine = self.engine if is_sqlite(settings.database_url) else \
            create_engine(settings.database_url, pool_size=2, max_overflow=3)
        inbox_uow = sql_uow_factory(self.inbox_engine)
        # One database: the core marks a request's inbox entry done in its own commit.
        inboxes = replace(inbox_settings(settings), finish_with_work=True)
        clock = SystemClock()
        self.core = Debrief(uow, clock, core_config(settings),
                            charts=MatplotlibChartRenderer())
        self.conversation: Conversation = InstrumentedConversation(self.core, self.metrics)
        self.web = web.Application()
        self.platforms: dict[str, PlatformAdapter] = {}
        if settings.slack_configured:
            from adapters.slack import SlackAdapter
            slack = SlackAdapter(settings, self.conversation, api_observer=self.metrics,
                                 uow=inbox_uow, inbox_settings=inboxes,
                                 clock=clock)
            if not settings.slack_app_token:
                slack.mount(self.web)
            self.platforms["slack"] = slack
        if settings.discord_configured:
            from adapters.discord import DiscordAdapter
            self.platforms["discord"] = DiscordAdapter(settings, self.conversation,
                                                       uow=inbox_uow,
                                                       inbox_settings=inboxes,
                                                       api_observer=self.metrics, clock=clock)
        gateway = RoutingGateway({name: p.gateway for name, p in self.platforms.items()})
        # Claim only reminders for people on the platforms served here: a replica never
        # takes (and puts back) one it cannot send.
        self.dispatcher = Dispatcher(
            uow, gateway, clock, self.core.config,
            replace(dispatcher_config(settings), platforms=tuple(self.platforms)),
            observer=self.metrics)
        self.core.on_scheduled = self.dispatcher.wake
        # Scheduled channel tips, for the platforms this process serves.
        self.tips = TipRuntime(uow, gateway, clock, platforms=gateway.platforms)
        # A write every few seconds tells /readyz whether the database takes writes; one
        # cause, one ERROR line a minute, whichever part notices first.
        self.write_probe = WriteProbe(self.inbox_engine,
                                      sqlite_path=database_path(settings.database_url),
                                      error_every=error_every)
        if self.write_probe.files is not None:  # SQLite: never touch files that refuse
            for engine in {id(e): e for e in (self.engine, self.inbox_engine)}.values():
                guard_engine(engine, self.write_probe.files)
        self.dispatcher.failing = self.write_probe.speaks_for(self.dispatcher.failing)
        self.tips.failing = self.write_probe.speaks_for(self.tips.failing)
        for inbox in self._inboxes():
            inbox.down = self.write_probe.speaks_for(inbox.down)
        for inbox in self._inboxes():  # acknowledged work waits while writes would fail
            inbox.refusal = self.write_probe.refuses
            inbox.wrote = self.write_probe.saw_write
        self.web.router.add_get("/healthz", self._healthz)
        self.web.router.add_get("/readyz", self._readyz)
        self.web.router.add_get("/metrics", self._metrics_view)
        self._runner: web.AppRunner | None = None
        self._stopping = False
        #: Why the database was left open at :meth:`stop` (its files refused writes).
        self.left_open: str | None = None
        self._counts_at = float("-inf")

    async def start(self) -> None:
        if is_sqlite(self.settings.database_url):
            await upgrade(self.settings.database_url)  # PostgreSQL: `debrief db upgrade` job
        # One write before anything else: the first request already finds /readyz right,
        # and when the database refuses writes its ERROR line is the first, and clear.
        await self.write_probe.probe()
        self._runner = web.AppRunner(self.web, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.http_host, self.settings.http_port)
        await site.start()
        for name, platform in self.platforms.items():
            await platform.start()
            log.info("%s started", name)
        self.write_probe.start()
        self.dispatcher.start()
        self.tips.start()
        # What start-up built lives as long as the process: keep it out of the collector's
        # full passes, and collect the young less often (adapters.heap; issue 14).
        settle_heap()
        log.info("debrief is running on %s:%s (%s)", self.settings.http_host,
                 self.settings.http_port, ", ".join(self.platforms))

    async def stop(self) -> None:
        """Stop taking work, give back in-flight nudges, close connections.

        Readiness turns false first (a load balancer stops routing here); the dispatcher
        claims nothing more and waits up to ``DEBRIEF_SHUTDOWN_GRACE`` for the sends in
        flight, then gives the rest back (their leases end now, not after the lease); the
        platforms finish acknowledged requests and disconnect; the HTTP listener closes."""
        self._stopping = True
        grace = self.settings.shutdown_grace_seconds
        for part, stop in (("the dispatcher", self.dispatcher.stop(grace=grace)),
                           ("the tips", self.tips.stop(grace=grace))):
            try:  # giving claimed nudges back is a write: it may be refused
                await stop
            except Exception as exc:
                log.warning("stopping %s: %s; what it held is taken over when its lease "
                            "ends", part, type(exc).__name__)
        for platform in self.platforms.values():
            try:
                await platform.stop()
            except Exception:
                log.exception("stopping a platform failed")
        if self._runner is not None:
            await self._runner.cleanup()
        refusal = self.write_probe.refusal()
        await self.write_probe.stop()
        if refusal is not None:
            # Closing SQLite's last connection checkpoints through the mapped -shm: on files
            # that refuse writes that is SIGBUS (so is closing them as the interpreter
            # exits: serve() leaves with os._exit). Unfinished work stays in the inbox.
            self.left_open = refusal
            log.warning("leaving without closing the database (%s): closing it would crash "
                        "the process; unfinished requests run at the next start", refusal)
            return
        await self.engine.dispose()
        if self.inbox_engine is not self.engine:
            await self.inbox_engine.dispose()
        gc.unfreeze()  # a process that starts another runtime (the tests) collects them

    async def _healthz(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def _readyz(self, request: web.Request) -> web.Response:
        checks: dict[str, bool] = {"running": not self._stopping}
        try:
            async with asyncio.timeout(2):
                async with self.engine.connect() as connection:
                    await connection.execute(text("SELECT 1"))
            checks["database"] = True
        except Exception:
            checks["database"] = False
        # A database that answers reads but refuses writes cannot take requests: the write
        # probe (every few seconds) and the inboxes (written before every acknowledgement)
        # say whether their last write worked; a probe that works clears an inbox's failure.
        if self.write_probe.writable:
            for inbox in self._inboxes():
                inbox.writable = True
        checks["writes"] = (self.write_probe.writable and self.write_probe.refusal() is None
                            and all(inbox.writable for inbox in self._inboxes()))
        for name, platform in self.platforms.items():
            checks[name] = platform.connected()
        ready = all(checks.values())
        return web.json_response({"ready": ready, "checks": checks},
                                 status=200 if ready else 503)

    def _inboxes(self) -> list[DurableInbox]:
        inboxes = (getattr(p, "inbox", None) for p in self.platforms.values())
        return [inbox for inbox in inboxes if isinstance(inbox, DurableInbox)]

    async def _metrics_view(self, request: web.Request) -> web.Response:
        await self._refresh_nudge_counts()
        return web.Response(body=self.metrics.render(),
                            headers={"Content-Type": "text/plain; version=0.0.4"})

    async def _refresh_nudge_counts(self) -> None:
        """Nudges by status, and how many are pending and due now (a growing number means
        dispatch is falling behind). Two indexed counts, at most every few seconds."""
        if time.monotonic() - self._counts_at < NUDGE_COUNTS_MAX_AGE:
            return
        self._counts_at = time.monotonic()
        try:
            async with asyncio.timeout(2):
                async with self.engine.connect() as connection:
                    rows = await connection.execute(
                        select(nudges.c.status, func.count()).group_by(nudges.c.status))
                    counts = {str(status): int(n) for status, n in rows}
                    counts["pending_due"] = int((await connection.execute(
                        select(func.count()).select_from(nudges).where(
                            nudges.c.status == NudgeStatus.PENDING.value,
                            nudges.c.due_at <= datetime.now(UTC)))).scalar_one())
        except Exception as exc:  # the database is down: serve the other metrics anyway
            log.warning("could not count nudges for /metrics: %s", type(exc).__name__)
            return
        for status in NudgeStatus:
            counts.setdefault(status.value, 0)
        self.metrics.set_nudge_counts(counts)


async def serve(settings: Settings) -> int:
    runtime = Runtime(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await runtime.start()
        await stop.wait()
        log.info("shutting down")
    except BaseException as exc:
        await runtime.stop()
        # FilesRefuseWrites here is the start's migration, refused before any connection
        # was opened: the CLI says why. Anything else with files that refuse: leave now.
        if runtime.left_open is not None and not isinstance(exc, FilesRefuseWrites):
            log.error("debrief stopped: %s", type(exc).__name__, exc_info=True)
            _exit_now(1)
        raise
    await runtime.stop()
    if runtime.left_open is not None:
        _exit_now(0)
    return 0


def _exit_now(code: int) -> NoReturn:
    """Leave at once, logs flushed, no finalizers: they would close SQLite connections
    whose files refuse writes, and that kills the process with SIGBUS (Runtime.stop)."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
