"""The write probe's one statement: upsert this process's heartbeat row (see
:class:`storage.models.HeartbeatRow`), and now and then delete the rows of processes gone
for a day. One short transaction that really writes and commits, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.models import HeartbeatRow

__all__ = ["beat"]

heartbeats = cast(Table, HeartbeatRow.__table__)


async def beat(engine: AsyncEngine, process: str, now: datetime, *,
               forget_before: datetime | None = None) -> None:
    insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    stmt = insert(heartbeats).values(process=process, beat_at=now)
    stmt = stmt.on_conflict_do_update(index_elements=["process"],
                                      set_={"beat_at": stmt.excluded.beat_at})
    async with engine.begin() as connection:
        await connection.execute(stmt)
        if forget_before is not None:
            await connection.execute(
                delete(heartbeats).where(heartbeats.c.beat_at < forget_before))
