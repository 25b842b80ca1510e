"""Records for scheduled channel tips: a channel's subscription, and each posted occurrence.

A subscription belongs to a community (Slack workspace, Discord server) and one of its
channels, not to a person: the admin who created it is remembered only as ``created_by``
(cleared when that person runs ``forget``). Every occurrence of its schedule that is posted
(or attempted) is a :class:`TipPost`, unique per ``(subscription_id, occurrence)``: that
key is what lets several replicas share one database without double-posting.
All datetimes are timezone-aware UTC, as in :mod:`bot.model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.model import Area

__all__ = ["TipPost", "TipPostStatus", "TipStatus", "TipSubscription"]


class TipStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"  # by an admin, or because the channel refused a post (see paused_reason)
    OFF = "off"  # turned off; kept so the channel's tip history survives a re-subscribe


class TipPostStatus(StrEnum):
    CLAIMED = "claimed"  # this occurrence is taken; being posted (or retried after lease_until)
    SENT = "sent"
    FAILED = "failed"  # the channel refused it for good; the subscription is paused
    SKIPPED = "skipped"  # superseded by a later occurrence, or given up after retries


@dataclass(slots=True)
class TipSubscription:
    platform: str
    workspace_id: str  # the community: Slack team id, Discord guild id
    channel_id: str
    schedule: str  # canonical form, see bot.tips.schedule (``daily 09:00``, ``cron 0 9 * * 1``)
    timezone: str  # IANA zone the schedule is read in
    created_at: datetime
    # Occurrences at or before this instant are never posted: set on subscribe and resume,
    # so neither posts a tip that was due before it.
    active_since: datetime
    id: int | None = None
    channel_name: str | None = None
    areas: tuple[Area, ...] = ()  # empty: every area
    status: TipStatus = TipStatus.ACTIVE
    paused_reason: str | None = None
    # The admin who created it, as ``str(Identity)`` ("platform:workspace:user"): never a
    # bare user id, which two workspaces may share.
    created_by: str | None = None
    updated_at: datetime | None = None


@dataclass(slots=True)
class TipPost:
    subscription_id: int
    occurrence: datetime
    tip_index: int  # index into bot.tips.library.TIPS
    id: int | None = None
    status: TipPostStatus = TipPostStatus.CLAIMED
    attempts: int = 1
    lease_until: datetime | None = None
    message_id: str | None = None
    last_error: str | None = None
    created_at: datetime | None = None
    posted_at: datetime | None = None
