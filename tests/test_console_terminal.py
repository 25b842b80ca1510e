"""What the console prints can't drive the terminal: stored text is shown, never obeyed."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_console_e2e import run_console

from adapters.console import ConsoleApp
from adapters.console.terminal import terminal_safe
from bot.clock import FixedClock
from bot.memory import memory_uow_factory
from bot.service import Debrief
from bot.values import Identity


@pytest.mark.parametrize(("stored", "shown"), [
    ("Acme\x1b]0;pwned title\x07 Corp", "Acme Corp"),           # OSC: set window title
    ("Acme\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "Acmelink"),  # OSC 8 hyperlink
    ("Acme\x1b[2J\x1b[H", "Acme"),                                # clear screen, home
    ("\x1b[31mred\x1b[0m text", "red text"),                      # colours
    ("bell\x07 and back\x08space", "bell and backspace"),
    ("over\rwrite", "overwrite"),                                 # no carriage-return tricks
    ("lone escape \x1b", "lone escape "),
    ("C1 \x9b2J csi", "C1 2J csi"),
    ("abc\u202edcba", "abcdcba"),                                 # right-to-left override
    ("kept: tabs\tand\nnew lines, émoji 👩‍💻 and «quotes»",
     "kept: tabs\tand\nnew lines, émoji 👩‍💻 and «quotes»"),
])
def test_escape_and_control_characters_are_removed_from_what_the_console_prints(
        stored: str, shown: str) -> None:
    assert terminal_safe(stored) == shown


async def test_a_reply_with_stored_escapes_prints_without_them() -> None:
    out = io.StringIO()
    bot = Debrief(memory_uow_factory(), FixedClock(datetime(2026, 6, 10, 11, 0, tzinfo=UTC)))
    app = ConsoleApp(bot, Identity("console", "local", "ann"), timezone="Europe/London",
                     stdout=out)
    await app.send('/debrief interview "Acme\x1b]0;title\x07\x1b[2J" role:"Dev\x1b[31m"')
    await app.send("/debrief history")
    printed = out.getvalue()
    assert "Acme" in printed and "Dev" in printed
    assert "\x1b" not in printed and "\x07" not in printed


def test_piped_input_with_escapes_never_reaches_the_terminal(tmp_path: Path) -> None:
    result = run_console(tmp_path, ["/debrief interview Acme\x1b[2J\x1b]0;hi\x07",
                                    "cancel", "/debrief history"])
    assert "#1 Acme" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
