"""Records and payloads of the fake Discord (``fake_discord``): users, calls, interactions.

Payload builders here produce what Discord really sends (READY's guild, GUILD_CREATE, a
command registration echoed back), so discord.py parses them as it would in production.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import BodyPartReader, web

__all__ = [
    "EPHEMERAL", "LOADING", "MANAGE_GUILD", "MEMBER_PERMISSIONS", "Call", "Failure",
    "FakeInteraction", "FakeUser", "guild_payload", "now_iso", "read_body",
    "registered_command", "snowflake",
]

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


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class FakeUser:
    id: int
    name: str
    permissions: int = MEMBER_PERMISSIONS
    bot: bool = False
    dms_closed: bool = False
    # Discord sends ``global_name: null`` for people who never set a display name (and for
    # bots); clients then show the username (discord-api-docs resources/user.mdx).
    has_global_name: bool = True

    @property
    def global_name(self) -> str | None:
        return self.name.title() if self.has_global_name and not self.bot else None

    @property
    def payload(self) -> dict[str, Any]:
        return {"id": str(self.id), "username": self.name, "global_name": self.global_name,
                "discriminator": "0", "avatar": None, "bot": self.bot, "public_flags": 0}

    def member(self, *, with_permissions: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"user": self.payload, "roles": [], "joined_at": now_iso(),
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
    # When the person first saw an answer: a type-4 callback, or the first content put in
    # the "thinking" placeholder or sent as a follow-up (benchmarks/discord_interactions.py).
    answered_at: float | None = None
    original_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    message: dict[str, Any] | None = None  # the message a component/modal came from
    deleted_original: bool = False
    payload: dict[str, Any] = field(default_factory=dict)  # as dispatched (redeliver)

    @property
    def modal(self) -> dict[str, Any] | None:
        for cb in self.callbacks:
            if cb["type"] == 9:
                return dict(cb["data"])
        return None


@dataclass
class Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    remaining: int



def guild_payload(guild_id: int, channel_id: int, bot: FakeUser,
                  role_id: int | None = None) -> dict[str, Any]:
    gid = str(guild_id)
    return {
        "id": gid, "name": "Job Seekers", "icon": None, "owner_id": str(snowflake()),
        "unavailable": False, "member_count": 3, "large": False, "joined_at": now_iso(),
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
            {"id": str(role_id or snowflake()), "name": "Mods",
             "permissions": str(MEMBER_PERMISSIONS | MANAGE_GUILD), "position": 1,
             "color": 0, "hoist": False, "managed": False, "mentionable": True, "flags": 0},
        ],
        "channels": [{"id": str(channel_id), "type": 0, "name": "job-search",
                      "position": 0, "permission_overwrites": [], "nsfw": False,
                      "topic": None, "last_message_id": None, "rate_limit_per_user": 0,
                      "parent_id": None}],
        "members": [bot.member(with_permissions=False)],
    }


def registered_command(cmd: dict[str, Any], old: dict[str, Any] | None, app_id: int,
                       guild: int | None) -> dict[str, Any]:
    """What Discord echoes back: ids and version added, false ``required`` dropped."""

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
    reg.update(id=old["id"] if old else str(snowflake()), application_id=str(app_id),
               version=str(snowflake()), type=cmd.get("type", 1))
    reg.setdefault("default_member_permissions", None)
    reg.setdefault("nsfw", False)
    if guild is not None:
        reg["guild_id"] = str(guild)
    return reg


async def read_body(request: web.Request, files: dict[int, bytes], base_url: str) -> Any:
    """The JSON body; or, for a message with files (discord.py sends ``multipart/form-data``
    with ``payload_json`` and ``files[n]``), the payload with Discord's attachment objects
    in place of the ``{"id": n}`` placeholders, each file's bytes kept in ``files``."""
    if request.content_type != "multipart/form-data":
        raw = await request.read()
        return json.loads(raw) if raw else None
    payload: dict[str, Any] = {}
    uploads: dict[int, tuple[str, bytes]] = {}
    async for part in await request.multipart():
        if not isinstance(part, BodyPartReader):  # nested multipart: not Discord's
            continue
        if part.name == "payload_json":
            payload = json.loads(await part.text())
        elif part.name and (index := re.fullmatch(r"files\[(\d+)\]", part.name)):
            uploads[int(index.group(1))] = (part.filename or "file", bytes(await part.read()))
    # An interaction callback carries its message under "data" (Create Interaction Response
    # "supports file attachments similar to the webhook endpoints"; the callback data's
    # ``attachments`` are partial attachment objects: discord-api-docs,
    # developers/interactions/receiving-and-responding.mdx).
    message = payload["data"] if "type" in payload and isinstance(payload.get("data"), dict) \
        else payload
    placeholders = {int(a["id"]): a for a in message.get("attachments") or []
                    if str(a.get("id", "")).isdigit()}
    attachments = []
    for index, (filename, data) in sorted(uploads.items()):
        attachment_id = snowflake()
        files[attachment_id] = data
        attachments.append({
            "id": str(attachment_id), "filename": filename, "size": len(data),
            "url": f"{base_url}/attachments/{attachment_id}/{filename}",
            "proxy_url": f"{base_url}/attachments/{attachment_id}/{filename}",
            "content_type": "image/png" if filename.endswith(".png") else None,
            "description": placeholders.get(index, {}).get("description")})
    message["attachments"] = attachments
    return payload
