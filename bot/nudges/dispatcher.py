"""The nudge dispatcher: claims due nudges from the database and hands them to a gateway.

The database is the source of truth: a claim is one statement with a lease, so replicas
never take the same nudge, and a crash only leaves leases that expire and are re-claimed.
APScheduler only drives time (a tick every few seconds, woken early for soon-due nudges);
nothing per nudge lives in memory between ticks.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.config import CoreConfig
from bot.followthrough.flow import close_silently
from bot.model import Interview, Nudge, NudgeKind, User
from bot.notes import notes_for, sender_name
from bot.notes.followups import follow_up_email
from bot.notes.words import panel_hint
from bot.nudges.policy import NudgePolicy, user_zone
from bot.nudges.words import nudge_reply
from bot.ports import (
    ChatGateway,
    Clock,
    DeliveryDeclined,
    PermanentDeliveryError,
    UnitOfWork,
    UnitOfWorkFactory,
)
from bot.stories.model import Prep, Story
from bot.throttle import Throttled
from bot.values import Reply

__all__ = ["DispatchObserver", "Dispatcher", "DispatcherConfig"]

log = logging.getLogger(__name__)


class DispatchObserver(Protocol):
    """Where the dispatcher reports what happened (Prometheus in ``debrief run``)."""

    def nudge_event(self, event: str, platform: str, lateness: float | None = None) -> None:
        """``event`` is one of claimed, sent, late, retry, failed, dropped, deferred."""
        ...


@dataclass(frozen=True, slots=True)
class DispatcherConfig:
    interval: float = 2.0
    batch_size: int = 200
    lease: timedelta = timedelta(seconds=120)
    # A ceiling only: a reminder is retried while it still makes sense (see
    # NudgePolicy.keep_trying_until), which is what normally ends the retries.
    max_attempts: int = 50
    backoff_base: timedelta = timedelta(seconds=30)
    backoff_cap: timedelta = timedelta(hours=1)
    concurrency: int = 64
    # Only claim nudges for people on these platforms (the ones this process can reach);
    # None claims everyone's (tests, a single process serving everything).
    platforms: tuple[str, ...] | None = None


@dataclass(slots=True)
class _Outcome:
    sent: list[tuple[int, str, datetime]]
    retry: list[tuple[int, datetime, str]]
    failed: list[tuple[int, str]]
    declined: list[tuple[int, datetime]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Ready:
    """For a prep message: what they prepared, their stories and their interviews (whose
    reflections say which story to have ready). Empty for every other nudge."""

    prep: Prep | None = None
    bank: list[Story] = field(default_factory=list)
    history: list[Interview] = field(default_factory=list)


async def _prep_of(uow: UnitOfWork, nudge: Nudge, user: User, interview: Interview) -> _Ready:
    if nudge.kind is not NudgeKind.PREP or not user.id or not interview.id:
        return _Ready()
    return _Ready(await uow.preps.get(user.id, interview.id),
                  await uow.stories.list_for_user(user.id),
                  await uow.interviews.list_for_user(user.id, limit=20))


class Dispatcher:
    def __init__(self, uow_factory: UnitOfWorkFactory, gateway: ChatGateway, clock: Clock,
                 config: CoreConfig | None = None, settings: DispatcherConfig | None = None,
                 observer: DispatchObserver | None = None) -> None:
        self._uow = uow_factory
        self._gateway = gateway
        self._clock = clock
        self.config = config or CoreConfig()
        self.settings = settings or DispatcherConfig()
        self._policy = NudgePolicy(self.config)
        self._observer = observer
        self._scheduler: AsyncIOScheduler | None = None
        self._lock = asyncio.Lock()
        self._in_flight: set[int] = set()
        self._stopping = False
        self.failing = Throttled(log)  # a database that refuses writes fails every tick

    # -- running under APScheduler -------------------------------------------------------
    def start(self) -> None:
        """Start ticking on the running event loop."""
        self._scheduler = AsyncIOScheduler(timezone="UTC")
        self._scheduler.add_job(self._tick_job, "interval", seconds=self.settings.interval,
                                id="dispatch", max_instances=1, coalesce=True,
                                next_run_time=self._clock.now())
        self._scheduler.start()

    def wake(self, due: datetime | None = None) -> None:
        """Run a tick now (or at ``due``, if it is before the next regular tick)."""
        if self._scheduler is None or self._stopping:
            return
        job = self._scheduler.get_job("dispatch")
        when = max(due or self._clock.now(), self._clock.now())
        if job is not None and (job.next_run_time is None or when < job.next_run_time):
            job.modify(next_run_time=when)

    async def stop(self, grace: float = 10.0) -> None:
        """Stop ticking; let the batch in flight finish for up to ``grace`` seconds, then
        cancel it and give its unsent nudges back so another replica takes them at once."""
        self._stopping = True
        # Wait for the batch in flight BEFORE shutting the scheduler down: APScheduler's
        # AsyncIOExecutor cancels running jobs on shutdown.
        try:
            async with asyncio.timeout(grace):
                await self._lock.acquire()
            self._lock.release()
        except TimeoutError:
            log.warning("sends still in flight after %.0fs; releasing them", grace)
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)  # cancels a batch that is still running
        async with self._lock:
            pass
        if self._in_flight:
            async with self._uow() as uow:
                await uow.nudges.release(sorted(self._in_flight))
                await uow.commit()
            self._in_flight.clear()

    async def _tick_job(self) -> None:
        try:
            await self.run_until_idle()
        except Exception:  # the scheduler must keep ticking after a database outage
            self.failing.error("dispatch tick failed; will retry on the next tick",
                                exc_info=True)

    # -- the work ------------------------------------------------------------------------
    async def run_until_idle(self, max_batches: int = 1000) -> int:
        """Dispatch batches until nothing is due; return how many nudges were handled."""
        total = 0
        for _ in range(max_batches):
            if self._stopping:
                break
            handled = await self.tick()
            total += handled
            if handled < self.settings.batch_size:
                break
        return total

    async def tick(self) -> int:
        async with self._lock:
            now = self._clock.now()
            async with self._uow() as uow:
                claimed = await uow.nudges.claim_due(
                    now, limit=self.settings.batch_size,
                    lease_seconds=self.settings.lease.total_seconds(),
                    platforms=self.settings.platforms)
                await uow.commit()
            if not claimed:
                return 0
            ids = [n.id for n in claimed if n.id is not None]
            self._in_flight.update(ids)
            try:
                await self._process(claimed, now)
            except asyncio.CancelledError:
                raise  # cancelled by stop(): it gives back what is still in flight
            except BaseException:
                self._in_flight.difference_update(ids)  # the leases will expire
                raise
            self._in_flight.difference_update(ids)
            return len(claimed)

    async def _process(self, claimed: Sequence[Nudge], now: datetime) -> None:
        async with self._uow() as uow:
            users = await uow.users.get_many(sorted({n.user_id for n in claimed}))
            interviews = await uow.interviews.get_many(
                sorted({n.interview_id for n in claimed if n.interview_id is not None}))
            to_send: list[tuple[Nudge, User, Reply]] = []
            until: dict[int, datetime] = {}
            for nudge in claimed:
                assert nudge.id is not None
                user = users.get(nudge.user_id)
                interview = interviews.get(nudge.interview_id) if nudge.interview_id else None
                if user is None:
                    await uow.nudges.mark_dropped(nudge.id, "person deleted")
                    continue
                decision = self._policy.at_claim(nudge, user, interview, now)
                platform = user.identity.platform
                if decision.action == "drop":
                    await uow.nudges.mark_dropped(nudge.id, decision.reason)
                    self._observe("dropped", platform)
                elif decision.action == "defer":
                    assert decision.until is not None
                    await uow.nudges.defer(nudge.id, decision.until)
                    self._observe("deferred", platform)
                else:
                    assert interview is not None
                    if nudge.kind is NudgeKind.CLOSE:
                        await close_silently(uow, interview, now)
                    ready = await _prep_of(uow, nudge, user, interview)
                    to_send.append((nudge, user, self._render(nudge, user, interview, now,
                                                              decision.late, ready)))
                    until[nudge.id] = self._policy.keep_trying_until(nudge, interview)
            await uow.commit()
        if not to_send:
            return
        outcome = await self._deliver_all(to_send, now, until)
        async with self._uow() as uow:
            if outcome.sent:
                await uow.nudges.mark_sent(outcome.sent)
            for nudge_id, due, error in outcome.retry:
                await uow.nudges.mark_retry(nudge_id, due, error)
            for nudge_id, error in outcome.failed:
                await uow.nudges.mark_failed(nudge_id, error)
            for nudge_id, due in outcome.declined:
                await uow.nudges.defer(nudge_id, due)
            await uow.commit()

    def _render(self, nudge: Nudge, user: User, interview: Interview, now: datetime,
                late: bool, ready: _Ready) -> Reply:
        zone = user_zone(user, self.config)
        note, hint = "", ""
        if nudge.kind is NudgeKind.FOLLOW_UP:
            note = follow_up_email(interview, sender=sender_name(user), number=2).text
        elif nudge.kind is NudgeKind.THANK_YOU:  # only that reminder shows the note
            _, notes = notes_for(interview, user, now=now,
                                 window=self.config.thank_you_window)
            note, hint = notes[0].text, panel_hint(notes)
        reply = nudge_reply(nudge, interview, zone, now, late=late,
                            window_end=interview.happens_at + self.config.thank_you_window,
                            note=note, note_hint=hint, prep=ready.prep, bank=ready.bank,
                            history=ready.history)
        # attempts counts this one: above 1, an earlier attempt (a send cut off by a crash,
        # or one that failed after reaching the platform) may have been delivered.
        return replace(reply, delivery_key=f"nudge-{nudge.id}", resend=nudge.attempts > 1)

    async def _deliver_all(self, batch: list[tuple[Nudge, User, Reply]],
                           now: datetime, until: dict[int, datetime]) -> _Outcome:
        outcome = _Outcome([], [], [])
        gate = asyncio.Semaphore(self.settings.concurrency)

        async def one(nudge: Nudge, user: User, reply: Reply) -> None:
            assert nudge.id is not None
            platform = user.identity.platform
            async with gate:
                try:
                    message_id = await self._gateway.deliver(user, reply)
                except DeliveryDeclined as exc:
                    later = timedelta(seconds=exc.retry_after or 300)
                    outcome.declined.append((nudge.id, now + later))
                    self._observe("deferred", platform)
                    return
                except PermanentDeliveryError as exc:
                    outcome.failed.append((nudge.id, exc.reason))
                    self._observe("failed", platform)
                    return
                except Exception as exc:  # network, 5xx, 429 after retries: try later
                    self._retry_or_fail(outcome, nudge, exc, now, until.get(nudge.id))
                    self._observe("retry", platform)
                    return
            sent_at = self._clock.now()
            outcome.sent.append((nudge.id, message_id, sent_at))
            lateness = (sent_at - nudge.due_at).total_seconds()
            self._observe("sent", platform, lateness)
            if lateness > self.config.late_after.total_seconds():
                self._observe("late", platform)

        await asyncio.gather(*(one(*item) for item in batch))
        return outcome

    def _retry_or_fail(self, outcome: _Outcome, nudge: Nudge, exc: Exception,
                       now: datetime, until: datetime | None) -> None:
        """Retry with backoff while the reminder still makes sense (``until``: a thank-you
        while its window is open, a check-in for a day), within a ceiling of attempts."""
        assert nudge.id is not None
        reason = getattr(exc, "reason", None) or f"{type(exc).__name__}: {exc}"
        delay = min(self.settings.backoff_base * 2 ** max(0, min(nudge.attempts - 1, 30)),
                    self.settings.backoff_cap)
        retry_after = getattr(exc, "retry_after", None)
        if retry_after:
            delay = max(delay, timedelta(seconds=min(float(retry_after), 86400.0)))
        if nudge.attempts >= self.settings.max_attempts or (
                until is not None and now + delay > until):
            outcome.failed.append((nudge.id, f"gave up after {nudge.attempts} attempts: "
                                             f"{reason}"))
            return
        outcome.retry.append((nudge.id, now + delay, str(reason)[:500]))

    def _observe(self, event: str, platform: str, lateness: float | None = None) -> None:
        if self._observer is not None:
            self._observer.nudge_event(event, platform, lateness)
