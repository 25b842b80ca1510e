"""The in-memory :class:`~bot.ports.InboxRepository` (see :mod:`bot.inbox`).

Its table lives on the :class:`~bot.memory.MemoryStore` (unique per ``(platform, key)``) and
every write goes through the unit of work's undo log, like the other fakes; ``storage.inbox``
is the SQL twin and ``tests/test_inbox_contract.py`` runs both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.clock import require_utc, utc_or_none
from bot.inbox import InboxEntry, InboxStatus

if TYPE_CHECKING:
    from bot.memory import MemoryStore, MemoryUnitOfWork

__all__ = ["MemoryInboxRepository"]


def _copy(entry: InboxEntry) -> InboxEntry:
    return replace(entry, lease_until=require_utc(entry.lease_until),
                   received_at=require_utc(entry.received_at),
                   finished_at=utc_or_none(entry.finished_at))


class MemoryInboxRepository:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    async def _store(self) -> MemoryStore:
        return await self._uow.begin()

    async def accept(self, entries: Sequence[InboxEntry]) -> list[InboxEntry | None]:
        table = (await self._store()).inbox
        out: list[InboxEntry | None] = []
        for entry in entries:
            if (entry.platform, entry.key) in table.index:
                out.append(None)
                continue
            row = _copy(entry)
            row.id = table.new_id()
            self._uow.write(table, row.id, row)
            out.append(_copy(row))
        return out

    async def claim_expired(self, now: datetime, *, limit: int, lease_seconds: float,
                            platforms: Sequence[str]) -> list[InboxEntry]:
        now = require_utc(now)
        table = (await self._store()).inbox
        expired = sorted(
            (e for e in table.rows.values()
             if e.status is InboxStatus.CLAIMED and e.lease_until < now
             and e.platform in platforms),
            key=lambda e: e.id or 0)[:max(0, limit)]
        claimed = []
        for entry in expired:
            assert entry.id is not None
            row = replace(entry, lease_until=now + timedelta(seconds=lease_seconds),
                          attempts=entry.attempts + 1)
            self._uow.write(table, entry.id, row)
            claimed.append(_copy(row))
        return claimed

    async def renew(self, entry_ids: Sequence[int], lease_until: datetime) -> None:
        table = (await self._store()).inbox
        for entry_id in entry_ids:
            entry = table.rows.get(entry_id)
            if entry is not None and entry.status is InboxStatus.CLAIMED:
                self._uow.write(table, entry_id,
                                replace(entry, lease_until=require_utc(lease_until)))

    async def finish(self, results: Sequence[tuple[int, InboxStatus]], now: datetime) -> None:
        table = (await self._store()).inbox
        for entry_id, status in results:
            entry = table.rows.get(entry_id)
            if entry is None or entry.status is not InboxStatus.CLAIMED:
                continue
            self._uow.write(table, entry_id, replace(entry, status=status, payload=None,
                                                     finished_at=require_utc(now)))

    async def finish_claim(self, entry_id: int, attempts: int, now: datetime) -> bool:
        table = (await self._store()).inbox
        entry = table.rows.get(entry_id)
        if (entry is None or entry.status is not InboxStatus.CLAIMED
                or entry.attempts != attempts):
            return False
        self._uow.write(table, entry_id, replace(entry, status=InboxStatus.DONE, payload=None,
                                                 finished_at=require_utc(now)))
        return True

    async def purge(self, finished_before: datetime) -> int:
        finished_before = require_utc(finished_before)
        table = (await self._store()).inbox
        old = [e.id for e in table.rows.values()
               if e.finished_at is not None and e.finished_at < finished_before]
        for entry_id in old:
            assert entry_id is not None
            self._uow.write(table, entry_id, None)
        return len(old)

    async def count_open(self) -> int:
        table = (await self._store()).inbox
        return sum(1 for e in table.rows.values() if e.status is InboxStatus.CLAIMED)
