"""What people really type as "what did you discuss", and the sentence the note makes of
it: a second thought after a comma, a leading "idk", a vague "pretty much everything"."""

from __future__ import annotations

import pytest
from test_service import World

from bot.notes import (
    NoteRequest,
    Phrase,
    Refusal,
    RefusalReason,
    bring_phrase,
    compose,
    reference_phrase,
)


@pytest.mark.parametrize(("typed", "phrase"), [
    ("we talked about their move to snowflake and dbt, she said they have a backlog of "
     "dashboards", "your move to Snowflake and dbt"),
    ("their roadmap, they're rebuilding search", "your roadmap"),
    ("idk, their data platform i think", "your data platform"),
    ("idk but their churn model", "your churn model"),
    ("the data team and how they hire", "the data team and how they hire"),  # no comma: kept
])
def test_the_reference_keeps_the_topic_not_the_second_thought(typed: str, phrase: str) -> None:
    read = reference_phrase(typed)
    assert isinstance(read, Phrase) and read.text == phrase


@pytest.mark.parametrize("typed", ["pretty much everything lol",
                                   "honestly idk, we talked about a lot",
                                   "a little bit of everything"])
def test_a_vague_answer_is_asked_about_not_pasted(typed: str) -> None:
    read = reference_phrase(typed)
    assert not isinstance(read, Phrase) and read.reason is RefusalReason.GENERIC


async def test_the_note_reads_as_a_sentence_the_person_would_send() -> None:
    world = World()
    await world.say("/debrief interview Acme role: data analyst with: Dana Smith "
                    "type:recruiter")
    for answer in ("2", "idk", "the team is moving to snowflake", "not yet",
                   "we talked about their move to snowflake and dbt, she said they have a "
                   "backlog of dashboards", "yeah", "what are the next steps"):
        await world.say(answer)
    (summary,) = await world.say("they said by friday")
    assert summary.copy_text is not None
    assert "Our conversation about your move to Snowflake and dbt has stayed with me" in \
        summary.copy_text.replace("\n", " ")
    assert "you said" not in summary.copy_text


@pytest.mark.parametrize("typed", ["it was a good chat", "great conversation honestly",
                                   "So honestly it was a pretty chill call. 🙏",
                                   "a quick and friendly chat"])
def test_how_the_call_felt_is_not_a_topic_for_the_note(typed: str) -> None:
    read = reference_phrase(typed)
    assert not isinstance(read, Phrase) and read.reason is RefusalReason.GENERIC


@pytest.mark.parametrize(("typed", "phrase"), [
    ("their weekly planning meeting", "your weekly planning meeting"),
    ("the quarterly planning talk", "the quarterly planning talk"),
])
def test_a_meeting_that_is_the_topic_is_kept(typed: str, phrase: str) -> None:
    read = reference_phrase(typed)
    assert isinstance(read, Phrase) and read.text == phrase


async def test_a_good_chat_is_asked_about_before_it_goes_in_the_note() -> None:
    world = World()
    await world.say("/debrief interview Acme with: Dana Smith type:recruiter")
    for answer in ("2", "idk", "skip", "not yet"):
        await world.say(answer)
    (again,) = await world.say("it was a good chat")
    assert again.text.startswith("That could be said after any interview, so it won't "
                                 "remind them of you.")
    for answer in ("their move to snowflake", "1", "none"):
        await world.say(answer)
    (summary,) = await world.say("skip")
    assert summary.copy_text is not None and "good chat" not in summary.copy_text
    assert "your move to Snowflake" in summary.copy_text


@pytest.mark.parametrize(("typed", "phrase"), [
    # caps lock on: the note does not shout (was "your NEW WAREHOUSE IN DALLAS")
    ("THEY TALKED A LOT ABOUT THEIR NEW WAREHOUSE IN DALLAS!!!", "your new warehouse in Dallas"),
    # a word typed twice (was "Our conversation about the the rollout…")
    ("we discussed the the rollout of their new erp system in europe",
     "the rollout of your new ERP system in Europe"),
    ("their SQL and AWS setup", "your SQL and AWS setup"),  # capitals that are names stay
])
def test_the_note_reads_calm_and_without_a_doubled_word(typed: str, phrase: str) -> None:
    read = reference_phrase(typed)
    assert isinstance(read, Phrase) and read.text == phrase


def test_why_their_project_drags_stays_out_and_the_project_stays_in() -> None:
    read = reference_phrase("we went over their migration from a monolith to microservices "
                            "and why its been slow 🙃")
    assert isinstance(read, Phrase)
    assert read.text == "your migration from a monolith to microservices"
    assert reference_phrase("why they've been stuck on the migration").reason is \
        RefusalReason.NEGATIVE  # type: ignore[union-attr]


@pytest.mark.parametrize(("typed", "phrase"), [
    ("how theyre moving to snowflake", "how you're moving to Snowflake"),
    ("whats next for their api", "what's next for your API"),
    ("how its going with the new app", "how it's going with the new app"),
    ("its roadmap", "its roadmap"),  # the possessive stays
])
def test_an_apostrophe_left_out_is_put_back(typed: str, phrase: str) -> None:
    read = reference_phrase(typed)
    assert isinstance(read, Phrase) and read.text == phrase


@pytest.mark.parametrize("typed", ["my availability and salary expectations honestly",
                                   "my background", "the role", "my availability"])
def test_what_every_interview_covers_is_asked_about_not_put_in_the_note(typed: str) -> None:
    """"Our conversation about my availability has stayed with me since" was a recruiter
    note's whole reference."""
    read = reference_phrase(typed)
    assert not isinstance(read, Phrase) and read.reason is RefusalReason.GENERIC


@pytest.mark.parametrize(("typed", "phrase"), [
    ("sql and tableau, 3 yrs at a retail co",
     "my SQL and Tableau, and 3 years at a retail company"),
    ("2 years of hplc and mass spec in a qc lab", "my 2 years of HPLC and mass spec in a QC lab"),
    ("5 years at Acme Co", "my 5 years at Acme Co"),  # a company's own "Co" stays
])
def test_what_you_bring_is_spelled_as_in_a_letter(typed: str, phrase: str) -> None:
    assert bring_phrase(typed) == phrase


def test_a_react_project_is_written_with_its_capital() -> None:
    read = reference_phrase("he asked about my react project")
    assert isinstance(read, Phrase) and read.text == "my React project"


@pytest.mark.parametrize(("typed", "phrase"), [
    ("uhh we talked abt their new mobile app i think", "your new mobile app"),
    ("they asked alot about my experince with salesforce", "my experience with Salesforce"),
    ("they were super impressed w my portfolio", "my portfolio"),
    ("we talked about thier roadmap w/ the design team", "your roadmap with the design team"),
    ("honestly we just vibed about marketing lol", "marketing"),
])
def test_chat_shorthand_is_written_out_for_a_letter(typed: str, phrase: str) -> None:
    read = reference_phrase(typed)
    assert isinstance(read, Phrase) and read.text == phrase


@pytest.mark.parametrize(("typed", "phrase"), [
    ("lots of excel lol", "my Excel"),  # was "my lots of Excel"
    # was "a lot of energy": the stock phrase in, the experience out
    ("i bring a lot of energy and ive managed teams of 10",
     "my experience managing teams of 10"),
    ("sql, and i've built dashboards for 200 users", None),  # was "my SQL, and I've built…"
])
def test_what_you_bring_keeps_the_experience_not_the_filler(typed: str,
                                                           phrase: str | None) -> None:
    assert bring_phrase(typed) == phrase


@pytest.mark.parametrize(("typed", "phrase"), [
    # the verb after "plan to" is the plan's (was "how your plan to move support to 24/7")
    ("THEIR PLAN TO MOVE SUPPORT TO 24/7", "your plan to move support to 24/7"),
    ("their plans to hire 3 analysts", "your plans to hire 3 analysts"),
    ("their plan to build a new data platform", "your plan to build a new data platform"),
    ("the move to snowflake is going well", "how the move to Snowflake is going well"),
])
def test_a_plan_to_do_something_is_a_topic_not_a_clause(typed: str, phrase: str) -> None:
    read = reference_phrase(typed)
    assert isinstance(read, Phrase) and read.text == phrase


@pytest.mark.parametrize(("typed", "phrase"), [
    # how the interviewer came across is no topic (was "It was helpful to hear that the
    # interviewer was super nice"); what followed it is
    ("the interviewer was super nice and we talked about hiking", "hiking"),
    ("she was lovely and we discussed their mobile roadmap", "your mobile roadmap"),
    ("they went deep on my sql, window functions etc", "my SQL, window functions"),
    # an aside in brackets with its own speaker comes off; a detail stays
    ("their customer churn problem (they lose like 30% a year)", "your customer churn problem"),
    ("the team structure (4 squads)", "the team structure (4 squads)"),
])
def test_asides_about_the_people_and_in_brackets_stay_out(typed: str, phrase: str) -> None:
    read = reference_phrase(typed)
    assert isinstance(read, Phrase) and read.text == phrase


def test_a_nice_interviewer_alone_is_asked_about() -> None:
    read = reference_phrase("the interviewer was super nice")
    assert not isinstance(read, Phrase) and read.reason is RefusalReason.GENERIC


STORY = ("So basically the interview started with the hiring manager asking me about my "
         "background and I went through my resume, then we got into the main technical part "
         "where they asked me to design a notification system for their mobile app and I "
         "talked about queues and fan-out and how we did it at my last job, and then she "
         "asked a lot of follow up questions about retries which I think went okay, and at "
         "the end we talked a bit about their plan to move everything to event-driven "
         "architecture next year.")


def test_a_whole_story_pasted_gives_what_they_talked_about_not_its_first_clause() -> None:
    """It went into the note as "Our conversation about the interview started with the
    hiring manager asking me about my background has stayed with me since."."""
    (note,) = compose(NoteRequest(company="Acme", seed=1, references=(STORY,)))
    assert "about your plan to move everything to event-driven architecture next year" \
        in note.body
    assert "the interview started" not in note.body


def test_a_whole_story_with_no_topic_named_asks_for_the_short_version() -> None:
    story = STORY.replace("we talked a bit about", "I got through")
    assert reference_phrase(story) == Refusal(RefusalReason.TOO_LONG)


@pytest.mark.parametrize(("typed", "phrase"), [
    ("6 yrs at AT&T on data infra", "my 6 years at AT&T on data infra"),  # was "at&T"
    ("cut etl costs 40% at at&t", "my experience cutting ETL costs 40% at AT&T"),
    ("3 years in retail ops at h&m", "my 3 years in retail ops at H&M"),
])
def test_an_employer_with_an_ampersand_is_not_taken_for_a_doubled_word(
        typed: str, phrase: str) -> None:
    assert bring_phrase(typed) == phrase
