"""An interview's profile (field, seniority, location, source, stage reached) and who
marked its thank-you status (so `back` in the reflection can undo what its answer did).

All nullable: the profile is never required, and existing interviews simply have none.
Existing thank-you statuses came from either the reflection or `/debrief followup`; which
one is unknown, so they stay unmarked and `back` leaves them as they are.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = (
    ("thank_you_source", 16),
    ("job_field", 100),
    ("seniority", 32),
    ("location", 100),
    ("source", 32),
    ("stage", 32),
)


def upgrade() -> None:
    for name, length in _COLUMNS:
        op.add_column("interviews", sa.Column(name, sa.String(length), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("interviews") as batch:
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)
