"""One log line per minute for a failure that repeats.

A database that refuses writes fails every dispatcher tick (every 2 s) and every request;
logging each with its traceback buried the one useful line (858 traceback lines in 12 s).
:class:`Throttled` logs the first occurrence in full and then at most one line per
``every`` seconds, saying how many it held back. Several parts failing for one cause (the
dispatcher, the tips, the inbox and the write probe when the database refuses writes) can
:meth:`~Throttled.share` one allowance: one line a minute between them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Throttled"]


@dataclass(slots=True)
class _Allowance:
    every: float
    clock: Callable[[], float]
    last: float = float("-inf")
    suppressed: int = 0


class Throttled:
    def __init__(self, logger: logging.Logger, every: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._log = logger
        self._allowance = _Allowance(every, clock)

    def share(self, other: Throttled) -> None:
        """Count with ``other`` from now on: one line per ``every`` between the two."""
        self._allowance = other._allowance

    def error(self, message: str, *args: object, exc_info: bool = False) -> None:
        """Log ``message`` unless one was logged less than ``every`` seconds ago."""
        allowance = self._allowance
        now = allowance.clock()
        if now - allowance.last < allowance.every:
            allowance.suppressed += 1
            return
        if allowance.suppressed:
            message += (f" ({allowance.suppressed} more like it in the last "
                        f"{allowance.every:.0f}s)")
        first = allowance.last == float("-inf")
        allowance.last, allowance.suppressed = now, 0
        self._log.error(message, *args, exc_info=exc_info and first)
