"""Discord events -> the core's :class:`~bot.values.Incoming`. Nothing else.

Identity: Discord user ids are global (the same person has the same id in every server and
in DMs), and a reflection started from a server continues in the DM. So every Discord user
lives in one workspace, ``"discord"``: ``Identity("discord", "discord", <user id>)``.
Keying by guild would split one person in two the moment they open their DM.

The server is still known where it matters: ``Incoming.community_id`` is the guild a command
came from (None in a DM), so an interview logged in a server counts in that server's
anonymous ``/debrief community`` figures.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import discord

from adapters.discord.markup import MessageNames, Names, to_plain
from bot.grammar import PREFIX
from bot.values import AnswerKey, Command, Identity, Incoming, Surface

__all__ = [
    "PLATFORM",
    "SURFACE",
    "WORKSPACE",
    "has_manage_server",
    "identity_for",
    "incoming_from_interaction",
    "incoming_from_message",
]

PLATFORM = "discord"
WORKSPACE = "discord"
# A channel written as <#id> shows as its current name and pings nobody (discord-api-docs
# developers/reference.mdx, "Message Formatting").
SURFACE = Surface(channel_link="<#{id}>")


def identity_for(user: discord.abc.User) -> Identity:
    return Identity(PLATFORM, WORKSPACE, str(user.id))


def has_manage_server(interaction: discord.Interaction[Any]) -> bool:
    """Admin-only actions need Discord's own *Manage Server* (or Administrator) in that guild.

    ``interaction.permissions`` is what Discord computed for the member in this channel, so
    roles, the owner and Administrator are already folded in. A DM has no server to manage.
    """
    if interaction.guild_id is None:
        return False
    permissions = interaction.permissions
    return permissions.manage_guild or permissions.administrator


def incoming_from_interaction(interaction: discord.Interaction[Any], *, text: str = "",
                              command: Command | None = None,
                              answer_key: AnswerKey | None = None) -> Incoming:
    return Incoming(
        identity=identity_for(interaction.user), text=text, command=command,
        in_dm=interaction.guild_id is None,
        channel_id=str(interaction.channel_id) if interaction.channel_id else None,
        display_name=_profile_name(interaction.user), is_admin=has_manage_server(interaction),
        community_id=str(interaction.guild_id) if interaction.guild_id else None,
        answer_key=answer_key, surface=SURFACE)


def incoming_from_message(message: discord.Message, names: Names | None = None, *,
                          received_at: datetime | None = None) -> Incoming:
    """A message typed in the DM with the bot (server messages never reach the core), its
    mentions, channels, emoji and timestamps as the words the person saw (``markup``)."""
    content = message.content
    # "/debrief …" typed as a message is a command: its channel links stay links.
    text = to_plain(content, names or MessageNames(message, None),
                    keep_channel_links=content.lstrip().startswith(PREFIX))
    return Incoming(identity=identity_for(message.author), text=text, in_dm=True,
                    channel_id=str(message.channel.id),
                    display_name=_profile_name(message.author), received_at=received_at,
                    surface=SURFACE)


def _profile_name(user: discord.User | discord.Member) -> str:
    """The global name (null for some accounts), else the username; not a server nickname,
    which is often decorated. The core never signs with a handle-like name."""
    return user.global_name or user.name
