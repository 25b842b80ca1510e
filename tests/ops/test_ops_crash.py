"""Crash and scale: ``debrief run`` killed with SIGKILL mid-dispatch loses nothing and sends
nothing twice (Slack: the reminder's message metadata is looked for before a resend;
Discord: the same nonce with enforce_nonce), and three replicas on one PostgreSQL share the
work without sending anything twice."""

from __future__ import annotations

import asyncio
import signal
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from fake_discord import FakeDiscord
from fake_slack import BOT_TOKEN
from ops_env import (
    COMPANY,
    DebriefProcess,
    OpsSlack,
    Report,
    seed_due_nudges,
    status_counts,
    wait_until,
)
from slack_people import SIGNING_SECRET

from storage import upgrade

pytestmark = pytest.mark.slow


@pytest.fixture
async def slack() -> AsyncIterator[OpsSlack]:
    fake = OpsSlack(tokens=(BOT_TOKEN, "xoxb-replica-0", "xoxb-replica-1", "xoxb-replica-2"))
    await fake.start()
    yield fake
    fake.release()
    await fake.stop()


def bot_env(fake: OpsSlack, url: str, token: str = BOT_TOKEN, **extra: str) -> dict[str, str]:
    return {"SLACK_BOT_TOKEN": token, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": fake.api_url, "DEBRIEF_DATABASE_URL": url,
            "DEBRIEF_DISPATCH_INTERVAL": "1s", **extra}


async def test_kill_9_mid_dispatch_on_slack_loses_no_nudge_and_sends_none_twice(
        tmp_path: Path, slack: OpsSlack, report: Report) -> None:
    total = 5000
    url = f"sqlite+aiosqlite:///{tmp_path / 'debrief.db'}"
    await seed_due_nudges(url, slack, total, people=200)
    # Slow enough that a batch's sends take a while (200 at 64 at a time, 0.1 s each), so
    # the kill lands while sends are on the wire rather than between batches.
    slack.post_delay = 0.1
    env = bot_env(slack, url, DEBRIEF_NUDGE_LEASE="3s")

    first = DebriefProcess(tmp_path, env, name="first")
    await first.start()
    started = time.monotonic()
    try:
        # Not a multiple of the batch size (200), so the kill lands in the middle of one.
        await wait_until(lambda: len(slack.delivered()) >= 2077, 120,
                         "about 40% of the nudges delivered", every=0.02)
        first.signal(signal.SIGKILL)
        await first.wait()
    finally:
        await first.kill()
    await asyncio.sleep(0.3)  # let the fake finish recording what was on the wire
    delivered_before = sum(slack.delivered().values())
    at_kill = await status_counts(url)
    in_flight = at_kill.get("claimed", 0)
    report(f"SIGKILL after {time.monotonic() - started:.1f}s: {delivered_before} messages "
           f"delivered, DB {at_kill}; in flight (claimed, not marked sent) {in_flight}, of "
           f"which already on Slack {delivered_before - at_kill.get('sent', 0)}")

    second = DebriefProcess(tmp_path, env, name="second")
    restarted = time.monotonic()
    await second.start()
    try:
        await wait_until(lambda: len(slack.delivered()) >= total, 120, "every nudge delivered")
        await wait_until(lambda: _all_sent(url, total), 30, "every nudge marked sent")
        took = time.monotonic() - restarted
    finally:
        assert await second.stop() == 0, second.output()

    delivered = slack.delivered()
    duplicates = sum(delivered.values()) - len(delivered)
    report(f"after restart: {len(delivered)}/{total} nudges delivered in {took:.1f}s "
           f"(lease 3s), duplicates {duplicates}, in flight at the kill {in_flight}, "
           f"DB {await status_counts(url)}")
    assert len(delivered) == total, "nothing lost"
    assert duplicates == 0, "a resend finds the first attempt's message by its metadata"


async def _all_sent(url: str, total: int) -> bool:
    return (await status_counts(url)).get("sent", 0) == total


async def test_three_replicas_on_one_postgres_send_each_nudge_exactly_once_and_share_the_work(
        tmp_path: Path, slack: OpsSlack, pg_url: str, report: Report) -> None:
    total = 20_000
    await upgrade(pg_url)  # what the migration job does before replicas start
    slack.post_delay = 0.002
    replicas = [DebriefProcess(tmp_path, bot_env(slack, pg_url, f"xoxb-replica-{n}"),
                               name=f"replica-{n}") for n in range(3)]
    try:
        await asyncio.gather(*(r.start() for r in replicas))
        # Seeded once all three are up, as a backlog that comes due at once.
        await seed_due_nudges(pg_url, slack, total, people=500)
        started = time.monotonic()
        await wait_until(lambda: len(slack.delivered()) >= total, 240, "every nudge delivered")
        await wait_until(lambda: _all_sent(pg_url, total), 30, "every nudge marked sent")
        took = time.monotonic() - started
        for replica in replicas:
            assert await replica.stop() == 0, replica.output()
    finally:
        for replica in replicas:
            await replica.kill()

    delivered = slack.delivered()
    duplicates = sum(delivered.values()) - len(delivered)
    by_replica = Counter(p.token for p in slack.posts if p.status == 200 and p.company)
    share = ", ".join(f"{token.rsplit('-', 1)[-1]}: {n}" for token, n in sorted(
        by_replica.items(), key=lambda kv: str(kv[0])))
    report(f"3 replicas, {total} nudges in {took:.1f}s ({total / took:.0f}/s): delivered "
           f"{len(delivered)}, duplicates {duplicates}, lost {total - len(delivered)}; "
           f"sent per replica {share}")
    assert duplicates == 0
    assert len(delivered) == total
    assert len(by_replica) == 3 and min(by_replica.values()) > 0, by_replica


class SlowDiscord(FakeDiscord):
    """Creates each message at once but answers ``post_delay`` seconds later, so a kill
    lands while messages Discord already created are waiting for their answer."""

    post_delay = 0.0

    async def _rest(self, request: web.Request) -> web.Response:
        response = await super()._rest(request)
        if request.method == "POST" and request.path.endswith("/messages"):
            await asyncio.sleep(self.post_delay)
        return response

    def delivered(self) -> Counter[str]:
        found = (COMPANY.search(str(m.get("content") or "")) for m in self.sent)
        return Counter(m.group(1) for m in found if m)


async def test_kill_9_mid_dispatch_on_discord_loses_no_nudge_and_sends_none_twice(
        tmp_path: Path, report: Report) -> None:
    total = 1500
    fake = SlowDiscord()
    await fake.start()
    try:
        people = [str(fake.add_user(f"p{n}").id) for n in range(100)]
        url = f"sqlite+aiosqlite:///{tmp_path / 'debrief.db'}"
        await seed_due_nudges(url, None, total, platform="discord", workspace="discord",
                              user_ids=people)
        fake.post_delay = 0.1
        env = {"DISCORD_TOKEN": fake.token, "DISCORD_API_URL": fake.api_url,
               "DISCORD_GATEWAY_URL": fake.gateway_url, "DISCORD_DELIVERY_ONLY": "true",
               "DEBRIEF_DATABASE_URL": url, "DEBRIEF_DISPATCH_INTERVAL": "1s",
               "DEBRIEF_NUDGE_LEASE": "3s"}
        first = DebriefProcess(tmp_path, env, name="first")
        await first.start()
        try:
            await wait_until(lambda: len(fake.delivered()) >= 611, 120,
                             "about 40% of the nudges delivered", every=0.02)
            first.signal(signal.SIGKILL)
            await first.wait()
        finally:
            await first.kill()
        await asyncio.sleep(0.3)
        at_kill = await status_counts(url)
        created = sum(fake.delivered().values())
        second = DebriefProcess(tmp_path, env, name="second")
        restarted = time.monotonic()
        await second.start()
        try:
            await wait_until(lambda: _all_sent(url, total), 120, "every nudge marked sent")
            took = time.monotonic() - restarted
        finally:
            assert await second.stop() == 0, second.output()
        delivered = fake.delivered()
        duplicates = sum(delivered.values()) - len(delivered)
        report(f"discord: SIGKILL with {created} messages created, DB {at_kill} (in flight "
               f"{at_kill.get('claimed', 0)}); after restart {len(delivered)}/{total} "
               f"delivered in {took:.1f}s (lease 3s), duplicates {duplicates}")
    finally:
        await fake.close()
    assert len(delivered) == total, "nothing lost"
    assert duplicates == 0, "a resend carries the same nonce; Discord returns the first"
