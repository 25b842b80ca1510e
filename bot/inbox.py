"""The inbox: requests a platform delivered, kept durable until their work is done.

An adapter writes one :class:`InboxEntry` per request BEFORE acknowledging it, keyed by the
platform's own id for that request (Slack ``event_id`` or ``trigger_id``, a Discord
interaction or message id), then runs the work and marks the entry finished. So:

* a request acknowledged and then lost to ``kill -9`` is still in the inbox; its lease runs
  out and a worker in any replica (or the restarted process) runs it;
* a retry, replay or redelivery of the same request, on any replica, finds its key taken
  and runs nothing.

The entry is written already *claimed* by the process that received it (it is about to run
it), with a lease; only entries whose lease ran out are claimed by others. Finished entries
keep their key (so late replays are still recognised) but lose their payload, and are
purged after a day. Nothing here knows a platform: ``payload`` is the adapter's own JSON.

Exactly once, not at least once: while an entry's work runs, :data:`current_claim` holds
it, and the core marks the entry finished in the SAME transaction as the work's effects
(:func:`finish_in`). So ``kill -9`` between that commit and the inbox's own "finished" mark
cannot run a command twice when the lease runs out; and if another process took the entry
over meanwhile (its lease ran out), the mark matches no row, :class:`ClaimLost` is raised
and the effects here are rolled back: the other process runs it, once.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.ports import UnitOfWork

__all__ = ["ClaimLost", "InboxClaim", "InboxEntry", "InboxStatus", "current_claim",
           "finish_in"]


class InboxStatus(StrEnum):
    CLAIMED = "claimed"  # being worked on by someone (or waiting for its lease to run out)
    DONE = "done"
    FAILED = "failed"  # given up: it kept failing (a crash each time) or ran past its deadline


@dataclass(slots=True)
class InboxEntry:
    platform: str
    key: str  # the platform's own id for the request: unique per platform
    lane: str  # whose request it is: one person's entries run in arrival order
    kind: str  # what the adapter does with it (its own vocabulary)
    payload: str | None  # the adapter's JSON; None once finished
    lease_until: datetime
    received_at: datetime
    id: int | None = None
    status: InboxStatus = InboxStatus.CLAIMED
    attempts: int = 1
    finished_at: datetime | None = None


@dataclass(slots=True)
class InboxClaim:
    """The entry whose work is running (its id, and which attempt this is)."""

    entry_id: int
    attempts: int
    finished: bool = False  # its DONE mark was committed with the work's effects
    lost: bool = False  # another process took it over: this run's effects were not kept


#: Set by whoever runs an entry's work (``adapters.inbox``), read by the core's commit.
current_claim: ContextVar[InboxClaim | None] = ContextVar("inbox_claim", default=None)


class ClaimLost(Exception):
    """The running entry was taken over by another process (or already finished)."""


async def finish_in(uow: UnitOfWork, now: datetime) -> InboxClaim | None:
    """Mark the running entry done inside ``uow``'s transaction (call just before its
    commit; set ``finished`` on the returned claim once the commit succeeded). Raises
    :class:`ClaimLost` if this attempt no longer holds the entry: roll back."""
    claim = current_claim.get()
    if claim is None or claim.finished:
        return None
    if not await uow.inbox.finish_claim(claim.entry_id, claim.attempts, now):
        claim.lost = True
        raise ClaimLost(f"inbox entry {claim.entry_id} is no longer held by this attempt")
    return claim
