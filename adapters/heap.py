"""The garbage collector in a long-running Debrief process (issue 14).

Once started, ``debrief run`` (and every benchmark that stands in for it) calls
:func:`settle`: what start-up built lives as long as the process, so it is frozen out of
the collector's full passes, which otherwise stalled every request 100-400 ms; and the
young generation is collected every :data:`YOUNG_THRESHOLD` allocations instead of
Python's 700. A burst keeps a thousand requests and their objects alive at once (each
acknowledged, its work queued): with 700, short-lived objects were promoted by the
thousand, and the full collections they triggered cost Discord 0.16 ms per interaction in
a 1,000-interaction burst (52 ms each), against 0.06 for a bare discord.py client. With
10,000 the collector's time in the same bursts fell by about a third (benchmarks/
discord_interactions.py, collector time from ``gc.callbacks``). The price is at most that
many more young objects in memory (a megabyte or two).
"""

from __future__ import annotations

import gc

__all__ = ["YOUNG_THRESHOLD", "settle"]

YOUNG_THRESHOLD = 10_000


def settle() -> None:
    """After start-up: collect, freeze what is left, and collect the young less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
