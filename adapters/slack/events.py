"""Messages typed in the person's DM with the bot: dialogue answers and typed commands.

What counts is a message a person wrote: a plain message, one with a file attached
(``subtype: file_share``; its text is the answer, a file alone is an empty answer, which
the core asks about) and a thread reply also sent to the conversation
(``thread_broadcast``). Every other subtype (``message_changed``, ``message_deleted``,
``bot_message``, ``channel_join`` …), other bots (``bot_id``) and the bot itself are
ignored, so the bot never answers itself or an edit.
"""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext

from adapters.slack.bridge import Bridge, identity_of
from adapters.slack.outbox import Origin

__all__ = ["ANSWER_SUBTYPES", "register", "typed_by_a_person"]

# https://docs.slack.dev/reference/events/message (message subtypes): the ones a person
# writes. ``None`` is a plain message.
ANSWER_SUBTYPES = frozenset({None, "file_share", "thread_broadcast"})


def typed_by_a_person(event: dict[str, Any], bot_user_id: str | None) -> bool:
    return (
        event.get("channel_type") == "im"
        and (event.get("subtype") or None) in ANSWER_SUBTYPES
        and not event.get("bot_id")
        and not event.get("bot_profile")
        and bool(event.get("user"))
        and event.get("user") != bot_user_id
    )


def register(app: AsyncApp, bridge: Bridge) -> None:
    @app.event("message")
    async def direct_message(ack: AsyncAck, event: dict[str, Any],
                             context: AsyncBoltContext) -> None:
        await ack()
        if not typed_by_a_person(event, context.bot_user_id):
            return
        identity = identity_of(context, str(event["user"]))
        channel = str(event.get("channel") or "")
        raw = str(event.get("text") or "")

        async def work() -> None:
            bridge.people.remember_dm(identity, channel)
            text = await bridge.typed(identity, raw)
            incoming = await bridge.incoming(identity, text=text, in_dm=True,
                                             channel_id=channel)
            await bridge.answer(await bridge.ask(incoming), Origin(identity, channel, True))

        bridge.later(identity, work)
