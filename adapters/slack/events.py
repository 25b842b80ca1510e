"""Messages typed in the person's DM with the bot: dialogue answers and typed commands.

What counts is a message a person wrote: a plain message, one with a file attached
(``subtype: file_share``; its text is the answer, a file alone is an empty answer, which
the core asks about) and a thread reply also sent to the conversation
(``thread_broadcast``). Every other subtype (``message_changed``, ``message_deleted``,
``bot_message``, ``channel_join`` …), other bots (``bot_id``) and the bot itself are
ignored, so the bot never answers itself or an edit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_bolt.response import BoltResponse

from adapters.slack.bridge import Bridge, usable_identity
from adapters.slack.commands import COMMAND, refused
from adapters.slack.outbox import Origin
from bot.values import Identity

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


KIND = "dm"
RECEIVED = "debrief_received_at"  # added to the stored body: when the message arrived


def _received(body: dict[str, Any]) -> datetime | None:
    try:
        return datetime.fromisoformat(str(body[RECEIVED]))
    except (KeyError, ValueError):
        return None  # accepted before this field existed: no crossing check


def register(app: AsyncApp, bridge: Bridge) -> None:
    @app.event("message")
    async def direct_message(ack: AsyncAck, event: dict[str, Any], body: dict[str, Any],
                             context: AsyncBoltContext) -> BoltResponse | None:
        if not typed_by_a_person(event, context.bot_user_id):
            await ack()
            return None
        identity = usable_identity(context, event.get("user"))
        if identity is None:
            return refused("message")
        # Stamped before it waits anywhere: which question was open when it arrived.
        await bridge.accept(identity, KIND, {**body, RECEIVED: bridge.clock.now().isoformat()})
        await ack()
        return None

    async def typed(identity: Identity, body: dict[str, Any]) -> None:
        event = body.get("event") or {}
        channel = str(event.get("channel") or "")
        bridge.people.remember_dm(identity, channel)
        raw = str(event.get("text") or "")
        # "/debrief …" typed as a message is a command: its channel links stay links.
        text = await bridge.typed(identity, raw, command=raw.lstrip().startswith(COMMAND))
        incoming = await bridge.incoming(identity, text=text, in_dm=True, channel_id=channel,
                                         received_at=_received(body))
        await bridge.answer(await bridge.ask(incoming), Origin(identity, channel, True))

    bridge.performs(KIND, typed)
