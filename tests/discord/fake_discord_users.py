"""The people using the fake Discord: what they do (commands, clicks, forms, DMs) and what
they see (the bot's messages, buttons and flags). Mixed into ``fake_discord.FakeDiscord``.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web
from fake_discord_model import LOADING, Call, FakeInteraction, FakeUser, snowflake

__all__ = ["ActingAsUsers"]


class ActingAsUsers:
    # Provided by FakeDiscord.
    app_id: int
    guild_id: int
    channel_id: int
    shard_count: int
    dm_channels: dict[int, int]
    users: dict[int, FakeUser]
    messages: dict[int, dict[str, Any]]
    sent: list[dict[str, Any]]
    interactions: dict[int, FakeInteraction]
    commands: dict[int | None, list[dict[str, Any]]]
    calls: list[Call]
    _by_token: dict[str, FakeInteraction]
    _sockets: dict[int, tuple[web.WebSocketResponse, Any]]

    async def wait_until(self, predicate: Callable[[], Any], wait_s: float = 5.0) -> Any:
        raise NotImplementedError

    def _message(self, channel_id: int, author: dict[str, Any], body: dict[str, Any], *,
                 flags: int = 0, webhook: bool = False, message_id: int | None = None
                 ) -> dict[str, Any]:
        raise NotImplementedError

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
                                int(data["channel_id"]), guild_id, message=data.get("message"),
                                payload=data)
        self.interactions[inter.id] = inter
        self._by_token[inter.token] = inter
        inter.pushed_at = time.perf_counter()
        await self.dispatch("INTERACTION_CREATE", data, shard=self._shard_for(guild_id))
        return inter

    async def redeliver(self, inter: FakeInteraction) -> None:
        """The same INTERACTION_CREATE again, as after a gateway resume."""
        await self.dispatch("INTERACTION_CREATE", inter.payload,
                            shard=self._shard_for(inter.guild_id))

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
        resolved = self._resolved(" ".join(options.values()), in_dm)
        if resolved:
            data["data"]["resolved"] = resolved
        return await self._push(data, user, None if in_dm else self.guild_id)

    def _resolved(self, text: str, in_dm: bool) -> dict[str, Any]:
        """A mention picked in a string option arrives as ``<@!id>`` (discord-api-docs issue
        #5173) with the user in ``data.resolved`` (discord.js issue #6728; shape:
        interactions/receiving-and-responding.mdx, "Resolved Data Structure")."""
        users = self.users
        resolved: dict[str, Any] = {}
        for user_id in dict.fromkeys(int(i) for i in re.findall(r"<@!?(\d+)>", text)):
            if user_id in users:
                resolved.setdefault("users", {})[str(user_id)] = users[user_id].payload
                if not in_dm:
                    member = users[user_id].member()
                    member.pop("user", None)  # partial member: no user, deaf, mute
                    member.pop("deaf", None)
                    member.pop("mute", None)
                    resolved.setdefault("members", {})[str(user_id)] = member
        return resolved

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

    async def click(self, user: FakeUser, message: dict[str, Any], label: str, *,
                    as_seen: bool = False) -> FakeInteraction:
        """Click the button whose label starts with (or else contains) ``label``,
        case-insensitively, on the latest version of ``message`` (``as_seen``: on the copy
        given, as a second screen or a double click before the update showed it)."""
        if not as_seen:
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

    async def send_dm(self, user: FakeUser, text: str, *,
                      attachments: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """The person types ``text`` in their DM with the bot. ``text`` is the content as
        Discord delivers it: a mention picked in the client is ``<@id>``, a channel
        ``<#id>``, a custom emoji ``<:name:id>`` (discord-api-docs reference.mdx, "Message
        Formatting"); ``mentions`` is filled in as Discord does."""
        channel = self.dm_channel(user)
        msg = self._message(channel, user.payload, {"content": text,
                                                     "attachments": attachments or []})
        await self.dispatch("MESSAGE_CREATE", msg)
        return msg

    async def reply_dm(self, user: FakeUser, to: dict[str, Any], text: str) -> dict[str, Any]:
        """The person uses "Reply" on one of the bot's DM messages: type 19 with a
        ``message_reference`` and the ``referenced_message`` (resources/message.mdx)."""
        channel = self.dm_channel(user)
        msg = self._message(channel, user.payload, {"content": text})
        msg["type"] = 19
        msg["message_reference"] = {"type": 0, "message_id": to["id"],
                                    "channel_id": str(channel)}
        msg["referenced_message"] = to
        await self.dispatch("MESSAGE_CREATE", msg)
        return msg

    async def system_message_in_dm(self, user: FakeUser, kind: int) -> dict[str, Any]:
        """A system message in the DM, authored by the person's action: 6 "pinned a
        message" (content empty, ``message_reference`` to the pin), 3 a call, 7 a join
        (resources/message.mdx, "Message Types")."""
        channel = self.dm_channel(user)
        msg = self._message(channel, user.payload, {"content": ""})
        msg["type"] = kind
        if kind == 6:
            pinned = next((m for m in reversed(self.sent)
                           if m["channel_id"] == str(channel)), None)
            if pinned is not None:
                msg["message_reference"] = {"type": 0, "message_id": pinned["id"],
                                            "channel_id": str(channel)}
        if kind == 3:
            msg["call"] = {"participants": [str(user.id)], "ended_timestamp": None}
        await self.dispatch("MESSAGE_CREATE", msg)
        return msg
