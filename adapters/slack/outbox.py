"""Delivering the core's replies to where they belong.

``Destination.HERE`` goes back where the person spoke: in the person's DM with the bot a
normal message; in a channel an ephemeral one (through the command's ``response_url`` when
there is one, else ``chat.postEphemeral``), so only the caller sees it.
``Destination.DM`` opens the person's DM (``conversations.open``) and posts there. If the DM
cannot be reached, a content-free hint goes where they spoke instead, never the private text.

A reply's attachment (a chart) is uploaded with ``files_upload_v2`` right after its message,
in the same conversation (``files.getUploadURLExternal``, the bytes to the URL it returns,
``files.completeUploadExternal``). Slack has no ephemeral files, so the attachment of an
ephemeral reply goes to the person's DM. A failed upload is logged, not raised: the text
has gone out, and a workspace that installed Debrief before it asked for ``files:write``
still gets every word.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.internal_utils import get_user_agent
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack.client import PERMANENT_ERRORS, retry_handlers, slack_error_code
from adapters.slack.directory import PeopleDirectory
from adapters.slack.inline import InlineAnswer
from adapters.slack.render import SlackMessage, render_reply
from bot import copy
from bot.values import Attachment, Destination, Identity, Reply

__all__ = ["DELIVERY_EVENT", "Origin", "ReplyOutbox"]

#: The message metadata event type that marks a reminder with its delivery key.
DELIVERY_EVENT = "debrief_nudge"
# How far back a resend looks for its earlier attempt in the DM (the newest messages).
RECENT_MESSAGES = 50

log = logging.getLogger(__name__)

# Computed once: slack_sdk's webhook client otherwise builds the User-Agent (platform
# look-ups) on every response_url call, ~1 % of the app's CPU under a burst (issue 14).
_WEBHOOK_HEADERS = {"User-Agent": get_user_agent()}
_RETRIES = retry_handlers()  # stateless (each request keeps its own RetryState): shared
_JSON_HEADERS = {**_WEBHOOK_HEADERS, "Content-Type": "application/json;charset=utf-8"}
# What slack_sdk's connection-error retry handler retries (builtin_async_handlers).
_CONNECTION_ERRORS = (aiohttp.ServerConnectionError, aiohttp.ClientOSError)

# chat.postEphemeral errors that mean "not here", not "never".
CHANNEL_UNREACHABLE = frozenset({"not_in_channel", "channel_not_found", "is_archived",
                                 "restricted_action", "user_not_in_channel"})


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a person spoke: the channel, whether it is their DM with us, the command's
    ``response_url`` if Slack gave one, and its acknowledgement if that is still waiting
    for an answer (:mod:`adapters.slack.inline`)."""

    identity: Identity
    channel_id: str | None
    in_dm: bool
    response_url: str | None = None
    inline: InlineAnswer | None = None


def _inline_message(replies: Sequence[Reply], origin: Origin
                    ) -> tuple[int, dict[str, object]] | None:
    """The acknowledgement's message and which reply it is: in a channel (in their DM the
    person gets ordinary DM messages), the one reply for where they typed the command, when
    it is one message and every other reply goes to their DM (another conversation, so
    their order does not matter)."""
    if origin.in_dm:
        return None
    here = [n for n, r in enumerate(replies) if r.destination != Destination.DM]
    if len(here) != 1 or replies[here[0]].attachment is not None:
        return None
    reply = replies[here[0]]
    messages = render_reply(reply)
    if len(messages) != 1:
        return None
    return here[0], {"response_type": "ephemeral" if reply.private else "in_channel",
                     "text": messages[0].text, "blocks": messages[0].blocks}


class ReplyOutbox:
    def __init__(self, client: AsyncWebClient, people: PeopleDirectory,
                 session: Callable[[], aiohttp.ClientSession | None] = lambda: None) -> None:
        self._client = client
        self.client = client
        self._people = people
        self.people = people
        self._session = session

    async def send(self, replies: Sequence[Reply], origin: Origin) -> None:
        """Deliver in order. Failures are logged, never raised: the person's request was
        already acknowledged, and nothing is left half-stored by a failed send."""
        inline = origin.inline
        if inline is not None and inline.open:
            here = _inline_message(replies, origin)
            if here is not None and inline.offer(here[1]):
                replies = [r for n, r in enumerate(replies) if n != here[0]]
            inline.close()  # the acknowledgement leaves; the other replies go out below
        dm_refused = False  # one hint for all of them (a rejection and its question)
        for reply in replies:
            if dm_refused and reply.destination == Destination.DM and not origin.in_dm:
                continue
            try:
                dm_refused = await self._send_one(reply, origin) or dm_refused
            except Exception:
                log.exception("could not deliver a reply to %s", origin.identity)

    async def _send_one(self, reply: Reply, origin: Origin) -> bool:
        """True: the DM refused it for good (the channel got the hint instead)."""
        if reply.destination == Destination.DM or origin.in_dm:
            try:
                await self.post_dm(origin.identity, reply,
                                   channel=origin.channel_id if origin.in_dm else None)
            except SlackApiError as exc:
                if origin.in_dm or slack_error_code(exc) not in PERMANENT_ERRORS:
                    raise
                log.info("DM to %s refused (%s); hinting in the channel",
                         origin.identity, slack_error_code(exc))
                await self._post_here(Reply(copy.DMS_CLOSED_HINT), origin)
                return True
            return False
        await self._post_here(reply, origin)
        return False

    async def post_dm(self, identity: Identity, reply: Reply, *,
                      channel: str | None = None) -> str:
        """Post into the person's DM; return the ts of the (last) message."""
        return await self.post(channel or await self._people.dm_channel(identity), reply)

    async def post(self, channel: str, reply: Reply) -> str:
        """Post ``reply`` (and its attachment) in ``channel``; return the last message's ts."""
        ts = ""
        metadata = None
        if reply.delivery_key:
            # Slack message metadata (docs.slack.dev "Using message metadata"): read back
            # with conversations.history(include_all_metadata) before a resend.
            metadata = {"event_type": DELIVERY_EVENT,
                        "event_payload": {"key": reply.delivery_key}}
        for message in render_reply(reply):
            response = await self._client.chat_postMessage(
                channel=channel, text=message.text, blocks=message.blocks,
                unfurl_links=False, unfurl_media=False, metadata=metadata)
            ts = str(response.get("ts") or "")
        if reply.attachment is not None:
            await self.upload(reply.attachment, channel)
        return ts

    async def already_posted(self, channel: str, key: str) -> str | None:
        """The ts of a recent message in ``channel`` carrying delivery ``key``, if any."""
        response = await self._client.conversations_history(
            channel=channel, limit=RECENT_MESSAGES, include_all_metadata=True)
        for message in response.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == DELIVERY_EVENT and payload.get("key") == key:
                return str(message.get("ts") or "") or None
        return None

    async def upload(self, attachment: Attachment, channel: str) -> None:
        """Share a file in ``channel`` (needs the ``files:write`` scope)."""
        try:
            await self._client.files_upload_v2(
                channel=channel, file=attachment.data, filename=attachment.filename,
                alt_txt=attachment.description or None)
        except (SlackApiError, SlackRequestError, aiohttp.ClientError, OSError,
                TimeoutError) as exc:
            log.warning("could not upload %s to %s: %s", attachment.filename, channel,
                        slack_error_code(exc) if isinstance(exc, SlackApiError) else exc)

    async def _post_here(self, reply: Reply, origin: Origin) -> None:
        for message in render_reply(reply):
            if origin.response_url and await self._via_response_url(
                    origin.response_url, message, public=not reply.private):
                continue
            if not origin.channel_id:
                raise RuntimeError("a reply for 'here' without a channel or response_url")
            if reply.private:
                try:
                    await self._client.chat_postEphemeral(
                        channel=origin.channel_id, user=origin.identity.user_id,
                        text=message.text, blocks=message.blocks)
                except SlackApiError as exc:
                    if slack_error_code(exc) not in CHANNEL_UNREACHABLE:
                        raise
                    # Slash commands work in channels the bot is not in; ephemeral posts
                    # there do not. The DM is the private place left.
                    log.info("ephemeral post in %s refused (%s); answering in the DM",
                             origin.channel_id, slack_error_code(exc))
                    await self.post_dm(origin.identity, reply)
                    return
            else:
                await self._client.chat_postMessage(
                    channel=origin.channel_id, text=message.text, blocks=message.blocks,
                    unfurl_links=False, unfurl_media=False)
        if reply.attachment is not None:
            channel = origin.channel_id if not reply.private and origin.channel_id else \
                await self._people.dm_channel(origin.identity)
            await self.upload(reply.attachment, channel)

    async def _via_response_url(self, url: str, message: SlackMessage, *, public: bool) -> bool:
        try:
            status = await self._respond(url, {
                "response_type": "in_channel" if public else "ephemeral",
                "replace_original": False, "text": message.text, "blocks": message.blocks,
            })
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            log.warning("response_url failed (%s); falling back to the Web API", exc)
            return False
        if status != 200:
            log.warning("response_url answered %s; falling back to the Web API", status)
            return False
        return True

    async def replace_via_response_url(self, url: str, blocks: list[dict[str, object]],
                                       text: str) -> bool:
        """Replace an ephemeral message (its buttons were clicked); ephemeral messages have
        no ts to ``chat.update``."""
        try:
            status = await self._respond(
                url, {"replace_original": True, "text": text, "blocks": blocks})
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            log.warning("could not replace an ephemeral message: %s", exc)
            return False
        return status == 200

    async def _respond(self, url: str, body: dict[str, Any]) -> int:
        """POST ``body`` to a ``response_url``; its HTTP status. The first attempt is one
        plain request on the adapter's session: slack_sdk's webhook client around it cost
        as much CPU as the request itself, and this is every command's answer once the
        acknowledgement has left (issue 14). What the client's retry handlers would retry
        (a dropped connection, 429, 5xx) is then handed to the client, which retries it
        as always. Raises what the client raises."""
        session = self._session()
        if session is not None and not session.closed:
            try:
                async with session.post(url, data=json.dumps(body).encode(),
                                        headers=_JSON_HEADERS) as response:
                    await response.read()
                    if response.status != 429 and response.status < 500:
                        return response.status
            except _CONNECTION_ERRORS:
                pass
        webhook = AsyncWebhookClient(url, session=session, retry_handlers=_RETRIES,
                                     default_headers=_WEBHOOK_HEADERS)
        return (await webhook.send_dict(body)).status_code
