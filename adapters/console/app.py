"""Console adapter: stdin lines in, replies and due nudges out, as plain text.

Works interactively and with piped stdin (each line is one message; ``/quit`` or end of
input ends the session). At a terminal it has line editing and history, Ctrl-C cancels the
line (twice, or Ctrl-D, leaves) and reminders print above the prompt (see ``terminal``).
Choices are printed numbered; the core reads a typed number or label itself, and a number
typed after a list of command buttons runs that command. Everything printed goes through
:func:`~adapters.console.terminal.terminal_safe`.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from adapters.console.terminal import (
    INTERRUPTED,
    PipedLines,
    PromptLines,
    terminal_safe,
    use_prompt,
)
from bot import copy
from bot.insights.chart import attachment_saved
from bot.model import User
from bot.ports import Conversation, DeliveryDeclined
from bot.values import Attachment, Destination, Identity, Incoming, Reply, Surface

__all__ = ["ConsoleApp", "ConsoleGateway", "render_text"]

NAV_VALUES = {"skip", "back", "cancel"}
# A terminal: nothing to click (choices are typed) and no community channels.
CONSOLE_SURFACE = Surface(buttons=False, channels=False)


def render_text(reply: Reply) -> str:
    """Plain text for a terminal (nothing can be pinged there); ``show`` strips control
    and escape characters from it before printing."""
    lines: list[str] = []
    if reply.title:
        lines += [f"== {reply.title} =="]
    lines.append(reply.text)
    for number, choice in enumerate(reply.choices, 1):
        # A scale's labels carry their own number ("4 · Good fit"): never "4. 4 · Good fit".
        lines.append(f"  {choice.label}" if "scale" in reply.tags
                     else f"  {number}. {choice.label}")
    if reply.multi and reply.choices:
        lines.append(f"  ({copy.CONSOLE_SEVERAL})")
    for field in reply.fields:
        lines += ["", f"-- {field.name} --", field.value]
    if reply.copy_text:
        lines += ["", "-" * 60, reply.copy_text, "-" * 60]
    nav = [a.value for a in reply.actions if a.value in NAV_VALUES]
    commands = [a for a in reply.actions if a.value not in NAV_VALUES]
    if nav:
        lines.append(f"  ({copy.console_or_type(nav)})")
    for action in commands:
        lines.append(f"  > {copy.console_action(action.label, action.value)}")
    return "\n".join(lines)


class ConsoleGateway:
    """Delivers due nudges to the open terminal (the console's 'DM')."""

    def __init__(self, app: ConsoleApp) -> None:
        self._app = app
        self._count = 0

    async def deliver(self, user: User, reply: Reply) -> str:
        if user.identity != self._app.identity:
            # Someone else's reminder (another console user, or a platform user in a shared
            # database): leave it for the process that can reach them.
            raise DeliveryDeclined("not the person at this console", retry_after=300)
        self._count += 1
        self._app.show(reply, prefix="\n[reminder] ")
        return f"console-{self._count}"

    async def post_to_channel(self, platform: str, workspace_id: str, channel_id: str,
                              reply: Reply) -> str:
        """A channel tip for the console's own community is printed; anyone else's is left
        for the process that serves that platform."""
        if (platform, workspace_id) != (self._app.identity.platform,
                                        self._app.identity.workspace_id):
            raise DeliveryDeclined("not a channel of this console", retry_after=600)
        self._count += 1
        self._app.show(reply, prefix=f"\n[#{channel_id}] ")
        return f"console-{self._count}"


class ConsoleApp:
    def __init__(self, conversation: Conversation, identity: Identity, *,
                 timezone: str | None = None, display_name: str | None = None,
                 stdin: TextIO | None = None, stdout: TextIO | None = None,
                 files_dir: Path | None = None) -> None:
        self.conversation = conversation
        self.identity = identity
        self.timezone = timezone
        self.display_name = display_name
        self._stdin = stdin
        self._stdout = stdout
        self._command_choices: list[str] = []
        # A terminal shows no images: attachments (charts) are saved here and the path shown.
        self.files_dir = files_dir

    @property
    def _in(self) -> TextIO:
        return self._stdin or sys.stdin

    @property
    def _out(self) -> TextIO:
        # Looked up on each write: at a terminal, sys.stdout is prompt_toolkit's proxy
        # that prints above the prompt while the console is open.
        return self._stdout or sys.stdout

    def write(self, text: str) -> None:
        self._out.write(terminal_safe(text))
        self._out.flush()

    def show(self, reply: Reply, prefix: str = "") -> None:
        where = "[DM] " if reply.destination is Destination.DM else ""
        text = f"{prefix}{where}{render_text(reply)}\n"
        if reply.attachment is not None:
            text += attachment_saved(str(self.save(reply.attachment))) + "\n"
        self.write(text)
        if reply.choices:
            values = [c.value for c in reply.choices]
            self._command_choices = values if values[0].startswith("/debrief") else []

    def save(self, attachment: Attachment) -> Path:
        """Write the file under a fresh name (earlier charts are kept) and return its path."""
        if self.files_dir is None:
            self.files_dir = Path(tempfile.mkdtemp(prefix="debrief-"))
        self.files_dir.mkdir(parents=True, exist_ok=True)
        name = Path(Path(attachment.filename).name)  # never a path out of files_dir
        with tempfile.NamedTemporaryFile(dir=self.files_dir, prefix=f"{name.stem}-",
                                         suffix=name.suffix, delete=False) as handle:
            handle.write(attachment.data)
        return Path(handle.name)

    def _translate(self, line: str) -> str:
        typed = line.strip()
        if typed.isdigit() and self._command_choices:
            index = int(typed) - 1
            if 0 <= index < len(self._command_choices):
                return self._command_choices[index]
        return typed

    async def send(self, line: str) -> list[Reply]:
        text = self._translate(line)
        self._command_choices = []
        replies = await self.conversation.handle(Incoming(
            self.identity, text=text, in_dm=True, display_name=self.display_name,
            platform_timezone=self.timezone, community_id=self.identity.workspace_id,
            surface=CONSOLE_SURFACE))
        for reply in replies:
            self.show(reply)
        return replies

    async def run(self) -> None:
        if use_prompt(self._in, self._out):
            try:
                lines = PromptLines()
            except Exception:  # a terminal prompt_toolkit cannot drive: plain lines
                await self._loop(PipedLines(self._in, self._out))
                return
            with lines.patched_stdout():
                await self._loop(lines)
        else:
            await self._loop(PipedLines(self._in, self._out))

    async def _loop(self, lines: PipedLines | PromptLines) -> None:
        self.write(copy.CONSOLE_WELCOME + "\n")
        interrupted = False
        with contextlib.suppress(EOFError):
            while True:
                line = await lines.read()
                if line is INTERRUPTED:
                    if interrupted:  # a second Ctrl-C in a row leaves
                        break
                    interrupted = True
                    self.write(copy.CONSOLE_INTERRUPTED + "\n")
                    continue
                interrupted = False
                if not isinstance(line, str):  # end of input, or Ctrl-D
                    break
                if line.strip().lower() in ("/quit", "/exit"):
                    break
                if not line.strip():
                    continue
                await self.send(line)
        self.write(copy.CONSOLE_BYE + "\n")
