"""App Home: the person's upcoming nudges and recent interviews, from ``Conversation.home``."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.bridge import Bridge, identity_of
from adapters.slack.render import home_view
from bot.values import Identity

__all__ = ["publish_home", "register"]

log = logging.getLogger(__name__)


async def publish_home(bridge: Bridge, client: AsyncWebClient, identity: Identity) -> None:
    reply = await bridge.home(identity)
    if reply is None:
        return
    try:
        await client.views_publish(user_id=identity.user_id, view=home_view(reply))
    except Exception:
        log.exception("views.publish failed for %s", identity)


def register(app: AsyncApp, bridge: Bridge) -> None:
    @app.event("app_home_opened")
    async def home_opened(ack: AsyncAck, event: dict[str, Any], client: AsyncWebClient,
                          context: AsyncBoltContext) -> None:
        await ack()
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        identity = identity_of(context, str(event["user"]))

        async def work() -> None:
            await publish_home(bridge, client, identity)

        bridge.later(identity, work)
