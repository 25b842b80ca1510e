"""The SQL :class:`~bot.ports.StoryRepository` and :class:`~bot.ports.PrepRepository`.

The in-memory twin is :mod:`bot.memory.stories`; ``tests/test_stories_contract.py`` runs
the same suite on memory, SQLite and PostgreSQL. A new story takes the person's next
number in the INSERT itself (``SELECT COALESCE(MAX(number), 0) + 1``), so there is no
read-then-write gap; ``(user_id, number)`` is unique, so two racing adds cannot share one.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, delete, func, insert, literal, select, update

from bot.stories.model import Prep, Story
from storage.hot import hot
from storage.models import InterviewPrepRow, StoryRow
from storage.repositories import Executor

__all__ = ["SqlPrepRepository", "SqlStoryRepository"]

stories = cast(Table, StoryRow.__table__)
preps = cast(Table, InterviewPrepRow.__table__)

_STORY = hot(select(stories).where(stories.c.user_id == bindparam("b_user_id"),
                                   stories.c.number == bindparam("b_number")))
_STORIES = hot(select(stories).where(stories.c.user_id == bindparam("b_user_id"))
               .order_by(stories.c.number))
_PREP = hot(select(preps).where(preps.c.user_id == bindparam("b_user_id"),
                                preps.c.interview_id == bindparam("b_interview_id")))
_PREPS = hot(select(preps).where(preps.c.user_id == bindparam("b_user_id"))
             .order_by(preps.c.interview_id))


def story_from_row(row: Row[Any]) -> Story:
    return Story(
        user_id=row.user_id, number=row.number, title=row.title, text=row.text,
        created_at=row.created_at, id=row.id, tags=list(row.tags or []),
        told_in=[int(i) for i in row.told_in or []],
        source_interview_id=row.source_interview_id, updated_at=row.updated_at)


def story_values(story: Story) -> dict[str, Any]:
    return {"title": story.title, "text": story.text, "tags": list(story.tags),
            "told_in": list(story.told_in), "source_interview_id": story.source_interview_id,
            "updated_at": story.updated_at}


def prep_from_row(row: Row[Any]) -> Prep:
    return Prep(
        user_id=row.user_id, interview_id=row.interview_id, created_at=row.created_at,
        id=row.id, checked=list(row.checked or []), questions=list(row.questions or []),
        stories=[int(n) for n in row.stories or []], practised=bool(row.practised),
        asked_questions=row.asked_questions, updated_at=row.updated_at)


def prep_values(prep: Prep) -> dict[str, Any]:
    return {"checked": list(prep.checked), "questions": list(prep.questions),
            "stories": list(prep.stories), "practised": prep.practised,
            "asked_questions": prep.asked_questions, "updated_at": prep.updated_at}


class SqlStoryRepository:
    def __init__(self, db: Executor, dialect: str) -> None:
        self._db = db
        self._dialect = dialect

    async def add(self, story: Story) -> Story:
        next_number = (select(func.coalesce(func.max(stories.c.number), 0) + 1)
                       .where(stories.c.user_id == story.user_id).scalar_subquery())
        values = {**story_values(story), "user_id": story.user_id,
                  "created_at": story.created_at}
        columns = list(values)
        stmt = insert(stories).from_select(
            [*columns, "number"],
            select(*(literal(values[c], stories.c[c].type) for c in columns), next_number),
        ).returning(*stories.c)
        row = (await self._db.execute(stmt)).one()
        return story_from_row(row)

    async def get(self, user_id: int, number: int) -> Story | None:
        row = (await self._db.execute(
            _STORY, {"b_user_id": user_id, "b_number": number})).first()
        return story_from_row(row) if row is not None else None

    async def list_for_user(self, user_id: int) -> list[Story]:
        rows = await self._db.execute(_STORIES, {"b_user_id": user_id})
        return [story_from_row(r) for r in rows]

    async def save(self, story: Story) -> None:
        if story.id is None:
            raise ValueError("Story has no id: add it before saving")
        await self._db.execute(
            update(stories).where(stories.c.id == story.id).values(**story_values(story)))

    async def delete(self, user_id: int, number: int) -> bool:
        result = await self._db.execute(delete(stories).where(
            stories.c.user_id == user_id, stories.c.number == number).returning(stories.c.id))
        return result.first() is not None


class SqlPrepRepository:
    def __init__(self, db: Executor, dialect: str) -> None:
        self._db = db
        self._dialect = dialect

    async def get(self, user_id: int, interview_id: int) -> Prep | None:
        row = (await self._db.execute(
            _PREP, {"b_user_id": user_id, "b_interview_id": interview_id})).first()
        return prep_from_row(row) if row is not None else None

    async def list_for_user(self, user_id: int) -> list[Prep]:
        rows = await self._db.execute(_PREPS, {"b_user_id": user_id})
        return [prep_from_row(r) for r in rows]

    async def save(self, prep: Prep) -> Prep:
        if prep.id is None:
            stmt = insert(preps).values(
                **prep_values(prep), user_id=prep.user_id, interview_id=prep.interview_id,
                created_at=prep.created_at).returning(*preps.c)
            return prep_from_row((await self._db.execute(stmt)).one())
        await self._db.execute(
            update(preps).where(preps.c.id == prep.id).values(**prep_values(prep)))
        return prep
