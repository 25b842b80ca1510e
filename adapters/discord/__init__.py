"""Debrief on Discord: the ``/debrief`` application command, the reflection in DMs with
buttons and modals, and nudges delivered as DMs.

Modules::

    client      the discord.py client: intents, endpoints, sharding, event wiring
    commands    /debrief built from bot.grammar.SUBCOMMANDS; sync only when changed
    handlers    callbacks: make durable, translate, call the core, answer or acknowledge
    pending     one interaction's first response: the answer itself, or a defer
    translate   Discord events -> Incoming (identity, admin check)
    render      Reply -> content, embed, discord.ui view (mentions defused)
    components  restart-proof buttons, select menu and modals (DynamicItem custom ids)
    outbound    where replies go (the callback, ephemeral follow-ups, DMs, closed-DM hint)
    gateway     the core's ChatGateway for nudges

Use::

    adapter = DiscordAdapter(settings, conversation)
    await adapter.start()          # logs in, syncs commands if needed, connects
    await adapter.gateway.deliver(user, reply)
    await adapter.stop()
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord

from adapters.discord.client import apply_endpoints, build_client, shard_count_from_env
from adapters.discord.gateway import DiscordChatGateway
from adapters.discord.handlers import DiscordHandlers
from adapters.discord.pending import ANSWER_BUDGET
from adapters.inbox import DurableInbox, InboxSettings
from adapters.lanes import PersonLanes
from adapters.observe import ApiObserver, api_trace
from adapters.settings import Settings
from bot.memory import memory_uow_factory
from bot.ports import Clock, Conversation, UnitOfWorkFactory

__all__ = ["DiscordAdapter", "DiscordChatGateway"]

log = logging.getLogger(__name__)

START_TIMEOUT = 60.0


class DiscordAdapter:
    """Owns the discord.py client for one process. ``start`` returns once the gateway
    session is up (READY received); the connection then runs in a background task that
    reconnects and resumes by itself."""

    def __init__(self, settings: Settings, conversation: Conversation, *,
                 shard_count: int | str | None = None, max_concurrent_work: int = 16,
                 api_observer: ApiObserver | None = None, clock: Clock | None = None,
                 uow: UnitOfWorkFactory | None = None,
                 inbox_settings: InboxSettings | None = None,
                 answer_budget: float = ANSWER_BUDGET) -> None:
        """``shard_count``: None (default) reads ``DISCORD_SHARD_COUNT``. At most
        ``max_concurrent_work`` core calls (with their follow-ups) run at once; acknowledging
        interactions is never held back by it. ``api_observer`` hears about every REST
        response (metrics). ``uow``: where the inbox lives (the database in ``debrief run``;
        without it, memory - not durable). ``answer_budget``: seconds a command's work may
        take to be answered in the interaction callback itself instead of after "thinking"
        (default 1 s; 0 acknowledges every command as soon as it is durable; see
        :mod:`adapters.discord.pending`)."""
        if not settings.discord_token:
            raise ValueError("DISCORD_TOKEN is not set")
        self.settings = settings
        self.handlers = DiscordHandlers(conversation, max_concurrent_work=max_concurrent_work,
                                        clock=clock)
        self.handlers.job_deadline = settings.job_deadline_seconds
        self.handlers.answer_budget = answer_budget
        # Interactions and DMs are made durable before they are acknowledged; each person's
        # run in order (adapters.lanes).
        self.lanes = PersonLanes(max_concurrent_work)
        self.inbox = DurableInbox(uow or memory_uow_factory(), "discord", self.lanes,
                                  performer=self.handlers.perform, settings=inbox_settings)
        self.handlers.inbox = self.inbox
        if shard_count is None:
            configured = settings.discord_shard_count
            shard_count = shard_count_from_env(
                {"DISCORD_SHARD_COUNT": str(configured)} if configured else None)
        trace = api_trace("discord", api_observer) if api_observer else None
        self.client: discord.Client = build_client(self.handlers, shard_count=shard_count,
                                                   http_trace=trace)
        self.gateway = DiscordChatGateway(self.client)
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        apply_endpoints(self.settings.discord_api_url, self.settings.discord_gateway_url)
        assert self.settings.discord_token is not None
        await self.client.login(self.settings.discord_token)
        self.inbox.start()
        if self.delivery_only:
            log.info("Discord: delivering nudges only (DISCORD_DELIVERY_ONLY), no gateway "
                     "session in this process")
            return
        self._task = asyncio.create_task(self.client.connect(), name="discord-gateway")
        waiter = asyncio.create_task(self.handlers.session_up.wait())
        done, _ = await asyncio.wait({self._task, waiter}, timeout=START_TIMEOUT,
                                     return_when=asyncio.FIRST_COMPLETED)
        if self._task in done:
            waiter.cancel()
            self._task.result()  # raises what stopped the connection (bad token, intents…)
            raise RuntimeError("the Discord connection ended while starting")
        if waiter not in done:
            waiter.cancel()
            log.warning("Discord gateway not up after %.0fs; still trying in the background",
                        START_TIMEOUT)

    async def idle(self, within: float | None = None) -> bool:
        """Wait until every received interaction and DM has been answered (tests)."""
        return await self.lanes.drain(within)

    async def stop(self) -> None:
        await self.lanes.close()
        await self.inbox.stop()
        await self.client.close()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self._task, 10)
            self._task = None

    @property
    def delivery_only(self) -> bool:
        """REST only: sends nudges (DMs need no gateway session), takes no events."""
        return self.settings.discord_delivery_only

    def connected(self) -> bool:
        client = self.client
        if self.delivery_only:
            return not client.is_closed() and client.user is not None
        if client.is_closed() or not self.handlers.session_up.is_set():
            return False
        if isinstance(client, discord.AutoShardedClient):
            return bool(client.shards) and all(not s.is_closed() for s in
                                               client.shards.values())
        return client.ws is not None and client.ws.open
