"""The discord.py client Debrief runs: intents, endpoints, sharding, and event wiring.

Intents: ``guilds`` (slash commands and channels in servers) and ``dm_messages`` (typed
answers in the DM). No privileged intent: Discord delivers message content in DMs without
``message_content``, and Debrief never reads server messages, members or presence.

Endpoints: ``DISCORD_API_URL`` and ``DISCORD_GATEWAY_URL`` replace discord.py's class-level
defaults (:func:`apply_endpoints`), which every REST route, interaction webhook and gateway
(re)connect reads - so a proxy or a test server sees all traffic.

Sharding: ``DISCORD_SHARD_COUNT`` unset -> one connection (``discord.Client``); ``auto`` ->
``AutoShardedClient`` with Discord's recommended count; a number -> that many shards.
"""

from __future__ import annotations

import os
from typing import Any

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord.commands import build_group, sync_if_changed
from adapters.discord.components import AnswerButton, ChoiceButton, ChoiceSelect
from adapters.discord.handlers import DiscordHandlers
from adapters.discord.render import NO_MENTIONS
from adapters.discord.tree import DebriefTree

__all__ = ["DebriefClient", "DebriefShardedClient", "apply_endpoints", "build_client",
           "intents", "shard_count_from_env"]

SHARD_COUNT_ENV = "DISCORD_SHARD_COUNT"
MAX_RATE_LIMIT_WAIT = 30.0


def intents() -> discord.Intents:
    return discord.Intents(guilds=True, dm_messages=True)


def apply_endpoints(api_url: str | None, gateway_url: str | None) -> None:
    """Point discord.py at ``api_url`` / ``gateway_url`` (process-wide: class attributes)."""
    if api_url:
        Route.BASE = api_url.rstrip("/")
    if gateway_url:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


def shard_count_from_env(environ: dict[str, str] | None = None) -> int | str | None:
    """``None`` (no sharding), ``"auto"``, or a shard count. Anything else is an error."""
    raw = (environ if environ is not None else os.environ).get(SHARD_COUNT_ENV, "").strip()
    if not raw:
        return None
    if raw.lower() == "auto":
        return "auto"
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    raise ValueError(f"{SHARD_COUNT_ENV} must be 'auto' or a positive number, not {raw!r}")


class _Debrief:
    """Event wiring shared by the plain and the sharded client."""

    debrief: DiscordHandlers
    tree: app_commands.CommandTree[Any]
    synced: bool | None

    def _wire(self, handlers: DiscordHandlers) -> None:
        self.debrief = handlers
        handlers.client = self  # type: ignore[assignment]
        self.synced = None
        self.tree = DebriefTree(self, handlers)  # type: ignore[arg-type]
        self.tree.add_command(build_group(handlers))

    async def setup_hook(self) -> None:
        client: discord.Client = self  # type: ignore[assignment]
        client.add_dynamic_items(ChoiceButton, ChoiceSelect, AnswerButton)
        if client.user is not None:
            self.debrief.bot_user_id = client.user.id
        self.synced = await sync_if_changed(self.tree, client)

    async def on_message(self, message: discord.Message) -> None:
        await self.debrief.message(message)

    async def on_connect(self) -> None:
        self.debrief.session_up.set()

    async def on_resumed(self) -> None:
        self.debrief.session_up.set()

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        await self.debrief.interaction(interaction)

    def dispatch(self, event: str, /, *args: Any, **kwargs: Any) -> None:
        # Of every interaction, only a modal's submission is on_interaction's business
        # (DiscordHandlers.interaction); for the rest discord.py would start a task that
        # returns at once, ~5 % of the CPU of a burst of commands (issue 14). Commands go
        # to the tree and clicks to their dynamic items either way (discord.state's
        # parse_interaction_create, beside this event).
        if event == "interaction" and args and \
                getattr(args[0], "type", None) is not discord.InteractionType.modal_submit:
            return
        super().dispatch(event, *args, **kwargs)  # type: ignore[misc]


class DebriefClient(_Debrief, discord.Client):
    def __init__(self, handlers: DiscordHandlers, **options: Any) -> None:
        super().__init__(**options)
        self._wire(handlers)


class DebriefShardedClient(_Debrief, discord.AutoShardedClient):
    def __init__(self, handlers: DiscordHandlers, **options: Any) -> None:
        super().__init__(**options)
        self._wire(handlers)


def build_client(handlers: DiscordHandlers, *, shard_count: int | str | None = None,
                 http_trace: aiohttp.TraceConfig | None = None) -> discord.Client:
    """``http_trace`` sees every REST call (:func:`adapters.observe.api_trace`)."""
    options: dict[str, Any] = {
        "intents": intents(), "allowed_mentions": NO_MENTIONS,
        "chunk_guilds_at_startup": False, "member_cache_flags": discord.MemberCacheFlags.none(),
        "max_messages": None,
        # A 429 asking us to wait longer than this raises instead of sleeping, so one send
        # (a nudge holding a 120 s dispatcher lease) never waits unboundedly; the gateway
        # turns it into a retryable error carrying Discord's retry_after.
        "max_ratelimit_timeout": MAX_RATE_LIMIT_WAIT,
        "http_trace": http_trace,
    }
    if shard_count is None:
        return DebriefClient(handlers, **options)
    if isinstance(shard_count, int):
        options["shard_count"] = shard_count
    return DebriefShardedClient(handlers, **options)
