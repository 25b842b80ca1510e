"""A database that refuses writes is logged as one clear error per minute, not one traceback
per tick or request (issue 12, item 9: 858 traceback lines in 12 s)."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.clock import SystemClock
from bot.nudges.dispatcher import Dispatcher
from bot.ports import UnitOfWork
from bot.service import Debrief
from bot.throttle import Throttled
from bot.values import Identity, Incoming


class Now:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_the_first_failure_is_logged_in_full_then_one_line_a_minute(
        caplog: pytest.LogCaptureFixture) -> None:
    now = Now()
    throttled = Throttled(logging.getLogger("test.throttle"), every=60, clock=now)
    with caplog.at_level(logging.ERROR, logger="test.throttle"):
        for _ in range(30):
            try:
                raise OSError("attempt to write a readonly database")
            except OSError:
                throttled.error("dispatch tick failed", exc_info=True)
            now.t += 1
        now.t += 31
        throttled.error("dispatch tick failed", exc_info=True)
    assert [r.getMessage() for r in caplog.records] == [
        "dispatch tick failed", "dispatch tick failed (29 more like it in the last 60s)"]
    assert caplog.records[0].exc_info and not caplog.records[1].exc_info


def refusing() -> UnitOfWork:
    raise OSError("attempt to write a readonly database")


async def test_ticks_and_requests_against_a_database_refusing_writes_log_once(
        caplog: pytest.LogCaptureFixture) -> None:
    dispatcher = Dispatcher(refusing, gateway=Any, clock=SystemClock())  # type: ignore[arg-type]
    core = Debrief(refusing)
    with caplog.at_level(logging.ERROR):
        for _ in range(25):
            await dispatcher._tick_job()
            replies = await core.handle(Incoming(Identity("slack", "T1", "U1"),
                                                 "/debrief history"))
            assert "try again" in replies[0].text.lower()
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 2, [r.getMessage() for r in errors]


def test_parts_sharing_one_allowance_log_one_line_a_minute_between_them(
        caplog: pytest.LogCaptureFixture) -> None:
    now = Now()
    probe = Throttled(logging.getLogger("test.probe"), every=60, clock=now)
    ticks = Throttled(logging.getLogger("test.ticks"), every=60, clock=now)
    ticks.share(probe)
    with caplog.at_level(logging.ERROR):
        for _ in range(20):
            ticks.error("dispatch tick failed")
            probe.error("the database refuses writes")
            now.t += 1
        now.t += 41
        probe.error("the database refuses writes")
    assert [r.getMessage() for r in caplog.records] == [
        "dispatch tick failed", "the database refuses writes (39 more like it in the last 60s)"]
