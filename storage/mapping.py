"""Rows <-> :mod:`bot.model` dataclasses, by hand.

Mapping explicitly (rather than loading ORM objects) keeps a dialogue turn cheap and makes
every conversion visible: enums are stored as their string values, datetimes pass through
:class:`storage.models.UTCDateTime`, ``answers`` is a JSON column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import Row, Table
from sqlalchemy.dialects import postgresql, sqlite

from bot.model import (
    Interview,
    InterviewType,
    Nudge,
    NudgeKind,
    NudgeStatus,
    Outcome,
    ReflectionState,
    ThankYou,
    User,
)
from bot.values import Identity
from storage.models import InterviewRow, NudgeRow, UserRow

__all__ = [
    "dialect_insert",
    "identity_params",
    "interview_from_row",
    "interview_values",
    "interviews",
    "nudge_from_row",
    "nudge_values",
    "nudges",
    "require_id",
    "user_from_row",
    "user_values",
    "users",
]

# Declarative types ``__table__`` as a FromClause; it is a Table, which Core DML wants.
users = cast(Table, UserRow.__table__)
interviews = cast(Table, InterviewRow.__table__)
nudges = cast(Table, NudgeRow.__table__)

def user_from_row(row: Row[Any]) -> User:
    return User(
        identity=Identity(row.platform, row.workspace_id, row.user_id),
        id=row.id,
        display_name=row.display_name,
        timezone=row.timezone,
        platform_timezone=row.platform_timezone,
        quiet_start=row.quiet_start,
        quiet_end=row.quiet_end,
        prep_time=row.prep_time,
        active_interview_id=row.active_interview_id,
        last_channel_id=row.last_channel_id,
        created_at=row.created_at,
        tips_shown=row.tips_shown or 0,
        preferred_name=row.preferred_name,
    )


def user_values(user: User) -> dict[str, Any]:
    return {
        "display_name": user.display_name,
        "timezone": user.timezone,
        "platform_timezone": user.platform_timezone,
        "quiet_start": user.quiet_start,
        "quiet_end": user.quiet_end,
        "prep_time": user.prep_time,
        "active_interview_id": user.active_interview_id,
        "last_channel_id": user.last_channel_id,
        "tips_shown": user.tips_shown,
        "preferred_name": user.preferred_name,
    }


def interview_from_row(row: Row[Any]) -> Interview:
    return Interview(
        user_id=row.user_id,
        company=row.company,
        happens_at=row.happens_at,
        logged_at=row.logged_at,
        id=row.id,
        role=row.role,
        interviewer=row.interviewer,
        notes=row.notes,
        reflection_state=ReflectionState(row.reflection_state),
        answers=row.answers if row.answers is not None else {},
        reflection_completed_at=row.reflection_completed_at,
        thank_you=ThankYou(row.thank_you) if row.thank_you is not None else None,
        thank_you_sent_at=row.thank_you_sent_at,
        outcome=Outcome(row.outcome) if row.outcome is not None else None,
        outcome_at=row.outcome_at,
        community_id=row.community_id,
        thank_you_source=row.thank_you_source,
        job_field=row.job_field,
        seniority=row.seniority,
        location=row.location,
        source=row.source,
        stage=row.stage,
        answers_version=row.answers_version,
        answers_changed_at=row.answers_changed_at,
        interview_type=InterviewType(row.interview_type)
        if row.interview_type is not None else None,
    )


def interview_values(interview: Interview) -> dict[str, Any]:
    return {
        "user_id": interview.user_id,
        "company": interview.company,
        "happens_at": interview.happens_at,
        "logged_at": interview.logged_at,
        "role": interview.role,
        "interviewer": interview.interviewer,
        "notes": interview.notes,
        "reflection_state": interview.reflection_state.value,
        "answers": interview.answers,
        "reflection_completed_at": interview.reflection_completed_at,
        "thank_you": interview.thank_you.value if interview.thank_you is not None else None,
        "thank_you_sent_at": interview.thank_you_sent_at,
        "outcome": interview.outcome.value if interview.outcome is not None else None,
        "outcome_at": interview.outcome_at,
        "community_id": interview.community_id,
        "thank_you_source": interview.thank_you_source,
        "job_field": interview.job_field,
        "seniority": interview.seniority,
        "location": interview.location,
        "source": interview.source,
        "stage": interview.stage,
        "answers_changed_at": interview.answers_changed_at,
        "interview_type": interview.interview_type.value
        if interview.interview_type is not None else None,
    }


def nudge_from_row(row: Row[Any]) -> Nudge:
    return Nudge(
        user_id=row.user_id,
        kind=NudgeKind(row.kind),
        due_at=row.due_at,
        idempotency_key=row.idempotency_key,
        id=row.id,
        interview_id=row.interview_id,
        status=NudgeStatus(row.status),
        attempts=row.attempts,
        lease_until=row.lease_until,
        original_due_at=row.original_due_at,
        platform_message_id=row.platform_message_id,
        last_error=row.last_error,
        sent_at=row.sent_at,
        created_at=row.created_at,
    )


def nudge_values(nudge: Nudge) -> dict[str, Any]:
    return {
        "user_id": nudge.user_id,
        "interview_id": nudge.interview_id,
        "kind": nudge.kind.value,
        "due_at": nudge.due_at,
        "idempotency_key": nudge.idempotency_key,
        "status": nudge.status.value,
        "attempts": nudge.attempts,
        "lease_until": nudge.lease_until,
        "original_due_at": nudge.original_due_at or nudge.due_at,
        "platform_message_id": nudge.platform_message_id,
        "last_error": nudge.last_error,
        "sent_at": nudge.sent_at,
        "created_at": nudge.created_at,
    }


def dialect_insert(dialect: str) -> Callable[[Table], Any]:
    """The dialect's ``insert`` (both have ``on_conflict_do_nothing``)."""
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def require_id(record: User | Interview | Nudge) -> int:
    if record.id is None:
        raise ValueError(f"{type(record).__name__} has no id: add it before saving")
    return record.id

def identity_params(identity: Identity) -> dict[str, str]:
    return {
        "platform": identity.platform,
        "workspace_id": identity.workspace_id,
        "user_id": identity.user_id,
    }
