"""Acknowledged work survives ``kill -9``: 40 answers acknowledged, the process killed a few
milliseconds later, none lost - the inbox row written before each acknowledgement is taken
over after ``DEBRIEF_INBOX_LEASE`` by the restarted process."""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from fake_slack import BOT_TOKEN, SlackUser
from ops_env import DebriefProcess, OpsSlack, Report, wait_until
from slack_people import SIGNING_SECRET, HttpTransport, SlackPerson
from sqlalchemy import select

from storage import create_engine
from storage.mapping import interviews

pytestmark = pytest.mark.slow

PEOPLE = 40


@pytest.fixture
async def slack() -> AsyncIterator[OpsSlack]:
    fake = OpsSlack()
    await fake.start()
    yield fake
    fake.release()
    await fake.stop()


async def answered(url: str) -> int:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            rows = (await conn.execute(select(interviews.c.answers))).scalars().all()
    finally:
        await engine.dispose()
    return sum(1 for answers in rows if answers)


async def test_kill_9_right_after_40_acknowledged_answers_loses_none(
        tmp_path: Path, slack: OpsSlack, report: Report) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'debrief.db'}"
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": slack.api_url, "DEBRIEF_DATABASE_URL": url,
           "DEBRIEF_INBOX_LEASE": "2s"}
    first = DebriefProcess(tmp_path, env, name="first")
    await first.start()
    async with aiohttp.ClientSession() as http:
        people = [SlackPerson(slack, HttpTransport(first.url + "/slack/events", http),
                              slack.add_user(SlackUser(f"UP{n:03d}", f"P{n}", "UTC")))
                  for n in range(PEOPLE)]
        for person in people:
            await person.slash(f"interview Co{person.user.id}", channel=person.dm)
        await wait_until(lambda: all(p.dm_messages() for p in people), 60,
                         "every reflection's first question")
        slack.post_delay = 5.0  # replies take long: work is in flight when the kill lands
        started = time.monotonic()
        acks = await asyncio.gather(*(p.say("2") for p in people))
        acked = time.monotonic()
        first.signal(signal.SIGKILL)
        killed = time.monotonic()
        await first.wait()
        assert {a.status for a in acks} == {200}, "all 40 acknowledged"
    at_kill = await answered(url)
    slow = max(a.seconds for a in acks)
    report(f"40 answers acknowledged in {acked - started:.3f}s (slowest ack {slow * 1000:.0f} "
           f"ms), SIGKILL {1000 * (killed - acked):.1f} ms later: {at_kill} applied")

    slack.post_delay = 0.0
    second = DebriefProcess(tmp_path, env, name="second")
    restarted = time.monotonic()
    await second.start()
    try:
        await wait_until(lambda: _all(url), 60, "every acknowledged answer applied")
    finally:
        assert await second.stop() == 0, second.output()
    report(f"after restart: {await answered(url)}/{PEOPLE} answers applied within "
           f"{time.monotonic() - restarted:.1f}s (lease 2s); lost {PEOPLE - await answered(url)}")
    assert await answered(url) == PEOPLE


async def _all(url: str) -> bool:
    return await answered(url) == PEOPLE


async def test_an_event_retry_reaching_another_replica_on_postgres_runs_once(
        tmp_path: Path, slack: OpsSlack, pg_url: str, report: Report) -> None:
    from storage import upgrade
    await upgrade(pg_url)  # what the migration job does before replicas start
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": slack.api_url, "DEBRIEF_DATABASE_URL": pg_url}
    replicas = [DebriefProcess(tmp_path, env, name=f"replica-{n}") for n in range(2)]
    try:
        await asyncio.gather(*(r.start() for r in replicas))
        ada = slack.add_user(SlackUser("UADA", "Ada", "UTC"))
        async with aiohttp.ClientSession() as http:
            to = [SlackPerson(slack, HttpTransport(r.url + "/slack/events", http), ada)
                  for r in replicas]
            first = await to[0].say("/debrief help", event_id="EvRETRY1")
            retry = await to[1].say("/debrief help", event_id="EvRETRY1", retry_num=1)
            both = await asyncio.gather(*(p.say("/debrief tip", event_id="EvBOTH1")
                                          for p in to))
            assert first.status == retry.status == 200 and {a.status for a in both} == {200}
            await wait_until(lambda: len(slack.posted("DUADA")) >= 2, 30, "two replies")
            await asyncio.sleep(2)  # anything run twice would have answered by now
        replies = slack.posted("DUADA")
        report(f"2 replicas on PostgreSQL: an event and its retry to the other replica, and "
               f"one event sent to both at once -> {len(replies)} replies (2 expected)")
        assert len(replies) == 2
        for replica in replicas:
            assert await replica.stop() == 0, replica.output()
    finally:
        for replica in replicas:
            await replica.kill()
