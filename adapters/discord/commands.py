"""The ``/debrief`` application command, built from :data:`bot.grammar.SUBCOMMANDS`.

One command group, one subcommand per grammar entry, each option a typed, described string
option (choices where the grammar lists them; autocomplete for interviews and timezones).
Nothing here is written by hand per subcommand, so the grammar stays the single source.

Syncing: Discord rate-limits command registration, and a bulk PUT on every restart is the
classic way to hit it. :func:`sync_if_changed` fetches what Discord has, compares it with
the local payload in a canonical form, and PUTs only when they differ.
"""

from __future__ import annotations

import inspect
import json
import logging
from collections.abc import Awaitable, Callable
from functools import lru_cache
from typing import Any, Protocol
from zoneinfo import available_timezones

import discord
from discord import app_commands

from bot import copy
from bot.grammar import SUBCOMMANDS, OptionSpec, SubcommandSpec

__all__ = [
    "COMMAND_NAME",
    "CommandHandler",
    "build_group",
    "canonical",
    "sync_if_changed",
    "timezone_suggestions",
]

log = logging.getLogger(__name__)

COMMAND_NAME = "debrief"
COMMAND_DESCRIPTION = copy.COMMAND_DESCRIPTION
MAX_SUGGESTIONS = 25

OptionValue = str | None


class CommandHandler(Protocol):
    async def command(self, interaction: discord.Interaction[Any], name: str,
                      options: dict[str, str]) -> None: ...

    async def suggest(self, interaction: discord.Interaction[Any], kind: str,
                      current: str) -> list[tuple[str, str]]: ...


def _choice_name(value: str) -> str:
    return value.replace("_", " ")


def _subcommand(spec: SubcommandSpec, handler: CommandHandler
                ) -> app_commands.Command[Any, ..., None]:
    async def run(interaction: discord.Interaction[Any], **options: OptionValue) -> None:
        given = {k: v for k, v in options.items() if v is not None and v.strip()}
        await handler.command(interaction, spec.name, given)

    params = [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                annotation=discord.Interaction)]
    for option in spec.options:
        params.append(inspect.Parameter(
            option.name, inspect.Parameter.KEYWORD_ONLY,
            default=inspect.Parameter.empty if option.required else None,
            annotation=str if option.required else OptionValue))
    # discord.py reads the options from the callback's signature and these attributes (what
    # its @describe / @choices / @autocomplete decorators set), so we set them from the spec.
    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__discord_app_commands_param_description__ = {  # type: ignore[attr-defined]
        o.name: o.description for o in spec.options}
    run.__discord_app_commands_param_choices__ = {  # type: ignore[attr-defined]
        o.name: [app_commands.Choice(name=_choice_name(c), value=c) for c in o.choices]
        for o in spec.options if o.choices}
    run.__discord_app_commands_param_autocomplete__ = {  # type: ignore[attr-defined]
        o.name: _autocomplete(o, handler) for o in spec.options
        if o.autocomplete and not o.choices}
    return app_commands.Command(name=spec.name, description=spec.description[:100],
                                callback=run)


def _autocomplete(option: OptionSpec, handler: CommandHandler
                  ) -> Callable[[discord.Interaction[Any], str],
                                Awaitable[list[app_commands.Choice[str]]]]:
    kind = option.autocomplete or ""

    async def complete(interaction: discord.Interaction[Any], current: str
                       ) -> list[app_commands.Choice[str]]:
        pairs = await handler.suggest(interaction, kind, current)
        return [app_commands.Choice(name=label[:100], value=value[:100])
                for label, value in pairs[:MAX_SUGGESTIONS]]

    return complete


def build_group(handler: CommandHandler) -> app_commands.Group:
    group = app_commands.Group(
        name=COMMAND_NAME, description=COMMAND_DESCRIPTION,
        allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=True),
        allowed_installs=app_commands.AppInstallationType(guild=True))
    for spec in SUBCOMMANDS:
        group.add_command(_subcommand(spec, handler))
    return group


@lru_cache(maxsize=1)
def _zones() -> tuple[str, ...]:
    return tuple(sorted(z for z in available_timezones() if "/" in z or z == "UTC"))


def timezone_suggestions(current: str) -> list[tuple[str, str]]:
    """IANA zones containing ``current`` (prefix matches first), at most 25."""
    wanted = current.strip().replace(" ", "_").casefold()
    starts = [z for z in _zones() if z.casefold().startswith(wanted)
              or z.split("/")[-1].casefold().startswith(wanted)]
    contains = [z for z in _zones() if wanted in z.casefold() and z not in starts]
    return [(z, z) for z in (starts + contains)[:MAX_SUGGESTIONS]]


# -- syncing -----------------------------------------------------------------------------

_DEFAULTS: dict[str, Any] = {
    "type": 1, "required": False, "autocomplete": False, "nsfw": False,
    "default_member_permissions": None, "options": [], "choices": [],
    "name_localizations": None, "description_localizations": None,
    "contexts": None, "integration_types": None, "min_length": None, "max_length": None,
    "min_value": None, "max_value": None, "channel_types": [],
}
_IGNORED = {"id", "application_id", "version", "guild_id", "dm_permission", "handler"}


def canonical(payload: Any) -> Any:
    """A command payload with what Discord adds or leaves out normalised away: ids and
    versions dropped, defaults (``required: false``, empty lists, nulls) removed, sets
    sorted. Two payloads are the same registration iff their canonical forms are equal."""
    if isinstance(payload, list):
        return [canonical(item) for item in payload]
    if not isinstance(payload, dict):
        return payload
    out = {}
    for key, value in payload.items():
        if key in _IGNORED or value in (None, {}) or (key in _DEFAULTS and
                                                      value == _DEFAULTS[key]):
            continue
        if key in ("contexts", "integration_types"):
            value = sorted(value)
        out[key] = canonical(value)
    return out


def _fingerprint(payload: Any) -> str:
    return json.dumps(canonical(payload), sort_keys=True)


async def sync_if_changed(tree: app_commands.CommandTree[Any], client: discord.Client,
                          *, guild: discord.abc.Snowflake | None = None) -> bool:
    """PUT the commands only if Discord's copy differs; returns whether it synced."""
    local = [cmd.to_dict(tree) for cmd in tree.get_commands(guild=guild)]
    app_id = client.application_id
    assert app_id is not None, "call after login"
    if guild is None:
        remote = await client.http.get_global_commands(app_id)
    else:
        remote = await client.http.get_guild_commands(app_id, guild.id)
    if _fingerprint(local) == _fingerprint(remote):
        log.info("discord commands unchanged (%d); not syncing", len(local))
        return False
    await tree.sync(guild=guild)
    log.info("discord commands synced (%d)", len(local))
    return True
