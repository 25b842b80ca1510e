"""Sending the core's replies: after an interaction, into a DM, or into a channel.

Rules (DESIGN.md "Replies"): in a server, ``Destination.HERE`` replies are ephemeral
follow-ups of the interaction and ``Destination.DM`` replies go to the person's DM; in a DM
everything is an ordinary message in that DM. If the DM is closed (error 50007) the person
gets the content-free :data:`bot.copy.DMS_CLOSED_HINT` where they are, never the private text.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from typing import Any

import discord

from adapters.discord.render import NO_MENTIONS, Rendered, disabled_copy, escape, render
from bot import copy
from bot.values import Destination, Reply

__all__ = ["DMS_CLOSED", "InteractionReplier", "NotAnswered", "is_dms_closed", "send_dm",
           "send_to_channel"]

log = logging.getLogger(__name__)

DMS_CLOSED = 50007  # Discord: "Cannot send messages to this user"

#: Awaited before each request (``adapters.lanes.AckFirst.give_way``: acknowledgements first).
GiveWay = Callable[[], Awaitable[None]]


#: Wraps the interaction's first response (``adapters.lanes.AckFirst.acknowledging``).
Responding = Callable[[], AbstractContextManager[None]]


class NotAnswered(Exception):
    """The interaction's first response failed: nothing was sent where the person is."""


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
    """Sends one interaction's replies.

    ``respond``: nothing has been sent yet; the first reply shown here is the interaction's
    callback itself (CHANNEL_MESSAGE_WITH_SOURCE, wrapped in ``respond()``), or, when every
    reply goes to the DM, a "thinking" defer sent before them (DMs may take a while; Discord
    wants a response within 3 seconds). If that first response fails, :class:`NotAnswered`
    is raised before anything else was sent. ``original_pending`` means the interaction was
    deferred with "thinking": the first reply shown here replaces that placeholder, and if
    nothing is shown here it is deleted.
    """

    def __init__(self, interaction: discord.Interaction[Any], *, original_pending: bool,
                 give_way: GiveWay = _go_ahead, respond: Responding | None = None) -> None:
        self.interaction = interaction
        self.in_dm = interaction.guild_id is None
        self.original_pending = original_pending and respond is None
        self.give_way = give_way
        self.respond = respond

    def _shown_here(self, reply: Reply) -> bool:
        return self.in_dm or reply.destination is not Destination.DM

    async def send(self, replies: list[Reply]) -> None:
        hinted = False
        message = self.interaction.message
        if self.respond is not None:
            # Where the person is first (one place and the DM: their order within each
            # is kept), so the callback is the first request.
            replies = sorted(replies, key=lambda r: not self._shown_here(r))
            if not replies or not self._shown_here(replies[0]):
                await self._first(self.interaction.response.defer(
                    ephemeral=not self.in_dm, thinking=True))
                self.original_pending = True
        elif message is not None and any("already_answered" in r.tags for r in replies):
            # The click was refused, but its acknowledgement already showed the clicked
            # button as chosen (render.disabled_copy): show the question closed, with no
            # button chosen by this click.
            await self.give_way()
            await self.interaction.edit_original_response(view=disabled_copy(message))
        for reply in replies:
            if not self._shown_here(reply):
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

    async def _first(self, request: Awaitable[Any]) -> None:
        """The interaction's first response; raises :class:`NotAnswered` if it fails."""
        assert self.respond is not None
        respond, self.respond = self.respond, None
        try:
            with respond():
                await request
        except discord.HTTPException as exc:
            raise NotAnswered(f"{type(exc).__name__} {exc.status}") from exc

    async def here(self, part: Rendered) -> None:
        if self.respond is not None:
            # CHANNEL_MESSAGE_WITH_SOURCE: the answer is the callback.
            await self._first(self.interaction.response.send_message(  # type: ignore[call-overload]
                ephemeral=not self.in_dm, **part.send_kwargs()))
            return
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
