"""Every answer names its question (issue 12, item 1), through the real discord.py client:
concurrent clicks, a click while typing and old buttons store one answer.

Interactions are the fake's INTERACTION_CREATE payloads (type 3, MESSAGE_COMPONENT, with the
message and the component's custom_id: discord-api-docs, "Interactions > Receiving and
Responding"); typed DMs are MESSAGE_CREATE events."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fake_discord import FakeDiscord, FakeUser
from slow_core import SlowCore

from adapters.discord import DiscordAdapter
from bot.clock import FixedClock
from bot.memory import MemoryStore, memory_uow_factory
from bot.model import Interview
from bot.ports import UnitOfWorkFactory
from bot.service import Debrief
from bot.values import Identity
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.sql import sql_uow_factory

# As in tests/discord/conftest.py. Not imported from there: beside tests/slack, the module
# name 'conftest' can name the other package's, so `pytest tests/discord tests/slack` failed.
START = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
StartAdapter = Callable[..., Awaitable[DiscordAdapter]]


class TickingClock(FixedClock):
    """Moves on a millisecond at every reading, so "before" and "after" are never equal."""

    def now(self) -> datetime:
        self.advance(timedelta(milliseconds=1))
        return super().now()


@asynccontextmanager
async def postgres_store(url: str) -> AsyncIterator[UnitOfWorkFactory]:
    await upgrade(url)
    engine = create_engine(url)
    try:
        yield sql_uow_factory(engine)
    finally:
        await engine.dispose()


async def only_interview(uow: UnitOfWorkFactory, user: FakeUser) -> Interview:
    async with uow() as unit:
        person = await unit.users.get(Identity("discord", "discord", str(user.id)))
        assert person is not None and person.id is not None
        interviews = await unit.interviews.list_for_user(person.id)
    assert len(interviews) == 1
    return interviews[0]


async def first_question(fake: FakeDiscord, user: FakeUser) -> dict[str, Any]:
    # In a server: the questions go to the DM.
    await fake.command(user, "interview", company="Globex", type="other")
    await fake.wait_until(lambda: fake.dms(user) and fake.buttons(fake.dms(user)[0]))
    return copy.deepcopy(fake.dms(user)[0])  # as first shown, buttons live


async def clicks_at_once(fake: FakeDiscord, user: FakeUser, question: dict[str, Any],
                         count: int) -> None:
    labels = ["3.", "2.", "1."]
    await asyncio.gather(*(fake.click(user, question, labels[n % 3], as_seen=True)
                           for n in range(count)))
    await fake.wait_until(lambda: len(fake.dms(user)) >= count + 1)
    await asyncio.sleep(0.3)  # room for a wrongly accepted extra answer to show up


@pytest.mark.parametrize("count", [2, 20])
async def test_concurrent_clicks_on_one_question_store_one_answer(
        fake: FakeDiscord, start_adapter: StartAdapter, store: MemoryStore, count: int) -> None:
    await start_adapter()
    bob = fake.add_user("bob")
    question = await first_question(fake, bob)
    await clicks_at_once(fake, bob, question, count)
    interview = await only_interview(memory_uow_factory(store), bob)
    assert list(interview.answers) == ["memorable"]
    contents = [m["content"] for m in fake.dms(bob)[1:]]
    assert sum("already answered" in c for c in contents) == count - 1
    assert sum("question 2 of" in c for c in contents) == 1


@pytest.mark.postgres
async def test_twenty_concurrent_clicks_on_postgres_store_one_answer(
        fake: FakeDiscord, start_adapter: StartAdapter, pg_url: str) -> None:
    async with postgres_store(pg_url) as uow:
        await start_adapter(Debrief(uow, FixedClock(START)))
        bob = fake.add_user("bob")
        question = await first_question(fake, bob)
        await clicks_at_once(fake, bob, question, 20)
        interview = await only_interview(uow, bob)
        assert list(interview.answers) == ["memorable"]
        assert interview.answers_version == 1


async def test_typing_3_while_a_click_is_on_its_way_stores_one_answer(
        fake: FakeDiscord, start_adapter: StartAdapter) -> None:
    uow = memory_uow_factory(MemoryStore())
    clock = TickingClock(START)
    await start_adapter(SlowCore(Debrief(uow, clock), 0.3, answers_only=True), clock=clock)
    bob = fake.add_user("bob")
    question = await first_question(fake, bob)
    await fake.click(bob, question, "They'll remember me")
    await fake.send_dm(bob, "3")  # typed for the same question, before the click was stored
    await fake.wait_until(lambda: len(fake.dms(bob)) >= 3)
    await asyncio.sleep(0.3)
    interview = await only_interview(uow, bob)
    assert interview.answers == {"memorable": "memorable"}
    # Discord keeps no order between a click and a message: whichever is stored first wins,
    # the other is told (the slowed click: "already answered"; a slower message: "crossed").
    told = [m["content"] for m in fake.dms(bob)[1:]]
    assert sum("already answered" in t or "crossed with" in t for t in told) == 1


async def test_an_old_question_clicked_after_a_restart_does_nothing(
        fake: FakeDiscord, start_adapter: StartAdapter, store: MemoryStore) -> None:
    first = await start_adapter()
    bob = fake.add_user("bob")
    question = await first_question(fake, bob)
    await fake.click(bob, question, "They'll remember me", as_seen=True)
    await fake.wait_until(lambda: len(fake.dms(bob)) == 2)
    await first.stop()
    await start_adapter()  # a new process; the old message still shows live buttons
    await fake.click(bob, question, "A few moments", as_seen=True)
    await fake.wait_until(lambda: len(fake.dms(bob)) == 3)
    assert "already answered" in fake.dms(bob)[-1]["content"]
    interview = await only_interview(memory_uow_factory(store), bob)
    assert interview.answers == {"memorable": "memorable"}


async def test_a_refused_click_does_not_show_its_button_as_chosen(
        fake: FakeDiscord, start_adapter: StartAdapter, store: MemoryStore) -> None:
    """Bob answers by typing, then clicks a button on the same question: the click is
    refused, so the button he clicked must not stay green as if it were his answer."""
    await start_adapter()
    bob = fake.add_user("bob")
    question = await first_question(fake, bob)
    await fake.send_dm(bob, "3")
    await fake.wait_until(lambda: len(fake.dms(bob)) == 2)
    await fake.click(bob, question, "A few moments")
    await fake.wait_until(lambda: "already answered" in fake.dms(bob)[-1]["content"])
    buttons = fake.buttons(fake.messages[int(question["id"])])
    assert all(b.get("disabled") for b in buttons)  # the question is closed
    assert [b["style"] for b in buttons if b["style"] == 3] == []  # nothing shown as chosen
    interview = await only_interview(memory_uow_factory(store), bob)
    assert interview.answers == {"memorable": "memorable"}
