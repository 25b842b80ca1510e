"""The Slack test environment: a fake Slack, the REAL core on in-memory storage, and the
real Bolt app behind a real aiohttp server on an ephemeral loopback port."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import aiohttp
from aiohttp import web
from fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack, SlackUser
from slack_people import SIGNING_SECRET, HttpTransport, SlackPerson, SocketTransport
from slow_core import SlowCore

from adapters.settings import Settings
from adapters.slack import SlackAdapter
from bot.clock import FixedClock
from bot.config import CoreConfig
from bot.memory import MemoryStore, memory_uow_factory
from bot.ports import Conversation, UnitOfWorkFactory
from bot.service import Debrief

__all__ = ["START", "SlackEnv", "SlowCore", "make_settings", "open_env"]

# A Wednesday, 10:00 in Berlin: interviews logged "now" get thank-you nudges the same day.
START = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


@dataclass
class SlackEnv:
    fake: FakeSlack
    adapter: SlackAdapter
    core: Debrief
    clock: FixedClock
    uow: UnitOfWorkFactory
    ada: SlackPerson
    url: str
    http: aiohttp.ClientSession

    def person(self, user: SlackUser) -> SlackPerson:
        self.fake.add_user(user)
        return SlackPerson(self.fake, self.ada.transport, user)


def make_settings(fake: FakeSlack, *, socket: bool = False,
                  secret: str | None = SIGNING_SECRET) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=secret,
        SLACK_APP_TOKEN=APP_TOKEN if socket else None, SLACK_API_URL=fake.api_url,
        DISCORD_TOKEN=None,
    )


@asynccontextmanager
async def open_env(fake: FakeSlack, *, socket: bool = False, uow: UnitOfWorkFactory | None = None,
                   clock: FixedClock | None = None,
                   wrap: Callable[[Conversation], Conversation] | None = None,
                   ) -> AsyncIterator[SlackEnv]:
    """``uow``: share a store between envs (replicas, restarts); ``wrap`` the core (delays)."""
    clock = clock or FixedClock(START)
    shared = uow  # replicas and restarts share the inbox too
    uow = uow or memory_uow_factory(MemoryStore())
    core = Debrief(uow, clock, CoreConfig())
    conversation = wrap(core) if wrap else core
    adapter = SlackAdapter(make_settings(fake, socket=socket), conversation, clock=clock,
                           uow=shared)
    web_app = web.Application()
    adapter.mount(web_app)
    runner = web.AppRunner(web_app, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/slack/events"
    await adapter.start()
    http = aiohttp.ClientSession()
    transport = SocketTransport(fake) if socket else HttpTransport(url, http)
    ada = SlackPerson(fake, transport, fake.users["UADA"])
    try:
        yield SlackEnv(fake, adapter, core, clock, uow, ada, url, http)
    finally:
        await http.close()
        await adapter.stop()
        await runner.cleanup()
