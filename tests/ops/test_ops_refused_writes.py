"""A SQLite database that refuses writes while ``debrief run`` works (issue 12, item 9).

Seen before: the database files made immutable mid-run killed the process with SIGBUS
(SQLite's store into its ``-shm`` mapping, see ``storage.sqlite_files``), nothing logged, an
acknowledged answer lost; restarted on them, ``/readyz`` said ready while every write
failed, and 858 traceback lines were logged in 12 s.

Now: the process lives, ``/readyz`` fails within the write probe's interval, slash commands
are refused in their acknowledgement (nothing is taken that could be lost), one ERROR line a
minute at most; once the attribute is removed it recovers by itself and what was
acknowledged before is all there. Needs ``chattr`` and a filesystem that keeps the immutable
attribute (ext4, xfs, btrfs) and root: skipped, with the reason, elsewhere.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import subprocess
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fake_slack import BOT_TOKEN, SlackUser
from ops_env import STARTED, DebriefProcess, OpsSlack, Report, debrief_command, wait_until
from slack_people import SIGNING_SECRET, HttpTransport, SlackPerson

from bot import copy

pytestmark = pytest.mark.slow

PROBE_INTERVAL = 5.0  # adapters.write_probe.WriteProbe's default


def chattr(flag: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True, text=True,
                          check=False)


def thawing(files: list[Path]) -> Callable[[], bool]:
    """What makes ``files`` writable again (the immutable attribute removed)."""
    return lambda: chattr("-i", *files).returncode == 0


@pytest.fixture
def immutable_supported(tmp_path: Path) -> None:
    probe = tmp_path / "probe"
    probe.touch()
    try:
        done = chattr("+i", probe)
    except FileNotFoundError:
        pytest.skip("chattr is not installed")
    if done.returncode != 0:
        pytest.skip(f"cannot make a file immutable here: {done.stderr.strip()}")
    chattr("-i", probe)


@pytest.fixture
async def slack() -> AsyncIterator[OpsSlack]:
    fake = OpsSlack()
    await fake.start()
    fake.add_user(SlackUser("UADA", "Ada", "UTC"))
    yield fake
    fake.release()
    await fake.stop()


async def command(ada: SlackPerson, slack: OpsSlack, text: str) -> str:
    """``/debrief <text>``: what the person is told (the acknowledgement's own text when the
    command was refused, else the reply posted to its response URL)."""
    before = len(slack.calls_to("response_url"))
    ack = await ada.slash(text)
    assert ack.status == 200
    if ack.body:
        return str(ack.json()["text"]) if ack.body.startswith("{") else ack.body
    calls = await slack.wait_for_calls("response_url", before + 1, within=20)
    return calls[before].text


async def before(bot: DebriefProcess, slack: OpsSlack,
                 http: aiohttp.ClientSession) -> SlackPerson:
    """Ada, who logs the interview "Before" while the files take writes."""
    ada = SlackPerson(slack, HttpTransport(bot.url + "/slack/events", http),
                      slack.users["UADA"])
    assert copy.TRY_AGAIN_LATER not in await command(ada, slack, "interview Before type:other")
    return ada


async def until_unready(bot: DebriefProcess) -> tuple[int, str]:
    """``/readyz`` polled until 503, for up to a probe interval and a margin."""
    status, body, since = 200, "", time.monotonic()
    while time.monotonic() - since < PROBE_INTERVAL + 3:
        status, body = await bot.get("/readyz")
        if status == 503:
            break
        await asyncio.sleep(0.2)
    return status, body


def interviews(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("SELECT company FROM interviews")]


def run_env(db: Path, slack: OpsSlack, **extra: str) -> dict[str, str]:
    return {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url, "DEBRIEF_DATABASE_URL": f"sqlite+aiosqlite:///{db}",
            "DEBRIEF_DISPATCH_INTERVAL": "1s", "DEBRIEF_LOG_JSON": "true", **extra}


def log_entries(bot: DebriefProcess) -> list[dict[str, str]]:
    entries = []
    for line in bot.output(whole=True).splitlines():
        if line.startswith("{"):
            entries.append(json.loads(line))
    return entries


@dataclass
class Refused:
    """What was seen while the files refused writes, and after."""

    during: list[str]  # what five commands were told
    entries: list[dict[str, str]]  # the log meanwhile
    seconds: float  # how long the files refused writes
    recovered: float  # seconds from removing the attribute to /readyz 200
    after: str  # what a command was told then

    @property
    def errors(self) -> list[dict[str, str]]:
        return [e for e in self.entries if e.get("level") == "ERROR"]

    @property
    def tracebacks(self) -> int:
        return sum(str(e.get("exc_info", "")).count("\n") for e in self.entries)

    def summary(self) -> str:
        return (f"{sum(copy.TRY_AGAIN_LATER in d for d in self.during)}/5 commands refused "
                f"in their ack; in {self.seconds:.1f}s {len(self.errors)} ERROR lines, "
                f"{self.tracebacks} traceback lines, {len(self.entries)} lines in all; ready "
                f"{self.recovered:.1f}s after the files took writes again")


async def refused_then_thawed(bot: DebriefProcess, ada: SlackPerson, slack: OpsSlack,
                              thaw: Callable[[], bool], logged_before: int,
                              since: float) -> Refused:
    """Five commands while the files refuse writes, a few rounds of every part, then the
    attribute removed."""
    during = [await command(ada, slack, f"interview During{n} type:other") for n in range(5)]
    await asyncio.sleep(8)  # a few dispatcher ticks, probes and inbox sweeps
    assert bot.proc is not None and bot.proc.returncode is None, bot.output()
    entries = log_entries(bot)[logged_before:]
    seconds = time.monotonic() - since
    assert thaw()
    thawed = time.monotonic()
    await bot.wait_ready(within=PROBE_INTERVAL + 10)
    recovered = time.monotonic() - thawed
    after = await command(ada, slack, "interview After type:other")
    return Refused(during, entries, seconds, recovered, after)


async def test_files_made_immutable_mid_run_refuse_acks_fail_readyz_and_recover(
        tmp_path: Path, slack: OpsSlack, immutable_supported: None, report: Report) -> None:
    db = tmp_path / "debrief.db"
    files = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
    bot = DebriefProcess(tmp_path, run_env(db, slack))
    await bot.start()
    try:
        async with aiohttp.ClientSession() as http:
            ada = await before(bot, slack, http)
            assert all(path.exists() for path in files)
            logged_before = len(log_entries(bot))

            assert chattr("+i", *files).returncode == 0
            frozen = time.monotonic()
            status, body = await until_unready(bot)
            noticed = time.monotonic() - frozen
            seen = await refused_then_thawed(bot, ada, slack, thawing(files), logged_before,
                                             frozen)
        assert await bot.stop() == 0, bot.output()
    finally:
        chattr("-i", *[path for path in files if path.exists()])
        await bot.kill()
    stored = interviews(db)
    report(f"files made immutable mid-run: /readyz {status} after {noticed:.1f}s; "
           f"{seen.summary()}; interviews stored {stored}")
    during, errors, after = seen.during, seen.errors, seen.after
    assert status == 503 and json.loads(body)["checks"]["writes"] is False
    assert noticed <= PROBE_INTERVAL + 1
    assert all(copy.TRY_AGAIN_LATER in reply for reply in during), during
    assert len(errors) == 1, errors  # one cause, one line a minute (the test is shorter)
    assert "refuses writes" in errors[0]["message"] or "immutable" in errors[0]["message"]
    assert seen.tracebacks == 0
    assert copy.TRY_AGAIN_LATER not in after
    assert sorted(stored) == ["After", "Before"], "the acknowledged one kept, none refused"


async def start_unready(bot: DebriefProcess, within: float = 60.0) -> None:
    """``debrief run`` started and listening (``/healthz``), without waiting to be ready."""
    bot._log = open(bot.log_path, "ab")  # noqa: ASYNC230 - closed by bot.wait()
    bot.proc = await asyncio.create_subprocess_exec(
        *debrief_command(), "run", cwd=bot.workdir, env=bot.env,
        stdin=asyncio.subprocess.DEVNULL, stdout=bot._log, stderr=bot._log)
    STARTED.append(bot)
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if bot.proc.returncode is not None:
            raise AssertionError(f"exited with {bot.proc.returncode}:\n{bot.output()}")
        try:
            if (await bot.get("/healthz"))[0] == 200:
                return
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError(f"not listening after {within}s:\n{bot.output()}")


async def test_started_on_immutable_files_it_waits_unready_then_recovers(
        tmp_path: Path, slack: OpsSlack, immutable_supported: None, report: Report) -> None:
    db = tmp_path / "debrief.db"
    files = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
    env = run_env(db, slack)
    first = DebriefProcess(tmp_path, env, name="first")
    await first.start()
    async with aiohttp.ClientSession() as http:
        await before(first, slack, http)
    await first.kill()  # as the SIGBUS left it: the -wal and -shm stay
    assert all(path.exists() for path in files)
    assert chattr("+i", *files).returncode == 0
    bot = DebriefProcess(tmp_path, env, name="second")
    try:
        started = time.monotonic()
        await start_unready(bot)
        listening = time.monotonic() - started
        readyz = [await bot.get("/readyz") for _ in range(3)]
        healthz = await bot.get("/healthz")
        async with aiohttp.ClientSession() as http:
            ada = SlackPerson(slack, HttpTransport(bot.url + "/slack/events", http),
                              slack.users["UADA"])
            seen = await refused_then_thawed(bot, ada, slack, thawing(files), 0, started)
        code = await bot.stop()
    finally:
        chattr("-i", *[path for path in files if path.exists()])
        await bot.kill()
    stored = interviews(db)
    report(f"started on immutable files: listening after {listening:.1f}s, /readyz "
           f"{[status for status, _ in readyz]}, /healthz {healthz[0]}; {seen.summary()}; "
           f"exit {code}; interviews stored {stored}")
    during, errors, entries, after = seen.during, seen.errors, seen.entries, seen.after
    assert all(status == 503 for status, _ in readyz), readyz
    assert all(json.loads(body)["checks"]["writes"] is False for _, body in readyz)
    assert healthz[0] == 200
    assert all(copy.TRY_AGAIN_LATER in reply for reply in during), during
    assert len(errors) == 1, errors
    assert seen.tracebacks == 0
    assert len(entries) <= 10, entries
    assert copy.TRY_AGAIN_LATER not in after
    assert code == 0
    assert sorted(stored) == ["After", "Before"]


def taken_on(ack: Any) -> bool:
    """Acknowledged as taken on: a 200, empty or carrying the answer (Slack's immediate
    response, adapters/slack/inline.py), not the "couldn't reach my database" refusal."""
    return bool(ack.status == 200 and copy.TRY_AGAIN_LATER not in ack.body)


def interviews_read_only(db: Path) -> list[str]:
    """Read while the files are immutable: a fresh read-only connection maps nothing
    writable, so it is safe (and sees the WAL's commits)."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("SELECT company FROM interviews")]
    finally:
        connection.close()


async def test_sigterm_while_files_refuse_writes_exits_cleanly_and_loses_nothing(
        tmp_path: Path, slack: OpsSlack, immutable_supported: None, report: Report) -> None:
    db = tmp_path / "debrief.db"
    files = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
    # A short lease: what this process could not give back is taken over 10 s after it
    # was acknowledged (60 s by default). Faulthandler: a SIGBUS would say where.
    env = run_env(db, slack, DEBRIEF_SHUTDOWN_GRACE="5s", DEBRIEF_INBOX_LEASE="10s",
                  PYTHONFAULTHANDLER="1")
    bot = DebriefProcess(tmp_path, env, name="first")
    await bot.start()
    burst = 20
    try:
        async with aiohttp.ClientSession() as http:
            ada = await before(bot, slack, http)
            acks = await asyncio.gather(*(ada.slash(f"interview Burst{n} type:other")
                                          for n in range(burst)))
            assert chattr("+i", *files).returncode == 0
        acked = sum(taken_on(ack) for ack in acks)
        stored_at_freeze = interviews_read_only(db)
        await asyncio.sleep(2)
        stopping = time.monotonic()
        bot.signal(signal.SIGTERM)
        code = await bot.wait(within=30)
        took = time.monotonic() - stopping
        entries = log_entries(bot)
        waiting = len(interviews_read_only(db))
    finally:
        chattr("-i", *[path for path in files if path.exists()])
        await bot.kill()
    again = DebriefProcess(tmp_path, env, name="second")
    await again.start()
    try:
        await wait_until(lambda: len(interviews(db)) >= 1 + acked, 30, "the burst stored")
    finally:
        code_again = await again.stop()
    stored = interviews(db)
    failed = [e for e in entries if e.get("exc_info")]
    left = [e for e in entries if "leaving without closing" in e.get("message", "")]
    report(f"SIGTERM with files immutable: exit {code} after {took:.2f}s; {acked}/{burst} "
           f"acknowledged, {len(stored_at_freeze) - 1} of them done when the files froze, "
           f"{waiting - 1} at exit; {len(stored) - 1} stored after a restart; "
           f"{len(failed)} log lines with a traceback; second exit {code_again}")
    assert code == 0, bot.output()  # not -7 (SIGBUS)
    assert took < 5, "within the grace period"
    assert len(left) == 1, entries
    # At most the one request whose commit was under way when the files froze (its
    # transaction fails cleanly; it stays in the inbox and runs after the restart).
    assert len(failed) <= 1, failed
    assert sorted(stored) == sorted(["Before", *(f"Burst{n}" for n in range(burst)
                                                 if taken_on(acks[n]))])
