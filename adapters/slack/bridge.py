"""What every listener needs: who is speaking, the core, and a way to answer.

Listeners stay translation-only: they check who is speaking, make the request durable
with :meth:`Bridge.accept` (the inbox, keyed by Slack's own id for it) and only then
acknowledge; the work runs later through the performer registered for the request's kind
(:meth:`Bridge.performs`), here or - after a crash - in any replica. The work builds an
:class:`~bot.values.Incoming` here and hands the core's replies to the outbox.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from slack_bolt.async_app import AsyncBoltContext

from adapters.inbox import Accepted, DurableInbox
from adapters.lanes import Job, PersonLanes
from adapters.slack.directory import PeopleDirectory, TTLCache
from adapters.slack.inline import InlineAnswer
from adapters.slack.mrkdwn import ChannelNames, SlackNames, to_plain
from adapters.slack.outbox import Origin, ReplyOutbox
from bot import copy
from bot.clock import SystemClock
from bot.ports import Clock, Conversation
from bot.values import AnswerKey, Command, Identity, Incoming, Reply

__all__ = ["PLATFORM", "Bridge", "SlackPerformer", "identity_of", "request_key", "team_of",
           "usable_identity"]

log = logging.getLogger(__name__)

PLATFORM = "slack"
SPENT_TTL = 24 * 3600.0
CORE_CONCURRENCY = 8


def team_of(context: AsyncBoltContext) -> str:
    """The workspace a request belongs to, as Bolt computed it for ``context.team_id``
    (``slack_bolt.request.internals.extract_team_id``): a view's ``app_installed_team_id``,
    then ``team.id``, then ``authorizations[0].team_id``, then ``team_id``. So a person from
    another organisation in a Slack Connect conversation is served as a person of the
    workspace the app is installed in, where their reminders can be delivered."""
    return str(context.team_id or "")


def identity_of(context: AsyncBoltContext, user_id: str) -> Identity:
    return Identity(PLATFORM, team_of(context), user_id)


def usable_identity(context: AsyncBoltContext, user_id: object) -> Identity | None:
    """The person behind a request, or None when the request names nobody usable (no user
    id, a user that is not a string, no workspace): such requests are refused before
    anything is stored."""
    if not isinstance(user_id, str) or not user_id.strip() or len(user_id) > 64:
        return None
    identity = identity_of(context, user_id.strip())
    if not identity.workspace_id or len(identity.workspace_id) > 64:
        return None
    return identity


def request_key(body: Mapping[str, Any]) -> str:
    """Slack's own id for a request: ``event_id`` for events, ``trigger_id`` for slash
    commands and interactions (unique per invocation); a digest of the payload otherwise,
    so a byte-for-byte replay is still recognised."""
    if body.get("type") == "event_callback" and isinstance(body.get("event_id"), str):
        return f"event:{body['event_id']}"
    trigger = body.get("trigger_id")
    if isinstance(trigger, str) and trigger:
        return f"trigger:{trigger}"
    raw = json.dumps(body, sort_keys=True, default=str).encode()
    return "digest:" + hashlib.sha256(raw).hexdigest()


#: The work for one kind of request: the person (as resolved when it arrived) and the
#: payload Slack sent.
SlackPerformer = Callable[[Identity, dict[str, Any]], Awaitable[None]]


@dataclass
class Bridge:
    conversation: Conversation
    people: PeopleDirectory
    outbox: ReplyOutbox
    # Where the work after each acknowledgement runs: per person, in order.
    lanes: PersonLanes = field(default_factory=PersonLanes)
    # The core's clock: typed messages are stamped with it on arrival (Incoming.received_at).
    clock: Clock = field(default_factory=SystemClock)
    # Messages whose unkeyed buttons (commands such as "Mark thank-you sent") were already
    # used, per process: a double click runs once. Question buttons need no such memory:
    # they name their question and the core refuses a second answer to it.
    spent: TTLCache[str, bool] = field(default_factory=lambda: TTLCache(SPENT_TTL))
    # Channel names for links typed without one (``conversations.info``), see ``mrkdwn``.
    channels: ChannelNames | None = None  # None: links without a name read "a channel"

    # The inbox requests are made durable in before they are acknowledged (set by the
    # adapter), and the work for each kind of request.
    inbox: DurableInbox | None = None
    performers: dict[str, SlackPerformer] = field(default_factory=dict)
    # How many core calls (database transactions) run at once. Separate from the lanes'
    # work slots, which a job waiting on a slow Web API gives up after a second
    # (adapters.lanes.SLOW_AFTER): the database stays bounded whatever the network does.
    core_slots: asyncio.Semaphore = field(
        default_factory=lambda: asyncio.Semaphore(CORE_CONCURRENCY))
    # Acknowledgements waiting for their work's answer, by request key (see ``inline``).
    inline: dict[str, InlineAnswer] = field(default_factory=dict)

    def later(self, identity: Identity, job: Job) -> None:
        """Run ``job`` after the acknowledgement, behind this person's earlier requests."""
        self.lanes.submit(str(identity), job)

    def performs(self, kind: str, performer: SlackPerformer) -> None:
        self.performers[kind] = performer

    async def accept(self, identity: Identity, kind: str, body: Mapping[str, Any], *,
                     immediately: bool = False, inline: InlineAnswer | None = None
                     ) -> Accepted:
        """Make the request durable, then queue its work; false (``Accepted.KNOWN``) for a
        request already received (a retry or replay: acknowledge it, do nothing). With
        ``inline``, the work starts at once if it can (``Accepted.STARTED``) and may give
        its answer to the acknowledgement; otherwise ``inline`` is closed. Raises
        :class:`~adapters.inbox.InboxUnavailable`: do not acknowledge."""
        assert self.inbox is not None, "the adapter sets the inbox"
        key = request_key(body)
        payload = {"team": identity.workspace_id, "user": identity.user_id, "body": body}
        if inline is not None:
            self.inline[key] = inline
        state = Accepted.KNOWN
        try:
            state = await self.inbox.accept(key, str(identity), kind, payload,
                                            immediately=immediately, eager=inline is not None)
        finally:
            if inline is not None and state is not Accepted.STARTED:
                self.inline.pop(key, None)
                inline.close()
        return state

    def inline_for(self, body: Mapping[str, Any]) -> InlineAnswer | None:
        """The acknowledgement still waiting for this request's answer, if any."""
        return self.inline.get(request_key(body)) if self.inline else None

    async def perform(self, kind: str, payload: dict[str, Any]) -> None:
        """The inbox's performer: run the work registered for ``kind``."""
        performer = self.performers.get(kind)
        body = dict(payload["body"])
        try:
            if performer is None:
                log.warning("no Slack work registered for %s requests; dropped", kind)
                return
            identity = Identity(PLATFORM, str(payload["team"]), str(payload["user"]))
            await performer(identity, body)
        finally:
            if self.inline:  # the work is over: its acknowledgement waits no longer
                inline = self.inline.pop(request_key(body), None)
                if inline is not None:
                    inline.close()

    async def typed(self, identity: Identity, text: str, *, command: bool = False) -> str:
        """What the person typed, Slack's markup turned into the words they saw (see
        :mod:`adapters.slack.mrkdwn`); in ``command`` text channel links stay links."""
        names = SlackNames(self.people, self.channels, identity.workspace_id)
        return await to_plain(text, names, keep_channel_links=command)

    async def incoming(self, identity: Identity, *, text: str = "",
                       command: Command | None = None, in_dm: bool,
                       channel_id: str | None, answer_key: AnswerKey | None = None,
                       received_at: datetime | None = None) -> Incoming:
        profile = await self.people.profile(identity)
        return Incoming(
            identity, text=text, command=command, in_dm=in_dm, channel_id=channel_id,
            display_name=profile.real_name or profile.display_name, is_admin=profile.is_admin,
            platform_timezone=profile.timezone, community_id=identity.workspace_id,
            answer_key=answer_key, received_at=received_at,
        )

    async def ask(self, incoming: Incoming) -> list[Reply]:
        """The core's answer; if the core fails, an apology that says nothing was lost."""
        replies = await self.ask_or_none(incoming)
        return [Reply(copy.TRY_AGAIN_LATER)] if replies is None else replies

    async def ask_or_none(self, incoming: Incoming) -> list[Reply] | None:
        try:
            async with self.core_slots:
                return await self.conversation.handle(incoming)
        except Exception:
            log.exception("the core failed on a request from %s", incoming.identity)
            return None

    async def answer(self, replies: Sequence[Reply], origin: Origin) -> None:
        await self.outbox.send(replies, origin)

    async def home(self, identity: Identity) -> Reply | None:
        try:
            async with self.core_slots:
                return await self.conversation.home(identity)
        except Exception:
            log.exception("the core failed to build App Home for %s", identity)
            return None
