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
from collections import deque
from typing import Any, TypeVar

from sqlalchemy.pool import AsyncAdaptedQueuePool, ConnectionPoolEntry
from sqlalchemy.util import await_
from sqlalchemy.util.queue import Empty, Full, QueueCommon

__all__ = ["POOL_TIMEOUT_S", "FairAsyncQueue", "FairAsyncQueuePool"]

#: The longest a unit of work waits for a PostgreSQL connection before its turn fails.
#: With waits served in order, reaching it means the line holds this many seconds of
#: work: the process is far past what it can do, and the person is better told so than
#: left waiting. (SQLAlchemy's default, now stated.)
POOL_TIMEOUT_S = 30.0

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
            if isinstance(exc, TimeoutError):
                raise Empty() from None
            raise
        finally:
            try:
                self._waiters.remove(waiter)
            except ValueError:
                pass


class FairAsyncQueuePool(AsyncAdaptedQueuePool):
    """``AsyncAdaptedQueuePool`` whose waiting checkouts are served in arrival order."""

    _queue_class: Any = FairAsyncQueue

    def waiting(self) -> int:
        """Checkouts waiting for a connection now (for diagnostics)."""
        queue: FairAsyncQueue[ConnectionPoolEntry] = self._pool  # type: ignore[assignment]
        return queue.waiting()
