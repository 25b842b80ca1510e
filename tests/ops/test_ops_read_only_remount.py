"""The filesystem under a SQLite database turns read-only while ``debrief run`` works, or
is read-only when it starts (issue 12, item 9, the read-only variant of
``test_ops_refused_writes.py``).

``mount -o remount,ro`` is refused while SQLite holds its files open for writing ("mount
point is busy"), so the way this happens to a running process is ext4's
``errors=remount-ro``: an I/O error makes the kernel turn the filesystem read-only under
it. Here that is a loop-mounted ext4 image and ``/sys/fs/ext4/<device>/trigger_fs_error``.
Needs root, loop devices and that file: skipped, with the reason, elsewhere.
"""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from ops_env import DebriefProcess, OpsSlack, Report
from slack_people import HttpTransport, SlackPerson
from test_ops_refused_writes import (
    before,
    command,
    interviews,
    log_entries,
    refused_then_thawed,
    run_env,
    slack,  # noqa: F401 - the fixture
    start_unready,
    until_unready,
)

from bot import copy

pytestmark = pytest.mark.slow


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), capture_output=True, text=True, check=False)


@pytest.fixture
def ext4(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A fresh ext4 filesystem mounted with errors=remount-ro: (mount point, the file that
    makes it fail)."""
    image, mnt = tmp_path / "fs.img", tmp_path / "mnt"
    mnt.mkdir()
    with image.open("wb") as f:
        f.truncate(64 << 20)
    try:
        made = run("mkfs.ext4", "-q", "-F", str(image))
    except FileNotFoundError:
        pytest.skip("mkfs.ext4 is not installed")
    mounted = run("mount", "-o", "loop,errors=remount-ro", str(image), str(mnt))
    if made.returncode or mounted.returncode:
        pytest.skip(f"cannot mount an ext4 image here: {(made.stderr + mounted.stderr).strip()}")
    device = Path(run("findmnt", "-n", "-o", "SOURCE", str(mnt)).stdout.strip()).name
    trigger = Path("/sys/fs/ext4") / device / "trigger_fs_error"
    try:
        if not trigger.exists():
            pytest.skip(f"{trigger} does not exist (kernel without it)")
        yield mnt, trigger
    finally:
        for _ in range(20):
            if run("umount", str(mnt)).returncode == 0:
                break
            time.sleep(0.25)  # a process's files are still being closed
        else:
            run("umount", "-l", str(mnt))


async def test_a_filesystem_turned_read_only_under_it_fails_readyz_and_sigterm_exits_0(
        tmp_path: Path, ext4: tuple[Path, Path], slack: OpsSlack,  # noqa: F811
        report: Report) -> None:
    mnt, trigger = ext4
    db = mnt / "debrief.db"
    bot = DebriefProcess(tmp_path, run_env(db, slack, PYTHONFAULTHANDLER="1"))
    await bot.start()
    try:
        async with aiohttp.ClientSession() as http:
            ada = await before(bot, slack, http)
            logged_before = len(log_entries(bot))
            run("sync")  # the -shm pages clean: the next store into them faults
            trigger.write_text("debrief test\n")
            failed = time.monotonic()
            status, body = await until_unready(bot)
            noticed = time.monotonic() - failed
            during = [await command(ada, slack, f"interview During{n} type:other")
                      for n in range(5)]
            await asyncio.sleep(8)
            alive = bot.proc is not None and bot.proc.returncode is None
            entries = log_entries(bot)[logged_before:]
        bot.signal(signal.SIGTERM)
        code = await bot.wait(within=30)
    finally:
        await bot.kill()
    mount = run("findmnt", "-n", "-o", "OPTIONS", str(mnt)).stdout.strip()
    errors = [e for e in entries if e.get("level") == "ERROR"]
    tracebacks = sum(str(e.get("exc_info", "")).count("\n") for e in entries)
    report(f"ext4 turned read-only ({mount}): /readyz {status} after {noticed:.1f}s; "
           f"{sum(copy.TRY_AGAIN_LATER in d for d in during)}/5 commands refused in their "
           f"ack; alive {alive}; {len(errors)} ERROR lines, {tracebacks} traceback lines, "
           f"{len(entries)} lines in all; SIGTERM exit {code}; stored {interviews(db)}")
    assert alive, bot.output()
    assert status == 503 and json.loads(body)["checks"]["writes"] is False
    assert all(copy.TRY_AGAIN_LATER in reply for reply in during), during
    assert len(errors) == 1, errors
    assert tracebacks == 0
    assert code == 0, bot.output()
    assert interviews(db) == ["Before"]


async def test_started_on_a_read_only_mount_it_waits_unready_then_recovers(
        tmp_path: Path, ext4: tuple[Path, Path], slack: OpsSlack,  # noqa: F811
        report: Report) -> None:
    mnt, _ = ext4
    db = mnt / "debrief.db"
    env = run_env(db, slack, PYTHONFAULTHANDLER="1")
    first = DebriefProcess(tmp_path, env, name="first")
    await first.start()
    async with aiohttp.ClientSession() as http:
        await before(first, slack, http)
    assert await first.stop() == 0  # a clean stop: the -wal and -shm are gone
    assert run("mount", "-o", "remount,ro", str(mnt)).returncode == 0
    bot = DebriefProcess(tmp_path, env, name="second")
    try:
        started = time.monotonic()
        await start_unready(bot)
        readyz = [await bot.get("/readyz") for _ in range(3)]
        healthz = await bot.get("/healthz")
        async with aiohttp.ClientSession() as http:
            ada = SlackPerson(slack, HttpTransport(bot.url + "/slack/events", http),
                              slack.users["UADA"])
            seen = await refused_then_thawed(
                bot, ada, slack, lambda: run("mount", "-o", "remount,rw", str(mnt)).returncode == 0,
                0, started)
        code = await bot.stop()
    finally:
        await bot.kill()
    stored = interviews(db)
    report(f"started on a read-only mount: /readyz {[status for status, _ in readyz]}, "
           f"/healthz {healthz[0]}; {seen.summary()}; exit {code}; interviews stored {stored}")
    assert all(status == 503 for status, _ in readyz), readyz
    assert healthz[0] == 200
    assert all(copy.TRY_AGAIN_LATER in reply for reply in seen.during), seen.during
    assert len(seen.errors) == 1 and "mounted read-only" in seen.errors[0]["message"]
    assert seen.tracebacks == 0
    assert copy.TRY_AGAIN_LATER not in seen.after
    assert code == 0
    assert sorted(stored) == ["After", "Before"]
