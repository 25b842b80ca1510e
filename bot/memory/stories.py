"""The in-memory :class:`~bot.ports.StoryRepository` and :class:`~bot.ports.PrepRepository`.

Their tables live on the :class:`~bot.memory.MemoryStore` (``stories`` unique per
``(user_id, number)``, ``preps`` unique per interview) and every write goes through the
unit of work's undo log; ``storage.stories`` is the SQL twin and
``tests/test_stories_contract.py`` runs both.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.clock import require_utc, utc_or_none
from bot.stories.model import Prep, Story

if TYPE_CHECKING:
    from bot.memory import MemoryStore, MemoryUnitOfWork

__all__ = ["MemoryPrepRepository", "MemoryStoryRepository"]


def _copy_story(story: Story) -> Story:
    return replace(story, tags=list(story.tags), told_in=list(story.told_in),
                   created_at=require_utc(story.created_at),
                   updated_at=utc_or_none(story.updated_at))


def _copy_prep(prep: Prep) -> Prep:
    return replace(prep, checked=list(prep.checked), questions=list(prep.questions),
                   stories=list(prep.stories), created_at=require_utc(prep.created_at),
                   updated_at=utc_or_none(prep.updated_at))


class MemoryStoryRepository:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    async def _store(self) -> MemoryStore:
        return await self._uow.begin()

    async def add(self, story: Story) -> Story:
        store = await self._store()
        number = 1 + max((r.number for r in store.stories.rows.values()
                          if r.user_id == story.user_id), default=0)
        row = _copy_story(replace(story, id=store.stories.new_id(), number=number))
        self._uow.write(store.stories, row.id or 0, row)
        return _copy_story(row)

    async def get(self, user_id: int, number: int) -> Story | None:
        table = (await self._store()).stories
        row_id = table.index.get((user_id, number))
        return _copy_story(table.rows[row_id]) if row_id is not None else None

    async def list_for_user(self, user_id: int) -> list[Story]:
        rows = (await self._store()).stories.rows.values()
        return [_copy_story(r) for r in sorted(
            (r for r in rows if r.user_id == user_id), key=lambda r: r.number)]

    async def save(self, story: Story) -> None:
        table = (await self._store()).stories
        old = table.rows.get(story.id or 0)
        if old is None:
            return
        self._uow.write(table, old.id or 0, _copy_story(replace(
            story, user_id=old.user_id, number=old.number, created_at=old.created_at)))

    async def delete(self, user_id: int, number: int) -> bool:
        table = (await self._store()).stories
        row_id = table.index.get((user_id, number))
        if row_id is None:
            return False
        self._uow.write(table, row_id, None)
        return True


class MemoryPrepRepository:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self._uow = uow

    async def get(self, user_id: int, interview_id: int) -> Prep | None:
        table = (await self._uow.begin()).preps
        row_id = table.index.get(interview_id)
        row = table.rows.get(row_id) if row_id is not None else None
        return _copy_prep(row) if row is not None and row.user_id == user_id else None

    async def list_for_user(self, user_id: int) -> list[Prep]:
        rows = (await self._uow.begin()).preps.rows.values()
        return [_copy_prep(r) for r in sorted(
            (r for r in rows if r.user_id == user_id), key=lambda r: r.interview_id)]

    async def save(self, prep: Prep) -> Prep:
        store = await self._uow.begin()
        table = store.preps
        if prep.id is None:
            existing = table.index.get(prep.interview_id)
            if existing is not None:
                raise ValueError(f"interview {prep.interview_id} already has a prep")
            row = _copy_prep(replace(prep, id=table.new_id()))
        else:
            old = table.rows.get(prep.id)
            if old is None:
                return _copy_prep(prep)
            row = _copy_prep(replace(prep, user_id=old.user_id,
                                     interview_id=old.interview_id,
                                     created_at=old.created_at))
        self._uow.write(table, row.id or 0, row)
        return _copy_prep(row)
