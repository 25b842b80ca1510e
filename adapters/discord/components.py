"""Buttons, the select menu and modals that survive restarts.

Every component's whole state is its ``custom_id``, so a button on a message sent before a
restart (a nudge from yesterday) still works: the client registers the classes below with
``add_dynamic_items`` and discord.py rebuilds the item from the id when it is clicked.

custom_id forms (Discord allows 100 characters)::

    dbf:c:<value>           a choice/action; <value> is what the person could have typed,
                            on a question wrapped in the question's key
                            (``q<interview>.<question>.<version>:<value>``, AnswerKey), so a
                            click answers that question or nothing
    dbf:h:<digest>:<n>      a value too long for an id: looked up by digest in this process;
                            after a restart, choice number <n> (or the label, for actions)
                            is sent instead - both are typed equivalents the core accepts
    dbf:s[:m][:<key>]       the select menu (m: several may be picked); values are numbers;
                            <key> the question's AnswerKey (``q12.researched.3``)
    dbf:a                   "Answer…": opens a modal for a free-text answer
    dbf:m:answer            the answer modal; dbf:m:interview the "log an interview" modal

Callbacks only hand the interaction and the typed-equivalent text to the handler that
:class:`~adapters.discord.client.DebriefClient` carries; they decide nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from typing import Any, Protocol, Self

import discord

from bot import copy
from bot.grammar import spec_for
from bot.values import AnswerKey, Choice

__all__ = [
    "ANSWER_INPUT_ID",
    "ANSWER_MODAL_ID",
    "INTERVIEW_MODAL_ID",
    "AnswerButton",
    "AnswerModal",
    "ChoiceButton",
    "ChoiceSelect",
    "ComponentHandler",
    "InterviewModal",
    "modal_values",
]

CUSTOM_ID_LIMIT = 100
LABEL_LIMIT = 80
ANSWER_MODAL_ID = "dbf:m:answer"
INTERVIEW_MODAL_ID = "dbf:m:interview"
ANSWER_INPUT_ID = "answer"
ANSWER_LABEL = copy.ANSWER_BUTTON
ANSWER_MODAL_TITLE = copy.ANSWER_FORM_TITLE
ANSWER_MAX_LENGTH = 1000
INTERVIEW_FIELDS = ("company", "role", "when", "interviewer", "notes")


class ComponentHandler(Protocol):
    """What component callbacks hand over to (implemented by ``handlers.DiscordHandlers``)."""

    async def clicked(self, interaction: discord.Interaction[Any], text: str, *,
                      custom_id: str, picked: list[str] | None = None,
                      typed: bool = False) -> None: ...

    async def answer_requested(self, interaction: discord.Interaction[Any]) -> None: ...


def _handler(interaction: discord.Interaction[Any]) -> ComponentHandler:
    handler: ComponentHandler = interaction.client.debrief  # set by DebriefClient
    return handler


class _LongValues:
    """Values too long for a custom_id, by digest. Bounded; lost on restart (see module doc)."""

    def __init__(self, size: int = 10_000) -> None:
        self._values: OrderedDict[str, str] = OrderedDict()
        self._size = size

    def put(self, value: str) -> str:
        digest = hashlib.blake2s(value.encode(), digest_size=10).hexdigest()
        self._values[digest] = value
        self._values.move_to_end(digest)
        while len(self._values) > self._size:
            self._values.popitem(last=False)
        return digest

    def get(self, digest: str) -> str | None:
        return self._values.get(digest)


LONG_VALUES = _LongValues()


def _label(text: str) -> str:
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1] + "…"


class ChoiceButton(discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
                   template=re.compile(r"dbf:(?P<kind>[ch]):(?P<payload>.+)", re.DOTALL)):
    def __init__(self, button: discord.ui.Button[discord.ui.View], value: str) -> None:
        super().__init__(button)
        self.value = value

    @staticmethod
    def custom_id_for(value: str, number: int) -> str:
        custom_id = f"dbf:c:{value}"
        if len(custom_id) <= CUSTOM_ID_LIMIT:
            return custom_id
        return f"dbf:h:{LONG_VALUES.put(value)}:{number}"

    @classmethod
    def build(cls, label: str, value: str, *, number: int = 0,
              style: discord.ButtonStyle = discord.ButtonStyle.secondary) -> Self:
        """``number`` is the choice's 1-based position (0 for actions, which have none)."""
        button: discord.ui.Button[discord.ui.View] = discord.ui.Button(
            label=_label(label), style=style, custom_id=cls.custom_id_for(value, number))
        return cls(button, value)

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any],
                             item: discord.ui.Item[Any], match: re.Match[str], /) -> Self:
        assert isinstance(item, discord.ui.Button)
        if match["kind"] == "c":
            return cls(item, match["payload"])
        digest, _, number = match["payload"].rpartition(":")
        value = LONG_VALUES.get(digest)
        if value is None:
            value = number if number not in ("", "0") else (item.label or "")
        return cls(item, value)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _handler(interaction).clicked(interaction, self.value, custom_id=self.custom_id)


class ChoiceSelect(discord.ui.DynamicItem[discord.ui.Select[discord.ui.View]],
                   template=r"dbf:s(?P<multi>:m)?(?::(?P<key>q[a-z0-9_.]+))?"):
    """Several choices at once (``multi``) or more choices than buttons fit.

    Option values are the choices' numbers for ``multi`` (sent as ``1,3``, as typed) and the
    choices' own values otherwise.
    """

    def __init__(self, select: discord.ui.Select[discord.ui.View], *, multi: bool,
                 key: AnswerKey | None = None) -> None:
        super().__init__(select)
        self.multi = multi
        self.key = key

    @classmethod
    def build(cls, choices: tuple[Choice, ...], *, multi: bool,
              key: AnswerKey | None = None) -> Self:
        shown = choices[:25]
        options = [discord.SelectOption(
            label=choice.label[:100] or str(n),
            value=str(n) if multi or len(choice.value) > 100 else choice.value)
            for n, choice in enumerate(shown, start=1)]
        custom_id = "dbf:s:m" if multi else "dbf:s"
        if key is not None:
            custom_id += ":" + key.wrap("")[:-1]
        select: discord.ui.Select[discord.ui.View] = discord.ui.Select(
            custom_id=custom_id, options=options,
            min_values=1, max_values=len(options) if multi else 1)
        return cls(select, multi=multi, key=key)

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any],
                             item: discord.ui.Item[Any], match: re.Match[str], /) -> Self:
        assert isinstance(item, discord.ui.Select)
        key = AnswerKey.unwrap(match["key"] + ":")[0] if match["key"] else None
        return cls(item, multi=bool(match["multi"]), key=key)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        picked = list(self.item.values)
        # Multi-select options are the choices' numbers: send them as they'd be typed, "1,3".
        text = ",".join(sorted(picked, key=int)) if self.multi else picked[0]
        if self.key is not None:
            text = self.key.wrap(text)
        await _handler(interaction).clicked(interaction, text, custom_id=self.custom_id,
                                            picked=picked)


class AnswerButton(discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=r"dbf:a"):
    @classmethod
    def build(cls) -> Self:
        return cls(discord.ui.Button(label=ANSWER_LABEL, style=discord.ButtonStyle.primary,
                                     custom_id="dbf:a"))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any],
                             item: discord.ui.Item[Any], match: re.Match[str], /) -> Self:
        assert isinstance(item, discord.ui.Button)
        return cls(item)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await _handler(interaction).answer_requested(interaction)


class AnswerModal(discord.ui.Modal):
    """A free-text answer. Submissions are handled by custom_id (``handlers``), not here, so a
    modal opened before a restart can still be submitted after it."""

    def __init__(self) -> None:
        super().__init__(title=ANSWER_MODAL_TITLE, custom_id=ANSWER_MODAL_ID, timeout=900)
        self.add_item(discord.ui.Label(text=ANSWER_MODAL_TITLE, component=discord.ui.TextInput(
            custom_id=ANSWER_INPUT_ID, style=discord.TextStyle.paragraph,
            max_length=ANSWER_MAX_LENGTH, required=True)))


class InterviewModal(discord.ui.Modal):
    """``/debrief interview`` without a company: the same options as the command, as a form."""

    def __init__(self, title: str, defaults: dict[str, str] | None = None) -> None:
        super().__init__(title=title[:45], custom_id=INTERVIEW_MODAL_ID, timeout=900)
        given = defaults or {}
        spec = spec_for("interview")
        assert spec is not None
        described = {option.name: option.description for option in spec.options}
        for name in INTERVIEW_FIELDS:
            text_input: discord.ui.TextInput[InterviewModal] = discord.ui.TextInput(
                custom_id=name, required=name == "company", default=given.get(name),
                max_length=1000 if name == "notes" else 100,
                style=discord.TextStyle.paragraph if name == "notes" else discord.TextStyle.short)
            self.add_item(discord.ui.Label(text=name.title(),
                                           description=described.get(name, "")[:100] or None,
                                           component=text_input))


def modal_values(data: dict[str, Any]) -> dict[str, str]:
    """``{input custom_id: value}`` from a MODAL_SUBMIT payload (action rows or labels)."""
    out: dict[str, str] = {}

    def walk(components: list[dict[str, Any]]) -> None:
        for component in components:
            if component.get("type") == 1:
                walk(component.get("components", []))
            elif component.get("type") == 18:
                walk([component["component"]])
            elif "custom_id" in component and isinstance(component.get("value"), str):
                out[component["custom_id"]] = component["value"]

    walk(data.get("components", []))
    return out
