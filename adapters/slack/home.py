"""App Home: the person's upcoming nudges and recent interviews, from ``Conversation.home``."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.bridge import Bridge, usable_identity
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


KIND = "home"


def register(app: AsyncApp, bridge: Bridge) -> None:
    client = bridge.outbox.client

    @app.event("app_home_opened")
    async def home_opened(ack: AsyncAck, event: dict[str, Any], body: dict[str, Any],
                          context: AsyncBoltContext) -> None:
        identity = usable_identity(context, event.get("user"))
        if event.get("tab", "home") == "home" and identity is not None:
            await bridge.accept(identity, KIND, body)
        await ack()

    async def opened(identity: Identity, body: dict[str, Any]) -> None:
        await publish_home(bridge, client, identity)

    bridge.performs(KIND, opened)
