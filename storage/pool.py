"""A connection pool for asyncio that serves waiting units of work first come, first served.

SQLAlchemy's ``AsyncAdaptedQueuePool`` keeps its idle connections in an ``asyncio.Queue``.
When a connection comes back, that queue wakes the longest waiter but leaves the connection
in the queue until the waiter runs; any task that asks in between takes it at once
(``get_nowait``), and the waiter, finding the queue empty again, goes to the *back* of the
line. On a busy event loop something always asks in between (the task that just committed
and starts its next turn, or any of hundreds of ready tasks), so a waiter can lose every
time until ``pool_timeout`` and fail with "QueuePool limit ... reached": issue 14's
benchmark had 91 of 1,000 reflections told "couldn't reach my database" that way, with
the median turn under a second while those waited 30 s.

:class:`FairAsyncQueuePool` hands a returned connection straight to the longest waiter, so
a wait is as long as the line ahead of it and no longer. Every checkout still passes
through SQLAlchemy's pool (events, invalidation, overflow and ``pool_timeout`` unchanged);
only the queue of idle connections is replaced.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Any, TypeVar

from sqlalchemy import event, exc
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import AsyncAdaptedQueuePool, ConnectionPoolEntry
from sqlalchemy.util import await_
from sqlalchemy.util.queue import Empty, Full, QueueCommon

__all__ = ["IDLE_PING_S", "KEPT_SINCE", "POOL_TIMEOUT_S", "FairAsyncQueue", "FairAsyncQueuePool",
           "check_liveness_on_checkout"]

#: The longest a unit of work waits for a PostgreSQL connection before its turn fails.
#: With waits served in order, reaching it means the line holds this many seconds of
#: work: the process is far past what it can do, and the person is better told so than
#: left waiting. (SQLAlchemy's default, now stated.)
POOL_TIMEOUT_S = 30.0

#: A pooled connection idle longer than this is pinged before it is handed out.
IDLE_PING_S = 5.0

#: ``Connection.info`` key: when a connection kept between units of work went idle
#: (:mod:`storage.pg_idle`), so that its idle time counts from then if it comes back here.
KEPT_SINCE = "debrief_kept_since"

_T = TypeVar("_T")


class FairAsyncQueue(QueueCommon[_T]):
    """The idle connections, and the waiters for one, both first in, first out.

    An item put back goes to the longest waiter, never into the queue while anyone waits,
    so a newcomer cannot take it first. The interface is the one QueuePool uses.
    """

    def __init__(self, maxsize: int = 0, use_lifo: bool = False) -> None:
        self.maxsize = maxsize
        self.use_lifo = use_lifo
        self._items: deque[_T] = deque()
        self._waiters: deque[asyncio.Future[_T]] = deque()

    def empty(self) -> bool:
        return not self._items

    def full(self) -> bool:
        return self.maxsize > 0 and len(self._items) >= self.maxsize

    def qsize(self) -> int:
        return len(self._items)

    def waiting(self) -> int:
        """Checkouts waiting for a connection now."""
        return sum(1 for w in self._waiters if not w.done())

    def put_nowait(self, item: _T) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():  # not timed out or cancelled meanwhile
                waiter.set_result(item)
                return
        if self.full():
            raise Full()
        self._items.append(item)

    def put(self, item: _T, block: bool = True, timeout: float | None = None) -> None:
        self.put_nowait(item)  # never blocks: a returned connection has a place or is closed

    def get_nowait(self) -> _T:
        if not self._items:
            raise Empty()
        return self._items.pop() if self.use_lifo else self._items.popleft()

    def get(self, block: bool = True, timeout: float | None = None) -> _T:
        if self._items or not block:
            return self.get_nowait()
        return await_(self._wait(timeout))

    async def _wait(self, seconds: float | None) -> _T:
        waiter: asyncio.Future[_T] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            async with asyncio.timeout(seconds):
                return await waiter
        except BaseException as exc:
            if waiter.done() and not waiter.cancelled():
                # Handed a connection just as we timed out or were cancelled: pass it on.
                self.put_nowait(waiter.result())
            else:
                waiter.cancel()
                self._waiters.remove(waiter)  # handed-over waiters left the line already
            if isinstance(exc, TimeoutError):
                raise Empty() from None
            raise


class FairAsyncQueuePool(AsyncAdaptedQueuePool):
    """``AsyncAdaptedQueuePool`` whose waiting checkouts are served in arrival order."""

    _queue_class: Any = FairAsyncQueue

    def waiting(self) -> int:
        """Checkouts waiting for a connection now (for diagnostics)."""
        queue: FairAsyncQueue[ConnectionPoolEntry] = self._pool  # type: ignore[assignment]
        return queue.waiting()


def check_liveness_on_checkout(engine: AsyncEngine, idle_ping_s: float | None = None) -> None:
    """Hand out only live connections, without a round trip per checkout.

    ``pool_pre_ping`` on asyncpg costs three round trips per checkout (``BEGIN``, ``;``,
    ``ROLLBACK``): a third of a dialogue turn's CPU in the bot (issue 14). Instead, on each
    checkout: a connection the server has closed (a restart or a terminated backend sends
    its goodbye and closes the socket, which asyncpg notices at once) is replaced for free;
    one idle longer than ``idle_ping_s`` (default :data:`IDLE_PING_S`), which may have died
    silently (a dropped network path), is pinged first. Either way SQLAlchemy discards it
    and checks out another (``DisconnectionError`` in a ``checkout`` event), so the unit of
    work never sees it.
    """
    dialect = engine.dialect
    ping_after = IDLE_PING_S if idle_ping_s is None else idle_ping_s

    @event.listens_for(engine.sync_engine, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        record.info["debrief_idle_since"] = record.info.pop(KEPT_SINCE, None) or time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any) -> None:
        driver = getattr(dbapi_connection, "driver_connection", None)
        if driver is not None and driver.is_closed():
            raise exc.DisconnectionError("the server closed this connection")
        idle_since = record.info.get("debrief_idle_since")
        if idle_since is None or time.monotonic() - idle_since <= ping_after:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                raise exc.DisconnectionError("the connection did not answer a ping") from error
            raise
