"""``debrief run``: every configured platform, the dispatcher and the HTTP listener in one
process, with a graceful shutdown on SIGTERM/SIGINT.

HTTP: ``POST /slack/events`` (when Slack runs over HTTP), ``GET /healthz`` (alive),
``GET /readyz`` (database reachable and platforms connected), ``GET /metrics``.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Protocol

from aiohttp import web
from sqlalchemy import text

from adapters.cli import core_config
from adapters.gateways import RoutingGateway
from adapters.metrics import Metrics
from adapters.settings import Settings
from bot.clock import SystemClock
from bot.dispatcher import Dispatcher, DispatcherConfig
from bot.grammar import CommandSyntaxError, is_command, parse_command
from bot.ports import ChatGateway, Conversation
from bot.service import Debrief
from bot.values import Identity, Incoming, Reply
from storage import create_engine, sql_uow_factory, upgrade
from storage.engine import is_sqlite

__all__ = ["InstrumentedConversation", "Runtime", "serve"]

log = logging.getLogger(__name__)


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

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.metrics = Metrics()
        self.engine = create_engine(settings.database_url)
        uow = sql_uow_factory(self.engine)
        clock = SystemClock()
        self.core = Debrief(uow, clock, core_config(settings))
        self.conversation: Conversation = InstrumentedConversation(self.core, self.metrics)
        self.web = web.Application()
        self.platforms: dict[str, PlatformAdapter] = {}
        if settings.slack_configured:
            from adapters.slack import SlackAdapter
            slack = SlackAdapter(settings, self.conversation)
            if not settings.slack_app_token:
                slack.mount(self.web)
            self.platforms["slack"] = slack
        if settings.discord_configured:
            from adapters.discord import DiscordAdapter
            self.platforms["discord"] = DiscordAdapter(settings, self.conversation)
        gateway = RoutingGateway({name: p.gateway for name, p in self.platforms.items()})
        self.dispatcher = Dispatcher(uow, gateway, clock, self.core.config,
                                     DispatcherConfig(interval=settings.dispatch_seconds),
                                     observer=self.metrics)
        self.core.on_scheduled = self.dispatcher.wake
        self.web.router.add_get("/healthz", self._healthz)
        self.web.router.add_get("/readyz", self._readyz)
        self.web.router.add_get("/metrics", self._metrics_view)
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        if is_sqlite(self.settings.database_url):
            await upgrade(self.settings.database_url)  # PostgreSQL: `debrief db upgrade` job
        self._runner = web.AppRunner(self.web, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.http_host, self.settings.http_port)
        await site.start()
        for name, platform in self.platforms.items():
            await platform.start()
            log.info("%s started", name)
        self.dispatcher.start()
        log.info("debrief is running on %s:%s (%s)", self.settings.http_host,
                 self.settings.http_port, ", ".join(self.platforms))

    async def stop(self) -> None:
        """Stop taking work, give back in-flight nudges, close connections."""
        await self.dispatcher.stop()
        for platform in self.platforms.values():
            try:
                await platform.stop()
            except Exception:
                log.exception("stopping a platform failed")
        if self._runner is not None:
            await self._runner.cleanup()
        await self.engine.dispose()

    async def _healthz(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def _readyz(self, request: web.Request) -> web.Response:
        checks: dict[str, bool] = {}
        try:
            async with asyncio.timeout(2):
                async with self.engine.connect() as connection:
                    await connection.execute(text("SELECT 1"))
            checks["database"] = True
        except Exception:
            checks["database"] = False
        for name, platform in self.platforms.items():
            checks[name] = platform.connected()
        ready = all(checks.values())
        return web.json_response({"ready": ready, "checks": checks},
                                 status=200 if ready else 503)

    async def _metrics_view(self, request: web.Request) -> web.Response:
        return web.Response(body=self.metrics.render(),
                            headers={"Content-Type": "text/plain; version=0.0.4"})


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
    finally:
        await runtime.stop()
    return 0
