"""``/debrief <text>``: acknowledge at once, then ask the core and answer where it was typed.

``/debrief interview`` with nothing after it opens the "log an interview" modal instead.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.bridge import Bridge, identity_of
from adapters.slack.modal import ModalOrigin, interview_modal
from adapters.slack.outbox import Origin
from bot.values import Identity

__all__ = ["COMMAND", "register"]

log = logging.getLogger(__name__)

COMMAND = "/debrief"


def register(app: AsyncApp, bridge: Bridge) -> None:
    @app.command(COMMAND)
    async def debrief_command(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient,
                              context: AsyncBoltContext) -> None:
        await ack()
        identity = identity_of(context, str(body.get("user_id", "")))
        raw = str(body.get("text") or "")

        async def open_form() -> None:
            if not await _open_interview_form(bridge, client, identity, body):
                bridge.later(identity, answer)  # no form: answer the typed command

        async def answer() -> None:
            text = (await bridge.typed(identity, raw, command=True)).strip()
            await _answer(bridge, identity, text, body)

        if raw.strip().lower() == "interview" and body.get("trigger_id"):
            bridge.lanes.run_now(open_form)  # the trigger expires 3 s after the command
        else:
            bridge.later(identity, answer)


async def _open_interview_form(bridge: Bridge, client: AsyncWebClient, identity: Identity,
                               body: dict[str, Any]) -> bool:
    view = interview_modal(ModalOrigin(body.get("channel_id")), datetime.now(UTC))
    try:
        await client.views_open(trigger_id=body["trigger_id"], view=view)
    except Exception:
        log.exception("views.open failed; answering the typed command instead")
        return False
    await bridge.people.profile(identity)  # warm the zone cache for the submission
    return True


async def _answer(bridge: Bridge, identity: Identity, text: str, body: dict[str, Any]) -> None:
    channel = body.get("channel_id")
    in_dm = await bridge.people.is_our_dm(identity, channel)
    incoming = await bridge.incoming(
        identity, text=f"{COMMAND} {text}".strip(), in_dm=in_dm, channel_id=channel)
    replies = await bridge.ask(incoming)
    await bridge.answer(replies, Origin(identity, channel, in_dm, body.get("response_url")))
