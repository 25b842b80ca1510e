"""End to end: ``debrief console`` in a subprocess, driven through piped stdin.

This is the path a person takes on a fresh machine: the real CLI, migrations applied on a
new SQLite file, the core, the console adapter and the in-process dispatcher.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.notes.phrasings import REFERENCE

INTERVIEW = '/debrief interview Acme role:"Backend Engineer" interviewer:"Jane Doe"'
# As a person types them: no type given, so the first question asks it.
ANSWERS = [
    "something else",                       # the interview type
    "a few moments stood out",
    "my story about cutting latency by 40%",
    "our on-call rotation",                 # what they seemed most interested in
    "not yet",                              # the thank-you: planning to send it
    "their migration to Kubernetes",
    "yes",                                  # the personal talk stayed on topic
    "company and the role",
    "What does success look like in six months?",
    "4 out of 5",
    "ten years of platform work",
    "by Friday",
]
RULE = "-" * 60
PANEL = '/debrief interview Acme role:"a Backend Engineer role" interviewer:"Priya, Tom and Lee"'
# The note's reference sentence is one of these phrasings (chosen per interview and person).
REFERENCE_SENTENCES = [p.format(ref="your migration to Kubernetes") for p in REFERENCE]


def console_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DEBRIEF_", "SLACK_", "DISCORD_"))}
    env["DEBRIEF_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}"
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def console_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "adapters.cli", "console", "--user", "ann",
            "--tz", "Europe/London", *args]


def run_console(tmp_path: Path, lines: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Pipe ``lines`` in, let end of input end the session, return what it printed."""
    result = subprocess.run(
        console_command(), input="".join(f"{line}\n" for line in lines), text=True,
        capture_output=True, cwd=tmp_path, env=console_env(tmp_path, **env), timeout=60)
    assert result.returncode == 0, result.stderr
    return result


def draft_block(stdout: str) -> str:
    """The last ready-to-copy block (between two rules of dashes)."""
    parts = stdout.split(RULE)
    assert len(parts) >= 3, stdout
    return parts[-2]


def test_a_whole_reflection_in_the_console_shows_the_thank_you_draft(tmp_path: Path) -> None:
    result = run_console(tmp_path, [INTERVIEW, *ANSWERS, "/quit"])
    out = result.stdout
    assert "· question 1\n" in out and "question 12 of 12" in out
    assert "  1. I probably blended in" in out  # choices are shown numbered
    assert "  4 · Good fit" in out and "1 · Poor fit" in out  # a scale: no second number
    assert "1. 1" not in out and "4. 4" not in out
    assert "== Your reflection: Acme ==" in out
    assert "-- One thing to focus on:" in out
    note = draft_block(out)
    assert "Subject: Thank you - Backend Engineer interview\n\nHi Jane,\n" in note
    assert "the Backend Engineer role at Acme" in note
    assert any(s in note for s in REFERENCE_SENTENCES)  # the reference point, made to fit
    assert out.rstrip().endswith("Bye - good luck with your interviews.")
    assert (tmp_path / "e2e.db").exists()


def copy_blocks(stdout: str) -> list[str]:
    """Every ready-to-copy block, in order."""
    return stdout.split(RULE)[1::2]


def test_a_panel_with_a_sentence_form_reference_gets_a_signed_note_each_from_draft(
        tmp_path: Path) -> None:
    answers = list(ANSWERS)
    answers[3] = "We talked about their migration to Kubernetes lol"
    result = run_console(tmp_path, ["/debrief settings name ann lee", PANEL, *answers,
                                    "/debrief draft", "/quit"])
    notes = [b.strip() for b in copy_blocks(result.stdout)][-3:]
    assert [n.split("\n\n")[1] for n in notes] == ["Hi Priya,", "Hi Tom,", "Hi Lee,"]
    for note in notes:
        assert note.startswith("Subject: Thank you - Backend Engineer interview")
        assert sum(s in note for s in REFERENCE_SENTENCES) == 1
        assert note.endswith("\nAnn Lee")  # signed with the name set in settings
        assert "role role" not in note and "lol" not in note
    assert "Note 3 of 3: to Lee." in result.stdout


def test_a_second_console_resumes_a_half_done_reflection(tmp_path: Path) -> None:
    first = run_console(tmp_path, [INTERVIEW, *ANSWERS[:5]])  # end of input mid-way
    assert "question 6 of 12" in first.stdout

    second = run_console(tmp_path, ["/debrief reflect", *ANSWERS[5:]])
    out = second.stdout
    resumed = out.split("Welcome back", 1)
    assert len(resumed) == 2, out
    assert "question 6 of 12" in resumed[1].split("\n\n", 2)[1]
    assert "What did you discuss that your thank-you note should mention?" in out
    assert "· question 1\n" not in out  # nothing asked twice
    assert any(s in draft_block(out) for s in REFERENCE_SENTENCES)
    # the answers given in the first process made it into the summary
    assert "my story about cutting latency by 40%" in out


def test_an_unknown_subcommand_gets_a_friendly_error_and_the_console_carries_on(
        tmp_path: Path) -> None:
    result = run_console(tmp_path, ["/debrief bogus", "/debrief help"])
    assert "I don't know the command `bogus`. Type `/debrief help`" in result.stdout
    assert "/debrief interview <company>" in result.stdout  # help still answered
    assert "Traceback" not in result.stdout + result.stderr


def test_an_unknown_timezone_on_the_command_line_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "console", "--tz", "Mars/Olympus"],
        input="", text=True, capture_output=True, cwd=tmp_path, env=console_env(tmp_path),
        timeout=60)
    assert result.returncode == 2
    assert "unknown timezone 'Mars/Olympus'" in result.stderr


class LiveConsole:
    """A console process whose output is read while it runs."""

    def __init__(self, tmp_path: Path, **env: str) -> None:
        self.proc = subprocess.Popen(
            console_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=console_env(tmp_path, **env))
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def wait_for(self, text: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output:
                return True
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        return text in self.output

    def close(self) -> tuple[int, str]:
        if self.proc.poll() is None:
            self.send("/quit")
            assert self.proc.stdin is not None
            self.proc.stdin.close()
        try:
            code = self.proc.wait(timeout=30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        self._reader.join(timeout=5)
        assert self.proc.stderr is not None
        return code, self.proc.stderr.read()


def test_a_due_reminder_prints_while_the_console_is_open(tmp_path: Path) -> None:
    console = LiveConsole(tmp_path, DEBRIEF_THANK_YOU_NUDGES="2s",
                          DEBRIEF_DISPATCH_INTERVAL="1s")
    try:
        # whatever the time of day in London, no quiet hours hold the reminder back
        console.send("/debrief settings quiet off")
        console.send("/debrief interview Acme")
        assert console.wait_for("· question 1\n", timeout=20), console.output
        started = time.monotonic()
        if not console.wait_for("[reminder]", timeout=15):
            pytest.fail(f"no reminder printed while the console was open:\n{console.output}")
        assert time.monotonic() - started < 10
        # quit at once: leaving must not interrupt recording the reminder as sent
    finally:
        code, stderr = console.close()
    assert code == 0, stderr
    assert "Traceback" not in stderr
    reminder = console.output.split("[reminder]", 1)[1]
    assert "has your thank-you note to Acme gone out?" in reminder
    assert "Sorry this is late" not in reminder
    assert console.output.count("[reminder]") == 1

    # It is recorded as delivered, so no later run sends it again.
    with closing(sqlite3.connect(tmp_path / "e2e.db")) as db:
        rows = db.execute("SELECT kind, status, platform_message_id FROM nudges "
                          "ORDER BY due_at").fetchall()
    assert rows[0][:2] == ("thank_you", "sent") and rows[0][2]
    assert [row[1] for row in rows[1:]] == ["pending"]  # the check-in, a week later


def test_a_number_typed_after_command_choices_runs_that_choice(tmp_path: Path) -> None:
    result = run_console(tmp_path, ["/debrief interview Acme", "cancel", "/debrief outcome",
                                    "2"])
    assert "What did you hear back from Acme?" in result.stdout
    assert "  2. Offer" in result.stdout
    assert "Congratulations on the offer!" in result.stdout


async def test_the_console_leaves_other_peoples_reminders_for_them(tmp_path: Path) -> None:
    # Two people use consoles on one database (or a console shares it with `debrief run`):
    # Ann's open console must not use up, let alone fail, Bob's reminders.
    from adapters.console import ConsoleApp, ConsoleGateway
    from bot.clock import FixedClock
    from bot.memory import memory_uow_factory
    from bot.model import NudgeStatus
    from bot.nudges.dispatcher import Dispatcher, DispatcherConfig
    from bot.service import Debrief
    from bot.values import Identity

    uow = memory_uow_factory()
    clock = FixedClock(datetime(2026, 6, 10, 11, 0, tzinfo=UTC))  # 12:00 in London
    bot = Debrief(uow, clock)
    bob = ConsoleApp(bot, Identity("console", "local", "bob"), timezone="Europe/London",
                     stdout=io.StringIO())
    await bob.send("/debrief interview Globex")
    ann_out = io.StringIO()
    ann = ConsoleApp(bot, Identity("console", "local", "ann"), timezone="Europe/London",
                     stdout=ann_out)
    dispatcher = Dispatcher(uow, ConsoleGateway(ann), clock,
                            settings=DispatcherConfig(max_attempts=3))
    for _ in range(30):  # five hours of Ann's console being open
        clock.advance(timedelta(minutes=10))
        await dispatcher.run_until_idle()
    assert "[reminder]" not in ann_out.getvalue()
    async with uow() as work:
        bob_user = await work.users.get(bob.identity)
        assert bob_user is not None and bob_user.id is not None
        nudges = await work.nudges.list_for_user(bob_user.id, pending_only=False)
    assert {n.status for n in nudges} == {NudgeStatus.PENDING}
    assert {n.attempts for n in nudges} == {0}
    # Bob's own console delivers it
    bob_out = io.StringIO()
    bob_again = ConsoleApp(bot, bob.identity, stdout=bob_out)
    clock.advance(timedelta(minutes=10))
    await Dispatcher(uow, ConsoleGateway(bob_again), clock).run_until_idle()
    assert "[reminder]" in bob_out.getvalue()


def test_an_interview_logged_at_the_wrong_time_is_moved_with_its_reminders(
        tmp_path: Path) -> None:
    result = run_console(tmp_path, ['/debrief interview Acme when:"in 3 days 10:00"',
                                    '/debrief history #1 edit when:"in 5 days 10:00"',
                                    "/debrief nudges"])
    out = result.stdout
    assert "Moved Acme (#1) from " in out and "Your reminders:" in out
    assert 'Move it back with `/debrief history #1 edit when:"' in out
    with closing(sqlite3.connect(tmp_path / "e2e.db")) as db:
        rows = db.execute("SELECT kind, status, idempotency_key FROM nudges "
                          "ORDER BY id").fetchall()
        (happens_at,) = db.execute("SELECT happens_at FROM interviews").fetchone()
    first, moved = rows[:5], rows[5:]
    assert {status for _, status, _ in first} == {"cancelled"}  # kept, as history
    assert sorted(kind for kind, _, _ in moved) == sorted(kind for kind, _, _ in first)
    assert {status for _, status, _ in moved} == {"pending"}
    assert not {key for *_, key in first} & {key for *_, key in moved}
    london = ZoneInfo("Europe/London")  # the console's --tz; 10:00 there is the same day in UTC
    day = (datetime.now(london).date() + timedelta(days=5)).isoformat()
    assert str(happens_at).startswith(day)  # stored at the new time
