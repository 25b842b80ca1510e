"""The SQL :class:`~bot.ports.InboxRepository` (see :mod:`bot.inbox`; the in-memory twin is
:mod:`bot.memory.inbox`, ``tests/test_inbox_contract.py`` pins both).

* ``accept`` is ``INSERT … ON CONFLICT (platform, key) DO NOTHING RETURNING``, multi-row on
  PostgreSQL and one row per execution on SQLite (cheaper there, :mod:`storage.direct`), all
  in the caller's one transaction (group commit); on PostgreSQL a second replica inserting
  the same key waits for the first one's transaction and inserts nothing.
* ``claim_expired`` is one ``UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)
  RETURNING``, as for nudges: an entry whose process died is taken by exactly one replica.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, delete, func, select, update
from sqlalchemy.sql.elements import BindParameter

from bot.inbox import InboxEntry, InboxStatus
from storage.hot import hot
from storage.mapping import dialect_insert
from storage.models import InboxRow
from storage.repositories import Executor

__all__ = ["SqlInboxRepository"]

inbox = cast(Table, InboxRow.__table__)

_CLAIMED = InboxStatus.CLAIMED.value
_now: BindParameter[datetime] = bindparam("now")

_CLAIM_EXPIRED = (
    update(inbox)
    .where(inbox.c.id.in_(
        select(inbox.c.id)
        .where(inbox.c.status == _CLAIMED, inbox.c.lease_until < _now,
               inbox.c.platform.in_(bindparam("platforms", expanding=True)))
        .order_by(inbox.c.id)
        .limit(bindparam("limit"))
        .with_for_update(skip_locked=True)))
    .values(lease_until=bindparam("lease_until"), attempts=inbox.c.attempts + 1)
    .returning(*inbox.c)
)
# SQLite (storage.direct): one row per execution, run straight on the cursor; a batch of
# single-row inserts there costs less than SQLAlchemy's multi-row path for one.
# The row stored is the entry as given plus its id: only the id comes back (reading the
# whole row back, its payload and three timestamps, was a tenth of an acknowledgement's
# CPU on Slack).
_ACCEPT_ONE = hot(dialect_insert("sqlite")(inbox)
                  .on_conflict_do_nothing(index_elements=["platform", "key"])
                  .returning(inbox.c.id))
_ACCEPT_MANY_PG = (dialect_insert("postgresql")(inbox)
                   .on_conflict_do_nothing(index_elements=["platform", "key"])
                   .returning(*inbox.c))
_FINISH_CLAIM = hot(update(inbox)
                    .where(inbox.c.id == bindparam("b_id"), inbox.c.status == _CLAIMED,
                           inbox.c.attempts == bindparam("b_attempts"))
                    .values(status=InboxStatus.DONE.value, payload=None,
                            finished_at=bindparam("b_finished_at")))
_FINISH = (update(inbox)
           .where(inbox.c.id == bindparam("b_id"), inbox.c.status == _CLAIMED)
           .values(status=bindparam("b_status"), payload=None,
                   finished_at=bindparam("b_finished_at")))


def entry_from_row(row: Row[Any]) -> InboxEntry:
    return InboxEntry(
        platform=row.platform, key=row.key, lane=row.lane, kind=row.kind, payload=row.payload,
        lease_until=row.lease_until, received_at=row.received_at, id=row.id,
        status=InboxStatus(row.status), attempts=row.attempts, finished_at=row.finished_at)


def entry_values(entry: InboxEntry) -> dict[str, Any]:
    return {"platform": entry.platform, "key": entry.key, "lane": entry.lane,
            "kind": entry.kind, "payload": entry.payload, "status": entry.status.value,
            "attempts": entry.attempts, "lease_until": entry.lease_until,
            "received_at": entry.received_at, "finished_at": entry.finished_at}


class SqlInboxRepository:
    def __init__(self, db: Executor, dialect: str) -> None:
        self._db = db
        self._dialect = dialect

    async def accept(self, entries: Sequence[InboxEntry]) -> list[InboxEntry | None]:
        if not entries:
            return []
        if self._dialect != "postgresql":
            accepted: list[InboxEntry | None] = []
            for entry in entries:
                row = (await self._db.execute(_ACCEPT_ONE, entry_values(entry))).first()
                accepted.append(replace(entry, id=row.id) if row is not None else None)
            return accepted
        rows = await self._db.execute(_ACCEPT_MANY_PG, [entry_values(e) for e in entries])
        # RETURNING order is not guaranteed for multi-row inserts: match by the unique key.
        stored = {(row.platform, row.key): entry_from_row(row) for row in rows}
        return [stored.pop((e.platform, e.key), None) for e in entries]

    async def claim_expired(self, now: datetime, *, limit: int, lease_seconds: float,
                            platforms: Sequence[str]) -> list[InboxEntry]:
        if limit <= 0 or not platforms:
            return []
        rows = await self._db.execute(_CLAIM_EXPIRED, {
            "now": now, "limit": limit, "platforms": list(platforms),
            "lease_until": now + timedelta(seconds=lease_seconds)})
        return sorted((entry_from_row(row) for row in rows), key=lambda e: e.id or 0)

    async def renew(self, entry_ids: Sequence[int], lease_until: datetime) -> None:
        if entry_ids:
            await self._db.execute(
                update(inbox)
                .where(inbox.c.id.in_(list(entry_ids)), inbox.c.status == _CLAIMED)
                .values(lease_until=lease_until))

    async def finish(self, results: Sequence[tuple[int, InboxStatus]], now: datetime) -> None:
        if results:
            await self._db.execute(_FINISH, [
                {"b_id": entry_id, "b_status": status.value, "b_finished_at": now}
                for entry_id, status in results])

    async def finish_claim(self, entry_id: int, attempts: int, now: datetime) -> bool:
        result = await self._db.execute(_FINISH_CLAIM, {
            "b_id": entry_id, "b_attempts": attempts, "b_finished_at": now})
        return int(getattr(result, "rowcount", 0) or 0) == 1

    async def purge(self, finished_before: datetime) -> int:
        result = await self._db.execute(
            delete(inbox).where(inbox.c.finished_at < finished_before))
        return int(getattr(result, "rowcount", 0) or 0)

    async def count_open(self) -> int:
        return int((await self._db.execute(
            select(func.count()).select_from(inbox).where(inbox.c.status == _CLAIMED)
        )).scalar_one())
