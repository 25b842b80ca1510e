"""The work after each acknowledgement: per person in order, a bounded number at once."""

from __future__ import annotations

import asyncio

from adapters.lanes import PersonLanes


async def test_one_persons_requests_run_in_arrival_order() -> None:
    lanes = PersonLanes(concurrency=4)
    seen: list[int] = []

    def job(n: int, pause: float):
        async def run() -> None:
            await asyncio.sleep(pause)
            seen.append(n)
        return run

    for n, pause in enumerate([0.05, 0.0, 0.02, 0.0]):
        lanes.submit("ada", job(n, pause))
    assert await lanes.drain(within=2)
    assert seen == [0, 1, 2, 3]


async def test_at_most_n_jobs_run_at_once_and_a_failure_does_not_stop_the_lane() -> None:
    lanes = PersonLanes(concurrency=3)
    running = peak = finished = 0

    async def job() -> None:
        nonlocal running, peak, finished
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        finished += 1

    async def broken() -> None:
        raise RuntimeError("boom")

    for person in range(10):
        lanes.submit(person, broken)
        lanes.submit(person, job)
    assert lanes.pending == 20
    assert await lanes.drain(within=2)
    assert peak == 3 and finished == 10 and lanes.pending == 0


async def test_close_finishes_accepted_work_then_cancels_what_is_stuck() -> None:
    lanes = PersonLanes()
    done: list[str] = []

    async def quick() -> None:
        done.append("quick")

    async def stuck() -> None:
        await asyncio.sleep(60)

    lanes.submit("a", quick)
    lanes.submit("b", stuck)
    await lanes.close(within=0.2)
    assert done == ["quick"]


async def test_work_waits_for_acknowledgements_in_flight_but_only_briefly() -> None:
    lanes = PersonLanes(ack_priority=0.3)
    started: list[float] = []
    loop = asyncio.get_running_loop()

    async def job() -> None:
        started.append(loop.time())

    with lanes.acknowledging():
        t0 = loop.time()
        lanes.submit("ada", job)
        await asyncio.sleep(0.05)
        assert not started, "the acknowledgement goes first"
    assert await lanes.drain(within=1)
    assert started and started[0] - t0 < 0.25, "and the work starts right after it"

    with lanes.acknowledging():  # an acknowledgement that never ends cannot starve work
        t1 = loop.time()
        lanes.submit("ada", job)
        assert await lanes.drain(within=1)
    assert 0.25 <= started[1] - t1 < 1.0


async def test_a_crowd_of_acknowledgements_queues_eager_work_until_they_have_left() -> None:
    """More acknowledgements on their way than ``crowded``: the process is behind, so work
    that could have answered in its acknowledgement is queued instead, and waits for the
    acknowledgements (longer than ``ack_priority``), then runs as soon as the crowd has
    gone (adapters.lanes.CROWD_MEMORY after it was last seen)."""
    lanes = PersonLanes(ack_priority=0.01, crowded=2)
    started: list[str] = []
    loop = asyncio.get_running_loop()

    async def job(name: str) -> None:
        started.append(name)

    with lanes.acknowledging(), lanes.acknowledging():
        assert lanes.submit("ada", lambda: job("ada"), eager=True), \
            "two on their way is not a crowd: at once"
        with lanes.acknowledging():
            assert not lanes.submit("bob", lambda: job("bob"), eager=True), \
                "three is: queued"
            await asyncio.sleep(0.15)
            assert started == ["ada"], "the queued work waits for the acknowledgements"
            left = loop.time()
    assert await lanes.drain(within=1)
    assert started == ["ada", "bob"]
    assert loop.time() - left < 0.2, "and runs as soon as the crowd has gone"
