"""Acknowledged only once durable, on Discord: every interaction and DM is written to the
inbox (keyed by Discord's interaction or message id) before it is acknowledged.

A redelivered interaction (the same INTERACTION_CREATE twice, as after a gateway resume)
runs once; an interaction that cannot be made durable is not acknowledged (Discord then
shows the person that it failed); a request whose process died after acknowledging it is
taken over from the inbox and answered in the person's DM. Payloads come from the fake's
gateway, shaped as discord-api-docs' Interaction object (developers/interactions/
receiving-and-responding.mdx).
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from fake_discord import FakeDiscord

from adapters.discord import DiscordAdapter
from adapters.discord.durable import incoming_from_json, incoming_to_json
from bot.inbox import InboxEntry
from bot.memory import MemoryStore, memory_uow_factory
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.values import AnswerKey, Command, Identity, Incoming, Surface


def interviews(store: MemoryStore) -> list[str]:
    return [i.company for i in store.interviews.rows.values()]


async def test_an_interaction_delivered_twice_runs_once(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore) -> None:
    alice = fake.add_user("alice")
    inter = await fake.command(alice, "interview", company="Initech")
    await fake.redeliver(inter)  # the same interaction again
    await fake.wait_until(lambda: fake.replies_to(inter))
    assert await adapter.idle(5)
    assert interviews(store) == ["Initech"]
    assert len(inter.callbacks) == 1


class RefusingInbox:
    def __init__(self, inner: UnitOfWorkFactory) -> None:
        self.inner = inner

    def __call__(self) -> UnitOfWork:
        uow = self.inner()

        async def refuse(*_: Any, **__: Any) -> Any:
            raise OSError("attempt to write a readonly database")
        uow.inbox.accept = refuse  # type: ignore[method-assign]
        return uow


async def test_an_interaction_that_cannot_be_made_durable_is_not_acknowledged(
        fake: FakeDiscord, start_adapter: Any, store: MemoryStore) -> None:
    adapter = await start_adapter(uow=RefusingInbox(memory_uow_factory(store)))
    alice = fake.add_user("alice")
    inter = await fake.command(alice, "interview", company="Globex")
    await asyncio.sleep(0.5)
    assert inter.callbacks == [], "no acknowledgement: Discord tells the person it failed"
    assert interviews(store) == [] and adapter.inbox.writable is False


async def test_a_request_whose_process_died_is_answered_in_the_dm_by_another(
        fake: FakeDiscord, start_adapter: Any, store: MemoryStore) -> None:
    adapter = await start_adapter(uow=memory_uow_factory(store))
    alice = fake.add_user("alice")
    incoming = Incoming(Identity("discord", "discord", str(alice.id)),
                        command=Command("interview", options=(("company", "Hooli"),)),
                        in_dm=False, channel_id=str(fake.channel_id), display_name="alice",
                        community_id=str(fake.guild_id))
    now = adapter.inbox._clock.now()
    async with memory_uow_factory(store)() as uow:  # written by a process that then died
        await uow.inbox.accept([InboxEntry(
            platform="discord", key="interaction:42", lane=str(incoming.identity),
            kind="command", payload=json.dumps({"key": "interaction:42",
                                                "incoming": incoming_to_json(incoming)}),
            lease_until=now - timedelta(seconds=1), received_at=now - timedelta(seconds=70))])
        await uow.commit()
    assert await adapter.inbox.sweep() == 1
    await fake.wait_until(lambda: fake.dms(alice))
    assert interviews(store) == ["Hooli"]
    assert any("Hooli" in m["content"] for m in fake.dms(alice))
    assert await adapter.idle(5)

    async def finished() -> bool:
        async with memory_uow_factory(store)() as uow:
            return await uow.inbox.count_open() == 0
    for _ in range(50):
        if await finished():
            break
        await asyncio.sleep(0.05)
    assert await finished(), "marked done once answered"


def test_an_incoming_survives_the_inbox_round_trip_field_by_field() -> None:
    full = Incoming(Identity("discord", "discord", "7"), text="2",
                    command=Command("outcome", "#3", (("result", "offer"),)), in_dm=False,
                    channel_id="C", display_name="Ann", is_admin=True,
                    platform_timezone="Europe/Berlin", community_id="G",
                    surface=Surface(buttons=False, channels=True, channel_link="<#{id}>"),
                    answer_key=AnswerKey(3, "memorable", 2),
                    received_at=datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    assert incoming_from_json(json.loads(json.dumps(incoming_to_json(full)))) == full
    bare = Incoming(Identity("discord", "discord", "7"))
    assert incoming_from_json(incoming_to_json(bare)) == bare
    older = incoming_to_json(full) | {"surface": [False, True]}  # written before channel_link
    assert incoming_from_json(older).surface == Surface(buttons=False, channels=True)
