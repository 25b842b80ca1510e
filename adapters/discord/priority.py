"""Acknowledgements first: follow-up requests give way while an interaction is being
acknowledged.

Discord drops an interaction not acknowledged within 3 seconds; follow-ups may come up to
15 minutes later. In one event loop both kinds of work interleave step by step, so a reply
being sent (its HTTP request, the Message parsed from the response) delays every
acknowledgement that arrives meanwhile - on a busy machine by tens of milliseconds (issue
14: Debrief sends two or three follow-up requests per interaction, the bare client none).
So before each follow-up request (and before the core runs) the work waits while any
acknowledgement is on its way, at most :data:`MAX_YIELD` seconds each time, so a slow or
stuck acknowledgement never holds the replies up for long.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["MAX_YIELD", "AckFirst"]

MAX_YIELD = 0.1


class AckFirst:
    def __init__(self, max_yield: float = MAX_YIELD) -> None:
        self.max_yield = max_yield
        self._acking = 0
        self._clear = asyncio.Event()
        self._clear.set()

    @contextmanager
    def acknowledging(self) -> Iterator[None]:
        """Around making one interaction durable and acknowledging it."""
        self._acking += 1
        self._clear.clear()
        try:
            yield
        finally:
            self._acking -= 1
            if not self._acking:
                self._clear.set()

    async def give_way(self) -> None:
        """Before a follow-up request: wait while acknowledgements are on their way."""
        if not self._acking:
            return
        try:
            async with asyncio.timeout(self.max_yield):
                await self._clear.wait()
        except TimeoutError:
            pass
