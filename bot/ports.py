"""The ports the core needs from the outside world, as Protocols.

``storage.sql`` implements the repositories and unit of work with SQLAlchemy;
``bot.memory`` implements the same Protocols in memory for unit tests and benchmarks;
``tests/test_storage_contract.py`` runs one suite against both.

Errors a chat gateway may raise::

    DeliveryError                 a send failed
    ├── RetryableDeliveryError    try again later (5xx, timeouts, 429 after retries)
    ├── PermanentDeliveryError    never retry (DMs closed, user gone, bot removed)
    └── DeliveryDeclined          this gateway cannot reach the person (another process
                                  can): put the nudge back, without using an attempt
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from types import TracebackType
from typing import Protocol, Self

from bot.inbox import InboxEntry, InboxStatus
from bot.insights.community import CommunityGroup
from bot.insights.patterns import CommunityFigures
from bot.model import Interview, Nudge, NudgeKind, User
from bot.stories.model import Prep, Story
from bot.tips.model import TipPost, TipSubscription
from bot.values import Chart, Identity, Incoming, Reply

__all__ = [
    "ChannelGateway",
    "ChartRenderer",
    "ChatGateway",
    "Clock",
    "Conversation",
    "DeliveryDeclined",
    "DeliveryError",
    "InboxRepository",
    "InterviewRepository",
    "NudgeRepository",
    "PermanentDeliveryError",
    "PrepRepository",
    "RetryableDeliveryError",
    "StatsRepository",
    "StorageBusy",
    "StoryRepository",
    "TipRepository",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "UserRepository",
]


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...


class StorageBusy(TimeoutError):
    """The store could not take this unit of work in time (every connection in use, or
    another writer holding the lock past its timeout). Nothing was written; the same
    request can simply be sent again."""


class DeliveryError(Exception):
    def __init__(self, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class RetryableDeliveryError(DeliveryError):
    pass


class PermanentDeliveryError(DeliveryError):
    pass


class DeliveryDeclined(DeliveryError):
    """Not for this process (a console on a shared database, a platform it doesn't serve).
    The nudge goes back to pending ``retry_after`` seconds later and no attempt is used,
    so it is never failed here; it waits for a process that can reach the person."""


class ChatGateway(Protocol):
    async def deliver(self, user: User, reply: Reply) -> str:
        """Send ``reply`` to the person's DM; return the platform's message id.

        Raises :class:`RetryableDeliveryError` or :class:`PermanentDeliveryError`.
        """
        ...


class ChannelGateway(Protocol):
    async def post_to_channel(self, platform: str, workspace_id: str, channel_id: str,
                              reply: Reply) -> str:
        """Post ``reply`` publicly in a channel (scheduled tips); return the message id.

        Raises the same errors as :meth:`ChatGateway.deliver`: ``PermanentDeliveryError``
        when the bot can no longer post there (removed, channel gone or archived, missing
        permission), ``DeliveryDeclined`` when this process does not serve that community.
        """
        ...


class UserRepository(Protocol):
    async def get(self, identity: Identity) -> User | None: ...

    async def get_or_create(self, identity: Identity, *, created_at: datetime) -> User: ...

    async def get_many(self, ids: Sequence[int]) -> dict[int, User]: ...

    async def save(self, user: User) -> None: ...

    async def delete(self, user_id: int) -> None:
        """Delete the person and everything that belongs to them."""
        ...


class InterviewRepository(Protocol):
    async def add(self, interview: Interview) -> Interview: ...

    async def get(self, user_id: int, interview_id: int) -> Interview | None: ...

    async def get_many(self, ids: Sequence[int]) -> dict[int, Interview]: ...

    async def list_for_user(self, user_id: int, *, limit: int | None = None) -> list[Interview]:
        """Newest first (by the interview's time)."""
        ...

    async def save(self, interview: Interview) -> None:
        """Update every field except ``answers`` and ``answers_version``: answers change
        only through :meth:`save_answers`, so a command saving an interview it read a moment
        ago can never overwrite an answer given in between."""
        ...

    async def save_answers(self, interview: Interview, *, expected_version: int) -> bool:
        """In ONE conditional statement: save the interview (answers included) and add one to
        ``answers_version``, only if the stored version is still ``expected_version``.
        Returns False, writing nothing, when another answer got there first; on success
        ``interview.answers_version`` is the new version."""
        ...

    async def delete(self, user_id: int, interview_id: int) -> bool:
        """Delete one of the person's interviews with its reminders and prep; False when
        they have no such interview (already gone: a confirm sent twice)."""
        ...


class NudgeRepository(Protocol):
    async def add_many(self, nudges: Sequence[Nudge]) -> list[Nudge]:
        """Insert; a nudge whose idempotency key already exists is skipped, not duplicated."""
        ...

    async def get(self, user_id: int, nudge_id: int) -> Nudge | None: ...

    async def list_for_user(self, user_id: int, *, pending_only: bool = True) -> list[Nudge]:
        """Soonest first. ``pending_only`` means pending or claimed."""
        ...

    async def list_for_interview(self, interview_id: int) -> list[Nudge]: ...

    async def cancel(
        self, user_id: int, *, interview_id: int | None = None,
        kinds: Sequence[NudgeKind] | None = None, nudge_id: int | None = None,
    ) -> int:
        """Cancel pending nudges matching all the given filters; return how many."""
        ...

    async def reschedule(self, nudge_id: int, due_at: datetime) -> None:
        """Move a pending nudge (snooze)."""
        ...

    async def claim_due(self, now: datetime, *, limit: int, lease_seconds: float,
                        platforms: Sequence[str] | None = None) -> list[Nudge]:
        """In ONE statement: take up to ``limit`` nudges that are pending and due, or claimed
        with an expired lease; mark them claimed with a lease; add one to ``attempts``.
        ``platforms``: only nudges for people on these platforms (what this process serves)."""
        ...

    async def mark_sent(self, results: Sequence[tuple[int, str, datetime]]) -> None:
        """``(nudge_id, platform_message_id, sent_at)`` for claimed nudges."""
        ...

    async def mark_retry(self, nudge_id: int, due_at: datetime, error: str) -> None: ...

    async def mark_failed(self, nudge_id: int, error: str) -> None: ...

    async def mark_dropped(self, nudge_id: int, reason: str) -> None: ...

    async def defer(self, nudge_id: int, due_at: datetime) -> None:
        """Put a claimed nudge back to pending at ``due_at`` without using up an attempt."""
        ...

    async def release(self, nudge_ids: Sequence[int]) -> None:
        """Give claimed nudges back (shutdown) without using up an attempt."""
        ...

    async def count_by_status(self) -> dict[str, int]: ...


class StatsRepository(Protocol):
    async def community_figures(
        self, platform: str, community_id: str, *, now: datetime, thank_you_window: timedelta,
    ) -> CommunityFigures:
        """Totals over the interviews logged in one community (``Interview.community_id``)
        by people of ``platform``: see :class:`bot.insights.patterns.CommunityFigures`. A thank-you
        counts as decided once sent or once ``now`` is past its window."""
        ...

    async def community_groups(
        self, platform: str, community_id: str, *, now: datetime, thank_you_window: timedelta,
    ) -> list[CommunityGroup]:
        """Per factor of :data:`bot.insights.community.COMMUNITY_FACTORS` and group (in lower
        case): the interviews with a known answer, their callbacks and the distinct people
        behind them, ordered by factor then value. Counted in the database."""
        ...


class TipRepository(Protocol):
    """Channel tip subscriptions and their posts (see :mod:`bot.tips.model`)."""

    async def get_subscription(self, platform: str, workspace_id: str,
                               channel_id: str) -> TipSubscription | None: ...

    async def get_subscription_by_id(self, subscription_id: int) -> TipSubscription | None: ...

    async def save_subscription(self, subscription: TipSubscription) -> TipSubscription:
        """Insert (no id) or update (by id). A second subscription for the same
        ``(platform, workspace_id, channel_id)`` is refused (unique key)."""
        ...

    async def list_subscriptions(self, platform: str,
                                 workspace_id: str) -> list[TipSubscription]:
        """A community's subscriptions (every status), oldest first."""
        ...

    async def list_active(self, platforms: Sequence[str] | None = None
                          ) -> list[TipSubscription]:
        """Active subscriptions (on ``platforms`` if given), by id."""
        ...

    async def forget_creator(self, identity: Identity) -> None:
        """Clear ``created_by`` wherever it is this person (they ran ``forget``)."""
        ...

    async def claim_occurrence(self, post: TipPost) -> TipPost | None:
        """Insert the post unless its ``(subscription_id, occurrence)`` exists, in ONE
        statement (``INSERT … ON CONFLICT DO NOTHING``). Returns the stored post, or None
        when another process got there first: only the winner posts."""
        ...

    async def last_occurrence(self, subscription_id: int) -> datetime | None:
        """The newest occurrence materialised for the subscription (whatever its status)."""
        ...

    async def recent_tip_indexes(self, subscription_id: int, *, limit: int) -> list[int]:
        """Tip indexes of the newest ``limit`` posts that went out or are going out
        (claimed or sent), oldest first."""
        ...

    async def claim_stale_posts(self, now: datetime, *, lease_seconds: float,
                                limit: int) -> list[TipPost]:
        """In ONE statement: take claimed posts whose lease has expired (a crashed replica,
        a retry that is due), renew their lease and count an attempt."""
        ...

    async def mark_post_sent(self, post_id: int, message_id: str, posted_at: datetime) -> None:
        ...

    async def mark_post_retry(self, post_id: int, lease_until: datetime, error: str) -> None:
        """Keep it claimed; try again once the lease runs out."""
        ...

    async def finish_post(self, post_id: int, status: str, error: str | None) -> None:
        """Move a claimed post to ``failed`` or ``skipped`` with the reason."""
        ...

    async def delete_post(self, post_id: int) -> None:
        """Give an occurrence back (this process cannot post it; another one may)."""
        ...


class InboxRepository(Protocol):
    """Requests kept durable from before their acknowledgement until their work is done
    (see :mod:`bot.inbox`)."""

    async def accept(self, entries: Sequence[InboxEntry]) -> list[InboxEntry | None]:
        """Insert each entry unless its ``(platform, key)`` exists (``INSERT … ON CONFLICT
        DO NOTHING``), as given: claimed by the caller until ``lease_until``. Returns, in
        input order, the stored entry (with its id) or None for a request already known
        (also a repeat inside ``entries``)."""
        ...

    async def claim_expired(self, now: datetime, *, limit: int, lease_seconds: float,
                            platforms: Sequence[str]) -> list[InboxEntry]:
        """In ONE statement: take up to ``limit`` claimed entries of ``platforms`` whose lease
        ran out (their process died), oldest first; renew the lease, count an attempt."""
        ...

    async def renew(self, entry_ids: Sequence[int], lease_until: datetime) -> None:
        """Extend the lease of claimed entries this process still holds (a heartbeat, so
        work queued behind a burst is not taken over while its process is alive)."""
        ...

    async def finish(self, results: Sequence[tuple[int, InboxStatus]], now: datetime) -> None:
        """Mark entries done (or failed) and drop their payload; the key stays."""
        ...

    async def finish_claim(self, entry_id: int, attempts: int, now: datetime) -> bool:
        """Mark one entry done, in ONE conditional write, only if it is still claimed by
        the attempt numbered ``attempts`` (not taken over since); True if it was."""
        ...

    async def purge(self, finished_before: datetime) -> int:
        """Delete finished entries older than ``finished_before``; return how many."""
        ...

    async def count_open(self) -> int:
        """Entries not finished yet (claimed, whatever their lease)."""
class StoryRepository(Protocol):
    """A person's story bank (:class:`~bot.stories.model.Story`)."""

    async def add(self, story: Story) -> Story:
        """Insert with the person's next ``number`` (one more than their highest now);
        returns it with its id and number."""
        ...

    async def get(self, user_id: int, number: int) -> Story | None: ...

    async def list_for_user(self, user_id: int) -> list[Story]:
        """By number."""
        ...

    async def save(self, story: Story) -> None: ...

    async def delete(self, user_id: int, number: int) -> bool:
        """Remove one; False when the person has no story with that number."""
        ...


class PrepRepository(Protocol):
    """What a person prepared for an interview (:class:`~bot.stories.model.Prep`)."""

    async def get(self, user_id: int, interview_id: int) -> Prep | None: ...

    async def list_for_user(self, user_id: int) -> list[Prep]:
        """By interview id (for ``export``)."""
        ...

    async def save(self, prep: Prep) -> Prep:
        """Insert (no id; one per interview) or update (by id)."""
        ...


class UnitOfWork(Protocol):
    """One short transaction. ``commit`` must be called; leaving without it rolls back."""

    users: UserRepository
    interviews: InterviewRepository
    nudges: NudgeRepository
    stats: StatsRepository
    tips: TipRepository
    inbox: InboxRepository
    stories: StoryRepository
    preps: PrepRepository

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]


class Conversation(Protocol):
    """What adapters call: the core's single entry point for everything a person does."""

    async def handle(self, incoming: Incoming) -> list[Reply]: ...

    async def home(self, identity: Identity) -> Reply:
        """A person's overview (upcoming nudges, recent interviews) for App Home and the like."""
        ...

    async def suggest_interviews(self, identity: Identity, prefix: str) -> list[tuple[str, str]]:
        """(label, value) pairs of the person's interviews matching ``prefix`` (autocomplete)."""
        ...


class ChartRenderer(Protocol):
    """Draws a :class:`~bot.values.Chart` as PNG bytes of exactly its ``width_px`` x
    ``height_px``. Implemented outside the core (``adapters.charts``) so no plotting
    library is on the core's import path; without one, ``/debrief stats`` is text only."""

    async def render(self, chart: Chart) -> bytes: ...
