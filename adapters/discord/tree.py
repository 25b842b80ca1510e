"""The command tree: ``/debrief <subcommand> name:value …`` read straight from the interaction.

For an application command discord.py's ``CommandTree`` finds the command, builds a
``Namespace`` of its options, converts each one (Debrief's are all strings: nothing to
convert), runs the checks (Debrief has none), calls the subcommand's callback and then
dispatches ``app_command_completion`` (nobody listens): work in the path of every
acknowledgement that Debrief does not need (issue 14). So for Debrief's one command the
subcommand and its string options are read from the interaction's data
directly - a SUB_COMMAND option (type 1) holding STRING options (type 3): discord-api-docs,
developers/interactions/receiving-and-responding.mdx, "Application Command Data Structure"
and developers/interactions/application-commands.mdx, "Application Command Option Type" -
and handed to the same handler the callbacks call. Anything else (autocomplete, another
command, a shape not expected, a required option missing) goes through discord.py's own way,
which stays the registration (``sync``) too.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from adapters.discord.commands import COMMAND_NAME, CommandHandler
from bot.grammar import SUBCOMMANDS

__all__ = ["DebriefTree", "read_command"]

SUB_COMMAND = 1
STRING = 3

#: For each subcommand: its option names, and those it requires.
_OPTIONS = {spec.name: (frozenset(o.name for o in spec.options),
                        frozenset(o.name for o in spec.options if o.required))
            for spec in SUBCOMMANDS}


def read_command(interaction: discord.Interaction[Any]) -> tuple[str, dict[str, str]] | None:
    """``(subcommand, {option: value})`` of a ``/debrief`` command, blank values left out (as
    the callbacks do); None for anything this does not read (discord.py's way then)."""
    if interaction.type is not discord.InteractionType.application_command:
        return None
    data: dict[str, Any] = dict(interaction.data or {})
    subs = data.get("options")
    if data.get("name") != COMMAND_NAME or data.get("type", 1) != 1 or \
            not isinstance(subs, list) or len(subs) != 1:
        return None
    sub = subs[0]
    known = _OPTIONS.get(str(sub.get("name"))) if isinstance(sub, dict) else None
    if known is None or sub.get("type") != SUB_COMMAND:
        return None
    names, required = known
    given: dict[str, str] = {}
    seen: set[str] = set()
    for option in sub.get("options") or []:
        value = option.get("value") if isinstance(option, dict) else None
        if not isinstance(value, str) or option.get("type") != STRING or \
                option.get("name") not in names:
            return None
        seen.add(option["name"])
        if value.strip():
            given[option["name"]] = value
    if not required <= seen:
        return None
    return sub["name"], given


class DebriefTree(app_commands.CommandTree[Any]):
    def __init__(self, client: discord.Client, handler: CommandHandler) -> None:
        super().__init__(client)
        self.handler = handler

    async def _call(self, interaction: discord.Interaction[Any]) -> None:
        # Overrides discord.py's (private) dispatch of an interaction to its command; its
        # error handling is for what its own way raises, which this way does not use.
        command = read_command(interaction)
        if command is None:
            await super()._call(interaction)
            return
        await self.handler.command(interaction, *command)
