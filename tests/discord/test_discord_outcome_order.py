"""After an outcome, the optional "how did this interview come about?" question is a message
of its own, after the outcome's reply: answered in the interaction's callback (or in its
"thinking" placeholder when the work is slow), the question as a follow-up after it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from fake_discord import FakeDiscord
from slow_core import SlowCore
from test_discord_lifecycle import shown

from adapters.discord import DiscordAdapter
from bot.service import Debrief

# As in tests/discord/conftest.py; not imported from there: beside tests/slack or tests/ops
# the module name 'conftest' can name the other package's (see test_discord_answer_keys).
StartAdapter = Callable[..., Awaitable[DiscordAdapter]]


def buttons(message: dict[str, Any]) -> list[str]:
    return [c.get("label") for row in message.get("components") or []
            for c in row.get("components") or []]


@pytest.mark.parametrize("delay", [0.0, 1.3], ids=["in the callback", "after thinking"])
async def test_in_a_server_the_outcome_comes_first_then_the_question_with_its_buttons(
        fake: FakeDiscord, core: Debrief, start_adapter: StartAdapter, delay: float) -> None:
    adapter = await start_adapter(SlowCore(core, delay) if delay else core)
    alice = fake.add_user("alice")
    await fake.command(alice, "interview", company="Acme", type="other")
    await fake.wait_until(lambda: fake.dms(alice))
    await fake.send_dm(alice, "cancel")  # no reflection today
    await fake.wait_until(lambda: len(fake.dms(alice)) >= 2)
    assert await adapter.idle(5)

    told = await fake.command(alice, "outcome", interview="Acme", result="callback")
    await fake.wait_until(lambda: len(fake.replies_to(told)) >= 2 and fake.settled(told))
    outcome, question = fake.replies_to(told)  # the original response, then a follow-up
    assert told.callbacks[0]["type"] == (4 if not delay else 5)
    assert "A callback - well done!" in shown(outcome) and buttons(outcome) == []
    assert "come about" not in shown(outcome)
    assert "how did the Acme interview come about?" in shown(question)
    assert buttons(question) == ["A referral", "My application", "A recruiter", "Another way"]
