"""Initial schema: users, interviews, nudges.

Written by hand to match :mod:`storage.models` on SQLite and PostgreSQL;
``tests/test_migrations.py`` checks that autogenerate finds no difference.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.types.TypeEngine[int]:
    # BIGINT on PostgreSQL; INTEGER on SQLite so the key is the auto-incrementing rowid.
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _utc() -> sa.DateTime:
    # storage.models.UTCDateTime stores through this type.
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", _id(), primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("workspace_id", sa.String(128), nullable=False),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=True),
        sa.Column("timezone", sa.String(64), nullable=True),
        sa.Column("platform_timezone", sa.String(64), nullable=True),
        sa.Column("quiet_start", sa.Time(), nullable=True),
        sa.Column("quiet_end", sa.Time(), nullable=True),
        sa.Column("active_interview_id", _id(), nullable=True),
        sa.Column("last_channel_id", sa.String(128), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint(
            "platform", "workspace_id", "user_id", name="uq_users_platform_workspace_id_user_id"
        ),
    )
    op.create_table(
        "interviews",
        sa.Column("id", _id(), primary_key=True, autoincrement=True),
        sa.Column("user_id", _id(), nullable=False),
        sa.Column("company", sa.Text(), nullable=False),
        sa.Column("happens_at", _utc(), nullable=False),
        sa.Column("logged_at", _utc(), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("interviewer", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("reflection_state", sa.String(16), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("reflection_completed_at", _utc(), nullable=True),
        sa.Column("thank_you", sa.String(16), nullable=True),
        sa.Column("thank_you_sent_at", _utc(), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("outcome_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_interviews"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_interviews_user_id_users", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_interviews_user_id_happens_at", "interviews", ["user_id", "happens_at"])
    op.create_table(
        "nudges",
        sa.Column("id", _id(), primary_key=True, autoincrement=True),
        sa.Column("user_id", _id(), nullable=False),
        sa.Column("interview_id", _id(), nullable=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("due_at", _utc(), nullable=False),
        sa.Column("idempotency_key", sa.String(255), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("lease_until", _utc(), nullable=True),
        sa.Column("original_due_at", _utc(), nullable=True),
        sa.Column("platform_message_id", sa.String(255), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", _utc(), nullable=True),
        sa.Column("created_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_nudges"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_nudges_user_id_users", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["interview_id"], ["interviews.id"], name="fk_nudges_interview_id_interviews",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("idempotency_key", name="uq_nudges_idempotency_key"),
    )
    op.create_index("ix_nudges_status_due_at", "nudges", ["status", "due_at"])
    op.create_index("ix_nudges_user_id_due_at", "nudges", ["user_id", "due_at"])
    op.create_index("ix_nudges_interview_id", "nudges", ["interview_id"])


def downgrade() -> None:
    op.drop_table("nudges")
    op.drop_table("interviews")
    op.drop_table("users")
