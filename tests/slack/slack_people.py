"""A person using Slack, for tests: types slash commands and DMs, clicks buttons, submits
modals. Payloads are shaped like Slack's; they travel over a :class:`Transport`, either
signed HTTP to ``POST /slack/events`` or Socket Mode envelopes through the fake.
"""

from __future__ import annotations

import itertools
import json
import re
import time
import uuid
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlencode

import aiohttp
from fake_slack import FakeSlack, SlackUser
from slack_sdk.signature import SignatureVerifier

__all__ = ["Ack", "HttpTransport", "SlackPerson", "SocketTransport", "Transport", "shows",
           "signed", "slack_escape", "slack_typed"]

SIGNING_SECRET = "test-signing-secret"
_event_ids = itertools.count(1)


@dataclass(frozen=True)
class Ack:
    status: int
    body: str
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


def signed(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None,
           content_type: str = "application/x-www-form-urlencoded") -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature,
            "Content-Type": content_type}


def slack_escape(text: str) -> str:
    """What Slack does to ``&``, ``<`` and ``>`` a person typed (formatting docs)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_TYPED_LINK = re.compile(
    r"(?P<url>\bhttps?://(?:[^\s<>&]|&amp;)+?)(?=[.,;:!?)]*(?:\s|$))"
    r"|(?P<email>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b)"
    r"|(?<![\w@])@(?P<broadcast>here|channel|everyone)\b", re.IGNORECASE)


def slack_typed(text: str) -> str:
    """Plain text as Slack's client delivers it after the person typed it: ``& < >``
    escaped, and what the client links by itself turned into markup (a web address into
    ``<https://…>``, an e-mail address into ``<mailto:…|…>``, ``@here`` / ``@channel`` /
    ``@everyone`` into ``<!here>`` …), per "Formatting text for app surfaces"."""

    def link(m: re.Match[str]) -> str:
        if m.group("url"):
            return f"<{m.group('url')}>"
        if m.group("email"):
            return f"<mailto:{m.group('email')}|{m.group('email')}>"
        return f"<!{m.group('broadcast').lower()}>"

    return _TYPED_LINK.sub(link, slack_escape(text))


def shows(text: str, label: str) -> bool:
    """A button or checkbox shows ``label``, with or without its number ("2. Label")."""
    return text == label or text.partition(". ")[2] == label


class Transport(Protocol):
    async def command(self, payload: dict[str, str]) -> Ack: ...

    async def interactive(self, payload: dict[str, Any]) -> Ack: ...

    async def event(self, body: dict[str, Any], *, retry_num: int | None = None) -> Ack: ...


class HttpTransport:
    def __init__(self, url: str, session: aiohttp.ClientSession) -> None:
        self.url = url
        self.session = session

    async def post(self, body: str, headers: dict[str, str]) -> Ack:
        started = time.perf_counter()
        async with self.session.post(self.url, data=body.encode(), headers=headers) as resp:
            text = await resp.text()
        return Ack(resp.status, text, time.perf_counter() - started)

    async def command(self, payload: dict[str, str]) -> Ack:
        body = urlencode(payload)
        return await self.post(body, signed(body))

    async def interactive(self, payload: dict[str, Any]) -> Ack:
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, signed(body))

    async def event(self, body: dict[str, Any], *, retry_num: int | None = None) -> Ack:
        raw = json.dumps(body)
        headers = signed(raw, content_type="application/json")
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        return await self.post(raw, headers)


class SocketTransport:
    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake

    async def _push(self, kind: str, payload: dict[str, Any], retry: int = 0) -> Ack:
        started = time.perf_counter()
        ack = await self.fake.push(kind, payload, retry_attempt=retry)
        body = json.dumps(ack["payload"]) if ack.get("payload") else ""
        return Ack(200, body, time.perf_counter() - started)

    async def command(self, payload: dict[str, str]) -> Ack:
        return await self._push("slash_commands", dict(payload))

    async def interactive(self, payload: dict[str, Any]) -> Ack:
        return await self._push("interactive", payload)

    async def event(self, body: dict[str, Any], *, retry_num: int | None = None) -> Ack:
        return await self._push("events_api", body, retry_num or 0)


class SlackPerson:
    def __init__(self, fake: FakeSlack, transport: Transport, user: SlackUser) -> None:
        self.fake = fake
        self.transport = transport
        self.user = user

    @property
    def dm(self) -> str:
        return self.fake.dm_channel(self.user.id)

    @property
    def home_team(self) -> str:
        """The person's own workspace (another one for a Slack Connect guest)."""
        return self.user.team_id or self.fake.team_id

    @property
    def external(self) -> bool:
        return self.home_team != self.fake.team_id

    # ------------------------------------------------------------------ what they do

    async def slash(self, text: str, *, channel: str = "C0GENERAL") -> Ack:
        response_url = self.fake.response_url()
        ack = await self.transport.command({
            "token": "legacy", "team_id": self.fake.team_id, "team_domain": "fake",
            "channel_id": channel,
            "channel_name": "directmessage" if channel.startswith("D") else "general",
            "user_id": self.user.id, "user_name": self.user.name.lower(),
            "command": "/debrief", "text": text, "api_app_id": "A0001",
            "response_url": response_url, "trigger_id": uuid.uuid4().hex,
        })
        self.fake.acknowledged_command(response_url, ack.status, ack.json() if ack.body
                                       and ack.body.lstrip().startswith("{") else ack.body)
        return ack

    def event_body(self, event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
        # Shape: slack_bolt tests/scenario_tests_async/test_events_shared_channels.py: the
        # outer team_id is the team the event came from, ``authorizations`` the installation.
        return {
            "token": "legacy", "team_id": self.home_team, "api_app_id": "A0001",
            "event": event, "type": "event_callback",
            "event_id": event_id or f"Ev{next(_event_ids):08d}", "event_time": int(time.time()),
            "authorizations": [{"enterprise_id": None, "team_id": self.fake.team_id,
                                "user_id": self.fake.bot_user_id, "is_bot": True,
                                "is_enterprise_install": False}],
            "is_ext_shared_channel": self.external, "event_context": "4-fake",
        }

    def dm_event(self, text: str, **extra: Any) -> dict[str, Any]:
        ts = f"{time.time():.6f}"
        return {"type": "message", "channel_type": "im", "channel": self.dm,
                "user": self.user.id, "text": text, "ts": ts, "event_ts": ts,
                "team": self.home_team, "client_msg_id": str(uuid.uuid4()), **extra}

    async def say(self, text: str, *, event_id: str | None = None,
                  retry_num: int | None = None) -> Ack:
        """Type plain text in the DM with the bot; it arrives as Slack sends it
        (:func:`slack_typed`: escaped, web and e-mail addresses linked)."""
        return await self.say_markup(slack_typed(text), event_id=event_id,
                                     retry_num=retry_num)

    async def say_markup(self, text: str, *, event_id: str | None = None,
                         retry_num: int | None = None, **extra: Any) -> Ack:
        """Send ``text`` exactly as Slack would deliver it: links, mentions and channels as
        markup (``<https://…|label>``, ``<@U…>``, ``<#C…|name>``), typed ``<>&`` escaped."""
        body = self.event_body(self.dm_event(text, **extra), event_id)
        return await self.transport.event(body, retry_num=retry_num)

    async def share_file(self, text: str = "", *, name: str = "screenshot.png") -> Ack:
        """A message with a file attached (``subtype: file_share``); shape from slack_bolt
        tests/scenario_tests_async/test_message_file_share.py."""
        file_id = "F" + uuid.uuid4().hex[:10].upper()
        return await self.say_markup(slack_typed(text), subtype="file_share", upload=False,
                                     display_as_bot=False, files=[{
                                         "id": file_id, "name": name, "title": name,
                                         "mimetype": "image/png", "filetype": "png",
                                         "user": self.user.id, "size": 92582,
                                         "mode": "hosted", "is_external": False,
                                         "url_private": f"https://files.slack.com/files-pri/"
                                                        f"{self.home_team}-{file_id}/{name}"}])

    async def reply_in_thread_and_dm(self, text: str, thread_ts: str) -> Ack:
        """A thread reply also sent to the conversation (``subtype: thread_broadcast``);
        shape from slack_bolt tests/scenario_tests_async/test_message_thread_broadcast.py."""
        return await self.say_markup(slack_typed(text), subtype="thread_broadcast",
                                     thread_ts=thread_ts, root={
                                         "type": "message", "text": "", "ts": thread_ts,
                                         "user": self.fake.bot_user_id, "thread_ts": thread_ts,
                                         "reply_count": 1, "reply_users": [self.user.id]})

    async def open_home(self) -> Ack:
        return await self.transport.event(self.event_body(
            {"type": "app_home_opened", "user": self.user.id, "channel": self.dm,
             "tab": "home", "event_ts": f"{time.time():.6f}"}))

    async def click(self, label: str, message: dict[str, Any] | None = None) -> Ack:
        """Press the button labelled ``label`` on ``message`` (default: the newest bot message
        in the DM that has it)."""
        message = message or self.message_with_button(label)
        for block in message["blocks"]:
            for element in block.get("elements", []) if block["type"] == "actions" else []:
                if element.get("type") == "button" and shows(element["text"]["text"], label):
                    return await self.transport.interactive(
                        self._block_actions(message, block, element))
        raise AssertionError(f"no button {label!r} in {message}")

    async def click_ephemeral(self, posted: dict[str, Any], label: str,
                              channel: str = "C0GENERAL") -> Ack:
        """Press a button on an ephemeral message (what a response URL received). Slack
        sends no message content for those, only the container and a response URL."""
        for block in posted.get("blocks") or []:
            for element in block.get("elements", []) if block["type"] == "actions" else []:
                if element.get("type") == "button" and shows(element["text"]["text"], label):
                    payload = self._block_actions(
                        {"ts": "1700000999.000001", "channel": channel, "text": "",
                         "blocks": [], "type": "message", "user": self.fake.bot_user_id},
                        block, element)
                    payload["container"]["is_ephemeral"] = True
                    del payload["message"]
                    return await self.transport.interactive(payload)
        raise AssertionError(f"no button {label!r} in {posted}")

    async def tick_and_done(self, labels: list[str]) -> Ack:
        """Tick checkboxes by label, then press the Done button next to them."""
        message = self.message_with(lambda b: b.get("type") == "checkboxes")
        block = next(b for b in message["blocks"] if b["type"] == "actions"
                     and any(e["type"] == "checkboxes" for e in b["elements"]))
        boxes = next(e for e in block["elements"] if e["type"] == "checkboxes")
        done = next(e for e in block["elements"] if e["type"] == "button")
        picked = [o for o in boxes["options"]
                  if any(shows(o["text"]["text"], label) for label in labels)]
        assert len(picked) == len(labels), (labels, boxes["options"])
        payload = self._block_actions(message, block, done)
        payload["state"] = {"values": {block["block_id"]: {boxes["action_id"]: {
            "type": "checkboxes", "selected_options": picked}}}}
        return await self.transport.interactive(payload)

    async def submit(self, view: dict[str, Any], values: dict[str, Any]) -> Ack:
        """Submit a modal; ``values`` maps block_id to the element's state."""
        # Shape: slack_bolt tests/scenario_tests_async/test_view_submission.py; a Slack
        # Connect guest's submission names their team in ``team`` and the app's workspace
        # only in ``view.app_installed_team_id`` (its ``connect_channel_payload``).
        state = {block_id: {"value": value} for block_id, value in values.items()}
        return await self.transport.interactive({
            "type": "view_submission",
            "team": {"id": self.home_team, "domain": "other-side" if self.external else "fake"},
            "user": {"id": self.user.id, "username": self.user.name.lower(),
                     "name": self.user.name.lower(), "team_id": self.home_team},
            "api_app_id": "A0001", "token": "legacy", "trigger_id": uuid.uuid4().hex,
            "view": {**view, "id": "V0001", "state": {"values": state},
                     "team_id": self.home_team, "app_installed_team_id": self.fake.team_id,
                     "app_id": "A0001", "bot_id": self.fake.bot_id, "root_view_id": "V0001",
                     "hash": "1664950703.CmTS8F7U", "previous_view_id": None},
            "response_urls": [], "is_enterprise_install": False,
        })

    # ------------------------------------------------------------------ what they see

    def dm_messages(self) -> list[dict[str, Any]]:
        """Bot messages in the DM, oldest first, as they look now (after updates)."""
        return [m for m in self.fake.messages.values() if m["channel"] == self.dm]

    def message_with(self, has: Any) -> dict[str, Any]:
        for message in reversed(self.dm_messages()):
            for block in message["blocks"]:
                if block["type"] == "actions" and any(has(e) for e in block["elements"]):
                    return message
        raise AssertionError(f"no such message in {self.dm_messages()}")

    def message_with_button(self, label: str) -> dict[str, Any]:
        return self.message_with(
            lambda e: e.get("type") == "button" and shows(e["text"]["text"], label))

    def _block_actions(self, message: dict[str, Any], block: dict[str, Any],
                       element: dict[str, Any]) -> dict[str, Any]:
        # A Slack Connect guest's click carries their own team in ``user.team_id`` and the
        # app's workspace in ``team`` (slackapi/java-slack-sdk issue #1041 shows the payload).
        return {
            "type": "block_actions", "api_app_id": "A0001",
            "user": {"id": self.user.id, "username": self.user.name.lower(),
                     "name": self.user.name.lower(), "team_id": self.home_team},
            "team": {"id": self.fake.team_id, "domain": "fake"},
            "is_enterprise_install": False, "enterprise": None,
            "container": {"type": "message", "message_ts": message["ts"],
                          "channel_id": message["channel"], "is_ephemeral": False},
            "channel": {"id": message["channel"]}, "trigger_id": uuid.uuid4().hex,
            "message": {k: message[k] for k in ("ts", "text", "blocks", "type", "user")},
            "response_url": self.fake.response_url(), "state": {"values": {}},
            "actions": [{"type": element["type"], "action_id": element["action_id"],
                         "block_id": block["block_id"], "text": element.get("text"),
                         "value": element.get("value"), "action_ts": f"{time.time():.6f}"}],
        }
