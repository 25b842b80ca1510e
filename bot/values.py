"""Value types that cross the boundary between the core and the adapters.

Adapters turn platform events into :class:`Incoming` and render :class:`Reply` back into
Block Kit, ``discord.ui`` or plain text. Every sentence a person reads is built by the core.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import ClassVar, Literal

__all__ = [
    "AnswerKey",
    "Attachment",
    "Chart",
    "ChartSeries",
    "Choice",
    "Command",
    "Destination",
    "Identity",
    "Incoming",
    "Reply",
    "ReplyField",
    "Surface",
    "clean_command",
    "clean_incoming",
    "clean_text",
    "without_emoji",
]

# Characters removed from everything a person sends before the core sees it: control
# characters but newline and tab (NUL breaks PostgreSQL text; escapes repaint terminals),
# bidirectional overrides and isolates (they make stored names read backwards), invisible
# spaces and marks, and lone surrogates (not valid UTF-8 on any backend).
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u206f\ufeff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without the characters above (``\r\n`` and ``\r`` become ``\n``); empty when
    nothing visible is left (a name made only of zero-width joiners is no name)."""
    cleaned = _UNWANTED.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if all(ch.isspace() or unicodedata.category(ch) in ("Cf", "Mn", "Me") for ch in cleaned):
        return ""
    return cleaned


def without_emoji(text: str) -> str:
    """``text`` without emoji and other pictographs, on single spaces: for a name that
    goes into a note ("🚀 Initech 🚀" -> "Initech", "Ann Lee 😀" -> "Ann Lee")."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) != "So")
    return " ".join(kept.replace("\ufe0f", "").replace("\u200d", "").split())


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a person is. The same user id in two workspaces is two people."""

    platform: str
    workspace_id: str
    user_id: str

    def __str__(self) -> str:
        return f"{self.platform}:{self.workspace_id}:{self.user_id}"


@dataclass(frozen=True, slots=True)
class AnswerKey:
    """Which question an answer button answers: the interview, the question's key and the
    interview's answer version when the question was asked. The core applies a keyed answer
    only while that exact question is still the open one (one conditional write), so a double
    click, a second replica or an old button after a restart can never answer the next one.

    Adapters carry it inside a button's value or custom_id with :meth:`wrap` and take it out
    again with :meth:`unwrap`; what follows the key is the option's typed equivalent.
    """

    interview_id: int
    question: str
    version: int

    PREFIX: ClassVar[str] = "q"

    def wrap(self, value: str) -> str:
        """``q<interview>.<question>.<version>:<value>`` - short enough for Discord's
        100-character custom_id with the values the reflection uses."""
        return f"{self.PREFIX}{self.interview_id}.{self.question}.{self.version}:{value}"

    @classmethod
    def unwrap(cls, text: str) -> tuple[AnswerKey | None, str]:
        """``(key, value)`` from a wrapped value; ``(None, text)`` for anything else."""
        match = _KEYED.fullmatch(text)
        if match is None:
            return None, text
        key = cls(int(match["interview"]), match["question"], int(match["version"]))
        return key, match["value"]


_KEYED = re.compile(r"q(?P<interview>\d{1,18})\.(?P<question>[a-z_]{1,32})\."
                    r"(?P<version>\d{1,9}):(?P<value>.*)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Command:
    """A parsed ``/debrief`` command: the subcommand word, its free text and named options."""

    name: str
    text: str = ""
    options: tuple[tuple[str, str], ...] = ()

    def option(self, *names: str) -> str | None:
        for key, value in self.options:
            if key in names:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Surface:
    """What the place a person talks to Debrief from can do, declared by its adapter, so
    the core words replies for it without checking platform names: a terminal has no
    buttons and no channels."""

    buttons: bool = True   # a reply's choices and actions can be clicked
    channels: bool = True  # a community with channels and admins (channel tips, figures)
    # How the platform links a channel by its id without pinging anyone, with ``{id}`` in
    # it; the core writes a channel that way where set (Discord's ``<#{id}>``, which shows
    # the channel's current name), else by the name it was given or its id.
    channel_link: str | None = None


@dataclass(frozen=True, slots=True)
class Incoming:
    """Something a person did: typed a message, ran a command, or clicked a button.

    ``text`` is what they typed (or the button's value, which is always something they
    could have typed). ``command`` is set by adapters that receive structured commands
    (Discord application commands); otherwise the core parses ``text``.
    """

    identity: Identity
    text: str = ""
    command: Command | None = None
    in_dm: bool = True
    channel_id: str | None = None
    display_name: str | None = None
    is_admin: bool = False
    platform_timezone: str | None = None
    # The community the person spoke in (Slack workspace, Discord server); None where they
    # are in none (a Discord DM). Interviews remember it for ``/debrief community``.
    community_id: str | None = None
    # What the person's platform can do (the console: no buttons, no channels).
    surface: Surface = Surface()
    # Set when ``text`` came from an answer button: the question it answers (see AnswerKey).
    # Typed text has none; it answers whatever question is open when the core reads it.
    answer_key: AnswerKey | None = None
    # When the adapter received a typed message (UTC, from the core's clock), before it
    # waited in any queue: a message that arrived before the open question was asked was
    # meant for an earlier one and is not applied to this one. None: no such check.
    received_at: datetime | None = None


class Destination(StrEnum):
    """Where a reply goes: back where the person spoke (ephemeral in a channel) or their DM."""

    HERE = "here"
    DM = "dm"


@dataclass(frozen=True, slots=True)
class Choice:
    """A button. ``value`` is sent back as if typed, so every button has a typed equivalent."""

    label: str
    value: str
    style: Literal["default", "primary", "danger"] = "default"


@dataclass(frozen=True, slots=True)
class ReplyField:
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with a reply (a PNG chart). Platforms that show images show it."""

    filename: str
    data: bytes
    media_type: str = "image/png"
    description: str = ""  # alt text

    def __repr__(self) -> str:  # keep logs and test failures readable
        return f"Attachment({self.filename!r}, {len(self.data)} bytes)"


@dataclass(frozen=True, slots=True)
class ChartSeries:
    """One line on a chart: a label and one value (or a gap) per x position."""

    label: str
    values: tuple[float | None, ...]
    # How to colour it, where the meaning is fixed: "good", "bad", "open" (else by position).
    tone: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    """What to draw, in words the core chose; a ``ChartRenderer`` only draws it.

    ``markers`` put a short label at an x position above the lines (an outcome), with a
    ``kind`` the renderer may style by (``good``, ``bad``, ``open``).
    """

    title: str
    x_labels: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    y_label: str = ""
    y_min: float = 0.0
    y_max: float = 2.0
    y_ticks: tuple[tuple[float, str], ...] = ()
    markers: tuple[tuple[int, str, str], ...] = ()
    width_px: int = 1000
    height_px: int = 560
    # "lines" (one line per series across x) or "bars" (series stacked in one bar per x).
    kind: str = "lines"


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to show a person.

    ``text`` and field values may contain text the person typed; adapters must escape it
    for their platform (no mentions, no broken formatting). ``copy_text`` is shown as a
    block meant to be copied verbatim (the thank-you note, an export).
    ``multi`` means several choices may be picked at once (typed as ``1,3``).
    ``actions`` are secondary buttons (skip, back, cancel, snooze …): not numbered, but
    each also has a typed equivalent in its ``value``.
    ``tags`` carry hints for renderers: ``question`` (a reflection question; its choices
    are shown numbered), ``scale`` (a rating whose labels already carry their number,
    "4 · Good fit": not numbered again), ``already_answered`` (a refused click: keep the
    clicked message as it is),
    ``free_text`` (the answer is typed; Discord offers a modal), ``nudge``, ``summary``,
    ``export``, and ``private`` (reflection content: the core routes it to the DM when it
    was asked for in a channel).
    ``attachment`` is a file to show with the message (a chart): Slack uploads it, Discord
    attaches it, the console saves it and prints the path.
    """

    text: str
    choices: tuple[Choice, ...] = ()
    multi: bool = False
    actions: tuple[Choice, ...] = ()
    fields: tuple[ReplyField, ...] = ()
    copy_text: str | None = None
    title: str | None = None
    destination: Destination = Destination.HERE
    private: bool = True
    tags: frozenset[str] = field(default_factory=frozenset)
    attachment: Attachment | None = None
    # A reflection question's identity: adapters wrap every choice's and action's value in
    # it (``AnswerKey.wrap``) so a click names the question it answers.
    answer_key: AnswerKey | None = None
    # A reminder's own key (``nudge-<id>``): the platform can recognise a second send of it
    # (Discord's nonce, Slack's message metadata). ``resend``: an earlier attempt may have
    # reached the platform (its process died mid-send), so look before sending again.
    delivery_key: str | None = None
    resend: bool = False


def clean_command(command: Command) -> Command:
    """``command`` with :func:`clean_text` applied to its text and every option."""
    text = clean_text(command.text)
    options = tuple((name, clean_text(value)) for name, value in command.options)
    if text == command.text and options == command.options:
        return command  # nothing to clean (nearly always): no copy
    return replace(command, text=text, options=options)


def clean_incoming(incoming: Incoming) -> Incoming:
    """What a person sent, with :func:`clean_text` applied to every text in it: the one
    place text enters the core (``Debrief.handle``), whatever the platform."""
    command = clean_command(incoming.command) if incoming.command is not None else None
    name = (clean_text(incoming.display_name) if incoming.display_name else None) or None
    text = clean_text(incoming.text)
    if text == incoming.text and command is incoming.command and name == incoming.display_name:
        return incoming  # nothing to clean (nearly always): no copy
    return replace(incoming, text=text, command=command, display_name=name)
