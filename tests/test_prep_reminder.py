"""The prep message the evening before names the interview and what is left of the
person's own prep: it said "Twenty minutes now makes it easier: a short research
checklist, two questions …" to everyone, including someone who had done it all."""

from __future__ import annotations

from test_reminders_respect_time import button, deliver_due
from test_service import World

from bot.model import NudgeKind
from bot.values import Reply

LOG = ('/debrief interview Acme when:"fri 10:00" role:"data analyst" type:recruiter '
       'interviewer:"Dana Smith"')


async def evening_before(world: World) -> Reply:
    (prep_nudge,) = world.nudges(NudgeKind.PREP)
    world.clock.set(prep_nudge.due_at)  # Thu 18:00 BST
    (delivered,) = await deliver_due(world)
    return delivered


async def test_untouched_prep_names_the_interview_and_the_first_things_to_do() -> None:
    world = World()
    await world.say(LOG)
    delivered = await evening_before(world)
    assert delivered.text == (
        "Tomorrow at 10:00: your recruiter screen at Acme (Data Analyst) with Dana Smith. "
        "Twenty minutes tonight is enough: the Data Analyst posting's top requirements, "
        "Dana Smith's profile, two questions only you could ask and one story said out loud.")
    assert delivered.actions[0].label == "Prepare now"


async def test_prep_begun_that_afternoon_is_counted_and_only_the_rest_is_asked() -> None:
    world = World()
    await world.say(LOG)
    await world.say("/debrief prep tick 3, 4")
    await world.say("/debrief prep question How is the Looker rollout changing reporting?")
    await world.say("/debrief prep question What did the Q3 churn study change for the team?")
    delivered = await evening_before(world)
    assert delivered.text.endswith(
        "You've made a start - 2 of 5 ticked and both questions written. Left for tonight: "
        "Acme's recent news, the logistics and one story said out loud.")


async def test_all_done_lets_them_rest() -> None:
    world = World()
    await world.say(LOG)
    for typed in ("tick all", "question How is the Looker rollout changing reporting?",
                  "question What did the Q3 churn study change for the team?", "practised"):
        await world.say(f"/debrief prep {typed}")
    delivered = await evening_before(world)
    assert "You're ready" in delivered.text and "Rest well" in delivered.text
    assert "Twenty minutes" not in delivered.text
    replies = await world.say(button(delivered, "Prepare now"))
    assert replies[0].title.startswith("Prep: Acme")
