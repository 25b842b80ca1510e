"""Acknowledge only what is durable: the inbox between a platform's request and its work.

An adapter calls :meth:`DurableInbox.accept` BEFORE it acknowledges a request. That writes
an inbox row (:mod:`bot.inbox`) keyed by the platform's own id for the request, then queues
the work on this process's :class:`~adapters.lanes.PersonLanes` (per person, in order). When
the work is done the row is marked finished. So:

* ``kill -9`` after the acknowledgement loses nothing: the row stays claimed, its lease runs
  out, and a worker here or in any replica (:meth:`DurableInbox.start`) runs it;
* a retry, replay or redelivery of the same request, on any replica, hits the unique key and
  runs nothing (``accept`` returns False; the adapter acknowledges it and stops);
* if the row cannot be written (the database refuses writes, or takes longer than
  ``write_timeout``), ``accept`` raises :class:`InboxUnavailable` and the adapter must NOT
  acknowledge: the platform then retries or tells the person it failed, instead of being
  told "got it" about work that would be lost.

Group commit: requests arriving while a write is in flight go into the next write together,
one transaction for all of them, so the acknowledgement costs one short transaction however
many requests arrive at once. The "finished" marks ride along in that same transaction, or,
when no request comes, go in one write of their own after :data:`FINISH_DELAY`: a
transaction costs about a millisecond of CPU on SQLite whatever it holds, so one per
request each way was the biggest cost of a reply at a steady rate (issue 14). The price: a
``kill -9`` in the FINISH_DELAY after a reply left lets that request run again on
recovery. On SQLite these writes go ahead of the work's transactions in the queue for the
write lock (:func:`storage.sql.urgent_writes`), so a backlog of work never delays an
acknowledgement.

While a process holds rows (queued or running) it renews their
leases (a heartbeat), so a burst queued here is not taken over by another replica; every job
runs under a deadline, after which it is given up (marked failed, logged).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import IntEnum
from typing import Any

from adapters.lanes import PersonLanes
from bot.clock import SystemClock
from bot.inbox import InboxClaim, InboxEntry, InboxStatus, current_claim
from bot.ports import Clock, UnitOfWorkFactory
from bot.throttle import Throttled
from storage.sql import urgent_writes

__all__ = ["Accepted", "DurableInbox", "InboxSettings", "InboxUnavailable", "Performer",
           "Throttled"]

log = logging.getLogger(__name__)

#: Runs one request's work: ``(kind, payload)`` as the adapter accepted them.
Performer = Callable[[str, dict[str, Any]], Awaitable[None]]

MAX_BATCH = 500
#: How long "finished" marks wait for an acceptance write to ride along with (seconds).
FINISH_DELAY = 0.2
RECLAIM_BATCH = 100


class Accepted(IntEnum):
    """What :meth:`DurableInbox.accept` did; false only for a request already known."""

    KNOWN = 0  # a retry or replay: acknowledge it, run nothing
    QUEUED = 1  # durable; its work runs after the acknowledgement
    STARTED = 2  # durable; its work started at once (``eager``) and may answer in the ack


class InboxUnavailable(RuntimeError):
    """The request could not be made durable: do not acknowledge it."""


@dataclass(frozen=True, slots=True)
class InboxSettings:
    lease: float = 60.0  # seconds a row is held before another process may run it
    deadline: float = 60.0  # seconds one request's work may take
    write_timeout: float = 2.0  # an inbox write slower than this is not acknowledged
    reclaim_interval: float = 5.0  # how often to look for rows whose process died
    max_attempts: int = 3  # a row taken over this often (it kills its process?) is dropped
    keep_finished: timedelta = timedelta(days=1)  # how long finished keys stay known
    # The work commits in the inbox's own database (``debrief run``: one database), so the
    # core marks the entry done in that commit: exactly once (bot.inbox.finish_in).
    finish_with_work: bool = False


class DurableInbox:
    def __init__(self, uow: UnitOfWorkFactory, platform: str, lanes: PersonLanes, *,
                 performer: Performer | None = None, settings: InboxSettings | None = None,
                 clock: Clock | None = None) -> None:
        self._uow = uow
        self.platform = platform
        self.lanes = lanes
        self.performer = performer
        self.settings = settings or InboxSettings()
        self._clock = clock or SystemClock()
        self._queue: list[tuple[InboxEntry, asyncio.Future[InboxEntry | None]]] = []
        # Writes being waited for, oldest first, with their deadlines (see _overdue).
        self._waiting: deque[tuple[float, asyncio.Future[InboxEntry | None]]] = deque()
        self._watchdog: asyncio.TimerHandle | None = None
        self._writer: asyncio.Task[None] | None = None
        self._finished: list[tuple[int, InboxStatus]] = []
        self._finisher: asyncio.Task[None] | None = None
        self._finish_now = asyncio.Event()
        self._held: set[int] = set()
        self._given_back: set[int] = set()
        self._renewed_at = time.monotonic()
        self._purged_at = float("-inf")
        self._worker: asyncio.Task[None] | None = None
        self.down = Throttled(log)
        #: False since a write failed, until one succeeds (``/readyz``).
        self.writable = True
        #: Why the database refuses writes now, if it does (the runtime's write probe):
        #: acknowledged work is then not started, only left for a worker to run later.
        self.refusal: Callable[[], str | None] | None = None
        #: Told after each inbox write that committed (the probe's verdict is then stale).
        self.wrote: Callable[[], None] | None = None

    # -- the acknowledgement path ---------------------------------------------------------
    async def accept(self, key: str, lane: str, kind: str, payload: dict[str, Any], *,
                     immediately: bool = False, eager: bool = False) -> Accepted:
        """Make the request durable, then queue its work behind ``lane``'s earlier requests
        (``immediately``: start it now, for work with its own deadline; ``eager``: start it
        now if the lane and the machine are free, see :meth:`PersonLanes.submit`). Returns
        ``Accepted.KNOWN`` (false) for a request already known (a retry or replay:
        acknowledge it and do nothing). Raises :class:`InboxUnavailable`: do not
        acknowledge."""
        now = self._clock.now()
        entry = InboxEntry(
            platform=self.platform, key=key[:255], lane=lane[:255], kind=kind,
            payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
            lease_until=now + timedelta(seconds=self.settings.lease), received_at=now)
        stored = await self._write(entry)
        if stored is None:
            log.info("%s request %s was already received; not running it again",
                     self.platform, _short(key))
            return Accepted.KNOWN
        started = self._run(stored, payload, immediately=immediately, eager=eager)
        return Accepted.STARTED if started else Accepted.QUEUED

    async def _write(self, entry: InboxEntry) -> InboxEntry | None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[InboxEntry | None] = loop.create_future()
        self._queue.append((entry, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_batches(), name="inbox-writer")
        # One timer for every write waiting (see _overdue), not one per request: a timer per
        # acknowledgement was ~3 % of its CPU under a burst (issue 14).
        self._waiting.append((loop.time() + self.settings.write_timeout, future))
        if self._watchdog is None:
            self._watchdog = loop.call_at(self._waiting[0][0], self._overdue)
        # Awaited directly (no shield, no wait_for task): fewer loop round trips before the
        # acknowledgement. A cancelled request cancels the future; the writer then runs the
        # stored row's work itself (see _write_batches).
        return await future

    def _overdue(self) -> None:
        """Fail the writes waiting longer than ``write_timeout``: not acknowledged. The
        write may still land; if it does, its work runs (the row is ours: see
        _write_batches), and a retry of the request finds the key taken."""
        self._watchdog = None
        loop = asyncio.get_running_loop()
        now = loop.time()
        waiting = self._waiting
        late = 0
        while waiting and (waiting[0][1].done() or waiting[0][0] <= now):
            _, future = waiting.popleft()
            if not future.done():
                late += 1
                future.set_exception(InboxUnavailable("inbox write timed out"))
        if late:
            self.down.error("the inbox write took over %.1fs; not acknowledging",
                             self.settings.write_timeout)
        if waiting:
            self._watchdog = loop.call_at(waiting[0][0], self._overdue)

    async def _write_batches(self) -> None:
        while self._queue:
            batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
            marks, self._finished = self._finished[:MAX_BATCH], self._finished[MAX_BATCH:]
            try:
                with urgent_writes():
                    async with self._uow() as uow:
                        stored = await uow.inbox.accept([entry for entry, _ in batch])
                        if marks:
                            await uow.inbox.finish(marks, self._clock.now())
                        await uow.commit()
            except asyncio.CancelledError:
                self._finished = marks + self._finished
                raise
            except Exception as exc:
                self._finished = marks + self._finished  # the finisher or sweep retries
                self.writable = False
                self.down.error("cannot write the inbox (%s: %s); requests are not being "
                                 "acknowledged, so the platform will retry them",
                                 type(exc).__name__, _first_line(exc))
                for _, future in batch:
                    if not future.done():
                        future.set_exception(InboxUnavailable(type(exc).__name__))
                continue
            self.writable = True
            if self.wrote is not None:
                self.wrote()
            self._held.difference_update(entry_id for entry_id, _ in marks)
            for (entry, future), row in zip(batch, stored, strict=True):
                if future.done():  # the request gave up waiting; the work is ours anyway
                    if row is not None:
                        self._run(row, json.loads(entry.payload or "{}"), immediately=False)
                    continue
                future.set_result(row)

    # -- the work -------------------------------------------------------------------------
    def _run(self, entry: InboxEntry, payload: dict[str, Any], *, immediately: bool,
             eager: bool = False) -> bool:
        assert entry.id is not None
        entry_id = entry.id
        self._held.add(entry_id)

        async def job() -> None:
            status = InboxStatus.DONE
            # The core marks the entry done in its own commit (exactly once; bot.inbox).
            claim = InboxClaim(entry_id, entry.attempts)
            token = current_claim.set(claim if self.settings.finish_with_work else None)
            try:
                if self.performer is None:
                    raise RuntimeError("no performer set for the inbox")
                if self.refusal is not None and self.refusal() is not None:
                    # Its work would fail: keep it claimed, stop renewing its lease, and a
                    # worker (sweep) runs it once the database takes writes again.
                    self._held.discard(entry_id)
                    return
                async with asyncio.timeout(self.settings.deadline):
                    await self.performer(entry.kind, payload)
            except TimeoutError:
                status = InboxStatus.FAILED
                log.warning("%s %s work ran past its %.0fs deadline; given up",
                            self.platform, entry.kind, self.settings.deadline)
            except asyncio.CancelledError:
                self._held.discard(entry_id)  # shutdown: stop() gives the row back
                self._given_back.add(entry_id)
                raise
            except Exception:
                status = InboxStatus.FAILED
                log.exception("%s %s work failed", self.platform, entry.kind)
            finally:
                current_claim.reset(token)
            self._held.discard(entry_id)
            if not (claim.finished or claim.lost):  # else: marked, or another process's
                self._finish(entry_id, status)

        if immediately:
            self.lanes.run_now(job)
            return True
        return self.lanes.submit(entry.lane, job, eager=eager)

    def _finish(self, entry_id: int, status: InboxStatus) -> None:
        self._finished.append((entry_id, status))
        if self._finisher is None or self._finisher.done():
            self._finisher = asyncio.create_task(self._flush_finished_later(),
                                                 name="inbox-finish")

    async def _flush_finished_later(self) -> None:
        """Give the marks :data:`FINISH_DELAY` to ride along with an acceptance write (or
        to gather), then write what is left (``stop`` cuts the wait short)."""
        try:
            await asyncio.wait_for(self._finish_now.wait(), FINISH_DELAY)
        except TimeoutError:
            pass
        await self._flush_finished()

    async def _flush_finished(self) -> None:
        while self._finished:
            batch, self._finished = self._finished[:MAX_BATCH], self._finished[MAX_BATCH:]
            try:
                with urgent_writes():
                    async with self._uow() as uow:
                        await uow.inbox.finish(batch, self._clock.now())
                        await uow.commit()
            except asyncio.CancelledError:
                self._finished = batch + self._finished
                raise
            except Exception as exc:
                # Kept and retried by the worker loop; until then the lease protects them
                # only while renewed, so keep renewing them too.
                self._finished = batch + self._finished
                self._held.update(entry_id for entry_id, _ in batch)
                self.down.error("cannot mark inbox rows finished (%s); will retry",
                                 type(exc).__name__)
                return
            self._held.difference_update(entry_id for entry_id, _ in batch)

    # -- the worker: rows whose process died, heartbeats, purge ---------------------------
    def start(self) -> None:
        if self._worker is None:
            self._worker = asyncio.create_task(self._work_loop(), name="inbox-worker")

    async def _work_loop(self) -> None:
        while True:
            try:
                await self.sweep()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.down.error("inbox worker: %s: %s", type(exc).__name__, _first_line(exc))
            await asyncio.sleep(self.settings.reclaim_interval)

    async def sweep(self) -> int:
        """One round of the worker: retry finishing, renew leases, take over rows whose
        process died (returns how many), purge old finished keys."""
        if self._finished and (self._finisher is None or self._finisher.done()):
            await self._flush_finished()
        now = self._clock.now()
        if self._held and time.monotonic() - self._renewed_at >= self.settings.lease / 3:
            async with self._uow() as uow:
                await uow.inbox.renew(sorted(self._held),
                                      now + timedelta(seconds=self.settings.lease))
                await uow.commit()
            self._renewed_at = time.monotonic()
        async with self._uow() as uow:
            taken = await uow.inbox.claim_expired(
                now, limit=RECLAIM_BATCH, lease_seconds=self.settings.lease,
                platforms=[self.platform])
            await uow.commit()
        for entry in taken:
            assert entry.id is not None
            if entry.attempts > self.settings.max_attempts or entry.payload is None:
                log.warning("%s %s request taken over %d times; giving it up",
                            self.platform, entry.kind, entry.attempts - 1)
                self._finish(entry.id, InboxStatus.FAILED)
                continue
            log.info("running a %s %s request whose process stopped before finishing it",
                     self.platform, entry.kind)
            self._run(entry, json.loads(entry.payload), immediately=False)
        if time.monotonic() - self._purged_at > 3600:
            async with self._uow() as uow:
                await uow.inbox.purge(now - self.settings.keep_finished)
                await uow.commit()
            self._purged_at = time.monotonic()
        return len(taken)

    async def stop(self) -> None:
        """Stop the worker; finish marking rows done; give back rows whose work was
        cancelled (their lease ends now, so another replica takes them at once)."""
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        if self._worker is not None:
            self._worker.cancel()
            await asyncio.gather(self._worker, return_exceptions=True)
            self._worker = None
        self._finish_now.set()
        for task in (self._writer, self._finisher):
            if task is not None and not task.done():
                await asyncio.gather(task, return_exceptions=True)
        try:
            if self._finished:
                await self._flush_finished()
            back = sorted(self._given_back | self._held)
            if back:
                async with self._uow() as uow:
                    await uow.inbox.renew(back, self._clock.now())
                    await uow.commit()
        except Exception as exc:
            log.warning("could not give inbox rows back at shutdown (%s); they are taken "
                        "over when their lease ends", type(exc).__name__)


def _short(key: str) -> str:
    return key if len(key) <= 24 else key[:21] + "..."


def _first_line(exc: BaseException) -> str:
    """An exception's first line, short: never a statement's parameters (they are hidden
    by ``hide_parameters``) nor a whole payload."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return text[:200]
