"""A fake Slack on loopback: the Web API methods Debrief uses, response URLs and Socket Mode.

It is an ordinary aiohttp server, so the real ``slack_sdk`` / ``slack_bolt`` code talks to it
over real HTTP and a real websocket. Every call is recorded (:attr:`FakeSlack.calls`) so tests
can assert on what a person would see. Failures are scripted per method:
:meth:`FakeSlack.rate_limit` (HTTP 429 with ``Retry-After``), :meth:`FakeSlack.fail`
(``ok: false`` with an error code) and :meth:`FakeSlack.http_error` (5xx).

File uploads (``files_upload_v2``) are in ``fake_slack_files``.

Socket Mode: ``apps.connections.open`` returns ``ws://…/socket`` on this server, which sends
``hello``, lets :meth:`FakeSlack.push` deliver envelopes and collects the app's acks.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web
from fake_slack_files import FileUploads

__all__ = ["Call", "FakeSlack", "SlackUser"]

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"


@dataclass(frozen=True)
class SlackUser:
    id: str
    name: str = "Ada"
    tz: str | None = "Europe/Berlin"
    is_admin: bool = False
    # The person's own workspace when it is not the one the app is installed in (someone
    # from another organisation in a Slack Connect conversation).
    team_id: str | None = None
    # ``profile.display_name`` as users.info returns it; Slack sends "" when the person set
    # none (then clients show ``real_name``). None: the same as ``name``.
    display_name: str | None = None


@dataclass(frozen=True)
class Call:
    """One request the app made: a Web API method, or ``response_url`` for a response URL."""

    method: str
    args: dict[str, Any]
    token: str | None = None

    @property
    def text(self) -> str:
        return str(self.args.get("text") or "")

    @property
    def blocks(self) -> list[dict[str, Any]]:
        return list(self.args.get("blocks") or [])


@dataclass
class _Script:
    """Scripted failures for one method, consumed one per call."""

    failures: list[tuple[int, dict[str, Any], dict[str, str]]] = field(default_factory=list)


class FakeSlack(FileUploads):
    def __init__(self, *, team_id: str = "T0001", bot_user_id: str = "UBOT",
                 bot_id: str = "BBOT", bot_token: str = BOT_TOKEN,
                 app_token: str = APP_TOKEN) -> None:
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.bot_token = bot_token
        self.app_token = app_token
        self.users: dict[str, SlackUser] = {}
        self.channels: dict[str, str] = {}  # conversations.info: channel id -> name
        self.calls: list[Call] = []
        self.messages: dict[str, dict[str, Any]] = {}  # ts -> message (channel, text, blocks)
        self.acks: list[dict[str, Any]] = []
        self.response_times: dict[str, float] = {}  # response_url key -> time.time() of arrival
        self._scripts: dict[str, _Script] = {}
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._sockets: list[web.WebSocketResponse] = []
        self._ack_waiters: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._changed = asyncio.Event()
        self._socket_ready = asyncio.Event()
        self.port = 0
        self._init_files()

    # ---------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/{method}", self._web_api)
        app.router.add_get("/api/{method}", self._web_api)
        app.router.add_post("/response/{key}", self._response_url)
        app.router.add_get("/stats/responses", self._response_stats)
        app.router.add_get("/socket", self._socket)
        app.router.add_post("/upload/{file_id}", self._upload)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, key: str | None = None) -> str:
        return f"http://127.0.0.1:{self.port}/response/{key or uuid.uuid4().hex}"

    def add_user(self, user: SlackUser) -> SlackUser:
        self.users[user.id] = user
        return user

    # ---------------------------------------------------------------- scripting

    def rate_limit(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with 429 and ``Retry-After``."""
        script = self._scripts.setdefault(method, _Script())
        body = {"ok": False, "error": "ratelimited"}
        script.failures += [(429, body, {"Retry-After": str(retry_after)})] * times

    def fail(self, method: str, error: str, times: int = 1) -> None:
        script = self._scripts.setdefault(method, _Script())
        script.failures += [(200, {"ok": False, "error": error}, {})] * times

    def http_error(self, method: str, status: int = 503, times: int = 1) -> None:
        script = self._scripts.setdefault(method, _Script())
        script.failures += [(status, {"ok": False, "error": "fatal_error"}, {})] * times

    # ---------------------------------------------------------------- queries

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def dm_channel(self, user_id: str) -> str:
        return "D" + user_id

    def posted(self, channel: str | None = None) -> list[Call]:
        """Messages that reached a channel: ``chat.postMessage`` calls (optionally to one)."""
        return [c for c in self.calls_to("chat.postMessage")
                if channel is None or c.args.get("channel") == channel]

    def visible_text(self) -> list[str]:
        """Every text a person could read, from every kind of post, in order."""
        out: list[str] = []
        for call in self.calls:
            if call.method in {"chat.postMessage", "chat.postEphemeral", "chat.update",
                               "response_url"}:
                out.append(json.dumps(call.args, ensure_ascii=False))
            elif call.method in {"views.open", "views.publish"}:
                out.append(json.dumps(call.args.get("view"), ensure_ascii=False))
        return out

    async def wait_for(self, predicate: Callable[[], Any], within: float = 5.0) -> Any:
        """Wait until ``predicate()`` is truthy (re-checked after every recorded call)."""
        deadline = asyncio.get_running_loop().time() + within
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(f"timed out waiting; calls so far: {self.methods()}")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.2))
            except TimeoutError:
                pass

    async def wait_for_calls(self, method: str, count: int, within: float = 5.0) -> list[Call]:
        await self.wait_for(lambda: len(self.calls_to(method)) >= count, within)
        return self.calls_to(method)

    def methods(self) -> list[str]:
        return [c.method for c in self.calls]

    # ---------------------------------------------------------------- socket mode

    async def wait_socket(self, within: float = 5.0) -> None:
        await asyncio.wait_for(self._socket_ready.wait(), within)

    async def push(self, envelope_type: str, payload: dict[str, Any], *,
                   retry_attempt: int = 0, within: float = 5.0) -> dict[str, Any]:
        """Send one Socket Mode envelope and return the app's ack (which must arrive)."""
        await self.wait_socket(within)
        envelope_id = uuid.uuid4().hex
        waiter: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._ack_waiters[envelope_id] = waiter
        envelope = {
            "envelope_id": envelope_id, "type": envelope_type, "payload": payload,
            "accepts_response_payload": envelope_type != "events_api",
            "retry_attempt": retry_attempt, "retry_reason": "timeout" if retry_attempt else "",
        }
        await self._sockets[-1].send_str(json.dumps(envelope))
        return await asyncio.wait_for(waiter, within)

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_str(json.dumps({
            "type": "hello", "num_connections": len(self._sockets),
            "connection_info": {"app_id": "A0001"},
            "debug_info": {"host": "fake-slack"},
        }))
        self._socket_ready.set()
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                ack = json.loads(msg.data)
                self.acks.append(ack)
                waiter = self._ack_waiters.pop(ack.get("envelope_id", ""), None)
                if waiter is not None and not waiter.done():
                    waiter.set_result(ack)
        finally:
            self._sockets.remove(ws)
            if not self._sockets:
                self._socket_ready.clear()
        return ws

    # ---------------------------------------------------------------- HTTP handlers

    async def _read_args(self, request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update(dict(await request.post()))
        for key in ("blocks", "view", "metadata"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        return args

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        self._changed.set()

    async def _response_stats(self, request: web.Request) -> web.Response:
        """When each response URL was first used (for benchmarks in another process)."""
        prefix = request.query.get("prefix", "")
        return web.json_response({k: v for k, v in self.response_times.items()
                                  if k.startswith(prefix)})

    def acknowledged_command(self, response_url: str, status: int, body: Any) -> None:
        """What Slack does with a slash command's acknowledgement: a message in it (its
        "immediate response": a JSON body with ``text``/``blocks`` and ``response_type``, or
        plain text, which shows as an ephemeral message; docs.slack.dev, "Implementing
        slash commands", *Responding to the command*) is shown exactly like one sent to
        the command's response URL, so it is recorded as such, with ``via: "ack"``."""
        if status != 200 or not body:
            return
        message = dict(body) if isinstance(body, dict) else {"text": str(body)}
        if not (message.get("text") or message.get("blocks")):
            return
        key = response_url.rsplit("/", 1)[-1]
        self.response_times.setdefault(key, time.time())
        self._record(Call("response_url", {**message, "key": key, "via": "ack"}))

    async def _response_url(self, request: web.Request) -> web.Response:
        args = await self._read_args(request)
        args["key"] = request.match_info["key"]
        script = self._scripts.get("response_url")
        if script and script.failures:  # http_error("response_url", ...): not shown
            status, body, headers = script.failures.pop(0)
            self._record(Call("response_url_refused", {**args, "status": status}))
            # Incoming webhooks and response URLs answer errors in plain text
            # (docs.slack.dev, "Sending messages using incoming webhooks", Handling errors).
            return web.Response(status=status, text=str(body.get("error")), headers=headers)
        self.response_times.setdefault(args["key"], time.time())
        self._record(Call("response_url", args))
        return web.Response(text="ok")

    async def _web_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._read_args(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth else args.get("token")
        self._record(Call(method, args, token))
        script = self._scripts.get(method)
        if script and script.failures:
            status, body, headers = script.failures.pop(0)
            return web.json_response(body, status=status, headers=headers)
        expected = self.app_token if method == "apps.connections.open" else self.bot_token
        if token != expected:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        return web.json_response(handler(args))

    # ---------------------------------------------------------------- Web API methods

    def _next_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    def _m_auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": "https://fake.slack.com/", "team": "Fake", "user": "debrief",
                "team_id": self.team_id, "user_id": self.bot_user_id, "bot_id": self.bot_id}

    def _m_apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    def _m_conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        users = str(args.get("users", ""))
        if users not in self.users:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "channel": {"id": self.dm_channel(users), "is_im": True}}

    def _m_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(args.get("user", "")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        # Shape: https://docs.slack.dev/reference/methods/users.info (example response).
        display = user.name if user.display_name is None else user.display_name
        body: dict[str, Any] = {
            "id": user.id, "team_id": user.team_id or self.team_id,
            "name": user.name.lower(), "deleted": False, "real_name": user.name,
            "is_admin": user.is_admin, "is_owner": False, "is_primary_owner": False,
            "is_bot": False, "is_app_user": False,
            "profile": {"display_name": display, "display_name_normalized": display,
                        "real_name": user.name, "real_name_normalized": user.name,
                        "team": user.team_id or self.team_id},
        }
        if user.tz is not None:
            body["tz"] = user.tz
        return {"ok": True, "user": body}

    def _m_conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        # Shape: https://docs.slack.dev/reference/methods/conversations.info
        channel = str(args.get("channel", ""))
        if channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "channel": {
            "id": channel, "name": self.channels[channel], "is_channel": True,
            "is_group": False, "is_im": False, "is_private": False, "is_archived": False,
            "is_member": True, "name_normalized": self.channels[channel]}}

    def _m_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = str(args.get("channel", ""))
        if channel.startswith("D") and channel[1:] not in self.users:
            return {"ok": False, "error": "channel_not_found"}
        ts = self._next_ts()
        message = {"ts": ts, "channel": channel, "text": args.get("text", ""),
                   "blocks": args.get("blocks") or [], "bot_id": self.bot_id,
                   "user": self.bot_user_id, "type": "message"}
        if isinstance(args.get("metadata"), dict):
            # chat.postMessage ``metadata``: {"event_type", "event_payload"}; returned by
            # conversations.history only with include_all_metadata (docs.slack.dev,
            # "Using message metadata").
            message["metadata"] = args["metadata"]
        self.messages[ts] = message
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _m_conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        """Newest first, ``latest``/``oldest`` bounds (``inclusive``), ``limit``; message
        metadata only with ``include_all_metadata`` - as Slack's conversations.history."""
        channel = str(args.get("channel", ""))
        if channel.startswith("D") and channel[1:] not in self.users:
            return {"ok": False, "error": "channel_not_found"}
        inclusive = str(args.get("inclusive", "")).lower() in ("1", "true")
        latest, oldest = args.get("latest"), args.get("oldest")
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        found = []
        for ts, message in sorted(self.messages.items(), reverse=True):
            if message["channel"] != channel:
                continue
            if latest and (ts > latest or (ts == latest and not inclusive)):
                continue
            if oldest and (ts < oldest or (ts == oldest and not inclusive)):
                continue
            shown = {k: v for k, v in message.items() if k != "channel"}
            if not with_metadata:
                shown.pop("metadata", None)
            found.append(shown)
        limit = int(args.get("limit") or 100)
        return {"ok": True, "messages": found[:limit], "has_more": len(found) > limit}

    def _m_chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "message_ts": self._next_ts()}

    def _m_chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        ts = str(args.get("ts", ""))
        message = self.messages.get(ts)
        if message is None or message["channel"] != args.get("channel"):
            return {"ok": False, "error": "message_not_found"}
        message["text"] = args.get("text", message["text"])
        message["blocks"] = args.get("blocks") or []
        return {"ok": True, "channel": message["channel"], "ts": ts}

    def _m_views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        view = dict(args.get("view") or {})
        view.setdefault("id", "V" + uuid.uuid4().hex[:8].upper())
        return {"ok": True, "view": view}

    def _m_views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "view": dict(args.get("view") or {})}
