"""Reading lines for the console, and keeping stored text from driving the terminal.

Two ways in:

- :class:`PromptLines` when both stdin and stdout are a terminal: prompt_toolkit gives line
  editing and (in-memory) history, and its ``patch_stdout`` prints replies and reminders
  above the ``> `` prompt and redraws it. Ctrl-C cancels the line being typed; a second
  Ctrl-C in a row, or Ctrl-D on an empty line, leaves.
- :class:`PipedLines` otherwise (piped input, CI, tests): plain lines, exactly one message
  each, with no prompt noise unless stdin is a terminal. A daemon thread reads stdin so that
  Ctrl-C never waits for the next Enter.

:func:`terminal_safe` removes escape sequences and control characters from everything the
console prints: a company name or answer stored as ``"\\x1b]0;title\\x07"`` or
``"\\x1b[2J"`` must not retitle or clear the person's terminal.
"""

from __future__ import annotations

import asyncio
import re
import threading
from contextlib import AbstractContextManager
from typing import TextIO

__all__ = ["INTERRUPTED", "Interrupted", "PipedLines", "PromptLines", "terminal_safe", "use_prompt"]

# ESC-introduced sequences, removed whole so no "[2J" is left behind: OSC (to BEL or ST, or
# unterminated), CSI, and the two-character forms; then any other C0/C1 control character
# but newline and tab, and the bidirectional overrides that can reorder what is shown.
_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"      # OSC … BEL / ST
    r"|\x1b[P^_X][^\x1b]*(?:\x1b\\)?"           # DCS, PM, APC, SOS … ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]?"                # CSI
    r"|\x1b[ -/]*[0-~]?"                        # other ESC sequences, or a lone ESC
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

class Interrupted:
    """What ``PromptLines.read`` returns for a Ctrl-C that cancelled the line."""


INTERRUPTED = Interrupted()


def terminal_safe(text: str) -> str:
    """``text`` without anything a terminal would act on rather than show."""
    text = text.replace("\r\n", "\n")
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def use_prompt(stdin: TextIO, stdout: TextIO) -> bool:
    """Line editing only where a person types at a terminal and reads one."""
    try:
        return stdin.isatty() and stdout.isatty()
    except (AttributeError, ValueError):  # closed or unusual streams
        return False


class PipedLines:
    """Lines from a pipe (or a file), read in a daemon thread; None at end of input."""

    def __init__(self, stream: TextIO, out: TextIO) -> None:
        self._stream = stream
        self._out = out
        self._prompt = stream.isatty()
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._thread: threading.Thread | None = None

    def _pump(self, loop: asyncio.AbstractEventLoop) -> None:
        try:
            for line in iter(self._stream.readline, ""):
                loop.call_soon_threadsafe(self._queue.put_nowait, line)
        except (OSError, ValueError):  # stdin closed under us
            pass
        except RuntimeError:  # the console ended (/quit) with input still coming: drop it
            return
        finally:
            try:
                loop.call_soon_threadsafe(self._queue.put_nowait, None)
            except RuntimeError:  # the loop is already closed: nobody is waiting
                pass

    async def read(self) -> str | None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._pump, args=(asyncio.get_running_loop(),), daemon=True,
                name="console-stdin")
            self._thread.start()
        if self._prompt:
            self._out.write("> ")
            self._out.flush()
        line = await self._queue.get()
        return None if line is None else line.rstrip("\n")


class PromptLines:
    """Lines typed at a terminal, with editing and history (prompt_toolkit)."""

    def __init__(self) -> None:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import InMemoryHistory

        # In memory only: reflections are private, so nothing typed goes to a history file.
        self._session: PromptSession[str] = PromptSession(history=InMemoryHistory())

    async def read(self) -> str | Interrupted | None:
        """The line typed; None for Ctrl-D on an empty line; INTERRUPTED for Ctrl-C."""
        try:
            return await self._session.prompt_async("> ")
        except EOFError:
            return None
        except KeyboardInterrupt:
            return INTERRUPTED

    @staticmethod
    def patched_stdout() -> AbstractContextManager[None]:
        """A context in which prints appear above the prompt, which is then redrawn."""
        from prompt_toolkit.patch_stdout import patch_stdout

        return patch_stdout()
