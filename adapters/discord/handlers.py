"""Discord callbacks: answer within 3 seconds, translate, call the core, send replies.

Every interaction is first made durable (the inbox, keyed by the interaction's id, see
:mod:`adapters.inbox` and :mod:`adapters.discord.durable`) before anything is sent to
Discord, which drops interactions not answered within 3 seconds. A command or form whose
work is done within the answer budget (:mod:`adapters.discord.pending`) is answered in the
interaction callback itself (CHANNEL_MESSAGE_WITH_SOURCE, one request); slower work, or work
behind a backlog, is acknowledged with a "thinking" defer and its answer edited in later.
In a crowd (more than :data:`adapters.lanes.CROWDED` acknowledgements on their way) all
work waits for the acknowledgements, as on Slack. A click is acknowledged
at once with an UPDATE_MESSAGE that disables the clicked message's buttons. An interaction
that cannot be made durable is not acknowledged (Discord tells the person it failed); one
already received runs nothing. Further replies go out as follow-ups (see
:mod:`adapters.discord.outbound`); work whose interaction could not be answered (its callback
failed, or it was taken over after a crash) answers in the person's DM. DMs typed to the bot
are made durable the same way (by message id).
Nothing here decides anything the core could: each callback is translate ->
``conversation.handle`` -> send.
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
from adapters.discord.durable import incoming_from_json, incoming_to_json
from adapters.discord.markup import MessageNames, to_plain
from adapters.discord.outbound import (
    InteractionReplier,
    NotAnswered,
    send_dm,
    send_to_channel,
)
from adapters.discord.pending import ACKED, ANSWER_BUDGET, WAITING, Pending
from adapters.discord.render import disabled_copy
from adapters.discord.translate import (
    identity_for,
    incoming_from_interaction,
    incoming_from_message,
)
from adapters.inbox import Accepted, DurableInbox, InboxUnavailable
from adapters.lanes import CROWDED, AckFirst
from bot import copy
from bot.clock import SystemClock
from bot.ports import Clock, Conversation
from bot.values import AnswerKey, Command, Incoming, Reply

__all__ = ["ANSWER_TYPES", "DiscordHandlers"]

# discord-api-docs developers/resources/message.mdx, "Message Types": DEFAULT (0) and
# REPLY (19) are what a person types; the rest (6 pin, 7 join, 3 call …) are system notices.
ANSWER_TYPES = frozenset({discord.MessageType.default, discord.MessageType.reply})

log = logging.getLogger(__name__)

#: A request arriving while this many others await their first response is acknowledged at
#: once, and so are those still waiting for their work: a burst's work would compete with
#: its acknowledgements (Discord's 3 seconds).
ANSWER_ALONGSIDE = 4


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
        # ... and the work's requests give way while acknowledgements are on their way.
        self.acks = AckFirst(crowded=CROWDED)
        # Every job's deadline (DEBRIEF_JOB_DEADLINE; the adapter sets it from settings).
        self.job_deadline = 60.0
        # Where interactions and DMs are made durable first (set by the adapter; None runs
        # them without it), and the live objects of the ones received here, by inbox key:
        # the interaction or DM channel to answer, and whether the acknowledgement worked.
        self.inbox: DurableInbox | None = None
        self._live: dict[str, Pending] = {}
        # Work may answer in the callback itself within this many seconds (pending.py) if
        # it could start at once: fewer than ANSWER_ALONGSIDE other requests awaiting their
        # first response when it arrived, the person's lane empty and the process not
        # behind (the inbox's ``eager``). Otherwise (a burst, or the person's earlier
        # request still running) the acknowledgement goes at once.
        self.answer_budget = ANSWER_BUDGET
        self._arriving = 0  # requests between arrival and their first response
        self._waiting: set[Pending] = set()  # of those, the ones waiting for their work

    async def _durably(self, key: str, kind: str, incoming: Incoming, target: Any, *,
                       original_pending: bool = False, ack: Any = None,
                       answer: bool = False) -> None:
        """Make the request durable and let the inbox run it (:meth:`perform`); acknowledge
        it with ``ack`` (an async callable returning whether that worked) at once, or, with
        ``answer``, only if its work does not answer in the callback within the budget."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        if self.inbox is None:
            live = Pending(target, original_pending=original_pending, waiting=False)
            with self.acks.acknowledging():
                live.acked.set_result(await ack() if ack is not None else True)
            await self._answer(kind, incoming, live)
            return
        if self._arriving >= ANSWER_ALONGSIDE:  # a burst: acknowledgements first, all
            for waiting in list(self._waiting):
                waiting.stop_waiting()
        live = Pending(target, original_pending=original_pending,
                       waiting=answer and self._arriving < ANSWER_ALONGSIDE)
        # Other work's requests give way until this one is answered or acknowledged (its
        # own work, answering in the callback, does not wait for that: see _run).
        self._arriving += 1
        try:
            unrecorded = await self._first_response(key, kind, incoming, live, ack, started)
        finally:
            self._arriving -= 1
        if unrecorded:
            await self._answer(kind, incoming, live)

    async def _first_response(self, key: str, kind: str, incoming: Incoming, live: Pending,
                              ack: Any, started: float) -> bool:
        """The inbox write, then the answer in the callback or the acknowledgement. True:
        a DM the inbox could not take, to be answered without it."""
        assert self.inbox is not None
        with self.acks.acknowledging():
            fresh = await self._accept(key, kind, incoming, live)
            if fresh is None:
                return True
            if fresh is Accepted.STARTED:
                self._waiting.add(live)
                try:
                    if await live.answered_within(
                            started + self.answer_budget - asyncio.get_running_loop().time()):
                        return False  # the work answers in the callback
                finally:
                    self._waiting.discard(live)
            if fresh:
                live.mode = ACKED  # the work had not claimed the callback
                live.acked.set_result(await ack() if ack is not None else True)
        return False

    async def _accept(self, key: str, kind: str, incoming: Incoming, live: Pending
                      ) -> Accepted | None:
        """The inbox write. Queued or started (waiting for the callback: at once if it
        can): its work runs; false: already received, or not durable (not acknowledged:
        Discord tells the person it failed); None: a DM the inbox refused, to be answered
        anyway (a gateway event cannot be refused)."""
        assert self.inbox is not None
        if key in self._live:  # the same interaction delivered twice, still in flight
            return Accepted.KNOWN
        self._live[key] = live
        try:
            fresh = await self.inbox.accept(key, str(incoming.identity), kind,
                                            {"key": key, "incoming": incoming_to_json(incoming)},
                                            eager=live.mode == WAITING)
        except InboxUnavailable:
            self._live.pop(key, None)
            if kind == "message":
                live.acked.set_result(True)
                return None
            return Accepted.KNOWN
        if not fresh:
            self._live.pop(key, None)
        return fresh

    async def perform(self, kind: str, payload: dict[str, Any]) -> None:
        """The inbox's performer: answer where the person is waiting if this process
        received the request, else (taken over after a crash) in their DM."""
        incoming = incoming_from_json(payload["incoming"])
        live = self._live.pop(str(payload.get("key")), None)
        if live is None:
            await self._answer_in_dm(kind, incoming)
            return
        await self._answer(kind, incoming, live)

    async def _answer(self, kind: str, incoming: Incoming, live: Pending) -> None:
        if kind != "message":
            await self._run(kind, live, incoming)
        elif await live.acked:
            await self._reply_in_channel(live.target, incoming)

    async def _answer_in_dm(self, kind: str, incoming: Incoming,
                            replies: list[Reply] | None = None) -> None:
        """Work whose interaction cannot be answered: the core's ``replies`` (run now if
        None) go to the person's DM (a DM's reply to its channel)."""
        client = self.client
        if client is None:
            return
        try:
            async with asyncio.timeout(self.job_deadline):
                if replies is None:
                    replies = await self._handle(incoming)
                if kind == "message" and incoming.channel_id:
                    channel = client.get_partial_messageable(int(incoming.channel_id))
                    await send_to_channel(channel, replies)
                    return
                uid = int(incoming.identity.user_id)
                user = client.get_user(uid) or await client.fetch_user(uid)
                for reply in replies:
                    await send_dm(user, reply)
        except (discord.HTTPException, TimeoutError) as exc:
            log.warning("answering a %s for %s in the DM failed (%s)", kind,
                        incoming.identity, type(exc).__name__)

    async def _handle(self, incoming: Incoming) -> list[Reply]:
        try:
            return await self.conversation.handle(incoming)
        except Exception:
            log.exception("the core failed on a discord event from %s", incoming.identity)
            return [Reply(text=copy.TRY_AGAIN_LATER)]

    async def _run(self, kind: str, live: Pending, incoming: Incoming) -> None:
        interaction: discord.Interaction[Any] = live.target
        replies: list[Reply] | None = None
        async with self._work:
            try:
                async with asyncio.timeout(self.job_deadline):
                    if live.mode != WAITING:  # else this work is the acknowledgement
                        await self.acks.give_way()
                    if live.mode == ACKED and not await live.acked:
                        return  # Discord told the person it failed; they will try again
                    replies = await self._handle(incoming)
                    replier = InteractionReplier(
                        interaction, original_pending=live.original_pending,
                        give_way=self.acks.give_way,
                        respond=self.acks.acknowledging if live.claim() else None)
                    if live.mode == ACKED and not await live.acked:
                        raise NotAnswered("the acknowledgement failed")
                    await replier.send(replies)
            except NotAnswered as exc:
                log.warning("interaction %s could not be answered (%s); its replies go to "
                            "the DM", interaction.id, exc)
            except discord.HTTPException:
                log.exception("sending replies for interaction %s failed", interaction.id)
                return
            except TimeoutError:
                log.warning("interaction %s ran past its %.0fs deadline; given up",
                            interaction.id, self.job_deadline)
                return
            else:
                return
        await self._answer_in_dm(kind, incoming, replies)

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
        data: dict[str, Any] = dict(interaction.data or {})
        resolved = data.get("resolved")
        names = MessageNames(None, self.client,
                             resolved=resolved if isinstance(resolved, dict) else None)
        typed = {k: to_plain(v, names, keep_channel_links=True) for k, v in options.items()}
        command = Command(name, options=tuple(typed.items()))
        await self._durably(f"interaction:{interaction.id}", "command",
                            incoming_from_interaction(interaction, command=command), interaction,
                            original_pending=True, ack=lambda: self._defer(interaction),
                            answer=True)

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

        async def acknowledge() -> bool:
            try:
                if message is not None:
                    await interaction.response.edit_message(
                        view=disabled_copy(message, clicked=custom_id, picked=picked))
                else:
                    await interaction.response.defer(
                        ephemeral=interaction.guild_id is not None, thinking=True)
            except discord.HTTPException:
                log.warning("could not acknowledge click %s in time", interaction.id)
                return False
            return True

        await self._durably(f"interaction:{interaction.id}", "click",
                            incoming_from_interaction(interaction, text=text, answer_key=key),
                            interaction, original_pending=message is None, ack=acknowledge,
                            answer=message is None)

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
            command = Command("interview", options=tuple(options.items()))
            await self._durably(f"interaction:{interaction.id}", "form",
                                incoming_from_interaction(interaction, command=command),
                                interaction, original_pending=True,
                                ack=lambda: self._defer(interaction), answer=True)

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
        incoming = incoming_from_message(message, MessageNames(message, self.client),
                                         received_at=received)
        await self._durably(f"message:{message.id}", "message", incoming, message.channel)

    async def _reply_in_channel(self, channel: Any, incoming: Incoming) -> None:
        async with self._work:
            try:
                async with asyncio.timeout(self.job_deadline):
                    await self.acks.give_way()
                    replies = await self._handle(incoming)
                    await send_to_channel(channel, replies, self.acks.give_way)
            except discord.HTTPException:
                log.exception("replying to a DM from %s failed", incoming.identity)
            except TimeoutError:
                log.warning("a DM from %s ran past its %.0fs deadline; given up",
                            incoming.identity, self.job_deadline)
