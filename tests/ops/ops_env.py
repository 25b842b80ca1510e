"""Helpers for the operations tests: ``debrief run`` subprocesses, a fake Slack that can be
slowed down, broken and told apart per process, and bulk-seeded due nudges.

What counts as "delivered" is what reached the fake Slack: a ``chat.postMessage`` is recorded
when its request arrives, before any scripted delay, so a send cut off by a kill still counts
(as it would on Slack, which may post a message whose response never got back).
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import socket
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import IO, Any

import aiohttp
from aiohttp import web
from fake_slack import BOT_TOKEN, Call, FakeSlack, SlackUser
from sqlalchemy import func, select

from bot.model import NudgeKind, NudgeStatus
from storage import create_engine, upgrade
from storage.mapping import interviews, nudges, users

__all__ = ["COMPANY", "DebriefProcess", "OpsSlack", "Post", "Report", "free_port",
           "nudge_rows", "seed_due_nudges", "status_counts", "wait_until"]

#: The ``report`` fixture: print a measured figure (see conftest.py).
Report = Callable[[str], None]

TEAM_ID = "T0001"
# Every seeded interview has its own company, so a message names the nudge it was for.
COMPANY = re.compile(r"heard back from (Co\d{6})\b")
CHUNK = 2000


@dataclass(frozen=True)
class Post:
    """One ``chat.postMessage`` as it arrived: when, from which bot token, for which nudge,
    and the status the fake answered with."""

    at: float
    token: str | None
    company: str | None
    status: int


class OpsSlack(FakeSlack):
    """The Slack fake with knobs for faults. ``tokens``: bot tokens it accepts (one per
    process, to tell who sent what); ``post_delay``: seconds before answering a post;
    ``hang``: posts never get an answer; ``outage``: (status, headers) every post gets."""

    def __init__(self, *, tokens: tuple[str, ...] = (BOT_TOKEN,),
                 post_delay: float = 0.0) -> None:
        super().__init__()
        self.tokens = tokens
        self.post_delay = post_delay
        self.hang = False
        self.outage: tuple[int, dict[str, str]] | None = None
        self.posts: list[Post] = []
        self._released = asyncio.Event()

    def release(self) -> None:
        """Let hanging posts finish (at teardown)."""
        self._released.set()

    def delivered(self) -> Counter[str]:
        """Posts that Slack accepted, by company (= by nudge)."""
        return Counter(p.company for p in self.posts if p.status == 200 and p.company)

    async def _web_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._read_args(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth else args.get("token")
        if method == "chat.postMessage":
            return await self._post(token, args)
        self._record(Call(method, args, token))
        script = self._scripts.get(method)
        if script and script.failures:
            status, body, headers = script.failures.pop(0)
            return web.json_response(body, status=status, headers=headers)
        if token not in self.tokens and not (method == "apps.connections.open"
                                             and token == self.app_token):
            return web.json_response({"ok": False, "error": "invalid_auth"})
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        return web.json_response(handler(args))

    async def _post(self, token: str | None, args: dict[str, Any]) -> web.Response:
        match = COMPANY.search(str(args.get("text") or ""))
        company = match.group(1) if match else None
        now = time.monotonic()
        if self.outage is not None:
            status, headers = self.outage
            self.posts.append(Post(now, token, company, status))
            self._changed.set()
            return web.json_response({"ok": False, "error": "fatal_error"}, status=status,
                                     headers=headers)
        self.posts.append(Post(now, token, company, 200))
        self._record(Call("chat.postMessage", args, token))
        if self.hang:
            await self._released.wait()
        elif self.post_delay:
            await asyncio.sleep(self.post_delay)
        if token not in self.tokens:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        return web.json_response(self._m_chat_postMessage(args))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def debrief_command() -> list[str]:
    """The installed console script next to this interpreter, as an operator runs it."""
    script = Path(sys.executable).with_name("debrief")
    return [str(script)] if script.exists() else [sys.executable, "-m", "adapters.cli"]


#: Every process started, so a test that fails half-way leaves none running (conftest.py).
STARTED: list[DebriefProcess] = []


class DebriefProcess:
    """One ``debrief run`` in a subprocess, its output in ``log_path``."""

    def __init__(self, workdir: Path, env: dict[str, str], name: str = "debrief") -> None:
        self.workdir = workdir
        self.port = free_port()
        self.name = name
        self.log_path = workdir / f"{name}.log"
        base = {k: v for k, v in os.environ.items()
                if not k.startswith(("DEBRIEF_", "SLACK_", "DISCORD_"))}
        self.env = {**base, "DEBRIEF_HTTP_HOST": "127.0.0.1",
                    "DEBRIEF_HTTP_PORT": str(self.port), "PYTHONUNBUFFERED": "1", **env}
        self.proc: asyncio.subprocess.Process | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self, *, ready_within: float = 60.0) -> None:
        # A local log file, opened once per start (closed in wait()).
        self._log = open(self.log_path, "ab")  # noqa: ASYNC230
        self.proc = await asyncio.create_subprocess_exec(
            *debrief_command(), "run", cwd=self.workdir, env=self.env,
            stdin=asyncio.subprocess.DEVNULL, stdout=self._log, stderr=self._log)
        STARTED.append(self)
        await self.wait_ready(ready_within)

    async def wait_ready(self, within: float) -> dict[str, Any]:
        deadline = time.monotonic() + within
        last: Any = None
        async with aiohttp.ClientSession() as http:
            while time.monotonic() < deadline:
                assert self.proc is not None
                if self.proc.returncode is not None:
                    raise AssertionError(f"{self.name} exited with {self.proc.returncode}:\n"
                                         f"{self.output()}")
                try:
                    async with http.get(self.url + "/readyz") as resp:
                        last = await resp.json()
                        if resp.status == 200:
                            return dict(last)
                except aiohttp.ClientError as exc:
                    last = exc
                await asyncio.sleep(0.1)
        raise AssertionError(f"{self.name} not ready after {within}s ({last}):\n"
                             f"{self.output()}")

    async def get(self, path: str) -> tuple[int, str]:
        async with aiohttp.ClientSession() as http, http.get(self.url + path) as resp:
            return resp.status, await resp.text()

    def output(self, *, whole: bool = False) -> str:
        """What the process logged (the end of it, unless ``whole``)."""
        if self._log is not None:
            self._log.flush()
        text = self.log_path.read_text(errors="replace")
        return text if whole else text[-6000:]

    def signal(self, sig: int) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    async def wait(self, within: float = 30.0) -> int:
        assert self.proc is not None
        try:
            code = await asyncio.wait_for(self.proc.wait(), within)
        finally:
            if self._log is not None:
                self._log.close()
                self._log = None
        return code

    async def stop(self, within: float = 30.0) -> int:
        """SIGTERM, then wait; the exit code."""
        if self.proc is None or self.proc.returncode is not None:
            return self.proc.returncode if self.proc else 0
        self.signal(signal.SIGTERM)
        return await self.wait(within)

    async def kill(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.kill()
            await self.wait()


async def seed_due_nudges(url: str, fake: FakeSlack | None, count: int, *, people: int = 100,
                          spread: tuple[float, float] = (-60.0, 0.0), seed: int = 1,
                          platform: str = "slack", workspace: str = TEAM_ID,
                          user_ids: list[str] | None = None) -> None:
    """``count`` pending "heard back?" nudges for people with quiet hours off, one interview
    (company ``Co000123``) per nudge, due ``spread`` seconds around now. The people are
    ``user_ids`` on ``platform``, or ``people`` Slack users ``U00000``… added to ``fake``.
    Bulk inserts: the state a busy installation is in, not how the bot writes it."""
    await upgrade(url)
    rng = random.Random(seed)
    now = datetime.now(UTC)
    if user_ids is None:
        user_ids = [f"U{n:05d}" for n in range(people)]
        assert fake is not None
        for user_id in user_ids:
            fake.add_user(SlackUser(user_id, f"Person {user_id}", "UTC"))
    people = len(user_ids)
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            start = int((await conn.execute(
                select(func.count()).select_from(interviews))).scalar_one())
            last_id = int((await conn.execute(
                select(func.coalesce(func.max(interviews.c.id), 0)))).scalar_one())
            existing = set((await conn.execute(
                select(users.c.user_id).where(users.c.platform == platform))).scalars())
            new_people = [{"platform": platform, "workspace_id": workspace, "user_id": user_id,
                           "display_name": f"Person {user_id}", "timezone": "UTC",
                           "quiet_start": dtime(0, 0), "quiet_end": dtime(0, 0),
                           "created_at": now}
                          for user_id in user_ids if user_id not in existing]
            if new_people:
                await conn.execute(users.insert(), new_people)
            person_ids = list((await conn.execute(
                select(users.c.id).where(users.c.platform == platform,
                                         users.c.user_id.in_(user_ids)).order_by(users.c.id)
            )).scalars())
            happened = now - timedelta(days=7)
            rows = [{"user_id": person_ids[n % people], "company": f"Co{start + n:06d}",
                     "happens_at": happened, "logged_at": happened,
                     "reflection_state": "completed", "answers": {}}
                    for n in range(count)]
            for i in range(0, len(rows), CHUNK):
                await conn.execute(interviews.insert(), rows[i:i + CHUNK])
            ids = list((await conn.execute(
                select(interviews.c.id, interviews.c.user_id)
                .where(interviews.c.id > last_id).order_by(interviews.c.id))).all())
            rows = []
            for n, (interview_id, user_id) in enumerate(ids[:count]):
                due = now + timedelta(seconds=rng.uniform(*spread))
                rows.append({"user_id": user_id, "interview_id": interview_id,
                             "kind": NudgeKind.CHECK_IN.value, "due_at": due,
                             "original_due_at": due, "idempotency_key": f"ops:{start + n}",
                             "status": NudgeStatus.PENDING.value, "attempts": 0,
                             "created_at": now})
            for i in range(0, len(rows), CHUNK):
                await conn.execute(nudges.insert(), rows[i:i + CHUNK])
    finally:
        await engine.dispose()


async def status_counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(select(nudges.c.status, func.count())
                                      .group_by(nudges.c.status))
            return {str(status): int(n) for status, n in rows}
    finally:
        await engine.dispose()


async def nudge_rows(url: str) -> list[Any]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return list(await conn.execute(
                select(nudges.c.id, nudges.c.status, nudges.c.attempts, nudges.c.due_at,
                       nudges.c.original_due_at, nudges.c.sent_at, nudges.c.last_error)))
    finally:
        await engine.dispose()


async def wait_until(predicate: Any, within: float, what: str, every: float = 0.2) -> Any:
    """Poll a sync or async predicate until it is truthy."""
    deadline = time.monotonic() + within
    while True:
        result = predicate()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within}s waiting for {what}")
        await asyncio.sleep(every)
