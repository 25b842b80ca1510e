"""The reflection's one focus fits what the person said, and is one concrete step."""

from __future__ import annotations

import re

import pytest
from test_service import World

from bot.reflection.focus_tip import _PREPARED, _STAND_OUT
from bot.reflection.their_side import about_them
from bot.values import Reply

# The general question set, answered in order.
LOG = '/debrief interview Acme when:"2 hours ago" type:other role:"data analyst"'


async def summary_after(answers: list[str], world: World | None = None) -> Reply:
    world = world or World()
    await world.say(LOG)
    replies: list[Reply] = []
    for answer in answers:
        replies = await world.say(answer)
    return next(r for r in replies if r.title and r.title.startswith("Your reflection"))


def fields(reply: Reply) -> dict[str, str]:
    return {f.name: f.value for f in reply.fields}


async def test_a_rude_interviewer_is_not_turned_into_advice_to_stay_professional() -> None:
    """"no" at the professional question and "rude, kept interrupting me" gave "You felt
    the conversation got too personal … Personable, not their new friend.", and the late
    arrival's "15 minutes" was praised as something specific to remember."""
    summary = await summary_after([
        "2", "they showed up 15 minutes late and the interviewer was rude, kept interrupting me",
        "nothing really, he seemed bored", "sent", "their dashboards", "no", "1,3",
        "how does the team decide what to build next?", "3", "4 years of SQL and Tableau",
        "skip"])
    said = fields(summary)
    assert said["How they treated you"].startswith("Being talked over, brushed off or kept "
                                                   "waiting is hard on anyone")
    assert not any(name.endswith("Professional") for name in said)
    assert "new friend" not in str(said)
    assert "15 minutes" not in said["What went well"]
    assert "Worth keeping" not in said
    focus = next(v for k, v in said.items() if k.startswith("One thing to focus on"))
    assert focus.startswith("How they behaved isn't what they'll remember about you")


async def test_their_own_drift_still_gets_the_professional_focus() -> None:
    summary = await summary_after([
        "2", "my churn model cut churn 3 points", "their dashboards", "sent",
        "their dashboard redesign", "we talked about dogs for 15 minutes", "1,2,3,4",
        "how will the redesign change reporting?", "4", "5 years of SQL", "skip"])
    said = fields(summary)
    assert "One thing to focus on: Professional" in said
    assert "How they treated you" not in said


@pytest.mark.parametrize("answer, theirs", [
    ("the interviewer was rude and kept interrupting me", True),
    ("he was on his phone the whole time", True),
    ("they came 20 minutes late and seemed bored", True),
    ("I was late because of the train, they were nice about it", False),
    ("I interrupted a flaky test suite and cut CI time by 40%", False),
    ("I kept interrupting them, nerves I guess", False),
    ("they were interested in how I handle interruptions", False),
    ("they checked out my GitHub before the call", False),
    ("they didn't care about my degree, only my projects", False),
    ("she was never rude, just very direct", False),
    ("the interviewer was super nice and we talked about hiking", False),
    ("my story about the rude customer I turned into our biggest account", False),
])
def test_what_counts_as_the_interviewer_treating_them_badly(answer: str, theirs: bool) -> None:
    assert about_them(answer) is theirs


STRONG = ["3", "I showed my churn dashboard that cut reporting time from 3 days to 4 hours",
          "their move to snowflake", "sent", "their snowflake migration",
          "friendly and on topic", "1,2,3,4",
          "how will the snowflake move change what analysts own?", "5",
          "5 years building dashboards in Looker for retail", "by friday, dana will email"]


async def test_strong_everywhere_gets_one_step_for_the_next_round_not_do_the_same() -> None:
    """It said "Nothing in your answers stands out as weak - do the same in your next
    interview.": no action, no when, no how."""
    keep = fields(await summary_after(STRONG))["Keep doing this"]
    assert keep == (
        "Nothing in your answers stands out as weak. One step for the next round: when Acme "
        "invites you, log it with `/debrief interview Acme when:\"<day and time>\"` and prep "
        "then brings back what they were most interested in (\"their move to Snowflake\"), to "
        "go deeper on.")


async def test_the_next_round_step_keeps_its_promise() -> None:
    world = World()
    await summary_after(STRONG, world)
    await world.say('/debrief interview Acme when:"fri 10:00"')
    (prep,) = await world.say("/debrief prep")
    assert "their move to Snowflake" in fields(prep)["From your last interview at Acme"]


async def test_a_wrong_job_focus_quotes_what_they_bring() -> None:
    summary = await summary_after([
        "2", "my demo of the billing dashboard", "pricing", "sent", "their pricing model",
        "fine", "1,2,3", "how do you price enterprise deals?", "1",
        "honestly i'm a backend dev, not a sales person", "skip"])
    focus = fields(summary)["One thing to focus on: Right jobs"]
    assert focus.startswith("You rated the fit 1 out of 5 and said \"honestly I'm a backend "
                            "dev, not a sales person\".")


@pytest.mark.parametrize("variant", [0, 1, 2])
def test_every_general_focus_says_how_and_when(variant: int) -> None:
    """The general stand-out and preparation tips said "write down three short stories"
    and "Bring questions that show you did your homework" with no how or when."""
    for tips in (_STAND_OUT, _PREPARED):
        tip = tips[variant]
        assert "/debrief " in tip or "evening before" in tip
        assert re.search(r"this week|tonight|evening before|next time|before your next|"
                         r"as soon as", tip, re.I)


async def test_a_vague_topic_builds_no_question_and_a_stock_phrase_is_named_once() -> None:
    """"the team" gave "One only you could ask: "What's the hardest part of the team right
    now?"", and "i'm detail oriented" was quoted as ""detail oriented", "detail-oriented"
    is what every candidate says"."""
    summary = await summary_after([
        "2", "i'm detail oriented", "the team", "sent", "the team", "fine", "1",
        "what's the team like", "4", "SQL", "skip"])
    read = fields(summary)["Specific or generic"]
    assert "hardest part of the team" not in read
    assert "One only you could ask: \"Six months from now" in read
    assert "Generic - what they'll remember: \"detail oriented\" is what every candidate " \
           "says." in read


async def test_sure_they_will_remember_but_not_what_for_is_not_called_unsure() -> None:
    """"They'll remember me" and "idk" at what for: "What went well" said "You felt you
    left a mark" and the focus, just below, "You weren't sure what they'll remember"."""
    summary = await summary_after([
        "3", "idk", "their dashboards", "sent", "their dashboards", "fine", "1,2,3,4",
        "how will the redesign change reporting?", "5", "idk", "skip"])
    focus = fields(summary)["One thing to focus on: Stand out"]
    assert focus.startswith("You felt they'll remember you, but not what for")
    assert "weren't sure" not in focus
