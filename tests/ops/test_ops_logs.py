"""Logs: human lines by default, JSON lines with DEBRIEF_LOG_JSON, and never the text of a
person's answers - even at DEBUG, through the real Slack and Discord adapters, the real core
and SQL storage, with every library logging as it would in ``debrief run``."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from discord import gateway, http
from fake_discord import FakeDiscord
from fake_slack import BOT_TOKEN, FakeSlack, SlackUser
from slack_people import SIGNING_SECRET, HttpTransport, SlackPerson

from adapters.discord import DiscordAdapter
from adapters.logs import QUIET_LOGGERS, configure_logging
from adapters.settings import Settings
from adapters.slack import SlackAdapter
from bot.clock import SystemClock
from bot.config import CoreConfig
from bot.service import Debrief
from storage import create_engine, sql_uow_factory, upgrade

# The free-text answers, each with a word no log line would contain by chance.
ANSWERS = ["Told the zanzibarquokka outage story", "their xylophonemigration to Kubernetes",
           "What does plumtreesuccess look like?", "Five years of tangerineoncall rotations"]
MARKERS = [re.search(r"\b([a-z]{12,})\b", a).group(1) for a in ANSWERS]  # type: ignore[union-attr]
# Choices typed by number, in the order of bot.reflection.dialogue's questions: the type
# first ("5", something else: the general set), the optional new questions skipped.
TYPED = ["5", "2", ANSWERS[0], "skip", "2", ANSWERS[1], "1", "1,2", ANSWERS[2], "4",
         ANSWERS[3], "skip"]


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in (*QUIET_LOGGERS, "adapters")}
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


@pytest.fixture
async def core(tmp_path: Path) -> AsyncIterator[Debrief]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'debrief.db'}"
    await upgrade(url)
    engine = create_engine(url)
    yield Debrief(sql_uow_factory(engine), SystemClock(), CoreConfig())
    await engine.dispose()


def capture(*, quiet: bool, json_lines: bool = True) -> io.StringIO:
    """Everything logged at DEBUG, as ``debrief run`` would log it (``quiet``) or with every
    library at DEBUG too and no SafeRecords filter (the control: proves the reflection's
    texts were there to leak)."""
    stream = io.StringIO()
    handler = configure_logging(level="DEBUG", json_lines=json_lines, stream=stream)
    if not quiet:
        handler.filters.clear()
        for name in (*QUIET_LOGGERS, "adapters"):
            logging.getLogger(name).setLevel(logging.DEBUG)
    return stream


async def reflect_on_slack(core: Debrief) -> None:
    fake = FakeSlack()
    await fake.start()
    settings = Settings(_env_file=None, SLACK_BOT_TOKEN=BOT_TOKEN,  # type: ignore[call-arg]
                        SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=fake.api_url)
    adapter = SlackAdapter(settings, core)
    app = web.Application()
    adapter.mount(app)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/slack/events"
    await adapter.start()
    try:
        async with aiohttp.ClientSession() as session:
            ada = SlackPerson(fake, HttpTransport(url, session),
                              fake.add_user(SlackUser("UADA", "Ada", "Europe/Berlin")))
            await ada.slash("interview Acme")
            await fake.wait_for(lambda: ada.dm_messages())
            for n, answer in enumerate(TYPED, start=2):
                await ada.say(answer)
                await fake.wait_for(lambda n=n: len(ada.dm_messages()) >= n)
            assert "Your reflection" in json.dumps(ada.dm_messages()[-1]["blocks"])
            assert MARKERS[1] in json.dumps(ada.dm_messages()[-1]["blocks"])  # in the note
    finally:
        await adapter.stop()
        await runner.cleanup()
        await fake.stop()


async def reflect_on_discord(core: Debrief) -> None:
    fake = FakeDiscord()
    await fake.start()
    base, default_gateway = http.Route.BASE, gateway.DiscordWebSocket.DEFAULT_GATEWAY
    settings = Settings(_env_file=None, DISCORD_TOKEN=fake.token,  # type: ignore[call-arg]
                        DISCORD_API_URL=fake.api_url, DISCORD_GATEWAY_URL=fake.gateway_url)
    adapter = DiscordAdapter(settings, core)
    await adapter.start()
    try:
        alice = fake.add_user("alice")
        await fake.command(alice, "interview", company="Acme")
        await fake.wait_until(lambda: fake.dms(alice))
        for answer in TYPED:
            before = len(fake.dms(alice))
            await fake.send_dm(alice, answer)
            await fake.wait_until(lambda before=before: len(fake.dms(alice)) > before)
        summary = fake.dms(alice)[-1]
        assert summary["embeds"][0]["title"] == "Your reflection: Acme"
        assert MARKERS[1] in summary["content"]  # in the thank-you note
    finally:
        await adapter.stop()
        await fake.close()
        http.Route.BASE, gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, default_gateway


PLATFORMS: dict[str, Callable[[Debrief], Awaitable[None]]] = {
    "slack": reflect_on_slack, "discord": reflect_on_discord}


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
@pytest.mark.usefixtures("restore_logging")
async def test_a_whole_reflection_at_debug_logs_none_of_the_typed_answers(
        core: Debrief, platform: str) -> None:
    logged = capture(quiet=True)
    await PLATFORMS[platform](core)
    logging.getLogger(f"adapters.{platform}").debug("probe: DEBUG reaches the output")
    text = logged.getvalue()
    records = [json.loads(line) for line in text.splitlines()]
    assert records[-1]["message"] == "probe: DEBUG reaches the output"
    assert all({"time", "level", "logger", "message"} <= r.keys() for r in records)
    leaked = [m for m in MARKERS if m in text.lower()]
    assert not leaked, [r for r in records if any(m in json.dumps(r).lower() for m in leaked)]


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
@pytest.mark.usefixtures("restore_logging")
async def test_control_without_the_quiet_list_libraries_would_log_the_answers(
        core: Debrief, platform: str) -> None:
    logged = capture(quiet=False)
    await PLATFORMS[platform](core)
    assert any(m in logged.getvalue().lower() for m in MARKERS)


@pytest.mark.usefixtures("restore_logging")
def test_logs_are_human_lines_by_default_and_json_lines_on_request() -> None:
    human = io.StringIO()
    configure_logging(level="INFO", stream=human)
    logging.getLogger("adapters.runtime").info("debrief is running on %s", "0.0.0.0:3000")
    logging.getLogger("adapters.runtime").debug("not at INFO")
    assert re.fullmatch(r"\S+ \S+ INFO adapters.runtime: debrief is running on 0.0.0.0:3000\n",
                        human.getvalue())

    lines = io.StringIO()
    configure_logging(level="INFO", json_lines=True, stream=lines)
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("bot.nudges.dispatcher").exception("dispatch tick failed",
                                                      extra={"platform": "slack"})
    record = json.loads(lines.getvalue())
    assert record["level"] == "ERROR" and record["logger"] == "bot.nudges.dispatcher"
    assert record["message"] == "dispatch tick failed" and record["platform"] == "slack"
    assert "ValueError: boom" in record["exc_info"]


def test_log_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBRIEF_LOG_JSON", "true")
    monkeypatch.setenv("DEBRIEF_LOG_LEVEL", "debug")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.log_json is True and settings.log_level == "DEBUG"
    monkeypatch.setenv("DEBRIEF_LOG_LEVEL", "chatty")
    with pytest.raises(ValueError, match="not a log level"):
        Settings(_env_file=None)  # type: ignore[call-arg]


# -- hostile requests ------------------------------------------------------------------------

SECRET_WORD = "pineappleninetyfivek"


def _hostile_bodies(team: str) -> list[tuple[str, bytes, dict[str, str]]]:
    """(what, body, headers): requests an attacker (or a stale replay) can send."""
    from urllib.parse import urlencode

    from slack_people import signed
    command = urlencode({"team_id": team, "channel_id": "C1", "user_id": "UADA",
                         "command": "/debrief", "trigger_id": "t-stale",
                         "text": f"interview Acme notes:{SECRET_WORD} salary"})
    forged = f"x=1\n2026-11-30 12:00:00,000 ERROR adapters.runtime: {SECRET_WORD} forged\n"
    array = urlencode({"payload": json.dumps([{"type": "block_actions", "x": SECRET_WORD}])})
    return [
        # Genuine signature, but older than Slack's five minutes: Bolt logs such bodies.
        ("stale", command.encode(), signed(command, timestamp=1_000_000_000)),
        # A raw newline in the body, a timestamp that is no number (headers cannot carry
        # newlines: the HTTP client refuses them).
        ("forged line", forged.encode(), {"X-Slack-Request-Timestamp": "x forged",
                                          "X-Slack-Signature": f"v0={SECRET_WORD}",
                                          "Content-Type": "application/x-www-form-urlencoded"}),
        ("not utf-8", b"text=" + SECRET_WORD.encode() + b"\xff\xfe",
         signed("ignored")),
        ("array payload", array.encode(), signed(array)),
        ("huge", b"a=" + (SECRET_WORD.encode() + b"\n") * 50_000,
         {"Content-Type": "application/x-www-form-urlencoded"}),
    ]


@pytest.mark.usefixtures("restore_logging")
@pytest.mark.parametrize("json_lines", [False, True], ids=["human", "json"])
async def test_hostile_requests_at_debug_log_one_line_each_without_body_or_forged_lines(
        core: Debrief, json_lines: bool) -> None:
    logged = capture(quiet=True, json_lines=json_lines)
    fake = FakeSlack()
    await fake.start()
    settings = Settings(_env_file=None, SLACK_BOT_TOKEN=BOT_TOKEN,  # type: ignore[call-arg]
                        SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=fake.api_url)
    adapter = SlackAdapter(settings, core)
    app = web.Application()
    adapter.mount(app)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/slack/events"
    await adapter.start()
    statuses = {}
    try:
        async with aiohttp.ClientSession() as http:
            for what, body, headers in _hostile_bodies(fake.team_id):
                async with http.post(url, data=body, headers=headers) as resp:
                    statuses[what] = resp.status
    finally:
        await adapter.stop()
        await runner.cleanup()
        await fake.stop()
    text = logged.getvalue()
    assert statuses["stale"] == 401
    assert statuses["forged line"] == 400, "a timestamp that is no number"
    assert statuses["not utf-8"] in (400, 401) and statuses["array payload"] in (400, 401)
    assert statuses["huge"] in (401, 413)
    assert all(s < 500 for s in statuses.values()), statuses
    assert SECRET_WORD not in text.lower(), text[:3000]
    assert "forged" not in text
    assert len(text) < 20_000, "five hostile requests, a few short lines"
    for line in text.splitlines():
        if json_lines:
            json.loads(line)
        else:
            assert re.match(r"\S+ \S+ (DEBUG|INFO|WARNING|ERROR|CRITICAL) \S+: ", line) or \
                line.startswith("    "), line
