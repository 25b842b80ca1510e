"""Prep reads what the person's own earlier reflections say to do differently: the same
checklist went to someone whose last reflection said "didn't ask any questions" and
"researched only the role" as to anyone else."""

from __future__ import annotations

from test_service import World

from bot.values import Reply

FIELD = "What your last reflections say"


async def reflect_on_globex(world: World, *, memorable: str = "2",
                            remember: str = "my churn model cut churn by 3 points",
                            researched: str = "3", questions: str = "none") -> None:
    """A finished reflection on yesterday's interview at Globex (general question set)."""
    await world.say('/debrief interview Globex when:"yesterday 10:00" type:other')
    for answer in (memorable, remember, "their dashboards", "sent", "their dashboards",
                   "friendly and on topic", researched, questions, "4",
                   "five years of SQL reporting", "they didn't say"):
        await world.say(answer)


async def prep_for_initech(world: World, when: str = "fri 14:00") -> Reply:
    await world.say(f'/debrief interview Initech when:"{when}" interviewer:"Priya Raman"')
    (prep,) = await world.say("/debrief prep initech")
    return prep


def lessons(prep: Reply) -> str | None:
    return next((f.value for f in prep.fields if f.name == FIELD), None)


async def test_with_no_reflection_yet_there_is_nothing_to_learn_from() -> None:
    world = World()
    assert lessons(await prep_for_initech(world)) is None


async def test_no_questions_asked_and_research_gaps_come_back_as_what_to_do_first() -> None:
    world = World()
    await reflect_on_globex(world)
    said = lessons(await prep_for_initech(world))
    assert said == (
        "• At Globex you didn't get to ask questions of your own: write your two below "
        "before the day, and ask one as soon as there's an opening.\n"
        "• Before Globex you hadn't looked into the interviewer or the company: those are 4 "
        "and 1 above - don't skip them this time.")


async def test_a_stock_question_is_named_and_two_ready_ones_are_acknowledged() -> None:
    world = World()
    await reflect_on_globex(world, researched="1,2,3,4",
                            questions="what are the next steps?")
    await world.say('/debrief interview Initech when:"fri 14:00"')
    await world.say("/debrief prep question How will the Snowflake move change analyst work?")
    await world.say("/debrief prep question What did Priya's team learn from the Q2 launch?")
    (prep,) = await world.say("/debrief prep")
    assert lessons(prep) == (
        "• At Globex you asked \"what are the next steps\", which any candidate asks: this "
        "time you have two of your own ready - ask one of them early.")


async def test_two_hours_before_it_names_only_what_fits_the_time() -> None:
    world = World()
    await reflect_on_globex(world, researched="1")  # the company only
    said = lessons(await prep_for_initech(world, when="in 2 hours"))
    assert said is not None
    assert "write your two below now" in said
    assert "industry" not in said  # not part of a two-hour prep
    assert "the interviewer or the role: those are 4 and 3 above" in said


async def test_blending_in_points_to_the_story_prep_suggests() -> None:
    world = World()
    await world.say("/debrief stories add Churn fix | churn was 8%; I rebuilt onboarding; 5%")
    await reflect_on_globex(world, memorable="1", remember="i'm a hard worker",
                            researched="1,2,3,4", questions="how do you measure churn today?")
    said = lessons(await prep_for_initech(world))
    assert said == ("• After Globex you felt you blended in: tell story 1 (\"Churn fix\") "
                    "early, with its number.")


async def test_a_pay_question_is_not_called_a_stock_one() -> None:
    world = World()
    await reflect_on_globex(world, researched="1,2,3,4", questions="what's the salary range?")
    assert lessons(await prep_for_initech(world)) is None


async def test_before_a_technical_round_the_hardest_question_elsewhere_comes_first() -> None:
    world = World()
    await world.say('/debrief interview Globex when:"yesterday 10:00" type:technical')
    for answer in ("2", "I designed a rate limiter on the whiteboard",
                   "system design for their queue, I froze on sharding", "sent",
                   "their queue design", "1", "none", "4", "6 years of Go", "skip"):
        await world.say(answer)
    await world.say('/debrief interview Initech when:"fri 14:00" type:technical')
    (prep,) = await world.say("/debrief prep")
    said = lessons(prep)
    assert said is not None
    assert said.startswith("• At Globex you found \"system design for their queue, I froze on "
                           "sharding\" hardest: go over it before the day")
    assert said.count("•") == 2
