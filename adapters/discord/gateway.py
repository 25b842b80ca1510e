"""The core's :class:`~bot.ports.ChatGateway` on Discord: nudges arrive as DMs with buttons.
It is also the :class:`~bot.ports.ChannelGateway` that posts scheduled tips in a server's
channel (no mentions allowed, and only in a channel of the subscribing server).

Failures map onto the core's error hierarchy so the dispatcher can decide::

    429                      waited out by discord.py (it honours Retry-After), then sent;
                             a wait over 30 s -> RetryableDeliveryError(retry_after=…)
    50007 DMs closed         content-free hint in the person's last channel, then
                             PermanentDeliveryError("dms_closed") - never the private text
    unknown user / 403 / 4xx PermanentDeliveryError
    5xx, network             RetryableDeliveryError
    not connected, not a     DeliveryDeclined (given back without using an attempt)
    Discord user
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord

from adapters.discord.outbound import is_dms_closed, send_dm, send_to_channel
from adapters.discord.render import escape
from adapters.discord.translate import PLATFORM
from bot import copy
from bot.model import User
from bot.ports import (
    DeliveryDeclined,
    DeliveryError,
    PermanentDeliveryError,
    RetryableDeliveryError,
)
from bot.values import Reply

__all__ = ["DiscordChatGateway"]

log = logging.getLogger(__name__)

# Well inside the dispatcher's lease: discord.py retries 5xx itself (up to ~25 s) and waits
# out 429s of up to 30 s; past this the nudge is retried later rather than held.
DELIVER_TIMEOUT = 90.0


_SEND_ERRORS = (discord.RateLimited, discord.HTTPException, TimeoutError, aiohttp.ClientError,
                OSError)


def delivery_error(exc: BaseException, not_found: str) -> DeliveryError:
    """What a failed send means for the dispatcher: try again later, or never."""
    if isinstance(exc, discord.RateLimited):
        return RetryableDeliveryError("rate_limited", retry_after=exc.retry_after)
    if isinstance(exc, discord.Forbidden):
        return PermanentDeliveryError(f"forbidden:{exc.code}")
    if isinstance(exc, discord.NotFound):
        return PermanentDeliveryError(f"{not_found}:{exc.code}")
    if isinstance(exc, discord.HTTPException):
        if exc.status == 429 or exc.status >= 500:
            return RetryableDeliveryError(f"discord_{exc.status}")
        return PermanentDeliveryError(f"discord_{exc.status}:{exc.code}")
    return RetryableDeliveryError(f"network:{type(exc).__name__}")


class DiscordChatGateway:
    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def deliver(self, user: User, reply: Reply) -> str:
        if user.identity.platform != PLATFORM:
            raise DeliveryDeclined(f"not a discord user: {user.identity.platform}",
                                   retry_after=600)
        if self.client.is_closed() or self.client.user is None:
            # Not this person's fault: give the nudge back without using up an attempt.
            raise DeliveryDeclined("discord is not connected", retry_after=30)
        try:
            async with asyncio.timeout(DELIVER_TIMEOUT):
                target = await self._user(int(user.identity.user_id))
                message = await send_dm(target, reply)
        except discord.Forbidden as exc:
            if is_dms_closed(exc):
                await self._hint(user)
                raise PermanentDeliveryError("dms_closed") from exc
            raise delivery_error(exc, "not_found") from exc
        except _SEND_ERRORS as exc:
            raise delivery_error(exc, "not_found") from exc
        return str(message.id)

    async def _user(self, user_id: int) -> discord.User:
        return self.client.get_user(user_id) or await self.client.fetch_user(user_id)

    async def _hint(self, user: User) -> None:
        """Tell the person, where they last used the bot, that their DMs are closed. Only
        the copy's fixed sentence and a mention of that one person - nothing private."""
        if not user.last_channel_id:
            return
        uid = int(user.identity.user_id)
        channel = self.client.get_partial_messageable(int(user.last_channel_id))
        try:
            await channel.send(
                f"<@{uid}> {escape(copy.DMS_CLOSED_HINT)}",
                allowed_mentions=discord.AllowedMentions(
                    everyone=False, roles=False, replied_user=False,
                    users=[discord.Object(uid)]))
        except discord.HTTPException:
            log.warning("could not post the closed-DMs hint in channel %s",
                        user.last_channel_id)

    async def post_to_channel(self, platform: str, workspace_id: str, channel_id: str,
                              reply: Reply) -> str:
        """Post a scheduled tip. The channel must belong to the server that subscribed it
        (an admin of one server cannot point tips at another's channel); a channel that is
        gone, or that the bot may no longer see or write in, is a permanent refusal."""
        if platform != PLATFORM:
            raise DeliveryDeclined(f"not a discord channel: {platform}", retry_after=600)
        if self.client.is_closed() or self.client.user is None:
            raise DeliveryDeclined("discord is not connected", retry_after=30)
        try:
            async with asyncio.timeout(DELIVER_TIMEOUT):
                channel = await self._server_channel(channel_id, workspace_id)
                message = await send_to_channel(channel, [reply])
        except _SEND_ERRORS as exc:
            raise delivery_error(exc, "channel_not_found") from exc
        if message is None:
            raise PermanentDeliveryError("nothing was sent")
        return str(message.id)

    async def _server_channel(self, channel_id: str, server_id: str) -> discord.abc.Messageable:
        if not (channel_id.isdigit() and server_id.isdigit()):
            raise PermanentDeliveryError("channel_not_in_server")
        channel = self.client.get_channel(int(channel_id)) \
            or await self.client.fetch_channel(int(channel_id))
        guild = getattr(channel, "guild", None)
        if guild is None or guild.id != int(server_id):
            raise PermanentDeliveryError("channel_not_in_server")
        if not isinstance(channel, discord.abc.Messageable):
            raise PermanentDeliveryError("not_a_text_channel")
        return channel
