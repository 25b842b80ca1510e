"""Typed SQLAlchemy models for the tables the core's ports need.

The repositories in :mod:`storage.sql` mostly use the ``__table__`` objects with Core
statements (a dialogue turn must be cheap); the mapped classes exist so the schema is
declared once, typed, and compared against the hand-written migration in tests.

Why some choices:

* ``UTCDateTime``: SQLite has no timezone-aware type and silently drops ``tzinfo``; storing
  naive UTC there (and ``timestamptz`` on PostgreSQL) and always returning aware UTC means
  nobody ever compares a naive with an aware datetime. Naive input is refused, not guessed.
* Primary keys are ``BIGINT`` on PostgreSQL (nudges grow without bound) but ``INTEGER`` on
  SQLite, where only ``INTEGER PRIMARY KEY`` is the auto-incrementing rowid alias.
* Enums are plain strings: adding a status must not need an ``ALTER TYPE``.
* ``answers`` is ``JSON`` rather than ``JSONB`` so key order survives the round trip, the
  same as in the in-memory fake.
* ``users.active_interview_id`` has no foreign key: a users <-> interviews cycle would need
  ``use_alter`` on both dialects for little benefit (interviews only disappear with their user).
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base", "HeartbeatRow", "InboxRow", "InterviewPrepRow", "InterviewRow", "NudgeRow", "StoryRow",
    "TipPostRow", "TipSubscriptionRow", "UTCDateTime", "UserRow", "metadata",
]

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: BIGINT on PostgreSQL, INTEGER (the rowid alias, so it auto-increments) on SQLite.
Id = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC in, aware UTC out; naive UTC on SQLite, ``timestamptz`` on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: pass timezone-aware UTC")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


metadata = Base.metadata


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("platform", "workspace_id", "user_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(128))
    user_id: Mapped[str] = mapped_column(String(128))
    display_name: Mapped[str | None] = mapped_column(Text)
    timezone: Mapped[str | None] = mapped_column(String(64))
    platform_timezone: Mapped[str | None] = mapped_column(String(64))
    quiet_start: Mapped[time | None] = mapped_column(Time)
    quiet_end: Mapped[time | None] = mapped_column(Time)
    # "18:00", "off", or NULL for the default (bot.prep.timing).
    prep_time: Mapped[str | None] = mapped_column(String(8))
    active_interview_id: Mapped[int | None] = mapped_column(Id)
    last_channel_id: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    tips_shown: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    preferred_name: Mapped[str | None] = mapped_column(Text)


class InterviewRow(Base):
    __tablename__ = "interviews"
    __table_args__ = (
        Index(None, "user_id", "happens_at"),
        # /debrief community: one community's interviews.
        Index(None, "community_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"))
    company: Mapped[str] = mapped_column(Text)
    happens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    logged_at: Mapped[datetime] = mapped_column(UTCDateTime)
    role: Mapped[str | None] = mapped_column(Text)
    interviewer: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    reflection_state: Mapped[str] = mapped_column(String(16))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    reflection_completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    thank_you: Mapped[str | None] = mapped_column(String(16))
    thank_you_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(16))
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    community_id: Mapped[str | None] = mapped_column(String(128))
    thank_you_source: Mapped[str | None] = mapped_column(String(16))
    job_field: Mapped[str | None] = mapped_column(String(100))
    seniority: Mapped[str | None] = mapped_column(String(32))
    location: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str | None] = mapped_column(String(32))
    stage: Mapped[str | None] = mapped_column(String(32))
    # Bumped by every answer; an answer applies only at the version it was asked at.
    answers_version: Mapped[int] = mapped_column(Integer, server_default="0")
    answers_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    interview_type: Mapped[str | None] = mapped_column(String(16))


class NudgeRow(Base):
    __tablename__ = "nudges"
    __table_args__ = (
        UniqueConstraint("idempotency_key"),
        # The dispatcher's claim: pending and due, soonest first.
        Index(None, "status", "due_at"),
        # A person's upcoming nudges (``nudges`` command, App Home).
        Index(None, "user_id", "due_at"),
        Index(None, "interview_id"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"))
    interview_id: Mapped[int | None] = mapped_column(
        Id, ForeignKey("interviews.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    idempotency_key: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    original_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    platform_message_id: Mapped[str | None] = mapped_column(String(255))
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TipSubscriptionRow(Base):
    """A community channel subscribed to scheduled tips (``/debrief tips``)."""

    __tablename__ = "tip_subscriptions"
    __table_args__ = (
        UniqueConstraint("platform", "workspace_id", "channel_id"),
        # The tip runtime loads the active ones.
        Index(None, "status"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(32))
    workspace_id: Mapped[str] = mapped_column(String(128))
    channel_id: Mapped[str] = mapped_column(String(128))
    channel_name: Mapped[str | None] = mapped_column(String(128))
    schedule: Mapped[str] = mapped_column(String(128))
    timezone: Mapped[str] = mapped_column(String(64))
    # Area values separated by commas; empty means every area.
    areas: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))
    paused_reason: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    active_since: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TipPostRow(Base):
    """One occurrence of a subscription's schedule. The unique key is what keeps replicas
    from posting it twice: only the one whose INSERT wins posts."""

    __tablename__ = "tip_posts"
    __table_args__ = (
        UniqueConstraint("subscription_id", "occurrence"),
        # Re-claiming posts whose lease expired (a crashed replica, a retry that is due).
        Index(None, "status", "lease_until"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    subscription_id: Mapped[int] = mapped_column(
        Id, ForeignKey("tip_subscriptions.id", ondelete="CASCADE"))
    occurrence: Mapped[datetime] = mapped_column(UTCDateTime)
    tip_index: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_id: Mapped[str | None] = mapped_column(String(255))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class InboxRow(Base):
    """A request kept from before its acknowledgement until its work is done (bot.inbox).
    The unique ``(platform, key)`` is what makes retries, replays and redeliveries, on any
    replica, run once."""

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("platform", "key"),
        # Workers re-claim entries whose lease ran out; the purge finds finished ones.
        Index(None, "status", "lease_until"),
        Index(None, "finished_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(255))
    lane: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    lease_until: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StoryRow(Base):
    """A story in a person's bank (``/debrief stories``); ``number`` is theirs (1, 2, 3 …)."""

    __tablename__ = "stories"
    __table_args__ = (UniqueConstraint("user_id", "number"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    # Skill tags (bot.stories.tags) and the interview ids where it was told.
    tags: Mapped[list[str]] = mapped_column(JSON)
    told_in: Mapped[list[int]] = mapped_column(JSON)
    source_interview_id: Mapped[int | None] = mapped_column(Id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class InterviewPrepRow(Base):
    """What a person prepared for one interview (``/debrief prep``)."""

    __tablename__ = "interview_preps"
    __table_args__ = (UniqueConstraint("interview_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"))
    interview_id: Mapped[int] = mapped_column(
        Id, ForeignKey("interviews.id", ondelete="CASCADE"))
    checked: Mapped[list[str]] = mapped_column(JSON)
    questions: Mapped[list[str]] = mapped_column(JSON)
    stories: Mapped[list[int]] = mapped_column(JSON)
    practised: Mapped[bool] = mapped_column(Boolean)
    asked_questions: Mapped[bool | None] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class HeartbeatRow(Base):
    """One row per running process, rewritten every few seconds by its write probe
    (``adapters.write_probe``): ``/readyz`` learns that the database refuses writes from a
    write that really commits, not only from a request that failed."""

    __tablename__ = "heartbeats"

    process: Mapped[str] = mapped_column(String(128), primary_key=True)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime)
