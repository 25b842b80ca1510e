"""The work after the acknowledgement: per person in arrival order, a bounded number at once.

Listeners acknowledge the platform and return at once; what the person asked for (the core,
the replies) runs here. Three guarantees:

* one person's requests run one after another, in the order they were delivered, so two
  quick answers in the DM can never overtake each other;
* at most ``concurrency`` jobs run at the same time across everybody, so a burst cannot
  starve the acknowledgements (Slack's 3-second limit) or open hundreds of database
  transactions at once. A burst queues instead; nothing is dropped;
* acknowledgements go first: while requests are being acknowledged (see
  :meth:`PersonLanes.acknowledging`), a job waits up to ``ack_priority`` seconds before it
  starts, so under a burst the CPU goes to answering Slack in time, and the work catches up
  right after. The wait is bounded, so work is delayed, never starved.

One exception, for work that is part of its acknowledgement (an answer that can ride in it,
``adapters.slack.inline``): while the process is not behind (fewer than
:data:`EAGER_BELOW` jobs pending) and the person has nothing queued, such a job starts at
once, outside the slots (the core bounds its own database work). A group of people each
waiting for their answer is then answered in the acknowledgement; a flood that outruns the
work builds a backlog, and with it the three rules above apply again.

``crowded`` (Slack): when more than that many acknowledgements are on their way at once,
requests are arriving faster than their answers can ride along, so nothing starts eagerly
and work waits for the acknowledgements for up to :data:`CROWDED_YIELD` seconds at a time
instead of ``ack_priority``: under saturation the CPU goes to acknowledging everybody
within Slack's limit, and the answers follow through ``response_url`` in arrival order as
soon as the acknowledgements thin out (issue 14: acknowledgements within 1.5x of a bare
Bolt app at saturation, replies >= 1,000/s, the backlog drained in < 30 s).

The queue itself lives in memory; what makes acknowledged work survive ``kill -9`` is the
inbox (:mod:`adapters.inbox`), written before the acknowledgement. :meth:`PersonLanes.drain`
lets a graceful shutdown finish the queue first.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Hashable, Iterator
from contextlib import AbstractContextManager, contextmanager, suppress

__all__ = ["DEFAULT_CONCURRENCY", "MAX_YIELD", "AckFirst", "Job", "PersonLanes"]

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[None]]

# Eight jobs at once is plenty: each job is a few Web API calls, and Slack's own rate limits
# (conversations.open and users.info are Tier 3/4, chat.postMessage about one per second
# per channel) cap useful parallelism long before that; a low number keeps a burst from
# starving the acknowledgements (see benchmarks/slack_ack.py).
DEFAULT_CONCURRENCY = 8
BACKLOG_WARNING = 5_000
# Work that may start at once, inside its acknowledgement, while fewer jobs than this are
# pending (PersonLanes.submit ``eager``). A closed group of people each waiting for their
# answer stays below it and is answered in the acknowledgement; a flood that outruns the
# work does not, and is acknowledged first.
EAGER_BELOW = 64
ACK_PRIORITY = 0.01  # seconds a job may wait for acknowledgements in flight
MAX_YIELD = 0.1  # AckFirst's default: Discord's follow-up requests, each
# Slack's default for ``crowded``: acknowledgements on their way at once beyond which the
# process is behind. At a steady 200 requests/s there are 0-2; a closed group of 50 people
# sending as fast as they are acknowledged keeps ~50 on their way.
CROWDED = 8
CROWDED_YIELD = 1.0  # seconds work may wait for acknowledgements while crowded
# A crowd counts as gone only after this long without one: between two waves of a crowd the
# acknowledgements on their way dip for a moment, and work let in then slows the next wave.
CROWD_MEMORY = 0.2
# A job still running after this long is waiting on something slow (a platform API that
# hangs): it keeps running but stops counting against the concurrency bound, so one slow
# person never holds up everybody else's replies.
SLOW_AFTER = 1.0


class AckFirst:
    """Counts acknowledgements on their way; work gives way to them for a bounded time.

    Discord drops an interaction not acknowledged within 3 seconds and Slack retries a
    request not acknowledged within 3; replies may come much later. In one event loop both
    kinds of work interleave step by step, so a reply being sent delays every
    acknowledgement arriving meanwhile (issue 14). So work waits while any acknowledgement
    is on its way, at most ``max_yield`` seconds each time (0: never), so a slow or stuck
    acknowledgement never holds the replies up for long.
    """

    def __init__(self, max_yield: float = MAX_YIELD, *, crowded: int | None = None) -> None:
        self.max_yield = max_yield
        self.crowded_above = crowded  # None: never crowded
        self._crowd_seen = float("-inf")  # time.monotonic() of the last crowd
        self._acking = 0
        self._clear = asyncio.Event()
        self._clear.set()

    @contextmanager
    def acknowledging(self) -> Iterator[None]:
        """Around making one request durable and acknowledging it."""
        self._acking += 1
        self._clear.clear()
        if self.crowded_above is not None and self._acking > self.crowded_above:
            self._crowd_seen = time.monotonic()
        try:
            yield
        finally:
            self._acking -= 1
            if not self._acking:
                self._clear.set()

    @property
    def crowded(self) -> bool:
        """More acknowledgements on their way than ``crowded`` now or within the last
        :data:`CROWD_MEMORY` seconds: the process is behind."""
        return time.monotonic() - self._crowd_seen < CROWD_MEMORY

    async def give_way(self) -> None:
        """Before work (or its follow-up request): wait while acknowledgements are on
        their way, at most ``max_yield`` seconds; in a crowd, until it has gone, at most
        :data:`CROWDED_YIELD` seconds."""
        if self.max_yield <= 0:
            return
        if not self.crowded:
            if self._acking:
                with suppress(TimeoutError):
                    async with asyncio.timeout(self.max_yield):
                        await self._clear.wait()
            return
        with suppress(TimeoutError):
            async with asyncio.timeout(CROWDED_YIELD):
                # A crowd ends by the clock (CROWD_MEMORY after the last one), not by an
                # event: sleeping until then wakes each waiting job a few times at most.
                while self.crowded:  # noqa: ASYNC110
                    await asyncio.sleep(CROWD_MEMORY - (time.monotonic() - self._crowd_seen))


class PersonLanes:
    def __init__(self, concurrency: int = DEFAULT_CONCURRENCY,
                 ack_priority: float = ACK_PRIORITY, slow_after: float = SLOW_AFTER, *,
                 crowded: int | None = None) -> None:
        """``crowded``: see the module's docstring (None: never)."""
        self._slots = asyncio.Semaphore(concurrency)
        self._slow_after = slow_after
        self._acks = AckFirst(ack_priority, crowded=crowded)
        self._queues: dict[Hashable, deque[Job]] = {}
        self._workers: set[asyncio.Task[None]] = set()
        self._pending = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._warned = False

    @property
    def pending(self) -> int:
        """Jobs accepted and not finished yet."""
        return self._pending

    def acknowledging(self) -> AbstractContextManager[None]:
        """Wrap the handling of one incoming request (until its acknowledgement is sent)."""
        return self._acks.acknowledging()

    async def _after_acks(self) -> None:
        await self._acks.give_way()

    def submit(self, key: Hashable, job: Job, *, eager: bool = False) -> bool:
        """Queue ``job`` behind ``key``'s earlier jobs; returns immediately.

        ``eager``: if nothing of ``key``'s is queued and fewer than :data:`EAGER_BELOW` jobs
        are pending (counting this one) and the acknowledgements are not crowded, the job
        starts at once, outside the work slots and without giving way
        (it is part of an acknowledgement in flight: its answer can go into it, see
        ``adapters.slack.inline``). A backlog that large means acknowledgements are waiting
        on work: then jobs queue again, acknowledgements go first, and the backlog drains.
        Returns True if the job started at once."""
        self._pending += 1
        self._idle.clear()
        if self._pending > BACKLOG_WARNING and not self._warned:
            self._warned = True
            log.warning("work backlog is %d jobs; replies are running late",
                        self._pending)
        queue = self._queues.get(key)
        if queue is not None:  # a worker is already draining this person's lane
            queue.append(job)
            return False
        eager = eager and self._pending <= EAGER_BELOW and not self._acks.crowded
        self._queues[key] = deque([job])
        worker = asyncio.create_task(self._drain_lane(key, eager), name="lane")
        self._workers.add(worker)
        worker.add_done_callback(self._workers.discard)
        return eager

    def run_now(self, job: Job) -> None:
        """Start ``job`` at once, outside every lane and the concurrency bound: for work
        with its own deadline that a busy lane must not delay (``views.open`` has to use
        its trigger within 3 seconds)."""
        self._pending += 1
        self._idle.clear()

        async def run() -> None:
            try:
                await job()
            except Exception:
                log.exception("immediate work failed")
            finally:
                self._done()

        worker = asyncio.create_task(run(), name="lane-now")
        self._workers.add(worker)
        worker.add_done_callback(self._workers.discard)

    async def _drain_lane(self, key: Hashable, eager: bool = False) -> None:
        queue = self._queues[key]
        try:
            while queue:
                job = queue.popleft()
                try:
                    if eager:
                        eager = False
                        await job()
                    else:
                        await self._run_in_slot(job)
                except Exception:
                    log.exception("work for %s failed", key)
                finally:
                    self._done()
        finally:
            self._pending -= len(queue)  # only non-zero if cancelled mid-lane
            del self._queues[key]
            if self._pending <= 0:
                self._pending = 0
                self._idle.set()

    async def _run_in_slot(self, job: Job) -> None:
        await self._slots.acquire()
        released = False
        try:
            # Inside the slot on purpose: with every slot waiting, work runs at most
            # ``concurrency`` jobs per ``ack_priority`` during a burst.
            await self._after_acks()
            task = asyncio.ensure_future(job())
            done, _ = await asyncio.wait({task}, timeout=self._slow_after)
            if not done:
                self._slots.release()  # slow: let others have the slot
                released = True
            await task
        finally:
            if not released:
                self._slots.release()

    def _done(self) -> None:
        self._pending -= 1
        if self._pending <= BACKLOG_WARNING // 2:
            self._warned = False
        if self._pending <= 0:
            self._idle.set()

    async def drain(self, within: float | None = None) -> bool:
        """Wait until every accepted job finished (or ``within`` seconds); True if idle."""
        try:
            await asyncio.wait_for(self._idle.wait(), within)
        except TimeoutError:
            return False
        return True

    async def close(self, within: float = 10.0) -> None:
        """Finish what was accepted (up to ``within`` seconds), then cancel the rest."""
        if not await self.drain(within):
            log.warning("cancelling %d unfinished jobs at shutdown", self._pending)
        for worker in list(self._workers):
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
