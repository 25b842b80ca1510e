"""Answers name the question they answer; interviews have a type.

``answers_version`` is bumped by every change to an interview's answers; an answer is
applied with ``UPDATE … WHERE id = ? AND answers_version = ?`` so a double click, a second
replica or an old button after a restart can never answer the next question. Existing
interviews start at 0 (their old buttons carry no version and are refused as stale).
``answers_changed_at`` is when that happened: a typed message that arrived before it was
written for an earlier question and is not applied to the next one.

``interview_type`` (recruiter, technical, panel, final, other) chooses the reflection's
questions; existing interviews have none and keep the general question set.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("interviews", sa.Column("answers_version", sa.Integer(), nullable=False,
                                          server_default="0"))
    op.add_column("interviews", sa.Column("answers_changed_at", sa.DateTime(timezone=True),
                                          nullable=True))
    op.add_column("interviews", sa.Column("interview_type", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("interviews") as batch:
        batch.drop_column("interview_type")
        batch.drop_column("answers_changed_at")
        batch.drop_column("answers_version")
