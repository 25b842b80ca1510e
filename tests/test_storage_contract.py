"""One contract for every storage backend: the in-memory fake, SQLite and PostgreSQL.

Core code is unit-tested against ``bot.memory``; these tests are what make that honest.
Every test runs once per backend through the parametrized ``uow_factory`` fixture.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta, timezone

import pytest

from bot.model import (
    Interview,
    Nudge,
    NudgeKind,
    NudgeStatus,
    Outcome,
    ReflectionState,
    ThankYou,
    User,
)
from bot.ports import UnitOfWorkFactory
from bot.values import Identity

T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
ALICE = Identity("slack", "T1", "U1")


async def add_user(f: UnitOfWorkFactory, identity: Identity = ALICE) -> User:
    async with f() as uow:
        user = await uow.users.get_or_create(identity, created_at=T0)
        await uow.commit()
    return user


async def add_interview(
    f: UnitOfWorkFactory, user_id: int, *, company: str = "Acme", at: datetime = T0
) -> Interview:
    async with f() as uow:
        interview = await uow.interviews.add(
            Interview(user_id=user_id, company=company, happens_at=at, logged_at=at)
        )
        await uow.commit()
    return interview


def nudge(user_id: int, key: str, due_at: datetime = T0, **kw: object) -> Nudge:
    kw.setdefault("kind", NudgeKind.THANK_YOU)
    return Nudge(user_id=user_id, due_at=due_at, idempotency_key=key, **kw)  # type: ignore[arg-type]


async def add_nudges(f: UnitOfWorkFactory, *nudges: Nudge) -> list[Nudge]:
    async with f() as uow:
        added = await uow.nudges.add_many(nudges)
        await uow.commit()
    return added


async def get_nudge(f: UnitOfWorkFactory, user_id: int, nudge_id: int | None) -> Nudge:
    assert nudge_id is not None
    async with f() as uow:
        found = await uow.nudges.get(user_id, nudge_id)
    assert found is not None
    return found


async def claim(
    f: UnitOfWorkFactory, now: datetime, limit: int = 10, lease: float = 60
) -> list[Nudge]:
    async with f() as uow:
        claimed = await uow.nudges.claim_due(now, limit=limit, lease_seconds=lease)
        await uow.commit()
    return claimed


# -- users -------------------------------------------------------------------------------


async def test_get_or_create_creates_a_person_once(uow_factory: UnitOfWorkFactory) -> None:
    first = await add_user(uow_factory)
    again = await add_user(uow_factory)
    assert first.id is not None and again.id == first.id
    async with uow_factory() as uow:
        found = await uow.users.get(ALICE)
        assert await uow.users.get(Identity("slack", "T1", "nobody")) is None
    assert found == first
    assert found.created_at == T0 and found.created_at.tzinfo is not None


async def test_same_user_id_in_two_workspaces_is_two_people(
    uow_factory: UnitOfWorkFactory,
) -> None:
    one = await add_user(uow_factory, Identity("slack", "T1", "U1"))
    two = await add_user(uow_factory, Identity("slack", "T2", "U1"))
    three = await add_user(uow_factory, Identity("discord", "T1", "U1"))
    assert len({one.id, two.id, three.id}) == 3


async def test_user_save_round_trips_every_field(uow_factory: UnitOfWorkFactory) -> None:
    user = await add_user(uow_factory)
    interview = await add_interview(uow_factory, user.id or 0)
    user.display_name = "Alice «A» 🚀"
    user.timezone = "Europe/Berlin"
    user.platform_timezone = "America/New_York"
    user.quiet_start, user.quiet_end = time(22, 0), time(7, 30)
    user.active_interview_id = interview.id
    user.last_channel_id = "C42"
    async with uow_factory() as uow:
        await uow.users.save(user)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.users.get(ALICE) == user


async def test_mutating_a_returned_user_changes_nothing_without_save(
    uow_factory: UnitOfWorkFactory,
) -> None:
    await add_user(uow_factory)
    async with uow_factory() as uow:
        user = await uow.users.get(ALICE)
        assert user is not None
        user.display_name = "changed"
        await uow.commit()
    async with uow_factory() as uow:
        again = await uow.users.get(ALICE)
    assert again is not None and again.display_name is None


async def test_get_many_users_returns_the_ones_that_exist(uow_factory: UnitOfWorkFactory) -> None:
    one = await add_user(uow_factory, Identity("slack", "T1", "U1"))
    two = await add_user(uow_factory, Identity("slack", "T1", "U2"))
    async with uow_factory() as uow:
        found = await uow.users.get_many([one.id or 0, two.id or 0, 999_999])
        assert await uow.users.get_many([]) == {}
    assert found == {one.id: one, two.id: two}


async def test_deleting_a_person_deletes_their_interviews_and_nudges(
    uow_factory: UnitOfWorkFactory,
) -> None:
    alice = await add_user(uow_factory)
    bob = await add_user(uow_factory, Identity("slack", "T1", "BOB"))
    a_iv = await add_interview(uow_factory, alice.id or 0)
    b_iv = await add_interview(uow_factory, bob.id or 0)
    await add_nudges(
        uow_factory,
        nudge(alice.id or 0, "a1", interview_id=a_iv.id),
        nudge(alice.id or 0, "a2"),
        nudge(bob.id or 0, "b1", interview_id=b_iv.id),
    )
    async with uow_factory() as uow:
        await uow.users.delete(alice.id or 0)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.users.get(ALICE) is None
        assert await uow.interviews.list_for_user(alice.id or 0) == []
        assert await uow.nudges.list_for_user(alice.id or 0, pending_only=False) == []
        assert len(await uow.interviews.list_for_user(bob.id or 0)) == 1
        assert [n.idempotency_key for n in await uow.nudges.list_for_user(bob.id or 0)] == ["b1"]
        assert sum((await uow.nudges.count_by_status()).values()) == 1
        # Saving a forgotten person (a turn racing with ``forget``) changes nothing.
        await uow.users.save(alice)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.users.get(ALICE) is None


# -- interviews --------------------------------------------------------------------------


async def test_interview_round_trips_answers_enums_and_utc_datetimes(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = await add_user(uow_factory)
    berlin = timezone(timedelta(hours=1))
    interview = Interview(
        user_id=user.id or 0, company="Acme GmbH", role="Engineer", interviewer="Dana",
        notes="long\nnotes", happens_at=datetime(2025, 3, 10, 14, 0, tzinfo=berlin),
        logged_at=T0, reflection_state=ReflectionState.OPEN,
        answers={"stand_out": "the demo", "rating": 4, "asked": ["a", "b"], "n": {"x": None}},
        thank_you=ThankYou.PLANNED, outcome=Outcome.CALLBACK, outcome_at=T0,
    )
    async with uow_factory() as uow:
        added = await uow.interviews.add(interview)
        await uow.commit()
    assert added.id is not None and interview.id == added.id
    async with uow_factory() as uow:
        found = await uow.interviews.get(user.id or 0, added.id)
    assert found is not None
    assert found.happens_at == datetime(2025, 3, 10, 13, 0, tzinfo=UTC)
    assert found.happens_at.tzinfo == UTC and found.logged_at.tzinfo == UTC
    assert found.answers == interview.answers
    assert list(found.answers) == list(interview.answers)  # key order survives
    assert (found.reflection_state, found.thank_you, found.outcome) == (
        ReflectionState.OPEN, ThankYou.PLANNED, Outcome.CALLBACK,
    )
    assert found.company == "Acme GmbH" and found.notes == "long\nnotes"


async def test_interview_belongs_to_its_user_only(uow_factory: UnitOfWorkFactory) -> None:
    alice = await add_user(uow_factory)
    bob = await add_user(uow_factory, Identity("slack", "T1", "BOB"))
    interview = await add_interview(uow_factory, alice.id or 0)
    async with uow_factory() as uow:
        assert await uow.interviews.get(bob.id or 0, interview.id or 0) is None
        assert await uow.interviews.get(alice.id or 0, 999_999) is None


async def test_interviews_are_listed_newest_first_with_limit(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = await add_user(uow_factory)
    for day, company in [(2, "B"), (1, "A"), (3, "C")]:
        await add_interview(uow_factory, user.id or 0, company=company,
                            at=T0 + timedelta(days=day))
    async with uow_factory() as uow:
        everything = await uow.interviews.list_for_user(user.id or 0)
        newest = await uow.interviews.list_for_user(user.id or 0, limit=2)
    assert [i.company for i in everything] == ["C", "B", "A"]
    assert [i.company for i in newest] == ["C", "B"]


async def test_interview_save_updates_and_get_many_reads_back(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = await add_user(uow_factory)
    one = await add_interview(uow_factory, user.id or 0, company="One")
    two = await add_interview(uow_factory, user.id or 0, company="Two")
    one.reflection_state = ReflectionState.COMPLETED
    one.reflection_completed_at = T0 + timedelta(hours=1)
    one.thank_you, one.thank_you_sent_at = ThankYou.SENT, T0 + timedelta(hours=2)
    async with uow_factory() as uow:
        await uow.interviews.save(one)
        await uow.commit()
    async with uow_factory() as uow:
        found = await uow.interviews.get_many([one.id or 0, two.id or 0, 424_242])
        assert await uow.interviews.get_many([]) == {}
    assert found == {one.id: one, two.id: two}


async def test_save_never_writes_answers_so_a_stale_copy_cannot_undo_an_answer(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = await add_user(uow_factory)
    stale = await add_interview(uow_factory, user.id or 0)
    async with uow_factory() as uow:
        fresh = await uow.interviews.get(user.id or 0, stale.id or 0)
        assert fresh is not None
        fresh.answers = {"memorable": "some"}
        assert await uow.interviews.save_answers(fresh, expected_version=0)
        await uow.commit()
    stale.thank_you = ThankYou.PLANNED  # e.g. /debrief followup working on an older read
    async with uow_factory() as uow:
        await uow.interviews.save(stale)
        await uow.commit()
    async with uow_factory() as uow:
        found = await uow.interviews.get(user.id or 0, stale.id or 0)
    assert found is not None
    assert found.answers == {"memorable": "some"} and found.answers_version == 1
    assert found.thank_you is ThankYou.PLANNED


async def test_answers_are_written_only_at_the_version_they_were_read_at(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = await add_user(uow_factory)
    interview = await add_interview(uow_factory, user.id or 0)
    interview.answers = {"memorable": "some"}
    interview.reflection_state = ReflectionState.OPEN
    async with uow_factory() as uow:
        assert await uow.interviews.save_answers(interview, expected_version=0)
        await uow.commit()
    assert interview.answers_version == 1
    late = replace(interview, answers={"memorable": "some", "remember": "some"},
                   reflection_state=ReflectionState.COMPLETED, answers_version=0)
    async with uow_factory() as uow:
        assert not await uow.interviews.save_answers(late, expected_version=0)
        await uow.commit()
    assert late.answers_version == 0
    async with uow_factory() as uow:
        found = await uow.interviews.get(user.id or 0, interview.id or 0)
    assert found is not None
    assert found.answers == {"memorable": "some"} and found.answers_version == 1
    assert found.reflection_state is ReflectionState.OPEN  # nothing of the late write


async def test_of_two_concurrent_answers_to_one_question_exactly_one_is_stored(
    uow_factory: UnitOfWorkFactory, request: pytest.FixtureRequest,
) -> None:
    """Two clicks on one question, each in its own transaction (truly concurrent on
    PostgreSQL, both past their read before either writes; SQLite and the fake serialise
    them): exactly one conditional write wins and the next question stays unanswered."""
    user = await add_user(uow_factory)
    interview = await add_interview(uow_factory, user.id or 0)
    concurrent = request.node.callspec.params["uow_factory"] == "postgres"
    both_read = asyncio.Barrier(2) if concurrent else None

    async def answer(value: str) -> bool:
        async with uow_factory() as uow:
            found = await uow.interviews.get(user.id or 0, interview.id or 0)
            assert found is not None
            if both_read is not None:
                await asyncio.wait_for(both_read.wait(), 5)
            found.answers = {**found.answers, "memorable": value} if \
                "memorable" not in found.answers else {**found.answers, "remember": value}
            # Both clicks carry the version the question was asked at.
            stored = await uow.interviews.save_answers(found, expected_version=0)
            await uow.commit()
        return stored

    results = await asyncio.gather(answer("some"), answer("memorable"))
    assert sorted(results) == [False, True]
    async with uow_factory() as uow:
        found = await uow.interviews.get(user.id or 0, interview.id or 0)
    assert found is not None
    assert list(found.answers) == ["memorable"] and found.answers_version == 1


# -- nudges: adding and listing ----------------------------------------------------------


async def test_add_many_skips_existing_idempotency_keys(uow_factory: UnitOfWorkFactory) -> None:
    user = await add_user(uow_factory)
    uid = user.id or 0
    first = await add_nudges(uow_factory, nudge(uid, "k1"), nudge(uid, "k2", T0 + timedelta(1)))
    assert [n.idempotency_key for n in first] == ["k1", "k2"]
    assert all(n.id is not None and n.status is NudgeStatus.PENDING for n in first)
    assert first[1].original_due_at == T0 + timedelta(1)
    again = await add_nudges(
        uow_factory, nudge(uid, "k3"), nudge(uid, "k2"), nudge(uid, "k4"), nudge(uid, "k3")
    )
    assert [n.idempotency_key for n in again] == ["k3", "k4"]
    async with uow_factory() as uow:
        stored = await uow.nudges.list_for_user(uid)
        assert await uow.nudges.add_many([]) == []
    assert sorted(n.idempotency_key for n in stored) == ["k1", "k2", "k3", "k4"]


async def test_nudges_are_listed_soonest_first_by_user_and_interview(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = await add_user(uow_factory)
    uid = user.id or 0
    interview = await add_interview(uow_factory, uid)
    late, soon, other = await add_nudges(
        uow_factory,
        nudge(uid, "late", T0 + timedelta(hours=5), interview_id=interview.id),
        nudge(uid, "soon", T0 + timedelta(hours=1), interview_id=interview.id),
        nudge(uid, "other", T0 + timedelta(hours=3), kind=NudgeKind.CHECK_IN),
    )
    async with uow_factory() as uow:
        await uow.nudges.mark_failed(other.id or 0, "gone")
        await uow.commit()
    async with uow_factory() as uow:
        pending = await uow.nudges.list_for_user(uid)
        everything = await uow.nudges.list_for_user(uid, pending_only=False)
        for_interview = await uow.nudges.list_for_interview(interview.id or 0)
        assert await uow.nudges.get(uid + 1, soon.id or 0) is None
    assert [n.idempotency_key for n in pending] == ["soon", "late"]
    assert [n.idempotency_key for n in everything] == ["soon", "other", "late"]
    assert [n.idempotency_key for n in for_interview] == ["soon", "late"]
    assert late == await get_nudge(uow_factory, uid, late.id)


async def test_cancel_applies_every_filter_and_counts(uow_factory: UnitOfWorkFactory) -> None:
    alice = await add_user(uow_factory)
    bob = await add_user(uow_factory, Identity("slack", "T1", "BOB"))
    uid = alice.id or 0
    iv1 = await add_interview(uow_factory, uid)
    iv2 = await add_interview(uow_factory, uid)
    ty1, ci1, ty2, single, bobs = await add_nudges(
        uow_factory,
        nudge(uid, "ty1", interview_id=iv1.id),
        nudge(uid, "ci1", interview_id=iv1.id, kind=NudgeKind.CHECK_IN),
        nudge(uid, "ty2", interview_id=iv2.id),
        nudge(uid, "single", T0 + timedelta(days=9)),
        nudge(bob.id or 0, "bob"),
    )
    async with uow_factory() as uow:
        assert await uow.nudges.cancel(uid, interview_id=iv1.id,
                                       kinds=[NudgeKind.THANK_YOU]) == 1
        assert await uow.nudges.cancel(uid, nudge_id=bobs.id) == 0  # not hers
        assert await uow.nudges.cancel(uid, nudge_id=single.id) == 1
        assert await uow.nudges.cancel(uid, nudge_id=single.id) == 0  # already cancelled
        await uow.commit()
    assert (await get_nudge(uow_factory, uid, ty1.id)).status is NudgeStatus.CANCELLED
    assert (await get_nudge(uow_factory, uid, ci1.id)).status is NudgeStatus.PENDING
    await claim(uow_factory, T0)  # ci1, ty2 (and bob's) are claimed now
    async with uow_factory() as uow:
        # Claimed ones are cancelled too; already-cancelled ones are not counted again.
        assert await uow.nudges.cancel(uid) == 2
        await uow.commit()
    statuses = {n.idempotency_key: n.status for n in await _all(uow_factory, uid)}
    assert set(statuses.values()) == {NudgeStatus.CANCELLED}
    assert (await get_nudge(uow_factory, bob.id or 0, bobs.id)).status is NudgeStatus.CLAIMED
    assert ty2.id is not None


async def _all(f: UnitOfWorkFactory, user_id: int) -> list[Nudge]:
    async with f() as uow:
        return await uow.nudges.list_for_user(user_id, pending_only=False)


async def test_reschedule_moves_only_pending_nudges(uow_factory: UnitOfWorkFactory) -> None:
    user = await add_user(uow_factory)
    uid = user.id or 0
    snoozed, sent = await add_nudges(uow_factory, nudge(uid, "a"), nudge(uid, "b"))
    async with uow_factory() as uow:
        await uow.nudges.mark_sent([(sent.id or 0, "m1", T0)])
        await uow.nudges.reschedule(snoozed.id or 0, T0 + timedelta(hours=3))
        await uow.nudges.reschedule(sent.id or 0, T0 + timedelta(hours=3))
        await uow.commit()
    moved = await get_nudge(uow_factory, uid, snoozed.id)
    assert moved.due_at == T0 + timedelta(hours=3) and moved.original_due_at == T0
    assert (await get_nudge(uow_factory, uid, sent.id)).due_at == T0


# -- nudges: the dispatcher's claim and its outcomes -------------------------------------


async def test_claim_due_takes_due_nudges_soonest_first_with_a_lease(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = await add_user(uow_factory)
    uid = user.id or 0
    await add_nudges(
        uow_factory,
        nudge(uid, "later", T0 - timedelta(minutes=1)),
        nudge(uid, "future", T0 + timedelta(seconds=1)),
        nudge(uid, "first", T0 - timedelta(hours=2)),
        nudge(uid, "exactly-now", T0),
    )
    claimed = await claim(uow_factory, T0, limit=2, lease=30)
    assert [n.idempotency_key for n in claimed] == ["first", "later"]
    for n in claimed:
        assert n.status is NudgeStatus.CLAIMED and n.attempts == 1
        assert n.lease_until == T0 + timedelta(seconds=30) and n.lease_until.tzinfo == UTC
    rest = await claim(uow_factory, T0, limit=10)
    assert [n.idempotency_key for n in rest] == ["exactly-now"]
    assert await claim(uow_factory, T0, limit=10) == []
    assert await claim(uow_factory, T0 + timedelta(seconds=1), limit=0) == []
    stored = await get_nudge(uow_factory, uid, claimed[0].id)
    assert stored.status is NudgeStatus.CLAIMED and stored.attempts == 1


async def test_claim_due_on_platforms_takes_only_the_people_on_them(
        uow_factory: UnitOfWorkFactory) -> None:
    # A process claims only what it can send: a Slack-only replica never takes a Discord
    # person's reminder (and so never has to put it back).
    slack = await add_user(uow_factory, ALICE)
    discord = await add_user(uow_factory, Identity("discord", "discord", "42"))
    assert slack.id is not None and discord.id is not None
    await add_nudges(uow_factory, nudge(slack.id, "s"), nudge(discord.id, "d"))
    async with uow_factory() as uow:
        none = await uow.nudges.claim_due(T0, limit=10, lease_seconds=60, platforms=[])
        mine = await uow.nudges.claim_due(T0, limit=10, lease_seconds=60,
                                          platforms=["slack", "console"])
        await uow.commit()
    assert none == []
    assert [n.idempotency_key for n in mine] == ["s"]
    assert [n.idempotency_key for n in await claim(uow_factory, T0)] == ["d"]


async def test_claim_due_reclaims_expired_leases_only(uow_factory: UnitOfWorkFactory) -> None:
    user = await add_user(uow_factory)
    uid = user.id or 0
    (only,) = await add_nudges(uow_factory, nudge(uid, "k"))
    await claim(uow_factory, T0, lease=60)
    # The lease runs until T0+60s: a second dispatcher must keep its hands off until then.
    assert await claim(uow_factory, T0 + timedelta(seconds=59)) == []
    assert await claim(uow_factory, T0 + timedelta(seconds=60)) == []
    (again,) = await claim(uow_factory, T0 + timedelta(seconds=61), lease=60)
    assert again.id == only.id and again.attempts == 2
    assert again.lease_until == T0 + timedelta(seconds=121)


async def test_mark_sent_records_message_ids_and_ends_the_lease(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = await add_user(uow_factory)
    uid = user.id or 0
    await add_nudges(uow_factory, nudge(uid, "a"), nudge(uid, "b"), nudge(uid, "c"))
    a, b, c = await claim(uow_factory, T0)
    sent_at = T0 + timedelta(seconds=2)
    async with uow_factory() as uow:
        await uow.nudges.mark_sent([(a.id or 0, "m-a", sent_at), (b.id or 0, "m-b", sent_at)])
        await uow.nudges.mark_sent([])
        await uow.commit()
    for original, message_id in [(a, "m-a"), (b, "m-b")]:
        stored = await get_nudge(uow_factory, uid, original.id)
        assert stored.status is NudgeStatus.SENT and stored.platform_message_id == message_id
        assert stored.sent_at == sent_at and stored.lease_until is None
    assert (await get_nudge(uow_factory, uid, c.id)).status is NudgeStatus.CLAIMED


async def test_mark_retry_puts_the_nudge_back_with_the_error(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = await add_user(uow_factory)
    uid = user.id or 0
    await add_nudges(uow_factory, nudge(uid, "a"))
    (a,) = await claim(uow_factory, T0)
    async with uow_factory() as uow:
        await uow.nudges.mark_retry(a.id or 0, T0 + timedelta(minutes=5), "HTTP 503")
        await uow.commit()
    stored = await get_nudge(uow_factory, uid, a.id)
    assert stored.status is NudgeStatus.PENDING and stored.last_error == "HTTP 503"
    assert stored.due_at == T0 + timedelta(minutes=5) and stored.lease_until is None
    assert stored.attempts == 1  # the failed attempt counts
    assert await claim(uow_factory, T0 + timedelta(minutes=4)) == []
    (again,) = await claim(uow_factory, T0 + timedelta(minutes=5))
    assert again.attempts == 2


async def test_mark_failed_and_dropped_end_the_nudge_with_a_reason(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = await add_user(uow_factory)
    uid = user.id or 0
    await add_nudges(uow_factory, nudge(uid, "a"), nudge(uid, "b"))
    a, b = await claim(uow_factory, T0)
    async with uow_factory() as uow:
        await uow.nudges.mark_failed(a.id or 0, "DMs closed")
        await uow.nudges.mark_dropped(b.id or 0, "interview outcome already known")
        await uow.commit()
    failed = await get_nudge(uow_factory, uid, a.id)
    dropped = await get_nudge(uow_factory, uid, b.id)
    assert (failed.status, failed.last_error, failed.lease_until) == (
        NudgeStatus.FAILED, "DMs closed", None)
    assert (dropped.status, dropped.last_error) == (
        NudgeStatus.DROPPED, "interview outcome already known")
    assert await claim(uow_factory, T0 + timedelta(days=1)) == []


async def test_defer_and_release_give_the_attempt_back(uow_factory: UnitOfWorkFactory) -> None:
    user = await add_user(uow_factory)
    uid = user.id or 0
    await add_nudges(uow_factory, nudge(uid, "quiet"), nudge(uid, "x"), nudge(uid, "y"))
    quiet, x, y = await claim(uow_factory, T0)
    morning = T0 + timedelta(hours=9)
    async with uow_factory() as uow:
        await uow.nudges.defer(quiet.id or 0, morning)
        await uow.nudges.release([x.id or 0, y.id or 0])
        await uow.nudges.release([])
        await uow.commit()
    deferred = await get_nudge(uow_factory, uid, quiet.id)
    assert (deferred.status, deferred.attempts, deferred.due_at, deferred.lease_until) == (
        NudgeStatus.PENDING, 0, morning, None)
    assert deferred.original_due_at == T0
    for released in (x, y):
        stored = await get_nudge(uow_factory, uid, released.id)
        assert (stored.status, stored.attempts, stored.due_at, stored.lease_until) == (
            NudgeStatus.PENDING, 0, T0, None)
    assert [n.idempotency_key for n in await claim(uow_factory, T0)] == ["x", "y"]


async def test_a_nudge_cancelled_in_flight_is_not_resurrected(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = await add_user(uow_factory)
    uid = user.id or 0
    await add_nudges(uow_factory, nudge(uid, "a"), nudge(uid, "b"), nudge(uid, "c"))
    a, b, c = await claim(uow_factory, T0)
    async with uow_factory() as uow:
        assert await uow.nudges.cancel(uid) == 3
        await uow.nudges.mark_retry(a.id or 0, T0, "503")
        await uow.nudges.defer(b.id or 0, T0)
        await uow.nudges.release([c.id or 0])
        await uow.nudges.mark_failed(c.id or 0, "late")
        await uow.commit()
    assert {n.status for n in await _all(uow_factory, uid)} == {NudgeStatus.CANCELLED}
    assert await claim(uow_factory, T0 + timedelta(days=1)) == []


async def test_count_by_status_counts_every_status(uow_factory: UnitOfWorkFactory) -> None:
    user = await add_user(uow_factory)
    uid = user.id or 0
    async with uow_factory() as uow:
        assert set((await uow.nudges.count_by_status()).values()) == {0}
    await add_nudges(uow_factory, *(nudge(uid, f"k{i}") for i in range(4)))
    a, b, _c = await claim(uow_factory, T0, limit=3)
    async with uow_factory() as uow:
        await uow.nudges.mark_sent([(a.id or 0, "m", T0)])
        await uow.nudges.mark_failed(b.id or 0, "x")
        counts = await uow.nudges.count_by_status()
    assert counts == {"pending": 1, "claimed": 1, "sent": 1, "failed": 1,
                      "cancelled": 0, "dropped": 0}


async def test_naive_datetimes_are_refused(uow_factory: UnitOfWorkFactory) -> None:
    user = await add_user(uow_factory)
    with pytest.raises(Exception, match="naive datetime"):
        async with uow_factory() as uow:
            await uow.nudges.add_many([nudge(user.id or 0, "k", datetime(2025, 1, 1))])


# -- transactions ------------------------------------------------------------------------


async def test_rollback_discards_changes(uow_factory: UnitOfWorkFactory) -> None:
    user = await add_user(uow_factory)
    uid = user.id or 0
    await add_nudges(uow_factory, nudge(uid, "a"))
    async with uow_factory() as uow:
        await uow.users.get_or_create(Identity("slack", "T1", "GHOST"), created_at=T0)
        await uow.interviews.add(Interview(user_id=uid, company="X", happens_at=T0,
                                           logged_at=T0))
        await uow.nudges.add_many([nudge(uid, "b")])
        assert len(await uow.nudges.claim_due(T0, limit=10, lease_seconds=60)) == 2
        await uow.users.delete(uid)
        await uow.rollback()
        # The unit of work stays usable after a rollback, in a new transaction.
        assert await uow.users.get(ALICE) == user
    async with uow_factory() as uow:
        assert await uow.interviews.add(Interview(user_id=uid, company="Y", happens_at=T0,
                                                  logged_at=T0))
        # Leaving the block without commit rolls back as well.
    async with uow_factory() as uow:
        assert await uow.users.get(Identity("slack", "T1", "GHOST")) is None
        assert await uow.interviews.list_for_user(uid) == []
        nudges = await uow.nudges.list_for_user(uid)
    assert [(n.idempotency_key, n.status, n.attempts) for n in nudges] == [
        ("a", NudgeStatus.PENDING, 0)]


async def test_an_exception_in_the_block_rolls_back(uow_factory: UnitOfWorkFactory) -> None:
    with pytest.raises(RuntimeError):
        async with uow_factory() as uow:
            await uow.users.get_or_create(ALICE, created_at=T0)
            raise RuntimeError("boom")
    async with uow_factory() as uow:
        assert await uow.users.get(ALICE) is None


async def test_uncommitted_changes_are_invisible_to_another_unit_of_work(
    uow_factory: UnitOfWorkFactory,
) -> None:
    """Another unit of work never observes uncommitted data.

    PostgreSQL answers at once from its snapshot; SQLite (one writer) and the fake make the
    reader wait until the writer finishes. Either way the reader must not see the ghost.
    """
    user = await add_user(uow_factory)

    async def read() -> tuple[User | None, str | None]:
        async with uow_factory() as other:
            ghost = await other.users.get(Identity("slack", "T1", "GHOST"))
            alice = await other.users.get(ALICE)
            return ghost, alice.display_name if alice else None

    async with uow_factory() as writer:
        await writer.users.get_or_create(Identity("slack", "T1", "GHOST"), created_at=T0)
        user.display_name = "uncommitted"
        await writer.users.save(user)
        reader = asyncio.create_task(read())
        await asyncio.sleep(0.2)
        await writer.rollback()
    assert await asyncio.wait_for(reader, 15) == (None, None)


async def test_committed_changes_are_visible_to_the_next_unit_of_work(
    uow_factory: UnitOfWorkFactory,
) -> None:
    async with uow_factory() as writer:
        await writer.users.get_or_create(ALICE, created_at=T0)
        await writer.commit()
    async with uow_factory() as reader:
        assert await reader.users.get(ALICE) is not None


async def test_a_nested_unit_of_work_fails_fast_where_there_is_one_writer(
    uow_factory: UnitOfWorkFactory, request: pytest.FixtureRequest
) -> None:
    """On SQLite the inner one could never get the write lock: fail now, do not hang."""
    backend = request.node.callspec.params["uow_factory"]
    async with uow_factory() as outer:
        await outer.users.get_or_create(ALICE, created_at=T0)
        async with uow_factory() as inner:
            if backend == "postgres":
                assert await inner.users.get(ALICE) is None  # fine, and isolated
            else:
                with pytest.raises(RuntimeError, match="inside another"):
                    await inner.users.get(ALICE)
        await outer.commit()
    async with uow_factory() as uow:
        assert await uow.users.get(ALICE) is not None


async def test_a_unit_of_work_can_go_on_after_commit(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        user = await uow.users.get_or_create(ALICE, created_at=T0)
        await uow.commit()
        user.display_name = "second transaction"
        await uow.users.save(user)
        await uow.commit()
        # And a second unit of work can run once this one has committed.
        async with uow_factory() as other:
            found = await other.users.get(ALICE)
    assert found is not None and found.display_name == "second transaction"


async def test_deleting_one_interview_takes_its_reminders_and_prep_and_nothing_else(
        uow_factory: UnitOfWorkFactory) -> None:
    """``/debrief history #n remove confirm``: ON DELETE CASCADE on SQLite and PostgreSQL
    (and the fake's copy of it), only for the owner, once."""
    from bot.stories.model import Prep

    alice, bob = await add_user(uow_factory), await add_user(
        uow_factory, Identity("slack", "T1", "BOB"))
    uid = alice.id or 0
    gone = await add_interview(uow_factory, uid)
    kept = await add_interview(uow_factory, uid, company="Globex")
    await add_nudges(uow_factory, nudge(uid, "gone", interview_id=gone.id),
                     nudge(uid, "kept", interview_id=kept.id))
    async with uow_factory() as uow:
        await uow.preps.save(Prep(user_id=uid, interview_id=gone.id or 0, created_at=T0))
        await uow.commit()
    async with uow_factory() as uow:
        assert not await uow.interviews.delete(bob.id or 0, gone.id or 0)  # not Bob's
        assert await uow.interviews.delete(uid, gone.id or 0)
        await uow.commit()
    async with uow_factory() as uow:
        assert not await uow.interviews.delete(uid, gone.id or 0)  # sent twice: once
        assert await uow.interviews.get(uid, gone.id or 0) is None
        assert [i.company for i in await uow.interviews.list_for_user(uid)] == ["Globex"]
        left = await uow.nudges.list_for_user(uid, pending_only=False)
        assert [n.idempotency_key for n in left] == ["kept"]
        assert await uow.preps.get(uid, gone.id or 0) is None
