"""Reflections typed on a phone by someone tired - lowercase, no punctuation, shorthand - and
the sentences of the note the interviewer receives from them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from test_service import ANSWERS, World

from bot.model import Interview
from bot.notes import (
    NoteRequest,
    Phrase,
    RefusalReason,
    bring_phrase,
    compose,
    reference_phrase,
)
from bot.notes.followups import follow_up_email
from bot.notes.skills import listed_skills


def note(reference: str, company: str = "acme", bring: str | None = None) -> str:
    (only,) = compose(NoteRequest(company=company, seed=1, interviewer="sarah",
                                  references=(reference,), bring=bring))
    return " ".join(only.body.split())


def read_as(typed: str) -> str | RefusalReason:
    """The reference's words, or why it cannot be one."""
    read = reference_phrase(typed)
    return read.text if isinstance(read, Phrase) else read.reason


@pytest.mark.parametrize(("typed", "phrase"), [
    ("we talked about the teams plans", "the team's plans"),
    ("the companys roadmap", "the company's roadmap"),
    ("their ceos vision for the product", "your CEO's vision for the product"),
    ("the teams plans to expand", "the team's plans to expand"),
    # plural, as typed: a verb, a joint or an -ing word after it
    ("the teams working on search", "the teams working on search"),
    ("how the teams work together", "how the teams work together"),
])
def test_a_possessive_typed_without_its_apostrophe_gets_it(typed: str, phrase: str) -> None:
    assert read_as(typed) == phrase


def test_the_teams_plans_read_as_the_teams_in_the_note() -> None:
    assert "about the team's plans" in note("we talked about the teams plans")


@pytest.mark.parametrize(("typed", "company", "shown"), [
    ("globexs move to microservices", "globex", "Globex's move to microservices"),
    ("we talked about intitechs move to the cloud", "Initech",
     "Initech's move to the cloud"),  # the company misspelt: as the employer writes it
    ("the projects i ran at globx", "Globex", "the projects I ran at Globex"),
])
def test_the_company_in_the_reference_is_spelled_as_the_employer_writes_it(
        typed: str, company: str, shown: str) -> None:
    assert shown in note(typed, company)


@pytest.mark.parametrize(("typed", "kept"), [
    ("how they strip out legacy code", "strip out legacy code"),  # a word, not the company
    ("we talked about the stripes on their logo", "the stripes on their logo"),
])
def test_a_word_near_the_company_name_stays_as_typed(typed: str, kept: str) -> None:
    assert kept in note(typed, "stripe")


@pytest.mark.parametrize(("typed", "phrase"), [
    ("python sql", "my Python and SQL"),
    ("6 yrs spark airflow dbt", "my 6 years of Spark, Airflow and dbt"),
    ("sql python and stakeholder mgmt", "my SQL, Python and stakeholder management"),
    ("react typescript graphql", "my React, TypeScript and GraphQL"),
    ("java kotlin", "my Java and Kotlin"),
    ("power bi excel", "my Power BI and Excel"),  # a name of two words stays one
])
def test_skills_typed_without_commas_are_a_list_in_the_note(typed: str, phrase: str) -> None:
    assert bring_phrase(typed) == phrase


def test_python_sql_reads_python_and_sql_in_the_note() -> None:
    assert "drawing on my Python and SQL" in note("their kafka migration", bring="python sql")


@pytest.mark.parametrize("typed", ["how I react to feedback", "the spark of it",
                                   "spark sql", "react native"])
def test_a_word_that_is_a_tool_only_beside_others_stays_as_typed(typed: str) -> None:
    assert listed_skills(typed) == typed


@pytest.mark.parametrize(("typed", "phrase"), [
    ("we talked abt their new app launch n my react work",
     "your new app launch and my React work"),
    ("ur compression algorithm n how u scale it",
     "your compression algorithm and how you scale it"),
    ("how they r moving from quickbooks to netsuite",
     "how you are moving from QuickBooks to NetSuite"),
    ("section n of the doc", "section n of the doc"),  # a letter, not "and"
])
def test_phone_shorthand_is_written_out_in_the_note(typed: str, phrase: str) -> None:
    assert read_as(typed) == phrase


@pytest.mark.parametrize("typed", ["idk mostly behavioral qs", "behavioural questions",
                                   "the usual coding questions", "situational questions"])
def test_the_kind_of_questions_asked_is_asked_about_not_put_in_the_note(typed: str) -> None:
    assert read_as(typed) is RefusalReason.GENERIC


@pytest.mark.parametrize(("typed", "phrase"), [
    ("what they r looking for in an analyst", "what you are looking for in an analyst"),
    ("what they care about", "what you care about"),
    ("what the team is working on", "what the team is working on"),
    ("the tools they work with", "the tools they work with"),
    ("their plans for", "your plans"),  # a dangling "for" still comes off
])
def test_a_phrasal_verb_keeps_its_last_word(typed: str, phrase: str) -> None:
    assert read_as(typed) == phrase


def test_an_interest_shared_with_a_named_interviewer_is_the_topic() -> None:
    """It read "It was useful to hear that the interviewer sarah was really into hiking like
    me." in the note to Sarah."""
    body = note("the interviewer sarah was really into hiking like me")
    assert "Our conversation about hiking" in body or "about hiking." in body
    assert "sarah" not in body and "like me" not in body


def test_a_list_of_topics_is_not_read_as_a_fact() -> None:
    """"the tps reports and their new ticketing system" was said as a fact ("It was useful
    to hear that the tps reports …"): "reports" there is a noun."""
    read = reference_phrase("the tps reports n their new ticketing system")
    assert isinstance(read, Phrase) and not read.fact


@pytest.mark.parametrize("typed", ["they asked about my gap year", "my career break",
                                   "the gap in my cv"])
def test_time_away_from_work_is_kept_out_of_the_note(typed: str) -> None:
    assert read_as(typed) is RefusalReason.PRIVATE


@pytest.mark.parametrize("typed", ["hablamos de su nueva app y de mi experiencia con python",
                                   "wir haben über ihre neue app gesprochen",
                                   "nous avons parlé de leur nouvelle app"])
def test_an_answer_in_another_language_is_not_pasted_into_the_english_note(typed: str) -> None:
    assert read_as(typed) is RefusalReason.OTHER_LANGUAGE
    assert bring_phrase("experiencia con python y sql") is None


@pytest.mark.parametrize(("typed", "phrase"), [
    ("their office in la", "your office in la"),
    ("the café de la paix project", "the café de la paix project"),
])
def test_a_foreign_name_in_an_english_answer_stays(typed: str, phrase: str) -> None:
    assert read_as(typed) == phrase


async def test_the_reflection_asks_for_the_topic_in_english_and_the_note_uses_it() -> None:
    """It put "Our conversation about hablamos de su nueva app y de mi experiencia con
    Python" in the note."""
    world = World()
    await world.say("/debrief interview soylent interviewer:carlos type:other")
    for answer in ANSWERS[:4]:
        await world.say(answer)
    (asked,) = await world.say("hablamos de su nueva app y de mi experiencia con python")
    assert "in a few English words" in asked.text
    await world.say("their new app")
    for answer in ANSWERS[5:]:
        replies = await world.say(answer)
    note = replies[0].copy_text or ""
    assert "about your new app" in note and "hablamos" not in note


@pytest.mark.parametrize(("typed", "sentence", "subject"), [
    ("sr. data eng", "the Sr. Data Engineer role", "Sr. Data Engineer"),
    ("jr swe", "the Jr. SWE role", "Jr. SWE"),
    ("frontend dev", "the frontend developer role", "Frontend Developer"),
    ("eng manager", "the engineering manager role", "Engineering Manager"),
    ("sr product mgr", "the Sr. Product Manager role", "Sr. Product Manager"),
    ("devops engineer", "the devops engineer role", "DevOps Engineer"),
])
def test_a_role_typed_short_is_written_out_as_the_posting_writes_it(
        typed: str, sentence: str, subject: str) -> None:
    (only,) = compose(NoteRequest(company="stripe", seed=1, role=typed))
    assert f" {sentence} at Stripe" in " ".join(only.body.split())
    assert only.subject == f"Thank you - {subject} interview"


@pytest.mark.parametrize(("typed", "phrase"), [
    ("the system design question about the url shortener", "the URL shortener"),
    ("the case study part about their pricing", "your pricing"),
])
def test_the_question_they_asked_gives_its_topic(typed: str, phrase: str) -> None:
    """"Our conversation about the system design question about the url shortener"."""
    assert read_as(typed) == phrase


@pytest.mark.parametrize(("typed", "phrase"), [
    ("haccp and product development", "my HACCP and product development"),
    ("cpa and 4 yrs in audit", "my CPA and 4 years in audit"),
])
def test_a_qualification_typed_in_lowercase_is_written_in_capitals(typed: str,
                                                                   phrase: str) -> None:
    assert bring_phrase(typed) == phrase


def test_a_second_topic_said_as_stuff_is_left_out_of_the_note() -> None:
    """"Our conversation about your new app launch and my react stuff" read casual."""
    read = reference_phrase("we talked abt their new app launch n my react stuff")
    assert isinstance(read, Phrase) and read.text == "your new app launch" and read.shortened


@pytest.mark.parametrize(("typed", "phrase"), [
    ("5 yrs react n some node", "my 5 years of React and some Node"),
    ("c++ and distributed systems", "my C++ and distributed systems"),
])
def test_a_language_beside_its_trade_is_written_with_its_capitals(typed: str,
                                                                  phrase: str) -> None:
    assert bring_phrase(typed) == phrase


@pytest.mark.parametrize(("typed", "phrase"), [
    # "our conversation about your Power BI dashboards and asked how id improve them"
    ("tom showed me their power bi dashboards n asked how id improve them",
     "your Power BI dashboards"),
    ("their expansion into the uk and how they r hiring",
     "your expansion into the UK and how you are hiring"),
    ("my airflow dags", "my Airflow DAGs"),
])
def test_the_topic_stops_before_their_next_question_and_keeps_its_capitals(
        typed: str, phrase: str) -> None:
    assert read_as(typed) == phrase


def test_what_you_bring_and_the_role_are_written_out() -> None:
    assert bring_phrase("i closed 1.2m in new business last yr") == \
        "my experience closing 1.2m in new business last year"
    (only,) = compose(NoteRequest(company="globex", seed=1, role="account exec"))
    assert only.subject == "Thank you - Account Executive interview"


def test_how_the_interviewer_treated_them_never_goes_in_the_note() -> None:
    """The note to Jo said "It was useful to hear that you were 20 mins late and kept
    interrupting me."."""
    body = note("she was 20 mins late and kept interrupting me but we talked about their "
                "crm migration")
    assert "late" not in body and "interrupting" not in body
    assert "about your CRM migration" in body


@pytest.mark.parametrize(("typed", "read"), [
    ("he was on his phone the whole time", RefusalReason.NEGATIVE),
    ("why their pipelines keep breaking lol", RefusalReason.NEGATIVE),
    ("mostly the comp range n bonus structure but also their fraud models",
     "your fraud models"),  # was "also your fraud models"
])
def test_a_problem_stays_out_and_the_topic_after_it_stays_in(
        typed: str, read: str | RefusalReason) -> None:
    assert read_as(typed) == read


def test_a_name_typed_with_the_shift_key_slipping_is_written_properly() -> None:
    (only,) = compose(NoteRequest(company="hooli", seed=1, interviewer="sArAh mcdonald"))
    assert only.body.startswith("Hi Sarah,")


@pytest.mark.parametrize(("typed", "phrase"), [
    ("the cmo talked abt their q1 campaign n brand refresh",
     "your Q1 campaign and brand refresh"),  # was "the cmo talked about your Q1 campaign …"
    ("their 5 yr plan and where id fit in it", "your 5 year plan and where I'd fit in it"),
    ("their plans for next yr", "your plans for next year"),
    ("the user id field", "the user id field"),
])
def test_who_spoke_and_shorthand_come_off_the_topic(typed: str, phrase: str) -> None:
    assert read_as(typed) == phrase


def test_an_interview_that_was_a_blur_is_asked_about() -> None:
    """"idk tbh it was a blur" gave "Our conversation about a blur has stayed with me"."""
    assert read_as("idk tbh it was a blur") is RefusalReason.GENERIC
    assert read_as("it was mostly about their roadmap") == "your roadmap"


def test_employers_typed_in_lowercase_are_written_as_they_write_their_names() -> None:
    assert bring_phrase("logistics, sap and 3 yrs at dhl") == \
        "my logistics, SAP and 3 years at DHL"
    assert bring_phrase("my placement year at tesco") == "my placement year at Tesco"


def test_an_interviewers_possessive_reads_right_in_each_note_of_a_panel() -> None:
    """"we talked about sarahs team" was pasted as "sarahs team" into Sarah's own note."""
    to_sarah, to_mike = compose(NoteRequest(company="acme", seed=2, interviewer="sarah and mike",
                                            references=("we talked about sarahs team",)))
    assert "about your team" in to_sarah.body and "sarahs" not in to_sarah.body
    assert "about Sarah's team" in to_mike.body


def test_the_follow_up_email_reads_the_possessive_as_its_reader_does() -> None:
    interview = Interview(user_id=1, company="acme", happens_at=datetime(2026, 12, 1, tzinfo=UTC),
                          logged_at=datetime(2026, 12, 1, tzinfo=UTC), id=3, interviewer="sarah",
                          answers={"reference": "we talked about sarahs team"})
    email = follow_up_email(interview, sender="Ann Lee", number=1)
    assert "Our conversation about your team" in email.body


def test_three_test_tools_in_a_row_are_a_list() -> None:
    """"my cypress playwright selenium" went into the note."""
    assert bring_phrase("cypress playwright selenium") == "my Cypress, Playwright and Selenium"


def test_what_one_panel_member_showed_is_theirs_in_the_others_notes() -> None:
    """"mike showed me his dashboard" gave Sarah "our conversation about your dashboard": a
    dashboard of hers that was never discussed."""
    to_sarah, to_mike = compose(NoteRequest(company="acme", seed=2, interviewer="sarah and mike",
                                            references=("mike showed me his dashboard",)))
    assert "about Mike's dashboard" in to_sarah.body
    assert "about your dashboard" in to_mike.body
    to_sarah, _ = compose(NoteRequest(company="acme", seed=2, interviewer="sarah and mike",
                                      references=("mike said he is migrating to k8s",)))
    assert "about how Mike is migrating to k8s" in to_sarah.body


@pytest.mark.parametrize(("typed", "phrase"), [
    ("Priya leads the data team", "how Priya leads the data team"),
    ("Kafka is their main tool", "Kafka is your main tool"),
])
def test_a_name_with_its_verb_reads_as_a_clause(typed: str, phrase: str) -> None:
    assert read_as(typed) == phrase



async def test_a_move_between_two_tools_is_spelled_and_the_line_after_it_says_which(
        ) -> None:
    """"their move from rails to go and how on-call works" read "your move from rails to
    go …, I'd welcome the chance to work on it": the tools in lowercase, and "it" one of
    two topics. Eight interviews, so each wording after the reference is read."""
    from test_service import ANSWERS, INTERVIEW, World

    from bot.notes.compose import compose, request_for

    world = World()
    await world.say(INTERVIEW)
    typed = [*ANSWERS]
    typed[4] = "their move from rails to go and how on-call works"
    typed[9] = "5 years of go and payments experience"
    for answer in typed:
        await world.say(answer)
    for seed in range(8):
        interview = replace(world.interview(), id=100 + seed)  # the wording follows the id
        request = request_for(interview, sender="Ann Lee", now=interview.happens_at,
                              window=world.bot.config.thank_you_window)
        note = compose(request)[0].body
        assert "your move from Rails to Go and how on-call works" in note, note
        assert "on it" not in note and "with it" not in note, note
