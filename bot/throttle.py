"""One log line per minute for a failure that repeats.

A database that refuses writes fails every dispatcher tick (every 2 s) and every request;
logging each with its traceback buried the one useful line (858 traceback lines in 12 s).
:class:`Throttled` logs the first occurrence in full and then at most one line per
``every`` seconds, saying how many it held back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

__all__ = ["Throttled"]


class Throttled:
    def __init__(self, logger: logging.Logger, every: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._log = logger
        self._every = every
        self._clock = clock
        self._last = float("-inf")
        self._suppressed = 0

    def error(self, message: str, *args: object, exc_info: bool = False) -> None:
        """Log ``message`` unless one was logged less than ``every`` seconds ago."""
        now = self._clock()
        if now - self._last < self._every:
            self._suppressed += 1
            return
        if self._suppressed:
            message += f" ({self._suppressed} more like it in the last {self._every:.0f}s)"
        first = self._last == float("-inf")
        self._last, self._suppressed = now, 0
        self._log.error(message, *args, exc_info=exc_info and first)
