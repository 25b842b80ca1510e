"""``/debrief <text>``: acknowledge at once, then ask the core and answer where it was typed
(in the acknowledgement itself when the answer is ready in time: :mod:`adapters.slack.inline`).

``/debrief interview`` with nothing after it opens the "log an interview" modal instead.
The command is made durable (the inbox) before it is acknowledged; one without a usable
person (no user id, no workspace) is refused with 400 and nothing is stored.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from adapters.inbox import Accepted, InboxUnavailable
from adapters.slack.bridge import Bridge, usable_identity
from adapters.slack.inline import InlineAnswer
from adapters.slack.modal import ModalOrigin, interview_modal
from adapters.slack.outbox import Origin
from bot import copy
from bot.values import Identity

__all__ = ["COMMAND", "refused", "register"]

log = logging.getLogger(__name__)

COMMAND = "/debrief"
KIND = "command"
FORM_KIND = "command_form"


def refused(what: str) -> BoltResponse:
    """400 for a signed request that names nobody usable; one line, never the body."""
    log.warning("refusing a Slack %s without a usable user and workspace", what)
    return BoltResponse(status=400, body="")


def register(app: AsyncApp, bridge: Bridge) -> None:
    client = bridge.outbox.client

    @app.command(COMMAND)
    async def debrief_command(ack: AsyncAck, body: dict[str, Any],
                              context: AsyncBoltContext) -> BoltResponse | None:
        identity = usable_identity(context, body.get("user_id"))
        if identity is None:
            return refused("command")
        raw = str(body.get("text") or "")
        form = raw.strip().lower() == "interview" and bool(body.get("trigger_id"))
        # When the machine is free, the answer rides in the acknowledgement (see inline).
        inline = None if form else InlineAnswer()
        try:
            # The form's trigger expires 3 s after the command: its work starts at once.
            state = await bridge.accept(identity, FORM_KIND if form else KIND, body,
                                        immediately=form, inline=inline)
        except InboxUnavailable:
            # Slack does not retry slash commands: say at once that nothing was taken, in
            # the acknowledgement itself (only the caller sees it), instead of a bare error.
            await ack(text=copy.TRY_AGAIN_LATER)
            return None
        if inline is not None and state is Accepted.STARTED:
            message = await inline.wait()
            if message is not None:
                await ack(message)
                return None
        await ack()
        return None

    async def answer(identity: Identity, body: dict[str, Any]) -> None:
        raw = str(body.get("text") or "")
        text = (await bridge.typed(identity, raw, command=True)).strip()
        await _answer(bridge, identity, text, body)

    async def open_form(identity: Identity, body: dict[str, Any]) -> None:
        if not await _open_interview_form(bridge, client, identity, body):
            await answer(identity, body)  # no form (the trigger expired?): answer the text

    bridge.performs(KIND, answer)
    bridge.performs(FORM_KIND, open_form)


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
    await bridge.answer(replies, Origin(identity, channel, in_dm, body.get("response_url"),
                                        bridge.inline_for(body)))
