"""Button clicks (``block_actions``): the button's value goes to the core as if typed.

A value starting with ``/debrief`` is a command, anything else a dialogue answer; the core
tells them apart. A question's buttons carry the question's key in their value
(``AnswerKey.wrap``, see ``render``): it is taken out here and handed to the core, which
stores the answer only while that question is still open - so a double click, a click on
another replica or an old button after a restart answers once, and the extra click is told
"already answered". After the core answered, the clicked message is updated: same text, the
buttons replaced by "✓ <what was chosen>" (not for a refused click: the message keeps what
was really chosen). A second click on an unkeyed button (a command) that arrives before the
update is ignored in this process.

A click counts only from the person the message belongs to: on a message in their own DM
with the bot, on an ephemeral message (Slack sends those back only to the person who saw
them), or in their App Home. A click naming someone else's DM or a channel message changes
nothing. The updated message is built from the message as Slack has it
(``conversations.history``), never from the blocks the payload claims.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.bridge import Bridge, usable_identity
from adapters.slack.commands import refused
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
from bot.values import AnswerKey, Identity, Reply

__all__ = ["register"]

log = logging.getLogger(__name__)

BUTTON = re.compile(rf"^({re.escape(CHOICE_PREFIX)}|{re.escape(ACTION_PREFIX)})\d+$")
NUMBER = re.compile(r"^\d+\. ")  # "2. Label" on a question's buttons (see render._numbered)
NOTHING_PICKED = "none"
assert NOTHING_PICKED in NONE_WORDS  # the dialogue reads it as "none of these"


KIND = "click"


def register(app: AsyncApp, bridge: Bridge) -> None:
    client = bridge.outbox.client

    @app.action(BUTTON)
    async def button_clicked(ack: AsyncAck, body: dict[str, Any],
                             context: AsyncBoltContext) -> BoltResponse | None:
        return await _accept(bridge, ack, body, context)

    @app.action(MULTI_DONE)
    async def several_chosen(ack: AsyncAck, body: dict[str, Any],
                             context: AsyncBoltContext) -> BoltResponse | None:
        return await _accept(bridge, ack, body, context)

    @app.action(MULTI_SELECT)
    async def checkbox_toggled(ack: AsyncAck) -> None:
        await ack()  # the choice is read when "Done" is pressed

    async def clicked(identity: Identity, body: dict[str, Any]) -> None:
        chosen = _chosen(body)
        if chosen is not None:
            await _choose(bridge, client, body, identity, *chosen)

    bridge.performs(KIND, clicked)


async def _accept(bridge: Bridge, ack: AsyncAck, body: dict[str, Any],
                  context: AsyncBoltContext) -> BoltResponse | None:
    user = body.get("user")
    identity = usable_identity(context, user.get("id") if isinstance(user, dict) else None)
    if identity is None:
        return refused("click")
    if _chosen(body) is None:
        log.warning("ignoring a Slack click without a usable action")
        await ack()
        return None
    await bridge.accept(identity, KIND, body)
    await ack()
    return None


def _chosen(body: dict[str, Any]) -> tuple[str, str] | None:
    """(value, label) of what was clicked, or None for a payload without a usable action."""
    actions = body.get("actions")
    action = actions[0] if isinstance(actions, list) and actions else None
    if not isinstance(action, dict):
        return None
    if action.get("action_id") == MULTI_DONE:
        state = body.get("state")
        values = state.get("values") if isinstance(state, dict) else None
        block = values.get(MULTI_BLOCK) if isinstance(values, dict) else None
        select = block.get(MULTI_SELECT) if isinstance(block, dict) else None
        picked = select.get("selected_options") if isinstance(select, dict) else None
        picked = [o for o in picked if isinstance(o, dict)] if isinstance(picked, list) else []
        values_picked = ",".join(str(o.get("value")) for o in picked) or NOTHING_PICKED
        label = ", ".join(_label(o) for o in picked) or NOTHING_PICKED
        key, _ = AnswerKey.unwrap(str(action.get("value") or ""))  # "Done" names the question
        return (key.wrap(values_picked) if key else values_picked), label
    clicked = action.get("value")
    return (clicked, _label(action)) if isinstance(clicked, str) and clicked else None


def _label(element: dict[str, Any]) -> str:
    """What the person picked, as shown on the button or checkbox, without its number."""
    text = element.get("text")
    shown = text.get("text") if isinstance(text, dict) else None
    return NUMBER.sub("", unescape_slack(str(shown or "")))


async def _choose(bridge: Bridge, client: AsyncWebClient, body: dict[str, Any],
                  identity: Identity, value: str, label: str) -> None:
    container = body.get("container")
    container = container if isinstance(container, dict) else {}
    from_home = container.get("type") == "view"
    ephemeral = bool(container.get("is_ephemeral"))
    payload_channel = body.get("channel")
    channel = None if from_home else str(
        container.get("channel_id")
        or (payload_channel.get("id") if isinstance(payload_channel, dict) else "") or "") \
        or None
    stamp = container.get("message_ts")
    message_ts = str(stamp) if stamp else None
    in_dm = from_home or await bridge.people.is_our_dm(identity, channel)
    if not (in_dm or ephemeral):
        # Not this person's message: someone else's DM, or a channel message nobody
        # ephemeral-only could have clicked. Change nothing there.
        log.warning("ignoring a click by %s on a message that is not theirs", identity)
        return
    answer_key, value = AnswerKey.unwrap(value)
    spent_key = f"{channel}:{message_ts}" if channel and message_ts and answer_key is None \
        else None
    if spent_key:
        if spent_key in bridge.spent:
            log.info("ignoring a second click on %s", spent_key)
            return
        bridge.spent.put(spent_key, True)

    incoming = await bridge.incoming(identity, text=value, in_dm=in_dm, channel_id=channel,
                                     answer_key=answer_key)
    replies = await bridge.ask_or_none(incoming)
    if replies is None:  # the core failed: keep the buttons usable, apologise
        if spent_key:
            bridge.spent.discard(spent_key)
        await bridge.answer([Reply(copy.TRY_AGAIN_LATER)],
                            Origin(identity, channel, in_dm, body.get("response_url")))
        return

    if not any("already_answered" in r.tags for r in replies):
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
        elif channel and message_ts:
            message = await _posted(client, channel, message_ts)
            if message is None:
                return
            await client.chat_update(
                channel=channel, ts=message_ts, text=message.get("text") or blocks_text,
                blocks=answered_blocks(list(message.get("blocks") or []), label))
    except Exception:
        log.exception("could not mark the clicked message as answered")


async def _posted(client: AsyncWebClient, channel: str, ts: str) -> dict[str, Any] | None:
    """The bot's own message at ``ts`` as Slack has it (not as the click payload claims)."""
    response = await client.conversations_history(channel=channel, latest=ts, inclusive=True,
                                                   limit=1)
    for message in response.get("messages") or []:
        if message.get("ts") == ts and (message.get("bot_id") or message.get("app_id")):
            return dict(message)
    log.info("the clicked message %s is not one of ours; leaving it as it is", ts)
    return None
