"""Messages typed in the person's DM with the bot: dialogue answers and typed commands.

Only plain messages from people count: edits, deletions, joins (any ``subtype``), other
bots (``bot_id``) and the bot itself are ignored, so the bot never answers itself.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext

from adapters.slack.bridge import PLATFORM, Bridge, team_of
from adapters.slack.outbox import Origin
from adapters.slack.render import unescape_slack
from bot.values import Identity

__all__ = ["register", "typed_by_a_person"]


def typed_by_a_person(event: dict[str, Any], bot_user_id: str | None) -> bool:
    return (
        event.get("channel_type") == "im"
        and not event.get("subtype")
        and not event.get("bot_id")
        and not event.get("bot_profile")
        and bool(event.get("user"))
        and event.get("user") != bot_user_id
    )


def register(app: AsyncApp, bridge: Bridge) -> None:
    @app.event("message")
    async def direct_message(ack: AsyncAck, event: dict[str, Any], body: dict[str, Any],
                             context: AsyncBoltContext) -> None:
        await ack()
        if not typed_by_a_person(event, context.bot_user_id):
            return
        identity = Identity(PLATFORM, team_of(body), str(event["user"]))
        channel = str(event.get("channel") or "")
        text = unescape_slack(str(event.get("text") or ""))

        async def work() -> None:
            bridge.people.remember_dm(identity, channel)
            incoming = await bridge.incoming(identity, text=text, in_dm=True,
                                             channel_id=channel)
            await bridge.answer(await bridge.ask(incoming), Origin(identity, channel, True))

        bridge.later(identity, work)
