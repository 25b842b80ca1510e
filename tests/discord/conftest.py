"""Fixtures for the Discord adapter tests: a fake Discord on loopback and the real core.

``fake`` is :class:`fake_discord.FakeDiscord`; ``core`` is the real ``bot.service.Debrief``
on in-memory storage with a fixed clock; ``start_adapter`` starts a real
:class:`adapters.discord.DiscordAdapter` (real discord.py client) against the fake.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime

import pytest
import yarl
from discord import gateway, http
from fake_discord import FakeDiscord

from adapters.discord import DiscordAdapter
from adapters.settings import Settings
from bot.clock import FixedClock
from bot.memory import MemoryStore, memory_uow_factory
from bot.ports import Conversation
from bot.service import Debrief

START = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)

StartAdapter = Callable[..., Awaitable[DiscordAdapter]]


@pytest.fixture(autouse=True)
def _restore_discord_endpoints() -> Iterator[None]:
    """The adapter points discord.py's class-level endpoints at the fake; undo that."""
    base, default_gateway = http.Route.BASE, gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    http.Route.BASE, gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, default_gateway


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture
def bare_endpoints(fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point discord.py at the fake without the adapter (for tests of the fake itself)."""
    monkeypatch.setattr(http.Route, "BASE", fake.api_url)
    monkeypatch.setattr(gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def core(store: MemoryStore, clock: FixedClock) -> Debrief:
    return Debrief(memory_uow_factory(store), clock)


def settings_for(fake: FakeDiscord) -> Settings:
    return Settings(_env_file=None, DISCORD_TOKEN=fake.token,  # type: ignore[call-arg]
                    DISCORD_API_URL=fake.api_url, DISCORD_GATEWAY_URL=fake.gateway_url)


@pytest.fixture
async def start_adapter(fake: FakeDiscord, core: Debrief) -> AsyncIterator[StartAdapter]:
    """``await start_adapter()`` (real core) or ``start_adapter(conversation)``; each call is
    a fresh process-like adapter. All are stopped at the end of the test."""
    started: list[DiscordAdapter] = []

    async def start(conversation: Conversation | None = None, **kw: object) -> DiscordAdapter:
        adapter = DiscordAdapter(settings_for(fake), conversation or core, **kw)  # type: ignore[arg-type]
        await adapter.start()
        started.append(adapter)
        return adapter

    yield start
    for adapter in started:
        await adapter.stop()


@pytest.fixture
async def adapter(start_adapter: StartAdapter) -> DiscordAdapter:
    return await start_adapter()
