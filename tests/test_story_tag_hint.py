"""The story-saved message suggests a tag only when the story's words hint at one it lacks
(it said `tags:"leadership, failure"` after every story, a food bank's included)."""

from __future__ import annotations

import pytest
from test_service import World

from bot.stories.bank import infer_tags


@pytest.mark.parametrize(("story", "hint"), [
    ("our launch slipped two weeks because I underestimated the data migration; now I add "
     "a buffer", '`/debrief stories edit 1 tags:"failure"`'),
    ("the client kept changing scope so I set up weekly demos and we shipped on time",
     '`/debrief stories edit 1 tags:"conflict"`'),
    ("Checkout | I cut checkout latency 40% and onboarded two new devs onto the service",
     '`/debrief stories edit 1 tags:"impact in numbers, leadership"`'),
])
async def test_the_suggested_tag_fits_the_story(story: str, hint: str) -> None:
    world = World()
    (reply,) = await world.say(f"/debrief stories add {story}")
    assert hint in reply.text
    assert "leadership, failure" not in reply.text


@pytest.mark.parametrize("story", [
    "volunteered at the food bank on weekends",
    "Cut checkout latency | Our checkout was slow at peak; I profiled it and cached prices; "
    "p99 fell from 2s to 400ms.",
])
async def test_no_tag_is_suggested_when_nothing_hints_at_one(story: str) -> None:
    world = World()
    (reply,) = await world.say(f"/debrief stories add {story}")
    assert "tags:" not in reply.text and reply.text.startswith("Saved as story 1")


def test_failed_payments_cut_by_a_third_is_a_result_not_a_failure() -> None:
    assert infer_tags("led a team of 4 to migrate our billing and cut failed payments by "
                      "30%") == ["impact in numbers", "leadership"]
    assert "failure" in infer_tags("the launch failed and I learned to test earlier")
