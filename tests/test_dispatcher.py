"""The nudge dispatcher: durable, exactly-once delivery through a chat gateway.

Most tests run against every store (memory, SQLite, PostgreSQL) through the ``uow_factory``
fixture: the database is the source of truth, so what a restart or a crash does depends on
what the real storage does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

import pytest

from bot.clock import FixedClock, SystemClock
from bot.memory import memory_uow_factory
from bot.model import Interview, Nudge, NudgeKind, NudgeStatus, ThankYou, User
from bot.nudges.dispatcher import Dispatcher, DispatcherConfig
from bot.ports import (
    DeliveryDeclined,
    PermanentDeliveryError,
    RetryableDeliveryError,
    UnitOfWorkFactory,
)
from bot.service import Debrief
from bot.values import Identity, Incoming, Reply

# Wednesday 10 June 2026, 11:00 UTC = 12:00 BST.
T0 = datetime(2026, 6, 10, 11, 0, tzinfo=UTC)
ANN = Identity("console", "local", "ann")


class RecordingGateway:
    """A chat gateway that records what it delivers, or raises ``failure`` every time."""

    def __init__(self, failure: Exception | None = None) -> None:
        self.delivered: list[tuple[Identity, Reply]] = []
        self.calls = 0
        self.failure = failure

    async def deliver(self, user: User, reply: Reply) -> str:
        self.calls += 1
        if self.failure is not None:
            raise self.failure
        self.delivered.append((user.identity, reply))
        return f"msg-{len(self.delivered)}"

    @property
    def texts(self) -> list[str]:
        return [reply.text for _, reply in self.delivered]


class RecordingObserver:
    def __init__(self) -> None:
        self.events: list[str] = []

    def nudge_event(self, event: str, platform: str, lateness: float | None = None) -> None:
        self.events.append(event)


async def seed(f: UnitOfWorkFactory, dues: Sequence[datetime], *,
               kind: NudgeKind = NudgeKind.THANK_YOU, quiet: tuple[time, time] | None = None,
               thank_you: ThankYou | None = None) -> tuple[User, list[Nudge]]:
    """Ann in London, one interview at Acme, and a nudge due at each of ``dues``."""
    async with f() as uow:
        user = await uow.users.get_or_create(ANN, created_at=T0)
        user.display_name, user.timezone = "Ann Lee", "Europe/London"
        if quiet is not None:
            user.quiet_start, user.quiet_end = quiet
        await uow.users.save(user)
        assert user.id is not None
        interview = await uow.interviews.add(Interview(
            user_id=user.id, company="Acme", role="Backend Engineer",
            happens_at=T0 - timedelta(hours=1), logged_at=T0 - timedelta(hours=1),
            thank_you=thank_you))
        nudges = await uow.nudges.add_many([
            Nudge(user_id=user.id, interview_id=interview.id, kind=kind, due_at=due,
                  idempotency_key=f"test:{i}") for i, due in enumerate(dues)])
        await uow.commit()
    return user, nudges


async def stored(f: UnitOfWorkFactory, user: User) -> list[Nudge]:
    assert user.id is not None
    async with f() as uow:
        return await uow.nudges.list_for_user(user.id, pending_only=False)


async def one(f: UnitOfWorkFactory, user: User) -> Nudge:
    (nudge,) = await stored(f, user)
    return nudge


# -- durability ----------------------------------------------------------------------------


async def test_nudges_due_while_the_process_was_down_are_delivered_once_and_say_late(
        uow_factory: UnitOfWorkFactory) -> None:
    clock = FixedClock(T0)
    bot = Debrief(uow_factory, clock)
    await bot.handle(Incoming(ANN, text="/debrief interview Acme role:Analyst",
                              display_name="Ann Lee", platform_timezone="Europe/London"))
    # The process goes down right after; it comes back three hours later.
    clock.advance(timedelta(hours=3))
    gateway, observer = RecordingGateway(), RecordingObserver()
    restarted = Dispatcher(uow_factory, gateway, clock, observer=observer)
    assert await restarted.run_until_idle() == 1

    ((identity, reply),) = gateway.delivered
    assert identity == ANN
    assert "Sorry this is late" in reply.text
    assert "it was due Wed 10 Jun 14:00 BST" in reply.text  # 2h after 12:00 BST
    assert "thank-you note to Acme (Analyst)" in reply.text
    assert reply.copy_text and "Analyst" in reply.copy_text  # the draft comes with it
    assert "late" in observer.events and "sent" in observer.events

    # Another restart (or another tick) delivers nothing again.
    again = Dispatcher(uow_factory, gateway, clock)
    assert await again.run_until_idle() == 0
    assert await restarted.run_until_idle() == 0
    assert len(gateway.delivered) == 1

    async with uow_factory() as uow:
        user = await uow.users.get(ANN)
    assert user is not None
    nudges = await stored(uow_factory, user)
    sent = [n for n in nudges if n.status is NudgeStatus.SENT]
    assert len(sent) == 1
    assert sent[0].platform_message_id == "msg-1"
    assert sent[0].sent_at == clock.now()
    # the 20h reminder and the check-in are still to come
    assert sorted(n.kind.value for n in nudges if n.status is NudgeStatus.PENDING) == [
        "check_in", "thank_you"]


async def test_a_nudge_due_long_ago_after_the_window_closed_says_so(
        uow_factory: UnitOfWorkFactory) -> None:
    await seed(uow_factory, [T0 + timedelta(hours=1)])
    clock = FixedClock(T0 + timedelta(days=2))
    gateway = RecordingGateway()
    await Dispatcher(uow_factory, gateway, clock).run_until_idle()
    (text,) = gateway.texts
    assert "Sorry this is late" in text
    assert "24-hour window for Acme (Backend Engineer) has passed" in text


async def test_a_nudge_claimed_by_a_crashed_dispatcher_is_redelivered_after_its_lease(
        uow_factory: UnitOfWorkFactory) -> None:
    user, _ = await seed(uow_factory, [T0])
    # Dispatcher A claims the nudge with a 120 s lease, then the process dies.
    async with uow_factory() as uow:
        assert len(await uow.nudges.claim_due(T0, limit=10, lease_seconds=120)) == 1
        await uow.commit()
    clock = FixedClock(T0)
    gateway = RecordingGateway()
    survivor = Dispatcher(uow_factory, gateway, clock)
    assert await survivor.run_until_idle() == 0  # still leased to A
    clock.advance(timedelta(seconds=60))
    assert await survivor.run_until_idle() == 0
    clock.advance(timedelta(seconds=61))  # the lease has expired
    assert await survivor.run_until_idle() == 1
    assert len(gateway.delivered) == 1
    clock.advance(timedelta(minutes=10))
    assert await survivor.run_until_idle() == 0
    nudge = await one(uow_factory, user)
    assert nudge.status is NudgeStatus.SENT
    assert nudge.attempts == 2
    assert len(gateway.delivered) == 1


async def test_a_pointless_nudge_is_dropped_never_sent(uow_factory: UnitOfWorkFactory) -> None:
    user, _ = await seed(uow_factory, [T0], thank_you=ThankYou.SENT)
    gateway = RecordingGateway()
    assert await Dispatcher(uow_factory, gateway, FixedClock(T0)).run_until_idle() == 1
    assert gateway.calls == 0
    nudge = await one(uow_factory, user)
    assert nudge.status is NudgeStatus.DROPPED
    assert nudge.last_error and "sent" in nudge.last_error


# -- failures ------------------------------------------------------------------------------


async def test_a_retryable_failure_is_retried_with_backoff_then_fails_with_a_reason(
        uow_factory: UnitOfWorkFactory) -> None:
    user, _ = await seed(uow_factory, [T0])
    clock = FixedClock(T0)
    gateway = RecordingGateway(RetryableDeliveryError("HTTP 503 from the platform"))
    settings = DispatcherConfig(max_attempts=3, backoff_base=timedelta(seconds=30))
    dispatcher = Dispatcher(uow_factory, gateway, clock, settings=settings)

    await dispatcher.run_until_idle()
    nudge = await one(uow_factory, user)
    assert (nudge.status, nudge.attempts) == (NudgeStatus.PENDING, 1)
    assert nudge.due_at == T0 + timedelta(seconds=30)
    assert nudge.last_error and "HTTP 503" in nudge.last_error

    assert await dispatcher.run_until_idle() == 0  # not before the backoff
    assert gateway.calls == 1

    clock.advance(timedelta(seconds=30))
    await dispatcher.run_until_idle()
    nudge = await one(uow_factory, user)
    assert (nudge.status, nudge.attempts) == (NudgeStatus.PENDING, 2)
    assert nudge.due_at == clock.now() + timedelta(seconds=60)  # doubled

    clock.advance(timedelta(seconds=60))
    await dispatcher.run_until_idle()
    nudge = await one(uow_factory, user)
    assert nudge.status is NudgeStatus.FAILED
    assert nudge.last_error == "gave up after 3 attempts: HTTP 503 from the platform"

    clock.advance(timedelta(days=1))
    assert await dispatcher.run_until_idle() == 0
    assert gateway.calls == 3
    assert gateway.delivered == []


async def test_retry_after_from_the_platform_is_respected() -> None:
    f = memory_uow_factory()
    user, _ = await seed(f, [T0])
    gateway = RecordingGateway(RetryableDeliveryError("rate limited", retry_after=600))
    await Dispatcher(f, gateway, FixedClock(T0)).run_until_idle()
    nudge = await one(f, user)
    assert nudge.due_at == T0 + timedelta(seconds=600)
    assert nudge.status is NudgeStatus.PENDING


async def test_an_unexpected_gateway_error_is_retried_not_lost() -> None:
    f = memory_uow_factory()
    user, _ = await seed(f, [T0])
    clock = FixedClock(T0)
    gateway = RecordingGateway(ConnectionResetError("peer went away"))
    dispatcher = Dispatcher(f, gateway, clock)
    await dispatcher.run_until_idle()
    nudge = await one(f, user)
    assert nudge.status is NudgeStatus.PENDING
    assert nudge.last_error and "peer went away" in nudge.last_error
    gateway.failure = None
    clock.advance(timedelta(minutes=1))
    await dispatcher.run_until_idle()
    assert (await one(f, user)).status is NudgeStatus.SENT
    assert len(gateway.delivered) == 1


async def test_a_permanent_failure_fails_at_once_with_its_reason(
        uow_factory: UnitOfWorkFactory) -> None:
    user, _ = await seed(uow_factory, [T0])
    clock = FixedClock(T0)
    gateway = RecordingGateway(PermanentDeliveryError("DMs closed"))
    dispatcher = Dispatcher(uow_factory, gateway, clock)
    await dispatcher.run_until_idle()
    nudge = await one(uow_factory, user)
    assert nudge.status is NudgeStatus.FAILED
    assert nudge.last_error == "DMs closed"
    clock.advance(timedelta(days=1))
    await dispatcher.run_until_idle()
    assert gateway.calls == 1


# -- quiet hours ---------------------------------------------------------------------------


async def test_quiet_hours_defer_a_nudge_without_using_an_attempt(
        uow_factory: UnitOfWorkFactory) -> None:
    late_evening = datetime(2026, 6, 10, 21, 30, tzinfo=UTC)  # 22:30 BST: quiet
    user, _ = await seed(uow_factory, [late_evening])
    clock = FixedClock(late_evening + timedelta(minutes=5))
    gateway, observer = RecordingGateway(), RecordingObserver()
    dispatcher = Dispatcher(uow_factory, gateway, clock, observer=observer)
    await dispatcher.run_until_idle()
    assert gateway.calls == 0
    assert observer.events == ["deferred"]
    nudge = await one(uow_factory, user)
    assert (nudge.status, nudge.attempts) == (NudgeStatus.PENDING, 0)
    assert nudge.due_at == datetime(2026, 6, 11, 7, 0, tzinfo=UTC)  # 08:00 BST

    clock.set(datetime(2026, 6, 11, 6, 59, tzinfo=UTC))
    assert await dispatcher.run_until_idle() == 0
    clock.set(datetime(2026, 6, 11, 7, 0, tzinfo=UTC))
    assert await dispatcher.run_until_idle() == 1
    (text,) = gateway.texts
    assert "Sorry" not in text  # held on purpose, not late
    nudge = await one(uow_factory, user)
    assert (nudge.status, nudge.attempts) == (NudgeStatus.SENT, 1)


async def test_a_person_who_turned_quiet_hours_off_is_nudged_at_night() -> None:
    f = memory_uow_factory()
    night = datetime(2026, 6, 11, 1, 0, tzinfo=UTC)  # 02:00 BST
    await seed(f, [night], quiet=(time(0), time(0)))
    gateway = RecordingGateway()
    await Dispatcher(f, gateway, FixedClock(night)).run_until_idle()
    assert len(gateway.delivered) == 1


# -- batches, stop, ticking ----------------------------------------------------------------


async def test_many_due_nudges_are_delivered_in_batches_once_each(
        uow_factory: UnitOfWorkFactory) -> None:
    user, nudges = await seed(uow_factory, [T0 - timedelta(seconds=i) for i in range(25)])
    gateway = RecordingGateway()
    dispatcher = Dispatcher(uow_factory, gateway, FixedClock(T0),
                            settings=DispatcherConfig(batch_size=4))
    assert await dispatcher.run_until_idle() == 25
    assert len(gateway.delivered) == 25
    snoozes = [a.value for _, r in gateway.delivered for a in r.actions
               if a.value.startswith("/debrief nudges snooze")]
    assert sorted(snoozes) == sorted(f"/debrief nudges snooze {n.id} 1h" for n in nudges)
    assert {n.status for n in await stored(uow_factory, user)} == {NudgeStatus.SENT}


class GatedGateway(RecordingGateway):
    """Holds every delivery until ``gate`` opens, so a test can act mid-batch."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = asyncio.Event()
        self.gate = asyncio.Event()

    async def deliver(self, user: User, reply: Reply) -> str:
        self.entered.set()
        await self.gate.wait()
        return await super().deliver(user, reply)


async def test_stop_finishes_the_current_batch_and_leaves_nothing_claimed(
        uow_factory: UnitOfWorkFactory) -> None:
    user, _ = await seed(uow_factory, [T0 - timedelta(seconds=i) for i in range(4)])
    gateway = GatedGateway()
    dispatcher = Dispatcher(uow_factory, gateway, FixedClock(T0),
                            settings=DispatcherConfig(batch_size=2))
    running = asyncio.create_task(dispatcher.run_until_idle())
    await asyncio.wait_for(gateway.entered.wait(), 5)
    stopping = asyncio.create_task(dispatcher.stop())
    await asyncio.sleep(0.05)
    assert not stopping.done()  # waits for the batch in flight
    gateway.gate.set()
    await asyncio.wait_for(asyncio.gather(running, stopping), 5)

    nudges = await stored(uow_factory, user)
    by_status = {s: [n for n in nudges if n.status is s] for s in NudgeStatus}
    assert len(by_status[NudgeStatus.SENT]) == 2 == len(gateway.delivered)
    assert by_status[NudgeStatus.CLAIMED] == []
    assert [n.attempts for n in by_status[NudgeStatus.PENDING]] == [0, 0]
    # after a restart the rest goes out
    gateway2 = RecordingGateway()
    assert await Dispatcher(uow_factory, gateway2, FixedClock(T0)).run_until_idle() == 2


async def test_the_running_dispatcher_ticks_and_is_woken_early_for_a_soon_due_nudge() -> None:
    f = memory_uow_factory()
    clock = SystemClock()
    off = (time(0), time(0))  # whatever the real time of day is, no quiet hours
    user, _ = await seed(f, [clock.now() - timedelta(seconds=1)], quiet=off)
    gateway = RecordingGateway()
    dispatcher = Dispatcher(f, gateway, clock, settings=DispatcherConfig(interval=60))
    dispatcher.start()
    try:
        for _ in range(100):  # the first tick runs at once
            if gateway.delivered:
                break
            await asyncio.sleep(0.02)
        assert len(gateway.delivered) == 1

        due = clock.now() + timedelta(milliseconds=200)
        assert user.id is not None
        async with f() as uow:
            (interview,) = await uow.interviews.list_for_user(user.id)
            await uow.nudges.add_many([Nudge(user_id=user.id, interview_id=interview.id,
                                             kind=NudgeKind.CHECK_IN, due_at=due,
                                             idempotency_key="soon")])
            await uow.commit()
        dispatcher.wake(due)
        for _ in range(150):  # far sooner than the 60 s interval
            if len(gateway.delivered) == 2:
                break
            await asyncio.sleep(0.02)
        assert len(gateway.delivered) == 2
        assert "Have you heard back from Acme" in gateway.texts[1]
    finally:
        await dispatcher.stop()


@pytest.mark.parametrize("kind, words", [
    (NudgeKind.THANK_YOU, "has your thank-you note to Acme"),
    (NudgeKind.REFLECT, "How did your interview at Acme"),
    (NudgeKind.CHECK_IN, "Have you heard back from Acme"),
])
async def test_each_kind_of_nudge_says_what_it_is_about(kind: NudgeKind, words: str) -> None:
    f = memory_uow_factory()
    await seed(f, [T0], kind=kind)
    gateway = RecordingGateway()
    await Dispatcher(f, gateway, FixedClock(T0)).run_until_idle()
    ((_, reply),) = gateway.delivered
    assert words in reply.text
    assert reply.actions  # something to press (and type)


async def test_stopping_a_running_dispatcher_mid_delivery_still_records_the_nudge_as_sent(
) -> None:
    # APScheduler cancels running jobs when it shuts down; stop() must not let that
    # interrupt a batch whose messages already went out (they would stay claimed and be
    # sent a second time when the lease expires).
    f = memory_uow_factory()
    clock = SystemClock()
    user, _ = await seed(f, [clock.now() - timedelta(seconds=1)], quiet=(time(0), time(0)))
    gateway = GatedGateway()
    dispatcher = Dispatcher(f, gateway, clock, settings=DispatcherConfig(interval=60))
    dispatcher.start()
    await asyncio.wait_for(gateway.entered.wait(), 5)
    stopping = asyncio.create_task(dispatcher.stop())
    await asyncio.sleep(0.05)
    gateway.gate.set()
    await asyncio.wait_for(stopping, 5)
    await asyncio.sleep(0.05)
    assert len(gateway.delivered) == 1
    nudge = await one(f, user)
    assert nudge.status is NudgeStatus.SENT
    assert nudge.platform_message_id == "msg-1"


async def test_a_gateway_that_cannot_reach_the_person_leaves_the_nudge_without_using_attempts(
        uow_factory: UnitOfWorkFactory) -> None:
    # e.g. a console open on a database shared with `debrief run`, or a process that does
    # not serve the person's platform: the nudge must wait for a process that can reach
    # them, however often this one sees it, and never end as failed.
    f = uow_factory
    user, _ = await seed(f, [T0])
    clock = FixedClock(T0)
    gateway = RecordingGateway(DeliveryDeclined("not the person at this console",
                                                retry_after=300))
    dispatcher = Dispatcher(f, gateway, clock, settings=DispatcherConfig(max_attempts=3))
    for _ in range(10):
        await dispatcher.run_until_idle()
        clock.advance(timedelta(seconds=300))
    assert gateway.calls == 10
    nudge = await one(f, user)
    assert (nudge.status, nudge.attempts) == (NudgeStatus.PENDING, 0)
    # the process that can reach them delivers it
    reachable = RecordingGateway()
    assert await Dispatcher(f, reachable, clock).run_until_idle() == 1
    assert len(reachable.delivered) == 1


async def test_stop_gives_back_a_batch_stuck_on_a_hung_platform_after_the_grace_period(
) -> None:
    # SIGTERM while the platform hangs: after the grace period the batch is cancelled and
    # its nudges go back to pending, attempt returned, for another replica to send at once.
    f = memory_uow_factory()
    clock = SystemClock()
    user, _ = await seed(f, [clock.now() - timedelta(seconds=1)] * 3, quiet=(time(0), time(0)))
    gateway = GatedGateway()  # never opened: every send hangs
    dispatcher = Dispatcher(f, gateway, clock, settings=DispatcherConfig(interval=60))
    dispatcher.start()
    await asyncio.wait_for(gateway.entered.wait(), 5)
    await asyncio.wait_for(dispatcher.stop(grace=0.2), 5)

    nudges = await stored(f, user)
    assert [n.status for n in nudges] == [NudgeStatus.PENDING] * 3
    assert [n.attempts for n in nudges] == [0, 0, 0]
    assert gateway.delivered == []


async def test_a_thank_you_reminder_keeps_retrying_through_a_long_outage_while_its_window_is_open(
        uow_factory: UnitOfWorkFactory) -> None:
    user, _ = await seed(uow_factory, [T0])  # the interview was an hour before T0
    clock = FixedClock(T0)
    gateway = RecordingGateway(RetryableDeliveryError("HTTP 503 from the platform"))
    dispatcher = Dispatcher(uow_factory, gateway, clock, settings=DispatcherConfig(
        backoff_base=timedelta(seconds=30), backoff_cap=timedelta(hours=1)))
    while (nudge := await one(uow_factory, user)).status is NudgeStatus.PENDING:
        clock.set(max(clock.now(), nudge.due_at))
        await dispatcher.run_until_idle()
    assert nudge.status is NudgeStatus.FAILED
    assert gateway.calls > 10, "far more than 5 attempts over 7.5 minutes"
    window_end = T0 + timedelta(hours=23)
    assert window_end - timedelta(hours=1) < clock.now() <= window_end, \
        "it gave up only when the next try would fall after the 24-hour window"


async def test_a_check_in_keeps_retrying_for_a_day(uow_factory: UnitOfWorkFactory) -> None:
    user, _ = await seed(uow_factory, [T0], kind=NudgeKind.CHECK_IN)
    clock = FixedClock(T0)
    gateway = RecordingGateway(RetryableDeliveryError("HTTP 503 from the platform"))
    dispatcher = Dispatcher(uow_factory, gateway, clock, settings=DispatcherConfig(
        backoff_base=timedelta(seconds=30)))
    while (nudge := await one(uow_factory, user)).status is NudgeStatus.PENDING:
        clock.set(max(clock.now(), nudge.due_at))
        await dispatcher.run_until_idle()
    assert nudge.status is NudgeStatus.FAILED
    assert T0 + timedelta(hours=23) < clock.now() <= T0 + timedelta(days=1)
    assert nudge.last_error is not None and "HTTP 503" in nudge.last_error
