"""Exactly one first response per interaction: the work's answer or the handler's defer."""

from __future__ import annotations

import asyncio

from adapters.discord.pending import ACKED, ANSWERING, Pending


async def test_work_done_within_the_budget_answers_and_the_handler_stays_silent() -> None:
    live = Pending(object(), original_pending=True, waiting=True)
    handler = asyncio.create_task(live.answered_within(1.0))
    await asyncio.sleep(0)
    assert live.claim() is True
    assert await handler is True and live.mode == ANSWERING


async def test_work_done_after_the_budget_finds_the_handler_acknowledged() -> None:
    live = Pending(object(), original_pending=True, waiting=True)
    assert await live.answered_within(0.01) is False
    assert live.claim() is False and live.mode == ACKED


async def test_no_budget_left_or_no_waiting_means_acknowledging_at_once() -> None:
    spent = Pending(object(), original_pending=True, waiting=True)
    assert await spent.answered_within(0) is False and spent.claim() is False
    acked = Pending(object(), original_pending=False, waiting=False)
    assert acked.claim() is False
    assert await acked.answered_within(1.0) is False


async def test_a_claim_at_the_budget_s_last_moment_is_still_one_answer() -> None:
    live = Pending(object(), original_pending=True, waiting=True)
    loop = asyncio.get_running_loop()
    handler = asyncio.create_task(live.answered_within(0.02))
    claims: list[bool] = []
    loop.call_later(0.02, lambda: claims.append(live.claim()))
    answered = await handler
    await asyncio.sleep(0.01)
    # Whichever came first, the handler's verdict and the work's agree.
    assert claims == [answered]


async def test_a_burst_stops_the_wait_and_the_work_then_finds_it_acknowledged() -> None:
    live = Pending(object(), original_pending=True, waiting=True)
    handler = asyncio.create_task(live.answered_within(5.0))
    await asyncio.sleep(0)
    live.stop_waiting()
    assert await asyncio.wait_for(handler, 1.0) is False
    assert live.claim() is False and live.mode == ACKED
