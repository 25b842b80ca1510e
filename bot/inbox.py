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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

__all__ = ["InboxEntry", "InboxStatus"]


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
