"""Posting scheduled tips into community channels.

APScheduler (in-memory job store, one per process) only drives time: one cron job per
active subscription, in that community's timezone, plus a sync job every
``sync_interval`` seconds that reloads subscriptions (picking up ones added, changed or
paused by any replica) and catches up. The database decides everything else:

* Each occurrence is materialised as a ``tip_posts`` row unique per
  ``(subscription, occurrence)``, inserted with ``ON CONFLICT DO NOTHING`` before posting;
  only the replica whose insert wins posts, so replicas never double-post.
* After downtime only the newest missed occurrence is materialised (older ones are never
  posted), so a restart posts at most one catch-up tip per channel, never a burst.
* The tip is the least recently posted one in that channel among the subscription's areas:
  nothing repeats until the library is used up, then it starts over in the same order.
* A channel that refuses for good (bot removed, channel gone, no permission) pauses its
  subscription with the reason; a passing failure is retried with backoff by whichever
  replica re-claims the post once its lease runs out (also what happens after a crash).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.model import Area
from bot.ports import (
    ChannelGateway,
    Clock,
    DeliveryDeclined,
    PermanentDeliveryError,
    UnitOfWorkFactory,
)
from bot.throttle import Throttled
from bot.tips import words
from bot.tips.library import TIPS
from bot.tips.model import TipPost, TipPostStatus, TipStatus, TipSubscription
from bot.tips.schedule import ScheduleError, TipSchedule, latest_occurrence, parse_schedule

__all__ = ["TipRuntime", "TipRuntimeConfig", "pick_tip"]

log = logging.getLogger(__name__)

SYNC_JOB = "tips-sync"


@dataclass(frozen=True, slots=True)
class TipRuntimeConfig:
    sync_interval: float = 30.0
    lease: timedelta = timedelta(minutes=2)
    max_attempts: int = 5
    backoff_base: timedelta = timedelta(minutes=1)
    backoff_cap: timedelta = timedelta(minutes=30)
    stale_batch: int = 100


def pick_tip(sub: TipSubscription, history: Sequence[int],
             library: Sequence[tuple[Area, str]] = TIPS) -> int:
    """The index of the tip to post next: among the subscription's areas, the one posted
    longest ago in this channel (never posted counts as longest), ties broken by an order
    shuffled once per channel so consecutive tips mix areas. ``history`` is oldest first
    and must cover at least as many posts as there are eligible tips."""
    eligible = [i for i, (area, _) in enumerate(library) if not sub.areas or area in sub.areas]
    if not eligible:
        eligible = list(range(len(library)))
    order = list(eligible)
    random.Random(f"{sub.platform}:{sub.workspace_id}:{sub.channel_id}").shuffle(order)
    rank = {index: n for n, index in enumerate(order)}
    last_used = {index: position for position, index in enumerate(history)}
    return min(eligible, key=lambda i: (last_used.get(i, -1), rank[i]))


class TipRuntime:
    def __init__(self, uow_factory: UnitOfWorkFactory, gateway: ChannelGateway, clock: Clock,
                 settings: TipRuntimeConfig | None = None, *,
                 platforms: Sequence[str] | None = None,
                 library: Sequence[tuple[Area, str]] = TIPS) -> None:
        """``platforms``: only these platforms' subscriptions are posted by this process
        (the ones it has a connection for); None means all."""
        self._uow = uow_factory
        self._gateway = gateway
        self._clock = clock
        self.settings = settings or TipRuntimeConfig()
        self._platforms = list(platforms) if platforms is not None else None
        self._library = library
        self.failing = Throttled(log)  # a database that refuses writes fails every sync
        self._scheduler: AsyncIOScheduler | None = None
        self._jobs: dict[int, tuple[str, str]] = {}  # subscription id -> (schedule, zone)
        self._lock = asyncio.Lock()
        self._stopping = False

    # -- running under APScheduler -------------------------------------------------------
    def start(self) -> None:
        """Sync at once (catching up after downtime), then on every ``sync_interval``."""
        self._scheduler = AsyncIOScheduler(timezone="UTC")
        self._scheduler.add_job(self._sync_job, "interval", id=SYNC_JOB,
                                seconds=self.settings.sync_interval, max_instances=1,
                                coalesce=True, next_run_time=self._clock.now())
        self._scheduler.start()

    async def stop(self, grace: float = 10.0) -> None:
        """Stop scheduling; let a post in flight finish for up to ``grace`` seconds (an
        unfinished one keeps its lease and is re-claimed by whoever runs next)."""
        self._stopping = True
        try:
            async with asyncio.timeout(grace):
                await self._lock.acquire()
            self._lock.release()
        except TimeoutError:
            log.warning("a channel tip was still being posted after %.0fs", grace)
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        self._jobs.clear()

    def scheduled(self) -> dict[int, tuple[str, str]]:
        """The cron jobs this process runs: subscription id -> (schedule, timezone)."""
        return dict(self._jobs)

    def next_runs(self) -> dict[int, datetime]:
        """When each subscription's cron job fires next (aware, in its own zone)."""
        scheduler = self._scheduler
        jobs = [(sub_id, scheduler.get_job(f"tip-{sub_id}")) for sub_id in self._jobs] \
            if scheduler is not None else []
        return {sub_id: job.next_run_time for sub_id, job in jobs
                if job is not None and job.next_run_time is not None}

    async def _sync_job(self) -> None:
        try:
            await self.sync()
        except Exception:  # keep syncing after a database outage
            self.failing.error("tip sync failed; will retry on the next one", exc_info=True)

    async def _fire_job(self, subscription_id: int) -> None:
        try:
            await self.run_due(only=subscription_id)
        except Exception:
            log.exception("posting the tip of subscription %s failed", subscription_id)

    async def sync(self) -> int:
        """Reload subscriptions, re-align the cron jobs, post whatever is due."""
        async with self._uow() as uow:
            active = await uow.tips.list_active(self._platforms)
        self._align_jobs(active)
        return await self.run_due()

    def _align_jobs(self, active: Sequence[TipSubscription]) -> None:
        scheduler = self._scheduler
        if scheduler is None or self._stopping:
            return
        wanted = {s.id: (s.schedule, s.timezone) for s in active if s.id is not None}
        for sub_id in set(self._jobs) - set(wanted):
            if scheduler.get_job(f"tip-{sub_id}") is not None:
                scheduler.remove_job(f"tip-{sub_id}")
            del self._jobs[sub_id]
        for sub_id, (schedule_text, zone) in wanted.items():
            if self._jobs.get(sub_id) == (schedule_text, zone):
                continue
            try:
                trigger = parse_schedule(schedule_text).trigger(ZoneInfo(zone))
            except (ScheduleError, ValueError, LookupError):
                log.error("subscription %s has an unreadable schedule %r in %r", sub_id,
                          schedule_text, zone)
                continue
            scheduler.add_job(self._fire_job, trigger, args=[sub_id], id=f"tip-{sub_id}",
                              replace_existing=True, max_instances=1, coalesce=True,
                              misfire_grace_time=300)
            self._jobs[sub_id] = (schedule_text, zone)

    # -- the work ------------------------------------------------------------------------
    async def run_due(self, only: int | None = None) -> int:
        """Post every tip that is due now (at most one per subscription); return how many
        went out. Safe to run in any number of processes at once."""
        if self._stopping:
            return 0
        async with self._lock:
            now = self._clock.now()
            posted = 0
            async with self._uow() as uow:
                stale = await uow.tips.claim_stale_posts(
                    now, lease_seconds=self.settings.lease.total_seconds(),
                    limit=self.settings.stale_batch)
                await uow.commit()
            for post in stale:
                posted += await self._retry(post, now)
            async with self._uow() as uow:
                active = await uow.tips.list_active(self._platforms)
            for sub in active:
                if only is None or sub.id == only:
                    posted += await self._materialise(sub, now)
            return posted

    @staticmethod
    def _schedule(sub: TipSubscription) -> tuple[TipSchedule, ZoneInfo] | None:
        try:
            return parse_schedule(sub.schedule), ZoneInfo(sub.timezone)
        except (ScheduleError, ValueError, LookupError):
            log.error("subscription %s has an unreadable schedule %r in %r", sub.id,
                      sub.schedule, sub.timezone)
            return None

    async def _materialise(self, sub: TipSubscription, now: datetime) -> int:
        assert sub.id is not None
        parsed = self._schedule(sub)
        if parsed is None:
            return 0
        async with self._uow() as uow:
            last = await uow.tips.last_occurrence(sub.id)
            after = max(last, sub.active_since) if last is not None else sub.active_since
            occurrence = latest_occurrence(*parsed, after, now)
            if occurrence is None:
                return 0
            history = await uow.tips.recent_tip_indexes(sub.id, limit=2 * len(self._library))
            post = await uow.tips.claim_occurrence(TipPost(
                subscription_id=sub.id, occurrence=occurrence,
                tip_index=pick_tip(sub, history, self._library),
                lease_until=now + self.settings.lease, created_at=now))
            await uow.commit()
        if post is None:
            return 0  # another replica materialised this occurrence first: it posts it
        return await self._post(sub, post, now)

    async def _retry(self, post: TipPost, now: datetime) -> int:
        """A post whose lease ran out: post it, unless it is no longer wanted."""
        assert post.id is not None
        async with self._uow() as uow:
            sub = await uow.tips.get_subscription_by_id(post.subscription_id)
        reason = None
        parsed = self._schedule(sub) if sub is not None else None
        if sub is None or sub.status is not TipStatus.ACTIVE or parsed is None:
            reason = "subscription not active"
        elif latest_occurrence(*parsed, post.occurrence, now) is not None:
            reason = "superseded by a later occurrence"
        elif post.attempts > self.settings.max_attempts:
            reason = f"gave up after {post.attempts - 1} attempts: {post.last_error}"
        if reason is not None or sub is None:
            await self._finish(post, TipPostStatus.SKIPPED, reason)
            return 0
        if self._platforms is not None and sub.platform not in self._platforms:
            async with self._uow() as uow:  # not ours to post: leave it for a replica that can
                await uow.tips.mark_post_retry(post.id, now + self.settings.lease,
                                               "not served here")
                await uow.commit()
            return 0
        return await self._post(sub, post, now)

    async def _post(self, sub: TipSubscription, post: TipPost, now: datetime) -> int:
        assert post.id is not None and sub.id is not None
        area, text = self._library[post.tip_index % len(self._library)]
        try:
            message_id = await self._gateway.post_to_channel(
                sub.platform, sub.workspace_id, sub.channel_id, words.channel_tip(area, text))
        except DeliveryDeclined as exc:
            async with self._uow() as uow:
                if post.attempts <= 1:
                    await uow.tips.delete_post(post.id)  # give the occurrence back
                else:
                    await uow.tips.mark_post_retry(
                        post.id, now + timedelta(seconds=exc.retry_after or 300), exc.reason)
                await uow.commit()
            return 0
        except PermanentDeliveryError as exc:
            log.warning("channel %s refused tips for good (%s); pausing subscription %s",
                        sub.channel_id, exc.reason, sub.id)
            await self._finish(post, TipPostStatus.FAILED, exc.reason, pause=sub.id)
            return 0
        except Exception as exc:  # network, 5xx, 429 after retries: try again later
            reason = getattr(exc, "reason", None) or f"{type(exc).__name__}: {exc}"
            delay = min(self.settings.backoff_base * 2 ** max(0, post.attempts - 1),
                        self.settings.backoff_cap)
            retry_after = getattr(exc, "retry_after", None)
            if retry_after:
                delay = max(delay, timedelta(seconds=float(retry_after)))
            async with self._uow() as uow:
                await uow.tips.mark_post_retry(post.id, now + delay, str(reason)[:500])
                await uow.commit()
            return 0
        async with self._uow() as uow:
            await uow.tips.mark_post_sent(post.id, message_id, self._clock.now())
            await uow.commit()
        log.info("posted tip %s in %s:%s (subscription %s)", post.tip_index, sub.platform,
                 sub.channel_id, sub.id)
        return 1

    async def _finish(self, post: TipPost, status: TipPostStatus, reason: str | None, *,
                      pause: int | None = None) -> None:
        assert post.id is not None
        async with self._uow() as uow:
            await uow.tips.finish_post(post.id, status.value, reason)
            if pause is not None:
                sub = await uow.tips.get_subscription_by_id(pause)
                if sub is not None and sub.status is TipStatus.ACTIVE:
                    sub.status = TipStatus.PAUSED
                    sub.paused_reason = words.cannot_post(reason or "refused")
                    sub.updated_at = self._clock.now()
                    await uow.tips.save_subscription(sub)
            await uow.commit()
