"""Interviews remember the community they were logged in (``/debrief community``).

Slack (and console) people belong to one workspace, so their existing interviews are
filled in with it. Discord people all share the workspace ``discord`` and may be in many
servers: which server an old interview came from is unknown, so it stays empty (counted in
no server's figures) rather than guessed.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("interviews", sa.Column("community_id", sa.String(128), nullable=True))
    op.create_index("ix_interviews_community_id", "interviews", ["community_id"])
    op.execute(
        "UPDATE interviews SET community_id = ("
        " SELECT users.workspace_id FROM users"
        " WHERE users.id = interviews.user_id AND users.platform <> 'discord')"
        " WHERE community_id IS NULL"
    )


def downgrade() -> None:
    op.drop_index("ix_interviews_community_id", table_name="interviews")
    with op.batch_alter_table("interviews") as batch:
        batch.drop_column("community_id")
