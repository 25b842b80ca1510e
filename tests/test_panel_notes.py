"""The panel question's names reach the notes: "Each gets a note of their own" is what the
question promises, so the summary and `/debrief draft` greet every person named there."""

from __future__ import annotations

import pytest
from test_service import ANSWERS, World

from bot.notes import parse_interviewers
from bot.notes.panel import topics_by_person

PANEL = ("2", "my churn model cut churn 12%", "Dana Smith, Lee Park and sam",
         "their data platform", "not yet", "their move to dbt", "1",
         "what's the hardest part of the dbt move?", "4", "by friday")


async def test_each_person_named_on_the_panel_gets_a_note() -> None:
    world = World()
    await world.say("/debrief interview Initech type:panel")
    for answer in PANEL:
        replies = await world.say(answer)
    (summary,) = replies
    assert summary.copy_text is not None and summary.copy_text.split("\n")[2] == "Hi Dana,"
    assert "This one is for Dana; `/debrief draft` has one for each of the 3 people" \
        in summary.text
    focus = next(f for f in summary.fields if f.name.startswith("One thing to focus on"))
    assert "Dana, Lee and Sam" in focus.value
    drafts = await world.say("/debrief draft")
    greetings = [line for r in drafts for line in (r.copy_text or "").split("\n")
                 if line.startswith("Hi ")]
    assert greetings == ["Hi Dana,", "Hi Lee,", "Hi Sam,"]


async def test_a_panel_answer_without_names_keeps_the_one_note() -> None:
    world = World()
    await world.say("/debrief interview Initech type:panel")
    for answer in (*PANEL[:2], "forgot their names tbh", *PANEL[3:]):
        replies = await world.say(answer)
    (summary,) = replies
    assert summary.copy_text is not None and "Hello," in summary.copy_text
    assert "Forgot" not in summary.copy_text and "/debrief draft` has one" not in summary.text


async def test_an_answer_with_no_name_in_it_is_asked_about_once_not_greeted() -> None:
    """Typed at the wrong question ("whats the team like?"), it used to give "Hi Whats,";
    "a guy from finance" gave "Hi Finance,"."""
    world = World()
    await world.say('/debrief interview Initech type:panel interviewer:"Dana Smith"')
    for answer in PANEL[:2]:
        await world.say(answer)
    (ask,) = await world.say("whats the team like? and how do you measure impact?")
    assert ask.text.startswith("I couldn't find a name in that")
    assert [a.label for a in ask.actions] == ["Skip"]
    (_next,) = await world.say("lee park and a guy from finance")  # kept, whatever it is
    for answer in PANEL[3:]:
        replies = await world.say(answer)
    (summary,) = replies
    drafts = await world.say("/debrief draft")
    greetings = [line for r in drafts for line in (r.copy_text or "").split("\n")
                 if line.startswith(("Hi ", "Hello"))]
    assert greetings == ["Hi Dana,", "Hi Lee,", "Hello,"]  # the one from finance: no name
    assert summary.copy_text is not None and "Whats" not in summary.copy_text


@pytest.mark.parametrize("typed", ["the incident review story", "the conflict one"])
def test_a_thing_after_an_article_is_no_one_to_greet(typed: str) -> None:
    """The answer of another question, typed at "who was on the panel?", gave a note that
    opened "Hi Incident,"; after an article only a job leads to a name."""
    assert parse_interviewers(typed) == []
    assert [p.name for p in parse_interviewers("the recruiter anna, the cto sam")] == [
        "Anna", "Sam"]


async def test_not_knowing_the_names_is_not_asked_again() -> None:
    world = World()
    await world.say("/debrief interview Initech type:panel")
    for answer in PANEL[:2]:
        await world.say(answer)
    (next_question,) = await world.say("idk, forgot to ask 😬")
    assert "couldn't find a name" not in next_question.text


async def panel_focus(company: str, answers: tuple[str, ...]) -> tuple[World, str]:
    """A panel reflected with ``answers``: the world and the summary's focus paragraph."""
    world = World()
    await world.say(f"/debrief interview {company} type:panel")
    for answer in answers:
        replies = await world.say(answer)
    (summary,) = replies
    return world, next(f.value for f in summary.fields
                       if f.name.startswith("One thing to focus on"))


async def test_each_panel_member_gets_their_own_topic_from_one_answer() -> None:
    """"priya asked about X and guy about Y" gave every note X ("Our conversation about our
    churn model" to Guy too); each note now names what that person asked about."""
    world, focus = await panel_focus(
        "Globex", (*PANEL[:2], "priya and guy levi", PANEL[3], "not yet",
                   "priya asked about their churn model and guy about my python tests",
                   *PANEL[6:]))
    assert '("your churn model" to Priya, "my Python tests" to Guy)' in focus
    drafts = await world.say("/debrief draft")
    bodies = [r.copy_text or "" for r in drafts if r.copy_text]
    priya = next(b for b in bodies if "Hi Priya," in b)
    guy = next(b for b in bodies if "Hi Guy," in b)
    assert "your churn model" in priya and "Python" not in priya
    assert "my Python tests" in guy and "churn" not in guy


def test_a_speaker_is_named_before_their_verb_not_inside_the_topic() -> None:
    people = parse_interviewers("Dana Smith, Lee Park and sam, dr maria gonzalez")
    assert topics_by_person(
        "dana grilled me on sql; lee asked about the dbt move, sam about hiring and "
        "Dr Gonzalez on the budget", people) == {
        "Dana Smith": "grilled me on sql", "Lee Park": "asked about the dbt move",
        "Sam": "hiring", "Dr Maria Gonzalez": "the budget"}
    # a name inside the topic is no speaker; one speaker alone leaves the shared reference
    assert topics_by_person("we talked about dana's team and lee's roadmap", people) == {}
    assert topics_by_person("lee asked about the dbt move", people) == {}


async def test_a_note_to_someone_unnamed_is_labelled_as_a_careful_person_writes_it() -> None:
    """"Note 2 of 2: to a guy from hr." now reads "to the guy from HR."."""
    world = World()
    await world.say('/debrief interview Initech interviewer:"priya and a guy from hr"')
    for answer in ANSWERS:
        await world.say(answer)
    drafts = await world.say("/debrief draft")
    labels = [line for r in drafts for line in r.text.split("\n") if line.startswith("Note ")]
    assert labels == ["Note 1 of 2: to Priya.", "Note 2 of 2: to the guy from HR."]
    assert parse_interviewers("tom the cto, the vp of eng")[1].full == "the VP of eng"


async def test_the_focus_names_everyone_a_panel_note_goes_to() -> None:
    """"send Maria and Tom a short note" left out the third note the drafts held, to
    "some guy from sales"."""
    world, focus = await panel_focus(
        "Northwind", (*PANEL[:2], "maria (head of cs), tom and some guy from sales",
                      *PANEL[3:]))
    assert "Maria, Tom and the guy from sales" in focus
    drafts = await world.say("/debrief draft")
    assert "Note 3 of 3: to the guy from sales." in drafts[2].text


async def test_the_panel_named_as_soon_as_panel_is_picked_is_kept_as_the_panel() -> None:
    """Typed at "how memorable were you?", the names were kept as what they'll remember
    ("Specific - "Bhriain" is the kind of detail people repeat to the hiring manager", and
    offered for the story bank), and the panel question was never asked."""
    world = World()
    await world.say("/debrief interview Initech type:panel")
    (kept,) = await world.say("Zoë Ødegaard, Jürgen Weiß and Siobhán Ní Bhriain")
    assert kept.text.startswith("Thanks - I'll keep those as the people on the panel")
    for answer in (PANEL[0], PANEL[1], *PANEL[3:]):
        replies = await world.say(answer)
    (summary,) = replies
    assert "Bhriain\" is the kind of detail" not in summary.text
    drafts = await world.say("/debrief draft")
    greetings = [line for r in drafts for line in (r.copy_text or "").split("\n")
                 if line.startswith("Hi ")]
    assert greetings == ["Hi Zoë,", "Hi Jürgen,", "Hi Siobhán,"]
