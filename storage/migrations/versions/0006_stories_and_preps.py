"""Story bank and interview preparation.

``stories``: a person's stories, numbered per person (unique ``(user_id, number)``), with
skill tags and the interviews where each was told (JSON lists). ``interview_preps``: what
a person prepared for one interview (unique per interview): checklist items ticked, their
two questions, the stories they mean to tell.

Written by hand to match :mod:`storage.models` on SQLite and PostgreSQL;
``tests/test_migrations.py`` checks that autogenerate finds no difference.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
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
        "stories",
        sa.Column("id", _id(), primary_key=True, autoincrement=True),
        sa.Column("user_id", _id(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("told_in", sa.JSON(), nullable=False),
        sa.Column("source_interview_id", _id(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_stories_user_id_users", ondelete="CASCADE"),
        sa.UniqueConstraint("user_id", "number", name="uq_stories_user_id_number"),
    )
    op.create_table(
        "interview_preps",
        sa.Column("id", _id(), primary_key=True, autoincrement=True),
        sa.Column("user_id", _id(), nullable=False),
        sa.Column("interview_id", _id(), nullable=False),
        sa.Column("checked", sa.JSON(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("stories", sa.JSON(), nullable=False),
        sa.Column("practised", sa.Boolean(), nullable=False),
        sa.Column("asked_questions", sa.Boolean(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_interview_preps"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_interview_preps_user_id_users",
            ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["interview_id"], ["interviews.id"],
            name="fk_interview_preps_interview_id_interviews", ondelete="CASCADE"),
        sa.UniqueConstraint("interview_id", name="uq_interview_preps_interview_id"),
    )


def downgrade() -> None:
    op.drop_table("interview_preps")
    op.drop_table("stories")
