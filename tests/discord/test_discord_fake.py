"""The fake Discord speaks the wire format the real discord.py client expects."""

from __future__ import annotations

import asyncio

import discord
import pytest
from fake_discord import FakeDiscord


async def test_real_client_logs_in_connects_and_sees_the_guild(
        fake: FakeDiscord, bare_endpoints: None) -> None:
    client = discord.Client(intents=discord.Intents(guilds=True, dm_messages=True))
    ready = asyncio.Event()
    client.event(_on_ready(ready))
    await client.login(fake.token)
    task = asyncio.create_task(client.connect())
    try:
        await asyncio.wait_for(ready.wait(), 10)
        assert client.user is not None and client.user.id == fake.bot.id
        assert client.application_id == fake.app_id
        guild = client.get_guild(fake.guild_id)
        assert guild is not None and guild.get_channel(fake.channel_id) is not None
        assert fake.identifies[0]["intents"] == discord.Intents(guilds=True,
                                                                dm_messages=True).value
        assert [c.path for c in fake.calls[:2]] == ["/users/@me", "/oauth2/applications/@me"]
    finally:
        await client.close()
        await task


def _on_ready(event: asyncio.Event):  # type: ignore[no-untyped-def]
    async def on_ready() -> None:
        event.set()
    return on_ready


async def test_rest_answers_with_exact_json_content_type(fake: FakeDiscord) -> None:
    import aiohttp
    async with aiohttp.ClientSession() as session, \
            session.get(fake.api_url + "/users/@me") as resp:
        assert resp.headers["Content-Type"] == "application/json"
        assert resp.headers["Via"]


@pytest.mark.parametrize("status", [429])
async def test_injected_rate_limit_is_waited_out_by_discord_py(
        fake: FakeDiscord, bare_endpoints: None, status: int) -> None:
    client = discord.Client(intents=discord.Intents(guilds=True))
    await client.login(fake.token)
    try:
        fake.rate_limit_next("POST", r"^/channels/\d+/messages$", retry_after=0.2)
        channel = client.get_partial_messageable(fake.channel_id)
        msg = await channel.send("hello")
        posts = fake.calls_to("POST", r"^/channels/\d+/messages$")
        assert [c.status for c in posts] == [status, 200]
        assert posts[1].at - posts[0].at >= 0.2
        assert fake.messages[msg.id]["content"] == "hello"
    finally:
        await client.close()
