"""Discord callbacks: acknowledge within 3 seconds, translate, call the core, send replies.

Every interaction is acknowledged before the core runs (a "thinking" defer for commands, an
UPDATE_MESSAGE that disables the clicked message's buttons for components, or a modal),
because Discord drops interactions not answered within 3 seconds. The core's replies then
go out as follow-ups (see :mod:`adapters.discord.outbound`). Nothing here decides anything
the core could: each callback is translate -> ``conversation.handle`` -> send.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord

from adapters.discord.commands import timezone_suggestions
from adapters.discord.components import (
    ANSWER_INPUT_ID,
    ANSWER_MODAL_ID,
    INTERVIEW_FIELDS,
    INTERVIEW_MODAL_ID,
    AnswerModal,
    InterviewModal,
    modal_values,
)
from adapters.discord.markup import MessageNames, to_plain
from adapters.discord.outbound import InteractionReplier, send_to_channel
from adapters.discord.render import disabled_copy
from adapters.discord.translate import (
    identity_for,
    incoming_from_interaction,
    incoming_from_message,
)
from bot import copy
from bot.clock import SystemClock
from bot.ports import Clock, Conversation
from bot.values import AnswerKey, Command, Incoming, Reply

__all__ = ["ANSWER_TYPES", "DiscordHandlers"]

# discord-api-docs developers/resources/message.mdx, "Message Types": DEFAULT (0) and
# REPLY (19) are what a person types; the rest (6 pin, 7 join, 3 call …) are system notices.
ANSWER_TYPES = frozenset({discord.MessageType.default, discord.MessageType.reply})

log = logging.getLogger(__name__)


class DiscordHandlers:
    """Implements ``CommandHandler`` and ``ComponentHandler`` for the client."""

    def __init__(self, conversation: Conversation, *, max_concurrent_work: int = 16,
                 clock: Clock | None = None) -> None:
        self.conversation = conversation
        # The core's clock: DMs are stamped with it on arrival (Incoming.received_at).
        self.clock: Clock = clock or SystemClock()
        self.bot_user_id: int | None = None
        self.client: discord.Client | None = None  # for names in typed markup (caches only)
        self.session_up = asyncio.Event()  # set on READY / RESUMED (DiscordAdapter.start)
        # Acknowledging is never queued; the work after it is. Under a burst every
        # interaction is acknowledged first (Discord's 3-second limit) while at most this
        # many core calls and their follow-ups run at once (15 minutes are allowed for
        # those), which also keeps the database pool from being swamped.
        self._work = asyncio.Semaphore(max_concurrent_work)
        # Every job's deadline (DEBRIEF_JOB_DEADLINE; the adapter sets it from settings).
        self.job_deadline = 60.0

    async def _handle(self, incoming: Incoming) -> list[Reply]:
        try:
            return await self.conversation.handle(incoming)
        except Exception:
            log.exception("the core failed on a discord event from %s", incoming.identity)
            return [Reply(text=copy.TRY_AGAIN_LATER)]

    async def _run(self, interaction: discord.Interaction[Any], incoming: Incoming, *,
                   original_pending: bool) -> None:
        async with self._work:
            try:
                async with asyncio.timeout(self.job_deadline):
                    replies = await self._handle(incoming)
                    await InteractionReplier(interaction, original_pending=original_pending
                                             ).send(replies)
            except discord.HTTPException:
                log.exception("sending replies for interaction %s failed", interaction.id)
            except TimeoutError:
                log.warning("interaction %s ran past its %.0fs deadline; given up",
                            interaction.id, self.job_deadline)

    async def _defer(self, interaction: discord.Interaction[Any]) -> bool:
        try:
            await interaction.response.defer(ephemeral=interaction.guild_id is not None,
                                             thinking=True)
        except discord.HTTPException:
            log.warning("could not acknowledge interaction %s in time", interaction.id)
            return False
        return True

    # -- application commands ------------------------------------------------------------
    async def command(self, interaction: discord.Interaction[Any], name: str,
                      options: dict[str, str]) -> None:
        if name == "interview" and "company" not in options:
            await interaction.response.send_modal(
                InterviewModal(copy.INTERVIEW_FORM_TITLE, defaults=options))
            return
        if not await self._defer(interaction):
            return
        names = MessageNames(None, self.client)
        typed = {k: to_plain(v, names, keep_channel_links=True) for k, v in options.items()}
        command = Command(name, options=tuple(typed.items()))
        await self._run(interaction, incoming_from_interaction(interaction, command=command),
                        original_pending=True)

    async def suggest(self, interaction: discord.Interaction[Any], kind: str,
                      current: str) -> list[tuple[str, str]]:
        if kind == "timezone":
            return timezone_suggestions(current)
        if kind == "interview":
            try:
                pairs = await self.conversation.suggest_interviews(
                    identity_for(interaction.user), current)
            except Exception:
                log.exception("interview suggestions failed")
                return []
            return pairs
        return []

    # -- components ------------------------------------------------------------------------
    async def clicked(self, interaction: discord.Interaction[Any], text: str, *,
                      custom_id: str, picked: list[str] | None = None,
                      typed: bool = False) -> None:
        """A button or menu (its value may name the question it answers: AnswerKey), or
        ``typed`` text from the answer form."""
        key, text = (None, text) if typed else AnswerKey.unwrap(text)
        message = interaction.message
        try:
            if message is not None:
                await interaction.response.edit_message(
                    view=disabled_copy(message, clicked=custom_id, picked=picked))
            else:
                await interaction.response.defer(ephemeral=interaction.guild_id is not None,
                                                 thinking=True)
        except discord.HTTPException:
            log.warning("could not acknowledge click %s in time", interaction.id)
            return
        await self._run(interaction, incoming_from_interaction(interaction, text=text,
                                                               answer_key=key),
                        original_pending=message is None)

    async def answer_requested(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.send_modal(AnswerModal())

    # -- modals (by custom_id, so they work across restarts) -------------------------------
    async def interaction(self, interaction: discord.Interaction[Any]) -> None:
        """Every interaction passes here; only our modal submissions are handled."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        data: dict[str, Any] = dict(interaction.data or {})
        custom_id = data.get("custom_id")
        values = modal_values(data)
        if custom_id == ANSWER_MODAL_ID:
            await self.clicked(interaction, values.get(ANSWER_INPUT_ID, ""), custom_id="dbf:a",
                               typed=True)
        elif custom_id == INTERVIEW_MODAL_ID:
            options = {k: values[k].strip() for k in INTERVIEW_FIELDS
                       if values.get(k, "").strip()}
            if not await self._defer(interaction):
                return
            command = Command("interview", options=tuple(options.items()))
            await self._run(interaction, incoming_from_interaction(interaction, command=command),
                            original_pending=True)

    # -- DM messages -----------------------------------------------------------------------
    async def message(self, message: discord.Message) -> None:
        """A message typed in a DM with the bot. Servers' messages are none of our business
        (and without the message-content intent we could not read them anyway). Only what a
        person writes counts (:data:`ANSWER_TYPES`); pins, joins, calls and other system
        messages are ignored without a word."""
        if message.guild is not None or message.author.bot or \
                message.author.id == self.bot_user_id or message.type not in ANSWER_TYPES:
            return
        if not isinstance(message.channel, discord.DMChannel):
            return
        received = self.clock.now()  # before waiting for a slot: which question was open
        async with self._work:
            try:
                async with asyncio.timeout(self.job_deadline):
                    replies = await self._handle(incoming_from_message(
                        message, MessageNames(message, self.client), received_at=received))
                    await send_to_channel(message.channel, replies)
            except discord.HTTPException:
                log.exception("replying to a DM from %s failed", message.author.id)
            except TimeoutError:
                log.warning("a DM from %s ran past its %.0fs deadline; given up",
                            message.author.id, self.job_deadline)
