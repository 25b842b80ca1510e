"""One slow person never holds up another: Web API calls that hang for some people.

Ten people start a reflection while ``conversations.open`` and ``chat.postMessage`` never
answer for them; an eleventh person's ``/debrief help`` is still answered within 3 s. Their
jobs keep their work slots only briefly (``adapters.lanes.SLOW_AFTER``), every Web API call
is bounded by ``DEBRIEF_PLATFORM_TIMEOUT`` (set on the aiohttp session: slack_sdk ignores
its own timeout when given a session), and every job by ``DEBRIEF_JOB_DEADLINE``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from fake_slack import FakeSlack, SlackUser
from slack_env import SlackEnv, open_env
from slack_people import SlackPerson

HUNG = {f"USLOW{n}" for n in range(10)}


class HangingSlack(FakeSlack):
    """``conversations.open`` and ``chat.postMessage`` for the people in HUNG never answer
    (until released at teardown)."""

    def __init__(self) -> None:
        super().__init__()
        self.released = asyncio.Event()
        self.hung_calls = 0

    async def _web_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if method in ("conversations.open", "chat.postMessage"):
            args: dict[str, Any] = await self._read_args(request)
            who = str(args.get("users") or args.get("channel") or "").removeprefix("D")
            if who in HUNG:
                self.hung_calls += 1
                await self.released.wait()
        return await super()._web_api(request)


@pytest.fixture
async def hanging() -> AsyncIterator[HangingSlack]:
    slack = HangingSlack()
    await slack.start()
    slack.add_user(SlackUser("UADA", "Ada", "Europe/Berlin"))
    yield slack
    slack.released.set()
    await slack.stop()


async def test_ten_people_with_hung_api_calls_do_not_delay_an_eleventh_persons_help(
        hanging: HangingSlack) -> None:
    async with open_env(hanging) as env:
        await _run(env, hanging)


async def _run(env: SlackEnv, fake: HangingSlack) -> None:
    slow = [SlackPerson(fake, env.ada.transport, fake.add_user(SlackUser(u, u)))
            for u in sorted(HUNG)]
    acks = await asyncio.gather(*(p.slash("interview Acme type:other", channel=p.dm) for p in slow))
    assert {a.status for a in acks} == {200}
    await fake.wait_for(lambda: fake.hung_calls >= 10, within=5)

    started = time.monotonic()
    ack = await env.ada.slash("help")
    assert ack.status == 200
    await fake.wait_for(lambda: fake.calls_to("response_url"), within=3)
    took = time.monotonic() - started
    assert took < 3, took
    assert "interview" in fake.calls_to("response_url")[0].text.lower()
