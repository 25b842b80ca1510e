"""What every listener needs: who is speaking, the core, and a way to answer.

Listeners stay translation-only: they acknowledge, pull ids out of Slack's payload and
queue the rest with :meth:`Bridge.later`; the queued job builds an
:class:`~bot.values.Incoming` here and hands the core's replies to the outbox.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from slack_bolt.async_app import AsyncBoltContext

from adapters.slack.directory import PeopleDirectory, TTLCache
from adapters.slack.lanes import Job, PersonLanes
from adapters.slack.mrkdwn import ChannelNames, SlackNames, to_plain
from adapters.slack.outbox import Origin, ReplyOutbox
from bot import copy
from bot.ports import Conversation
from bot.values import Command, Identity, Incoming, Reply

__all__ = ["PLATFORM", "Bridge", "identity_of", "team_of"]

log = logging.getLogger(__name__)

PLATFORM = "slack"
SPENT_TTL = 24 * 3600.0


def team_of(context: AsyncBoltContext) -> str:
    """The workspace a request belongs to, as Bolt computed it for ``context.team_id``
    (``slack_bolt.request.internals.extract_team_id``): a view's ``app_installed_team_id``,
    then ``team.id``, then ``authorizations[0].team_id``, then ``team_id``. So a person from
    another organisation in a Slack Connect conversation is served as a person of the
    workspace the app is installed in, where their reminders can be delivered."""
    return str(context.team_id or "")


def identity_of(context: AsyncBoltContext, user_id: str) -> Identity:
    return Identity(PLATFORM, team_of(context), user_id)


@dataclass
class Bridge:
    conversation: Conversation
    people: PeopleDirectory
    outbox: ReplyOutbox
    # Where the work after each acknowledgement runs: per person, in order.
    lanes: PersonLanes = field(default_factory=PersonLanes)
    # Messages whose buttons were already used (per process): a double click runs once.
    spent: TTLCache[str, bool] = field(default_factory=lambda: TTLCache(SPENT_TTL))
    # Channel names for links typed without one (``conversations.info``), see ``mrkdwn``.
    channels: ChannelNames | None = None  # None: links without a name read "a channel"

    def later(self, identity: Identity, job: Job) -> None:
        """Run ``job`` after the acknowledgement, behind this person's earlier requests."""
        self.lanes.submit(identity, job)

    async def typed(self, identity: Identity, text: str, *, command: bool = False) -> str:
        """What the person typed, Slack's markup turned into the words they saw (see
        :mod:`adapters.slack.mrkdwn`); in ``command`` text channel links stay links."""
        names = SlackNames(self.people, self.channels, identity.workspace_id)
        return await to_plain(text, names, keep_channel_links=command)

    async def incoming(self, identity: Identity, *, text: str = "",
                       command: Command | None = None, in_dm: bool,
                       channel_id: str | None) -> Incoming:
        profile = await self.people.profile(identity)
        return Incoming(
            identity, text=text, command=command, in_dm=in_dm, channel_id=channel_id,
            display_name=profile.display_name, is_admin=profile.is_admin,
            platform_timezone=profile.timezone, community_id=identity.workspace_id,
        )

    async def ask(self, incoming: Incoming) -> list[Reply]:
        """The core's answer; if the core fails, an apology that says nothing was lost."""
        replies = await self.ask_or_none(incoming)
        return [Reply(copy.TRY_AGAIN_LATER)] if replies is None else replies

    async def ask_or_none(self, incoming: Incoming) -> list[Reply] | None:
        try:
            return await self.conversation.handle(incoming)
        except Exception:
            log.exception("the core failed on a request from %s", incoming.identity)
            return None

    async def answer(self, replies: Sequence[Reply], origin: Origin) -> None:
        await self.outbox.send(replies, origin)

    async def home(self, identity: Identity) -> Reply | None:
        try:
            return await self.conversation.home(identity)
        except Exception:
            log.exception("the core failed to build App Home for %s", identity)
            return None
