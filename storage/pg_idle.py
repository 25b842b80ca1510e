"""PostgreSQL connections handed from one unit of work straight to the next.

Every unit of work checked a connection out of SQLAlchemy's pool and back in: an
``AsyncConnection`` and a ``Connection`` built, a greenlet for each direction, the pool's
checkout and checkin events, its reset on return. About 45 us of the event loop's CPU per
unit of work, a tenth of a dialogue turn's (issue 14), to pass a connection to the next
unit of work, which under load is already waiting for it.

So an engine's units of work pass connections between themselves (:class:`Handover`): one
that committed without trouble hands its connection, still checked out and with no
transaction open, to the unit of work waiting longest, or keeps it for the next one to come
(the most recent first). What the pool did and is skipped holds here as well:

* **its bounds and first come, first served** (:mod:`storage.pool`): at most as many units
  of work hold a connection as the pool can open (``pool_size + max_overflow``); the others
  wait here in arrival order, up to the pool's timeout, and each connection given back goes
  to the longest waiter. A waiter is never passed over: a newcomer waits behind it;
* **reset on return**: only a connection with no transaction open is handed on or kept
  (SQLAlchemy's, the asyncpg adapter's and the server's, as asyncpg read it from the last
  answer); any other one, and that of every unit of work that failed or rolled back, goes
  back through the pool (its waiter then checks one out);
* **liveness**: a connection the server closed is not taken (asyncpg notices at once, as the
  checkout check of :func:`storage.pool.check_liveness_on_checkout` relies on); one kept
  longer than :data:`storage.pool.IDLE_PING_S` goes back to the pool, which pings it at its
  next checkout as it does any connection idle that long. At most ``pool_size`` are kept,
  so overflow connections are closed when work slackens, as before.

``engine.dispose()`` closes the kept ones (the pool it empties does not hold them).
"""

from __future__ import annotations

import asyncio
import time
import weakref
from collections import deque
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.pool import IDLE_PING_S, KEPT_SINCE, FairAsyncQueuePool

__all__ = ["Handover", "handover_for"]


class Handover:
    """One engine's connections between its units of work (see the module's docstring).

    A unit of work calls :meth:`take` before its first statement and :meth:`give_back`
    exactly once when it ends, whether :meth:`take` gave it a connection or not.
    """

    def __init__(self, engine: Engine, holders: int, keep: int, idle_s: float,
                 timeout: float) -> None:
        self._engine = weakref.ref(engine)
        self._free = holders  # units of work that may hold a connection now
        self._keep = keep
        self._idle_s = idle_s
        self._timeout = timeout
        self._waiters: deque[asyncio.Future[AsyncConnection | None]] = deque()
        self._kept: list[tuple[AsyncConnection, float]] = []
        self.generation = 0  # bumped when the engine is disposed

    def waiting(self) -> int:
        """Units of work waiting for a connection now (for diagnostics)."""
        return sum(1 for w in self._waiters if not w.done())

    async def take(self) -> AsyncConnection | None:
        """Wait for this unit of work's turn to hold a connection: one handed over or kept,
        or None (check one out of the pool). Raises SQLAlchemy's pool ``TimeoutError``."""
        if self._free > 0 and not self._waiters:
            self._free -= 1
        else:
            waiter: asyncio.Future[AsyncConnection | None] = (
                asyncio.get_running_loop().create_future())
            self._waiters.append(waiter)
            try:
                async with asyncio.timeout(self._timeout):
                    handed = await waiter
            except BaseException as exc:
                if waiter.done() and not waiter.cancelled():
                    # Handed our turn just as we timed out or were cancelled: pass it on.
                    leftover = self.give_back(waiter.result(), self.generation)
                    if leftover is not None:
                        await leftover.close()
                else:
                    waiter.cancel()
                    self._waiters.remove(waiter)
                if isinstance(exc, TimeoutError):
                    raise PoolTimeout(f"no connection was handed over within "
                                      f"{self._timeout:g} s") from None
                raise
            if handed is not None:
                return handed
        kept = self._kept
        while kept:
            connection, since = kept.pop()
            if time.monotonic() - since <= self._idle_s and _idle(connection):
                del connection.info[KEPT_SINCE]
                return connection
            # Closed by the server, or idle long enough to need a ping: the pool's checkout
            # deals with it (a closed one is replaced, an idle one pinged).
            await connection.close()
        return None

    def give_back(self, connection: AsyncConnection | None,
                  generation: int) -> AsyncConnection | None:
        """End a unit of work's turn: ``connection`` (if it has one and it is idle) goes to
        the longest waiter or is kept. Returns the connection the caller must close (back to
        the pool), if any."""
        usable = (connection is not None and generation == self.generation
                  and _idle(connection))
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():  # not timed out or cancelled meanwhile
                waiter.set_result(connection if usable else None)
                return None if usable else connection
        self._free += 1
        if usable and len(self._kept) < self._keep:
            assert connection is not None
            now = time.monotonic()
            connection.info[KEPT_SINCE] = now  # the pool's idle clock, if it goes back
            self._kept.append((connection, now))
            return None
        return connection

    def close_all(self) -> None:
        """Close every kept connection (the engine is being disposed)."""
        self.generation += 1
        kept, self._kept = self._kept, []
        for connection, _since in kept:
            sync = connection.sync_connection
            if sync is not None and not sync.closed:
                sync.invalidate()  # closes the DBAPI connection; nothing goes back to a pool


def _idle(connection: AsyncConnection) -> bool:
    """Checked out, usable, and no transaction open anywhere (SQLAlchemy's; its asyncpg
    adapter's, a private name: without it nothing is handed on; the server's)."""
    sync = connection.sync_connection
    if sync is None or sync.closed or sync.invalidated or sync.in_transaction():
        return False
    adapter: Any = sync.connection.dbapi_connection
    driver = getattr(adapter, "_connection", None)
    return (driver is not None and getattr(adapter, "_transaction", True) is None
            and not driver.is_closed() and not driver.is_in_transaction())


_handovers: weakref.WeakKeyDictionary[Engine, Handover] = weakref.WeakKeyDictionary()


def handover_for(engine: AsyncEngine) -> Handover | None:
    """``engine``'s :class:`Handover`, when its pool is :class:`FairAsyncQueuePool`."""
    sync_engine = engine.sync_engine
    found = _handovers.get(sync_engine)
    if found is None:
        pool = sync_engine.pool
        if not isinstance(pool, FairAsyncQueuePool):
            return None
        size, overflow = pool.size(), getattr(pool, "_max_overflow", 0)
        holders = size + overflow if size > 0 and overflow >= 0 else 1 << 30  # 0/-1: no limit
        found = _handovers[sync_engine] = Handover(sync_engine, holders, max(size, 0),
                                                   IDLE_PING_S, pool.timeout())
        event.listen(sync_engine, "engine_disposed", lambda _engine: found.close_all())
    return found
