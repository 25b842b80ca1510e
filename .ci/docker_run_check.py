"""The built image as `debrief run`, checked from the host (called by .ci/docker-check).

The container shares the host's network namespace (``--network host``), so it reaches the
fake Slack of the adapter tests on 127.0.0.1 and nothing is published anywhere else. It
checks: /healthz and /readyz answer 200; a signed ``/debrief interview`` on
``POST /slack/events`` starts a reflection in the person's DM on the fake; the image's own
HEALTHCHECK command reports healthy (polled every 2 s instead of the image's 30 s, to save
time); PID 1 runs as 10001:10001 with names for both; ``docker stop`` ends it with exit 0
within the grace period. Prints each figure; exits 1 on the first failed check.

    python .ci/docker_run_check.py DOCKER IMAGE
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
import time
from asyncio.subprocess import PIPE, STDOUT
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "slack"))

import aiohttp  # noqa: E402 - after the fakes' folder is on sys.path
from fake_slack import BOT_TOKEN, FakeSlack, SlackUser  # noqa: E402
from slack_people import SIGNING_SECRET, HttpTransport, SlackPerson  # noqa: E402

NAME = "debrief-check-run"
GRACE = 30  # docker stop --time: what compose and Kubernetes give it (stop_grace_period)


class CheckFailed(Exception):
    pass


async def docker(*args: str, check: bool = True) -> str:
    """Output of a docker command, run without blocking the fake Slack's event loop."""
    proc = await asyncio.create_subprocess_exec(DOCKER, *args, stdout=PIPE, stderr=STDOUT)
    out = (await proc.communicate())[0].decode()
    if check and proc.returncode != 0:
        raise CheckFailed(f"docker {' '.join(args[:2])} failed: {out.strip()}")
    return out.strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def until(what: str, within: float, probe: Any) -> float:
    """Seconds until ``probe()`` (sync or async) is truthy; CheckFailed after ``within``."""
    started = time.monotonic()
    while time.monotonic() - started < within:
        result = probe()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return time.monotonic() - started
        await asyncio.sleep(0.25)
    raise CheckFailed(f"{what}: not within {within:.0f}s")


async def status(http: aiohttp.ClientSession, url: str) -> int:
    try:
        async with http.get(url, timeout=aiohttp.ClientTimeout(total=3)) as resp:
            return resp.status
    except (aiohttp.ClientError, TimeoutError):
        return 0


async def healthy() -> bool:
    state = json.loads(await docker("inspect", "--format", "{{json .State.Health}}", NAME)
                       or "null")
    return bool(state) and state["Status"] == "healthy"


async def check(image: str) -> None:
    slack = FakeSlack()
    await slack.start()
    ada = slack.add_user(SlackUser("UADA", "Ada"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    await docker("run", "--detach", "--name", NAME, "--network", "host",
                 "--health-interval", "2s",
                 "--env", f"SLACK_BOT_TOKEN={BOT_TOKEN}",
                 "--env", f"SLACK_SIGNING_SECRET={SIGNING_SECRET}",
                 "--env", f"SLACK_API_URL={slack.api_url}",
                 "--env", "DEBRIEF_HTTP_HOST=127.0.0.1", "--env", f"DEBRIEF_HTTP_PORT={port}",
                 image)
    try:
        async with aiohttp.ClientSession() as http:
            took = await until("/healthz 200", 60,
                               lambda: _is(200, status(http, base + "/healthz")))
            print(f"  /healthz 200 after {took:.1f}s")
            took = await until("/readyz 200", 30,
                               lambda: _is(200, status(http, base + "/readyz")))
            print(f"  /readyz 200 after {took:.1f}s more")
            person = SlackPerson(slack, HttpTransport(base + "/slack/events", http), ada)
            ack = await person.slash("interview Acme")
            if ack.status != 200:
                raise CheckFailed(f"/debrief interview over HTTP: status {ack.status}")
            took = await until("the reflection's first question in the DM", 20,
                               # The progress line every reflection question carries
                               # (bot/reflection/words.py), whichever question comes first
                               # ("question 1" alone when it asks the interview type).
                               lambda: "· question 1" in str(person.dm_messages()))
            print(f"  /debrief interview Acme on POST /slack/events: its first question in "
                  f"Ada's DM after {took:.1f}s (the fake Slack saw "
                  f"{', '.join(sorted(set(slack.methods())))})")
        took = await until("HEALTHCHECK healthy", 60, healthy)
        print(f"  HEALTHCHECK (the image's command, every 2s): healthy after {took:.1f}s more")
        ids = await docker("exec", NAME, "sh", "-c", "grep -E '^(Uid|Gid):' /proc/1/status; id")
        pid1 = [line.split()[1:] for line in ids.splitlines() if line[:4] in ("Uid:", "Gid:")]
        if pid1 != [["10001"] * 4, ["10001"] * 4]:
            raise CheckFailed(f"PID 1 runs as {pid1}, not 10001:10001")
        if "uid=10001(debrief) gid=10001(debrief)" not in ids:
            raise CheckFailed(f"the ids have no names: {ids.splitlines()[-1]}")
        print(f"  PID 1 (debrief run): uid and gid 10001; {ids.splitlines()[-1]}")
        started = time.monotonic()
        await docker("stop", "--time", str(GRACE), NAME)
        took = time.monotonic() - started
        code = await docker("inspect", "--format", "{{.State.ExitCode}}", NAME)
        logs = await docker("logs", NAME, check=False)
        if code != "0" or took >= GRACE:
            raise CheckFailed(f"docker stop: exit {code} after {took:.1f}s (grace {GRACE}s)\n"
                              f"{logs[-2000:]}")
        if "shutting down" not in logs:
            raise CheckFailed("docker stop: the log does not say it shut down")
        print(f"  docker stop: exit 0 after {took:.1f}s (grace {GRACE}s)")
    except CheckFailed:
        logs = await docker("logs", "--tail", "40", NAME, check=False)
        print(f"  the container's last log lines:\n{logs}")
        raise
    finally:
        await docker("rm", "--force", NAME, check=False)
        await slack.stop()


async def _is(expected: int, got: Any) -> bool:
    return bool(await got == expected)


if __name__ == "__main__":
    DOCKER, IMAGE = sys.argv[1], sys.argv[2]
    try:
        asyncio.run(check(IMAGE))
    except CheckFailed as failed:
        print(f"  FAILED: {failed}")
        sys.exit(1)
