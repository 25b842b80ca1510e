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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

__all__ = ["Call", "FakeDiscord", "FakeInteraction", "FakeUser", "snowflake"]

DISCORD_EPOCH_MS = 1420070400000
EPHEMERAL = 1 << 6
LOADING = 1 << 7
MANAGE_GUILD = 1 << 5
ADMINISTRATOR = 1 << 3
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 31)  # view channel, send messages, use app cmds
_counter = itertools.count()


def snowflake() -> int:
    """A real-looking, increasing snowflake id (timestamp, worker 1, process 1, counter)."""
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (1 << 17) | (1 << 12) | (next(_counter) % 4096)


def _now_iso() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class FakeUser:
    id: int
    name: str
    permissions: int = MEMBER_PERMISSIONS
    bot: bool = False
    dms_closed: bool = False

    @property
    def payload(self) -> dict[str, Any]:
        return {"id": str(self.id), "username": self.name, "global_name": self.name.title(),
                "discriminator": "0", "avatar": None, "bot": self.bot, "public_flags": 0}

    def member(self, *, with_permissions: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"user": self.payload, "roles": [], "joined_at": _now_iso(),
                                "deaf": False, "mute": False, "flags": 0, "nick": None}
        if with_permissions:
            data["permissions"] = str(self.permissions)
        return data


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: int = 200
    at: float = field(default_factory=time.perf_counter)


@dataclass
class FakeInteraction:
    id: int
    token: str
    type: int
    user: FakeUser
    channel_id: int
    guild_id: int | None
    pushed_at: float = 0.0
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    callback_at: float | None = None
    original_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    message: dict[str, Any] | None = None  # the message a component/modal came from
    deleted_original: bool = False

    @property
    def modal(self) -> dict[str, Any] | None:
        for cb in self.callbacks:
            if cb["type"] == 9:
                return dict(cb["data"])
        return None


@dataclass
class _Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    remaining: int


class FakeDiscord:
    def __init__(self, *, shard_count: int = 1) -> None:
        self.shard_count = shard_count
        self.app_id = snowflake()
        self.bot = FakeUser(snowflake(), "debrief", bot=True)
        self.guild_id = snowflake()
        self.channel_id = snowflake()
        self.token = "fake-token"
        self.users: dict[int, FakeUser] = {self.bot.id: self.bot}
        self.dm_channels: dict[int, int] = {}  # user id -> DM channel id
        self.messages: dict[int, dict[str, Any]] = {}
        self.sent: list[dict[str, Any]] = []  # every message the bot created, in order
        self.interactions: dict[int, FakeInteraction] = {}
        self._by_token: dict[str, FakeInteraction] = {}
        self.commands: dict[int | None, list[dict[str, Any]]] = {None: []}
        self.calls: list[Call] = []
        self.identifies: list[dict[str, Any]] = []
        self._failures: list[_Failure] = []
        self._sockets: dict[int, tuple[web.WebSocketResponse, itertools.count[int]]] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.on_callback: Callable[[FakeInteraction], None] | None = None

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

    def add_user(self, name: str, *, admin: bool = False) -> FakeUser:
        perms = MEMBER_PERMISSIONS | (MANAGE_GUILD if admin else 0)
        user = FakeUser(snowflake(), name, permissions=perms)
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
        self._failures.append(_Failure(method, re.compile(path_pattern), 429, body, headers, count))

    def fail_next(self, method: str, path_pattern: str, *, status: int = 500, code: int = 0,
                  count: int = 1) -> None:
        body = {"message": f"{status} fake failure", "code": code}
        self._failures.append(_Failure(method, re.compile(path_pattern), status, body, {}, count))

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

    # ----------------------------------------------------------- what users see
    def dm_channel(self, user: FakeUser) -> int:
        if user.id not in self.dm_channels:
            self.dm_channels[user.id] = snowflake()
        return self.dm_channels[user.id]

    def dms(self, user: FakeUser) -> list[dict[str, Any]]:
        """Messages the bot posted in the person's DM (in order, latest state)."""
        channel = str(self.dm_channels.get(user.id, -1))
        return [self.messages[int(m["id"])] for m in self.sent if m["channel_id"] == channel]

    def replies_to(self, interaction: FakeInteraction) -> list[dict[str, Any]]:
        ids = ([interaction.original_id] if interaction.original_id else []) + \
            interaction.followup_ids
        return [self.messages[i] for i in ids]

    def settled(self, interaction: FakeInteraction) -> bool:
        """Acknowledged, and the "thinking…" placeholder (if any) replaced or deleted."""
        if not interaction.callbacks:
            return False
        if interaction.callbacks[0]["type"] != 5:
            return True
        if interaction.deleted_original:
            return True
        original = self.messages.get(interaction.original_id or -1)
        return original is not None and not int(original["flags"]) & LOADING

    def calls_to(self, method: str, pattern: str) -> list[Call]:
        rx = re.compile(pattern)
        return [c for c in self.calls if c.method == method and rx.search(c.path)]

    # ------------------------------------------------------------- acting as users
    async def dispatch(self, event: str, data: dict[str, Any], *, shard: int = 0) -> None:
        ws, seq = self._sockets[shard]
        await ws.send_str(json.dumps({"op": 0, "t": event, "s": next(seq), "d": data}))

    def _shard_for(self, guild_id: int | None) -> int:
        return 0 if guild_id is None else (guild_id >> 22) % self.shard_count

    def _interaction_base(self, kind: int, user: FakeUser, in_dm: bool) -> dict[str, Any]:
        channel_id = self.dm_channel(user) if in_dm else self.channel_id
        data: dict[str, Any] = {
            "id": str(snowflake()), "application_id": str(self.app_id), "type": kind,
            "token": "itok-" + secrets.token_urlsafe(24), "version": 1,
            "channel_id": str(channel_id), "locale": "en-US", "entitlements": [],
            "attachment_size_limit": 10485760, "app_permissions": "2248473465835073",
            "authorizing_integration_owners": {"0": str(self.guild_id)},
        }
        if in_dm:
            data["channel"] = {"id": str(channel_id), "type": 1, "recipients": [user.payload]}
            data["user"] = user.payload
            data["context"] = 1
        else:
            data["guild_id"] = str(self.guild_id)
            data["guild_locale"] = "en-US"
            data["channel"] = {"id": str(channel_id), "type": 0, "name": "job-search",
                               "guild_id": str(self.guild_id), "position": 0,
                               "permission_overwrites": [], "nsfw": False}
            data["member"] = user.member()
            data["context"] = 0
        return data

    async def _push(self, data: dict[str, Any], user: FakeUser, guild_id: int | None
                    ) -> FakeInteraction:
        inter = FakeInteraction(int(data["id"]), data["token"], data["type"], user,
                                int(data["channel_id"]), guild_id, message=data.get("message"))
        self.interactions[inter.id] = inter
        self._by_token[inter.token] = inter
        inter.pushed_at = time.perf_counter()
        await self.dispatch("INTERACTION_CREATE", data, shard=self._shard_for(guild_id))
        return inter

    def _command_id(self, name: str) -> str:
        for cmd in self.commands.get(None, []):
            if cmd["name"] == name:
                return str(cmd["id"])
        return str(snowflake())

    async def command(self, user: FakeUser, sub: str, *, in_dm: bool = False,
                      **options: str) -> FakeInteraction:
        """``/debrief <sub> name:value …`` as the person would run it."""
        data = self._interaction_base(2, user, in_dm)
        opts = [{"type": 3, "name": k, "value": v} for k, v in options.items()]
        data["data"] = {"id": self._command_id("debrief"), "name": "debrief", "type": 1,
                        "options": [{"type": 1, "name": sub, "options": opts}]}
        return await self._push(data, user, None if in_dm else self.guild_id)

    async def autocomplete(self, user: FakeUser, sub: str, option: str, current: str,
                           *, in_dm: bool = False) -> list[dict[str, Any]]:
        data = self._interaction_base(4, user, in_dm)
        data["data"] = {"id": self._command_id("debrief"), "name": "debrief", "type": 1,
                        "options": [{"type": 1, "name": sub, "options": [
                            {"type": 3, "name": option, "value": current, "focused": True}]}]}
        inter = await self._push(data, user, None if in_dm else self.guild_id)
        await self.wait_until(lambda: inter.callbacks)
        return list(inter.callbacks[0]["data"]["choices"])

    def _component(self, message: dict[str, Any], pick: Callable[[dict[str, Any]], bool]
                   ) -> dict[str, Any]:
        for row in message.get("components", []):
            for comp in row.get("components", []):
                if pick(comp):
                    return dict(comp)
        raise LookupError(f"no such component in message {message['id']}")

    def buttons(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        return [c for row in message.get("components", []) for c in row.get("components", [])
                if c["type"] == 2]

    async def click(self, user: FakeUser, message: dict[str, Any], label: str) -> FakeInteraction:
        """Click the button whose label starts with (or else contains) ``label``,
        case-insensitively, on the latest version of ``message``."""
        message = self.messages.get(int(message["id"]), message)
        wanted = label.lower()
        try:
            comp = self._component(message, lambda c: c["type"] == 2 and str(
                c.get("label", "")).lower().startswith(wanted))
        except LookupError:
            comp = self._component(message, lambda c: c["type"] == 2 and wanted in str(
                c.get("label", "")).lower())
        if comp.get("disabled"):
            raise AssertionError(f"button {label!r} is disabled")
        return await self._component_interaction(user, message, {
            "custom_id": comp["custom_id"], "component_type": 2})

    async def choose(self, user: FakeUser, message: dict[str, Any], values: list[str]
                     ) -> FakeInteraction:
        message = self.messages.get(int(message["id"]), message)
        comp = self._component(message, lambda c: c["type"] == 3)
        return await self._component_interaction(user, message, {
            "custom_id": comp["custom_id"], "component_type": 3, "values": values})

    async def _component_interaction(self, user: FakeUser, message: dict[str, Any],
                                     inner: dict[str, Any]) -> FakeInteraction:
        in_dm = message.get("guild_id") is None
        data = self._interaction_base(3, user, in_dm)
        data["message"] = message
        data["data"] = inner
        return await self._push(data, user, None if in_dm else self.guild_id)

    async def submit_modal(self, user: FakeUser, opened_by: FakeInteraction,
                           values: dict[str, str]) -> FakeInteraction:
        """Fill the modal that ``opened_by`` answered with, keyed by text input custom_id
        suffix or label (case-insensitive), and submit it."""
        modal = opened_by.modal
        assert modal is not None, "that interaction did not open a modal"
        rows = []
        for row in modal["components"]:
            inner = row.get("component") or row["components"][0]
            key = next((k for k in values if inner["custom_id"].lower().endswith(k.lower())
                        or str(row.get("label", inner.get("label", ""))).lower() == k.lower()),
                       None)
            value = values.get(key, "") if key else ""
            submitted = {"type": 4, "custom_id": inner["custom_id"], "value": value}
            rows.append({"type": 18, "component": submitted} if row["type"] == 18
                        else {"type": 1, "components": [submitted]})
        in_dm = opened_by.guild_id is None
        data = self._interaction_base(5, user, in_dm)
        data["data"] = {"custom_id": modal["custom_id"], "components": rows}
        if opened_by.message is not None:
            data["message"] = self.messages.get(int(opened_by.message["id"]), opened_by.message)
        return await self._push(data, user, None if in_dm else self.guild_id)

    async def send_dm(self, user: FakeUser, text: str) -> dict[str, Any]:
        """The person types ``text`` in their DM with the bot."""
        channel = self.dm_channel(user)
        msg = self._message(channel, user.payload, {"content": text})
        await self.dispatch("MESSAGE_CREATE", msg)
        return msg

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
                {"op": 0, "t": "GUILD_CREATE", "s": next(seq), "d": self._guild_payload()}))

    def _guild_payload(self) -> dict[str, Any]:
        gid = str(self.guild_id)
        return {
            "id": gid, "name": "Job Seekers", "icon": None, "owner_id": str(snowflake()),
            "unavailable": False, "member_count": 3, "large": False, "joined_at": _now_iso(),
            "features": [], "emojis": [], "stickers": [], "afk_timeout": 300,
            "verification_level": 0, "default_message_notifications": 0,
            "explicit_content_filter": 0, "mfa_level": 0, "system_channel_flags": 0,
            "premium_tier": 0, "nsfw_level": 0, "preferred_locale": "en-US",
            "threads": [], "voice_states": [], "presences": [], "stage_instances": [],
            "guild_scheduled_events": [], "soundboard_sounds": [],
            "roles": [
                {"id": gid, "name": "@everyone", "permissions": str(MEMBER_PERMISSIONS),
                 "position": 0, "color": 0, "hoist": False, "managed": False,
                 "mentionable": False, "flags": 0},
                {"id": str(snowflake()), "name": "Mods",
                 "permissions": str(MEMBER_PERMISSIONS | MANAGE_GUILD), "position": 1,
                 "color": 0, "hoist": False, "managed": False, "mentionable": True, "flags": 0},
            ],
            "channels": [{"id": str(self.channel_id), "type": 0, "name": "job-search",
                          "position": 0, "permission_overwrites": [], "nsfw": False,
                          "topic": None, "last_message_id": None, "rate_limit_per_user": 0,
                          "parent_id": None}],
            "members": [self.bot.member(with_permissions=False)],
        }

    # ----------------------------------------------------------------------- REST
    def _message(self, channel_id: int, author: dict[str, Any], body: dict[str, Any], *,
                 flags: int = 0, webhook: bool = False, message_id: int | None = None
                 ) -> dict[str, Any]:
        is_dm = channel_id in self.dm_channels.values()
        msg: dict[str, Any] = {
            "id": str(message_id or snowflake()), "channel_id": str(channel_id),
            "author": author, "content": body.get("content") or "", "timestamp": _now_iso(),
            "edited_timestamp": None, "tts": False, "mention_everyone": False, "mentions": [],
            "mention_roles": [], "attachments": [], "embeds": body.get("embeds") or [],
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
        for key in ("content", "embeds", "components", "allowed_mentions"):
            if key in body:
                msg[key] = body[key] if body[key] is not None else ([] if key != "content"
                                                                      else "")
        msg["flags"] = int(msg["flags"]) & ~LOADING
        msg["edited_timestamp"] = _now_iso()
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
            raw = await request.read()
            body = json.loads(raw) if raw else None
        call = Call(request.method, path, dict(request.query), body)
        self.calls.append(call)
        for failure in self._failures:
            if failure.method == request.method and failure.pattern.search(path) \
                    and failure.remaining > 0:
                failure.remaining -= 1
                call.status = failure.status
                await self._notify()
                return self._json(failure.body, failure.status, failure.headers)
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
                self.commands[guild] = [self._registered(c, guild) for c in body]
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
        if parts[0] == "channels" and parts[2] == "messages":
            channel = int(parts[1])
            if method == "POST":
                owner = next((u for u, c in self.dm_channels.items() if c == channel), None)
                if owner is not None and self.users[owner].dms_closed:
                    return 403, {"message": "Cannot send messages to this user",
                                 "code": 50007}
                return 200, self._store(self._message(channel, self.bot.payload, body))
            if method == "PATCH":
                return 200, self._edit(int(parts[3]), body)
        return 404, {"message": "404: Not Found", "code": 0}

    def _registered(self, cmd: dict[str, Any], guild: int | None) -> dict[str, Any]:
        """What Discord echoes back: ids and version added, false ``required`` dropped."""
        old = next((c for c in self.commands.get(guild, []) if c["name"] == cmd["name"]), None)

        def clean(options: list[dict[str, Any]]) -> list[dict[str, Any]]:
            out = []
            for opt in options:
                opt = {k: v for k, v in opt.items() if not (k == "required" and v is False)}
                if "options" in opt:
                    opt["options"] = clean(opt["options"])
                out.append(opt)
            return out

        reg = dict(cmd)
        reg["options"] = clean(cmd.get("options", []))
        reg.update(id=old["id"] if old else str(snowflake()), application_id=str(self.app_id),
                   version=str(snowflake()), type=cmd.get("type", 1))
        reg.setdefault("default_member_permissions", None)
        reg.setdefault("nsfw", False)
        if guild is not None:
            reg["guild_id"] = str(guild)
        return reg

    def _callback(self, interaction_id: int, body: dict[str, Any]) -> tuple[int, Any]:
        inter = self.interactions[interaction_id]
        if inter.callbacks:
            return 400, {"message": "Interaction has already been acknowledged.",
                         "code": 40060}
        inter.callbacks.append(body)
        inter.callback_at = time.perf_counter()
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
            flags = LOADING if kind == 5 else 0
            msg = self._store(self._message(inter.channel_id, self.bot.payload, data,
                                            flags=flags, webhook=True))
            inter.original_id = int(msg["id"])
            result["interaction"]["response_message_id"] = msg["id"]
            result["resource"]["message"] = msg
        elif kind == 7:
            source = inter.message
            if source is not None:
                result["resource"]["message"] = self._edit(int(source["id"]), data)
        return 200, result

    def _webhook(self, method: str, parts: list[str], body: Any) -> tuple[int, Any]:
        token = parts[2]
        inter = self._by_token[token]
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
