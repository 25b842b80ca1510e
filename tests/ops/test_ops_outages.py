"""Outages: PostgreSQL cut off while ``debrief run`` works, and Slack answering 5xx or 429.

The bot must answer what it cannot do with the core's "try again in a minute", recover by
itself, lose no nudge, and back off from a failing platform instead of hammering it.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from fake_slack import BOT_TOKEN, SlackUser
from ops_env import DebriefProcess, OpsSlack, Report, seed_due_nudges, status_counts, wait_until
from prometheus_client.parser import text_string_to_metric_families
from slack_people import SIGNING_SECRET, HttpTransport, SlackPerson
from sqlalchemy import pool
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from adapters.slack.client import RATE_LIMIT_RETRIES, SERVER_ERROR_RETRIES
from bot import copy
from bot.nudges.dispatcher import DispatcherConfig
from storage import upgrade

pytestmark = pytest.mark.slow

TRY_AGAIN = "reach my database"
assert TRY_AGAIN in copy.TRY_AGAIN_LATER


@pytest.fixture
async def slack() -> AsyncIterator[OpsSlack]:
    fake = OpsSlack()
    await fake.start()
    fake.add_user(SlackUser("UADA", "Ada", "UTC"))
    yield fake
    fake.release()
    await fake.stop()


def bot_env(fake: OpsSlack, url: str, **extra: str) -> dict[str, str]:
    return {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.api_url, "DEBRIEF_DATABASE_URL": url,
            "DEBRIEF_DISPATCH_INTERVAL": "1s", "DEBRIEF_RETRY_BACKOFF": "1s", **extra}


async def ask(ada: SlackPerson, slack: OpsSlack, text: str) -> str:
    """Run ``/debrief <text>`` and return the reply the person sees."""
    before = len(slack.calls_to("response_url"))
    ack = await ada.slash(text)
    assert ack.status == 200
    if ack.body:  # the command could not be made durable: said so in the acknowledgement
        return str(ack.json()["text"]) if ack.body.startswith("{") else ack.body
    calls = await slack.wait_for_calls("response_url", before + 1, within=20)
    return calls[before].text


def metric(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and labels.items() <= sample.labels.items():
                total += sample.value
    return total


class Outage:
    """Cuts one PostgreSQL database off without touching the server: no new connections
    (``ALLOW_CONNECTIONS false``) and every open one terminated, again and again."""

    def __init__(self, url: str) -> None:
        self.database = make_url(url).database
        # The server's admin database, as in tests/conftest.py (not the one being cut off).
        admin_url = os.environ.get("DEBRIEF_TEST_POSTGRES_URL",
                                   "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
        self.admin: AsyncEngine = create_async_engine(
            admin_url, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
        self.terminated = 0
        self._task: asyncio.Task[None] | None = None

    async def _sql(self, statement: str) -> list[object]:
        async with self.admin.connect() as conn:
            result = await conn.exec_driver_sql(statement)
            return list(result.scalars()) if result.returns_rows else []

    async def begin(self) -> None:
        await self._sql(f'ALTER DATABASE "{self.database}" WITH ALLOW_CONNECTIONS false')
        self._task = asyncio.create_task(self._terminate_repeatedly())

    async def _terminate_repeatedly(self) -> None:
        while True:
            killed = await self._sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{self.database}' AND pid <> pg_backend_pid()")
            self.terminated += sum(1 for k in killed if k)
            await asyncio.sleep(0.2)

    async def end(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        await self._sql(f'ALTER DATABASE "{self.database}" WITH ALLOW_CONNECTIONS true')

    async def close(self) -> None:
        await self.end()
        await self.admin.dispose()


async def test_database_outage_gets_try_again_later_then_recovers_and_loses_no_nudge(
        tmp_path: Path, slack: OpsSlack, pg_url: str, report: Report) -> None:
    total = 300
    await upgrade(pg_url)
    # Due from a few seconds ago to a few seconds into the outage.
    await seed_due_nudges(pg_url, slack, total, people=50, spread=(-2.0, 8.0))
    bot = DebriefProcess(tmp_path, bot_env(slack, pg_url, DEBRIEF_NUDGE_LEASE="3s"))
    outage = Outage(pg_url)
    await bot.start()
    try:
        async with aiohttp.ClientSession() as http:
            ada = SlackPerson(slack, HttpTransport(bot.url + "/slack/events", http),
                              slack.users["UADA"])
            assert TRY_AGAIN not in await ask(ada, slack, "nudges")

            await outage.begin()
            cut = time.monotonic()
            await asyncio.sleep(1.0)
            during = [await ask(ada, slack, "nudges"), await ask(ada, slack, "history")]
            status, body = await bot.get("/readyz")
            _, metrics_text = await bot.get("/metrics")  # still served without a database
            await asyncio.sleep(max(0.0, 5.0 - (time.monotonic() - cut)))
            await outage.end()
            restored = time.monotonic()

            answers = 0
            while True:
                answers += 1
                reply = await ask(ada, slack, "nudges")
                if TRY_AGAIN not in reply:
                    break
                assert time.monotonic() - restored < 20, "did not recover by itself"
                await asyncio.sleep(0.5)
            recovered = time.monotonic() - restored

        await wait_until(lambda: len(slack.delivered()) >= total, 60, "every nudge delivered")
        await wait_until(lambda: _all_sent(pg_url, total), 30, "every nudge marked sent")
        assert await bot.stop() == 0, bot.output()
    finally:
        await bot.kill()
        await outage.close()

    delivered = slack.delivered()
    duplicates = sum(delivered.values()) - len(delivered)
    report(f"database cut off for {restored - cut:.1f}s ({outage.terminated} connections "
           f"terminated): replies during it {[TRY_AGAIN in d for d in during]} (try again "
           f"later), /readyz {status}; first good reply {recovered:.1f}s after it came back "
           f"(command #{answers}); nudges delivered {len(delivered)}/{total}, "
           f"duplicates {duplicates}")
    assert all(TRY_AGAIN in reply for reply in during)
    assert status == 503 and '"database": false' in body
    assert "debrief_commands_total" in metrics_text
    assert len(delivered) == total, "no nudge lost"


async def _all_sent(url: str, total: int) -> bool:
    return (await status_counts(url)).get("sent", 0) == total


@pytest.mark.parametrize("status", [503, 429])
async def test_platform_outage_delays_nudges_without_losing_or_hammering(
        tmp_path: Path, slack: OpsSlack, status: int, report: Report) -> None:
    total, outage_seconds = 60, 6.0
    url = f"sqlite+aiosqlite:///{tmp_path / 'debrief.db'}"
    await seed_due_nudges(url, slack, total, people=20, spread=(-5.0, 0.0))
    slack.outage = (status, {"Retry-After": "1"} if status == 429 else {})
    bot = DebriefProcess(tmp_path, bot_env(slack, url))
    await bot.start()
    try:
        await wait_until(lambda: slack.posts, 20, "the first failing send")
        began = slack.posts[0].at
        await asyncio.sleep(outage_seconds - (time.monotonic() - began))
        slack.outage = None
        ended = time.monotonic()
        await wait_until(lambda: len(slack.delivered()) >= total, 60, "every nudge delivered")
        await wait_until(lambda: _all_sent(url, total), 30, "every nudge marked sent")
        caught_up = time.monotonic() - ended
        _, metrics_text = await bot.get("/metrics")
        assert await bot.stop() == 0, bot.output()
    finally:
        await bot.kill()

    failed = [p for p in slack.posts if p.status != 200]
    per_nudge = Counter(p.company for p in failed)
    retries = SERVER_ERROR_RETRIES if status == 503 else RATE_LIMIT_RETRIES
    max_attempts = DispatcherConfig().max_attempts
    counted = (metric(metrics_text, "debrief_platform_rate_limited_total", platform="slack")
               if status == 429 else
               metric(metrics_text, "debrief_platform_api_errors_total", platform="slack",
                      kind="http_503"))
    report(f"Slack answered {status} for {ended - began:.1f}s: {len(failed)} calls for "
           f"{total} nudges ({len(failed) / total:.1f} per nudge, at most {max(per_nudge.values())}"
           f"; {len(failed) / total / (ended - began):.2f} per nudge per second); metrics "
           f"counted {counted:.0f}; all {total} delivered {caught_up:.1f}s after it ended, "
           f"duplicates {sum(slack.delivered().values()) - total}")
    assert (await status_counts(url)) == {"sent": total}, "delayed, not lost or failed"
    # Each dispatcher attempt is one call plus the Web API client's own retries, and the
    # attempts back off (1s, 2s, 4s ...): a bounded number of calls, not one per tick.
    assert max(per_nudge.values()) <= max_attempts * (1 + retries)
    assert len(failed) / total / (ended - began) < 1.5
    assert counted == len(failed)
