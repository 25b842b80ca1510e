"""Channel tips: subscriptions and one row per posted occurrence.

``tip_posts`` is unique per ``(subscription_id, occurrence)``: each replica inserts the
occurrence it is about to post with ``ON CONFLICT DO NOTHING`` and only the one whose insert
wins posts, so replicas sharing a database never double-post.

Written by hand to match :mod:`storage.models` on SQLite and PostgreSQL;
``tests/test_migrations.py`` checks that autogenerate finds no difference.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
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
        "tip_subscriptions",
        sa.Column("id", _id(), primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("workspace_id", sa.String(128), nullable=False),
        sa.Column("channel_id", sa.String(128), nullable=False),
        sa.Column("channel_name", sa.String(128), nullable=True),
        sa.Column("schedule", sa.String(128), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("areas", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("paused_reason", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(128), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("active_since", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_tip_subscriptions"),
        sa.UniqueConstraint(
            "platform", "workspace_id", "channel_id",
            name="uq_tip_subscriptions_platform_workspace_id_channel_id",
        ),
    )
    op.create_index("ix_tip_subscriptions_status", "tip_subscriptions", ["status"])
    op.create_table(
        "tip_posts",
        sa.Column("id", _id(), primary_key=True, autoincrement=True),
        sa.Column("subscription_id", _id(), nullable=False),
        sa.Column("occurrence", _utc(), nullable=False),
        sa.Column("tip_index", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_until", _utc(), nullable=True),
        sa.Column("message_id", sa.String(255), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", _utc(), nullable=True),
        sa.Column("posted_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_tip_posts"),
        sa.ForeignKeyConstraint(
            ["subscription_id"], ["tip_subscriptions.id"],
            name="fk_tip_posts_subscription_id_tip_subscriptions", ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "subscription_id", "occurrence", name="uq_tip_posts_subscription_id_occurrence"
        ),
    )
    op.create_index("ix_tip_posts_status_lease_until", "tip_posts", ["status", "lease_until"])


def downgrade() -> None:
    op.drop_table("tip_posts")
    op.drop_table("tip_subscriptions")
