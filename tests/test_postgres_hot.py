"""PostgreSQL's hot statements on the asyncpg connection (storage/direct_pg.py): used by a
dialogue turn, inside the unit of work's one transaction, errors as SQLAlchemy raises them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot import copy
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


def _backend_pid(uow: Any) -> int:
    """The server process of the unit of work's pooled asyncpg connection."""
    return int(uow._connection.sync_connection.connection.dbapi_connection
               ._connection.get_server_pid())


async def _terminate(url: str, pid: int) -> None:
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        async with admin.connect() as conn:
            await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        await admin.dispose()
    await asyncio.sleep(0.1)  # the goodbye reaches the client


async def test_hot_and_ordinary_statements_share_one_transaction(pg_url: str) -> None:
    """The transaction begins with whichever statement comes first; a rollback undoes a
    hot write and an ordinary one together, a commit keeps both."""
    await upgrade(pg_url)
    engine = create_engine(pg_url)
    ann = Identity("slack", "T1", "UANN")
    try:
        async with sql_uow_factory(engine)() as uow:
            user = await uow.users.get_or_create(ann, created_at=NOW)  # ordinary insert
            await uow.commit()
        for commit in (False, True):
            async with sql_uow_factory(engine)() as uow:
                user.display_name = f"Ann {commit}"
                await uow.users.save(user)  # hot
                await uow.users.get_or_create(Identity("slack", "T1", f"UBOB{commit}"),
                                              created_at=NOW)  # hot select, ordinary insert
                if commit:
                    await uow.commit()
            async with sql_uow_factory(engine)() as uow:
                stored = await uow.users.get(ann)
                bob = await uow.users.get(Identity("slack", "T1", f"UBOB{commit}"))
            assert stored is not None
            assert stored.display_name == ("Ann True" if commit else None)
            assert (bob is not None) is commit
    finally:
        await engine.dispose()


@pytest.mark.parametrize("killed_before", ["statement", "commit"])
async def test_a_connection_killed_mid_transaction_fails_the_turn_and_the_pool_recovers(
        pg_url: str, killed_before: str) -> None:
    """The backend is terminated inside a unit of work that ran only hot statements: the
    next statement (or the COMMIT) raises SQLAlchemy's disconnect error, nothing of the
    transaction is kept, and the next unit of work gets a live connection."""
    await upgrade(pg_url)
    engine = create_engine(pg_url, pool_size=1, max_overflow=0)
    ann = Identity("slack", "T1", "UANN")
    factory = sql_uow_factory(engine)
    try:
        async with factory() as uow:
            user = await uow.users.get_or_create(ann, created_at=NOW)
            await uow.commit()
        with pytest.raises(DBAPIError) as raised:
            async with factory() as uow:
                user.display_name = "Ann"
                await uow.users.save(user)  # hot: BEGIN and UPDATE on asyncpg
                await _terminate(pg_url, _backend_pid(uow))
                if killed_before == "statement":
                    await uow.users.get(ann)
                await uow.commit()
        assert "connection" in str(raised.value.orig).lower()
        async with factory() as uow:  # the one pooled connection was replaced
            stored = await uow.users.get(ann)
            assert stored is not None and stored.display_name is None
    finally:
        await engine.dispose()


@pytest.mark.parametrize("dies_before", ["first statement", "commit"])
async def test_a_turn_whose_connection_dies_is_told_try_again_and_the_next_turn_works(
        pg_url: str, monkeypatch: pytest.MonkeyPatch, dies_before: str) -> None:
    """Before the first statement, the BEGIN that goes with it meets a dead connection."""
    await upgrade(pg_url)
    engine = create_engine(pg_url, pool_size=1, max_overflow=0)
    core = Debrief(sql_uow_factory(engine), SystemClock())
    sam = Identity("slack", "T1", "USAM")
    name = "run" if dies_before == "first statement" else "commit"
    real = getattr(PgHot, name)
    dying = [True]

    async def dying_then_real(self: PgHot, connection: Any, *args: Any) -> Any:
        if dying[0]:
            dying[0] = False
            raw = connection.sync_connection.connection.dbapi_connection._connection
            await _terminate(pg_url, raw.get_server_pid())
        return await real(self, connection, *args)

    try:
        await core.handle(Incoming(sam, text="/debrief interview Acme", in_dm=True))
        monkeypatch.setattr(PgHot, name, dying_then_real)
        replies = await core.handle(Incoming(sam, text="2", in_dm=True))
        assert [r.text for r in replies] == [copy.TRY_AGAIN_LATER]
        replies = await core.handle(Incoming(sam, text="2", in_dm=True))
        assert "question 2" in replies[-1].text  # the lost answer was not kept
    finally:
        await engine.dispose()


async def test_the_open_interview_comes_with_the_person_and_only_for_the_next_read(
        pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A turn reads the person and their open interview in one statement; that row answers
    only the read right after the person's, so a write in between is seen."""
    ran: list[str] = []
    real_run = PgHot.run

    async def counting(self: PgHot, connection: Any, plan: Any, params: Any) -> Any:
        ran.append(plan.sql)
        return await real_run(self, connection, plan, params)

    monkeypatch.setattr(PgHot, "run", counting)
    await upgrade(pg_url)
    engine = create_engine(pg_url)
    sam = Identity("slack", "T1", "USAM")
    try:
        core = Debrief(sql_uow_factory(engine), SystemClock())
        await core.handle(Incoming(sam, text="/debrief interview Acme", in_dm=True))
        ran.clear()
        replies = await core.handle(Incoming(sam, text="2", in_dm=True))
        assert "question 2" in replies[-1].text
        assert [sql.split()[0] for sql in ran] == ["SELECT", "UPDATE"]  # one read in all
        async with sql_uow_factory(engine)() as uow:
            user = await uow.users.get(sam)
            assert user is not None and user.id is not None
            active = user.active_interview_id
            assert active is not None
            interview = await uow.interviews.get(user.id, active)
            assert interview is not None and interview.company == "Acme"
            await uow.users.get(sam)
            interview.company = "Globex"
            await uow.interviews.save(interview)  # between the person and the read
            again = await uow.interviews.get(user.id, active)
            assert again is not None and again.company == "Globex"
            await uow.users.get(sam)
            assert await uow.interviews.get(user.id + 1, active) is None  # not theirs
            user.active_interview_id = active + 1000  # names no interview
            await uow.users.save(user)
            assert await uow.users.get(sam) is not None
            assert await uow.interviews.get(user.id, active + 1000) is None
    finally:
        await engine.dispose()
