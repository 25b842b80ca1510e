"""Every bad setting stops ``debrief`` with one line naming the variable, and exit status 2.

Each case runs the real CLI in a subprocess, as an operator would, and checks that stderr
ends with exactly ``debrief: configuration error - VAR: <what is wrong>`` and holds no
traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run_debrief(tmp_path: Path, args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("DEBRIEF_", "SLACK_", "DISCORD_"))}
    clean["DEBRIEF_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'ok.db'}"
    clean.update(env)
    return subprocess.run([sys.executable, "-m", "adapters.cli", *args], input="", text=True,
                          capture_output=True, cwd=tmp_path, env=clean, timeout=60)


CASES = [
    ("DEBRIEF_HTTP_PORT", "99999", "'99999' is not a TCP port (use a number from 1 to 65535)"),
    ("DEBRIEF_HTTP_PORT", "http", "'http' is not a TCP port (use a number from 1 to 65535)"),
    ("DEBRIEF_DATABASE_URL", "garbage",
     "'garbage' is not a database URL (use sqlite+aiosqlite:///./debrief.db or "
     "postgresql+asyncpg://user:password@host/db)"),
    ("DEBRIEF_DATABASE_URL", "mysql+aiomysql://root@localhost/debrief",
     "the driver 'mysql+aiomysql' is not supported (use sqlite+aiosqlite:// or "
     "postgresql+asyncpg://)"),
    ("DEBRIEF_DATABASE_URL", "sqlite:///./debrief.db",
     "the driver 'sqlite' is not supported (use sqlite+aiosqlite:// or "
     "postgresql+asyncpg://)"),
    ("DEBRIEF_DATABASE_POOL_SIZE", "0",
     "'0' is not a number of connections (use a whole number from 1 to 1000)"),
    ("DEBRIEF_DATABASE_MAX_OVERFLOW", "lots",
     "'lots' is not a number of connections (use a whole number from 0 to 1000)"),
    ("DISCORD_SHARD_COUNT", "abc", "'abc' is not a shard count (use auto or a number from 1 up)"),
    ("DISCORD_SHARD_COUNT", "0", "'0' is not a shard count (use auto or a number from 1 up)"),
]


@pytest.mark.parametrize(("variable", "value", "problem"), CASES)
def test_a_bad_setting_ends_with_one_line_naming_the_variable_and_exit_2(
        tmp_path: Path, variable: str, value: str, problem: str) -> None:
    result = run_debrief(tmp_path, ["console"], **{variable: value})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"debrief: configuration error - {variable}: {problem}")
    assert result.stdout == ""


@pytest.mark.parametrize("command", [["run"], ["db", "upgrade"]])
def test_run_and_db_upgrade_refuse_a_bad_setting_the_same_way(
        tmp_path: Path, command: list[str]) -> None:
    result = run_debrief(tmp_path, command, DEBRIEF_DATABASE_URL="garbage",
                         DEBRIEF_HTTP_PORT="99999")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-2].startswith("debrief: configuration error - DEBRIEF_DATABASE_URL: ")
    assert lines[-1].startswith("debrief: configuration error - DEBRIEF_HTTP_PORT: ")


def test_a_sqlite_file_under_a_missing_folder_is_refused_and_the_folder_not_created(
        tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such"
    result = run_debrief(tmp_path, ["console"],
                         DEBRIEF_DATABASE_URL=f"sqlite+aiosqlite:///{missing / 'debrief.db'}")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"debrief: configuration error - DEBRIEF_DATABASE_URL: the folder '{missing}' for "
        "the SQLite file does not exist (create it first, or fix the path)")
    assert not (tmp_path / "no").exists()


def test_a_bad_setting_in_the_env_file_is_named_too(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DEBRIEF_HTTP_PORT=70000\n")
    result = run_debrief(tmp_path, ["run"])
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "debrief: configuration error - DEBRIEF_HTTP_PORT: '70000' is not a TCP port "
        "(use a number from 1 to 65535)")


def test_good_settings_still_start_the_console(tmp_path: Path) -> None:
    result = run_debrief(tmp_path, ["console", "--user", "ann"], DEBRIEF_HTTP_PORT="8080",
                         DISCORD_SHARD_COUNT="auto")
    assert result.returncode == 0, result.stderr
    assert "Bye" in result.stdout
