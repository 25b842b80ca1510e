"""Button clicks (``block_actions``): the button's value goes to the core as if typed.

A value starting with ``/debrief`` is a command, anything else a dialogue answer; the core
tells them apart. After the core answered, the clicked message is updated: same text, the
buttons replaced by "✓ <what was chosen>", so a spent question cannot be answered twice.
A second click that arrives before the update (a double click) is ignored in this process.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.bridge import Bridge, identity_of
from adapters.slack.home import publish_home
from adapters.slack.outbox import Origin
from adapters.slack.render import (
    ACTION_PREFIX,
    ANSWERED_MARK,
    CHOICE_PREFIX,
    MULTI_BLOCK,
    MULTI_DONE,
    MULTI_SELECT,
    answered_blocks,
    fallback_text,
    unescape_slack,
)
from bot import copy
from bot.reflection.dialogue import NONE_WORDS
from bot.values import Identity, Reply

__all__ = ["register"]

log = logging.getLogger(__name__)

BUTTON = re.compile(rf"^({re.escape(CHOICE_PREFIX)}|{re.escape(ACTION_PREFIX)})\d+$")
NUMBER = re.compile(r"^\d+\. ")  # "2. Label" on a question's buttons (see render._numbered)
NOTHING_PICKED = "none"
assert NOTHING_PICKED in NONE_WORDS  # the dialogue reads it as "none of these"


def register(app: AsyncApp, bridge: Bridge) -> None:
    @app.action(BUTTON)
    async def button_clicked(ack: AsyncAck, body: dict[str, Any], action: dict[str, Any],
                             client: AsyncWebClient, context: AsyncBoltContext) -> None:
        await ack()
        _choose_later(bridge, client, context, body, str(action.get("value") or ""),
                      _label(action))

    @app.action(MULTI_DONE)
    async def several_chosen(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient,
                             context: AsyncBoltContext) -> None:
        await ack()
        values = ((body.get("state") or {}).get("values") or {}).get(MULTI_BLOCK) or {}
        picked = (values.get(MULTI_SELECT) or {}).get("selected_options") or []
        value = ",".join(str(o.get("value")) for o in picked) or NOTHING_PICKED
        label = ", ".join(_label(o) for o in picked) or NOTHING_PICKED
        _choose_later(bridge, client, context, body, value, label)

    @app.action(MULTI_SELECT)
    async def checkbox_toggled(ack: AsyncAck) -> None:
        await ack()  # the choice is read when "Done" is pressed


def _label(element: dict[str, Any]) -> str:
    """What the person picked, as shown on the button or checkbox, without its number."""
    return NUMBER.sub("", unescape_slack(str((element.get("text") or {}).get("text") or "")))


def _choose_later(bridge: Bridge, client: AsyncWebClient, context: AsyncBoltContext,
                  body: dict[str, Any], value: str, label: str) -> None:
    identity = identity_of(context, str((body.get("user") or {}).get("id", "")))

    async def work() -> None:
        await _choose(bridge, client, body, identity, value, label)

    bridge.later(identity, work)


async def _choose(bridge: Bridge, client: AsyncWebClient, body: dict[str, Any],
                  identity: Identity, value: str, label: str) -> None:
    container = body.get("container") or {}
    from_home = container.get("type") == "view"
    ephemeral = bool(container.get("is_ephemeral"))
    channel = None if from_home else (container.get("channel_id")
                                      or (body.get("channel") or {}).get("id"))
    message_ts = container.get("message_ts")
    spent_key = f"{channel}:{message_ts}" if channel and message_ts else None
    if spent_key:
        if spent_key in bridge.spent:
            log.info("ignoring a second click on %s", spent_key)
            return
        bridge.spent.put(spent_key, True)

    in_dm = from_home or await bridge.people.is_our_dm(identity, channel)
    incoming = await bridge.incoming(identity, text=value, in_dm=in_dm, channel_id=channel)
    replies = await bridge.ask_or_none(incoming)
    if replies is None:  # the core failed: keep the buttons usable, apologise
        if spent_key:
            bridge.spent.discard(spent_key)
        await bridge.answer([Reply(copy.TRY_AGAIN_LATER)],
                            Origin(identity, channel, in_dm, body.get("response_url")))
        return

    await _spend(bridge, client, body, channel, message_ts, ephemeral, label)
    await bridge.answer(replies, Origin(identity, channel, in_dm,
                                        body.get("response_url") if ephemeral else None))
    if from_home:
        await publish_home(bridge, client, identity)


async def _spend(bridge: Bridge, client: AsyncWebClient, body: dict[str, Any],
                 channel: str | None, message_ts: str | None, ephemeral: bool,
                 label: str) -> None:
    """Replace the clicked message's buttons with what was chosen."""
    blocks_text = fallback_text(Reply(f"{ANSWERED_MARK} {label}"))
    try:
        if ephemeral and body.get("response_url"):
            # Ephemeral messages cannot be chat.update'd, and Slack does not send their
            # content back; replace them through the response URL.
            blocks = answered_blocks([], label)
            await bridge.outbox.replace_via_response_url(body["response_url"], blocks,
                                                         blocks_text)
        elif channel and message_ts and body.get("message"):
            message = body["message"]
            await client.chat_update(
                channel=channel, ts=message_ts, text=message.get("text") or blocks_text,
                blocks=answered_blocks(list(message.get("blocks") or []), label))
    except Exception:
        log.exception("could not mark the clicked message as answered")
