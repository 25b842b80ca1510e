"""Domain records the core reads and writes through the storage ports.

They are plain mutable dataclasses: the storage layer maps them to rows, the in-memory
fake keeps copies of them. All datetimes are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum
from typing import Any

from bot.values import Identity

__all__ = [
    "Area",
    "Interview",
    "InterviewType",
    "Nudge",
    "NudgeKind",
    "NudgeStatus",
    "Outcome",
    "ReflectionState",
    "ThankYou",
    "User",
]


class Area(StrEnum):
    """The five reasons people are not called back (DESIGN.md), in the order we reflect."""

    STAND_OUT = "stand_out"
    FOLLOW_UP = "follow_up"
    PROFESSIONAL = "professional"
    PREPARED = "prepared"
    RIGHT_JOBS = "right_jobs"


class NudgeKind(StrEnum):
    THANK_YOU = "thank_you"
    REFLECT = "reflect"
    CHECK_IN = "check_in"
    # The evening before an interview logged ahead (bot.prep.timing).
    PREP = "prep"
    # The second follow-up e-mail to the employer, and the kind closing message after it
    # (bot.followthrough.flow).
    FOLLOW_UP = "follow_up"
    CLOSE = "close"


class NudgeStatus(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    DROPPED = "dropped"


class ReflectionState(StrEnum):
    NOT_STARTED = "not_started"
    OPEN = "open"
    CANCELLED = "cancelled"
    COMPLETED = "completed"


class ThankYou(StrEnum):
    SENT = "sent"
    PLANNED = "planned"
    NO = "no"


class InterviewType(StrEnum):
    """What kind of interview it was; the reflection's questions adapt to it."""

    RECRUITER = "recruiter"
    TECHNICAL = "technical"
    PANEL = "panel"
    FINAL = "final"
    OTHER = "other"


class Outcome(StrEnum):
    CALLBACK = "callback"
    OFFER = "offer"
    REJECTED = "rejected"
    NO_REPLY = "no_reply"


@dataclass(slots=True)
class User:
    identity: Identity
    id: int | None = None
    display_name: str | None = None
    timezone: str | None = None
    platform_timezone: str | None = None
    quiet_start: time | None = None
    quiet_end: time | None = None
    active_interview_id: int | None = None
    last_channel_id: str | None = None
    created_at: datetime | None = None
    # How many tips the person has been shown: /debrief tip rotates through its pool by it,
    # so asking again never repeats the tip just given, also after a restart.
    tips_shown: int = 0
    # When the prep message comes the evening before ("18:00"), "off", or None for the
    # default (``/debrief settings prep``, bot.prep.timing).
    prep_time: str | None = None
    # The name they sign notes with (``/debrief settings name``); wins over display_name,
    # which is whatever their platform profile says and is refreshed on every request.
    preferred_name: str | None = None


@dataclass(slots=True)
class Interview:
    user_id: int
    company: str
    happens_at: datetime
    logged_at: datetime
    id: int | None = None
    role: str | None = None
    interviewer: str | None = None
    notes: str | None = None
    reflection_state: ReflectionState = ReflectionState.NOT_STARTED
    answers: dict[str, Any] = field(default_factory=dict)
    reflection_completed_at: datetime | None = None
    thank_you: ThankYou | None = None
    thank_you_sent_at: datetime | None = None
    outcome: Outcome | None = None
    outcome_at: datetime | None = None
    # Where it was logged (Slack workspace, Discord server): counted in that community's
    # anonymous figures (``/debrief community``); None when logged outside any (a Discord DM).
    community_id: str | None = None
    # Who marked the thank-you status: "reflection" (its thank-you answer, undone by `back`)
    # or "followup" (the command or button, which a reflection answer never overrides).
    thank_you_source: str | None = None
    # The interview's profile (bot/insights/profile.py): all optional, typed or edited with
    # `/debrief interview … field:data` or `/debrief history #n edit …`.
    job_field: str | None = None
    seniority: str | None = None
    location: str | None = None
    source: str | None = None
    stage: str | None = None
    # Bumped by every change to ``answers`` (InterviewRepository.save_answers): an answer
    # applies only if the version it was asked at is still current.
    answers_version: int = 0
    # When the answers last changed (so when the open question was asked): a typed message
    # that arrived before it was written for an earlier question (it crossed a click).
    answers_changed_at: datetime | None = None
    interview_type: InterviewType | None = None


@dataclass(slots=True)
class Nudge:
    user_id: int
    kind: NudgeKind
    due_at: datetime
    idempotency_key: str
    id: int | None = None
    interview_id: int | None = None
    status: NudgeStatus = NudgeStatus.PENDING
    attempts: int = 0
    lease_until: datetime | None = None
    original_due_at: datetime | None = None
    platform_message_id: str | None = None
    last_error: str | None = None
    sent_at: datetime | None = None
    created_at: datetime | None = None
