"""A fake Discord on loopback: the gateway websocket and the REST routes Debrief uses.

It speaks the real wire format so the real ``discord.py`` client runs against it unchanged
(``DISCORD_API_URL`` / ``DISCORD_GATEWAY_URL`` point at it). Tests act as Discord users
through it (run a command, click a button, submit a modal, type a DM) and read back what a
user would see: the messages the bot created, their buttons, whether they were ephemeral
and which mentions they allowed. Every REST call is recorded in :attr:`FakeDiscord.calls`.

Failure injection: :meth:`FakeDiscord.rate_limit_next` answers the next matching request
with a real-looking 429 (``Via``, ``Retry-After``, ``X-RateLimit-*``), :meth:`close_dms`
makes sends to a user's DM fail with error 50007, :meth:`fail_next` answers with any status.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import secrets
import time
from collections.abc import Callable
from typing import Any

from aiohttp import WSMsgType, web
from fake_discord_model import (
    EPHEMERAL,
    LOADING,
    MANAGE_GUILD,
    MEMBER_PERMISSIONS,
    Call,
    Failure,
    FakeInteraction,
    FakeUser,
    guild_payload,
    now_iso,
    read_body,
    registered_command,
    snowflake,
)
from fake_discord_users import ActingAsUsers

__all__ = ["EPHEMERAL", "Call", "FakeDiscord", "FakeInteraction", "FakeUser", "snowflake"]

NONCE_WINDOW = 300.0  # Discord: "the past few minutes"

class FakeDiscord(ActingAsUsers):
    def __init__(self, *, shard_count: int = 1) -> None:
        self.shard_count = shard_count
        self.app_id = snowflake()
        self.bot = FakeUser(snowflake(), "debrief", bot=True)
        self.guild_id = snowflake()
        self.channel_id = snowflake()  # #job-search in the guild
        self.mods_role_id = snowflake()  # the guild's "Mods" role
        self.token = "fake-token"
        self.users: dict[int, FakeUser] = {self.bot.id: self.bot}
        self.dm_channels: dict[int, int] = {}  # user id -> DM channel id
        self.messages: dict[int, dict[str, Any]] = {}
        self.files: dict[int, bytes] = {}  # attachment id -> the bytes uploaded
        self.sent: list[dict[str, Any]] = []  # every message the bot created, in order
        self.interactions: dict[int, FakeInteraction] = {}
        self._by_token: dict[str, FakeInteraction] = {}
        self.commands: dict[int | None, list[dict[str, Any]]] = {None: []}
        self.calls: list[Call] = []
        self.identifies: list[dict[str, Any]] = []
        self._failures: list[Failure] = []
        #: Seconds each interaction callback takes to be answered (a slow Discord).
        self.callback_delay = 0.0
        self._sockets: dict[int, tuple[web.WebSocketResponse, itertools.count[int]]] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.on_callback: Callable[[FakeInteraction], None] | None = None
        # Text channels of other servers the bot is in (channel id -> guild id); GET
        # /channels/<id> knows these and the guild's own channel, and 404s the rest.
        self.other_server_channels: dict[int, int] = {}
        # (author id, nonce) -> (when, the message) for enforce_nonce.
        self.nonces: dict[tuple[int, str], tuple[float, dict[str, Any]]] = {}

    # ----------------------------------------------------------------- lifecycle
    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        for ws, _ in list(self._sockets.values()):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def add_user(self, name: str, *, admin: bool = False, global_name: bool = True
                 ) -> FakeUser:
        """``global_name=False``: the person never set a display name (Discord sends null)."""
        perms = MEMBER_PERMISSIONS | (MANAGE_GUILD if admin else 0)
        user = FakeUser(snowflake(), name, permissions=perms, has_global_name=global_name)
        self.users[user.id] = user
        return user

    def close_dms(self, user: FakeUser) -> None:
        user.dms_closed = True

    # ---------------------------------------------------------- failure injection
    def rate_limit_next(self, method: str, path_pattern: str, *, retry_after: float = 0.3,
                        count: int = 1) -> None:
        headers = {"Retry-After": str(max(1, round(retry_after))),
                   "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
                   "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
                   "X-RateLimit-Reset-After": f"{retry_after:.3f}",
                   "X-RateLimit-Bucket": "fakebucket", "X-RateLimit-Scope": "user"}
        body = {"message": "You are being rate limited.", "retry_after": retry_after,
                "global": False}
        self._failures.append(Failure(method, re.compile(path_pattern), 429, body, headers, count))

    def fail_next(self, method: str, path_pattern: str, *, status: int = 500, code: int = 0,
                  count: int = 1) -> None:
        body = {"message": f"{status} fake failure", "code": code}
        self._failures.append(Failure(method, re.compile(path_pattern), status, body, {}, count))

    # -------------------------------------------------------------------- waiting
    async def wait_until(self, predicate: Callable[[], Any], wait_s: float = 5.0) -> Any:
        async def wait() -> Any:
            async with self._changed:
                while not (result := predicate()):
                    await self._changed.wait()
                return result
        return await asyncio.wait_for(wait(), wait_s)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_connected(self, shards: int | None = None, wait_s: float = 10.0) -> None:
        want = shards or self.shard_count
        await self.wait_until(lambda: len(self.identifies) >= want and len(self._sockets) >= want,
                              wait_s)

    # -------------------------------------------------------------------- gateway
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        seq = itertools.count(1)
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        shard = 0
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            payload = json.loads(msg.data)
            op = payload.get("op")
            if op == 1:
                await ws.send_str(json.dumps({"op": 11}))
            elif op == 2:
                shard = (payload["d"].get("shard") or [0, 1])[0]
                self.identifies.append(payload["d"])
                self._sockets[shard] = (ws, seq)
                await self._ready(ws, seq, shard)
                await self._notify()
            elif op == 6:
                self._sockets[shard] = (ws, seq)
                await ws.send_str(json.dumps({"op": 0, "t": "RESUMED", "s": next(seq), "d": {}}))
        if self._sockets.get(shard, (None,))[0] is ws:
            del self._sockets[shard]
        return ws

    async def _ready(self, ws: web.WebSocketResponse, seq: itertools.count[int], shard: int
                     ) -> None:
        guilds = [self.guild_id] if self._shard_for(self.guild_id) == shard else []
        ready = {"v": 10, "user": self.bot.payload, "session_id": secrets.token_hex(16),
                 "resume_gateway_url": self.gateway_url, "shard": [shard, self.shard_count],
                 "guilds": [{"id": str(g), "unavailable": True} for g in guilds],
                 "application": {"id": str(self.app_id), "flags": 0}, "private_channels": []}
        await ws.send_str(json.dumps({"op": 0, "t": "READY", "s": next(seq), "d": ready}))
        for _ in guilds:
            await ws.send_str(json.dumps(
                {"op": 0, "t": "GUILD_CREATE", "s": next(seq),
                 "d": guild_payload(self.guild_id, self.channel_id, self.bot,
                                    self.mods_role_id)}))

    # ----------------------------------------------------------------------- REST
    def _message(self, channel_id: int, author: dict[str, Any], body: dict[str, Any], *,
                 flags: int = 0, webhook: bool = False, message_id: int | None = None
                 ) -> dict[str, Any]:
        is_dm = channel_id in self.dm_channels.values()
        content = body.get("content") or ""
        # Discord resolves the users a message mentions into ``mentions`` (user objects) and
        # lists mentioned role ids in ``mention_roles`` (discord-api-docs
        # resources/message.mdx, "Message Object"); the bot's own sends allow none.
        parse = (body.get("allowed_mentions") or {}).get("parse", ["users", "roles"])
        mentioned = [int(i) for i in re.findall(r"<@!?(\d+)>", content)] \
            if body.get("allowed_mentions") is None or "users" in parse else []
        roles = re.findall(r"<@&(\d+)>", content) \
            if body.get("allowed_mentions") is None or "roles" in parse else []
        msg: dict[str, Any] = {
            "id": str(message_id or snowflake()), "channel_id": str(channel_id),
            "author": author, "content": content, "timestamp": now_iso(),
            "edited_timestamp": None, "tts": False, "mention_everyone": False,
            "mentions": [self.users[i].payload for i in dict.fromkeys(mentioned)
                         if i in self.users],
            "mention_roles": list(dict.fromkeys(roles)),
            "attachments": body.get("attachments") or [],
            "embeds": body.get("embeds") or [],
            "pinned": False, "type": 0, "flags": flags | int(body.get("flags") or 0),
            "components": body.get("components") or [],
            "allowed_mentions": body.get("allowed_mentions"),
        }
        if not is_dm:
            msg["guild_id"] = str(self.guild_id)
        if webhook:
            msg["webhook_id"] = str(self.app_id)
            msg["application_id"] = str(self.app_id)
        return msg

    def _store(self, msg: dict[str, Any]) -> dict[str, Any]:
        self.messages[int(msg["id"])] = msg
        self.sent.append(msg)
        return msg

    def _edit(self, message_id: int, body: dict[str, Any]) -> dict[str, Any]:
        msg = self.messages[message_id]
        for key in ("content", "embeds", "components", "allowed_mentions", "attachments"):
            if key in body:
                msg[key] = body[key] if body[key] is not None else ([] if key != "content"
                                                                      else "")
        msg["flags"] = int(msg["flags"]) & ~LOADING
        msg["edited_timestamp"] = now_iso()
        return msg

    @staticmethod
    def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None
              ) -> web.Response:
        hdrs = {"Content-Type": "application/json", "Via": "1.1 google",
                "X-RateLimit-Limit": "50", "X-RateLimit-Remaining": "49",
                "X-RateLimit-Reset-After": "1.000", "X-RateLimit-Bucket": "okbucket"}
        hdrs.update(headers or {})
        if status == 204:
            hdrs.pop("Content-Type")
            return web.Response(status=204, headers=hdrs)
        return web.Response(status=status, body=json.dumps(data).encode(), headers=hdrs)

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        body: Any = None
        if request.can_read_body:
            body = await read_body(request, self.files, self.api_url)
        call = Call(request.method, path, dict(request.query), body)
        self.calls.append(call)
        for failure in self._failures:
            if failure.method == request.method and failure.pattern.search(path) \
                    and failure.remaining > 0:
                failure.remaining -= 1
                call.status = failure.status
                await self._notify()
                return self._json(failure.body, failure.status, failure.headers)
        if self.callback_delay and path.endswith("/callback"):
            await asyncio.sleep(self.callback_delay)
        try:
            status, data = self._route(request.method, path, body)
        except KeyError:
            status, data = 404, {"message": "Unknown", "code": 10003}
        call.status = status
        await self._notify()
        return self._json(data, status)

    def _route(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        parts = path.strip("/").split("/")
        if path == "/users/@me" and method == "GET":
            return 200, self.bot.payload
        if path == "/oauth2/applications/@me":
            return 200, {"id": str(self.app_id), "name": "Debrief", "icon": None,
                         "description": "", "bot_public": True, "bot_require_code_grant": False,
                         "owner": self.bot.payload, "verify_key": "0" * 64, "flags": 0,
                         "team": None, "summary": "", "rpc_origins": []}
        if path in ("/gateway", "/gateway/bot"):
            return 200, {"url": self.gateway_url, "shards": self.shard_count,
                         "session_start_limit": {"total": 1000, "remaining": 999,
                                                 "reset_after": 0, "max_concurrency": 1}}
        if parts[0] == "applications" and parts[-1] == "commands":
            guild = int(parts[3]) if len(parts) == 5 else None
            if method == "PUT":
                old = {c["name"]: c for c in self.commands.get(guild, [])}
                self.commands[guild] = [registered_command(c, old.get(c["name"]), self.app_id,
                                                           guild) for c in body]
            return 200, self.commands.get(guild, [])
        if parts[0] == "interactions" and parts[-1] == "callback":
            return self._callback(int(parts[1]), body)
        if parts[0] == "webhooks":
            return self._webhook(method, parts, body)
        if path == "/users/@me/channels" and method == "POST":
            user = self.users[int(body["recipient_id"])]
            channel = self.dm_channel(user)
            return 200, {"id": str(channel), "type": 1, "last_message_id": None,
                         "recipients": [user.payload]}
        if parts[0] == "users" and method == "GET":
            return 200, self.users[int(parts[1])].payload
        if parts[0] == "channels" and len(parts) == 2 and method == "GET":
            channel = int(parts[1])
            guild = self.guild_id if channel == self.channel_id else \
                self.other_server_channels.get(channel)
            if guild is None:
                return 404, {"message": "Unknown Channel", "code": 10003}
            return 200, {"id": str(channel), "type": 0, "guild_id": str(guild),
                         "name": "job-search", "position": 0, "permission_overwrites": [],
                         "nsfw": False, "topic": None, "last_message_id": None,
                         "rate_limit_per_user": 0, "parent_id": None}
        if parts[0] == "channels" and parts[2] == "messages":
            channel = int(parts[1])
            if method == "POST":
                owner = next((u for u, c in self.dm_channels.items() if c == channel), None)
                if owner is not None and self.users[owner].dms_closed:
                    return 403, {"message": "Cannot send messages to this user",
                                 "code": 50007}
                nonce = body.get("nonce") if isinstance(body, dict) else None
                if nonce is not None and body.get("enforce_nonce"):
                    # Create Message with enforce_nonce: a message by the same author with
                    # the same nonce in the past few minutes is returned, none is created
                    # (discord-api-docs, developers/resources/message.mdx).
                    earlier = self.nonces.get((self.bot.id, str(nonce)))
                    if earlier is not None and time.monotonic() - earlier[0] < NONCE_WINDOW:
                        return 200, earlier[1]
                message = self._store(self._message(channel, self.bot.payload, body))
                if nonce is not None and body.get("enforce_nonce"):
                    self.nonces[(self.bot.id, str(nonce))] = (time.monotonic(), message)
                return 200, message
            if method == "PATCH":
                return 200, self._edit(int(parts[3]), body)
        return 404, {"message": "404: Not Found", "code": 0}

    def _callback(self, interaction_id: int, body: dict[str, Any]) -> tuple[int, Any]:
        inter = self.interactions[interaction_id]
        if inter.callbacks:
            return 400, {"message": "Interaction has already been acknowledged.",
                         "code": 40060}
        inter.callbacks.append(body)
        inter.callback_at = time.perf_counter()
        if body["type"] == 4:
            inter.answered_at = inter.callback_at
        if self.on_callback is not None:
            self.on_callback(inter)
        kind = body["type"]
        data = body.get("data") or {}
        result: dict[str, Any] = {"interaction": {"id": str(inter.id), "type": inter.type,
                                                  "response_message_loading": kind == 5,
                                                  "response_message_ephemeral": bool(
                                                      int(data.get("flags") or 0) & EPHEMERAL)},
                                  "resource": {"type": kind}}
        if kind in (4, 5):
            # 4: the response message from the callback data (content, embeds, components,
            # flags, attachments); 5: a loading one, edited later (discord-api-docs,
            # interactions/receiving-and-responding.mdx, "Interaction Callback Type").
            flags = LOADING if kind == 5 else 0
            msg = self._store(self._message(inter.channel_id, self.bot.payload, data,
                                            flags=flags, webhook=True))
            inter.original_id = int(msg["id"])
            result["interaction"]["response_message_id"] = msg["id"]
            result["resource"]["message"] = msg
        elif kind in (6, 7):
            # For components the original response is the message they are on ("ACK an
            # interaction and edit the original message later": discord-api-docs,
            # interactions/receiving-and-responding.mdx, DEFERRED_UPDATE_MESSAGE).
            source = inter.message
            if source is not None:
                inter.original_id = int(source["id"])
                if kind == 7:
                    result["resource"]["message"] = self._edit(int(source["id"]), data)
        return 200, result

    def _webhook(self, method: str, parts: list[str], body: Any) -> tuple[int, Any]:
        token = parts[2]
        inter = self._by_token[token]
        if inter.answered_at is None and method in ("POST", "PATCH") and \
                isinstance(body, dict) and (body.get("content") or body.get("embeds")):
            inter.answered_at = time.perf_counter()
        if len(parts) == 3 and method == "POST":
            msg = self._store(self._message(inter.channel_id, self.bot.payload, body,
                                            webhook=True))
            inter.followup_ids.append(int(msg["id"]))
            return 200, msg
        if len(parts) == 5 and parts[3] == "messages":
            mid = inter.original_id if parts[4] == "@original" else int(parts[4])
            if mid is None:
                return 404, {"message": "Unknown Message", "code": 10008}
            if method == "PATCH":
                return 200, self._edit(mid, body)
            if method == "GET":
                return 200, self.messages[mid]
            if method == "DELETE":
                msg = self.messages.pop(mid)
                self.sent.remove(msg)
                if mid == inter.original_id:
                    inter.original_id = None
                inter.deleted_original = True
                return 204, None
        return 404, {"message": "404: Not Found", "code": 0}
