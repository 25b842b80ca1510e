"""Nudges from the core's dispatcher, delivered as DMs with working buttons.

The buttons are the same as on any reply (their values are typed commands such as
``/debrief followup #3``), so clicking them goes through ``actions.py`` like any click.
"""

from __future__ import annotations

from adapters.slack.client import delivery_error
from adapters.slack.outbox import ReplyOutbox
from bot.model import User
from bot.ports import PermanentDeliveryError
from bot.values import Reply

__all__ = ["SlackChatGateway"]


class SlackChatGateway:
    """``bot.ports.ChatGateway`` for Slack: ``conversations.open`` + ``chat.postMessage``.

    Returns the message ``ts`` as the platform message id. Rate limits are waited out by
    the Web API client; what still fails is raised as a Retryable or Permanent
    ``DeliveryError`` so the dispatcher retries with backoff or records why it gave up.
    """

    def __init__(self, outbox: ReplyOutbox) -> None:
        self._outbox = outbox

    async def deliver(self, user: User, reply: Reply) -> str:
        if user.identity.platform != "slack":
            raise PermanentDeliveryError(f"not a Slack user: {user.identity.platform}")
        try:
            ts = await self._outbox.post_dm(user.identity, reply)
        except Exception as exc:
            raise delivery_error(exc) from exc
        if not ts:
            raise PermanentDeliveryError("chat.postMessage returned no ts")
        return ts
