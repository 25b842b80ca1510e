"""Fixtures for the Slack tests (see slack_env.py for what they build).

Helper modules live next to this file and are imported by name; pytest puts this
directory on ``sys.path`` (no ``__init__.py`` on purpose: a package named ``slack`` would
shadow slack_sdk's legacy ``slack`` package).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fake_slack import FakeSlack, SlackUser
from slack_env import SlackEnv, open_env


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    slack = FakeSlack()
    await slack.start()
    slack.add_user(SlackUser("UADA", "Ada", "Europe/Berlin"))
    yield slack
    await slack.stop()


@pytest.fixture
async def slack_env(fake: FakeSlack) -> AsyncIterator[SlackEnv]:
    async with open_env(fake) as env:
        yield env


@pytest.fixture
async def socket_env(fake: FakeSlack) -> AsyncIterator[SlackEnv]:
    async with open_env(fake, socket=True) as env:
        yield env
