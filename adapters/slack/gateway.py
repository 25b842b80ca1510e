"""Nudges from the core's dispatcher, delivered as DMs with working buttons; scheduled
channel tips, posted in their channel.

The buttons are the same as on any reply (their values are typed commands such as
``/debrief followup #3``), so clicking them goes through ``actions.py`` like any click.
"""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import delivery_error
from adapters.slack.outbox import ReplyOutbox
from bot.model import User
from bot.ports import DeliveryDeclined, PermanentDeliveryError
from bot.values import Identity, Reply

__all__ = ["SlackChatGateway"]


class SlackChatGateway:
    """``bot.ports.ChatGateway`` for Slack: ``conversations.open`` + ``chat.postMessage``;
    and ``bot.ports.ChannelGateway``: ``chat.postMessage`` into a channel.

    Returns the message ``ts`` as the platform message id. Rate limits are waited out by
    the Web API client; what still fails is raised as a Retryable or Permanent
    ``DeliveryError`` so the dispatcher retries with backoff or records why it gave up.
    People this process cannot reach (another platform, another workspace than this bot
    token's) are declined, so a process that can reach them delivers the nudge.
    """

    def __init__(self, outbox: ReplyOutbox, client: AsyncWebClient) -> None:
        self._outbox = outbox
        self._client = client
        self._team_id: str | None = None

    async def _our_team(self) -> str:
        if self._team_id is None:
            response = await self._client.auth_test()
            self._team_id = str(response.get("team_id") or "")
        return self._team_id

    async def deliver(self, user: User, reply: Reply) -> str:
        identity = user.identity
        if identity.platform != "slack":
            raise DeliveryDeclined(f"not a Slack user ({identity.platform})")
        try:
            if identity.workspace_id != await self._our_team():
                raise DeliveryDeclined(f"workspace {identity.workspace_id} is not served here")
            ts = await self._earlier(identity, reply) or \
                await self._outbox.post_dm(identity, reply)
        except DeliveryDeclined:
            raise
        except Exception as exc:
            raise delivery_error(exc) from exc
        if not ts:
            raise PermanentDeliveryError("chat.postMessage returned no ts")
        return ts

    async def _earlier(self, identity: Identity, reply: Reply) -> str | None:
        """A resend whose earlier attempt may have reached Slack: that message, if it is
        in the DM (found by its metadata), instead of a second copy."""
        if not (reply.resend and reply.delivery_key):
            return None
        channel = await self._outbox.people.dm_channel(identity)
        return await self._outbox.already_posted(channel, reply.delivery_key)

    async def post_to_channel(self, platform: str, workspace_id: str, channel_id: str,
                              reply: Reply) -> str:
        """A scheduled tip, in public, escaped like every reply. The bot must be in the
        channel (or hold ``chat:write.public`` for public ones): ``not_in_channel``,
        ``channel_not_found`` and ``is_archived`` are permanent, so the subscription pauses
        with that reason."""
        if platform != "slack":
            raise DeliveryDeclined(f"not a Slack channel ({platform})")
        try:
            if workspace_id != await self._our_team():
                raise DeliveryDeclined(f"workspace {workspace_id} is not served here")
            ts = await self._outbox.post(channel_id, reply)
        except DeliveryDeclined:
            raise
        except Exception as exc:
            raise delivery_error(exc) from exc
        if not ts:
            raise PermanentDeliveryError("chat.postMessage returned no ts")
        return ts
