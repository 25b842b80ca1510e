"""The in-memory :class:`~bot.ports.NudgeRepository`.

Its table lives on the :class:`~bot.memory.MemoryStore` (unique per idempotency key).
Transitions only move nudges in the state they are for, and a claim takes due rows (and
expired leases) under the store's one write lock, as the single SQL statement does in
``storage.sql``; ``tests/test_storage_contract.py`` runs both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.clock import require_utc, utc_or_none
from bot.model import Nudge, NudgeKind, NudgeStatus

if TYPE_CHECKING:
    from bot.memory.store import MemoryTable, MemoryUnitOfWork

__all__ = ["MemoryNudgeRepository"]

_OPEN = (NudgeStatus.PENDING, NudgeStatus.CLAIMED)


def _copy_nudge(nudge: Nudge) -> Nudge:
    return replace(
        nudge,
        due_at=require_utc(nudge.due_at),
        lease_until=utc_or_none(nudge.lease_until),
        original_due_at=utc_or_none(nudge.original_due_at),
        sent_at=utc_or_none(nudge.sent_at),
        created_at=utc_or_none(nudge.created_at),
    )


class MemoryNudgeRepository:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    async def _table(self) -> MemoryTable[Nudge]:
        return (await self._uow.begin()).nudges

    def _update(self, table: MemoryTable[Nudge], nudge: Nudge, **changes: Any) -> None:
        self._uow.write(table, nudge.id or 0, replace(nudge, **changes))

    async def add_many(self, nudges: Sequence[Nudge]) -> list[Nudge]:
        store = await self._uow.begin()
        added = []
        for nudge in nudges:
            if nudge.idempotency_key in store.nudges.index:
                continue
            if nudge.user_id not in store.users.rows:
                raise ValueError(f"no user {nudge.user_id} (foreign key)")
            if nudge.interview_id is not None and nudge.interview_id not in store.interviews.rows:
                raise ValueError(f"no interview {nudge.interview_id} (foreign key)")
            stored = _copy_nudge(nudge)
            stored.id = store.nudges.new_id()
            stored.original_due_at = stored.original_due_at or stored.due_at
            self._uow.write(store.nudges, stored.id, stored)
            added.append(_copy_nudge(stored))
        return added

    async def get(self, user_id: int, nudge_id: int) -> Nudge | None:
        row = (await self._table()).rows.get(nudge_id)
        return _copy_nudge(row) if row is not None and row.user_id == user_id else None

    async def _sorted(self, keep: Callable[[Nudge], bool]) -> list[Nudge]:
        rows = [r for r in (await self._table()).rows.values() if keep(r)]
        return [_copy_nudge(r) for r in sorted(rows, key=lambda r: (r.due_at, r.id or 0))]

    async def list_for_user(self, user_id: int, *, pending_only: bool = True) -> list[Nudge]:
        return await self._sorted(
            lambda r: r.user_id == user_id and (not pending_only or r.status in _OPEN)
        )

    async def list_for_interview(self, interview_id: int) -> list[Nudge]:
        return await self._sorted(lambda r: r.interview_id == interview_id)

    async def cancel(
        self, user_id: int, *, interview_id: int | None = None,
        kinds: Sequence[NudgeKind] | None = None, nudge_id: int | None = None,
    ) -> int:
        table = await self._table()
        matching = [
            r for r in table.rows.values()
            if r.user_id == user_id and r.status in _OPEN
            and (interview_id is None or r.interview_id == interview_id)
            and (kinds is None or r.kind in kinds)
            and (nudge_id is None or r.id == nudge_id)
        ]
        for row in matching:
            self._update(table, row, status=NudgeStatus.CANCELLED, lease_until=None)
        return len(matching)

    async def _move(
        self, nudge_id: int, states: Sequence[NudgeStatus], *, give_back_attempt: bool = False,
        **changes: Any,
    ) -> None:
        table = await self._table()
        row = table.rows.get(nudge_id)
        if row is not None and row.status in states:
            if give_back_attempt:
                changes["attempts"] = row.attempts - 1
            self._update(table, row, **changes)

    async def reschedule(self, nudge_id: int, due_at: datetime) -> None:
        await self._move(nudge_id, (NudgeStatus.PENDING,), due_at=require_utc(due_at))

    async def claim_due(self, now: datetime, *, limit: int, lease_seconds: float,
                        platforms: Sequence[str] | None = None) -> list[Nudge]:
        table = await self._table()
        now = require_utc(now)
        lease_until = now + timedelta(seconds=lease_seconds)
        people = (await self._uow.begin()).users.rows
        due = sorted(
            (
                r for r in table.rows.values()
                if ((r.status is NudgeStatus.PENDING and r.due_at <= now)
                    or (r.status is NudgeStatus.CLAIMED and r.lease_until is not None
                        and r.lease_until < now))
                and (platforms is None or (r.user_id in people and
                                           people[r.user_id].identity.platform in platforms))
            ),
            key=lambda r: (r.due_at, r.id or 0),
        )[: max(limit, 0)]
        for row in due:
            self._update(table, row, status=NudgeStatus.CLAIMED, lease_until=lease_until,
                         attempts=row.attempts + 1)
        return [_copy_nudge(table.rows[r.id or 0]) for r in due]

    async def mark_sent(self, results: Sequence[tuple[int, str, datetime]]) -> None:
        table = await self._table()
        for nudge_id, message_id, sent_at in results:
            row = table.rows.get(nudge_id)
            if row is not None:  # recorded whatever the state: the message did go out
                self._update(table, row, status=NudgeStatus.SENT, lease_until=None,
                             platform_message_id=message_id, sent_at=require_utc(sent_at))

    async def mark_retry(self, nudge_id: int, due_at: datetime, error: str) -> None:
        await self._move(nudge_id, (NudgeStatus.CLAIMED,), status=NudgeStatus.PENDING,
                         due_at=require_utc(due_at), last_error=error, lease_until=None)

    async def mark_failed(self, nudge_id: int, error: str) -> None:
        await self._move(nudge_id, _OPEN, status=NudgeStatus.FAILED, last_error=error,
                         lease_until=None)

    async def mark_dropped(self, nudge_id: int, reason: str) -> None:
        await self._move(nudge_id, _OPEN, status=NudgeStatus.DROPPED, last_error=reason,
                         lease_until=None)

    async def defer(self, nudge_id: int, due_at: datetime) -> None:
        await self._move(nudge_id, (NudgeStatus.CLAIMED,), status=NudgeStatus.PENDING,
                         due_at=require_utc(due_at), lease_until=None, give_back_attempt=True)

    async def release(self, nudge_ids: Sequence[int]) -> None:
        for nudge_id in nudge_ids:
            await self._move(nudge_id, (NudgeStatus.CLAIMED,), status=NudgeStatus.PENDING,
                             lease_until=None, give_back_attempt=True)

    async def count_by_status(self) -> dict[str, int]:
        counts = {status.value: 0 for status in NudgeStatus}
        for row in (await self._table()).rows.values():
            counts[row.status.value] += 1
        return counts
