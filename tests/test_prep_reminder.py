"""The prep message the evening before names the interview and what is left of the
person's own prep: it said "Twenty minutes now makes it easier: a short research
checklist, two questions …" to everyone, including someone who had done it all."""

from __future__ import annotations

from test_prep_lessons import reflect_on_globex
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
        "Dana Smith's profile, two questions only you could ask and one story said out loud."
        "\nNo story saved yet: save one tonight in a line - `/debrief stories add <title> | "
        "what happened, what you did, the result` (with a number if you can).")
    assert delivered.actions[0].label == "Prepare now"


async def test_prep_begun_that_afternoon_is_counted_and_only_the_rest_is_asked() -> None:
    world = World()
    await world.say(LOG)
    await world.say("/debrief prep tick 3, 4")
    await world.say("/debrief prep question How is the Looker rollout changing reporting?")
    await world.say("/debrief prep question What did the Q3 churn study change for the team?")
    delivered = await evening_before(world)
    assert delivered.text.split("\n")[0].endswith(
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


# The evening message names the story to have ready from their bank, and why: it said
# "one story said out loud" to someone with stories saved, without naming one.
NUMBERS = "/debrief stories add Churn fix | churn was 8%; I rebuilt onboarding; it fell to 5%"
PM = ("/debrief stories add Scope fight | the PM and I disagreed on scope for the launch; "
      "I pushed back with data and we agreed to cut two features")
SQL = ("/debrief stories add Report rebuild | I rewrote our weekly reporting in SQL and "
       "moved it to Looker")


def story_line(delivered: Reply) -> str:
    return delivered.text.split("\n")[1]


async def test_blending_in_last_time_names_the_story_with_a_number_in_it() -> None:
    world = World()
    for story in (PM, SQL, NUMBERS):
        await world.say(story)
    await reflect_on_globex(world, memorable="1", remember="i'm a hard worker")
    await world.say(LOG)
    assert story_line(await evening_before(world)) == (
        'Have story 3 ("Churn fix") ready: its result is in numbers, and that\'s what they '
        "remember - after Globex you felt you blended in.")


async def test_what_they_noted_worrying_about_picks_the_story_about_it() -> None:
    world = World()
    for story in (NUMBERS, PM, SQL):
        await world.say(story)
    await world.say('/debrief interview Acme when:"fri 10:00" notes:"worried about the sql '
                    'test"')
    assert story_line(await evening_before(world)) == (
        'Have story 3 ("Report rebuild") ready: it\'s about SQL, which your notes for this '
        "one mention.")


async def test_a_panel_gets_a_second_story_for_what_the_first_does_not_show() -> None:
    world = World()
    for story in (NUMBERS, PM):
        await world.say(story)
    await world.say('/debrief interview Acme when:"fri 10:00" type:panel')
    assert story_line(await evening_before(world)) == (
        'Have story 1 ("Churn fix") ready: it shows a result you can put in numbers, which a '
        'panel interview often asks about; and story 2 ("Scope fight") for a disagreement '
        "you worked through, which a panel interview often asks about.")


async def test_the_planned_story_is_the_one_named_and_none_once_said_out_loud() -> None:
    world = World()
    for story in (NUMBERS, PM):
        await world.say(story)
    await world.say(LOG)
    await world.say("/debrief prep story 2")
    assert story_line(await evening_before(world)) == (
        'Have story 2 ("Scope fight") ready - the one you planned to tell.')
    other = World()
    await other.say(NUMBERS)
    await other.say(LOG)
    await other.say("/debrief prep practised")
    assert "Have story" not in (await evening_before(other)).text


async def test_prep_on_demand_names_the_same_story_as_the_evening_message() -> None:
    """/debrief prep said "Say story 1 out loud" while the evening message named story 3,
    the one about what their notes say they worry about."""
    world = World()
    for story in (NUMBERS, PM, SQL):
        await world.say(story)
    await world.say('/debrief interview Acme when:"fri 10:00" notes:"worried about the sql '
                    'test"')
    (prep,) = await world.say("/debrief prep acme")
    stories = next(f.value for f in prep.fields if f.name == "Stories for this one")
    assert stories.startswith("3. Report rebuild")
    assert "Say story 3 out loud once" in stories
    assert story_line(await evening_before(world)).startswith('Have story 3 ("Report rebuild")')


async def test_a_word_of_the_job_title_is_no_reason_to_pick_a_story() -> None:
    """"it's about data, like the Data Analyst role", for a story that said "with data"."""
    world = World()
    await world.say(PM)
    await world.say('/debrief interview Acme when:"fri 10:00" role:"data analyst"')
    line = story_line(await evening_before(world))
    assert "about data" not in line
    assert line == 'Have story 1 ("Scope fight") ready: it shows a disagreement you worked through.'


async def test_standing_out_rated_lowest_picks_the_story_with_a_number() -> None:
    world = World()
    for story in (PM, NUMBERS):
        await world.say(story)
    await reflect_on_globex(world, memorable="2", remember="skip", researched="1,2,3,4",
                            questions="how do you measure churn today?")
    await world.say('/debrief interview Acme when:"fri 10:00"')
    assert story_line(await evening_before(world)) == (
        'Have story 2 ("Churn fix") ready: its result is in numbers, and that\'s what they '
        "remember - standing out is where your reflections score lowest.")
