"""Every answer names its question (issue 12, item 1): double clicks, two replicas on one
PostgreSQL, a click while typing and old buttons after a restart all store one answer.

Payloads are the fake's ``block_actions`` and ``message`` events, shaped like Slack's own
(https://docs.slack.dev/reference/interaction-payloads/block_actions-payload and
https://docs.slack.dev/reference/events/message.im)."""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

import pytest
from fake_slack import FakeSlack
from slack_env import START, SlackEnv, SlowCore, open_env

from bot.clock import FixedClock
from bot.memory import MemoryStore, memory_uow_factory
from bot.model import Interview
from bot.ports import UnitOfWorkFactory
from bot.values import Identity
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.sql import sql_uow_factory


def _texts(message: dict[str, Any]) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


class TickingClock(FixedClock):
    """Moves on a millisecond at every reading, so "before" and "after" are never equal."""

    def now(self) -> datetime:
        self.advance(timedelta(milliseconds=1))
        return super().now()


async def only_interview(uow: UnitOfWorkFactory) -> Interview:
    async with uow() as unit:
        user = await unit.users.get(Identity("slack", "T0001", "UADA"))
        assert user is not None and user.id is not None
        interviews = await unit.interviews.list_for_user(user.id)
    assert len(interviews) == 1
    return interviews[0]


@asynccontextmanager
async def postgres_store(url: str) -> AsyncIterator[UnitOfWorkFactory]:
    await upgrade(url)
    engine = create_engine(url)
    try:
        yield sql_uow_factory(engine)
    finally:
        await engine.dispose()


async def settle(fake: FakeSlack, ada_messages: Any, count: int) -> None:
    await fake.wait_for(lambda: len(ada_messages()) >= count)
    await asyncio.sleep(0.3)  # room for a wrongly accepted extra answer to show up


@pytest.mark.postgres
async def test_a_double_click_reaching_two_replicas_on_postgres_stores_one_answer(
        fake: FakeSlack, pg_url: str) -> None:
    async with postgres_store(pg_url) as uow, open_env(fake, uow=uow) as one, \
            open_env(fake, uow=uow) as two:
        await one.ada.slash("interview Acme type:other")
        await fake.wait_for(lambda: one.ada.dm_messages())
        question = copy.deepcopy(one.ada.dm_messages()[0])
        first, second = await asyncio.gather(
            one.ada.click("They'll remember me", question),
            two.ada.click("A few moments stood out", question))
        assert first.status == second.status == 200
        await settle(fake, one.ada.dm_messages, 3)
        texts = [_texts(m) for m in one.ada.dm_messages()]
        assert sum("already answered" in t for t in texts) == 1
        assert sum("question 2 of" in t for t in texts) == 1
        interview = await only_interview(uow)
        assert list(interview.answers) == ["memorable"]
        assert interview.answers_version == 1


async def test_twenty_clicks_at_once_on_one_question_store_one_answer(
        slack_env: SlackEnv) -> None:
    fake, ada = slack_env.fake, slack_env.ada
    await ada.slash("interview Acme type:other")
    await fake.wait_for(lambda: ada.dm_messages())
    question = copy.deepcopy(ada.dm_messages()[0])
    labels = ["They'll remember me", "A few moments stood out", "I probably blended in"]
    acks = await asyncio.gather(*(ada.click(labels[n % 3], question) for n in range(20)))
    assert {a.status for a in acks} == {200}
    await settle(fake, ada.dm_messages, 21)
    interview = await only_interview(slack_env.uow)
    assert list(interview.answers) == ["memorable"]
    texts = [_texts(m) for m in ada.dm_messages()]
    assert sum("already answered" in t for t in texts) == 19


async def test_typing_3_while_a_click_is_on_its_way_stores_one_answer(fake: FakeSlack) -> None:
    store = memory_uow_factory(MemoryStore())
    async with open_env(fake, uow=store, clock=TickingClock(START),
                        wrap=lambda core: SlowCore(core, 0.3, answers_only=True)) as env:
        ada = env.ada
        await ada.slash("interview Acme type:other")
        await fake.wait_for(lambda: ada.dm_messages())
        await ada.click("They'll remember me")
        await ada.say("3")  # typed for the same question, before the click was stored
        await settle(fake, ada.dm_messages, 3)
        interview = await only_interview(store)
        assert interview.answers == {"memorable": "memorable"}
        crossed = _texts(ada.dm_messages()[-1])
        assert "crossed with your previous answer" in crossed
        assert "question 2 of" in crossed  # asked again, still unanswered
        await ada.say("the story about the outage")
        await fake.wait_for(lambda: "question 3 of" in _texts(ada.dm_messages()[-1]))
        interview = await only_interview(store)
        assert interview.answers["remember"] == "the story about the outage"


async def test_an_old_button_after_a_restart_does_nothing(fake: FakeSlack) -> None:
    store = memory_uow_factory(MemoryStore())
    async with open_env(fake, uow=store) as before:
        await before.ada.slash("interview Acme type:other")
        await fake.wait_for(lambda: before.ada.dm_messages())
        question = before.ada.dm_messages()[0]
        fake.fail("chat.update", "internal_error")  # so the buttons stay on the question
        await before.ada.click("They'll remember me", question)
        await fake.wait_for(lambda: len(before.ada.dm_messages()) == 2)
        await fake.wait_for(lambda: fake.calls_to("chat.update"))
    async with open_env(fake, uow=store) as after:  # a new process, same database
        await after.ada.click("A few moments stood out", fake.messages[question["ts"]])
        await settle(fake, after.ada.dm_messages, 3)
        assert "already answered" in _texts(after.ada.dm_messages()[-1])
        interview = await only_interview(store)
        assert interview.answers == {"memorable": "memorable"}
        assert interview.answers_version == 1
