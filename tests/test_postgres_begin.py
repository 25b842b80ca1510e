"""PostgreSQL transactions begin in their first statement's round trip (storage/pg_begin.py):
fewer trips per turn, and still nothing half-stored when the client side fails (a dead
connection: tests/test_postgres_hot.py), one answer when two replicas race."""

from __future__ import annotations

import asyncio
import asyncio.selector_events
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.exc import DBAPIError

from bot.clock import SystemClock
from bot.model import User
from bot.reflection.dialogue import next_question
from bot.reflection.questions import questions_for
from bot.service import Debrief
from bot.values import AnswerKey, Identity, Incoming
from storage import create_engine, sql_uow_factory, upgrade

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ANN = Identity("slack", "T1", "UANN")


class Sends:
    """Counts the writes to every asyncio socket (one per round trip to the server)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        transport = asyncio.selector_events._SelectorSocketTransport
        real = transport.write

        def write(inner: Any, data: Any) -> None:
            self.count += 1
            real(inner, data)

        monkeypatch.setattr(transport, "write", write)


async def _stored_ann(factory: Any) -> User:
    async with factory() as uow:
        user: User = await uow.users.get_or_create(ANN, created_at=NOW)
        await uow.commit()
    return user


async def test_a_write_and_its_begin_take_one_round_trip_and_are_committed(
        pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    await upgrade(pg_url)
    engine = create_engine(pg_url, pool_size=1, max_overflow=0)
    factory = sql_uow_factory(engine)
    try:
        user = await _stored_ann(factory)
        sends = Sends(monkeypatch)
        for name in ("Annie", "Ann"):  # the first also prepares the UPDATE on the connection
            sends.count = 0
            async with factory() as uow:
                user.display_name = name
                await uow.users.save(user)  # BEGIN and UPDATE
                await uow.commit()  # COMMIT
        assert sends.count == 2
        async with factory() as uow:
            stored = await uow.users.get(ANN)
            assert stored is not None and stored.display_name == "Ann"
    finally:
        await engine.dispose()


async def test_a_value_the_driver_cannot_send_keeps_nothing_and_the_next_unit_works(
        pg_url: str) -> None:
    """asyncpg refuses the argument after BEGIN was queued for the same send: the
    connection is dropped (it could hold a BEGIN without its end), nothing is stored, and
    the pool's one connection is replaced for the next unit of work."""
    await upgrade(pg_url)
    engine = create_engine(pg_url, pool_size=1, max_overflow=0)
    factory = sql_uow_factory(engine)
    try:
        user = await _stored_ann(factory)
        with pytest.raises(DBAPIError):
            async with factory() as uow:
                user.display_name = 12345  # type: ignore[assignment]  # text column
                await uow.users.save(user)
                await uow.commit()
        async with factory() as uow:  # on the replacement connection
            stored = await uow.users.get(ANN)
        assert stored is not None and stored.display_name is None
    finally:
        await engine.dispose()


async def test_two_replicas_taking_one_click_at_once_store_one_answer(pg_url: str) -> None:
    """Two engines (two replicas) take the same click on the open question at the same
    moment, again and again: each time one answer is stored and the other is told so."""
    await upgrade(pg_url)
    engines = [create_engine(pg_url), create_engine(pg_url)]
    cores = [Debrief(sql_uow_factory(e), SystemClock()) for e in engines]
    sam = Identity("slack", "T1", "USAM")
    try:
        await cores[0].handle(Incoming(sam, text="/debrief interview Acme", in_dm=True))
        for _ in range(5):
            async with sql_uow_factory(engines[0])() as uow:
                user = await uow.users.get(sam)
                assert user is not None and user.id is not None
                assert user.active_interview_id is not None
                before = await uow.interviews.get(user.id, user.active_interview_id)
            assert before is not None and before.id is not None
            question = next_question(before.answers, questions_for(before))
            assert question is not None
            text = "2" if question.kind != "text" else "we cut costs by 40%"  # not a nod
            click = Incoming(sam, text=text, in_dm=True, answer_key=AnswerKey(
                before.id, question.key, before.answers_version))
            first, second = await asyncio.gather(*(core.handle(click) for core in cores))
            told = [replies[-1].text for replies in (first, second)]
            assert sum("already answered" in t for t in told) == 1, told
            async with sql_uow_factory(engines[1])() as uow:
                after = await uow.interviews.get(user.id, before.id)
            assert after is not None
            assert after.answers_version == before.answers_version + 1
            assert set(after.answers) - set(before.answers) == {question.key}
    finally:
        for engine in engines:
            await engine.dispose()
