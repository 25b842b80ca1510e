"""Heartbeats: one row per running process, rewritten by its write probe, so ``/readyz``
fails as soon as the database refuses writes (issue 12, item 9).

Written by hand to match :mod:`storage.models` on SQLite and PostgreSQL;
``tests/test_migrations.py`` checks that autogenerate finds no difference.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "heartbeats",
        sa.Column("process", sa.String(128), nullable=False),
        sa.Column("beat_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("process", name="pk_heartbeats"),
    )


def downgrade() -> None:
    op.drop_table("heartbeats")
