"""Core :class:`~bot.values.Reply` -> Discord message parts (content, embed, ``discord.ui`` view).

Text the person typed may be anywhere in a reply, so mentions are defused twice: the text is
escaped (``@everyone`` and ``<@id>`` no longer parse as mentions) and every send carries
:data:`NO_MENTIONS`. Markdown is left alone: the core's copy uses it on purpose.

Buttons survive restarts because they are :class:`discord.ui.DynamicItem` s whose whole state
is their ``custom_id`` (see :mod:`adapters.discord.components`); this module only decides
which items a reply gets and how they are laid out (5 rows of at most 5 buttons).

A reply's attachment (a chart) is sent as a file on its last message, and shown inside that
message's embed when it has one (``attachment://<filename>``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import discord
from discord.utils import escape_mentions

from adapters.discord.components import AnswerButton, ChoiceButton, ChoiceSelect
from adapters.text import split_lines
from bot.values import AnswerKey, Attachment, Choice, Reply

__all__ = ["NO_MENTIONS", "Rendered", "disabled_copy", "escape", "render"]

NO_MENTIONS = discord.AllowedMentions.none()
CONTENT_LIMIT = 2000
#: An embed's description holds 4,096 characters where a message's content holds 2,000
#: (discord-api-docs, developers/resources/message.mdx, "Embed Limits"), so text up to this
#: long goes out as one message (one request) instead of two.
DESCRIPTION_LIMIT = 4096
MAX_ROWS = 5
MAX_BUTTONS_PER_ROW = 5
MAX_FIELDS = 25
BUTTON_STYLES = {
    "default": discord.ButtonStyle.secondary,
    "primary": discord.ButtonStyle.primary,
    "danger": discord.ButtonStyle.danger,
}


@dataclass
class Rendered:
    """One Discord message. Send every part with ``allowed_mentions=NO_MENTIONS``."""

    content: str
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    attachment: Attachment | None = None

    def file(self) -> discord.File | None:
        """A fresh :class:`discord.File` (each can be sent only once, so never cached)."""
        if self.attachment is None:
            return None
        return discord.File(io.BytesIO(self.attachment.data),
                            filename=self.attachment.filename,
                            description=self.attachment.description or None)

    def send_kwargs(self) -> dict[str, object]:
        out: dict[str, object] = {"content": self.content or None,
                                  "allowed_mentions": NO_MENTIONS}
        if self.embed is not None:
            out["embed"] = self.embed
        if self.view is not None:
            out["view"] = self.view
        file = self.file()
        if file is not None:
            out["file"] = file
        return out


def escape(text: str) -> str:
    """Defuse ``@everyone``, ``@here``, ``<@id>``, ``<@!id>`` and ``<@&role>`` (any length of
    id: a zero-width space after ``<@`` keeps it from parsing as a mention at all)."""
    return escape_mentions(text).replace("<@", "<@\u200b")


def _code_block(text: str) -> str:
    # A ``` inside the note would end the block early; a zero-width space keeps it literal.
    return "```\n" + escape(text).replace("```", "`\u200b``") + "\n```"


def _chunks(text: str, limit: int = CONTENT_LIMIT) -> list[str]:
    return split_lines(text, limit) or [""]


def _embed(reply: Reply) -> discord.Embed | None:
    if not reply.fields:
        return None
    embed = discord.Embed(title=escape(reply.title)[:256] if reply.title else None)
    for item in reply.fields[:MAX_FIELDS]:
        value = escape(item.value)
        if len(value) > 1024:
            value = value[:1023] + "…"
        embed.add_field(name=escape(item.name)[:256] or "\u200b", value=value or "\u200b",
                        inline=False)
    return embed


def _button(choice: Choice, number: int, key: AnswerKey | None = None) -> ChoiceButton:
    """``key``: the question the button answers, carried in its custom_id (AnswerKey)."""
    value = key.wrap(choice.value) if key is not None else choice.value
    return ChoiceButton.build(choice.label, value, number=number,
                              style=BUTTON_STYLES.get(choice.style, discord.ButtonStyle.secondary))


def _view(reply: Reply) -> discord.ui.View | None:
    """Choices first (buttons, or one select menu), then the answer button and actions."""
    rows: list[list[discord.ui.Item[Any]]] = []
    seen: set[str] = set()
    many = len(reply.choices) > (MAX_ROWS - 1) * MAX_BUTTONS_PER_ROW
    if reply.choices and (reply.multi or many):
        rows.append([ChoiceSelect.build(reply.choices, multi=reply.multi,
                                        key=reply.answer_key)])
    elif reply.choices:
        buttons: list[discord.ui.Item[Any]] = []
        # The dialogue accepts the number typed, too; a scale's labels carry theirs already.
        numbered = "question" in reply.tags and "scale" not in reply.tags
        for number, choice in enumerate(reply.choices, start=1):
            shown = Choice(f"{number}. {choice.label}", choice.value, choice.style) \
                if numbered else choice
            button = _button(shown, number, reply.answer_key)
            if button.custom_id not in seen:
                seen.add(button.custom_id)
                buttons.append(button)
        rows += [list(buttons[i:i + MAX_BUTTONS_PER_ROW])
                 for i in range(0, len(buttons), MAX_BUTTONS_PER_ROW)]
    extra: list[discord.ui.Item[Any]] = []
    if "free_text" in reply.tags:
        extra.append(AnswerButton.build())
    for action in reply.actions:
        button = _button(action, 0, reply.answer_key)
        if button.custom_id not in seen:
            seen.add(button.custom_id)
            extra.append(button)
    rows += [extra[i:i + MAX_BUTTONS_PER_ROW] for i in range(0, len(extra), MAX_BUTTONS_PER_ROW)]
    if not rows:
        return None
    view = discord.ui.View(timeout=None)
    for index, row in enumerate(rows[:MAX_ROWS]):
        for item in row:
            item.row = index
            view.add_item(item)
    return view


def render(reply: Reply) -> list[Rendered]:
    """A reply as one or more messages: text over 2,000 characters goes in one embed up to
    4,096, longer text is split; buttons and the attachment go on the last message."""
    parts: list[str] = []
    if reply.title and not reply.fields:
        parts.append(f"**{escape(reply.title)}**")
    if reply.text:
        parts.append(escape(reply.text))
    body = "\n".join(parts)
    copy_block = _code_block(reply.copy_text) if reply.copy_text else ""
    if len(body) > CONTENT_LIMIT and not copy_block and not reply.fields:
        text = escape(reply.text)
        if len(text) <= DESCRIPTION_LIMIT:  # one message, not two (help is ~2,100)
            embed = discord.Embed(title=escape(reply.title)[:256] if reply.title else None,
                                  description=text)
            return [_finish(Rendered("", embed=embed), reply)]
    messages = [Rendered(c) for c in _chunks(body)] if body else []
    if copy_block:
        if messages and len(messages[-1].content) + len(copy_block) + 1 <= CONTENT_LIMIT:
            messages[-1].content += "\n" + copy_block
        elif len(copy_block) <= CONTENT_LIMIT:
            messages.append(Rendered(copy_block))
        else:
            messages += [Rendered(c) for c in _chunks(escape(reply.copy_text or ""))]
    if not messages:
        messages.append(Rendered(""))
    messages[-1].embed = _embed(reply)
    _finish(messages[-1], reply)
    return messages


def _finish(last: Rendered, reply: Reply) -> Rendered:
    """The reply's buttons and attachment go on its last message."""
    last.view = _view(reply)
    last.attachment = reply.attachment
    if last.embed is not None and reply.attachment is not None:
        last.embed.set_image(url=f"attachment://{reply.attachment.filename}")
    if not last.content and last.embed is None:
        last.content = "\u200b"
    return last


def disabled_copy(message: discord.Message, *, clicked: str | None = None,
                  picked: list[str] | None = None) -> discord.ui.View:
    """The message's components, all disabled; the clicked button (or picked options) shown.

    Sent as the interaction's UPDATE_MESSAGE response, so an answered question can't be
    answered again by clicking, and the person still sees what they chose.
    """
    view = discord.ui.View.from_message(message, timeout=None)
    for item in view.children:
        if isinstance(item, discord.ui.Button):
            if clicked is not None and item.custom_id == clicked:
                item.style = discord.ButtonStyle.success
            item.disabled = True
        elif isinstance(item, discord.ui.Select):
            for option in item.options:
                option.default = bool(picked) and option.value in (picked or [])
            item.disabled = True
    view.stop()
    return view
