"""Fixtures for the Discord adapter tests: a fake Discord on loopback (``fake_discord``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import yarl
from discord import gateway, http
from fake_discord import FakeDiscord


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
