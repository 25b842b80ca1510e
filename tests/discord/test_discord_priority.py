"""Acknowledgements first (adapters.lanes.AckFirst): follow-up requests wait while an
interaction is being acknowledged, but never longer than the bound."""

from __future__ import annotations

import asyncio
import time

from adapters.lanes import AckFirst


async def test_nothing_to_give_way_to_goes_at_once() -> None:
    acks = AckFirst()
    started = time.perf_counter()
    await acks.give_way()
    assert time.perf_counter() - started < 0.05


async def test_a_follow_up_waits_until_the_acknowledgement_is_done() -> None:
    acks = AckFirst(max_yield=5.0)
    order: list[str] = []

    async def acknowledge() -> None:
        with acks.acknowledging():
            await asyncio.sleep(0.05)
            order.append("ack")

    async def follow_up() -> None:
        await asyncio.sleep(0)  # the acknowledgement has started
        await acks.give_way()
        order.append("follow-up")

    await asyncio.gather(acknowledge(), follow_up())
    assert order == ["ack", "follow-up"]


async def test_a_stuck_acknowledgement_holds_follow_ups_only_for_the_bound() -> None:
    acks = AckFirst(max_yield=0.05)
    with acks.acknowledging():
        started = time.perf_counter()
        await acks.give_way()
        assert 0.04 <= time.perf_counter() - started < 1.0


async def test_the_way_is_clear_again_after_a_failed_acknowledgement() -> None:
    acks = AckFirst(max_yield=5.0)
    try:
        with acks.acknowledging():
            raise RuntimeError("the defer failed")
    except RuntimeError:
        pass
    started = time.perf_counter()
    await acks.give_way()
    assert time.perf_counter() - started < 0.05
