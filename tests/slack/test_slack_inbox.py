"""Acknowledged only once durable: the inbox on Slack (adapters.inbox).

Replays of one signed request run once (its ``trigger_id`` or ``event_id`` is the inbox's
unique key), also when the retry reaches another replica on the same PostgreSQL; a request
that names nobody is refused with 400 and stores nothing; a request that cannot be written
to the inbox is not acknowledged (503), and its retry is handled once writes work again.
Payloads are shaped like Slack's slash command and Events API bodies (slack_bolt's
tests/scenario_tests/test_slash_command.py and test_events.py; docs.slack.dev "Slash
commands", "Events API").
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from fake_slack import FakeSlack
from slack_env import SlackEnv, make_settings
from slack_people import HttpTransport, SlackPerson, signed

from adapters.inbox import InboxSettings
from adapters.slack import SlackAdapter
from bot.clock import SystemClock
from bot.config import CoreConfig
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.service import Debrief
from bot.values import Identity
from storage import create_engine, sql_uow_factory, upgrade


async def interviews_of(uow: UnitOfWorkFactory, user_id: str, team: str = "T0001") -> int:
    async with uow() as tx:
        user = await tx.users.get(Identity("slack", team, user_id))
        if user is None or user.id is None:
            return 0
        return len(await tx.interviews.list_for_user(user.id))


async def people_in(uow: UnitOfWorkFactory, *user_ids: str) -> int:
    found = 0
    async with uow() as tx:
        for user_id in user_ids:
            found += await tx.users.get(Identity("slack", "T0001", user_id)) is not None
    return found


def command_body(fake: FakeSlack, text: str, **override: str) -> str:
    fields = {"token": "legacy", "team_id": fake.team_id, "channel_id": "C0GENERAL",
              "user_id": "UADA", "command": "/debrief", "text": text, "api_app_id": "A0001",
              "response_url": fake.response_url(), "trigger_id": uuid.uuid4().hex,
              **override}
    return urlencode({k: v for k, v in fields.items() if v is not None})


async def post(env: SlackEnv, body: str, content_type: str | None = None) -> int:
    headers = signed(body) if content_type is None else signed(body, content_type=content_type)
    async with env.http.post(env.url, data=body.encode(), headers=headers) as resp:
        return resp.status


async def test_three_replays_of_a_signed_slash_command_create_one_interview(
        slack_env: SlackEnv) -> None:
    body = command_body(slack_env.fake, "interview Acme")
    statuses = [await post(slack_env, body) for _ in range(4)]
    assert statuses == [200] * 4, "every replay is acknowledged"
    assert await slack_env.adapter.idle(5)
    assert await interviews_of(slack_env.uow, "UADA") == 1
    questions = [m for m in slack_env.ada.dm_messages() if m["blocks"]]
    assert len(questions) == 1, "one reflection started, not four"


async def test_twenty_concurrent_replays_create_one_interview(slack_env: SlackEnv) -> None:
    body = command_body(slack_env.fake, "interview Globex")
    statuses = await asyncio.gather(*(post(slack_env, body) for _ in range(20)))
    assert set(statuses) == {200}
    assert await slack_env.adapter.idle(5)
    assert await interviews_of(slack_env.uow, "UADA") == 1


async def test_requests_without_a_usable_person_are_refused_and_store_nothing(
        slack_env: SlackEnv) -> None:
    fake = slack_env.fake
    assert await post(slack_env, command_body(fake, "interview Acme", user_id="")) == 400
    assert await post(slack_env, command_body(fake, "interview Acme", team_id=None,  # type: ignore[arg-type]
                                              user_id="UEVE")) == 400
    click = {"type": "block_actions", "user": "UEVE", "team": {"id": fake.team_id},
             "api_app_id": "A0001", "trigger_id": uuid.uuid4().hex,
             "container": {"type": "message", "channel_id": "DUEVE", "message_ts": "1.2"},
             "actions": [{"type": "button", "action_id": "debrief_choice_1", "block_id": "b",
                          "value": "1", "text": {"type": "plain_text", "text": "1. Very"}}]}
    assert await post(slack_env, urlencode({"payload": json.dumps(click)})) == 400
    event = {"token": "legacy", "team_id": fake.team_id, "api_app_id": "A0001",
             "type": "event_callback", "event_id": "EvNOBODY", "event_time": 1,
             "event": {"type": "message", "channel_type": "im", "channel": "DUEVE",
                       "user": {"id": "UEVE"}, "text": "notes:secret", "ts": "1.000001"}}
    assert await post(slack_env, json.dumps(event), "application/json") == 400
    await asyncio.sleep(0.2)
    assert await people_in(slack_env.uow, "", "UEVE", "{'id': 'UEVE'}") == 0
    async with slack_env.uow() as tx:
        assert await tx.inbox.count_open() == 0


class RefusingWrites:
    """A unit-of-work factory whose inbox writes fail while ``refusing`` is set."""

    def __init__(self, inner: UnitOfWorkFactory) -> None:
        self.inner = inner
        self.refusing = True

    def __call__(self) -> UnitOfWork:
        uow = self.inner()
        if self.refusing:
            async def refuse(*_: Any, **__: Any) -> Any:
                raise OSError("disk I/O error")
            uow.inbox.accept = refuse  # type: ignore[method-assign]
        return uow


async def test_an_event_that_cannot_be_made_durable_is_not_acknowledged_and_its_retry_runs_once(
        fake: FakeSlack) -> None:
    core_uow = sql_free_memory()
    refusing = RefusingWrites(core_uow)
    async with adapter_on(fake, Debrief(core_uow, SystemClock(), CoreConfig()),
                          refusing) as (adapter, url, http):
        ada = SlackPerson(fake, HttpTransport(url, http), fake.users["UADA"])
        first = await ada.say("/debrief help", event_id="EvDURABLE")
        assert first.status == 503, "not acknowledged: Slack will retry"
        assert adapter.inbox.writable is False
        await asyncio.sleep(0.2)
        assert fake.posted() == [], "nothing was done with it"
        refusing.refusing = False
        retry = await ada.say("/debrief help", event_id="EvDURABLE", retry_num=1)
        again = await ada.say("/debrief help", event_id="EvDURABLE", retry_num=2)
        assert retry.status == again.status == 200
        assert await adapter.idle(5)
        assert len(fake.posted()) == 1 and adapter.inbox.writable


def sql_free_memory() -> UnitOfWorkFactory:
    from bot.memory import memory_uow_factory
    return memory_uow_factory()


@asynccontextmanager
async def adapter_on(fake: FakeSlack, core: Debrief, uow: UnitOfWorkFactory,
                     ) -> AsyncIterator[tuple[SlackAdapter, str, aiohttp.ClientSession]]:
    adapter = SlackAdapter(make_settings(fake), core, uow=uow,
                           inbox_settings=InboxSettings(lease=2, reclaim_interval=0.2))
    app = web.Application()
    adapter.mount(app)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    await adapter.start()
    try:
        async with aiohttp.ClientSession() as http:
            yield adapter, f"http://127.0.0.1:{runner.addresses[0][1]}/slack/events", http
    finally:
        await adapter.stop()
        await runner.cleanup()


async def test_an_event_retry_reaching_another_replica_on_postgres_runs_once(
        fake: FakeSlack, pg_url: str) -> None:
    await upgrade(pg_url)
    engines = [create_engine(pg_url), create_engine(pg_url)]
    try:
        uows = [sql_uow_factory(e) for e in engines]
        cores = [Debrief(u, SystemClock(), CoreConfig()) for u in uows]
        async with adapter_on(fake, cores[0], uows[0]) as (one, url_one, http), \
                adapter_on(fake, cores[1], uows[1]) as (two, url_two, _):
            ada = SlackPerson(fake, HttpTransport(url_one, http), fake.users["UADA"])
            first = await ada.say("/debrief interview Initech", event_id="EvREPLICA")
            ada.transport = HttpTransport(url_two, http)
            retry = await ada.say("/debrief interview Initech", event_id="EvREPLICA",
                                  retry_num=1)
            both = await asyncio.gather(*(
                SlackPerson(fake, HttpTransport(u, http), fake.users["UADA"]).say(
                    "/debrief interview Hooli", event_id="EvBOTH") for u in (url_one, url_two)))
            assert first.status == retry.status == 200 and {a.status for a in both} == {200}
            assert await one.idle(5) and await two.idle(5)
            assert await interviews_of(uows[0], "UADA") == 2, "Initech once, Hooli once"
    finally:
        for engine in engines:
            await engine.dispose()

