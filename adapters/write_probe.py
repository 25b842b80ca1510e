"""``/readyz`` learns that the database refuses writes from a write, not from a failed
request: every few seconds :class:`WriteProbe` commits one short transaction (this process's
heartbeat row, :mod:`storage.heartbeat`) and remembers whether it worked.

On SQLite it first asks the filesystem whether the database's files can be written
(:class:`storage.sqlite_files.SqliteFiles`): files made immutable would kill the process
with SIGBUS the moment SQLite touched its ``-shm`` mapping, so the probe never touches them
then. While the probe fails it logs one clear ERROR line a minute, and says so once when
writes work again. The dispatcher, the tips and the inboxes fail then too: the runtime
hands their ERROR lines to :meth:`WriteProbe.speaks_for`, so while the database refuses
writes whichever part notices first logs the probe's line, naming the cause, in the one
allowance they share: one line a minute in all, not one per part, request or tick. The
probe does not jump the queue for the write lock: one row every few seconds behind real
traffic.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import SystemClock
from bot.ports import Clock
from bot.throttle import Throttled
from storage.heartbeat import beat
from storage.sqlite_files import SqliteFiles

__all__ = ["WriteProbe"]

log = logging.getLogger(__name__)

FORGET_AFTER = timedelta(days=1)  # heartbeats of processes gone this long are deleted
FORGET_EVERY = 720  # ... checked every this many beats (an hour at 5 s)


class WriteProbe:
    def __init__(self, engine: AsyncEngine, *, sqlite_path: str | None = None,
                 interval: float = 5.0, timeout: float = 5.0, clock: Clock | None = None,
                 error_every: float = 60.0) -> None:
        self.engine = engine
        self.interval = interval
        self.timeout = timeout
        self.files = SqliteFiles(sqlite_path) if sqlite_path else None
        self.process = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"[-128:]
        #: One ERROR line per ``error_every`` seconds while writes fail (shared, runtime).
        self.failing = Throttled(log, every=error_every)
        #: False while the database refuses writes (``/readyz``).
        self.writable = True
        #: Why the last probe failed (None when it worked).
        self.reason: str | None = None
        self._clock = clock or SystemClock()
        self._beats = 0
        self._task: asyncio.Task[None] | None = None

    def refusal(self) -> str | None:
        """Why the database's files cannot be written right now (SQLite only), or None."""
        return self.files.refusal() if self.files is not None else None

    def refuses(self) -> str | None:
        """Why writes would fail now: the files refuse them, or the last probe failed."""
        return self.refusal() or (None if self.writable else self.reason)

    def saw_write(self) -> None:
        """Another write just committed (the inbox's): the database takes writes again,
        whatever the last probe said (it may be up to ``interval`` old)."""
        if self.refusal() is not None:
            return
        if not self.writable:
            log.warning("the database takes writes again")
        self.writable, self.reason = True, None

    async def probe(self) -> bool:
        """One write; True if it committed."""
        reason = self.refusal()
        if reason is None:
            now = self._clock.now()
            forget = now - FORGET_AFTER if self._beats % FORGET_EVERY == 0 else None
            try:
                async with asyncio.timeout(self.timeout):
                    await beat(self.engine, self.process, now, forget_before=forget)
            except TimeoutError:
                reason = f"a one-row write took over {self.timeout:.0f}s"
            except Exception as exc:
                first = str(exc).splitlines()[0][:200] if str(exc) else ""
                reason = f"{type(exc).__name__}: {first}"
        self._beats += 1
        if reason is not None:
            self.writable, self.reason = False, reason
            self.say_refused(reason)
            return False
        if not self.writable:
            log.warning("the database takes writes again")
        self.writable, self.reason = True, None
        return True

    def say_refused(self, reason: str) -> None:
        """The one clear line (at most one per ``error_every``, shared)."""
        self.failing.error("the database refuses writes (%s); /readyz fails and requests "
                           "are not acknowledged until it takes them again", reason)

    def speaks_for(self, part: Throttled) -> Throttled:
        """``part``'s ERROR lines, in this probe's allowance, saying the probe's line
        instead while the database refuses writes."""
        return _CauseFirst(part, self)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._loop(), name="write-probe")

    async def _loop(self) -> None:
        while True:
            try:
                await self.probe()
            except Exception as exc:  # the filesystem would not say: keep probing
                self.writable, self.reason = False, type(exc).__name__
                self.failing.error("the write probe failed (%s)", type(exc).__name__)
            await asyncio.sleep(self.interval)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self.files is not None:
            self.files.close()


class _CauseFirst(Throttled):
    def __init__(self, part: Throttled, probe: WriteProbe) -> None:
        super().__init__(log)
        part.share(probe.failing)
        self.share(probe.failing)
        self._part = part
        self._probe = probe

    def error(self, message: str, *args: object, exc_info: bool = False) -> None:
        reason = self._probe.refuses()
        if reason is None:
            self._part.error(message, *args, exc_info=exc_info)
        else:
            self._probe.say_refused(reason)
