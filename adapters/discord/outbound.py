"""Sending the core's replies: after an interaction, into a DM, or into a channel.

Rules (DESIGN.md "Replies"): in a server, ``Destination.HERE`` replies are ephemeral
follow-ups of the interaction and ``Destination.DM`` replies go to the person's DM; in a DM
everything is an ordinary message in that DM. If the DM is closed (error 50007) the person
gets the content-free :data:`bot.copy.DMS_CLOSED_HINT` where they are, never the private text.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from adapters.discord.render import NO_MENTIONS, Rendered, disabled_copy, escape, render
from bot import copy
from bot.values import Destination, Reply

__all__ = ["DMS_CLOSED", "InteractionReplier", "is_dms_closed", "send_dm", "send_to_channel"]

log = logging.getLogger(__name__)

DMS_CLOSED = 50007  # Discord: "Cannot send messages to this user"

#: Awaited before each request (``adapters.lanes.AckFirst.give_way``: acknowledgements first).
GiveWay = Callable[[], Awaitable[None]]


async def _go_ahead() -> None:
    return None


def is_dms_closed(exc: BaseException) -> bool:
    return isinstance(exc, discord.Forbidden) and exc.code == DMS_CLOSED


async def send_to_channel(channel: discord.abc.Messageable, replies: list[Reply],
                          give_way: GiveWay = _go_ahead) -> discord.Message | None:
    """Every part of every reply, in order; returns the last message sent."""
    last = None
    for reply in replies:
        for number, part in enumerate(render(reply)):
            extra: dict[str, Any] = {}
            if reply.delivery_key:
                # Create Message's nonce (up to 25 characters) with enforce_nonce, which
                # discord.py sets whenever a nonce is given: "If another message was created
                # by the same author with the same nonce, that message will be returned and
                # no new message will be created" (discord-api-docs,
                # developers/resources/message.mdx, Create Message). So a reminder resent
                # after a crash mid-send is not posted twice.
                extra["nonce"] = f"{reply.delivery_key}.{number}"[:25]
            await give_way()
            last = await channel.send(**part.send_kwargs(), **extra)  # type: ignore[call-overload]
    return last


async def send_dm(user: discord.abc.User, reply: Reply, give_way: GiveWay = _go_ahead
                  ) -> discord.Message:
    """Raises :class:`discord.Forbidden` (code 50007) when the person's DMs are closed."""
    if user.dm_channel is None:  # type: ignore[attr-defined]  # User and Member have it
        await give_way()
    channel = await user.create_dm()  # type: ignore[attr-defined]
    message = await send_to_channel(channel, [reply], give_way)
    assert message is not None
    return message


class InteractionReplier:
    """Sends one acknowledged interaction's replies.

    ``original_pending`` means the interaction was deferred with "thinking": the first reply
    shown here replaces that placeholder, and if nothing is shown here it is deleted.
    """

    def __init__(self, interaction: discord.Interaction[Any], *, original_pending: bool,
                 give_way: GiveWay = _go_ahead) -> None:
        self.interaction = interaction
        self.in_dm = interaction.guild_id is None
        self.original_pending = original_pending
        self.give_way = give_way

    async def send(self, replies: list[Reply]) -> None:
        hinted = False
        message = self.interaction.message
        if message is not None and any("already_answered" in r.tags for r in replies):
            # The click was refused, but its acknowledgement already showed the clicked
            # button as chosen (render.disabled_copy): show the question closed, with no
            # button chosen by this click.
            await self.give_way()
            await self.interaction.edit_original_response(view=disabled_copy(message))
        for reply in replies:
            if reply.destination is Destination.DM and not self.in_dm:
                try:
                    await send_dm(self.interaction.user, reply, self.give_way)
                except discord.Forbidden as exc:
                    if not is_dms_closed(exc):
                        raise
                    if not hinted:
                        hinted = True
                        await self.here(Rendered(escape(copy.DMS_CLOSED_HINT)))
                continue
            for part in render(reply):
                await self.here(part)
        if self.original_pending:
            self.original_pending = False
            await self.give_way()
            await self.interaction.delete_original_response()

    async def here(self, part: Rendered) -> None:
        await self.give_way()
        if self.original_pending:
            self.original_pending = False
            file = part.file()
            files: dict[str, Any] = {"attachments": [file]} if file is not None else {}
            await self.interaction.edit_original_response(
                content=part.content or None, embed=part.embed, view=part.view,
                allowed_mentions=NO_MENTIONS, **files)
            return
        await self.interaction.followup.send(  # type: ignore[call-overload]
            ephemeral=not self.in_dm, **part.send_kwargs())
