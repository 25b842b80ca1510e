"""PostgreSQL's hot statements on the asyncpg connection (storage/direct_pg.py): used by a
dialogue turn, inside the unit of work's one transaction, errors as SQLAlchemy raises them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError

from bot.clock import SystemClock
from bot.model import Interview
from bot.service import Debrief
from bot.values import Identity, Incoming
from storage import create_engine, sql_uow_factory, upgrade
from storage.direct_pg import PgHot

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


async def test_a_turn_runs_its_hot_statements_on_asyncpg_in_one_transaction(
        pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []
    real_run = PgHot.run

    async def counting(self: PgHot, connection: Any, plan: Any, params: Any) -> Any:
        ran.append(plan.sql.split()[0])
        return await real_run(self, connection, plan, params)

    monkeypatch.setattr(PgHot, "run", counting)
    await upgrade(pg_url)
    engine = create_engine(pg_url)
    try:
        core = Debrief(sql_uow_factory(engine), SystemClock())
        sam = Identity("slack", "T1", "USAM")
        await core.handle(Incoming(sam, text="/debrief interview Acme", in_dm=True))
        replies = await core.handle(Incoming(sam, text="2", in_dm=True))
        assert "question 2" in replies[-1].text
        assert {"SELECT", "UPDATE"} <= set(ran)
        # What the hot path wrote was committed: a fresh unit of work reads it back.
        async with sql_uow_factory(engine)() as uow:
            user = await uow.users.get(sam)
            assert user is not None and user.active_interview_id is not None
            interview = await uow.interviews.get(user.id or 0, user.active_interview_id)
            assert interview is not None and interview.answers_version >= 1
    finally:
        await engine.dispose()


async def test_a_failing_hot_statement_raises_as_sqlalchemy_and_rolls_back(pg_url: str) -> None:
    await upgrade(pg_url)
    engine = create_engine(pg_url)
    try:
        with pytest.raises(IntegrityError):
            async with sql_uow_factory(engine)() as uow:
                await uow.users.get_or_create(Identity("slack", "T1", "UANN"), created_at=NOW)
                await uow.interviews.add(Interview(user_id=999_999, company="Nowhere",
                                                   happens_at=NOW, logged_at=NOW))
                await uow.commit()
        async with sql_uow_factory(engine)() as uow:  # the whole transaction rolled back
            assert await uow.users.get(Identity("slack", "T1", "UANN")) is None
    finally:
        await engine.dispose()
