"""deploy/compose.yaml, unchanged, on the engine of .ci/docker-check (Compose v2).

The stack runs from a copy of the file in a folder of its own (``STACK/deploy/compose.yaml``
and ``STACK/.env``), so the repository's own ``.env`` is never touched; the images are the
ones the check built (``--no-build --pull never``: nothing is fetched).

1. ``.env`` copied from ``.env.example`` unchanged: ``up --wait`` must fail, naming the
   bot, whose log says what to set.
2. ``.env`` with Slack settings (the API pointed at a closed port on the container's own
   loopback: nothing leaves it): ``up --wait`` succeeds; PostgreSQL is healthy; ``migrate``
   exited 0 and finished before ``bot`` started; the schema is at the newest migration;
   ``/readyz`` answers 200 on the published port; ``stop`` ends the bot with exit 0.

    python .ci/docker_compose_check.py DOCKER STACK_FOLDER
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WAIT = "120"  # seconds `up --wait` may take before it fails


class CheckFailed(Exception):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Stack:
    def __init__(self, folder: Path, env_file: str, port: int) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "deploy").mkdir(parents=True)
        self.file = folder / "deploy" / "compose.yaml"
        shutil.copyfile(ROOT / "deploy" / "compose.yaml", self.file)
        (folder / ".env").write_text(env_file)
        self.env = {**os.environ, "DEBRIEF_PORT": str(port)}
        self.port = port

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([DOCKER, "compose", "-f", str(self.file), *args],
                              capture_output=True, text=True, env=self.env, check=False)
        if check and done.returncode != 0:
            raise CheckFailed(f"compose {' '.join(args)}: exit {done.returncode}\n"
                              f"{done.stdout}{done.stderr}")
        return done

    def up(self) -> subprocess.CompletedProcess[str]:
        return self.run("up", "--detach", "--wait", "--wait-timeout", WAIT, "--no-build",
                        "--pull", "never", check=False)

    def state(self, service: str) -> dict[str, object]:
        cid = self.run("ps", "--all", "--quiet", service).stdout.strip()
        out = subprocess.run([DOCKER, "inspect", "--format", "{{json .State}}", cid],
                             capture_output=True, text=True, check=True).stdout
        state: dict[str, object] = json.loads(out)
        return state

    def down(self) -> None:
        self.run("down", "--volumes", "--timeout", "5", check=False)


def when(stamp: object) -> datetime:
    # Docker's RFC 3339 with nanoseconds; Python takes microseconds
    text = re.sub(r"(\.\d{6})\d*", r"\1", str(stamp)).replace("Z", "+00:00")
    return datetime.fromisoformat(text)


def newest_migration() -> str:
    revisions, parents = set(), set()
    for path in (ROOT / "storage" / "migrations" / "versions").glob("*.py"):
        text = path.read_text()
        found = re.search(r'^revision\s*(?::\s*str\s*)?=\s*"([^"]+)"', text, re.MULTILINE)
        parent = re.search(r'^down_revision\s*(?::[^=]+)?=\s*"([^"]+)"', text, re.MULTILINE)
        if found:
            revisions.add(found.group(1))
        if parent:
            parents.add(parent.group(1))
    (head,) = revisions - parents
    return head


def unconfigured(folder: Path) -> None:
    stack = Stack(folder, (ROOT / ".env.example").read_text(), free_port())
    try:
        started = time.monotonic()
        up = stack.up()
        took = time.monotonic() - started
        said = up.stdout + up.stderr
        if up.returncode == 0:
            raise CheckFailed(f".env from .env.example: `up --wait` returned 0\n{said}")
        if "bot" not in said:
            raise CheckFailed(f".env from .env.example: `up` failed without naming the bot\n"
                              f"{said}")
        logs = stack.run("logs", "bot").stdout
        if "no chat platform is configured" not in logs:
            raise CheckFailed(f"the bot's log does not say what to set:\n{logs[-1500:]}")
        last = [ln for ln in said.strip().splitlines() if "bot" in ln][-1].strip()
        print(f"  .env = .env.example: `up --wait` exit {up.returncode} after {took:.0f}s "
              f"({last}); `logs bot` says no chat platform is configured")
    finally:
        stack.down()


def configured(folder: Path) -> None:
    env_file = ((ROOT / ".env.example").read_text()
                + "SLACK_BOT_TOKEN=xoxb-compose-check\nSLACK_SIGNING_SECRET=compose-check\n"
                + "SLACK_API_URL=http://127.0.0.1:9/api/\n")
    stack = Stack(folder, env_file, free_port())
    try:
        started = time.monotonic()
        up = stack.up()
        took = time.monotonic() - started
        if up.returncode != 0:
            logs = stack.run("logs", check=False).stdout
            raise CheckFailed(f"up --wait: exit {up.returncode}\n{up.stdout}{up.stderr}\n"
                              f"{logs[-3000:]}")
        postgres, migrate, bot = (stack.state(s) for s in ("postgres", "migrate", "bot"))
        health = postgres.get("Health") or {}
        assert isinstance(health, dict)
        if health.get("Status") != "healthy":
            raise CheckFailed(f"postgres: {health.get('Status')}")
        if migrate["Status"] != "exited" or migrate["ExitCode"] != 0:
            raise CheckFailed(f"migrate: {migrate['Status']} exit {migrate['ExitCode']}")
        gap = (when(bot["StartedAt"]) - when(migrate["FinishedAt"])).total_seconds()
        if gap < 0:
            raise CheckFailed(f"bot started {-gap:.1f}s before migrate finished")
        created = stack.run("logs", "postgres").stdout
        head = newest_migration()
        version = stack.run("exec", "-T", "postgres", "psql", "-U", "debrief", "-d", "debrief",
                            "-tAc", "select version_num from alembic_version").stdout.strip()
        if version != head:
            raise CheckFailed(f"schema at {version!r}, newest migration {head!r}")
        with urllib.request.urlopen(f"http://127.0.0.1:{stack.port}/readyz", timeout=5) as r:
            ready = json.loads(r.read())
        if not ready.get("ready"):
            raise CheckFailed(f"/readyz: {ready}")
        print(f"  Slack settings in .env: `up --wait` exit 0 after {took:.0f}s; postgres healthy"
              f"{' (first start: ' + 'database created' + ')' if 'created' in created else ''}"
              f"; migrate exit 0, bot started {gap:.1f}s after it finished; schema at {head}; "
              f"/readyz on 127.0.0.1:{stack.port}: {ready['checks']}")
        stopping = time.monotonic()
        stack.run("stop", "--timeout", "30", "bot")
        took = time.monotonic() - stopping
        code = stack.state("bot")["ExitCode"]
        if code != 0:
            raise CheckFailed(f"compose stop bot: exit {code}")
        print(f"  compose stop bot: exit 0 after {took:.1f}s (stop_grace_period 30s)")
    finally:
        stack.down()


if __name__ == "__main__":
    DOCKER, FOLDER = sys.argv[1], Path(sys.argv[2])
    try:
        unconfigured(FOLDER)
        configured(FOLDER)
    except CheckFailed as failed:
        print(f"  FAILED: {failed}")
        sys.exit(1)
