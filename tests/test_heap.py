"""adapters.heap.settle: what `debrief run` does to the collector once started."""

from __future__ import annotations

import gc

from adapters.heap import YOUNG_THRESHOLD, settle


def test_settle_freezes_start_up_and_collects_the_young_less_often() -> None:
    before = gc.get_threshold()  # an earlier test may have started `debrief run` in-process
    try:
        gc.set_threshold(700, 10, 10)  # Python's own
        kept = [object() for _ in range(10)], {"start-up": [1, 2, 3]}
        settle()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
        assert YOUNG_THRESHOLD > 700
        del kept
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
