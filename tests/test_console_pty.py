"""``debrief console`` at a real (pseudo-)terminal, typed into key by key with pexpect.

What a person at a terminal relies on: Ctrl-C cancels the line being typed and a second
one leaves, Ctrl-D leaves, a reminder prints above the prompt and the prompt comes back
with the half-typed line, the arrow keys recall earlier lines, and nothing ends in a
traceback. (Piped input is covered by test_console_e2e.py.)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

# prompt_toolkit draws "> " as ">", a backspace and a cursor move; plain output as "> ".
PROMPT = r">(?:\x08\x1b\[2C| )"
CTRL_C, CTRL_D, UP = "\x03", "\x04", "\x1b[A"


def spawn(tmp_path: Path, **extra: str) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DEBRIEF_", "SLACK_", "DISCORD_"))}
    env.update(DEBRIEF_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'pty.db'}",
               TERM="xterm",
               # pexpect does not answer the cursor-position query a real terminal answers
               PROMPT_TOOLKIT_NO_CPR="1", **extra)
    child = pexpect.spawn(sys.executable, ["-m", "adapters.cli", "console", "--user", "ann",
                                           "--tz", "Europe/London"],
                          cwd=str(tmp_path), env=env, encoding="utf-8", timeout=30,
                          dimensions=(40, 160))
    child.expect(PROMPT)
    return child


@pytest.fixture
def console(tmp_path: Path) -> Iterator[pexpect.spawn]:
    child = spawn(tmp_path)
    yield child
    if child.isalive():
        child.terminate(force=True)


def finish(child: pexpect.spawn) -> str:
    """Wait for the process to end; what it printed since the last expect."""
    child.expect(pexpect.EOF)
    child.close()
    return str(child.before)


def test_ctrl_c_cancels_the_half_typed_line_and_the_console_carries_on(
        console: pexpect.spawn) -> None:
    console.send("/debrief hel")
    console.send(CTRL_C)
    console.expect_exact("Line cancelled. Press Ctrl-C again or Ctrl-D to leave.")
    console.expect(PROMPT)
    console.send("/debrief help\r")  # were the first line kept, this would be "hel/debrief…"
    console.expect_exact("Here's what I can do")
    assert "I don't know the command" not in str(console.before)
    console.expect(PROMPT)
    console.send("/quit\r")
    out = finish(console)
    assert "Bye - good luck with your interviews." in out
    assert "Traceback" not in out and "KeyboardInterrupt" not in out
    assert console.exitstatus == 0


def test_a_second_ctrl_c_in_a_row_leaves_without_a_traceback(console: pexpect.spawn) -> None:
    console.send(CTRL_C)
    console.expect_exact("Line cancelled")
    console.send(CTRL_C)
    out = finish(console)
    assert "Bye - good luck with your interviews." in out
    assert "Traceback" not in out and "CancelledError" not in out
    assert console.exitstatus == 0


def test_ctrl_d_on_an_empty_line_leaves(console: pexpect.spawn) -> None:
    console.send(CTRL_D)
    out = finish(console)
    assert "Bye - good luck with your interviews." in out
    assert console.exitstatus == 0


def test_the_up_arrow_recalls_the_previous_line(console: pexpect.spawn) -> None:
    console.send("/debrief tip prepared\r")
    console.expect_exact("Tip · Prepared")
    console.expect(PROMPT)
    console.send(UP)
    console.expect_exact("/debrief tip prepared")
    console.send("\r")
    console.expect_exact("Tip · Prepared")  # the recalled line ran again
    console.expect(PROMPT)
    console.send("/quit\r")
    finish(console)
    assert console.exitstatus == 0


def test_a_reminder_prints_above_the_prompt_and_the_half_typed_line_comes_back(
        tmp_path: Path) -> None:
    child = spawn(tmp_path, DEBRIEF_THANK_YOU_NUDGES="3s", DEBRIEF_DISPATCH_INTERVAL="1s")
    try:
        child.send("/debrief settings quiet off\r")  # any time of day in London
        child.expect_exact("Quiet hours: off")
        child.expect(PROMPT)
        child.send("/debrief interview Acme type:other\r")
        child.expect_exact("question 1 of 11")
        child.expect(PROMPT)
        child.send("I probably bl")
        child.expect_exact("[reminder]", timeout=20)
        child.expect_exact("has your thank-you note to Acme gone out?")
        child.expect(PROMPT)  # the prompt is drawn again below the reminder …
        child.expect_exact("I probably bl")  # … with what was being typed
        child.send("ended in\r")
        child.expect_exact("question 2 of 11")  # the whole line was taken as the answer
        child.expect(PROMPT)
        child.send(CTRL_D)
        out = finish(child)
        assert "Traceback" not in out
        assert child.exitstatus == 0
    finally:
        if child.isalive():
            child.terminate(force=True)
