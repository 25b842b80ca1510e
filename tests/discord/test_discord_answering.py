"""The first response to a command: the answer itself when the work is fast, else a
"thinking" defer edited later; never lost, never twice, never private text in a channel.

Discord wants an initial response within 3 seconds (discord-api-docs, developers/
interactions/receiving-and-responding.mdx, "Interaction Callback"). Work done within the
handlers' answer budget is sent as the callback itself (CHANNEL_MESSAGE_WITH_SOURCE, type 4);
slower work is deferred (type 5, DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE) and the placeholder
edited when it is done. With a budget of 0 every command is deferred (adapters/discord/
pending.py).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fake_discord import EPHEMERAL, FakeDiscord
from test_discord_lifecycle import shown

from adapters.discord import DiscordAdapter
from bot import copy
from bot.memory import MemoryStore
from bot.service import Debrief
from bot.values import Destination, Identity, Incoming, Reply

CALLBACK = r"^/interactions/\d+/[^/]+/callback$"


class Slowed:
    """The real core, each call first waiting ``delay`` seconds; notes when calls end."""

    def __init__(self, core: Debrief) -> None:
        self.core = core
        self.delay = 0.0
        self.finished: list[float] = []

    async def handle(self, incoming: Incoming) -> list[Reply]:
        await asyncio.sleep(self.delay)
        try:
            return await self.core.handle(incoming)
        finally:
            self.finished.append(time.perf_counter())

    async def home(self, identity: Identity) -> Reply:
        return await self.core.home(identity)

    async def suggest_interviews(self, identity: Identity, current: str
                                 ) -> list[tuple[str, str]]:
        return await self.core.suggest_interviews(identity, current)


class Private:
    """Answers every command with one reply meant for the DM only."""

    async def handle(self, incoming: Incoming) -> list[Reply]:
        return [Reply(text="your reflection, Kim", destination=Destination.DM)]

    async def home(self, identity: Identity) -> Reply:
        return Reply(text="home")


def webhook_calls(fake: FakeDiscord) -> list[Any]:
    return [c for c in fake.calls if c.path.startswith("/webhooks/")]


async def test_without_a_budget_a_command_is_acknowledged_once_durable_and_edited_in(
        fake: FakeDiscord, start_adapter: Any) -> None:
    adapter = await start_adapter(answer_budget=0.0)
    ann = fake.add_user("ann")
    inter = await fake.command(ann, "help")
    await fake.wait_until(lambda: fake.settled(inter) and fake.replies_to(inter))
    assert await adapter.idle(5)
    assert inter.callbacks == [{"type": 5, "data": {"flags": EPHEMERAL}}]
    [answer] = fake.replies_to(inter)
    assert "/debrief forget" in shown(answer) and answer["flags"] & EPHEMERAL
    assert len(fake.calls_to("PATCH", r"/messages/@original$")) == 1  # one edit, no more
    assert not fake.calls_to("DELETE", r"/messages/@original$")


async def test_fast_work_is_answered_in_the_callback_with_one_request(
        fake: FakeDiscord, adapter: DiscordAdapter) -> None:
    ann = fake.add_user("ann")
    inter = await fake.command(ann, "help")
    await fake.wait_until(lambda: inter.callbacks)
    await asyncio.sleep(0.2)
    [callback] = inter.callbacks
    assert callback["type"] == 4 and callback["data"]["flags"] & EPHEMERAL
    assert "/debrief forget" in shown(callback["data"])  # the whole of help
    # Help (over 2,000 characters) is one embed: the callback; no follow-up, edit or delete.
    assert webhook_calls(fake) == []


async def test_slow_work_is_deferred_then_the_thinking_message_edited(
        fake: FakeDiscord, start_adapter: Any, core: Debrief) -> None:
    slow = Slowed(core)
    slow.delay = 0.5
    adapter = await start_adapter(slow)
    adapter.handlers.answer_budget = 0.1
    hana = fake.add_user("hana")
    inter = await fake.command(hana, "help")
    await fake.wait_until(lambda: fake.settled(inter) and fake.replies_to(inter))
    assert inter.callbacks == [{"type": 5, "data": {"flags": EPHEMERAL}}]
    assert inter.callback_at is not None and inter.callback_at < slow.finished[0]
    [answer] = fake.replies_to(inter)
    assert "/debrief" in shown(answer) and answer["flags"] & EPHEMERAL
    assert fake.calls_to("PATCH", r"/messages/@original$")  # the placeholder, edited


async def test_a_failed_answer_in_the_callback_sends_the_answer_to_the_dm(
        fake: FakeDiscord, adapter: DiscordAdapter, store: MemoryStore) -> None:
    ivy = fake.add_user("ivy")
    fake.fail_next("POST", CALLBACK, status=404, code=10062)  # "Unknown interaction"
    inter = await fake.command(ivy, "interview", company="Globex", type="other")
    await fake.wait_until(lambda: len(fake.dms(ivy)) >= 2)
    assert await adapter.idle(5)
    assert [i.company for i in store.interviews.rows.values()] == ["Globex"]
    dms = [m["content"] for m in fake.dms(ivy)]
    assert any("Globex" in text for text in dms)  # the confirmation the callback carried
    assert any("How memorable" in text for text in dms)  # and the reflection, once
    assert sum("How memorable" in text for text in dms) == 1
    assert fake.replies_to(inter) == [] and webhook_calls(fake) == []


async def test_a_failed_acknowledgement_runs_nothing_and_trying_again_works(
        fake: FakeDiscord, start_adapter: Any, store: MemoryStore) -> None:
    adapter = await start_adapter(answer_budget=0.0)  # "thinking" first, always
    ivy = fake.add_user("ivy")
    fake.fail_next("POST", CALLBACK, status=404, code=10062)  # "Unknown interaction"
    failed = await fake.command(ivy, "interview", company="Globex", type="other")
    await fake.wait_until(lambda: fake.calls_to("POST", CALLBACK))
    assert await adapter.idle(5)
    await asyncio.sleep(0.2)
    # Discord showed ivy "The application did not respond": nothing was logged or sent.
    assert store.interviews.rows == {} and fake.dms(ivy) == []
    assert fake.replies_to(failed) == []
    again = await fake.command(ivy, "interview", company="Globex", type="other")
    await fake.wait_until(lambda: fake.dms(ivy) and fake.replies_to(again))
    assert [i.company for i in store.interviews.rows.values()] == ["Globex"]
    assert "Globex" in fake.replies_to(again)[0]["content"]


async def test_a_click_while_a_slow_request_runs_is_acknowledged_at_once_and_answered_after(
        fake: FakeDiscord, start_adapter: Any, core: Debrief) -> None:
    slow = Slowed(core)
    adapter = await start_adapter(slow)
    adapter.handlers.answer_budget = 0.1
    jo = fake.add_user("jo")
    await fake.command(jo, "interview", company="Acme", type="other")
    await fake.wait_until(lambda: fake.dms(jo))
    question = fake.dms(jo)[-1]
    slow.delay = 0.6
    busy = await fake.command(jo, "history")
    await asyncio.sleep(0.05)
    slow.delay = 0.0
    click = await fake.click(jo, question, "2.")
    await fake.wait_until(lambda: click.callbacks)
    assert click.callbacks[0]["type"] == 7  # the buttons are disabled at once
    await fake.wait_until(lambda: len(fake.dms(jo)) > 1 and fake.settled(busy))
    assert busy.callbacks[0]["type"] == 5  # too slow to answer in the callback
    history_done = slow.finished[1]
    assert click.callback_at is not None and click.callback_at < history_done
    assert "remember about you" in fake.dms(jo)[-1]["content"]  # the click's work, after
    assert len(slow.finished) == 3 and slow.finished[2] >= history_done
    assert await adapter.idle(5)


async def test_dm_only_replies_in_a_server_are_deferred_and_never_shown_there(
        fake: FakeDiscord, start_adapter: Any) -> None:
    adapter = await start_adapter(Private())
    kim = fake.add_user("kim")
    inter = await fake.command(kim, "help")
    await fake.wait_until(lambda: fake.dms(kim) and fake.settled(inter))
    assert inter.callbacks == [{"type": 5, "data": {"flags": EPHEMERAL}}]
    assert inter.deleted_original and fake.replies_to(inter) == []
    assert [m["content"] for m in fake.dms(kim)] == ["your reflection, Kim"]
    assert not any("reflection, Kim" in m["content"] for m in fake.sent
                   if m["channel_id"] == str(fake.channel_id))

    lee = fake.add_user("lee")
    fake.close_dms(lee)
    closed = await fake.command(lee, "help")
    await fake.wait_until(lambda: fake.settled(closed) and fake.replies_to(closed))
    [hint] = fake.replies_to(closed)
    assert hint["content"].startswith(copy.DMS_CLOSED_HINT[:40]) and hint["flags"] & EPHEMERAL
    assert not any("reflection, Kim" in m["content"] for m in fake.sent
                   if m["channel_id"] == str(fake.channel_id))
    assert await adapter.idle(5)


async def test_a_slow_interaction_delivered_twice_runs_and_is_answered_once(
        fake: FakeDiscord, start_adapter: Any, core: Debrief, store: MemoryStore) -> None:
    slow = Slowed(core)
    slow.delay = 0.3
    adapter = await start_adapter(slow)
    adapter.handlers.answer_budget = 0.1
    alice = fake.add_user("alice")
    inter = await fake.command(alice, "interview", company="Initech")
    await fake.wait_until(lambda: inter.callbacks)
    await fake.redeliver(inter)  # again, while its work runs
    await fake.wait_until(lambda: fake.settled(inter) and fake.replies_to(inter))
    assert await adapter.idle(5)
    await asyncio.sleep(0.2)
    assert [i.company for i in store.interviews.rows.values()] == ["Initech"]
    assert len(fake.calls_to("POST", CALLBACK)) == 1
    assert len(slow.finished) == 1


async def test_a_command_behind_the_persons_running_request_is_deferred_at_once(
        fake: FakeDiscord, start_adapter: Any, core: Debrief) -> None:
    slow = Slowed(core)
    slow.delay = 0.5
    adapter = await start_adapter(slow)
    max_ = fake.add_user("max")
    first = await fake.command(max_, "help")
    await asyncio.sleep(0.1)
    second = await fake.command(max_, "interview", company="Hooli", type="other")
    await fake.wait_until(lambda: fake.settled(first) and fake.settled(second)
                          and fake.replies_to(second), wait_s=5)
    assert first.callbacks[0]["type"] == 4  # its work was done within the budget
    # The second waits behind the first (one person's requests run in order), so it is
    # acknowledged at once rather than after the budget, and edited when its turn comes.
    assert second.callbacks == [{"type": 5, "data": {"flags": EPHEMERAL}}]
    assert second.callback_at is not None and second.callback_at < slow.finished[0]
    assert "Hooli" in fake.replies_to(second)[0]["content"]
    assert await adapter.idle(5)


async def test_a_crowd_is_acknowledged_first_and_everyone_answered_once_after(
        fake: FakeDiscord, start_adapter: Any, core: Debrief) -> None:
    """Twelve acknowledgements on their way (Discord slow to take them) is a crowd: work
    whose acknowledgement is already done still waits until the crowd has gone (0.2 s after
    it was last seen, adapters.lanes.CROWD_MEMORY), not just adapters.lanes.MAX_YIELD; then
    everybody gets their own answer, once."""
    slow = Slowed(core)
    started: dict[str, float] = {}
    handle = slow.handle

    async def noted(incoming: Incoming) -> list[Reply]:
        started[incoming.identity.user_id] = time.perf_counter()
        return await handle(incoming)

    slow.handle = noted  # type: ignore[method-assign]
    adapter = await start_adapter(slow)
    # Long enough that the crowd is still on its way when the last quick one arrives, on a
    # busy machine too (0.6 s was not, with other tests running beside it).
    fake.callback_delay = 1.5
    crowd = [await fake.command(fake.add_user(f"slow{n}"), "help") for n in range(12)]
    await asyncio.sleep(0.05)
    fake.callback_delay = 0.0
    quick = []
    for n in range(10):
        quick.append(await fake.command(fake.add_user(f"quick{n}"), "help"))
        await asyncio.sleep(0.01)
    last_arrival = time.perf_counter()
    everyone = crowd + quick
    await fake.wait_until(lambda: all(fake.settled(i) and fake.replies_to(i)
                                      for i in everyone), wait_s=15)
    assert await adapter.idle(5)
    assert all(i.callback_at and i.callback_at < last_arrival for i in quick)
    quick_work = [started[str(i.user.id)] for i in quick]
    assert min(quick_work) > last_arrival + 0.15, "work waited for the crowd to go"
    assert all(i.callbacks == [{"type": 5, "data": {"flags": EPHEMERAL}}] for i in quick)
    for inter in everyone:
        assert len(inter.callbacks) == 1
        [answer] = fake.replies_to(inter)
        assert "/debrief forget" in shown(answer)
    deferred = [i for i in everyone if i.callbacks[0]["type"] == 5]
    assert len(fake.calls_to("PATCH", r"/messages/@original$")) == len(deferred)
