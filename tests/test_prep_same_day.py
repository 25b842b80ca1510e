"""Two interviews on one day, and one in an hour, as the person preparing sees them.

"prep for tomorrow" with Acme at 10:00 and Globex at 15:00 showed Acme's prep as if it
were the only one, and each evening message ignored the other; an hour before an
interview of unknown kind, prep listed four kinds' advice in full."""

from __future__ import annotations

from test_reminders_respect_time import deliver_due
from test_service import World

from bot.model import NudgeKind

ACME = '/debrief interview Acme when:"fri 10:00" role:"data analyst"'
GLOBEX = '/debrief interview Globex when:"fri 15:00" type:technical'


async def test_prep_for_a_day_with_two_interviews_names_the_other_one() -> None:
    world = World()
    await world.say(ACME)
    await world.say(GLOBEX)
    (acme,) = await world.say("/debrief prep for friday")
    assert acme.title.startswith("Prep: Acme")
    assert acme.text.startswith("Same day: Globex at 15:00 too - `/debrief prep #2` has its "
                                "prep.\n")
    (globex,) = await world.say("/debrief prep globex")
    assert globex.text.startswith("Same day: Acme at 10:00 first - `/debrief prep #1` has "
                                  "its prep.\n")


async def test_each_evening_message_names_the_other_interview_that_day() -> None:
    world = World()
    await world.say(ACME)
    await world.say(GLOBEX)
    first, _ = world.nudges(NudgeKind.PREP)
    world.clock.set(first.due_at)
    messages = await deliver_due(world)
    assert len(messages) == 2
    lines = sorted(m.text.split("\n")[1] for m in messages)
    assert lines == ["Same day: Acme at 10:00 first - `/debrief prep #1` has its prep.",
                     "Same day: Globex at 15:00 too - `/debrief prep #2` has its prep."]


async def test_an_hour_before_an_interview_of_unknown_kind_prep_keeps_it_to_one_line() -> None:
    world = World()
    await world.say('/debrief interview Initech when:"in 1 hour"')
    (prep,) = await world.say("/debrief prep")
    (kind,) = [f for f in prep.fields if f.name == "If you don't know the format"]
    assert kind.value.startswith("Check the invite, or ask at the start")
    assert not any(f.name == "What differs by kind of interview" for f in prep.fields)


async def test_logging_one_an_hour_ahead_points_at_what_fits_in_the_hour() -> None:
    """"… gets you ready (research checklist, your questions, your stories)" an hour before."""
    (logged,) = await World().say('/debrief interview Initech when:"in 90 minutes"')
    assert "`/debrief prep #1` has what's worth doing in the 1 h 30 min left, the logistics " \
           "first." in logged.text
    (ahead,) = await World().say('/debrief interview Initech when:"fri 10:00"')
    assert "gets you ready (research checklist, your questions, your stories)" in ahead.text
