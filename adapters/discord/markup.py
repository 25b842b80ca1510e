"""Discord's markup in what a person typed -> the plain words they saw.

Formats, from discord-api-docs ``developers/reference.mdx`` ("Message Formatting"): users
``<@ID>`` (and the deprecated ``<@!ID>``), channels ``<#ID>``, roles ``<@&ID>``, slash
commands ``</NAME SUB:ID>``, custom emoji ``<:NAME:ID>`` and ``<a:NAME:ID>``, timestamps
``<t:SECONDS>`` and ``<t:SECONDS:STYLE>``; a link typed as ``<https://…>`` (no preview)
and a masked link ``[label](https://…)``.

:func:`to_plain` gives the name a Discord client shows: a user's display name (global name,
else username), ``#channel-name``, ``@role name``, ``:emoji:``, ``/command``, the time
written out (in UTC, since the adapter does not know the reader's zone; relative styles are
written as the date, which stays true when the answer is read again later), the link's
label or address. Names come from :class:`Names` (the message's own ``mentions`` array, which
Discord includes with every message, then the client's caches, guild members included);
what cannot be named gets a neutral word from the core's copy ("someone"), never an id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

import discord

from bot import copy

__all__ = ["MessageNames", "Names", "to_plain"]

_TOKEN = re.compile(
    r"<(?:(?P<user>@!?)(?P<uid>\d+)"
    r"|@&(?P<role>\d+)"
    r"|#(?P<channel>\d+)"
    r"|/(?P<command>[^:<>\n]+):\d+"
    r"|a?:(?P<emoji>\w+):\d+"
    r"|t:(?P<stamp>-?\d+)(?::(?P<style>[tTdDfFsSR]))?"
    r"|(?P<url>https?://[^\s<>]+))>"
    r"|\[(?P<label>[^\]\n]+)\]\(<?(?P<target>https?://[^\s()<>]+)>?\)"
)

# discord-api-docs, "Timestamp Styles", as numbers and names only (written in UTC here;
# any words around them belong to the core's copy, and there are none).
_STYLES = {
    "t": "%H:%M", "T": "%H:%M:%S", "d": "%d/%m/%Y", "D": "{month} {day}, %Y",
    "f": "{month} {day}, %Y %H:%M", "F": "%A, {month} {day}, %Y %H:%M",
    "s": "%d/%m/%Y, %H:%M", "S": "%d/%m/%Y, %H:%M:%S", "R": "{month} {day}, %Y %H:%M",
}
_DATE_ONLY = {"d", "D"}


class Names(Protocol):
    def user_name(self, user_id: int) -> str | None: ...

    def channel_name(self, channel_id: int) -> str | None: ...

    def role_name(self, role_id: int) -> str | None: ...


def to_plain(content: str, names: Names, *, keep_channel_links: bool = False) -> str:
    """``keep_channel_links``: leave ``<#id>`` for command options, where a channel is an
    argument the core reads by id."""

    def plain(match: re.Match[str]) -> str:
        if match.group("uid"):
            return names.user_name(int(match.group("uid"))) or copy.MENTION_SOMEONE
        if match.group("role"):
            role = names.role_name(int(match.group("role")))
            return f"@{role}" if role else copy.MENTION_A_ROLE
        if match.group("channel"):
            if keep_channel_links:
                return match.group(0)
            channel = names.channel_name(int(match.group("channel")))
            return f"#{channel}" if channel else copy.MENTION_A_CHANNEL
        if match.group("command"):
            return "/" + match.group("command")
        if match.group("emoji"):
            return f":{match.group('emoji')}:"
        if match.group("stamp"):
            return _timestamp(int(match.group("stamp")), match.group("style") or "f") \
                or match.group(0)
        if match.group("url"):
            return match.group("url")
        return match.group("label")

    return _TOKEN.sub(plain, content)


def _timestamp(seconds: int, style: str) -> str:
    try:
        at = datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return ""
    text = at.strftime(_STYLES[style].format(month=at.strftime("%B"), day=at.day))
    return text if style in _DATE_ONLY else f"{text} UTC"


def _name(user: discord.abc.User) -> str:
    # ``display_name`` is the global name, or the username when Discord sends
    # ``global_name: null`` (users who never set one, and bots).
    return user.global_name or user.name


class MessageNames:
    """:class:`Names` for one message: its ``mentions`` array first (Discord resolves the
    users it mentions, in DMs too), then what the client has cached (the servers it is in,
    their channels and roles, users it has seen). Nothing is fetched: a name is a nicety,
    and the answer is kept either way. Without a message (command options) only the
    caches are asked."""

    def __init__(self, message: discord.Message | None, client: discord.Client | None,
                 *, resolved: Mapping[str, Any] | None = None) -> None:
        """``resolved``: an interaction's ``data.resolved`` (discord-api-docs
        interactions/receiving-and-responding.mdx, "Resolved Data Structure"), which Discord
        fills for the mentions in a command's string options too."""
        self._message = message
        self._client = client
        self._resolved = resolved or {}

    def _from_resolved(self, kind: str, key: int) -> Mapping[str, Any]:
        found = (self._resolved.get(kind) or {}).get(str(key))
        return found if isinstance(found, Mapping) else {}

    def user_name(self, user_id: int) -> str | None:
        """The name a Discord client shows for ``<@id>`` / ``<@!id>`` (the ``!`` form is
        deprecated and "should be handled like any other user mention": discord-api-docs
        developers/reference.mdx, "Message Formatting").

        In order: the interaction's ``resolved`` user; the message's ``mentions`` array
        ("users specifically mentioned in the message", developers/resources/message.mdx,
        and MESSAGE_CREATE in developers/events/gateway-events.mdx); then what the client
        has cached, without asking Discord: a user it has seen, else a member of a server
        it shares with them (the guild member cache). Debrief does not ask for the
        privileged members intent (client.intents), so those caches hold few people: the
        ``mentions`` array is what names them in practice, and an id it leaves out is
        usually no one's. Always the person's own name (global name, else username), never
        a server nickname, which is often decorated and belongs to one server (as
        ``translate._profile_name``). None when nothing here knows them: the caller
        writes a neutral word ("someone")."""
        payload = self._from_resolved("users", user_id)
        name = payload.get("global_name") or payload.get("username")
        if name:
            return str(name)
        for user in self._message.mentions if self._message is not None else ():
            if user.id == user_id:
                return _name(user)
        client = self._client
        if client is None:
            return None
        cached = client.get_user(user_id)
        if cached is not None:
            return _name(cached)
        for other in client.guilds:
            if (seen := other.get_member(user_id)) is not None:
                return _name(seen)
        return None

    def channel_name(self, channel_id: int) -> str | None:
        if name := self._from_resolved("channels", channel_id).get("name"):
            return str(name)
        for channel in self._message.channel_mentions if self._message is not None else ():
            if channel.id == channel_id:
                return channel.name
        found = self._client.get_channel(channel_id) if self._client is not None else None
        name = getattr(found, "name", None)
        return str(name) if name else None

    def role_name(self, role_id: int) -> str | None:
        if name := self._from_resolved("roles", role_id).get("name"):
            return str(name)
        for role in self._message.role_mentions if self._message is not None else ():
            if role.id == role_id:
                return role.name
        for guild in self._client.guilds if self._client is not None else ():
            found = guild.get_role(role_id)
            if found is not None:
                return found.name
        return None
