"""``debrief run`` as operators run it: one subprocess serving Slack (over HTTP or Socket
Mode) and Discord together with the dispatcher, probes and metrics; SIGTERM ends it with
exit status 0 and gives back the nudges it was still sending."""

from __future__ import annotations

import asyncio
import json
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from fake_discord import FakeDiscord
from fake_slack import APP_TOKEN, BOT_TOKEN, SlackUser
from ops_env import DebriefProcess, OpsSlack, Report, nudge_rows, seed_due_nudges, wait_until
from prometheus_client.parser import text_string_to_metric_families
from slack_people import SIGNING_SECRET, HttpTransport, SlackPerson, SocketTransport


@pytest.fixture
async def slack() -> AsyncIterator[OpsSlack]:
    fake = OpsSlack()
    await fake.start()
    fake.add_user(SlackUser("UADA", "Ada", "Europe/Berlin"))
    yield fake
    fake.release()
    await fake.stop()


@pytest.fixture
async def discord_fake() -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord()
    await fake.start()
    yield fake
    await fake.close()


def slack_env(fake: OpsSlack, *, socket: bool = False) -> dict[str, str]:
    env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": fake.api_url}
    if socket:
        env["SLACK_APP_TOKEN"] = APP_TOKEN
    else:
        env["SLACK_SIGNING_SECRET"] = SIGNING_SECRET
    return env


def samples(text: str, name: str) -> dict[tuple[tuple[str, str], ...], float]:
    """The samples of one metric: {sorted labels: value}."""
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name:
                out[tuple(sorted(sample.labels.items()))] = sample.value
    return out


@pytest.mark.parametrize("slack_mode", ["http", "socket"])
async def test_one_process_serves_slack_and_discord_with_probes_and_metrics_and_exits_0_on_sigterm(
        tmp_path: Path, slack: OpsSlack, discord_fake: FakeDiscord, slack_mode: str,
        report: Report) -> None:
    env = {**slack_env(slack, socket=slack_mode == "socket"),
           "DISCORD_TOKEN": discord_fake.token, "DISCORD_API_URL": discord_fake.api_url,
           "DISCORD_GATEWAY_URL": discord_fake.gateway_url,
           "DEBRIEF_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'debrief.db'}"}
    bot = DebriefProcess(tmp_path, env)
    started = time.monotonic()
    await bot.start()
    try:
        ready = await bot.wait_ready(5)
        report(f"slack over {slack_mode} + discord ready in {time.monotonic() - started:.1f}s: "
               f"{ready['checks']}")
        assert ready["checks"] == {"running": True, "database": True, "writes": True,
                                   "slack": True, "discord": True}
        assert (await bot.get("/healthz"))[0] == 200

        async with aiohttp.ClientSession() as http:
            transport = (SocketTransport(slack) if slack_mode == "socket"
                         else HttpTransport(bot.url + "/slack/events", http))
            ada = SlackPerson(slack, transport, slack.users["UADA"])
            await ada.slash("interview Acme type:other")
            await slack.wait_for(lambda: ada.dm_messages(), within=15)
            assert "How memorable" in str(ada.dm_messages()[0]["blocks"])
            await ada.say("2")
            await slack.wait_for(lambda: len(ada.dm_messages()) >= 2, within=15)

        alice = discord_fake.add_user("alice")
        await discord_fake.command(alice, "interview", company="Globex", type="other")
        await discord_fake.wait_until(lambda: discord_fake.dms(alice), 15)
        assert "How memorable" in discord_fake.dms(alice)[0]["content"]

        status, text = await bot.get("/metrics")
        assert status == 200
        commands = samples(text, "debrief_commands_total")
        assert commands[(("command", "interview"), ("platform", "slack"))] == 1
        assert commands[(("command", "interview"), ("platform", "discord"))] == 1
        assert samples(text, "debrief_dialogue_turns_total")[(("platform", "slack"),)] == 1
        calls = samples(text, "debrief_platform_api_calls_total")
        assert calls[(("platform", "slack"),)] > 0 and calls[(("platform", "discord"),)] > 0
        assert samples(text, "debrief_nudges_stored")[(("status", "pending"),)] >= 1

        bot.signal(signal.SIGTERM)
        stopping = time.monotonic()
        assert await bot.wait(30) == 0, bot.output()
        report(f"SIGTERM -> exit 0 in {time.monotonic() - stopping:.1f}s")
        assert "shutting down" in bot.output()
    finally:
        await bot.kill()


async def test_sigterm_gives_back_the_nudges_it_was_still_sending(
        tmp_path: Path, slack: OpsSlack, report: Report) -> None:
    """Slack stops answering in the middle of a batch; SIGTERM waits the grace period, then
    cancels the sends and releases their leases, so another replica takes them at once."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'debrief.db'}"
    await seed_due_nudges(url, slack, 30, people=10)
    slack.hang = True
    bot = DebriefProcess(tmp_path, {**slack_env(slack), "DEBRIEF_DATABASE_URL": url,
                                    "DEBRIEF_DISPATCH_INTERVAL": "1s",
                                    "DEBRIEF_SHUTDOWN_GRACE": "2s",
                                    "DEBRIEF_LOG_JSON": "true"})
    await bot.start()
    try:
        await wait_until(lambda: len(slack.posts) >= 30, 20, "30 sends in flight")
        bot.signal(signal.SIGTERM)
        stopping = time.monotonic()
        code = await bot.wait(30)
        took = time.monotonic() - stopping
        assert code == 0, bot.output()
    finally:
        await bot.kill()
    rows = await nudge_rows(url)
    statuses = {row.status for row in rows}
    report(f"30 sends hanging at SIGTERM: exit {code} after {took:.1f}s "
           f"(grace 2s); nudge states after: {sorted(statuses)}")
    assert statuses == {"pending"}, "every nudge in flight was given back"
    assert all(row.attempts == 0 for row in rows), "a release does not use up an attempt"
    assert took < 15
    logged = [json.loads(line) for line in bot.output(whole=True).splitlines()]  # JSON lines, all
    assert any("releasing them" in r["message"] and r["level"] == "WARNING" for r in logged)


async def test_metrics_count_platform_errors_rate_limits_and_lateness(
        tmp_path: Path, slack: OpsSlack, report: Report) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'debrief.db'}"
    await seed_due_nudges(url, slack, 1, people=1)
    slack.rate_limit("conversations.open", times=1, retry_after=1)
    slack.http_error("conversations.open", status=503, times=1)
    bot = DebriefProcess(tmp_path, {**slack_env(slack), "DEBRIEF_DATABASE_URL": url,
                                    "DEBRIEF_DISPATCH_INTERVAL": "1s"})
    await bot.start()
    try:
        await wait_until(lambda: slack.delivered(), 20, "the nudge to be delivered")
        await asyncio.sleep(0.5)
        _, text = await bot.get("/metrics")
    finally:
        assert await bot.stop() == 0
    limited = samples(text, "debrief_platform_rate_limited_total")
    errors = samples(text, "debrief_platform_api_errors_total")
    sent = samples(text, "debrief_nudges_total")
    lateness = samples(text, "debrief_dispatch_lateness_seconds_count")
    report(f"metrics: rate limited {limited}, errors {errors}, lateness count {lateness}")
    assert limited == {(("platform", "slack"),): 1.0}
    assert errors == {(("kind", "http_503"), ("platform", "slack")): 1.0}
    assert sent[(("event", "sent"), ("platform", "slack"))] == 1
    assert lateness == {(("platform", "slack"),): 1.0}


async def test_a_discord_delivery_only_replica_sends_nudges_without_a_gateway_session(
        tmp_path: Path, discord_fake: FakeDiscord, report: Report) -> None:
    """Replicas beyond the one that holds the gateway session still deliver Discord nudges
    (over REST), so no nudge waits for the one replica that can take commands."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'debrief.db'}"
    alice = discord_fake.add_user("alice")
    await seed_due_nudges(url, None, 3, platform="discord", workspace="discord",
                          user_ids=[str(alice.id)])
    bot = DebriefProcess(tmp_path, {
        "DISCORD_TOKEN": discord_fake.token, "DISCORD_API_URL": discord_fake.api_url,
        "DISCORD_GATEWAY_URL": discord_fake.gateway_url, "DISCORD_DELIVERY_ONLY": "true",
        "DEBRIEF_DATABASE_URL": url, "DEBRIEF_DISPATCH_INTERVAL": "1s"})
    await bot.start()
    try:
        ready = await bot.wait_ready(5)
        await discord_fake.wait_until(lambda: len(discord_fake.dms(alice)) >= 3, 20)
    finally:
        assert await bot.stop() == 0, bot.output()
    texts = sorted(m["content"] for m in discord_fake.dms(alice))
    report(f"delivery-only replica: ready {ready['checks']}, {len(texts)} DMs sent, "
           f"{len(discord_fake.identifies)} gateway sessions")
    assert all("heard back from Co00000" in t for t in texts)
    assert discord_fake.identifies == [], "no gateway session: it takes no events"
